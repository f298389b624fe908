"""Number words of English and Russian, and a small grammar that reads them.

Sources write counts in words as often as in digits ("sixteen thousand",
"шестнадцать тысяч", "two hundred and fifty"). Reading them needs the word
values and a rule for which word may follow which, so that "five six" is two
numbers and "twenty-five" one. Russian numerals decline; every case form of a
numeral is listed because the counted noun's case is not our concern here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

# Kinds of number word, which decide what may follow (see `combine`).
UNIT: Final = "unit"  # 1..9
TEEN: Final = "teen"  # 10..19
TENS: Final = "tens"  # 20..90
HUNDREDS: Final = "hundreds"  # Russian 200..900 in one word ("двести")
HUNDRED: Final = "hundred"  # the multiplier "hundred"
SCALE: Final = "scale"  # thousand, million, billion
DOZEN: Final = "dozen"
FRACTION: Final = "fraction"  # Russian "полтора" (1.5), English "half a"

_EN_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_EN_TEENS = [
    "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
    "seventeen", "eighteen", "nineteen",
]
_EN_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _build_en() -> dict[str, tuple[float, str]]:
    words: dict[str, tuple[float, str]] = {}
    for i, w in enumerate(_EN_UNITS):
        words[w] = (float(i), UNIT)
    for i, w in enumerate(_EN_TEENS):
        words[w] = (float(10 + i), TEEN)
    for i, w in enumerate(_EN_TENS):
        words[w] = (float(20 + 10 * i), TENS)
    words["fourty"] = (40.0, TENS)  # a common misspelling
    words["hundred"] = (100.0, HUNDRED)
    words["thousand"] = (1e3, SCALE)
    words["million"] = (1e6, SCALE)
    words["billion"] = (1e9, SCALE)
    words["dozen"] = (12.0, DOZEN)
    return words


EN_WORDS: Final[dict[str, tuple[float, str]]] = _build_en()

# Russian: every case form. Soft-sign numerals 5..20, 30 decline -ь/-и/-ью.
_RU_SOFT = {
    "пять": 5, "шесть": 6, "семь": 7, "восемь": 8, "девять": 9, "десять": 10,
    "одиннадцать": 11, "двенадцать": 12, "тринадцать": 13, "четырнадцать": 14,
    "пятнадцать": 15, "шестнадцать": 16, "семнадцать": 17, "восемнадцать": 18,
    "девятнадцать": 19, "двадцать": 20, "тридцать": 30,
}
_RU_EXTRA: dict[str, float] = {
    # 1..4
    "один": 1, "одна": 1, "одно": 1, "одного": 1, "одной": 1, "одному": 1, "одним": 1,
    "одном": 1, "одну": 1, "одною": 1,
    "два": 2, "две": 2, "двух": 2, "двум": 2, "двумя": 2,
    "три": 3, "трёх": 3, "трех": 3, "трём": 3, "трем": 3, "тремя": 3,
    "четыре": 4, "четырёх": 4, "четырех": 4, "четырём": 4, "четырем": 4, "четырьмя": 4,
    "восьми": 8, "восьмью": 8,
    # 40, 90, 100
    "сорок": 40, "сорока": 40, "девяносто": 90, "девяноста": 90, "сто": 100, "ста": 100,
    # 50..80
    "пятьдесят": 50, "пятидесяти": 50, "пятьюдесятью": 50,
    "шестьдесят": 60, "шестидесяти": 60, "шестьюдесятью": 60,
    "семьдесят": 70, "семидесяти": 70, "семьюдесятью": 70,
    "восемьдесят": 80, "восьмидесяти": 80, "восьмьюдесятью": 80, "восемьюдесятью": 80,
}
_RU_HUNDREDS_STEMS = {
    2: ("двести", "двухсот", "двумстам", "двумястами", "двухстах"),
    3: ("триста", "трёхсот", "трехсот", "трёмстам", "тремстам", "тремястами", "трёхстах", "трехстах"),
    4: ("четыреста", "четырёхсот", "четырехсот", "четырёмстам", "четыремстам", "четырьмястами",
        "четырёхстах", "четырехстах"),
    5: ("пятьсот", "пятисот", "пятистам", "пятьюстами", "пятистах"),
    6: ("шестьсот", "шестисот", "шестистам", "шестьюстами", "шестистах"),
    7: ("семьсот", "семисот", "семистам", "семьюстами", "семистах"),
    8: ("восемьсот", "восьмисот", "восьмистам", "восемьюстами", "восьмьюстами", "восьмистах"),
    9: ("девятьсот", "девятисот", "девятистам", "девятьюстами", "девятистах"),
}
_RU_SCALES = {
    1e3: ("тысяча", "тысячи", "тысяч", "тысячу", "тысячей", "тысячею", "тысячам", "тысячами",
          "тысячах", "тыс"),
    1e6: ("миллион", "миллиона", "миллионов", "миллиону", "миллионом", "миллионам",
          "миллионами", "миллионах", "млн"),
    1e9: ("миллиард", "миллиарда", "миллиардов", "миллиарду", "миллиардом", "миллиардам",
          "миллиардами", "миллиардах", "млрд"),
}


def _build_ru() -> dict[str, tuple[float, str]]:
    words: dict[str, tuple[float, str]] = {}

    def kind(v: float) -> str:
        if v < 10:
            return UNIT
        if v < 20:
            return TEEN
        if v < 100:
            return TENS
        return HUNDREDS

    for w, v in _RU_SOFT.items():
        for form in (w, w[:-1] + "и", w + "ю"):
            words[form] = (float(v), kind(v))
    for w, v in _RU_EXTRA.items():
        words[w] = (float(v), kind(v))
    for h, forms in _RU_HUNDREDS_STEMS.items():
        for form in forms:
            words[form] = (float(h * 100), HUNDREDS)
    for scale, forms in _RU_SCALES.items():
        for form in forms:
            words[form] = (scale, SCALE)
    for form in ("полтора", "полторы", "полутора"):
        words[form] = (1.5, FRACTION)
    for form in ("дюжина", "дюжины", "дюжин", "дюжину"):
        words[form] = (12.0, DOZEN)
    for form in ("сотня", "сотню", "сотни", "сотней"):
        words[form] = (100.0, HUNDRED)
    return words


RU_WORDS: Final[dict[str, tuple[float, str]]] = _build_ru()

# Scale words that may stand alone as a number, "тысяча солдат" = 1000; plural
# forms ("тысячи", "сотни") alone are vague and handled elsewhere.
RU_LONE_SCALES: Final = frozenset(
    {"тысяча", "тысячу", "тысячей", "миллион", "миллиона", "миллионом", "сотня", "сотню",
     "дюжина", "дюжину"}
)

# Which kind may follow which inside one number.
_FOLLOWS: Final[dict[str | None, frozenset[str]]] = {
    None: frozenset({UNIT, TEEN, TENS, HUNDREDS, HUNDRED, SCALE, DOZEN, FRACTION}),
    UNIT: frozenset({HUNDRED, SCALE, DOZEN}),
    TEEN: frozenset({HUNDRED, SCALE}),
    TENS: frozenset({UNIT, SCALE}),
    HUNDREDS: frozenset({UNIT, TEEN, TENS, SCALE}),
    HUNDRED: frozenset({UNIT, TEEN, TENS, SCALE}),
    SCALE: frozenset({UNIT, TEEN, TENS, HUNDREDS}),
    DOZEN: frozenset(),
    FRACTION: frozenset({SCALE, HUNDRED}),
}


def words_for(language: str) -> dict[str, tuple[float, str]]:
    return RU_WORDS if language == "ru" else EN_WORDS


def can_follow(prev: str | None, nxt: str, *, prev_scale: float | None, scale: float) -> bool:
    """True when a word of kind `nxt` may continue a number whose last word is `prev`.

    A scale may only follow a larger scale already used ("two million five
    hundred thousand", never "two thousand five million").
    """
    if nxt not in _FOLLOWS[prev]:
        return False
    return not (nxt == SCALE and prev_scale is not None and scale >= prev_scale)


def combine(values: Sequence[tuple[float, str]]) -> float:
    """The value of a sequence of number words already checked with `can_follow`."""
    total = 0.0
    current = 0.0
    for value, kind in values:
        if kind in (UNIT, TEEN, TENS, HUNDREDS, FRACTION):
            current += value
        elif kind in (HUNDRED, DOZEN):
            current = (current or 1.0) * value
        else:  # SCALE
            total += (current or 1.0) * value
            current = 0.0
    return total + current
