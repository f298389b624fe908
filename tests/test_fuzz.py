"""Fuzzing the normalisers that every source goes through (issue #6), with hypothesis.

What is promised, for any input (arbitrary Unicode, word salads of dates, numbers, names,
page furniture and markup in English and Russian, arbitrary bytes):

- time (`timex.tag`, `timex.parse_time`), quantities (`find_quantities`, `parse_quantity`),
  names (`parse_name`, `strip_name`, `compare_names`, `blocking_keys`), cleaning
  (`ingest.clean`), decoding and reading (`ingest.parse_bytes`) never let an exception
  escape, other than `Unreadable` for content that is not text;
- every span they report is exactly the text at its offsets, in order, without overlaps;
- normalising is stable: parsing the text of a value gives the same value, `strip_name` and
  `clean` are idempotent, the ISO form of a day or a year reads back as itself;
- name comparison is symmetric and reflexive, and two names judged the same share a
  blocking key (otherwise the resolver could never compare them);
- text in UTF-8, UTF-16, cp1251 and koi8-r is decoded back to itself.

ACCORD_FUZZ_EXAMPLES (default 100) sets the examples per property; the modules' own property
tests (test_timex_properties, test_quantity, test_ingest) cover their grammars in depth.
"""

from __future__ import annotations

import os
from datetime import date

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from accord.annotate.quantity import find_quantities, parse_quantity
from accord.ingest import clean, parse_bytes
from accord.ingest.encoding import decode
from accord.ingest.errors import Unreadable
from accord.ingest.text import normalize
from accord.model import Anchor, Approx
from accord.names import blocking_keys, compare_names, parse_name, strip_name
from accord.timex import parse_time, tag

EXAMPLES = int(os.environ.get("ACCORD_FUZZ_EXAMPLES", "100"))
fuzz = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
RU_MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
             "сентября", "октября", "ноября", "декабря")

# pieces of real pages: dates, numbers, names, furniture, markup, punctuation, two scripts
FRAGMENTS = [
    "In", "in", "born", "was born on", "died", "14 March 1871", "March 1871", "the summer of 1911",
    "9 October 1912", "early 1942", "the 1890s", "the 19th century", "between 1905 and 1906",
    "1 (13) сентября 1900", "c. 1900", "500 BC", "May", "мая", "spring", "весной", "в 1890 году",
    "14 марта 1871 года", "about 300", "more than 45,000", "5 to 6 million", "hundreds of",
    "около 300", "тысяч", "45%", "[1]", "p. 12", "No. 7", "sailors", "человек",
    "Tobias Wennerholm", "Capt. T. A. Wennerholm's", "Тобиас Веннерхольм", "NLC",
    "Northern Lantern Company", "ООО «Ромашка»", "Ludwig van Beethoven", "O'Brien", "IBM",
    "U.S.", "Jr.", "Dr.", "St.", "李小龙", "Share this:", "We use cookies", "Leave a Reply",
    "<p>", "</div>", "&amp;", "<script>x='<p>'</script>", "\n", "\n\n", " ", ",", ".", "(", ")",
    "—", "–", "-", "«", "»", "“", "'s", "\u00a0", "\u200b", "\ufeff", "\r\n", "0", "00",
]
salad = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)),
                 max_size=30).map(" ".join)
texts = st.one_of(salad, st.text(max_size=300))
languages = st.sampled_from(["en", "ru"])
dct = st.one_of(st.none(), st.dates(min_value=date(1800, 1, 1), max_value=date(2100, 1, 1)))


def assert_spans(text: str, spans: list) -> None:
    for s in spans:
        assert 0 <= s.start < s.end <= len(text) and text[s.start:s.end] == s.text, s
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False)), spans


# --------------------------------------------------------------------------- time


@fuzz
@given(texts, languages, dct)
def test_times_are_found_in_any_text_and_read_back_as_themselves(text: str, lang: str,
                                                                 document_date: date | None) -> None:
    found = tag(text, document_date=document_date, language=lang)
    assert_spans(text, found)
    for t in found:
        if t.time is None or t.time.anchor is not Anchor.ABSOLUTE:
            continue
        again = parse_time(t.text, language=lang)
        assert again is not None, t
        assert (again.earliest, again.latest, again.precision) == (
            t.time.earliest, t.time.latest, t.time.precision), t


_days = st.dates(min_value=date(1000, 1, 1), max_value=date(2099, 12, 31))
# (form, whether its ISO value must read back as itself: days and bare years; "early 1942" is
# "1942" in ISO and a month's "1942-07" reads as the span 1942-1907, so neither can)
_forms = st.sampled_from([
    (lambda d: f"{d.day} {MONTHS[d.month - 1]} {d.year}", True),
    (lambda d: f"{MONTHS[d.month - 1]} {d.day}, {d.year}", True),
    (lambda d: f"{d.day} {RU_MONTHS[d.month - 1]} {d.year} года", True),
    (lambda d: d.isoformat(), True),
    (lambda d: f"{d.year}", True),
    (lambda d: f"{MONTHS[d.month - 1]} {d.year}", False),
    (lambda d: f"early {d.year}", False),
    (lambda d: f"the summer of {d.year}", False),
    (lambda d: f"в {d.year} году", False),
    (lambda d: f"the {d.year // 10 * 10}s", False),
    (lambda d: f"between {d.year} and {d.year + 3}", False),
    (lambda d: f"late {MONTHS[d.month - 1]} {d.year}", False),
])


@fuzz
@given(_days, _forms, st.text(max_size=3))
def test_parse_time_is_stable(d: date, form, noise: str) -> None:
    write, iso_reads_back = form
    expr = write(d)
    lang = "ru" if any("а" <= ch <= "я" for ch in expr) else "en"
    value = parse_time(expr, language=lang)
    assert value is not None, expr
    again = parse_time(value.text, language=lang)
    assert again is not None and (again.earliest, again.latest, again.precision) == (
        value.earliest, value.latest, value.precision), (expr, value, again)
    if iso_reads_back:
        iso = parse_time(value.normalized)  # "1871-03-14", "1871"
        assert iso is not None and (iso.earliest, iso.latest, iso.precision) == (
            value.earliest, value.latest, value.precision), (expr, value.normalized, iso)
    parse_time(expr + noise, language=lang)  # never raises


# --------------------------------------------------------------------------- quantities


@fuzz
@given(texts, languages)
def test_quantities_are_found_in_any_text_and_read_back_as_themselves(text: str, lang: str) -> None:
    found = find_quantities(text, language=lang)
    assert_spans(text, found)
    for m in found:
        q = m.value
        assert q.low is None or q.high is None or q.low <= q.high, m
        again = parse_quantity(m.text, language=lang)
        assert again is not None and (again.low, again.high, again.approx) == (
            q.low, q.high, q.approx), (m, again)


_amounts = st.one_of(
    st.integers(0, 10**9).map(str),
    st.integers(1000, 10**9).map(lambda n: f"{n:,}"),
    st.builds("{} to {}".format, st.integers(1, 999), st.integers(1000, 5000)),
    st.builds("about {}".format, st.integers(2, 99_999)),
    st.builds("more than {} thousand".format, st.integers(2, 999)),
    st.builds("около {} тысяч".format, st.integers(2, 999)),
    st.floats(0.01, 1e6).map("{:.2f}".format),
)


@fuzz
@given(_amounts)
def test_parse_quantity_is_stable(expr: str) -> None:
    lang = "ru" if any("а" <= ch <= "я" for ch in expr) else "en"
    q = parse_quantity(expr, language=lang)
    assert q is not None, expr
    again = parse_quantity(q.text, language=lang)
    assert again is not None and (again.low, again.high, again.approx) == (q.low, q.high, q.approx)
    if q.low is not None and q.low == q.high:  # the normalised number reads back as itself
        plain = parse_quantity(q.normalized)
        assert plain is not None and (plain.low, plain.high, plain.approx) == (
            q.low, q.high, Approx.EXACT), (expr, q.normalized, plain)


# --------------------------------------------------------------------------- names

KINDS = ["PER", "ORG", "LOC", "GPE", "NORP"]


@fuzz
@example("von", "PER")
@example("– de", "LOC")
@given(texts, st.sampled_from(KINDS))
def test_any_text_parses_as_a_name_of_any_kind(text: str, kind: str) -> None:
    form = parse_name(text, kind)
    assert form.text == text
    blocking_keys(text, kind)
    compare_names(text, text, kind)


@fuzz
@given(texts, st.sampled_from([None, *KINDS]))
def test_strip_name_is_idempotent(text: str, kind: str | None) -> None:
    once = strip_name(text, kind)
    assert strip_name(once, kind) == once


_people = st.builds(
    "{}{} {}{}".format,
    st.sampled_from(["", "Capt. ", "Dr. ", "Lt. Gen. ", "Mr ", "капитан ", "Sir "]),
    st.sampled_from(["Tobias", "Greta", "Marta", "Oskar", "Иван", "Пётр", "Anne-Marie", "T.",
                     "A. A.", "J.-P.", "Tobias Andreas"]),
    st.sampled_from(["Wennerholm", "Quillon", "Brandvik", "Петров", "Курасов", "van Beethoven",
                     "de la Cruz", "O'Brien", "bin Adil al-Nasiri", "Ó Súilleabháin",
                     "Веннерхольм"]),
    st.sampled_from(["", "'s", "’s", ","]),
)
_bodies = st.builds(
    "{} {}".format,
    st.sampled_from(["Northern Lantern", "Harbour Pilots", "Kestrel Trading", "Северная фонарная",
                     "Port Ellery", "Lake Van"]),
    st.sampled_from(["Company", "Guild", "AG", "GmbH", "Ltd.", "компания", "Co.", "Province"]),
)
_names = st.one_of(_people, _bodies)


@fuzz
@given(_names, _names, st.sampled_from(["PER", "ORG", "LOC"]))
def test_name_comparison_is_symmetric_reflexive_and_blocked(a: str, b: str, kind: str) -> None:
    ab, ba = compare_names(a, b, kind), compare_names(b, a, kind)
    assert ab.same == ba.same, (ab, ba)
    assert compare_names(a, a, kind).same
    if ab.same:  # the resolver only compares names that share a blocking key
        assert blocking_keys(a, kind) & blocking_keys(b, kind), (a, b, ab.rule)


# --------------------------------------------------------------------------- cleaning, reading


@fuzz
@given(texts)
def test_clean_is_idempotent_and_its_output_normalised(text: str) -> None:
    once = clean(text)
    assert normalize(once.text) == once.text
    twice = clean(once.text)
    assert twice.text == once.text and twice.removed == ()


@fuzz
@given(st.one_of(st.binary(max_size=3000), texts.map(lambda t: t.encode("utf-8")),
                 texts.map(lambda t: t.encode("utf-16")),
                 texts.map(lambda t: t.encode("cp1251", errors="replace"))),
       st.sampled_from(["txt", "md", "html", "pdf"]))
def test_reading_any_bytes_gives_a_source_or_says_why_not(data: bytes, fmt: str) -> None:
    try:
        source = parse_bytes(data, fmt=fmt, name="x", location="/x")
    except Unreadable as e:
        assert e.reason and "\n" not in e.reason
        return
    assert source.text.strip() and normalize(source.text) == source.text


_ru_sentences = st.builds(
    lambda template, name, d, place, n: template.format(
        name=name, day=d.day, month=RU_MONTHS[d.month - 1], year=d.year, place=place, n=n),
    st.sampled_from([
        "{name} родился {day} {month} {year} года в {place}.",
        "В {year} году {name} вступил в Северную фонарную компанию.",
        "{name} был арестован в {place}.", "Ярмарку посетили около {n} человек.",
        "Ёлка у ратуши стояла до весны.", "Щука и рак.", "Заметка о капитане",
    ]),
    st.sampled_from(["Тобиас Веннерхольм", "Грета", "Марта Квиллон", "Щукин", "Ёлкин Пётр"]),
    _days,
    st.sampled_from(["Кестрелби", "Порт-Эллери", "Угольках", "Жиздре"]),
    st.integers(2, 5000),
)


@fuzz
@given(st.lists(_ru_sentences, min_size=1, max_size=6).map(" ".join),
       st.sampled_from(["cp1251", "koi8_r", "utf-16", "utf-8-sig", "utf-8"]))
def test_russian_prose_is_decoded_back_in_every_encoding(text: str, encoding: str) -> None:
    assert decode(text.encode(encoding)).text == text


@fuzz
@example("август")
@example("Infinity")
@given(st.text(st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn")), min_size=1,
               max_size=80))
def test_printable_utf8_is_decoded_back_as_itself(text: str) -> None:
    assert decode(text.encode("utf-8")).text == text
