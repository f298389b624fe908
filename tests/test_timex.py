"""Specification of accord.timex: one test per form of time expression.

The sentences are made up; the people and places in them are fictional.
"""

from __future__ import annotations

from datetime import date

import pytest

from accord.model import Anchor, Precision, TimeMention, TimeValue
from accord.timex import Timex, find_ages, find_times, parse_time, tag, time_from_age
from accord.timex.calendar import gregorian_to_julian, julian_offset, julian_to_gregorian


def only(text: str, **kw) -> Timex:
    found = tag(text, **kw)
    assert len(found) == 1, found
    return found[0]


def dated(text: str, **kw) -> list[Timex]:
    return [t for t in tag(text, **kw) if t.type in ("DATE", "TIME")]


def span(t: Timex | TimeValue) -> tuple[str, str]:
    tv = t.time if isinstance(t, Timex) else t
    assert tv is not None
    return tv.earliest.isoformat(), tv.latest.isoformat()


# ----------------------------------------------------------------- absolute days


@pytest.mark.parametrize("text", [
    "Feb. 11, 1945", "11 February 1945", "February 11th, 1945", "1945-02-11", "11.02.1945",
    "the 11th of February, 1945", "Sunday, February 11, 1945", "Feb 11 1945",
])
def test_every_written_form_of_a_day_gives_that_day(text: str) -> None:
    t = only(text)
    assert (t.type, t.value) == ("DATE", "1945-02-11")
    assert t.time.precision is Precision.DAY
    assert span(t) == ("1945-02-11", "1945-02-11")
    assert t.time.anchor is Anchor.ABSOLUTE
    assert t.text == text


def test_dotted_numeric_date_is_day_first() -> None:
    assert only("12.02.1945").value == "1945-02-12"


def test_slashed_date_is_month_first_unless_the_day_comes_first() -> None:
    assert only("on 2/11/1945").value == "1945-02-11"
    assert only("on 25/12/1945").value == "1945-12-25"


def test_comma_without_space_and_missing_comma_still_read() -> None:
    assert only("May 11,1945").value == "1945-05-11"
    assert only("July 12 1942").value == "1942-07-12"
    assert only("Jan. 24, 1942").value == "1942-01-24"


def test_impossible_day_is_not_a_date() -> None:
    assert dated("February 30, 1945") == [] or all(t.value != "1945-02-30" for t in tag(
        "February 30, 1945"))


# ----------------------------------------------------------------- months, years


@pytest.mark.parametrize("text,value", [
    ("May 1945", "1945-05"), ("May of 1945", "1945-05"), ("August of 1946", "1946-08"),
    ("May, 1945", "1945-05"),
])
def test_month_and_year(text: str, value: str) -> None:
    t = only(text)
    assert t.value == value
    assert t.time.precision is Precision.MONTH
    assert t.time.earliest.day == 1 and t.time.latest.month == t.time.earliest.month


def test_year_after_a_preposition_excludes_the_preposition() -> None:
    t = only("The mill closed in 1942.")
    assert (t.text, t.value) == ("1942", "1942")
    assert span(t) == ("1942-01-01", "1942-12-31")
    assert t.time.precision is Precision.YEAR


@pytest.mark.parametrize("text,year", [
    ("since 1990", "1990"), ("by 1945, the bridge stood", "1945"), ("the ruling (1974)", "1974"),
    ("c. 1900", "1900"), ("(born 1901)", "1901"), ("during 1917", "1917"),
    ("the 1998 campaign", "1998"), ("fiscal 1989", "1989"), ("mid-1943", "1943"),
    ("before 1914 the town", "1914"), ("from 1920 onward", "1920"),
])
def test_bare_year_counts_in_a_temporal_context(text: str, year: str) -> None:
    assert [t.value for t in dated(text)] == [year]


def test_years_coordinated_with_a_year_are_years() -> None:
    assert [t.value for t in tag("in 1942, 1943 and 1944")] == ["1942", "1943", "1944"]


@pytest.mark.parametrize("text", [
    "The garrison had 1,200 men.", "About 130,000 people fled.", "at least 50 men stayed",
    "a wall 300 to 400 meters long", "as shown before.[1]", "See P. 226.", "See Pp. 16-20.",
    "a force of 1500 soldiers", "in 1500 words or less", "page 1945", "No. 1944",
    "around 1800 troops", "1942", "It cost $1945.", "about 1200 of them", "1999 km away",
    "the 2000 delegates", "between 1200 and 1500 men",
])
def test_numbers_that_are_not_years(text: str) -> None:
    assert dated(text) == []


def test_parse_time_takes_a_lone_year_as_a_year() -> None:
    assert span(parse_time("1942")) == ("1942-01-01", "1942-12-31")


def test_duration_is_not_a_date() -> None:
    t = only("He served for 27 years.")
    assert (t.text, t.type, t.value, t.time) == ("27 years", "DURATION", "P27Y", None)
    assert find_times("He served for 27 years.") == []


@pytest.mark.parametrize("text,value", [
    ("five months", "P5M"), ("two and a half hours", "PT2H30M"), ("a five-year plan", "P5Y"),
    ("nearly two decades", "P20Y"), ("about 90 minutes", "PT90M"), ("for years", "PXY"),
    ("a day and a half", "P1DT12H"),
])
def test_durations_take_timeml_values(text: str, value: str) -> None:
    durations = [t for t in tag(text) if t.type == "DURATION"]
    assert [t.value for t in durations] == [value]


def test_ages_are_not_durations() -> None:
    assert tag("a 44-year-old farmer") == []
    assert tag("she was 37 years old") == []


# ----------------------------------------------------------------- decades, centuries, parts


@pytest.mark.parametrize("text,value,lo,hi", [
    ("the 1930s", "193", "1930-01-01", "1939-12-31"),
    ("the 1930's", "193", "1930-01-01", "1939-12-31"),
    ("the forties", "194", "1940-01-01", "1949-12-31"),
    ("the nineteen-forties", "194", "1940-01-01", "1949-12-31"),
    ("the '80s", "198", "1980-01-01", "1989-12-31"),
])
def test_decades(text: str, value: str, lo: str, hi: str) -> None:
    t = only(text)
    assert (t.value, span(t), t.time.precision) == (value, (lo, hi), Precision.DECADE)


def test_an_age_in_words_is_not_a_decade() -> None:
    assert tag("a man in his forties") == []


@pytest.mark.parametrize("text", ["the 19th century", "the nineteenth century", "19th-century"])
def test_centuries(text: str) -> None:
    t = only(text)
    assert (t.value, span(t), t.time.precision) == (
        "18", ("1800-01-01", "1899-12-31"), Precision.CENTURY)


@pytest.mark.parametrize("text,lo,hi", [
    ("early 1942", "1942-01-01", "1942-04-30"),
    ("mid-1943", "1943-05-01", "1943-08-31"),
    ("late in 1944", "1944-09-01", "1944-12-31"),
    ("the end of 1990", "1990-09-01", "1990-12-31"),
    ("the first half of 1989", "1989-01-01", "1989-06-30"),
    ("late November 1941", "1941-11-21", "1941-11-30"),
    ("the early 1990s", "1990-01-01", "1993-12-31"),
    ("the late 19th century", "1867-01-01", "1899-12-31"),
    ("the closing days of 1944", "1944-12-22", "1944-12-31"),
])
def test_parts_of_a_period_narrow_its_interval(text: str, lo: str, hi: str) -> None:
    t = only(text)
    assert t.text == text
    assert span(t) == (lo, hi)


def test_a_part_keeps_the_timeml_value_of_the_whole() -> None:
    assert only("early 1942").value == "1942"
    assert only("early 1942").time.precision is Precision.YEAR


def test_closing_days_of_an_event_without_a_year_give_nothing() -> None:
    assert tag("In the closing days of the war the survivors fled.") == []


# ----------------------------------------------------------------- seasons


@pytest.mark.parametrize("text,extent,value,lo,hi", [
    ("summer 1942", "summer 1942", "1942-SU", "1942-06-01", "1942-08-31"),
    ("in the summer of 1946", "the summer of 1946", "1946-SU", "1946-06-01", "1946-08-31"),
    ("the spring of 1945", "the spring of 1945", "1945-SP", "1945-03-01", "1945-05-31"),
    ("spring of 1942", "spring of 1942", "1942-SP", "1942-03-01", "1942-05-31"),
    ("autumn 1941", "autumn 1941", "1941-FA", "1941-09-01", "1941-11-30"),
    ("winter 1942", "winter 1942", "1942-WI", "1942-12-01", "1943-02-28"),
    ("the winter of 1941-42", "the winter of 1941-42", "1941-WI", "1941-12-01", "1942-02-28"),
])
def test_seasons_are_northern_meteorological(text, extent, value, lo, hi) -> None:
    t = only(text)
    assert (t.text, t.value, span(t)) == (extent, value, (lo, hi))
    assert t.time.precision is Precision.SEASON
    assert t.time.normalized == value


def test_fall_as_a_noun_is_not_a_season() -> None:
    assert [t.value for t in tag("the fall of the citadel in 1453")] == ["1453"]
    assert tag("spring water") == []


# ----------------------------------------------------------------- ranges


@pytest.mark.parametrize("text,extent,value", [
    ("February 4-11, 1945", "February 4-11, 1945", "1945-02-04/1945-02-11"),
    ("between 1946 and 1952", "between 1946 and 1952", "1946/1952"),
    ("1939-1945", "1939-1945", "1939/1945"),
    ("(1939–1945)", "1939–1945", "1939/1945"),
    ("from 1941 to 1945", "from 1941 to 1945", "1941/1945"),
    ("1941-5", "1941-5", "1941/1945"),
    ("1941-45", "1941-45", "1941/1945"),
    ("from May to July 1942", "from May to July 1942", "1942-05-01/1942-07-31"),
    ("from December 1941 to March 1942", "from December 1941 to March 1942",
     "1941-12-01/1942-03-31"),
    ("4–11 February 1945", "4–11 February 1945", "1945-02-04/1945-02-11"),
])
def test_spans_are_one_interval(text: str, extent: str, value: str) -> None:
    t = only(text)
    assert (t.text, t.value, t.time.normalized) == (extent, value, value)
    assert t.time.precision is Precision.INTERVAL


def test_a_range_backwards_is_not_a_span() -> None:
    assert all(t.time is None or t.time.precision is not Precision.INTERVAL
               for t in tag("from 1945 to 1941"))


# ----------------------------------------------------------------- Julian and dual dates


def test_dual_date_is_one_gregorian_day() -> None:
    t = only("September 14 (September 1 O.S.), 1900")
    assert t.value == "1900-09-14"
    assert span(t) == ("1900-09-14", "1900-09-14")
    assert t.time.calendar == "julian+gregorian"


def test_russian_dual_date_with_old_style_first() -> None:
    t = only("1 (14) сентября 1900 года", language="ru")
    assert (t.value, t.time.calendar) == ("1900-09-14", "julian+gregorian")


@pytest.mark.parametrize("text,value", [
    ("September 1, 1900 (O.S.)", "1900-09-14"),
    ("March 1, 1917 (Old Style)", "1917-03-14"),
    ("28 February 1700 O.S.", "1700-03-10"),
    ("1 March 1700 O.S.", "1700-03-12"),
    ("1 March 1800 O.S.", "1800-03-13"),
    ("5 October 1582 O.S.", "1582-10-15"),
])
def test_old_style_date_is_converted_with_the_offset_of_its_century(text, value) -> None:
    t = only(text)
    assert (t.value, t.time.calendar) == (value, "julian")


@pytest.mark.parametrize("text", [
    "1 сентября 1900 года по старому стилю", "1 сентября 1900 г. (ст. ст.)",
    "1 сентября 1900 года (по ст. ст.)",
])
def test_russian_old_style_marks(text: str) -> None:
    t = only(text, language="ru")
    assert (t.value, t.time.calendar) == ("1900-09-14", "julian")


def test_new_style_mark_keeps_the_date() -> None:
    t = only("12 March 1900 N.S.")
    assert (t.value, t.time.calendar) == ("1900-03-12", "gregorian")


def test_julian_offset_by_century() -> None:
    assert julian_offset(1600, 6, 1) == 10
    assert julian_offset(1700, 2, 28) == 10
    assert julian_offset(1700, 3, 1) == 11
    assert julian_offset(1799, 6, 1) == 11
    assert julian_offset(1850, 6, 1) == 12
    assert julian_offset(1917, 10, 25) == 13
    assert julian_offset(2099, 1, 1) == 13
    assert julian_to_gregorian(1917, 10, 25) == date(1917, 11, 7)
    assert gregorian_to_julian(date(1917, 11, 7)) == (1917, 10, 25)


# ----------------------------------------------------------------- relative, anaphoric

STORY = (
    "The orchard at Valdmoor was planted in March 1921. By December of that year the first "
    "trees had died. Later in the same year a frost came. Five months earlier, a storm had "
    "hit. The next day it rained. Two years later the farm was sold."
)


def test_anaphoric_expressions_follow_the_last_time_mentioned() -> None:
    got = {t.text: t for t in tag(STORY)}
    assert got["December of that year"].value == "1921-12"
    assert got["December of that year"].time.anchor is Anchor.PREVIOUS
    assert got["Later in the same year"].value == "1921"
    assert got["Five months earlier"].value == "1921-07"
    assert got["Two years later"].value == "1923"
    assert got["Two years later"].time.anchor is Anchor.PREVIOUS


def test_a_step_finer_than_the_reference_moves_the_whole_interval() -> None:
    t = {t.text: t for t in tag(STORY)}["The next day"]
    assert span(t) == ("1921-07-02", "1921-08-01")
    assert t.time.precision is Precision.INTERVAL


def test_day_of_the_previous_month_and_yearless_dates() -> None:
    text = ("On 3 May 1932 the ferry Kestrel left port. On the afternoon of the 12th it "
            "reached the island. On May 18 the crew returned. That year was dry. "
            "That December was cold.")
    got = {t.text: t for t in tag(text)}
    assert got["the afternoon of the 12th"].value == "1932-05-12TAF"
    assert got["the afternoon of the 12th"].type == "TIME"
    assert span(got["the afternoon of the 12th"]) == ("1932-05-12", "1932-05-12")
    assert got["May 18"].value == "1932-05-18"
    assert got["May 18"].time.anchor is Anchor.PREVIOUS
    assert got["That year"].value == "1932"
    assert got["That December"].value == "1932-12"


def test_deictic_expressions_use_the_document_date() -> None:
    got = {t.text: t for t in tag("We met this week, yesterday in fact, and meet next week.",
                                   document_date=date(2021, 3, 17))}
    assert got["this week"].value == "2021-W11"
    assert span(got["this week"]) == ("2021-03-15", "2021-03-21")
    assert got["this week"].time.anchor is Anchor.DOCUMENT
    assert got["this week"].time.precision is Precision.WEEK
    assert got["yesterday"].value == "2021-03-16"
    assert got["next week"].value == "2021-W12"


def test_deictic_expression_without_document_date_is_not_placed() -> None:
    t = only("We met this week.")
    assert t.value == "XXXX-WXX" and t.time is None


def test_weekday_in_reporting_is_the_last_one_unless_future() -> None:
    got = tag("The report came out Friday. It will be discussed on Monday.",
              document_date=date(2021, 3, 17))
    assert [t.value for t in got] == ["2021-03-12", "2021-03-22"]


def test_yearless_date_in_reporting_is_the_nearest_occurrence() -> None:
    got = tag("The boat sank on Nov. 25, and the hearing is set for Jan. 14.",
              document_date=date(2000, 1, 6))
    assert [t.value for t in got] == ["1999-11-25", "2000-01-14"]


def test_ago_counts_back_from_the_document_date() -> None:
    got = {t.text: t.value for t in tag("Two years ago, and a decade ago, and last December.",
                                         document_date=date(1999, 1, 20))}
    assert got == {"Two years ago": "1997", "a decade ago": "1989", "last December": "1998-12"}


def test_present_reference_is_the_document_day() -> None:
    t = only("Prices are now lower.", document_date=date(1998, 2, 6))
    assert t.value == "PRESENT_REF"
    assert span(t) == ("1998-02-06", "1998-02-06")
    assert only("Prices are now lower.").time is None


def test_quarters() -> None:
    t = only("Profit rose in the third quarter.", document_date=date(1989, 10, 26))
    assert (t.value, span(t)) == ("1989-Q3", ("1989-07-01", "1989-09-30"))
    assert t.time.precision is Precision.QUARTER
    assert only("the fourth quarter of 1988").value == "1988-Q4"


def test_clock_time_joins_its_day() -> None:
    t = only("at 10:35 a.m. Friday", document_date=date(1998, 8, 8))
    assert (t.type, t.value) == ("TIME", "1998-08-07T10:35")


def test_sets() -> None:
    assert [(t.type, t.value) for t in tag("every Monday")] == [("SET", "XXXX-WXX-1")]
    assert [(t.type, t.value) for t in tag("published daily")] == [("SET", "P1D")]


# ----------------------------------------------------------------- Russian


@pytest.mark.parametrize("text,value", [
    ("14 сентября 1900 года", "1900-09-14"),
    ("15 января 1942 г.", "1942-01-15"),
    ("в январе 1942 года", "1942-01"), ("январь 1942 года", "1942-01"),
    ("к январю 1942", "1942-01"), ("в феврале 1943", "1943-02"), ("в мае 1945 года", "1945-05"),
    ("в 1942 году", "1942"), ("1942 год", "1942"), ("в 1942 г.", "1942"),
    ("летом 1942 года", "1942-SU"), ("весной 1945", "1945-SP"), ("осенью 1941 года", "1941-FA"),
    ("зимой 1941/42", "1941-WI"),
    ("в 1930-е годы", "193"), ("в 1940-х", "194"), ("в 30-е годы", "193"),
    ("XIX век", "18"), ("в XIX веке", "18"), ("в 19 веке", "18"),
    ("с 1941 по 1945 год", "1941/1945"), ("между 1946 и 1952 годами", "1946/1952"),
    ("в 1941—1945 годах", "1941/1945"),
])
def test_russian_forms(text: str, value: str) -> None:
    assert only(text, language="ru").value == value


def test_russian_parts_of_a_year() -> None:
    assert span(only("в начале 1942 года", language="ru")) == ("1942-01-01", "1942-04-30")
    assert span(only("в конце 1944 года", language="ru")) == ("1944-09-01", "1944-12-31")
    assert only("в начале 1942 года", language="ru").text == "начале 1942 года"


def test_russian_anaphora() -> None:
    text = ("В 1944 году Пётр Лазарев вернулся в Ольховку. В декабре того же года он женился. "
            "Через два года родился сын.")
    got = [(t.text, t.value) for t in tag(text, language="ru")]
    assert got == [("1944 году", "1944"), ("декабре того же года", "1944-12"),
                   ("Через два года", "1946")]


def test_day_of_the_year_in_view() -> None:
    text = "Letters from Orrin Hale date from 1946. On May 8 of that year it rained."
    assert [t.value for t in tag(text)] == ["1946", "1946-05-08"]
    ru = "Летом 1946-го она гостила у сестры, а 5 августа того же года вернулась."
    assert [(t.text, t.value) for t in tag(ru, language="ru")] == [
        ("Летом 1946-го", "1946-SU"), ("5 августа того же года", "1946-08-05")]


def test_a_step_from_an_event_is_a_duration() -> None:
    assert [(t.type, t.value) for t in tag("Через два года после войны", language="ru")] == [
        ("DURATION", "P2Y")]
    assert [(t.type, t.value) for t in tag("in 1950, two years after the flood")] == [
        ("DATE", "1950"), ("DURATION", "P2Y")]


def test_russian_durations_and_ages() -> None:
    assert [(t.type, t.value) for t in tag("служил 27 лет", language="ru")] == [
        ("DURATION", "P27Y")]
    assert tag("в возрасте 18 лет", language="ru") == []


# ----------------------------------------------------------------- ages


def test_find_ages() -> None:
    text = ("Ilse Varga enlisted at age 18, married at the age of twenty-two, aged 30 left "
            "the valley, and at 40 years of age came back. В возрасте 18 лет ушёл.")
    got = [(text[s:e] == t, t, n) for s, e, t, n in find_ages(text)]
    assert got == [(True, "at age 18", 18), (True, "at the age of twenty-two", 22),
                   (True, "aged 30", 30), (True, "at 40 years of age", 40),
                   (True, "В возрасте 18 лет", 18)]


def test_a_bare_at_number_is_not_an_age() -> None:
    assert find_ages("They met at 18 Mill Lane at 5 o'clock.") == []


def test_time_from_age_with_a_birth_year() -> None:
    t = time_from_age(18, parse_time("1901"), "at age 18")
    assert span(t) == ("1919-01-01", "1920-12-30")
    assert (t.anchor, t.precision, t.text) == (Anchor.EVENT, Precision.INTERVAL, "at age 18")


def test_time_from_age_with_a_birth_day() -> None:
    birth = parse_time("March 5, 1901")
    assert span(time_from_age(18, birth)) == ("1919-03-05", "1920-03-04")


# ----------------------------------------------------------------- API shape


def test_tag_is_sorted_non_overlapping_with_true_offsets() -> None:
    text = STORY + " In 1930 and again in the summer of 1931, for 3 weeks, the house stood empty."
    found = tag(text)
    assert found == sorted(found, key=lambda t: t.start)
    for a, b in zip(found, found[1:], strict=False):
        assert a.end <= b.start
    for t in found:
        assert text[t.start:t.end] == t.text


def test_find_times_returns_time_mentions_with_values() -> None:
    found = find_times("The dam broke in 1927 and was rebuilt for 3 years.")
    assert found == [TimeMention(17, 21, "1927", found[0].value)]
    assert found[0].value.normalized == "1927"


def test_parse_time() -> None:
    assert span(parse_time("the 1930s")) == ("1930-01-01", "1939-12-31")
    assert parse_time("summer 1942").label == "1942-SU"
    assert span(parse_time("14 сентября 1900 года", language="ru")) == (
        "1900-09-14", "1900-09-14")
    assert parse_time("no time here") is None
    assert parse_time("") is None


def test_empty_text() -> None:
    assert tag("") == [] and find_times("") == []


@pytest.mark.parametrize(("text", "language", "quote", "value", "interval"), [
    ("Ilse Varnholt was born c. 1901.", "en", "c. 1901", "1901~", ("1899-01-01", "1903-12-31")),
    ("She was born around 1901.", "en", "around 1901", "1901~", ("1899-01-01", "1903-12-31")),
    ("It opened circa March 1901.", "en", "circa March 1901", "1901-03~",
     ("1901-02-01", "1901-04-30")),
    ("Она родилась около 1901 года.", "ru", "около 1901 года", "1901~",
     ("1899-01-01", "1903-12-31")),
])
def test_a_date_the_text_calls_approximate_is_widened_and_says_so(text, language, quote, value,
                                                                   interval):
    (t,) = find_times(text, language=language)
    assert (t.text, t.value.normalized, span(t.value)) == (quote, value, interval)
    assert text[t.start:t.end] == quote


def test_an_approximate_year_fits_the_years_beside_it_but_not_a_decade_later():
    from accord.align.compare import Relation, relate

    (circa,) = find_times("born c. 1901")
    (near,) = find_times("born in 1902")
    (far,) = find_times("born in 1910")
    assert relate(near.value, circa.value) is Relation.NARROWER
    assert relate(far.value, circa.value) is Relation.DISJOINT
