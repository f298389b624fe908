"""Metadata that a text states about itself: title, byline, dateline, copyright year.

Saved web pages and plain-text files lose their HTML metadata but keep the lines
that printed it: "By NAME", "Автор: ...", "Friday, September 12, 2008",
"Last updated on ...", "Copyright © 2021". These are read here, from whole lines
only, so a sentence of the article is never taken for a byline. Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .boilerplate import furniture_reason
from .dates import parse_date, parse_whole_date
from .lines import is_caption, section_kind, unbullet
from .text import word_count

_NAME_TOKEN = r"(?:(?!(?i:and|und|и)\b)[A-ZА-ЯЁ][\w'’.\-]*)"
_PARTICLE = r"(?:de|da|del|della|der|den|van|von|la|le|di|du|dos|bin|ibn|al|el|y|ter|ten|st\.)"
_NAME = rf"{_NAME_TOKEN}(?:\s+(?:{_PARTICLE}\s+)*{_NAME_TOKEN}){{0,4}}"
_NAMES = rf"{_NAME}(?:\s*(?:,|\b(?i:and|und|и)\b|&)\s*{_NAME}){{0,3}}"
_AUTHOR_LABEL = (
    r"(?i:by|written by|posted by|reported by|story by|words by|text by|article by|"
    r"author|authors|автор|авторы|текст|автор статьи|автор текста)"
)
_EDITOR_LABEL = r"(?i:edited by|editor|editors|редактор|редакция|под редакцией)"
_BYLINE = re.compile(
    rf"(?P<label>{_AUTHOR_LABEL}|{_EDITOR_LABEL})\s*[:\-–—]?\s+(?P<names>{_NAMES})"
    r"(?P<rest>.{0,80})"
)
_EDITOR = re.compile(_EDITOR_LABEL)
_NOT_NAMES = {
    "the", "a", "an", "this", "that", "these", "those", "our", "their", "his", "her", "its",
    "my", "your", "then", "now", "late", "early", "mid", "all", "some", "way", "far", "no",
    "means", "default", "design", "hand", "night", "day", "land", "sea", "air", "order",
    "decree", "law", "контрасту",
}  # fmt: skip
_DATE_LABEL = re.compile(
    r"(?P<label>(?:first |originally )?published(?: on)?|posted(?: on)?|date(?:d| published)?|"
    r"(?:last )?(?:updated|modified|revised|reviewed)(?: on)?|"
    r"опубликовано|дата(?: публикации)?|размещено|обновлено|изменено|"
    r"дата обновления|последнее обновление)\s*[:\-–—]?\s*(?P<rest>.+)",
    re.I,
)
_COPYRIGHT = re.compile(
    r"^(?:copyright\s*(?:©|\(c\))?|©|\(c\)|копирайт)\s*(?:©\s*)?"
    r"(?:(?P<y1>1[5-9]\d\d|2\d\d\d)(?:\s*[-–—]\s*(?P<y2>1[5-9]\d\d|2\d\d\d))?)",
    re.I,
)
_TIME_ONLY = re.compile(r"\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?\s?m\.?)?(?:\s*[A-Z]{2,5})?", re.I)
_TOP_LINES = 30  # bylines, datelines and titles are looked for at the top of the page


@dataclass(frozen=True, slots=True)
class TextMetadata:
    title: str = ""
    author: str = ""
    published: date | None = None


def byline(line: str) -> tuple[str, bool] | None:
    """(names, is_author) when the line is a byline; editors' lines are bylines too."""
    found = _byline(line)
    return (found[0], found[1]) if found else None


def _byline(line: str) -> tuple[str, bool, date | None] | None:
    """Names, whether they are authors (not editors), and a date on the same line."""
    s = unbullet(line).strip()
    if not s or len(s) > 200:
        return None
    m = _BYLINE.fullmatch(s)
    if not m:
        return None
    names = m.group("names").strip().rstrip(",")
    rest = m.group("rest").strip()
    when: date | None = None
    if rest and not re.fullmatch(r"[.,]?", rest):
        rest = re.sub(r"^(?:[,|·•—–\-]|\bon\b|\bat\b|\bin\b)\s*", "", rest, flags=re.I)
        when = parse_date(rest)
        if when is None and not _TIME_ONLY.fullmatch(rest):
            return None
    first = names.split()[0].lower().rstrip(",")  # "A." is an initial, "A" an article
    if first in _NOT_NAMES:
        return None
    if names.endswith(".") and len(names.split()[-1]) > 2:
        names = names[:-1]  # a full stop, not the dot of an initial
    return names, not _EDITOR.fullmatch(m.group("label")), when


def dateline(line: str) -> tuple[date, int] | None:
    """(date, rank) when the line is a dateline; rank 1 = published, 2 = updated."""
    s = unbullet(line).strip()
    if not s or len(s) > 120:
        return None
    d = parse_whole_date(s)
    if d is not None:
        return d, 1
    m = _DATE_LABEL.fullmatch(s)
    if m:
        d = parse_whole_date(m.group("rest"))
        if d is not None:
            updated = re.search(r"updat|modif|revis|review|обновл|измен", m.group("label"), re.I)
            return d, 2 if updated else 1
    return None


def copyright_year(line: str) -> int | None:
    """The year of a copyright line ("Copyright © 2005–2021" gives 2021)."""
    s = unbullet(line).strip()
    if word_count(s) > 40:
        return None
    m = _COPYRIGHT.match(s)
    if not m:
        return None
    return int(m.group("y2") or m.group("y1"))


def is_title_like(line: str) -> bool:
    """A short line that could head the text: not a sentence, date, byline or notice."""
    s = line.strip()
    if not s or len(s) > 200 or word_count(s) > 25:
        return False
    if s.endswith((".", ",", ";", ":")) and not s.endswith("..."):
        return False
    if not any(ch.isalpha() for ch in s) or re.match(r"^(?:https?://|www\.)", s):
        return False
    return not (
        dateline(s) or byline(s) or copyright_year(s) or is_caption(s) or section_kind(s)
        or furniture_reason(s) or s.startswith("[")
    )


def extract(text: str) -> TextMetadata:
    """Title, author and publication date as the text itself states them."""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    top = lines[:_TOP_LINES]
    title = next((unbullet(ln) for ln in top[:10] if is_title_like(unbullet(ln))), "")

    author = ""
    byline_date: date | None = None
    for ln in lines:
        b = _byline(ln)
        if b and b[1]:
            author, byline_date = b[0], b[2]
            break

    published: date | None = None
    best_rank = 9
    for i, ln in enumerate(lines):
        found = dateline(ln)
        if found is None:
            continue
        d, rank = found
        # a bare date far down the page is more likely a date in a list than a dateline
        if i >= _TOP_LINES and rank == 1 and not _DATE_LABEL.fullmatch(unbullet(ln)):
            continue
        if rank < best_rank:
            published, best_rank = d, rank
    if byline_date is not None and best_rank > 1:
        published = byline_date  # "By NAME | March 3, 2019" states the publication date
    if published is None:
        years = [y for ln in lines if (y := copyright_year(ln))]
        if years:
            published = date(max(years), 1, 1)  # weak: the page's copyright year
    return TextMetadata(title=title, author=author, published=published)
