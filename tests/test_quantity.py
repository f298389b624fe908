"""Specification of quantity reading: one test per written form, and what is not a count."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.annotate.quantity import find_quantities, parse_quantity
from accord.model import Approx


def one(text: str, language: str = "en"):
    found = find_quantities(text, language=language)
    assert len(found) == 1, found
    m = found[0]
    assert text[m.start : m.end] == m.text
    return m


# ----------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The garrison had 9,000 soldiers.", 9000, "soldier"),
        ("The garrison had 9 000 soldiers.", 9000, "soldier"),
        ("They counted 130,000 men.", 130000, "man"),
        ("A total of 5.7 million tins were sold.", 5_700_000, "tin"),
        ("They planted 55 thousand trees.", 55000, "tree"),
        ("Sixteen thousand sheep grazed there.", 16000, "sheep"),
        ("He owned six thousand books.", 6000, "book"),
        ("She wrote two hundred letters.", 200, "letter"),
        ("They baked a dozen loaves.", 12, "loaf"),
        ("The city printed 1.2 million leaflets.", 1_200_000, "leaflet"),
        ("It took two hundred and fifty days.", 250, "day"),
        ("About twenty-five thousand people came.", 25000, "person"),
        ("The road ran for 300 km.", 300, "km"),
        ("The wall was 12 metres high.", 12, "m"),
        ("Turnout was 45% this year.", 45, "%"),
        ("Turnout was 45 per cent.", 45, "%"),
        ("It cost $5 million.", 5_000_000, "$"),
        ("He served a 20-year term.", 20, "year"),
        ("They lost half a million coins.", 500_000, "coin"),
    ],
)
def test_number_forms_en(text: str, value: float, unit: str) -> None:
    q = one(text).value
    assert q.low == q.high == value
    assert q.unit == unit


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("В городе жили 9 тысяч человек.", 9000, "человек"),
        ("Было выпущено 5,7 млн листовок.", 5_700_000, "листовок"),
        ("Пришли шестнадцать тысяч паломников.", 16000, "паломников"),
        ("Построили 9 000 домов.", 9000, "домов"),
        ("Потратили 2,5 тыс. рублей.", 2500, "рублей"),
        ("Собрали двести пятьдесят тысяч подписей.", 250_000, "подписей"),
        ("Прошли полтора миллиона туристов.", 1_500_000, "туристов"),
        ("Дорога длиной 300 км.", 300, "km"),
        ("За проголосовали 45 процентов.", 45, "%"),
    ],
)
def test_number_forms_ru(text: str, value: float, unit: str) -> None:
    q = one(text, "ru").value
    assert q.low == q.high == value
    assert q.unit == unit


# ----------------------------------------------------------------- bounds


@pytest.mark.parametrize(
    ("text", "approx", "low", "high"),
    [
        ("about 300 sailors", Approx.ABOUT, 300, 300),
        ("approximately 300 sailors", Approx.ABOUT, 300, 300),
        ("around 300 sailors", Approx.ABOUT, 300, 300),
        ("an estimated 300 sailors", Approx.ABOUT, 300, 300),
        ("roughly 300 sailors", Approx.ABOUT, 300, 300),
        ("some 300 sailors", Approx.ABOUT, 300, 300),
        ("nearly 300 sailors", Approx.ABOUT, 300, 300),
        ("almost 300 sailors", Approx.ABOUT, 300, 300),
        ("300 sailors or so", Approx.EXACT, 300, 300),  # "or so" must touch the number
        ("300 or so sailors", Approx.ABOUT, 300, 300),
        ("more than 300 sailors", Approx.MORE_THAN, 300, None),
        ("over 300 sailors", Approx.MORE_THAN, 300, None),
        ("in excess of 300 sailors", Approx.MORE_THAN, 300, None),
        ("at least 300 sailors", Approx.AT_LEAST, 300, None),
        ("300 or more sailors", Approx.AT_LEAST, 300, None),
        ("fewer than 300 sailors", Approx.LESS_THAN, None, 300),
        ("less than 300 sailors", Approx.LESS_THAN, None, 300),
        ("up to 300 sailors", Approx.AT_MOST, None, 300),
        ("as many as 300 sailors", Approx.AT_MOST, None, 300),
        ("no more than 300 sailors", Approx.AT_MOST, None, 300),
        ("at most 300 sailors", Approx.AT_MOST, None, 300),
        ("300 to 400 sailors", Approx.RANGE, 300, 400),
        ("300-400 sailors", Approx.RANGE, 300, 400),
        ("300–400 sailors", Approx.RANGE, 300, 400),
        ("between 300 and 400 sailors", Approx.RANGE, 300, 400),
        ("300 or 400 sailors", Approx.RANGE, 300, 400),
        ("5 to 6 million sailors", Approx.RANGE, 5_000_000, 6_000_000),
        ("five or six thousand sailors", Approx.RANGE, 5000, 6000),
    ],
)
def test_bounds_en(text: str, approx: Approx, low: float | None, high: float | None) -> None:
    q = one(text).value
    assert (q.approx, q.low, q.high) == (approx, low, high)
    assert q.unit == "sailor"


@pytest.mark.parametrize(
    ("text", "approx", "low", "high"),
    [
        ("около 9000 человек", Approx.ABOUT, 9000, 9000),
        ("более 45 тысяч человек", Approx.MORE_THAN, 45000, None),
        ("свыше 45 тысяч человек", Approx.MORE_THAN, 45000, None),
        ("не менее 300 человек", Approx.AT_LEAST, 300, None),
        ("менее 300 человек", Approx.LESS_THAN, None, 300),
        ("до 300 человек", Approx.AT_MOST, None, 300),
        ("от 5 до 7 тыс. человек", Approx.RANGE, 5000, 7000),
        ("300–400 человек", Approx.RANGE, 300, 400),
        ("9 000 с лишним человек", Approx.MORE_THAN, 9000, None),
    ],
)
def test_bounds_ru(text: str, approx: Approx, low: float | None, high: float | None) -> None:
    q = one(text, "ru").value
    assert (q.approx, q.low, q.high) == (approx, low, high)
    assert q.unit == "человек"


def test_qualifier_is_in_the_span() -> None:
    m = one("They found more than 45 wells.")
    assert m.text == "more than 45"


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("hundreds of pilgrims", 200, 999),
        ("thousands of pilgrims", 2000, 9999),
        ("tens of thousands of pilgrims", 20000, 99999),
        ("hundreds of thousands of pilgrims", 200_000, 999_999),
        ("millions of pilgrims", 2_000_000, 9_999_999),
        ("dozens of pilgrims", 24, 99),
        ("several thousand pilgrims", 3000, 9000),
        ("a few hundred pilgrims", 200, 500),
    ],
)
def test_vague_en(text: str, low: float, high: float) -> None:
    q = one(text).value
    assert (q.approx, q.low, q.high, q.unit) == (Approx.VAGUE, low, high, "pilgrim")


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("тысячи паломников", 2000, 9999),
        ("десятки тысяч паломников", 20000, 99999),
        ("сотни тысяч паломников", 200_000, 999_999),
        ("несколько тысяч паломников", 2000, 9000),
    ],
)
def test_vague_ru(text: str, low: float, high: float) -> None:
    q = one(text, "ru").value
    assert (q.approx, q.low, q.high, q.unit) == (Approx.VAGUE, low, high, "паломников")


# ----------------------------------------------------------------- counted noun


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("9,000 armed volunteers were enrolled.", "volunteer"),
        ("5.7 million Blue Valley ATMs were built.", "atm"),
        ("300 of the prisoners escaped.", "prisoner"),
        ("The mill employed 40 women.", "woman"),
        ("A fleet of 12 ferries sailed.", "ferry"),
        ("Only 5 of them returned.", ""),
        ("Then 300 fled.", ""),
        ("7 новых школ открыли.", "школ"),
        ("Пришли 300 пленных.", "пленных"),
    ],
)
def test_unit_heuristic(text: str, unit: str) -> None:
    lang = "ru" if any("а" <= c <= "я" for c in text.lower()) else "en"
    assert one(text, lang).value.unit == unit


# ----------------------------------------------------------------- not quantities


@pytest.mark.parametrize(
    "text",
    [
        "The bridge opened in 1942.",
        "He worked there 1946-1952.",
        "She has lived there since 1937.",
        "The fair opened on May 8.",
        "It ended on 8 May.",
        "It was the 12th day.",
        "This is well known.[1]",
        "See P. 226.",
        "See Pp. 16-20.",
        "The 20th Regiment marched.",
        "He came 2nd.",
        "The T-34 tractor.",
        "The meeting began at 10:30.",
        "They met at 9 pm.",
        "The 1942 harvest was poor.",
        "In 1942 Northland voters rejected it.",
        "It was one of the best.",
        "No one came.",
        "Article 58 was cited.",
        "The 1940s were hard.",
        "It lasted 1941–45.",
    ],
)
def test_not_quantities_en(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Это случилось в 1942 году.",
        "Это было 8 мая 1945 г.",
        "Ф. 9401. Оп. 2. Д. 64. Л. 226.",
        "Полк 20-й армии.",
        "В 1940-х годах.",
        "С 1937 по 1938.",
        "См. с. 45.",
    ],
)
def test_not_quantities_ru(text: str) -> None:
    assert find_quantities(text, language="ru") == []


@pytest.mark.parametrize("text, unit", [
    ("a cannon of one inch bore", "inch"),
    ("the fort lies one mile from the ford", "mile"),
    ("a wall one metre thick", "m"),
])
def test_one_before_a_unit_of_measure_is_a_number(text: str, unit: str) -> None:
    m = one(text)
    assert (m.text, m.value.low, m.value.unit) == ("one", 1, unit)


def test_one_before_anything_else_is_still_no_count() -> None:
    assert find_quantities("one of the riders came back one year later") == []


def test_year_with_counted_noun_is_a_quantity() -> None:
    q = one("The valley had 1500 farms.").value
    assert (q.low, q.unit) == (1500, "farm")


def test_several_mentions_sorted_and_disjoint() -> None:
    text = "In 1950 about 300 men and 40 women came; thousands of visitors followed."
    found = find_quantities(text)
    assert [m.text for m in found] == ["about 300", "40", "thousands"]
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))


def test_parse_quantity() -> None:
    q = parse_quantity("about 1,200 men")
    assert q is not None
    assert (q.low, q.high, q.approx, q.unit) == (1200, 1200, Approx.ABOUT, "man")
    assert parse_quantity("1942") is not None  # the caller says it is a count
    assert parse_quantity("no number here") is None
    assert parse_quantity("") is None


# ----------------------------------------------------------------- properties

_EN_SMALL = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
             "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
             "eighteen", "nineteen"]
_EN_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _en_below_1000(n: int, use_and: bool) -> str:
    parts = []
    if n >= 100:
        parts.append(f"{_EN_SMALL[n // 100]} hundred")
        n %= 100
        if n and use_and:
            parts.append("and")
    if n >= 20:
        parts.append(_EN_TENS[n // 10] + (f"-{_EN_SMALL[n % 10]}" if n % 10 else ""))
    elif n:
        parts.append(_EN_SMALL[n])
    return " ".join(parts)


def en_words(n: int, use_and: bool = False) -> str:
    parts = []
    for scale, name in ((10**6, "million"), (10**3, "thousand"), (1, "")):
        chunk = (n // scale) % 1000
        if chunk:
            parts.append((_en_below_1000(chunk, use_and) + f" {name}").strip())
    return " ".join(parts)


_RU_UNITS = ["", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять",
             "десять", "одиннадцать", "двенадцать", "тринадцать", "четырнадцать", "пятнадцать",
             "шестнадцать", "семнадцать", "восемнадцать", "девятнадцать"]
_RU_UNITS_F = ["", "одна", "две"] + _RU_UNITS[3:]
_RU_TENS = ["", "", "двадцать", "тридцать", "сорок", "пятьдесят", "шестьдесят", "семьдесят",
            "восемьдесят", "девяносто"]
_RU_HUNDREDS = ["", "сто", "двести", "триста", "четыреста", "пятьсот", "шестьсот", "семьсот",
                "восемьсот", "девятьсот"]


def _ru_below_1000(n: int, feminine: bool) -> list[str]:
    units = _RU_UNITS_F if feminine else _RU_UNITS
    parts = [_RU_HUNDREDS[n // 100]] if n >= 100 else []
    n %= 100
    if n >= 20:
        parts.append(_RU_TENS[n // 10])
        if n % 10:
            parts.append(units[n % 10])
    elif n:
        parts.append(units[n])
    return parts


def _ru_scale(n: int, forms: tuple[str, str, str]) -> str:
    if n % 100 in range(11, 20):
        return forms[2]
    return forms[0] if n % 10 == 1 else forms[1] if n % 10 in (2, 3, 4) else forms[2]


def ru_words(n: int) -> str:
    parts: list[str] = []
    for scale, forms, fem in (
        (10**6, ("миллион", "миллиона", "миллионов"), False),
        (10**3, ("тысяча", "тысячи", "тысяч"), True),
    ):
        chunk = (n // scale) % 1000
        if chunk:
            parts += _ru_below_1000(chunk, fem) + [_ru_scale(chunk, forms)]
    parts += _ru_below_1000(n % 1000, False)
    return " ".join(parts)


def test_renderers_sanity() -> None:
    assert en_words(250_300, use_and=True) == "two hundred and fifty thousand three hundred"
    assert ru_words(21_002) == "двадцать одна тысяча два"


@given(n=st.integers(min_value=1, max_value=999_999_999), use_and=st.booleans())
@settings(max_examples=300, deadline=None)
def test_parse_any_written_form_gives_the_value(n: int, use_and: bool) -> None:
    spaced = f"{n:,}".replace(",", " ")
    forms = [
        (str(n), "en"), (f"{n:,}", "en"), (spaced, "en"), (spaced, "ru"), (str(n), "ru"),
        (en_words(n, use_and), "en"), (ru_words(n), "ru"),
    ]
    if n % 1000 == 0:
        forms += [(f"{n // 1000:,} thousand", "en"), (f"{n // 1000} тысяч", "ru")]
    if n % 100_000 == 0:
        millions = f"{n / 1e6:g}"
        if "e" not in millions:
            forms += [(f"{millions} million", "en"), (f"{millions.replace('.', ',')} млн", "ru")]
    for text, lang in forms:
        q = parse_quantity(text, language=lang)
        assert q is not None, text
        assert (q.low, q.high, q.approx) == (n, n, Approx.EXACT), text


@given(st.text(max_size=200))
@settings(max_examples=300, deadline=None)
def test_find_never_raises_and_is_deterministic(text: str) -> None:
    for lang in ("en", "ru"):
        first = find_quantities(text, language=lang)
        assert first == find_quantities(text, language=lang)
        for m in first:
            assert text[m.start : m.end] == m.text
        assert all(a.end <= b.start for a, b in zip(first, first[1:], strict=False))


_PIECES = st.sampled_from(
    ["9,000", "9 000", " ", "-", "–", "about", "or", "to", "between", "and", "thousand",
     "тысяч", "около", "от", "до", "1942", "one", "a", "dozen", "%", "[1]", "May", "мая", "men",
     ",", ".", "5,7", "млн", "half", "hundreds", "of", "тысячи", "$", "20th", "p."]
)


@given(st.lists(_PIECES, max_size=25))
@settings(max_examples=300, deadline=None)
def test_find_never_raises_on_number_soup(pieces: list[str]) -> None:
    text = " ".join(pieces)
    for lang in ("en", "ru"):
        found = find_quantities(text, language=lang)
        assert found == find_quantities(text, language=lang)
        assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))
