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

from datetime import date

from accord.model import TimeMention, TimeValue

from .ages import find_ages, time_from_age
from .tagger import Timex, tag

__all__ = ["Timex", "find_ages", "find_times", "parse_time", "tag", "time_from_age"]


def find_times(text: str, *, document_date: date | None = None,
               language: str = "en") -> list[TimeMention]:
    """The time expressions of `text` that can be placed on the calendar."""
    return [TimeMention(t.start, t.end, t.text, t.time)
            for t in tag(text, document_date=document_date, language=language)
            if t.time is not None]


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
