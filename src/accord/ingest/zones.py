"""Marking what kind of text each part of a source is: heading, caption, footnote...

Captions, footnotes and reference lists are kept in the text (they can contradict
the body, a finding in itself) but marked, so claims drawn from them can be
labelled. Zones are computed on the final clean text, so their offsets point into
exactly the string that every later stage uses. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..model import Zone
from .lines import is_caption, section_kind, unbullet
from .metadata import byline, dateline, is_title_like
from .text import lines_with_offsets, word_count

_FOOTNOTE_ITEM = re.compile(r"^(?:\[\d{1,4}\]|\^\d{1,4}|\[\^?\w{1,6}\]:)\s*\S")
_NUMBERED_ITEM = re.compile(r"^\d{1,4}(?:\.|\)|\])\s*\S")  # a footnote only inside "Notes"
_INLINE_SOURCES = re.compile(r"^(?:sources?|references?|источник|источники)\s*:\s*\S", re.I)
_MERGED = ("footnote", "reference")


def find_zones(
    text: str, headings: Iterable[str] = (), captions: Iterable[str] = ()
) -> tuple[Zone, ...]:
    """Zones over `text`; `headings`/`captions` are lines a reader knows to be such."""
    heading_set = {h.strip() for h in headings if h.strip()}
    caption_set = {c.strip() for c in captions if c.strip()}
    lines = lines_with_offsets(text)
    kinds: list[str | None] = [None] * len(lines)
    section: str | None = None
    first = next((i for i, (_, s) in enumerate(lines) if s), None)

    for i, (_, s) in enumerate(lines):
        if not s:
            continue
        sk = section_kind(s)
        if sk:
            kinds[i], section = "heading", sk
            continue
        hinted = s in heading_set
        heading = (
            hinted
            or i == first and is_title_like(unbullet(s))  # the title may be long
            or _standalone(lines, i) and _heading_shape(s)
        )
        if section and heading and (hinted or _ends_section(s)):
            section = None
        if _FOOTNOTE_ITEM.match(s) or section == "footnote" and _NUMBERED_ITEM.match(s):
            kinds[i] = "footnote"
        elif section:
            kinds[i] = section
        elif s in caption_set or is_caption(s):
            kinds[i] = "caption"
        elif byline(s):
            kinds[i] = "byline"
        elif dateline(s):
            kinds[i] = "dateline"
        elif _INLINE_SOURCES.match(s):
            kinds[i] = "reference"
        elif heading:
            kinds[i] = "heading"

    zones: list[Zone] = []
    for i, (off, s) in enumerate(lines):
        kind = kinds[i]
        if kind is None:
            continue
        end = off + len(s)
        last = zones[-1] if zones else None
        if last and kind in _MERGED and last.kind == kind and _only_blank_between(lines, kinds, last, i):
            zones[-1] = Zone(last.start, end, kind)
        else:
            zones.append(Zone(off, end, kind))
    return tuple(zones)


def _standalone(lines: list[tuple[int, str]], i: int) -> bool:
    before = i == 0 or not lines[i - 1][1]
    after = i == len(lines) - 1 or not lines[i + 1][1]
    return before and after


def _heading_shape(s: str) -> bool:
    s = unbullet(s)
    return (
        word_count(s) <= 12
        and len(s) <= 100
        and (s[:1].isupper() or s[:1].isdigit())
        and not s.endswith(("!", '"', "”", "»", ")"))
        and is_title_like(s)
    )


def _ends_section(s: str) -> bool:
    """A plain-text heading ends a notes/references section; a short citation does not."""
    return word_count(s) <= 6 and not re.search(r"\d|,|https?://|www\.", s)


def _only_blank_between(
    lines: list[tuple[int, str]], kinds: list[str | None], last: Zone, i: int
) -> bool:
    j = i - 1
    while j >= 0 and not lines[j][1]:
        j -= 1
    return j >= 0 and kinds[j] == last.kind and lines[j][0] + len(lines[j][1]) == last.end
