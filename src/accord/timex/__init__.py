"""Time expressions: find them, normalise them to TimeML values and to intervals.

Dates are where sources disagree most, so every date-like phrase accord reads goes
through here: absolute dates at any precision, seasons, decades, centuries, spans,
Old Style (Julian) dates, and relative expressions anchored on the document date
or on the last time the text mentioned. English and Russian.

    tag(text, document_date=..., language="en")   -> [Timex]        every expression
    find_times(text, ...)                          -> [TimeMention]  those placed in time
    parse_time("summer 1942")                      -> TimeValue | None
    find_ages(text)                                -> [(start, end, text, years)]
    time_from_age(18, birth)                       -> TimeValue (anchor=EVENT)
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from accord.model import Precision, TimeMention, TimeValue

from .ages import find_ages, time_from_age
from .tagger import Timex, tag

__all__ = ["Timex", "find_ages", "find_times", "parse_time", "tag", "time_from_age"]


def find_times(text: str, *, document_date: date | None = None,
               language: str = "en") -> list[TimeMention]:
    """The time expressions of `text` that can be placed on the calendar; one the text
    calls approximate ("c. 1850", "around 1850", "около 1850 года") is widened
    (`approximate`), and its text keeps the word that says so."""
    out = []
    for t in tag(text, document_date=document_date, language=language):
        if t.time is None:
            continue
        cue = _APPROXIMATE.search(text, max(0, t.start - 24), t.start)
        if cue is not None and t.time.precision in APPROXIMATE_WIDTH:
            out.append(TimeMention(cue.start(), t.end, text[cue.start():t.end],
                                   approximate(t.time, text[cue.start():t.end])))
        else:
            out.append(TimeMention(t.start, t.end, t.text, t.time))
    return out


# the words that make a date approximate, right before it
_APPROXIMATE = re.compile(
    r"(?<![\w.])(?:c\.|ca\.|circa|around|about|approximately|roughly|около|примерно|"
    r"приблизительно|ок\.)\s*$", re.IGNORECASE)
# how far an approximate date may lie from the one written, by its precision, in
# years, months or days: "c. 1850" is compatible with 1849 and 1852, not with 1860
APPROXIMATE_WIDTH = {Precision.YEAR: 2, Precision.MONTH: 1, Precision.DAY: 3}


def approximate(tv: TimeValue, text: str) -> TimeValue:
    """`tv` as an approximate date: its interval widened by `APPROXIMATE_WIDTH`, its
    value marked approximate as in EDTF ("1850~")."""
    n = APPROXIMATE_WIDTH[tv.precision]
    if tv.precision is Precision.YEAR:  # 1 January .. 31 December
        early, late = tv.earliest.replace(year=tv.earliest.year - n), \
            tv.latest.replace(year=tv.latest.year + n)
    elif tv.precision is Precision.MONTH:  # the first of the month before .. the last of the next
        early = _add_months(tv.earliest, -n)
        late = _add_months(tv.latest.replace(day=1), n + 1) - timedelta(days=1)
    else:
        early, late = tv.earliest - timedelta(days=n), tv.latest + timedelta(days=n)
    return replace(tv, earliest=early, latest=late, precision=Precision.INTERVAL, text=text,
                   label=f"{tv.normalized}~")


def _add_months(day: date, months: int) -> date:
    """The first day of the month `months` after `day`'s."""
    k = day.year * 12 + day.month - 1 + months
    return date(k // 12, k % 12 + 1, 1)


def parse_time(expr: str, *, document_date: date | None = None,
               language: str = "en") -> TimeValue | None:
    """The interval of one time expression ("1942", "early 1942", "14 сентября 1900 года").

    The whole string is taken to be a time, so a bare year counts without the
    context words running text would need.
    """
    expr = expr.strip()
    if not expr:
        return None
    best = _longest(tag(expr, document_date=document_date, language=language))
    if best is None or best.end - best.start < len(expr) * 0.6:
        lead = "в " if language.lower().startswith("ru") else "in "
        shifted = _longest(tag(lead + expr, document_date=document_date, language=language))
        if shifted is not None and (best is None or shifted.end - shifted.start > best.end - best.start):
            best = shifted
    return None if best is None else best.time


def _longest(timexes: list[Timex]) -> Timex | None:
    placed = [t for t in timexes if t.time is not None]
    return max(placed, key=lambda t: t.end - t.start, default=None)
