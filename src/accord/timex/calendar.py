"""Calendar arithmetic: Julian <-> Gregorian, month lengths, month and week shifts.

Old Russian and early-modern sources write Julian (Old Style) dates; accord keeps
every interval in the proleptic Gregorian calendar so that sources in different
styles compare. The conversion goes through the Julian Day Number, which is exact
for every century (the offset is 10 days in 1582-1700, 11 in the 1700s, 12 in the
1800s, 13 in 1900-2100). Julian dates are plain (year, month, day) tuples because
`datetime.date` cannot hold a Julian-only day such as 29 February 1900.
"""

from __future__ import annotations

import calendar as _cal
from datetime import date, timedelta

_ORDINAL_EPOCH = 1721425  # JDN of proleptic Gregorian 0000-12-31, so ordinal = jdn - epoch


def month_days(year: int, month: int) -> int:
    """Days in a Gregorian month."""
    return _cal.monthrange(year, month)[1]


def julian_month_days(year: int, month: int) -> int:
    """Days in a Julian month: every fourth year is a leap year, no exceptions."""
    if month == 2:
        return 29 if year % 4 == 0 else 28
    return (31, 0, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]


def valid_gregorian(year: int, month: int, day: int) -> bool:
    return 1 <= year <= 9999 and 1 <= month <= 12 and 1 <= day <= month_days(year, month)


def valid_julian(year: int, month: int, day: int) -> bool:
    return 2 <= year <= 9998 and 1 <= month <= 12 and 1 <= day <= julian_month_days(year, month)


def julian_to_jdn(year: int, month: int, day: int) -> int:
    a = (14 - month) // 12
    y = year + 4800 - a
    m = month + 12 * a - 3
    return day + (153 * m + 2) // 5 + 365 * y + y // 4 - 32083


def jdn_to_julian(jdn: int) -> tuple[int, int, int]:
    c = jdn + 32082
    d = (4 * c + 3) // 1461
    e = c - 1461 * d // 4
    m = (5 * e + 2) // 153
    day = e - (153 * m + 2) // 5 + 1
    month = m + 3 - 12 * (m // 10)
    year = d - 4800 + m // 10
    return year, month, day


def julian_to_gregorian(year: int, month: int, day: int) -> date:
    """The proleptic Gregorian date of a Julian (Old Style) calendar date."""
    return date.fromordinal(julian_to_jdn(year, month, day) - _ORDINAL_EPOCH)


def gregorian_to_julian(d: date) -> tuple[int, int, int]:
    """The Julian (Old Style) calendar date of a Gregorian date."""
    return jdn_to_julian(d.toordinal() + _ORDINAL_EPOCH)


def gregorian_to_jdn(year: int, month: int, day: int) -> int:
    a = (14 - month) // 12
    y = year + 4800 - a
    m = month + 12 * a - 3
    return day + (153 * m + 2) // 5 + 365 * y + y // 4 - y // 100 + y // 400 - 32045


def julian_offset(year: int, month: int, day: int) -> int:
    """Days the Gregorian calendar runs ahead of the Julian on a written date."""
    return julian_to_jdn(year, month, day) - gregorian_to_jdn(year, month, day)


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    """(year, month) shifted by n months."""
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def shift_day(d: date, days: int) -> date | None:
    try:
        return d + timedelta(days=days)
    except OverflowError:
        return None


def week_bounds(d: date) -> tuple[date, date]:
    """Monday..Sunday of the ISO week holding d."""
    monday = d - timedelta(days=d.weekday())
    return monday, monday + timedelta(days=6)
