"""HTML to text and metadata: trafilatura first, plain tag stripping as the fallback.

trafilatura finds the article in a page and its metadata (title, author, site,
date). It gives up (returns nothing) or fails on some pages: very deep nesting,
broken markup, pages too short for its thresholds. Then lxml's text, and failing
that the standard library's tolerant parser, still give the words; only a page
with no text at all is an error. Pure (no I/O).
"""

from __future__ import annotations

import html as htmllib
import logging
import re
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser

from .dates import parse_iso
from .encoding import decode
from .errors import Unreadable
from .markdown import strip_markdown

_BLOCK_TAGS = frozenset(
    ["address", "article", "aside", "blockquote", "br", "dd", "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"]
)
_HEADING_TAGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
_SKIP_TAGS = frozenset(["script", "style", "noscript", "template", "head", "svg", "iframe", "object"])
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.I,
)
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)
_FIGCAPTION = re.compile(r"<figcaption\b[^>]*>(.{0,3000}?)</figcaption\s*>", re.I | re.S)
_FIGURE = re.compile(r"<(/?)figure\b", re.I)

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


@dataclass(frozen=True, slots=True)
class HtmlDoc:
    text: str
    headings: tuple[str, ...] = ()
    captions: tuple[str, ...] = ()
    title: str = ""
    author: str = ""
    site: str = ""
    published: date | None = None


def decode_html(data: bytes, declared: str | None = None) -> str:
    """Bytes of a page to text: HTTP charset, then <meta charset>, then detection."""
    if not declared:
        m = _META_CHARSET.search(data[:4096])
        declared = (m.group(1) or m.group(2)).decode("ascii", "replace") if m else None
    return decode(data, declared).text


def extract_html(page: str, url: str | None = None) -> HtmlDoc:
    """The main text of a page (Markdown-stripped, headings kept) and its metadata."""
    title = author = site = ""
    published: date | None = None
    try:
        import trafilatura

        meta = trafilatura.extract_metadata(page, default_url=url)
        if meta is not None:
            title = (meta.title or "").strip()
            author = (meta.author or "").strip()
            site = (meta.sitename or "").strip()
            published = parse_iso(meta.date)
    except Exception:  # metadata is a bonus; the text is what matters
        pass
    if not title:
        m = _TITLE.search(page[:200_000])
        if m:
            title = " ".join(htmllib.unescape(re.sub(r"<[^>]+>", "", m.group(1))).split())

    page, figure_captions = _expose_captions(page)
    text = _trafilatura_text(page, url)
    headings: tuple[str, ...] = ()
    captions: tuple[str, ...] = figure_captions
    if text:
        stripped = strip_markdown(text)
        text, headings = stripped.text, stripped.headings
        captions = (*figure_captions, *stripped.captions)
    else:
        text, headings = _fallback_text(page)
    if not text.strip():
        raise Unreadable("no text in the page")
    if title and not _starts_with(text, title):
        text = f"{title}\n\n{text}"
        headings = (title, *headings)
    return HtmlDoc(text, headings, captions, title, author, site, published)


def _expose_captions(page: str) -> tuple[str, tuple[str, ...]]:
    """Figure captions as paragraphs (extractors drop figures), and their texts as hints."""
    captions: list[str] = []

    def as_paragraph(m: re.Match[str]) -> str:
        words = " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", m.group(1))).split())
        if words:
            captions.append(words)
        return f"<p>{m.group(1)}</p>"

    page = _FIGCAPTION.sub(as_paragraph, page)
    return _FIGURE.sub(r"<\1div", page), tuple(captions)


def _starts_with(text: str, title: str) -> bool:
    key = " ".join(title.split()).casefold()
    head = [" ".join(ln.split()).casefold() for ln in text.split("\n")[:8] if ln.strip()][:3]
    return any(key == ln or key in ln for ln in head)


def _trafilatura_text(page: str, url: str | None) -> str:
    try:
        import trafilatura

        text = trafilatura.extract(
            page,
            url=url,
            output_format="markdown",
            include_formatting=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            favor_recall=True,
            deduplicate=False,
        )
    except (Exception, RecursionError):
        return ""
    return text or ""


def _fallback_text(page: str) -> tuple[str, tuple[str, ...]]:
    """Text of any page, however broken: lxml, then the standard library's parser."""
    text = ""
    try:
        import lxml.html

        doc = lxml.html.document_fromstring(page)
        for el in list(doc.iter(*_SKIP_TAGS)):
            el.drop_tree()
        for el in doc.iter(*_BLOCK_TAGS):
            el.tail = "\n" + (el.tail or "")
        text = doc.text_content()
    except Exception:
        text = ""
    if text.strip():
        return text, ()
    parser = _TextParser()
    try:
        parser.feed(page)
        parser.close()
    except Exception:
        pass
    return "".join(parser.parts), tuple(parser.headings)


class _TextParser(HTMLParser):
    """Collects the text of a page, one line per block; never recurses, never fails."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.headings: list[str] = []
        self._skip = 0
        self._heading: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")
        if tag in _HEADING_TAGS:
            self._heading = []

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")
        if tag in _HEADING_TAGS and self._heading is not None:
            heading = " ".join("".join(self._heading).split())
            if heading:
                self.headings.append(heading)
            self._heading = None

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)
            if self._heading is not None:
                self._heading.append(data)
