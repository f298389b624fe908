"""Properties of accord.timex and of the TimeValue interval logic (hypothesis)."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from accord.model import Precision, TimeValue
from accord.timex import parse_time, tag
from accord.timex.calendar import (
    gregorian_to_julian,
    julian_month_days,
    julian_to_gregorian,
    valid_julian,
)

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
ABBR = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.", "Jul.", "Aug.", "Sept.", "Oct.",
        "Nov.", "Dec.")
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
ORD = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}

days = st.dates(min_value=date(1000, 1, 1), max_value=date(2099, 12, 31))
years = st.integers(min_value=1000, max_value=2099)


def th(n: int) -> str:
    return f"{n}{ORD.get(n, 'th')}"


def last_day(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


DAY_FORMS = (
    lambda d: f"{MONTHS[d.month - 1]} {d.day}, {d.year}",
    lambda d: f"{ABBR[d.month - 1]} {d.day}, {d.year}",
    lambda d: f"{d.day} {MONTHS[d.month - 1]} {d.year}",
    lambda d: f"{MONTHS[d.month - 1]} {th(d.day)}, {d.year}",
    lambda d: f"the {th(d.day)} of {MONTHS[d.month - 1]}, {d.year}",
    lambda d: f"{MONTHS[d.month - 1]} {d.day} {d.year}",
    lambda d: d.isoformat(),
    lambda d: f"{d.day:02d}.{d.month:02d}.{d.year}",
)
MONTH_FORMS = (
    lambda d: f"{MONTHS[d.month - 1]} {d.year}",
    lambda d: f"{MONTHS[d.month - 1]} of {d.year}",
    lambda d: f"{ABBR[d.month - 1]} {d.year}",
)


def same(tv: TimeValue | None, lo: date, hi: date, precision: Precision) -> bool:
    return tv is not None and (tv.earliest, tv.latest, tv.precision) == (lo, hi, precision)


@given(days, st.sampled_from(DAY_FORMS))
def test_a_day_written_any_way_reads_back_as_itself(d: date, form) -> None:
    assert same(parse_time(form(d)), d, d, Precision.DAY)


@given(days, st.sampled_from(MONTH_FORMS))
def test_a_month_written_any_way_reads_back_as_itself(d: date, form) -> None:
    lo = d.replace(day=1)
    assert same(parse_time(form(d)), lo, last_day(d.year, d.month), Precision.MONTH)


@given(years, st.sampled_from(("{y}", "in {y}", "since {y}", "the year {y}", "({y})")))
def test_a_year_reads_back_as_itself(y: int, form: str) -> None:
    assert same(parse_time(form.format(y=y)), date(y, 1, 1), date(y, 12, 31), Precision.YEAR)


@given(st.integers(min_value=1000, max_value=2098), st.sampled_from(sorted(SEASONS)),
       st.sampled_from(("{s} {y}", "the {s} of {y}", "{s} of {y}", "in the {s} of {y}")))
def test_a_season_reads_back_as_itself(y: int, season: str, form: str) -> None:
    m0 = SEASONS[season]
    lo = date(y, m0, 1)
    y2, m2 = (y + 1, 2) if m0 == 12 else (y, m0 + 2)
    tv = parse_time(form.format(s=season, y=y))
    assert same(tv, lo, last_day(y2, m2), Precision.SEASON)


@given(st.integers(min_value=100, max_value=209).filter(lambda k: k % 10),
       st.sampled_from(("the {d}0s", "the {d}0's", "{d}0s")))
def test_a_decade_reads_back_as_itself(k: int, form: str) -> None:
    tv = parse_time(form.format(d=k))
    assert same(tv, date(k * 10, 1, 1), date(k * 10 + 9, 12, 31), Precision.DECADE)


@given(st.integers(min_value=11, max_value=21), st.sampled_from(("the {n} century",
                                                                 "{n}-century")))
def test_a_century_reads_back_as_itself(n: int, form: str) -> None:
    tv = parse_time(form.format(n=th(n)))
    lo = date((n - 1) * 100, 1, 1)
    assert same(tv, lo, date((n - 1) * 100 + 99, 12, 31), Precision.CENTURY)


@given(years, st.sampled_from(("between {a} and {b}", "from {a} to {b}", "{a}-{b}",
                               "{a}–{b}")), st.integers(min_value=1, max_value=60))
def test_a_span_of_years_reads_back_as_itself(a: int, form: str, gap: int) -> None:
    b = a + gap
    assume(b <= 2099)
    tv = parse_time(form.format(a=a, b=b))
    assert same(tv, date(a, 1, 1), date(b, 12, 31), Precision.INTERVAL)


# ----------------------------------------------------------------- Julian calendar

def julian_days(lo: int = 2, hi: int = 9000) -> st.SearchStrategy[tuple[int, int, int]]:
    return st.builds(lambda y, m, d: (y, m, min(d, julian_month_days(y, m))),
                     st.integers(min_value=lo, max_value=hi),
                     st.integers(min_value=1, max_value=12),
                     st.integers(min_value=1, max_value=31))


@given(julian_days())
def test_julian_to_gregorian_to_julian_round_trips(j: tuple[int, int, int]) -> None:
    assert valid_julian(*j)
    assert gregorian_to_julian(julian_to_gregorian(*j)) == j


@given(st.dates(min_value=date(2, 3, 1), max_value=date(9000, 12, 31)))
def test_gregorian_to_julian_to_gregorian_round_trips(d: date) -> None:
    assert julian_to_gregorian(*gregorian_to_julian(d)) == d


@given(julian_days(1000, 2099))
def test_an_old_style_date_reads_as_its_gregorian_day(j: tuple[int, int, int]) -> None:
    y, m, d = j
    tv = parse_time(f"{d} {MONTHS[m - 1]} {y} (O.S.)")
    g = julian_to_gregorian(y, m, d)
    assert same(tv, g, g, Precision.DAY) and tv.calendar == "julian"


@given(julian_days(1583, 2099))
def test_a_dual_date_reads_as_one_gregorian_day(j: tuple[int, int, int]) -> None:
    y, m, d = j
    g = julian_to_gregorian(y, m, d)
    assume(g.year == y)
    text = f"{d} ({g.day}) {MONTHS[m - 1]} {y}" if g.month == m else (
        f"{MONTHS[g.month - 1]} {g.day} ({MONTHS[m - 1]} {d} O.S.), {y}")
    tv = parse_time(text)
    assert same(tv, g, g, Precision.DAY) and tv.calendar == "julian+gregorian"


# ----------------------------------------------------------------- interval logic

PRECISIONS = list(Precision)


@st.composite
def time_values(draw) -> TimeValue:
    lo = draw(st.dates(min_value=date(1800, 1, 1), max_value=date(2100, 1, 1)))
    width = draw(st.integers(min_value=0, max_value=800))
    return TimeValue(lo, lo + timedelta(days=width), draw(st.sampled_from(PRECISIONS)))


@given(time_values(), time_values())
def test_overlap_is_symmetric_and_compatibility_is_overlap(a: TimeValue, b: TimeValue) -> None:
    assert a.overlaps(b) == b.overlaps(a)
    assert a.compatible(b) == a.overlaps(b)


@given(time_values(), time_values())
def test_refines_implies_within_and_compatible(a: TimeValue, b: TimeValue) -> None:
    if a.refines(b):
        assert a.within(b) and a.compatible(b) and b.compatible(a)
        assert not b.refines(a)
    if a.within(b):
        assert a.overlaps(b)


@given(time_values())
def test_nothing_refines_itself_and_everything_is_within_itself(a: TimeValue) -> None:
    assert not a.refines(a)
    assert a.within(a) and a.overlaps(a)


@given(time_values(), time_values(), time_values())
def test_within_and_refines_are_transitive(a: TimeValue, b: TimeValue, c: TimeValue) -> None:
    if a.within(b) and b.within(c):
        assert a.within(c)
    if a.refines(b) and b.refines(c):
        assert a.refines(c)


@given(days, st.sampled_from(DAY_FORMS))
def test_a_day_refines_its_month_and_its_year(d: date, form) -> None:
    day = parse_time(form(d))
    month = parse_time(MONTH_FORMS[0](d))
    year = parse_time(str(d.year))
    assert day.refines(month) and month.refines(year) and day.refines(year)
    assert day.compatible(year)


# ----------------------------------------------------------------- robustness

VOCAB = st.sampled_from([
    "in", "the", "of", "May", "March", "1942", "1,200", "summer", "early", "late", "mid-",
    "between", "and", "from", "to", "-", "–", "(", ")", ",", ".", "O.S.", "ст. ст.", "14",
    "сентября", "года", "летом", "XIX", "века", "с", "по", "that", "year", "December", "next",
    "day", "two", "years", "later", "ago", "Friday", "morning", "10:30", "a.m.", "'s", "12th",
    "on", "week", "quarter", "third", "fiscal", "1941-5", "the 1930s", "forties", "century",
    "за", "через", "спустя", "в", "1930-е", "2/30/1999", "31.02.1990", "\n", "  ", "29", "Feb.",
])


@settings(max_examples=300)
@given(st.text(), st.one_of(st.none(), st.dates()), st.sampled_from(["en", "ru", "de"]))
def test_tag_never_raises_and_is_deterministic(text: str, dct: date | None, lang: str) -> None:
    first = tag(text, document_date=dct, language=lang)
    assert first == tag(text, document_date=dct, language=lang)
    for t in first:
        assert text[t.start:t.end] == t.text
        assert t.type in ("DATE", "TIME", "DURATION", "SET")


@settings(max_examples=300)
@given(st.lists(VOCAB, max_size=30).map(" ".join), st.one_of(st.none(), st.dates()),
       st.sampled_from(["en", "ru"]))
def test_tag_on_temporal_word_salad(text: str, dct: date | None, lang: str) -> None:
    found = tag(text, document_date=dct, language=lang)
    assert found == tag(text, document_date=dct, language=lang)
    for a, b in zip(found, found[1:], strict=False):
        assert a.end <= b.start
    for t in found:
        assert text[t.start:t.end] == t.text
        if t.time is not None:
            assert t.time.earliest <= t.time.latest
