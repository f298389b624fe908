"""Counts and measures in English and Russian text, with their bounds.

Sources disagree about numbers far more often than about anything else, and
they rarely write a bare number: "some 9,000", "more than 45 тысяч", "tens of
thousands", "5 to 6 million". Comparison needs each of these as an interval
with the kind of approximation kept (`Approx`), and needs the numbers that are
not counts (years, dates, page references, footnote markers, ordinals, codes)
left out. Everything here is rules about how numbers are written; nothing is
about any topic.

Vague quantities become documented intervals (`VAGUE`):

=====================  ==================  =========================
expression              interval            rule
=====================  ==================  =========================
dozens / десятки        24..99 / 20..99     fixed
scores                  40..199             fixed
hundreds / сотни        200..999            2P .. 10P-1 for plural P
thousands / тысячи      2000..9999
millions / миллионы     2e6..1e7-1
tens of thousands       20000..99999        mult-range times P
hundreds of thousands   200000..999999
a few N                 2N..5N              N a scale word ("a few hundred")
several N               3N..9N
a couple of N           2N..3N
несколько N             2N..9N
=====================  ==================  =========================

The counted noun (`Quantity.unit`) is a heuristic, documented at `_unit_after`.
A later parser-based stage may refine it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from typing import Final

from accord.annotate.quantity_words import (
    DOZEN,
    HUNDRED,
    RU_LONE_SCALES,
    SCALE,
    TEEN,
    TENS,
    UNIT,
    can_follow,
    combine,
    words_for,
)
from accord.model import Approx, Quantity, QuantityMention


def _wordset(words: str) -> frozenset[str]:
    """A set of words written as one whitespace-separated string (easier to read)."""
    return frozenset(words.split())

__all__ = ["find_quantities", "parse_quantity"]

_SPACES = " \u00a0\u202f\u2009"
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212"

# ----------------------------------------------------------------- digit numbers

_EN_SCALE_WORDS = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9,
                   "bn": 1e9, "mn": 1e6, "mln": 1e6, "k": 1e3}
_RU_SCALE_RE = re.compile(
    r"тыс(?:яч[а-я]*)?|млн|миллион[а-я]*|млрд|миллиард[а-я]*|сот(?:ни|ен|ня)",
    re.IGNORECASE,
)

_DIGITS = {
    "en": re.compile(
        r"(?<![0-9A-Za-z\u0400-\u04ff.,])(?P<num>"
        r"[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])(?:\.[0-9]+)?"
        rf"|[0-9]{{1,3}}(?:[{_SPACES}][0-9]{{3}})+(?![0-9])(?:\.[0-9]+)?"
        r"|[0-9]+(?:\.[0-9]+)?)"
        r"(?P<scale>(?:(?:[ \u00a0]*-?[ \u00a0]*)(?:hundred|thousand|million|billion|bn|mn|mln)\b){1,2}"
        r"|k\b)?",
        re.IGNORECASE,
    ),
    "ru": re.compile(
        r"(?<![0-9A-Za-z\u0400-\u04ff.,])(?P<num>"
        rf"[0-9]{{1,3}}(?:[{_SPACES}][0-9]{{3}})+(?![0-9])(?:,[0-9]+)?"
        r"|[0-9]{1,3}(?:[.,][0-9]{3}){2,}(?![0-9])"
        r"|[0-9]+(?:[.,][0-9]+)?)"
        r"(?P<scale>[ \u00a0]*(?:тыс(?:яч[а-я]*)?|млн|миллион[а-я]*|млрд|миллиард[а-я]*)"
        r"(?![а-яё])\.?)?",
        re.IGNORECASE,
    ),
}

_PERCENT = re.compile(
    r"[ \u00a0]?(?:%|per[ \u00a0]?cent\b|pct\b|процент[а-я]*|проц\.)", re.IGNORECASE
)


def _digit_value(num: str, language: str, scaled: bool) -> Decimal | None:
    """The value of a digit string; separators depend on the language.

    English: "," groups thousands, "." is the decimal point. Russian: spaces
    group thousands and "," (or ".") is the decimal point, except that one
    separator followed by exactly three digits with no scale word ("9,000")
    is read as grouping, as Russian web text often copies English style.
    """
    s = re.sub(f"[{_SPACES}]", "", num)
    if language == "ru":
        if s.count(",") + s.count(".") > 1 or (
                re.fullmatch(r"[0-9]{1,3}[.,][0-9]{3}", s) and not scaled):
            s = s.replace(",", "").replace(".", "")
        else:
            s = s.replace(",", ".")
    else:
        s = s.replace(",", "")
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


# ----------------------------------------------------------------- qualifiers

_QUALIFIERS: Final[dict[str, list[tuple[str, Approx]]]] = {
    "en": [
        (r"no\s+more\s+than|not\s+more\s+than|up\s+to|as\s+many\s+as|at\s+most|a\s+maximum\s+of"
         r"|at\s+the\s+most", Approx.AT_MOST),
        (r"no\s+fewer\s+than|no\s+less\s+than|not\s+less\s+than|not\s+fewer\s+than|at\s+least"
         r"|a\s+minimum\s+of|at\s+the\s+very\s+least", Approx.AT_LEAST),
        (r"(?:just\s+|well\s+|slightly\s+)?(?:more\s+than|over|in\s+excess\s+of|upwards\s+of"
         r"|above|exceeding)", Approx.MORE_THAN),
        (r"(?:just\s+|slightly\s+)?(?:fewer\s+than|less\s+than|under|below)", Approx.LESS_THAN),
        (r"about|approximately|approx\.|around|an\s+estimated|estimated\s+at|some|roughly"
         r"|nearly|almost|close\s+to|circa|ca\.|c\.|~|\u2248|an\s+approximate|perhaps"
         r"|something\s+like", Approx.ABOUT),
    ],
    "ru": [
        (r"не\s+более(?:\s+чем)?|не\s+больше(?:\s+чем)?|до|максимум|самое\s+большее",
         Approx.AT_MOST),
        (r"не\s+менее(?:\s+чем)?|не\s+меньше(?:\s+чем)?|по\s+меньшей\s+мере|как\s+минимум"
         r"|минимум|по\s+крайней\s+мере", Approx.AT_LEAST),
        (r"более(?:\s+чем)?|больше(?:\s+чем)?|свыше|сверх", Approx.MORE_THAN),
        (r"менее(?:\s+чем)?|меньше(?:\s+чем)?", Approx.LESS_THAN),
        (r"около|примерно|приблизительно|порядка|почти|ориентировочно|где-то|чуть\s+ли\s+не"
         r"|~|\u2248|ок\.|приблиз\.", Approx.ABOUT),
    ],
}


def _compile_prefix(pairs: list[tuple[str, Approx]]) -> list[tuple[re.Pattern[str], Approx]]:
    return [
        (re.compile(rf"(?<![\w.])(?:{p})[ \u00a0]*$", re.IGNORECASE), a)
        for p, a in pairs
    ]


_PREFIX = {lang: _compile_prefix(pairs) for lang, pairs in _QUALIFIERS.items()}

_SUFFIX = {
    "en": [
        (re.compile(r"[ \u00a0]+or[ \u00a0]+(?:more|over|above)\b", re.I), Approx.AT_LEAST),
        (re.compile(r"[ \u00a0]+or[ \u00a0]+(?:fewer|less|under)\b", re.I), Approx.AT_MOST),
        (re.compile(r"[ \u00a0]+or[ \u00a0]+so\b", re.I), Approx.ABOUT),
        (re.compile(r"(?:[ \u00a0]+|-)odd\b", re.I), Approx.ABOUT),
        (re.compile(r"(?:\+|-plus\b|[ \u00a0]+plus\b)", re.I), Approx.AT_LEAST),
    ],
    "ru": [
        (re.compile(r"[ \u00a0]+с[ \u00a0]+(?:лишним|небольшим|гаком)", re.I), Approx.MORE_THAN),
        (re.compile(r"[ \u00a0]+(?:и|или)[ \u00a0]+(?:более|больше)\b", re.I), Approx.AT_LEAST),
        (re.compile(r"[ \u00a0]+(?:и|или)[ \u00a0]+(?:менее|меньше)\b", re.I), Approx.AT_MOST),
        (re.compile(r"\+"), Approx.AT_LEAST),
    ],
}

# Range connectors between two numbers; `opener` must precede the first number.
_RANGE_OPENERS = {
    "en": re.compile(r"(?:^|(?<=\s))(?P<w>between|from)[ \u00a0]+$", re.I),
    "ru": re.compile(r"(?:^|(?<=\s))(?P<w>между|от)[ \u00a0]+$", re.I),
}
_CONNECTORS = {
    "en": re.compile(rf"^(?:[ \u00a0]*[{_DASHES}][ \u00a0]*|[ \u00a0]+(?P<w>to|or|and)[ \u00a0]+)$",
                     re.I),
    "ru": re.compile(rf"^(?:[ \u00a0]*[{_DASHES}][ \u00a0]*|[ \u00a0]+(?P<w>до|или|и)[ \u00a0]+)$",
                     re.I),
}
_NEEDS_OPENER = {"and": "between", "и": "между", "до": "от"}

# ----------------------------------------------------------------- not quantities

_MONTHS_EN = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_MONTHS_RU = (
    r"январ[ьяюе]|феврал[ьяюе]|март[ауе]?|апрел[ьяюе]|ма[йяюе]|июн[ьяюе]|июл[ьяюе]"
    r"|август[ауе]?|сентябр[ьяюе]|октябр[ьяюе]|ноябр[ьяюе]|декабр[ьяюе]"
)
_MONTH_BEFORE = re.compile(rf"\b(?:{_MONTHS_EN}|{_MONTHS_RU})\.?[ \u00a0]+$", re.I)
_MONTH_AFTER = re.compile(rf"(?:[ \u00a0]*(?:st|nd|rd|th))?[ \u00a0]+(?:of[ \u00a0]+)?"
                          rf"(?:{_MONTHS_EN}|{_MONTHS_RU})\b", re.I)

# Page, archival and document references: "P. 226", "Pp. 16-20", "No. 5",
# "Ф. 9401. Оп. 2. Д. 64. Л. 226", "Article 58", "ст. 58", "§ 3".
_REFERENCE_BEFORE = re.compile(
    r"(?:(?:^|(?<=[\s(\[;,]))(?:pp?|pg|nos?|vols?|figs?|ch|chap|art|sec|para|ed|eds|no"
    r"|с|сс|стр|т|л|лл|д|ф|оп|ч|гл|рис|табл|п|пп|ст|вып|кн|разд)\.[ \u00a0]*"
    r"|(?:^|(?<=[\s(\[]))(?:page|pages|article|articles|chapter|chapters|section|sections"
    r"|paragraph|volume|figure|table|item|appendix|order|decree|resolution|number|part|verse"
    r"|room|apartment|building|route|platform|flight|highway|комната|квартира|дом|доме|корпус"
    r"|статья|статьи|статье|статьёй|статьей|приказ|приказа|приказом|приказу|глава|главе|главы"
    r"|том|томе|тома|часть|части|пункт|пункта|параграф|лист|листы|дело|фонд|опись|страница"
    r"|страницы|странице)[ \u00a0]+(?:no\.?[ \u00a0]*|№[ \u00a0]*)?"
    r"|[№#§][ \u00a0]*)$",
    re.I,
)
_TIME_AFTER = re.compile(
    r"^(?::[0-5][0-9]|[ \u00a0]*(?:a\.m\.|p\.m\.|am\b|pm\b|o'clock|hrs\b|h\b))", re.I
)
# Year markers: "1942 года", "1942 г.", "1941-45 гг.", "1066 AD".
_YEAR_AFTER = re.compile(
    r"^[ \u00a0]*(?:год[ауыо]?м?\b|годах\b|гг?\.|г\b|a\.?d\.?(?![a-z])|b\.?c\.?(?:e\.?)?(?![a-z])"
    r"|c\.?e\.?(?![a-z]))",
    re.I,
)
_TEMPORAL_BEFORE = re.compile(
    r"(?:^|(?<=[\s(]))(?:in|since|by|until|till|from|during|before|after|the|early|late|mid"
    r"|spring|summer|autumn|fall|winter|year|years|of|to|and|between|through|c\.|circa|around"
    r"|в|во|с|со|до|к|после|от|по|между|летом|зимой|весной|осенью|году|начале|конце)"
    rf"[ \u00a0]+(?:(?:{_MONTHS_EN}|{_MONTHS_RU})\.?[ \u00a0]+)?$"
    r"|(?:^|(?<=[\s(]))(?:mid-|early-|late-)$",
    re.I,
)
_GLUE_BEFORE = re.compile(r"(?:[^\W\d_][.,;:)\]»\"”’'*]|[^\W\d_][-‐‑/]|[^\W\d_]|[0-9][:/])$")
_CURRENCY_BEFORE = re.compile(r"([$€£¥₽])[ \u00a0]?$")

# ----------------------------------------------------------------- counted noun

_UNIT_MAP: Final[dict[str, str]] = {
    "km": "km", "kms": "km", "kilometre": "km", "kilometres": "km", "kilometer": "km",
    "kilometers": "km", "m": "m", "metre": "m", "metres": "m", "meter": "m", "meters": "m",
    "cm": "cm", "centimetres": "cm", "centimeters": "cm", "mm": "mm", "millimetres": "mm",
    "millimeters": "mm", "kg": "kg", "kgs": "kg", "kilogram": "kg", "kilograms": "kg",
    "kilogramme": "kg", "kilogrammes": "kg", "kilo": "kg", "kilos": "kg", "g": "g", "grams": "g",
    "grammes": "g", "t": "t", "ton": "t", "tons": "t", "tonne": "t", "tonnes": "t", "mi": "mile",
    "mile": "mile", "miles": "mile", "inch": "inch", "inches": "inch", "ft": "ft", "foot": "ft",
    "feet": "ft", "ha": "ha", "hectare": "ha", "hectares": "ha", "sq": "sq", "acre": "acre", "acres": "acre",
    "км": "km", "километр": "km", "километра": "km", "километров": "km", "м": "m", "метр": "m",
    "метра": "m", "метров": "m", "см": "cm", "мм": "mm", "кг": "kg", "килограмм": "kg",
    "килограммов": "kg", "килограмма": "kg", "тонн": "t", "тонна": "t", "тонны": "t", "тн": "t",
    "га": "ha", "гектар": "ha", "гектаров": "ha", "гектара": "ha",
    "чел": "человек", "человек": "человек", "человека": "человек", "людей": "человек",
    "люди": "человек", "душ": "человек", "лет": "год", "год": "год", "года": "год",
}
_MEASURE_UNITS = frozenset(v for v in _UNIT_MAP.values() if v != "человек")


def is_measure_unit(unit: str) -> bool:
    """Whether a quantity's unit is a unit of measure ("km", "kg", "%") rather than a
    counted noun ("monk", "town"): "by 5 km" measures, "by two monks" counts."""
    return unit in _MEASURE_UNITS or _UNIT_MAP.get(unit) in _MEASURE_UNITS or not unit.isalpha()


_EN_STOP = _wordset(
    """a an the this that these those and or but nor of in on at by for with from to into onto
    upon over under about after before during since until till between among through against
    without within across behind beyond near as than then so yet if while when where who whom
    whose which what was were is are be been being am has have had do does did will would shall
    should can could may might must not no also only even just still already more most less least
    many much few several some all each every both either neither other another such own same his
    her its their our my your him them they he she it we you i us me there here up down out off
    away back again later earlier ago per reportedly apparently allegedly whereas thus hence
    fought fled left took went came made gave got ran fell lost won held kept met sent spent stood
    saw began died lay rose grew became said told found brought thought knew wrote led bore
    strong dead"""
)
_EN_PLURAL_IRREGULAR: Final[dict[str, str]] = {
    "men": "man", "women": "woman", "people": "person", "persons": "person",
    "children": "child", "feet": "foot", "teeth": "tooth", "geese": "goose", "mice": "mouse",
    "oxen": "ox", "lives": "life", "wives": "wife", "knives": "knife", "wolves": "wolf",
    "halves": "half", "thieves": "thief", "loaves": "loaf", "leaves": "leaf", "shelves": "shelf",
    "calves": "calf", "selves": "self", "wharves": "wharf", "dice": "die", "police": "police", "personnel": "personnel",
    "cattle": "cattle", "infantry": "infantry", "staff": "staff", "crew": "crew",
    "sheep": "sheep", "deer": "deer", "aircraft": "aircraft", "series": "series",
    "species": "species", "heads": "head", "militia": "militia", "cavalry": "cavalry",
    "clergy": "clergy", "youth": "youth",
}
_RU_STOP = _wordset(
    """в во на с со из к ко по о об обо от до за под над при через для без у около между среди
    и а но или что как чтобы когда если то это эти этих тех те все всех всего он она они их его
    её ее не ни же ли бы уже ещё еще только даже был была было были будет будут есть также тоже
    который которые которых которая из-за вместо кроме против после перед свыше более менее
    человек"""
)  # "человек" is handled by the unit map before the stop list is consulted.
_RU_ADJ_END = re.compile(
    r"(?:ых|их|ого|его|ому|ему|ой|ые|ие|ая|яя|ое|ее|ую|юю|ым|им|ыми|ими|ский|ской)$"
)
_RU_VERB_END = re.compile(r"(?:ли|лся|лась|лись|лось|ть|ться|ешь|ются|ются)$")
_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_OF_DET = re.compile(
    r"^[ \u00a0]*of[ \u00a0]+(?:(?:the|these|those|his|her|their|its|our|my|your|whom|which"
    r"|them|us|whose)\b[ \u00a0]*)?",
    re.I,
)
_OF_PRONOUN = re.compile(r"^[ \u00a0]*(?:of|из)[ \u00a0]+(?:them|us|whom|which|них|нас|которых)\b",
                         re.I)


def singular_en(word: str) -> str:
    """A crude English singular: enough to make "soldiers" and "soldier" one unit."""
    w = word.lower().replace("’", "'")
    if w in _EN_PLURAL_IRREGULAR:
        return _EN_PLURAL_IRREGULAR[w]
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if w.endswith("sses") or re.search(r"(?:ch|sh|x|zz)es$", w):
        return w[:-2]
    if len(w) > 3 and w.endswith("oes"):
        return w[:-2]
    if len(w) > 2 and w.endswith("s") and not re.search(r"(?:ss|us|is)$", w):
        return w[:-1]
    return w


def _is_plural_en(word: str) -> bool:
    w = word.lower()
    if w in _EN_PLURAL_IRREGULAR:
        return True
    return len(w) > 2 and w.endswith("s") and not re.search(r"(?:ss|us|is)$", w)


def _unit_after(text: str, pos: int, language: str, plural: bool) -> str:
    """The counted noun or unit after a number, best effort without a parser.

    Heuristic, in order:
      * a measurement unit right after the number ("5 km", "300 metres") maps to
        its symbol; Russian "человек/людей" map to "человек";
      * "N of (the|his|...) X" is read through to X ("300 of the prisoners"),
        "N of them" has no unit;
      * otherwise a run of at most three words is taken, stopping at
        punctuation, closed-class words (prepositions, auxiliaries, pronouns),
        adverbs in -ly, and a past-tense verb ("-ed" not followed by a noun, a
        short list of irregular pasts; Russian past/infinitive endings). English:
        the first plural-looking word of the run is the noun (adjectives come
        before it: "9,000 armed soldiers"); failing that, the last word.
        Russian: the first word not shaped like an adjective; failing that, the
        last (substantivised adjectives such as "пленных").
      * English nouns are singularised crudely ("men" -> "man", "POWs" -> "pow");
        Russian keeps the surface form (after numerals >= 5 and scale words it
        is regularly the genitive plural, so it still compares), lowercased.
    """
    rest = text[pos : pos + 120]
    if _OF_PRONOUN.match(rest):
        return ""
    if language == "en":
        m = _OF_DET.match(rest)
        if m:
            rest = rest[m.end() :]
    words: list[str] = []
    i = 0
    while len(words) < 3:
        gap = re.match(r"[ \u00a0]*(?:\n[ \u00a0]*)?" if words else r"[ \u00a0]*-?[ \u00a0]*", rest[i:])
        assert gap is not None
        j = i + gap.end()
        m = _WORD.match(rest, j)
        if not m:
            break
        word = m.group()
        low = word.lower()
        if not words and low in _UNIT_MAP:
            return _UNIT_MAP[low]
        if not words and "-" in gap.group() and language == "en":
            return singular_en(word)  # "20-year", "5-fold"
        if language == "ru":
            if low in _RU_STOP or _RU_VERB_END.search(low):
                break
        else:
            if low in _EN_STOP or (len(low) > 4 and low.endswith("ly") and word.islower()):
                break
            if low.endswith("ed") and len(low) > 3:
                nxt = _WORD.match(rest, m.end() + 1) if rest[m.end() : m.end() + 1] == " " else None
                if not nxt or nxt.group().lower() in _EN_STOP:
                    break
        words.append(word)
        i = m.end()
    if not words:
        return ""
    if language == "ru":
        for w in words:
            if not _RU_ADJ_END.search(w.lower()):
                return _UNIT_MAP.get(w.lower(), w.lower())
        return words[-1].lower()
    if plural:
        for w in words:
            if _is_plural_en(w):
                return singular_en(w)
    return singular_en(words[-1])


# ----------------------------------------------------------------- scanning


@dataclass(frozen=True, slots=True)
class _Atom:
    start: int
    end: int
    value: float
    raw: float  # value before a trailing scale word
    scale: float  # the trailing scale word's value, 1 when none
    bare: bool  # plain digits: no separator, decimal point or scale
    digits: bool  # written in digits
    lone_one: bool  # the single word "one"/"a"/"один": too often not a count
    percent: bool = False


def _digit_atoms(text: str, language: str) -> list[_Atom]:
    out: list[_Atom] = []
    for m in _DIGITS[language].finditer(text):
        num, scale_text = m.group("num"), m.group("scale") or ""
        scale = Decimal(1)
        if scale_text:
            if language == "ru":
                sm = _RU_SCALE_RE.search(scale_text)
                low = sm.group().casefold() if sm else ""
                scale = Decimal(
                    1000 if low.startswith("тыс") else
                    1_000_000 if low.startswith(("млн", "миллион")) else
                    1_000_000_000 if low.startswith(("млрд", "миллиард")) else 100
                )
            else:
                for w in re.findall(r"\w+", scale_text):
                    scale *= Decimal(int(_EN_SCALE_WORDS.get(w.casefold(), 1)))
        raw = _digit_value(num, language, bool(scale_text))
        if raw is None:
            continue
        end = m.end()
        pm = _PERCENT.match(text, end)
        percent = bool(pm)
        if pm:
            end = pm.end()
        out.append(_Atom(
            start=m.start(), end=end, value=float(raw * scale), raw=float(raw),
            scale=float(scale), bare=num.isdigit() and not scale_text, digits=True,
            lone_one=False, percent=percent,
        ))
    return out


_TOKEN = re.compile(r"[^\W\d_]+")
_WORD_GAP = re.compile(r"[ \u00a0]*(?:[-\u2010\u2011][ \u00a0]*|\n[ \u00a0]*)?")


def _word_atoms(text: str, language: str, taken: list[tuple[int, int]]) -> list[_Atom]:
    """Numbers written in words, read with the small grammar of `quantity_words`."""
    table = words_for(language)
    tokens = [(m.start(), m.end(), m.group().lower()) for m in _TOKEN.finditer(text)]

    def gap_ok(a: int, b: int) -> bool:
        g = text[a:b]
        m = _WORD_GAP.fullmatch(g)
        return bool(m) and g != ""

    starts = [s for s, _ in taken]

    def inside_taken(pos: int) -> bool:
        k = bisect_right(starts, pos) - 1
        return k >= 0 and taken[k][0] <= pos < taken[k][1]

    out: list[_Atom] = []
    i = 0
    n = len(tokens)
    while i < n:
        s, e, w = tokens[i]
        if inside_taken(s):
            i += 1
            continue
        seq: list[tuple[float, str]] = []
        j = i
        lone = False
        if language == "en" and w in ("a", "one", "half") and i + 1 < n:
            nxt = tokens[i + 1][2]
            if w == "half" and nxt == "a" and i + 2 < n and table.get(tokens[i + 2][2], (0, ""))[1] in (
                SCALE, HUNDRED, DOZEN
            ) and gap_ok(e, tokens[i + 1][0]) and gap_ok(tokens[i + 1][1], tokens[i + 2][0]):
                seq = [(0.5, UNIT)]
                j = i + 2
            elif w == "a" and table.get(nxt, (0, ""))[1] in (SCALE, HUNDRED, DOZEN) and gap_ok(
                e, tokens[i + 1][0]
            ):
                seq = [(1.0, UNIT)]
                j = i + 1
        if not seq:
            if w not in table:
                i += 1
                continue
            value, kind = table[w]
            if kind in (SCALE, HUNDRED, DOZEN) and not (language == "ru" and w in RU_LONE_SCALES):
                i += 1
                continue
            seq = [(value, kind)]
            j = i + 1
        last_scale: float | None = None
        if seq[-1][1] == SCALE:
            last_scale = seq[-1][0]
        end = tokens[j - 1][1]
        while j < n:
            ts, te, tw = tokens[j]
            prev_kind = seq[-1][1]
            if (language == "en" and tw == "and" and prev_kind in (HUNDRED, SCALE) and j + 1 < n
                    and gap_ok(end, ts) and gap_ok(te, tokens[j + 1][0])
                    and table.get(tokens[j + 1][2], (0, ""))[1] in (UNIT, TEEN, TENS)):
                end = te  # "two hundred and fifty"
                j += 1
                continue
            if tw not in table or not gap_ok(end, ts):
                break
            value, kind = table[tw]
            if not can_follow(prev_kind, kind, prev_scale=last_scale, scale=value):
                break
            seq.append((value, kind))
            if kind == SCALE:
                last_scale = value
            end = te
            j += 1
        if text[end : end + 1] == "." and tokens[j - 1][2] in ("тыс", "млн", "млрд"):
            end += 1
        if len(seq) == 1 and seq[0][0] == 1.0 and seq[0][1] == UNIT:
            lone = True
        total = combine(seq)
        scale = seq[-1][0] if seq[-1][1] == SCALE else 1.0
        start = s
        pm = _PERCENT.match(text, end)
        percent = bool(pm)
        if pm:
            end = pm.end()
        out.append(_Atom(
            start=start, end=end, value=total, raw=total / scale, scale=scale, bare=False,
            digits=False, lone_one=lone, percent=percent,
        ))
        i = j
    return out


_VAGUE_PLURAL = {
    "hundreds": (200.0, 999.0), "thousands": (2e3, 9999.0), "millions": (2e6, 1e7 - 1),
    "billions": (2e9, 1e10 - 1), "dozens": (24.0, 99.0), "scores": (40.0, 199.0),
    "tens": (20.0, 99.0),
    "сотни": (200.0, 999.0), "сотнями": (200.0, 999.0), "сотнях": (200.0, 999.0),
    "сотен": (200.0, 999.0),
    "тысячи": (2e3, 9999.0), "тысячами": (2e3, 9999.0), "тысячах": (2e3, 9999.0),
    "тысячам": (2e3, 9999.0), "тысяч": (2e3, 9999.0),
    "миллионы": (2e6, 1e7 - 1), "миллионами": (2e6, 1e7 - 1), "миллионах": (2e6, 1e7 - 1),
    "миллионов": (2e6, 1e7 - 1),
    "десятки": (20.0, 99.0), "десятками": (20.0, 99.0), "десятках": (20.0, 99.0),
    "десятков": (20.0, 99.0),
}
_SCALE_OF = {
    "thousands": 1e3, "millions": 1e6, "billions": 1e9, "hundreds": 1e2,
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "dozen": 12.0,
    "тысяч": 1e3, "миллионов": 1e6, "миллиардов": 1e9, "сотен": 1e2, "десятков": 10.0,
}
_FEW = {"a few": (2, 5), "several": (3, 9), "a couple of": (2, 3), "a couple": (2, 3),
        "несколько": (2, 9), "нескольких": (2, 9), "нескольким": (2, 9), "несколькими": (2, 9)}

_VAGUE = {
    "en": re.compile(
        r"\b(?:(?P<mult>tens|hundreds|dozens)[ \u00a0]+of[ \u00a0]+(?P<base>thousands|millions"
        r"|billions)"
        r"|(?P<few>a[ \u00a0]+few|several|a[ \u00a0]+couple(?:[ \u00a0]+of)?)[ \u00a0]+"
        r"(?P<sc>(?:hundred|thousand|million|billion|dozen)(?:[ \u00a0]+(?:thousand|million"
        r"|billion))?)"
        r"|(?:many[ \u00a0]+)?(?P<plural>hundreds|thousands|millions|billions|dozens|scores"
        r"|tens(?=[ \u00a0]+of\b)))\b",
        re.I,
    ),
    "ru": re.compile(
        r"(?<![\w-])(?:(?P<mult>десятки|десятков|десятками|десятках|сотни|сотен|сотнями|сотнях)"
        r"[ \u00a0]+(?P<base>тысяч|миллионов|миллиардов)"
        r"|(?P<few>несколько|нескольких|нескольким|несколькими)[ \u00a0]+"
        r"(?P<sc>(?:сотен|тысяч|миллионов|миллиардов|десятков)(?:[ \u00a0]+(?:тысяч|миллионов))?)"
        r"|(?:многие[ \u00a0]+|многих[ \u00a0]+)?(?P<plural>тысячи|тысячами|тысячах|тысячам"
        r"|миллионы|миллионами|миллионах|сотни|сотнями|сотнях|десятки|десятками|десятках))"
        r"(?![\w-])",
        re.I,
    ),
}


def _vague_mentions(text: str, language: str) -> list[tuple[int, int, float, float]]:
    out = []
    for m in _VAGUE[language].finditer(text):
        if m.group("mult"):
            lo, hi = _VAGUE_PLURAL[m.group("mult").casefold()]
            p = _SCALE_OF[m.group("base").casefold()]
            low, high = lo * p, (hi + 1) * p - 1
        elif m.group("few"):
            few = re.sub(r"[ \u00a0]+", " ", m.group("few").casefold())
            lo_f, hi_f = _FEW[few]
            p = 1.0
            for w in m.group("sc").casefold().split():
                p *= _SCALE_OF[w]
            low, high = lo_f * p, hi_f * p
        else:
            low, high = _VAGUE_PLURAL[m.group("plural").casefold()]
        out.append((m.start(), m.end(), float(low), float(high)))
    return out


@dataclass(slots=True)
class _Group:
    atoms: list[_Atom]
    start: int
    end: int
    approx: Approx = Approx.EXACT
    opener: str = ""
    qualified: bool = False
    currency: str = ""


def _window(text: str, pos: int, size: int, floor: int = 0) -> str:
    """The text before `pos` (at most `size` characters, not before `floor`),
    without a word cut in half at its start, so that "^" in a pattern means a
    word boundary."""
    start = max(floor, pos - size)
    window = text[start:pos]
    if start > floor and text[start - 1].isalnum():
        window = re.sub(r"^\w+", "", window)
    return window


def _group(text: str, atoms: list[_Atom], language: str) -> list[_Group]:
    """Join atoms into ranges ("5 to 6 million", "от 5 до 7", "35-37") and attach
    the qualifier words before and after them."""
    groups: list[_Group] = []
    i = 0
    prev_end = 0
    while i < len(atoms):
        a = atoms[i]
        before = _window(text, a.start, 60, floor=prev_end)
        opener_m = _RANGE_OPENERS[language].search(before)
        g = _Group([a], a.start, a.end)
        if i + 1 < len(atoms):
            b = atoms[i + 1]
            cm = _CONNECTORS[language].match(text[a.end : b.start])
            word = (cm.group("w") or "").lower() if cm else ""
            need = _NEEDS_OPENER.get(word)
            ok = cm is not None and (need is None or (opener_m and opener_m.group("w").lower() == need))
            if ok and (not a.percent or b.percent):
                a2 = a
                if (word == "" and _is_year(a) and b.bare and len(text[b.start : b.end]) == 2
                        and a.raw % 100 < b.raw):  # "1941-45"
                    century = a.raw - a.raw % 100
                    b = replace(b, value=century + b.raw, raw=century + b.raw)
                if a.scale == 1 and b.scale > 1 and a.raw * b.scale <= b.value:
                    a2 = replace(a, value=a.raw * b.scale, scale=b.scale)
                if a2.value <= b.value:
                    g = _Group([a2, b], a.start, b.end, Approx.RANGE)
                    i += 1
        if opener_m and len(g.atoms) == 2:
            g.start = a.start - (len(before) - opener_m.start())
            g.opener = opener_m.group("w").lower()
        else:
            for pat, approx in _PREFIX[language]:
                qm = pat.search(before)
                if qm:
                    g.start = a.start - (len(before) - qm.start())
                    g.qualified = True
                    if g.approx is Approx.EXACT:
                        g.approx = approx
                    break
        if g.approx is Approx.EXACT:
            for pat, approx in _SUFFIX[language]:
                sm = pat.match(text, g.end)
                if sm:
                    g.end = sm.end()
                    g.approx = approx
                    g.qualified = True
                    break
        cur = _CURRENCY_BEFORE.search(text[max(prev_end, g.start - 2) : g.start])
        if cur and g.atoms[0].digits and not g.qualified:
            g.currency = cur.group(1)
            g.start -= len(cur.group())
        groups.append(g)
        prev_end = g.end
        i += 1
    return groups


def _is_year(a: _Atom) -> bool:
    return a.bare and a.raw.is_integer() and 1000 <= a.raw <= 2099


_FOOTNOTE = re.compile(r"\[[0-9]{1,3}(?:[ \u00a0]*[,–-][ \u00a0]*[0-9]{1,3})*\]")
_CODE_BEFORE = re.compile(r"(?<![\w.])([^\W\d_]{1,3})[ \u00a0]+$")
_QUALIFIER_WORDS = frozenset({"ca", "c", "ок", "до", "от", "под"})


def _is_code_prefix(before: str) -> bool:
    """'Bf 109', 'KV 1': a short word with a capital right before a number is a name."""
    m = _CODE_BEFORE.search(before)
    if not m:
        return False
    w = m.group(1)
    low = w.lower()
    return (any(c.isupper() for c in w) and low not in _EN_STOP and low not in _RU_STOP
            and low not in _QUALIFIER_WORDS)


def _keep(text: str, g: _Group, unit: str, language: str, strict: bool) -> bool:
    """False for numbers that are not counts: references, footnotes, codes,
    ordinals, dates, times, and (when strict) years and a lone "one"."""
    first, last = g.atoms[0], g.atoms[-1]
    before_num = _window(text, first.start, 40)
    before = _window(text, g.start, 40)
    after_num = text[last.end : last.end + 40]
    if first.digits:
        for b in (before_num, before):
            if _REFERENCE_BEFORE.search(b) and not re.search(r"т\.[ \u00a0]*ч\.[ \u00a0]*$", b):
                return False
        if any(m.start() <= first.start < m.end() for m in _FOOTNOTE.finditer(
                text, max(0, first.start - 20), min(len(text), last.end + 20))):
            return False
        if _GLUE_BEFORE.search(text[max(0, first.start - 2) : first.start]):
            return False
        if not g.qualified and not g.opener and _is_code_prefix(before_num):
            return False
    if last.digits and not last.percent:
        if _TIME_AFTER.match(after_num):
            return False
        tail = re.match(r"[^\W\d_]+", after_num)
        if tail and tail.group().lower() not in _UNIT_MAP:
            return False
        if language == "ru" and re.match(rf"[{_DASHES}][а-яё]", after_num, re.I):
            return False  # "20-й", "1940-х", "20-летний"
        if re.match(rf"[{_DASHES}](?:st|nd|rd|th)\b", after_num, re.I):
            return False
    if (len(g.atoms) == 1 and first.digits and first.bare and 1 <= first.raw <= 31
            and first.raw.is_integer()
            and (_MONTH_BEFORE.search(_window(text, first.start, 20))
                 or _MONTH_AFTER.match(text, first.end))):
        return False  # a day of the month
    if not strict:
        return True
    if all(_is_year(a) for a in g.atoms):
        if _YEAR_AFTER.match(after_num):
            return False
        if _TEMPORAL_BEFORE.search(before_num) or _TEMPORAL_BEFORE.search(before):
            nxt = re.match(r"[ \u00a0]*([^\W\d_]+)", after_num)
            counted = unit in _MEASURE_UNITS or bool(
                nxt and language == "en" and nxt.group(1).islower()
                and _is_plural_en(nxt.group(1)) and nxt.group(1).lower() not in _EN_STOP
            )
            if not counted:
                return False
        if not unit and not g.qualified:
            return False
    # "one inch", "one kilometre": before a unit of measure "one" is a number, not a pronoun
    measured = unit in _MEASURE_UNITS and unit != "год"
    return not (len(g.atoms) == 1 and first.lone_one and not g.qualified and not measured)


def _scan(text: str, language: str, strict: bool) -> list[QuantityMention]:
    lang = "ru" if language.lower().startswith("ru") else "en"
    digit_atoms = _digit_atoms(text, lang)
    taken = [(a.start, a.end) for a in digit_atoms]
    atoms = sorted(digit_atoms + _word_atoms(text, lang, taken), key=lambda a: a.start)
    mentions: list[QuantityMention] = []
    for g in _group(text, atoms, lang):
        first, last = g.atoms[0], g.atoms[-1]
        plural = not (len(g.atoms) == 1 and first.value == 1)
        pct = any(a.percent for a in g.atoms)
        unit = "%" if pct else g.currency or _unit_after(text, g.end, lang, plural)
        if not _keep(text, g, unit, lang, strict):
            continue
        if g.approx is Approx.RANGE:
            low, high = first.value, last.value
        elif g.approx in (Approx.MORE_THAN, Approx.AT_LEAST):
            low, high = first.value, None
        elif g.approx in (Approx.LESS_THAN, Approx.AT_MOST):
            low, high = None, first.value
        else:
            low = high = first.value
        surface = text[g.start : g.end]
        mentions.append(QuantityMention(
            g.start, g.end, surface, Quantity(low, high, unit, g.approx, surface)))
    covered = [(m.start, m.end) for m in mentions]
    for s, e, low, high in _vague_mentions(text, lang):
        if any(s < ce and cs < e for cs, ce in covered):
            continue
        unit = _unit_after(text, e, lang, True)
        surface = text[s:e]
        mentions.append(QuantityMention(s, e, surface, Quantity(low, high, unit, Approx.VAGUE, surface)))
    mentions.sort(key=lambda m: (m.start, m.end))
    out: list[QuantityMention] = []
    for m in mentions:
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


def find_quantities(text: str, *, language: str = "en") -> list[QuantityMention]:
    """Every count or measure in `text`, sorted and non-overlapping.

    The span covers the qualifier and the number ("more than 45 тысяч",
    "between 5 and 6 million", "45%"), not the counted noun, which is in
    `value.unit`. Years, dates, times, ordinals, page and archival references,
    footnote markers and codes are skipped; so is a lone "one"/"a" (a pronoun or
    article far more often than a count).
    """
    return _scan(text, language, strict=True)


def parse_quantity(expr: str, *, language: str = "en") -> Quantity | None:
    """The first quantity in `expr`, which the caller says is a quantity.

    Unlike `find_quantities`, a bare "1942" or "one" is read as a number here,
    since the caller has already decided that the expression is a count.
    """
    found = _scan(expr, language, strict=False)
    return found[0].value if found else None
