"""Words of time: month, weekday, season and number vocabularies (English, Russian).

Kept apart from the patterns so that the grammar reads as grammar, and so that
every table is a plain immutable mapping that tests can enumerate.
"""

from __future__ import annotations

import re
from types import MappingProxyType

# ------------------------------------------------------------------ English months

_EN_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "october": 10,
    "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
EN_MONTHS = MappingProxyType(_EN_MONTHS)

# Full names first so that the alternation prefers them; abbreviations may carry a dot.
EN_MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)

# Month names that are also common English words: they need a number or a temporal
# preposition next to them before they count as a month.
EN_AMBIGUOUS_MONTHS = frozenset({"may", "march", "mar", "jan", "jun", "jul", "sep", "dec"})


def en_month(word: str) -> int | None:
    """Month number of an English month name or abbreviation (dot allowed)."""
    return _EN_MONTHS.get(word.lower().rstrip("."))


_EN_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6,
}
EN_WEEKDAYS = MappingProxyType(_EN_WEEKDAYS)
EN_WEEKDAY_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

# TimeML season codes; northern-hemisphere meteorological seasons.
_EN_SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
EN_SEASONS = MappingProxyType(_EN_SEASONS)
EN_SEASON_RE = r"(?:spring|summer|autumn|fall|winter)"

# Parts of the day as TimeML codes.
_EN_DAY_PARTS = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "midday": "MI",
}
EN_DAY_PARTS = MappingProxyType(_EN_DAY_PARTS)

# ------------------------------------------------------------------ English numbers

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "thirtieth": 30,
}
EN_NUMBER_WORD_RE = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:one|two|three|four"
    r"|five|six|seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven"
    r"|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a\s+hundred|hundred"
    r"|a\s+dozen|dozen)"
)
EN_ORDINAL_WORD_RE = (
    r"(?:(?:twenty|thirty)[-\s]?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
    r"|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
    r"|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth"
    r"|thirtieth)"
)

_DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
    "seventies": 7, "eighties": 8, "nineties": 9,
}
DECADE_WORDS = MappingProxyType(_DECADE_WORDS)


def en_number(words: str) -> int | None:
    """Value of a spelled-out English cardinal up to 199 ("twenty-seven", "a dozen")."""
    w = re.sub(r"[\s-]+", " ", words.strip().lower())
    if w in ("a", "an", "one", "a single", "single"):
        return 1
    if w in ("a dozen", "dozen"):
        return 12
    if w in ("a hundred", "hundred", "one hundred"):
        return 100
    if w in ("a couple of", "a couple", "couple of", "a pair of"):
        return 2
    parts = w.split()
    total = 0
    for p in parts:
        if p in _UNITS:
            total += _UNITS[p]
        elif p in _TENS:
            total += _TENS[p]
        else:
            return None
    return total if parts else None


def en_ordinal(word: str) -> int | None:
    """Value of an English ordinal word ("nineteenth", "twenty-first") or "19th"."""
    w = re.sub(r"[\s-]+", " ", word.strip().lower())
    m = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", w)
    if m:
        return int(m.group(1))
    if w in _ORDINALS:
        return _ORDINALS[w]
    parts = w.split()
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _ORDINALS:
        return _TENS[parts[0]] + _ORDINALS[parts[1]]
    return None


def spoken_year(words: str) -> int | None:
    """A year read aloud: "nineteen forty-five", "nineteen oh five", "two thousand two"."""
    w = re.sub(r"[\s-]+", " ", words.strip().lower())
    m = re.fullmatch(r"two thousand(?: and)?(?: (.+))?", w)
    if m:
        rest = en_number(m.group(1)) if m.group(1) else 0
        return 2000 + rest if rest is not None and rest < 100 else None
    parts = w.split(" ", 1)
    if len(parts) != 2 or parts[0] not in _UNITS and parts[0] not in _TENS:
        return None
    hundreds = _UNITS.get(parts[0]) or _TENS.get(parts[0])
    if hundreds is None or not 10 <= hundreds <= 20:
        return None
    rest_words = parts[1]
    if rest_words == "hundred":
        return hundreds * 100
    m = re.fullmatch(r"(?:oh|o) (\w+)", rest_words)
    if m:
        u = _UNITS.get(m.group(1))
        return hundreds * 100 + u if u is not None and u < 10 else None
    rest = en_number(rest_words)
    if rest is None or not 10 <= rest <= 99:
        return None
    return hundreds * 100 + rest


# ------------------------------------------------------------------ Russian

_RU_MONTH_STEMS = (
    ("январ", 1), ("феврал", 2), ("март", 3), ("апрел", 4), ("ма", 5), ("июн", 6),
    ("июл", 7), ("август", 8), ("сентябр", 9), ("октябр", 10), ("ноябр", 11), ("декабр", 12),
)
# Nominative, genitive, prepositional, instrumental and accusative endings.
RU_MONTH_RE = (
    r"(?:январ[ьяеюём]|феврал[ьяеюём]|март[аеуо]?м?|апрел[ьяеюём]|ма[йяеюё]м?|июн[ьяеюём]"
    r"|июл[ьяеюём]|август[аеуо]?м?|сентябр[ьяеюём]|октябр[ьяеюём]|ноябр[ьяеюём]|декабр[ьяеюём]"
    r"|янв\.|февр?\.|апр\.|авг\.|сент?\.|окт\.|нояб?\.|дек\.)"
)
_RU_ABBR = {"янв": 1, "фев": 2, "февр": 2, "апр": 4, "авг": 8, "сен": 9, "сент": 9,
            "окт": 10, "ноя": 11, "нояб": 11, "дек": 12}


def ru_month(word: str) -> int | None:
    """Month number of a Russian month word in any case, or of its abbreviation."""
    w = word.lower().rstrip(".")
    if w in _RU_ABBR:
        return _RU_ABBR[w]
    for stem, n in _RU_MONTH_STEMS:
        if w.startswith(stem) and (stem != "ма" or len(w) <= 4):
            return n
    return None


_RU_SEASONS = {
    "весн": "SP", "лет": "SU", "осен": "FA", "зим": "WI",
}


def ru_season(word: str) -> str | None:
    w = word.lower()
    for stem, code in _RU_SEASONS.items():
        if w.startswith(stem):
            return code
    return None


_RU_NUMBERS = {
    "один": 1, "одна": 1, "одну": 1, "одного": 1, "два": 2, "две": 2, "двух": 2,
    "три": 3, "трёх": 3, "трех": 3, "четыре": 4, "четырёх": 4, "четырех": 4, "пять": 5,
    "пяти": 5, "шесть": 6, "шести": 6, "семь": 7, "семи": 7, "восемь": 8, "восьми": 8,
    "девять": 9, "девяти": 9, "десять": 10, "десяти": 10, "одиннадцать": 11,
    "двенадцать": 12, "пятнадцать": 15, "двадцать": 20, "двадцати": 20, "тридцать": 30,
    "тридцати": 30, "сорок": 40, "сорока": 40, "пятьдесят": 50, "сто": 100, "несколько": -1,
    "нескольких": -1,
}
RU_NUMBER_WORD_RE = (
    r"(?:(?:двадцать|тридцать|сорок|пятьдесят)(?:\s+(?:один|одна|одну|два|две|три|четыре|пять"
    r"|шесть|семь|восемь|девять))?|одиннадцать|двенадцать|пятнадцать|десят[ьи]|один|одна|одну"
    r"|одного|два|две|двух|три|тр[её]х|четыре|четыр[её]х|пят[ьи]|шест[ьи]|сем[ьи]|восемь|восьми"
    r"|девят[ьи]|сто|нескольких|несколько)"
)


def ru_number(words: str) -> int | None:
    """Value of a Russian cardinal word or digits; -1 for "several"."""
    w = words.strip().lower()
    if w.isdigit():
        return int(w)
    total = 0
    for p in w.split():
        if p not in _RU_NUMBERS:
            return None
        total += _RU_NUMBERS[p]
    return total


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman(numeral: str) -> int | None:
    """Value of a Roman numeral (centuries are written this way in Russian)."""
    total, prev = 0, 0
    for ch in reversed(numeral.upper()):
        v = _ROMAN.get(ch)
        if v is None:
            return None
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total or None
