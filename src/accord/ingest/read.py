"""Reading one input into a `Source`: the only module of ingest that does I/O.

Each format's reader gets bytes, turns them into text and metadata with the pure
modules, and hands over to `build_source`. Every failure, expected or not, leaves
as one `IngestError` naming the input: a bad file never stops a run.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..model import Source
from .build import build_source
from .dates import parse_iso
from .discover import DEFAULT_MAX_BYTES, SUPPORTED, InputRef, extension
from .encoding import decode
from .errors import IngestError, Unreadable
from .html import decode_html, extract_html
from .markdown import strip_markdown
from .pdf import extract_pdf
from .url import fetch, is_url

_FORMATS = {".txt": "txt", ".md": "md", ".html": "html", ".htm": "html", ".pdf": "pdf"}


def read_source(
    ref: InputRef, *, max_bytes: int = DEFAULT_MAX_BYTES, timeout: float = 20.0
) -> Source:
    """Read, decode, clean and mark one input; raises `IngestError` (never anything else)."""
    try:
        if is_url(ref.location):
            fetched = fetch(ref.location, max_bytes=max_bytes, timeout=timeout)
            return parse_bytes(
                fetched.data, fmt=fetched.format, name=ref.name, location=ref.location,
                charset=fetched.charset, url=fetched.url,
            )  # fmt: skip
        data = _read_file(ref.location, max_bytes)
        return parse_bytes(data, fmt=_format_of(ref), name=ref.name, location=ref.location)
    except IngestError:
        raise
    except Unreadable as e:
        raise IngestError(ref.name, e.reason) from e
    except RecursionError as e:
        raise IngestError(ref.name, "too deeply nested to read") from e
    except MemoryError as e:
        raise IngestError(ref.name, "out of memory while reading") from e
    except Exception as e:  # a bug or a surprise in a library: still one line, not a traceback
        raise IngestError(ref.name, f"cannot read ({type(e).__name__}: {e})") from e


def parse_bytes(
    data: bytes,
    *,
    fmt: str,
    name: str,
    location: str,
    charset: str | None = None,
    url: str | None = None,
) -> Source:
    """The content of one input, already in memory, to a `Source`. Raises `Unreadable`."""
    if not data.strip():
        raise Unreadable("empty")
    if fmt == "pdf":
        doc = extract_pdf(data)
        return build_source(
            doc.text, name=name, location=location, format="pdf",
            title=doc.title, author=doc.author, published=doc.published,
        )  # fmt: skip
    if fmt == "html":
        page = extract_html(decode_html(data, charset), url=url)
        site = page.site or (_host(url) if url else "")
        return build_source(
            page.text, name=name, location=location, format="html", title=page.title,
            author=page.author, site=site, published=page.published,
            headings=page.headings, captions=page.captions,
        )  # fmt: skip
    text = decode(data, charset).text
    if not text.strip():
        raise Unreadable("empty")
    if fmt == "md":
        md = strip_markdown(text)
        title = md.front.get("title", "") or (md.headings[0] if md.headings else "")
        author = md.front.get("author", "")
        published = parse_iso(md.front.get("date") or md.front.get("published"))
        return build_source(
            md.text, name=name, location=location, format="md", title=title, author=author,
            published=published, headings=md.headings, captions=md.captions,
        )  # fmt: skip
    return build_source(text, name=name, location=location, format="txt")


def _format_of(ref: InputRef) -> str:
    ext = extension(ref.location) or extension(ref.name)
    if ext not in _FORMATS:
        raise Unreadable(f"unsupported file type {ext or '(none)'!r} (supported: {' '.join(SUPPORTED)})")
    return _FORMATS[ext]


def _read_file(location: str, max_bytes: int) -> bytes:
    path = Path(location)
    try:
        size = os.stat(path).st_size
        if size > max_bytes:
            raise Unreadable(f"too large: {size} bytes exceeds the limit of {max_bytes} bytes")
        with open(path, "rb") as f:
            data = f.read(max_bytes + 1)
    except IsADirectoryError as e:
        raise Unreadable("is a folder, not a file") from e
    except PermissionError as e:
        raise Unreadable("permission denied") from e
    except FileNotFoundError as e:
        raise Unreadable("no such file or directory") from e
    except OSError as e:
        raise Unreadable((e.strerror or type(e).__name__).lower()) from e
    if len(data) > max_bytes:
        raise Unreadable(f"too large: over {max_bytes} bytes exceeds the limit of {max_bytes} bytes")
    return data


def _host(url: str) -> str:
    from urllib.parse import urlparse

    return urlparse(url).hostname or ""
