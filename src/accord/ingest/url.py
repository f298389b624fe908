"""Fetching a URL: one GET with a timeout and a size limit, errors in one line.

The content type (or, when the server does not say, the first bytes and the URL's
extension) decides whether the body is read as HTML, PDF or text.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from email.message import Message

from .errors import Unreadable

USER_AGENT = "accord/0.1 (+source comparison tool)"
_CHUNK = 65536
_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/pdf": "pdf",
    "application/x-pdf": "pdf",
    "text/plain": "txt",
    "text/markdown": "md",
    "text/x-markdown": "md",
}
_EXTENSIONS = {".html": "html", ".htm": "html", ".pdf": "pdf", ".txt": "txt", ".md": "md"}


@dataclass(frozen=True, slots=True)
class Fetched:
    data: bytes
    format: str  # html | pdf | txt | md
    charset: str | None
    url: str  # after redirects


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def fetch(url: str, *, max_bytes: int, timeout: float) -> Fetched:
    """GET `url`; raises `Unreadable` with the HTTP status or network reason."""
    try:
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    except ValueError as e:
        raise Unreadable(f"invalid URL ({e})") from e
    deadline = time.monotonic() + timeout
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise Unreadable(_too_large(int(length), max_bytes))
            chunks: list[bytes] = []
            size = 0
            while True:
                if time.monotonic() > deadline:
                    raise Unreadable(f"timed out after {timeout:g}s")
                # read1: whatever has arrived (one receive), so a server that trickles
                # bytes meets the deadline instead of filling a whole chunk first
                chunk = response.read1(_CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                if size > max_bytes:
                    raise Unreadable(_too_large(size, max_bytes, at_least=True))
                chunks.append(chunk)
            headers: Message = response.headers
            final = response.geturl() or url
    except Unreadable:
        raise
    except urllib.error.HTTPError as e:
        raise Unreadable(f"HTTP {e.code} {e.reason}".strip()) from e
    except urllib.error.URLError as e:
        if isinstance(e.reason, TimeoutError):
            raise Unreadable(f"timed out after {timeout:g}s") from e
        raise Unreadable(f"cannot fetch ({e.reason})") from e
    except TimeoutError as e:
        raise Unreadable(f"timed out after {timeout:g}s") from e
    except (OSError, ValueError) as e:  # connection reset, bad status line, bad URL
        raise Unreadable(f"cannot fetch ({type(e).__name__}: {e})") from e
    data = b"".join(chunks)
    content_type = (headers.get_content_type() or "").lower() if headers.get("Content-Type") else ""
    fmt = sniff_format(data, content_type, final)
    return Fetched(data, fmt, headers.get_content_charset(), final)


def sniff_format(data: bytes, content_type: str, url: str) -> str:
    """html | pdf | txt | md from the content type, the first bytes, then the extension."""
    if content_type in _TYPES:
        return _TYPES[content_type]
    head = data[:2048].lstrip().lower()
    if head.startswith(b"%pdf"):
        return "pdf"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "html"
    path = urllib.parse.urlparse(url).path.lower()
    for ext, fmt in _EXTENSIONS.items():
        if path.endswith(ext):
            return fmt
    if content_type and not content_type.startswith("text/") and content_type != "application/octet-stream":
        raise Unreadable(f"unsupported content type {content_type!r}")
    return "txt"


def _too_large(size: int, limit: int, at_least: bool = False) -> str:
    more = "over " if at_least else ""
    return f"too large: {more}{size} bytes exceeds the limit of {limit} bytes"
