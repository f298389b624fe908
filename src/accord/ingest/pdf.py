"""PDF to text and metadata with pypdf.

Text per page, pages joined by a blank line. A PDF that needs a password, a broken
file and a scan without a text layer each get their own clear reason, because the
fix differs (ask for the password, get the file again, run OCR). Pure (bytes in).
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass
from datetime import date

from .errors import Unreadable

logging.getLogger("pypdf").setLevel(logging.CRITICAL)

_JUNK_TITLE = re.compile(r"(?i)^(?:untitled|microsoft word - .*|.*\.(?:docx?|pdf|rtf|odt|tex|indd))$")


@dataclass(frozen=True, slots=True)
class PdfDoc:
    text: str
    title: str = ""
    author: str = ""
    published: date | None = None


def extract_pdf(data: bytes) -> PdfDoc:
    """Text and info of a PDF; raises `Unreadable` with the reason it cannot be read."""
    try:
        from pypdf import PdfReader
        from pypdf.errors import DependencyError, FileNotDecryptedError
    except ImportError as e:  # pragma: no cover - pypdf is a dependency
        raise Unreadable(f"PDF support missing ({e})") from e
    if not data.lstrip()[:1024].count(b"%PDF"):
        raise Unreadable("corrupt PDF: no PDF header")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise Unreadable("encrypted PDF (password required)")
            except DependencyError as e:
                raise Unreadable(f"encrypted PDF (cannot decrypt: {e})") from e
        pages = list(reader.pages)
    except Unreadable:
        raise
    except FileNotDecryptedError as e:
        raise Unreadable("encrypted PDF (password required)") from e
    except (Exception, RecursionError) as e:
        raise Unreadable(f"corrupt PDF: {_short(e)}") from e
    if not pages:
        raise Unreadable("corrupt PDF: no pages")

    texts: list[str] = []
    failures = 0
    for page in pages:
        try:
            texts.append((page.extract_text() or "").strip())
        except (Exception, RecursionError):
            failures += 1
    if failures == len(pages):
        raise Unreadable("corrupt PDF: no page could be read")
    text = "\n\n".join(t for t in texts if t)
    if not text.strip():
        raise Unreadable("no extractable text (scanned PDF? OCR it first)")

    title = author = ""
    published: date | None = None
    try:
        info = reader.metadata
        if info is not None:
            title = _clean_info(info.title)
            author = _clean_info(info.author)
            try:
                created = info.creation_date
            except Exception:
                created = None
            if created is not None:
                published = created.date()
    except Exception:  # broken info dictionaries are common and harmless
        pass
    if _JUNK_TITLE.match(title):
        title = ""
    return PdfDoc(text, title, author, published)


def _clean_info(value: object) -> str:
    return " ".join(str(value).split()) if value else ""


def _short(e: BaseException) -> str:
    msg = " ".join(str(e).split()) or type(e).__name__
    return msg[:160]
