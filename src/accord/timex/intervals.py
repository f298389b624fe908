"""From calendar fields to intervals and TimeML values.

Every date-like expression is first read into a `Partial` (the calendar fields the
words give: a year, maybe a month, a season, a decade ...). Placing a complete
Partial yields both the TimeValue interval accord reasons with and the TimeML
value string the benchmark compares; keeping both in one place keeps them in step.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from accord.model import Anchor, Precision, TimeValue

from .calendar import add_months, month_days, valid_gregorian, week_bounds

# Season code -> first month; winter starts in December and runs into the next year.
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}

# Modifiers that narrow an interval to a part of it.
PARTS = frozenset({
    "early", "mid", "late", "H1", "H2", "first_days", "last_days", "first_weeks",
    "last_weeks", "first_months", "last_months",
})


@dataclass(frozen=True, slots=True)
class Partial:
    """The calendar fields a time expression states (Gregorian unless `calendar` says)."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    season: str | None = None  # SP SU FA WI
    quarter: int | None = None
    half: int | None = None
    week: int | None = None  # ISO week number; `year` is then the ISO year
    weekend: bool = False
    decade: int | None = None  # 194 for the 1940s
    century: int | None = None  # 18 for the 1800s ("the 19th century")
    part: str | None = None  # early | mid | late | first_days ...
    tod: str | None = None  # TimeML time of day: "MO", "14:30"
    calendar: str = "gregorian"

    @property
    def needs_year(self) -> bool:
        return self.year is None and self.decade is None and self.century is None

    @property
    def grain(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        if self.week is not None:
            return Precision.WEEK
        if self.month is not None:
            return Precision.MONTH
        if self.season is not None:
            return Precision.SEASON
        if self.quarter is not None or self.half is not None:
            return Precision.QUARTER
        if self.year is not None:
            return Precision.YEAR
        if self.decade is not None:
            return Precision.DECADE
        return Precision.CENTURY


def timeml_value(p: Partial) -> str:
    """The TimeML TIMEX3 value of a Partial; unknown fields are written as X."""
    if p.century is not None and p.year is None and p.decade is None:
        return f"{p.century:02d}"
    if p.decade is not None and p.year is None:
        return f"{p.decade:03d}"
    y = "XXXX" if p.year is None else f"{p.year:04d}"
    if p.day is not None:
        mo = "XX" if p.month is None else f"{p.month:02d}"
        v = f"{y}-{mo}-{p.day:02d}"
    elif p.week is not None:
        v = f"{y}-W{p.week:02d}" + ("-WE" if p.weekend else "")
    elif p.month is not None:
        v = f"{y}-{p.month:02d}"
    elif p.season is not None:
        v = f"{y}-{p.season}"
    elif p.quarter is not None:
        v = f"{y}-Q{p.quarter}"
    elif p.half is not None:
        v = f"{y}-H{p.half}"
    else:
        v = y
    if p.tod and p.day is not None:
        v += "T" + p.tod
    return v


def _bounds(p: Partial) -> tuple[date, date] | None:
    """The Gregorian interval of a complete Partial, before any part modifier."""
    if p.century is not None and p.year is None and p.decade is None:
        lo = max(1, p.century * 100)
        return date(lo, 1, 1), date(p.century * 100 + 99, 12, 31)
    if p.decade is not None and p.year is None:
        lo = max(1, p.decade * 10)
        return date(lo, 1, 1), date(p.decade * 10 + 9, 12, 31)
    y = p.year
    if y is None or not 1 <= y <= 9998:
        return None
    if p.day is not None:
        if p.month is None or not valid_gregorian(y, p.month, p.day):
            return None
        d = date(y, p.month, p.day)
        return d, d
    if p.week is not None:
        try:
            monday = date.fromisocalendar(y, p.week, 1)
        except ValueError:
            return None
        lo, hi = week_bounds(monday)
        return (lo + timedelta(days=5), hi) if p.weekend else (lo, hi)
    if p.month is not None:
        return date(y, p.month, 1), date(y, p.month, month_days(y, p.month))
    if p.season is not None:
        m0 = SEASON_START[p.season]
        y2, m2 = add_months(y, m0, 2)
        return date(y, m0, 1), date(y2, m2, month_days(y2, m2))
    if p.quarter is not None:
        m0 = 3 * (p.quarter - 1) + 1
        return date(y, m0, 1), date(y, m0 + 2, month_days(y, m0 + 2))
    if p.half is not None:
        m0 = 6 * (p.half - 1) + 1
        return date(y, m0, 1), date(y, m0 + 5, month_days(y, m0 + 5))
    return date(y, 1, 1), date(y, 12, 31)


def part_of(lo: date, hi: date, part: str) -> tuple[date, date]:
    """Narrow [lo, hi] to the part a modifier names ("early 1942" -> Jan..Apr).

    Whole years split by years (a decade 4/3/3, a century in thirds), whole months
    by months (a year 4/4/4, a season 1/1/1), a month by days (1-10, 11-20, 21-end).
    """
    if part in ("first_days", "last_days", "first_weeks", "last_weeks"):
        n = 10 if part.endswith("days") else 28
        span = (hi - lo).days + 1
        if span <= n:
            return lo, hi
        delta = timedelta(days=n - 1)
        return (lo, lo + delta) if part.startswith("first") else (hi - delta, hi)
    if part in ("first_months", "last_months"):
        months = (hi.year - lo.year) * 12 + hi.month - lo.month + 1
        if months <= 3:
            return lo, hi
        if part.startswith("first"):
            y2, m2 = add_months(lo.year, lo.month, 2)
            return lo, date(y2, m2, month_days(y2, m2))
        y1, m1 = add_months(hi.year, hi.month, -2)
        return date(y1, m1, 1), hi
    whole_years = lo.month == 1 and lo.day == 1 and hi.month == 12 and hi.day == 31
    years = hi.year - lo.year + 1
    if part in ("H1", "H2"):
        thirds = ("early", "late")
        idx = 0 if part == "H1" else 1
        n = 2
    else:
        thirds = ("early", "mid", "late")
        idx = thirds.index(part) if part in thirds else 1
        n = 3
    if whole_years and years >= 2:
        sizes = _split(years, n)
        start = lo.year + sum(sizes[:idx])
        return date(start, 1, 1), date(start + sizes[idx] - 1, 12, 31)
    months = (hi.year - lo.year) * 12 + hi.month - lo.month + 1
    if lo.day == 1 and hi.day == month_days(hi.year, hi.month) and months >= n:
        sizes = _split(months, n)
        y1, m1 = add_months(lo.year, lo.month, sum(sizes[:idx]))
        y2, m2 = add_months(y1, m1, sizes[idx] - 1)
        return date(y1, m1, 1), date(y2, m2, month_days(y2, m2))
    days = (hi - lo).days + 1
    if days < n:
        return lo, hi
    if n == 3 and days >= 28:
        cuts = [(0, 9), (10, 19), (20, days - 1)]
    else:
        sizes = _split(days, n)
        cuts = []
        acc = 0
        for s in sizes:
            cuts.append((acc, acc + s - 1))
            acc += s
    a, b = cuts[idx]
    return lo + timedelta(days=a), lo + timedelta(days=b)


def _split(total: int, n: int) -> list[int]:
    """Split `total` units into n near-equal parts, larger parts first (10 -> 4, 3, 3)."""
    base, extra = divmod(total, n)
    return [base + (1 if i < extra else 0) for i in range(n)]


def place(p: Partial, text: str = "", anchor: Anchor = Anchor.ABSOLUTE,
          calendar: str | None = None) -> tuple[str, TimeValue | None]:
    """TimeML value and interval of a Partial; the interval is None when incomplete."""
    value = timeml_value(p)
    b = _bounds(p)
    if b is None:
        return value, None
    lo, hi = b
    if p.part:
        lo, hi = part_of(lo, hi, p.part)
    grain = p.grain
    label = ""
    if grain in (Precision.SEASON, Precision.QUARTER, Precision.WEEK):
        label = value.split("T")[0]
    tv = TimeValue(lo, hi, grain, text=text, calendar=calendar or p.calendar, anchor=anchor,
                   label=label)
    return value, tv


def partial_of(tv: TimeValue) -> Partial:
    """Read a placed TimeValue back into calendar fields (for anaphora)."""
    e = tv.earliest
    pr = tv.precision
    if pr is Precision.DAY:
        return Partial(year=e.year, month=e.month, day=e.day)
    if pr is Precision.WEEK:
        iso = e.isocalendar()
        return Partial(year=iso[0], week=iso[1])
    if pr is Precision.MONTH:
        return Partial(year=e.year, month=e.month)
    if pr is Precision.SEASON:
        code = tv.label[-2:] if tv.label[-2:] in SEASON_START else None
        return Partial(year=e.year, season=code) if code else Partial(year=e.year)
    if pr is Precision.QUARTER:
        lab = tv.label
        if "-Q" in lab:
            return Partial(year=e.year, quarter=int(lab[-1]))
        if "-H" in lab:
            return Partial(year=e.year, half=int(lab[-1]))
        return Partial(year=e.year, quarter=(e.month - 1) // 3 + 1)
    if pr is Precision.YEAR:
        return Partial(year=e.year)
    if pr is Precision.DECADE:
        return Partial(decade=e.year // 10)
    if pr is Precision.CENTURY:
        return Partial(century=e.year // 100)
    return Partial(year=tv.latest.year)
