"""ingest: files, folders and URLs to clean `Source` values.

    from accord.ingest import IngestError, InputRef, discover, read_source, source_id

    for item in discover(["pile/", "https://example.org/a.html"]):
        if isinstance(item, IngestError):
            print(item)                      # "notes.pdf: encrypted PDF (password required)"
            continue
        try:
            source = read_source(item)       # text, metadata, zones, removals
        except IngestError as e:
            print(e)

`discover` and `read_source` do the I/O; everything they call (decoding,
Markdown and HTML to text, metadata, boilerplate, zones, language) is pure.
"""

from __future__ import annotations

from .boilerplate import Cleaned, clean
from .build import build_source, source_id
from .discover import SUPPORTED, InputRef, discover
from .errors import IngestError
from .language import detect_language
from .metadata import TextMetadata
from .metadata import extract as extract_metadata
from .read import parse_bytes, read_source
from .zones import find_zones

__all__ = [
    "SUPPORTED",
    "Cleaned",
    "IngestError",
    "InputRef",
    "TextMetadata",
    "build_source",
    "clean",
    "detect_language",
    "discover",
    "extract_metadata",
    "find_zones",
    "parse_bytes",
    "read_source",
    "source_id",
]
