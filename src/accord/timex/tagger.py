"""From text to Timexes: collect candidates, choose, combine, anchor in reading order.

1. every rule proposes candidates (spans with a Spec);
2. overlapping candidates are settled: the longest wins, then the surer rule;
3. neighbours combine: a modifier in front ("early", "the end of"), a part of the day
   ("the afternoon of"), a clock time and its day, two dates joined into a range;
4. the survivors are anchored left to right, each relative expression against the
   document date or the last time placed before it, as a reader would.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from accord.model import Precision, TimeValue

from . import english, russian
from .candidate import CLOCK, DATE, DAYLIKE, NEEDS_MOD, YEAR, Cand
from .spec import Ctx, Spec, resolve


@dataclass(frozen=True, slots=True)
class Timex:
    """One time expression: TimeML type and value, and its interval when placeable."""

    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str
    time: TimeValue | None


def _collect(text: str, language: str) -> list[Cand]:
    out: list[Cand] = []
    lang = (language or "en").lower()[:2]
    if lang != "ru":
        out.extend(english.candidates(text))
    if lang != "en" or _has_cyrillic(text):
        out.extend(russian.candidates(text))
    return out


_CYRILLIC = re.compile(r"[а-яА-ЯёЁ]")


def _has_cyrillic(text: str) -> bool:
    return _CYRILLIC.search(text) is not None


_POSSESSIVE = ("'s", "’s")


_LEADING_HEDGE = re.compile(
    r"(?:about|around|roughly|approximately|just|only|over|right|barely|some)\s+", re.I)


def _trim(text: str, c: Cand) -> Cand:
    """Leave out what TimeML annotators leave out: a possessive ending ("Friday's"; a
    decade's "1990's" keeps it) and a leading hedge ("about five hours", "right now")."""
    p = c.spec.partial
    if text[c.end - 2:c.end] in _POSSESSIVE and p.decade is None and p.century is None:
        c = replace(c, end=c.end - 2)
    m = _LEADING_HEDGE.match(text, c.start, c.end)
    while m and m.end() < c.end:
        c = replace(c, start=m.end())
        m = _LEADING_HEDGE.match(text, c.start, c.end)
    return c


def _select(cands: list[Cand], size: int) -> list[Cand]:
    """Non-overlapping candidates: longest first, then priority, then leftmost."""
    chosen: list[Cand] = []
    taken = bytearray(size)
    for c in sorted(cands, key=lambda c: (-c.length, -c.priority, c.start, c.end)):
        if c.length <= 0 or taken.find(1, c.start, c.end) != -1:
            continue
        chosen.append(c)
        taken[c.start:c.end] = b"\x01" * c.length
    return sorted(chosen, key=lambda c: c.start)


def _with_prefixes(text: str, cands: list[Cand], language: str) -> list[Cand]:
    """Attach modifiers in front: "early 1942", "the end of the year", "the morning of"."""
    out: list[Cand] = []
    prev_end = 0
    modder = russian.prefix_mod if language == "ru" else english.prefix_mod
    for c in cands:
        if DATE in c.tags and c.spec.kind in ("abs", "fill", "rel"):
            found = modder(text, c.start)
            if found is None and language != "ru" and _has_cyrillic(text[max(0, c.start - 30):c.start]):
                found = russian.prefix_mod(text, c.start)
            if found is not None and found[0] >= prev_end:
                start, part = found
                spec = c.spec if part is None or c.spec.part else replace(c.spec, part=part)
                c = replace(c, start=start, spec=spec, tags=c.tags - {NEEDS_MOD})
        if DAYLIKE in c.tags and language != "ru":
            found_tod = english.prefix_tod(text, c.start)
            if found_tod is not None and found_tod[0] >= prev_end and not c.spec.tod:
                start, tod = found_tod
                if tod == "WEEK":  # "the week of March 6"
                    spec = Spec("rel", source="previous", grain="week", sub=(c.spec,))
                    c = replace(c, start=start, spec=spec, tags=c.tags - {DAYLIKE})
                else:
                    c = replace(c, start=start, type="TIME", spec=replace(c.spec, tod=tod))
        if NEEDS_MOD in c.tags:
            continue
        out.append(c)
        prev_end = c.end
    return out


_CLOCK_GLUE = re.compile(r"\s*,?\s*(?:on\s+)?$")
_RANGE_GLUE = re.compile(r"^\s*(?P<c>-|–|—|to|until|till|through|thru|and|по|до|и)\s*$", re.I)
_RANGE_LEAD = re.compile(r"(?P<w>from|between|с|со|между|от)\s+$", re.I)


def _combine(text: str, cands: list[Cand], ranges: bool = True) -> list[Cand]:
    """Join a clock time to its day, and (unless `ranges` is off) two dates into a range."""
    out: list[Cand] = []
    i = 0
    while i < len(cands):
        c = cands[i]
        nxt = cands[i + 1] if i + 1 < len(cands) else None
        if nxt is not None and CLOCK in c.tags and DAYLIKE in nxt.tags and not nxt.spec.tod \
                and _CLOCK_GLUE.match(text[c.end:nxt.start]) and nxt.start - c.end <= 5:
            spec = replace(nxt.spec, tod=c.spec.tod)
            out.append(replace(nxt, start=c.start, type="TIME", spec=spec, tags=nxt.tags - {DATE}))
            i += 2
            continue
        if ranges and nxt is not None and DATE in c.tags and DATE in nxt.tags \
                and c.spec.kind != "range" \
                and nxt.spec.kind != "range":
            merged = _range(text, c, nxt)
            if merged is not None:
                out.append(merged)
                i += 2
                continue
        out.append(c)
        i += 1
    return out


def _range(text: str, a: Cand, b: Cand) -> Cand | None:
    glue = _RANGE_GLUE.match(text[a.end:b.start])
    if glue is None:
        return None
    conj = glue.group("c").lower()
    lead = _RANGE_LEAD.search(text, max(0, a.start - 10), a.start)
    lw = lead.group("w").lower() if lead else ""
    if conj in ("and", "и") and lw not in ("between", "между"):
        return None
    if conj in ("to", "until", "till", "through", "thru", "по", "до") and not lw and (
            YEAR in a.tags or YEAR in b.tags):
        return None  # "1941 to 1945" without "from" is left to the year-range rule
    if lw in ("between", "между") and conj not in ("and", "и"):
        return None
    if a.spec.kind not in ("abs", "fill") or b.spec.kind not in ("abs", "fill"):
        return None
    start = lead.start() if lead else a.start
    return Cand(start, b.end, "DATE", Spec("range", sub=(a.spec, b.spec)), 50,
                frozenset({DATE}))


def _is_narrative(cands: list[Cand], document_date: date) -> bool:
    """Does the text tell of times far from its document date (a history, a biography)
    rather than report around it (news)? Then yearless dates take the text's year.

    Evidence for reporting: absolute dates within a year of the document date and
    deictic words ("yesterday", "Friday"); for narrating: absolute dates further away.
    """
    near = far = 0
    for c in cands:
        s = c.spec
        if s.kind == "abs" and DATE in c.tags:
            p = s.partial
            y = p.year if p.year is not None else (
                p.decade * 10 + 5 if p.decade is not None else (p.century or 0) * 100 + 50)
            if y <= document_date.year - 2:
                far += 1
            elif y <= document_date.year + 1:
                near += 1
        elif s.kind in ("rel", "weekday") and s.source in ("document", "auto"):
            near += 1
    return far > near


def _updates_reference(spec: Spec, tv: TimeValue | None) -> bool:
    """Does this time become the one later anaphora refer to?

    A look back by whole years ("up from $4 million a year earlier", "the year-ago
    quarter") is a comparison: the text stays at the time it was discussing.
    """
    if tv is None or tv.precision is Precision.INTERVAL or tv.label.endswith("_REF"):
        return False
    return not (spec.kind == "rel" and spec.grain == "year" and spec.n < 0)


def tag(text: str, *, document_date: date | None = None, language: str = "en") -> list[Timex]:
    """All time expressions of `text`, in order, not overlapping, anchored in reading order."""
    return _tag(text, document_date, language, ranges=True)


def tag_timeml(text: str, *, document_date: date | None = None,
               language: str = "en") -> list[Timex]:
    """As `tag`, but with TimeML's extents: a span "from 1941 to 1945" is two timexes.

    accord keeps a span as one interval (one claim, one value); TimeML corpora mark its
    ends separately, so the benchmark scores this form.
    """
    return _tag(text, document_date, language, ranges=False)


def _tag(text: str, document_date: date | None, language: str, *, ranges: bool) -> list[Timex]:
    if not text:
        return []
    lang = (language or "en").lower()[:2]
    cands = [_trim(text, c) for c in _select(_collect(text, lang), len(text))]
    if not ranges:
        cands = [p for c in cands for p in (c.parts or (c,))]
    cands = _with_prefixes(text, cands, lang)
    cands = _combine(text, cands, ranges)
    narrative = document_date is None or _is_narrative(cands, document_date)
    out: list[Timex] = []
    previous: TimeValue | None = None
    history: list[TimeValue] = []
    for c in cands:
        surface = text[c.start:c.end]
        ctx = Ctx(document_date=document_date, previous=previous, narrative=narrative,
                  history=tuple(history[-8:]))
        r = resolve(c.spec, ctx, surface)
        typ = c.type
        if typ == "TIME" and r.time is not None and "T" not in r.value:
            typ = "DATE"
        out.append(Timex(c.start, c.end, surface, typ, r.value, r.time))
        if typ in ("DATE", "TIME") and _updates_reference(c.spec, r.time):
            if previous is not None:
                history.append(previous)
            previous = r.time
    return out
