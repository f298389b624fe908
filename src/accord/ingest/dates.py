"""A small parser for the dates that pages print about themselves.

Datelines are written in a handful of shapes ("Friday, September 12, 2008",
"12 сентября 2008 г.", "2019-03-03T10:00Z", "03.03.2019"); a small explicit parser
is predictable where a general one guesses (a general parser reads "May" or
"Sunday" alone as a date relative to today). Pure: no "today" anywhere.
"""

from __future__ import annotations

import re
from datetime import date

_EN_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_RU_MONTHS = {
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7,
    "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
    "январь": 1, "февраль": 2, "март": 3, "апрель": 4, "май": 5, "июнь": 6, "июль": 7,
    "август": 8, "сентябрь": 9, "октябрь": 10, "ноябрь": 11, "декабрь": 12,
    "янв": 1, "фев": 2, "февр": 2, "мар": 3, "апр": 4, "авг": 8, "сен": 9, "сент": 9,
    "окт": 10, "ноя": 11, "нояб": 11, "дек": 12,
}  # fmt: skip
MONTHS = {**_EN_MONTHS, **_RU_MONTHS}

_MONTH = "(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
WEEKDAY = (
    r"(?:(?:mon|tue|tues|wed|wednes|thu|thur|thurs|fri|sat|satur|sun)(?:day)?\.?"
    r"|понедельник|вторник|среда|четверг|пятница|суббота|воскресенье"
    r"|пн|вт|ср|чт|пт|сб|вс)"
)
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_TIME = (
    r"(?:\s*(?:,|\bat\b|\bв\b|[-–—|@·•])?\s*\d{1,2}[:.]\d{2}(?::\d{2})?\s*"
    r"(?:[ap]\.?\s?m\.?)?(?:\s*\(?(?:[A-Z]{2,5}|UTC|GMT|МСК|мск)(?:[+-]\d{1,2})?\)?)?)?"
)
_FORMS = (
    rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b",
    rf"\b(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MONTH},?\s+{_YEAR}\b(?:\s*(?:г\.|года|год|г\b))?",
    r"\b(?P<year>\d{4})-(?P<mon>\d{1,2})-(?P<day>\d{1,2})(?!\d)"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?",
    r"\b(?P<day>\d{1,2})\.(?P<mon>\d{1,2})\.(?P<year>\d{4})\b(?:\s*(?:г\.|года|г\b))?",
)
# Any of the forms, without group names, to build larger patterns from.
DATE = re.sub(r"\?P<\w+>", "?:", "(?:" + "|".join(f"(?:{f})" for f in _FORMS) + ")")
_DATE_RE = [re.compile(f, re.I) for f in _FORMS]
# A whole date, with an optional weekday before and a time after.
FULL_DATE = rf"(?:{WEEKDAY},?\s+)?{DATE}{_TIME}"
_FULL_RE = re.compile(rf"(?:{WEEKDAY},?\s+)?(?P<date>{DATE}){_TIME}", re.I)


def _make(year: str, mon: str, day: str) -> date | None:
    month = MONTHS.get(mon.lower().rstrip(".")) if not mon.isdigit() else int(mon)
    if not month:
        return None
    try:
        y = int(year)
        if not 1000 <= y <= 2999:
            return None
        return date(y, month, int(day))
    except ValueError:
        return None


def parse_date(text: str) -> date | None:
    """The first day-precise date written in `text`, or None."""
    best: tuple[int, date] | None = None
    for rx in _DATE_RE:
        for m in rx.finditer(text):
            d = _make(m.group("year"), m.group("mon"), m.group("day"))
            if d is not None:
                if best is None or m.start() < best[0]:
                    best = (m.start(), d)
                break
    return best[1] if best else None


def parse_whole_date(text: str) -> date | None:
    """A date when `text` is nothing but a date (weekday and time allowed), else None."""
    s = text.strip().strip(".,;")
    m = _FULL_RE.fullmatch(s)
    if not m:
        return None
    return parse_date(m.group("date"))


def parse_iso(value: str | None) -> date | None:
    """A date from metadata strings such as "2019-03-03" or "2019-03-03T10:00:00Z"."""
    if not value:
        return None
    m = re.match(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})", value)
    if not m:
        return parse_date(value)
    return _make(m.group(1), m.group(2), m.group(3))
