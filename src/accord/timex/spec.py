"""What an expression says, before it is anchored, and how it is anchored.

A pattern only reads words into a `Spec`; `resolve` places a Spec against the
context (document date, last time mentioned). Keeping the two apart means the same
words ("that December") resolve the same way whatever rule found them, and every
anchoring decision lives here, in one readable place.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from accord.model import Anchor, Precision, TimeValue

from .calendar import add_months, month_days
from .intervals import SEASON_START, Partial, partial_of, place, timeml_value


@dataclass(frozen=True, slots=True)
class Spec:
    """The meaning of one time expression, still unanchored.

    kind:
      abs      `partial` is complete ("11 February 1945")
      fill     `partial` lacks its year (or month and year); taken from a reference
               time in `direction`: same | past | future, or news (the occurrence
               nearest a report's date, news-future when the sentence looks ahead):
               "May 8", "that December", "last June"
      rel      the reference time at `grain`, shifted by `n`: "the next day", "last year"
      weekday  the `weekday` nearest the reference in `direction`
      ref      a TimeML token (PRESENT_REF, PAST_REF, FUTURE_REF) in `value`
               (for rel and weekday, `value` "WE" asks for the weekend)
      dur/set  a TimeML duration or set value in `value`; never placed
      range    two Specs in `sub`, placed as one interval
    source: where the reference time comes from:
      document (the document date), previous (the last time in the text, falling
      back to the document date) or auto (previous when the text is narrating a
      distant time, the document date otherwise).
    """

    kind: str
    partial: Partial = field(default_factory=Partial)
    source: str = "auto"
    direction: str = "same"
    grain: str = ""
    n: int = 0
    strict: bool = False  # "last December", "next Friday": never the reference itself
    year_n: int = 0  # years added after filling: "June last year"
    weekday: int = -1
    value: str = ""
    part: str | None = None
    tod: str | None = None
    calendar: str = ""
    sub: tuple[Spec, ...] = ()


@dataclass(frozen=True, slots=True)
class Ctx:
    """What a relative expression may be anchored on."""

    document_date: date | None = None
    previous: TimeValue | None = None
    narrative: bool = False  # the text tells of a time far from its document date
    history: tuple[TimeValue, ...] = ()  # times placed before `previous`, oldest first


@dataclass(frozen=True, slots=True)
class Resolved:
    value: str
    time: TimeValue | None


_X = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX", "quarter": "XXXX-QX",
      "season": "XXXX-XX", "year": "XXXX", "decade": "XXX", "century": "XX"}


def _document_ref(ctx: Ctx) -> tuple[Partial, Anchor] | None:
    d = ctx.document_date
    if d is None:
        return None
    return Partial(year=d.year, month=d.month, day=d.day), Anchor.DOCUMENT


def _previous_ref(ctx: Ctx) -> tuple[Partial, Anchor] | None:
    if ctx.previous is None:
        return None
    return partial_of(ctx.previous), Anchor.PREVIOUS


def reference(ctx: Ctx, source: str) -> tuple[Partial, Anchor] | None:
    """The reference time for `source`, with the Anchor to record."""
    if source == "document":
        return _document_ref(ctx)
    if source == "previous":
        return _previous_ref(ctx) or _document_ref(ctx)
    # auto: the document date, unless the text narrates a distant time.
    if ctx.narrative:
        return _previous_ref(ctx) or _document_ref(ctx)
    return _document_ref(ctx) or _previous_ref(ctx)


def _key(p: Partial) -> tuple[int, int]:
    """Position of a yearless Partial within its year, for past/future choices."""
    if p.month is not None:
        return p.month, p.day or 0
    if p.season is not None:
        return SEASON_START[p.season], 0
    if p.quarter is not None:
        return 3 * (p.quarter - 1) + 1, 0
    if p.half is not None:
        return 6 * (p.half - 1) + 1, 0
    return 0, 0


def _ref_key(r: Partial) -> tuple[int, int]:
    if r.month is not None:
        return r.month, r.day or 0
    if r.season is not None:
        return SEASON_START[r.season], 0
    if r.quarter is not None:
        return 3 * (r.quarter - 1) + 1, 0
    return 0, 0


def _fill(spec: Spec, ctx: Ctx) -> tuple[Partial, Anchor] | None:
    p = spec.partial
    ref = reference(ctx, spec.source)
    if ref is None:
        return None
    r, anchor = ref
    if r.year is None:
        return None
    if p.month is None and p.day is not None:
        # "the 12th": day of the reference month.
        if r.month is None:
            return None
        return replace(p, year=r.year, month=r.month), anchor
    year = r.year
    direction = spec.direction
    if direction in ("news", "news-future"):
        # A yearless date in reporting: the coming one if it is close (or the sentence
        # speaks of the future), otherwise the last one before the document date.
        # In a narrative, the year the text is at.
        if anchor is Anchor.DOCUMENT and r.month is not None:
            return replace(p, year=_news_year(p, r, direction == "news-future") + spec.year_n), \
                anchor
        direction = "same"
    if r.month is not None or r.season is not None or r.quarter is not None:
        mine, theirs = _key(p), _ref_key(r)
        if p.day is None:
            theirs = (theirs[0], 0)
        if direction == "past" and mine >= theirs and (mine > theirs or spec.strict):
            year -= 1
        elif direction == "future" and mine <= theirs and (mine < theirs or spec.strict):
            year += 1
    elif direction in ("past", "future") and spec.strict:
        year += -1 if direction == "past" else 1
    return replace(p, year=year + spec.year_n), anchor


_NEAR_FUTURE_DAYS = 90


def _news_year(p: Partial, r: Partial, future: bool) -> int:
    """The year of a yearless date written in a report dated `r`."""
    assert r.year is not None and r.month is not None
    ref = date(r.year, r.month, r.day or 15)
    cands = []
    for y in (r.year - 1, r.year, r.year + 1):
        placed = place(replace(p, year=y))[1]
        if placed is not None:
            cands.append((y, placed.earliest, placed.latest))
    for y, lo, hi in cands:
        if lo <= ref <= hi:
            return y
    ahead = [(lo - ref).days for y, lo, _ in cands if lo > ref]
    limit = 300 if future else _NEAR_FUTURE_DAYS
    if ahead and min(ahead) <= limit:
        return min((c for c in cands if c[1] > ref), key=lambda c: c[1])[0]
    behind = [c for c in cands if c[2] < ref]
    return max(behind, key=lambda c: c[2])[0] if behind else r.year


def shift(r: Partial, grain: str, n: int, keep_sub_year: bool = False) -> Partial | None:
    """The reference `r` seen at `grain` and moved n units; None if `r` is too coarse."""
    if grain == "day":
        if r.day is None or r.year is None or r.month is None:
            return None
        try:
            d = date(r.year, r.month, r.day) + timedelta(days=n)
        except (ValueError, OverflowError):
            return None
        return Partial(year=d.year, month=d.month, day=d.day)
    if grain == "week":
        if r.year is None:
            return None
        if r.day is not None and r.month is not None:
            d = date(r.year, r.month, r.day)
        elif r.week is not None:
            d = date.fromisocalendar(r.year, r.week, 1)
        else:
            return None
        try:
            d = d + timedelta(weeks=n)
        except OverflowError:
            return None
        iso = d.isocalendar()
        return Partial(year=iso[0], week=iso[1])
    if grain == "month":
        if r.year is None or r.month is None:
            return None
        y, m = add_months(r.year, r.month, n)
        return Partial(year=y, month=m)
    if grain == "quarter":
        if r.year is None:
            return None
        q = r.quarter or (((r.month - 1) // 3 + 1) if r.month else None)
        if q is None:
            return None
        k = r.year * 4 + q - 1 + n
        return Partial(year=k // 4, quarter=k % 4 + 1)
    if grain == "season":
        if r.year is None or r.season is None:
            return None
        order = ("WI", "SP", "SU", "FA")
        # A winter belongs to the year of its December.
        idx = order.index(r.season)
        k = r.year * 4 + (idx + 3) % 4 + n  # SP=0, SU=1, FA=2, WI=3
        code = ("SP", "SU", "FA", "WI")[k % 4]
        return Partial(year=k // 4, season=code)
    if grain == "year":
        if r.year is None:
            return None
        if keep_sub_year and r.quarter is not None:
            return Partial(year=r.year + n, quarter=r.quarter)
        if keep_sub_year and r.half is not None:
            return Partial(year=r.year + n, half=r.half)
        return Partial(year=r.year + n)
    if grain == "decade":
        dec = r.year // 10 if r.year is not None else r.decade
        return None if dec is None else Partial(decade=dec + n)
    if grain == "century":
        c = r.year // 100 if r.year is not None else (
            r.decade // 10 if r.decade is not None else r.century)
        return None if c is None else Partial(century=c + n)
    return None


def _weekday(spec: Spec, ctx: Ctx) -> tuple[Partial, Anchor] | None:
    # In a narrative at year precision a bare "Friday" cannot be placed: leaving it
    # unplaced is better than guessing the week of the document date.
    ref = reference(ctx, spec.source)
    if ref is None:
        return None
    r, anchor = ref
    if r.day is None or r.month is None or r.year is None:
        return None
    d = date(r.year, r.month, r.day)
    delta = spec.weekday - d.weekday()
    direction = spec.direction
    if direction == "same":
        direction = "future" if anchor is Anchor.PREVIOUS else "past"
    strict = spec.strict
    if spec.value == "WE" and d.weekday() >= 5:
        d = d - timedelta(days=d.weekday() - 5)  # said on a weekend: this weekend
    elif direction == "past":
        back = (-delta) % 7
        if back == 0 and strict:
            back = 7
        d = d - timedelta(days=back)
    else:
        fwd = delta % 7
        if fwd == 0 and strict:
            fwd = 7
        d = d + timedelta(days=fwd)
    if spec.value == "WE":
        iso = d.isocalendar()
        return Partial(year=iso[0], week=iso[1], weekend=True), anchor
    return Partial(year=d.year, month=d.month, day=d.day), anchor


def _unknown(spec: Spec) -> str:
    if spec.kind == "rel":
        return _X.get(spec.grain, "XXXX")
    if spec.kind == "weekday":
        return f"XXXX-WXX-{spec.weekday + 1}"
    return timeml_value(spec.partial)


def resolve(spec: Spec, ctx: Ctx, text: str = "") -> Resolved:
    """Anchor a Spec: its TimeML value and, when it can be placed, its interval."""
    if spec.kind in ("dur", "set"):
        return Resolved(spec.value, None)
    if spec.kind == "ref":
        if spec.value == "PRESENT_REF" and ctx.document_date is not None:
            d = ctx.document_date
            tv = TimeValue(d, d, Precision.DAY, text=text, anchor=Anchor.DOCUMENT,
                           label="PRESENT_REF")
            return Resolved(spec.value, tv)
        return Resolved(spec.value, None)
    if spec.kind == "range":
        return _resolve_range(spec, ctx, text)
    placed: tuple[Partial, Anchor] | None
    if spec.kind == "abs":
        placed = (spec.partial, Anchor.ABSOLUTE)
    elif spec.kind == "fill":
        placed = _fill(spec, ctx)
    elif spec.kind == "weekday":
        placed = _weekday(spec, ctx)
    elif spec.kind == "rel":
        placed = _relative(spec, ctx)
        if placed is None and spec.n and ctx.previous is not None and not spec.sub and (
                spec.source == "previous" or ctx.document_date is None):
            # The reference is coarser than the step: the whole interval moves.
            span = shift_interval(ctx.previous, spec.grain, spec.n)
            if span is not None:
                tv = TimeValue(span[0], span[1], Precision.INTERVAL, text=text,
                               calendar=ctx.previous.calendar, anchor=Anchor.PREVIOUS)
                return Resolved(_with_tod(_unknown(spec), spec.tod), tv)
    else:
        placed = None
    if placed is None:
        return Resolved(_with_tod(_unknown(spec), spec.tod), None)
    p, anchor = placed
    if spec.part:
        p = replace(p, part=spec.part)
    if spec.tod and p.day is not None:
        p = replace(p, tod=spec.tod)
    value, tv = place(p, text=text, anchor=anchor, calendar=spec.calendar or p.calendar)
    return Resolved(value, tv)


def _relative(spec: Spec, ctx: Ctx) -> tuple[Partial, Anchor] | None:
    ref = reference(ctx, spec.source)
    keep = spec.source == "previous" and spec.n != 0
    prev = ctx.previous
    if spec.sub:  # relative to a time written inside the expression: "the week of March 6"
        inner = resolve(spec.sub[0], ctx)
        ref = None if inner.time is None else (partial_of(inner.time), inner.time.anchor)
    elif spec.grain == "year" and spec.n < 0 and spec.source == "document" and prev is not None \
            and prev.precision is Precision.QUARTER and ctx.document_date is not None \
            and prev.earliest.year == ctx.document_date.year:
        # "up from $4 million a year ago" while a quarter is discussed: that quarter, a year back.
        ref, keep = (partial_of(prev), Anchor.PREVIOUS), True
    elif spec.grain == "quarter" and spec.source == "previous" and spec.n == 0 and (
            prev is None or prev.precision not in (Precision.DAY, Precision.WEEK,
                                                    Precision.MONTH, Precision.QUARTER)):
        # "the quarter" with no quarter in view: in reporting, the last one closed.
        doc = _document_ref(ctx)
        if doc is not None:
            moved = shift(doc[0], "quarter", -1)
            return None if moved is None else (moved, doc[1])
    if ref is None:
        return None
    moved = shift(ref[0], spec.grain, spec.n, keep_sub_year=keep)
    if moved is None and ref[1] is Anchor.PREVIOUS and prev is not None and not spec.sub:
        # "Five months earlier" after "that year": count from a finer time the text gave
        # inside that year ("December of that year"), if any.
        for tv in reversed(ctx.history):
            if tv.within(prev) and tv.precision is not Precision.INTERVAL:
                moved = shift(partial_of(tv), spec.grain, spec.n, keep_sub_year=keep)
                if moved is not None:
                    break
    if moved is not None and spec.value == "WE" and moved.week is not None:
        moved = replace(moved, weekend=True)
    return None if moved is None else (moved, ref[1])


def shift_interval(tv: TimeValue, grain: str, n: int) -> tuple[date, date] | None:
    """An interval moved by n units: "the next day" after "May 1945" is 2 May..1 June."""
    def move(d: date) -> date | None:
        try:
            if grain in ("day", "week"):
                return d + timedelta(days=n * (7 if grain == "week" else 1))
            months = {"month": 1, "quarter": 3, "season": 3, "year": 12, "decade": 120,
                      "century": 1200}.get(grain)
            if months is None:
                return None
            y, m = add_months(d.year, d.month, n * months)
            return date(y, m, min(d.day, month_days(y, m)))
        except (ValueError, OverflowError):
            return None

    lo, hi = move(tv.earliest), move(tv.latest)
    return None if lo is None or hi is None else (lo, hi)


def _with_tod(value: str, tod: str | None) -> str:
    return value + "T" + tod if tod and value.count("-") == 2 else value


def _resolve_range(spec: Spec, ctx: Ctx, text: str) -> Resolved:
    a_spec, b_spec = spec.sub
    if a_spec.kind == "abs" or b_spec.kind != "abs":
        a = resolve(a_spec, ctx)
        b_ctx = ctx if a.time is None else replace(ctx, previous=a.time)
        b = resolve(replace(b_spec, source="previous", direction="future")
                    if b_spec.kind == "fill" else b_spec, b_ctx)
    else:
        b = resolve(b_spec, ctx)
        a_ctx = ctx if b.time is None else replace(ctx, previous=b.time)
        a = resolve(replace(a_spec, source="previous", direction="past")
                    if a_spec.kind == "fill" else a_spec, a_ctx)
    if a.time is None or b.time is None or a.time.earliest > b.time.latest:
        return Resolved(f"{a.value}/{b.value}", None)
    cal = a.time.calendar if a.time.calendar == b.time.calendar else "mixed"
    anchor = max((a.time.anchor, b.time.anchor), key=lambda x: x is not Anchor.ABSOLUTE)
    tv = TimeValue(a.time.earliest, b.time.latest, Precision.INTERVAL, text=text, calendar=cal,
                   anchor=anchor)
    return Resolved(tv.normalized, tv)
