"""Ages as times: "at age 18" is a time once the subject's birth date is known.

Biographies date events by age as often as by year; `find_ages` finds the phrases
and `time_from_age` turns one into an interval from a birth TimeValue, so that
"he enlisted at 18" can be compared with "he enlisted in 1919".
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from accord.model import Anchor, Precision, TimeValue

from .lexicon import EN_NUMBER_WORD_RE, RU_NUMBER_WORD_RE, en_number, ru_number

_AGE = re.compile(
    rf"\b(?:at\s+(?:the\s+)?age\s+(?:of\s+)?|aged\s+|at\s+)(?P<n>\d{{1,3}}|{EN_NUMBER_WORD_RE})"
    rf"(?P<tail>\s+years?\s+(?:of\s+age|old))?(?![\w,.]\d|\w)"
    rf"|\bв\s+возрасте\s+(?P<r>\d{{1,3}}|{RU_NUMBER_WORD_RE})\s+(?:лет|года?)(?![а-яё])",
    re.I)


def find_ages(text: str) -> list[tuple[int, int, str, int]]:
    """(start, end, text, years) for "at age 18", "at the age of 18", "aged 18",
    "at 18 years of age", "в возрасте 18 лет"; a bare "at 18" needs "years old/of age"."""
    out: list[tuple[int, int, str, int]] = []
    for m in _AGE.finditer(text):
        g = m.group(0)
        if m.group("r"):
            n = ru_number(m.group("r"))
        else:
            low = g.lower()
            if not low.startswith(("at age", "at the age", "aged")) and not m.group("tail"):
                continue  # "at 18" alone is a clock time or a count
            s = m.group("n")
            n = int(s) if s.isdigit() else en_number(s)
        if n is None or not 0 <= n <= 130:
            continue
        out.append((m.start(), m.end(), g, n))
    return out


def _add_years(d: date, years: int, *, late: bool) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February in a common year
        return date(d.year + years, 3, 1) if not late else date(d.year + years, 2, 28)


def time_from_age(years: int, birth: TimeValue, text: str = "") -> TimeValue:
    """When someone born in `birth` was `years` old: from the earliest possible
    birthday to the day before the latest possible next birthday."""
    lo = _add_years(birth.earliest, years, late=False)
    hi = _add_years(birth.latest, years + 1, late=True) - timedelta(days=1)
    return TimeValue(lo, hi, Precision.INTERVAL, text=text, calendar=birth.calendar,
                     anchor=Anchor.EVENT)
