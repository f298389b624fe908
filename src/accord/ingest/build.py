"""Assembling a `Source` from decoded text: normalise, read metadata, clean, mark zones.

The one place where the pure steps meet; every reader ends here, so a text file, a
page and a PDF go through the same boilerplate pass and the same zone rules.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date

from ..model import Source
from .boilerplate import clean
from .errors import Unreadable
from .language import detect_language
from .metadata import extract
from .text import normalize
from .zones import find_zones


def source_id(clean_text: str) -> str:
    """"s" + the first 16 hex digits of the SHA-256 of the clean text."""
    return "s" + hashlib.sha256(clean_text.encode("utf-8")).hexdigest()[:16]


def build_source(
    raw_text: str,
    *,
    name: str,
    location: str,
    format: str = "txt",
    title: str = "",
    author: str = "",
    site: str = "",
    published: date | None = None,
    headings: Iterable[str] = (),
    captions: Iterable[str] = (),
) -> Source:
    """A cleaned `Source`; metadata given by the reader wins over what the text states.

    Raises `Unreadable("empty")` when there is no text, and a reason of its own when
    nothing but page furniture was there.
    """
    text = normalize(raw_text)
    if not text.strip():
        raise Unreadable("empty")
    stated = extract(text)
    cleaned = clean(text)
    if not cleaned.text.strip():
        raise Unreadable("no text left after removing page boilerplate")
    repeated = [r.text for r in cleaned.removed if r.reason == "repeated caption"]
    zones = find_zones(
        cleaned.text,
        headings=[normalize(h) for h in headings],
        captions=[normalize(c) for c in (*captions, *repeated)],
    )
    return Source(
        id=source_id(cleaned.text),
        name=name,
        location=location,
        text=cleaned.text,
        format=format,
        title=" ".join(title.split()) or stated.title,
        author=" ".join(author.split()) or stated.author,
        site=" ".join(site.split()),
        published=published or stated.published,
        language=detect_language(cleaned.text),
        zones=zones,
        removed=cleaned.removed,
    )
