"""Conversions: a figure and its own restatement in brackets that do not agree.

Encyclopedic text gives a measure in two systems: "5 metres (16 ft)",
"2.3 hectares (5.7 acres)". The bracketed figure is a rounding of the first one
converted; when it is not, the source contradicts itself ("one inch bore (26.5
mm)": an inch is 25.4 mm), and one of the two figures is wrong. That is a finding
a researcher wants, and it needs no knowledge of the subject: only units.

The check is deliberately narrow. Both units must be units of one dimension with
a fixed factor (length, area, mass, speed; no "ton", no "gallon", whose size
depends on the country, and no temperatures), the bracket must hold nothing but
the converted figure, and the figure may differ from the exact conversion by half
a unit of its last digit (what rounding allows: "30 km" is a round figure, good
to 5 km) plus 2 % (a conversion made from a figure more precise than the one shown).

The same holds for a count followed by the list it counts: "five others (11, 12,
13, 14, 15 and 16)" names six. Only a count in words before a list of plain
numbers (serial numbers, years) is checked: a list of names may hold commas of
its own ("Arlen, Vesk and Tolm, Brenn"), and a figure in digits followed by
figures in brackets is as often a breakdown as a list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from accord.annotate.parse import Sentence, Token
from accord.annotate.quantity_words import TEEN, TENS, UNIT, words_for
from accord.extract.statements import STATEMENT, MakeClaim
from accord.model import Claim, Mention, Quantity, Term

CONVERSION = "convert"  # the relation of the two claims of a measure and its conversion
ENUMERATION = "enumerate"  # the relation of the two claims of a count and its list
SLACK = 0.02  # relative error allowed beyond the rounding of the converted figure

# unit surface (lowercased) -> (dimension, size in the dimension's base unit)
_LENGTH = {"mm": 0.001, "millimetre": 0.001, "millimetres": 0.001, "millimeter": 0.001,
           "millimeters": 0.001, "cm": 0.01, "centimetre": 0.01, "centimetres": 0.01,
           "centimeter": 0.01, "centimeters": 0.01, "m": 1.0, "metre": 1.0, "metres": 1.0,
           "meter": 1.0, "meters": 1.0, "km": 1000.0, "kilometre": 1000.0, "kilometres": 1000.0,
           "kilometer": 1000.0, "kilometers": 1000.0, "in": 0.0254, "inch": 0.0254,
           "inches": 0.0254, "ft": 0.3048, "foot": 0.3048, "feet": 0.3048, "yd": 0.9144,
           "yard": 0.9144, "yards": 0.9144, "mi": 1609.344, "mile": 1609.344, "miles": 1609.344}
_AREA = {"ha": 1e4, "hectare": 1e4, "hectares": 1e4, "acre": 4046.8564224, "acres": 4046.8564224}
_MASS = {"g": 0.001, "gram": 0.001, "grams": 0.001, "gramme": 0.001, "grammes": 0.001,
         "kg": 1.0, "kilogram": 1.0, "kilograms": 1.0, "kilogramme": 1.0, "kilogrammes": 1.0,
         "tonne": 1000.0, "tonnes": 1000.0, "lb": 0.45359237, "lbs": 0.45359237,
         "pound": 0.45359237, "pounds": 0.45359237, "oz": 0.028349523125,
         "ounce": 0.028349523125, "ounces": 0.028349523125}
_SPEED = {"km/h": 1 / 3.6, "kph": 1 / 3.6, "mph": 0.44704, "m/s": 1.0}
UNITS: dict[str, tuple[str, float]] = {
    u: (dim, size) for dim, table in (("length", _LENGTH), ("area", _AREA), ("mass", _MASS),
                                      ("speed", _SPEED)) for u, size in table.items()}
# the shortest name of each unit ("mi" for "miles"), the unit its quantities carry
SYMBOL: dict[str, str] = {u: min((v for v, k in UNITS.items() if k == UNITS[u]), key=len)
                          for u in UNITS}
# a measure may be written in two units of one system: "5 ft 7 in", "3 lb 4 oz"
_SMALLER = {"ft": "in", "foot": "in", "feet": "in", "lb": "oz", "lbs": "oz", "pound": "oz",
            "pounds": "oz"}
# "in" and "m" are words too: as a unit, "in" only follows feet
_NOT_ALONE = frozenset({"in"})

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_UNIT = r"[A-Za-z]+(?:/[hs])?"
_END = r"(?![\w²³/])"
_MEASURE = re.compile(
    rf"(?<![\w.,])(?P<n1>{_NUM}|[A-Za-z]+)[ \u00a0-]*(?P<u1>{_UNIT}){_END}"
    rf"(?:[ \u00a0]+(?P<n1b>{_NUM})[ \u00a0]*(?P<u1b>{_UNIT}){_END})?"
    rf"(?:[ \u00a0]+(?P<noun>[a-z]+))?"
    rf"[ \u00a0]*\([ \u00a0]*(?P<n2>{_NUM})[ \u00a0]*(?P<u2>{_UNIT}){_END}"
    rf"(?:[ \u00a0]+(?P<n2b>{_NUM})[ \u00a0]*(?P<u2b>{_UNIT}){_END})?[ \u00a0]*\)")


_COUNTED = re.compile(
    r"(?<![\w.,])(?P<n>[A-Za-z]+)(?P<noun>(?:[ \u00a0]+[a-z]+){1,2}s)[ \u00a0]*"
    r"\((?P<items>\d+(?:[ \u00a0]*,[ \u00a0]*\d+)+(?:,?[ \u00a0]+and[ \u00a0]+\d+)?)\)")
_ITEM = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class Slip:
    """A measure, its bracketed conversion, and what the conversion should have been
    (in the bracket's unit)."""

    stated: Quantity
    stated_span: tuple[int, int]
    converted: Quantity
    converted_span: tuple[int, int]
    expected: float


def figure_value(s: str, language: str) -> float | None:
    """A figure in digits ("1,204") or a number word up to the tens ("six", "twenty")."""
    if s[:1].isdigit():
        return float(s.replace(",", ""))
    hit = words_for(language).get(s.lower())
    return hit[0] if hit is not None and hit[1] in (UNIT, TEEN, TENS) else None


def half_step(s: str) -> float:
    """Half a unit of the last significant digit of a written figure: "26.5" is good
    to 0.05, "30" to 5 (a round figure), "69" to 0.5."""
    s = s.replace(",", "")
    if "." in s:
        return 0.5 * 10.0 ** -len(s.split(".")[1])
    d = Decimal(s)
    exp = d.normalize().as_tuple().exponent if d else 0
    return 0.5 * 10.0 ** int(exp)


def _measure(n: str, u: str, nb: str | None, ub: str | None, language: str
             ) -> tuple[str, float, float, str] | None:
    """(dimension, value in base units, half-step in base units, unit) of "5 ft 7 in"."""
    value = figure_value(n, language)
    unit = u.lower()
    if value is None or unit not in UNITS or unit in _NOT_ALONE:
        return None
    dim, size = UNITS[unit]
    total, step = value * size, half_step(n) * size if n[:1].isdigit() else 0.5 * size
    if nb is not None and ub is not None:
        small = ub.lower()
        if _SMALLER.get(unit) != small:
            return None
        total += float(nb.replace(",", "")) * UNITS[small][1]
        step = half_step(nb) * UNITS[small][1]
    return dim, total, step, unit


def _candidates(text: str) -> list[re.Match[str]]:
    """Matches of the measure pattern at every start, overlapping: "are one inch (...)"
    first matches from "are", which is no number, and must not hide the match from "one"."""
    out, pos = [], 0
    while (m := _MEASURE.search(text, pos)) is not None:
        out.append(m)
        pos = m.start() + 1
    return out


def conversion_slips(text: str, offset: int = 0, language: str = "en") -> list[Slip]:
    """Every "measure (conversion)" in `text` whose conversion is off by more than
    rounding allows; spans are offsets into the source (`offset` is where `text` starts)."""
    out = []
    for m in _candidates(text):
        a = _measure(m["n1"], m["u1"], m["n1b"], m["u1b"], language)
        b = _measure(m["n2"], m["u2"], m["n2b"], m["u2b"], language)
        if a is None or b is None or a[0] != b[0] or a[3] == b[3] or m["noun"] in UNITS:
            continue
        (_d, stated, _s, first), (_d2, converted, step, unit) = a, b
        if abs(stated - converted) <= step + SLACK * converted:
            continue
        size = UNITS[unit][1]
        end1 = m.end("u1b") if m["u1b"] else m.end("u1")
        end2 = m.end("u2b") if m["u2b"] else m.end("u2")
        s1, e1 = m.start("n1"), end1
        s2, e2 = m.start("n2"), end2
        as_stated = stated / UNITS[first][1]
        out.append(Slip(
            Quantity(as_stated, as_stated, SYMBOL[first], text=text[s1:e1]),
            (offset + s1, offset + e1),
            Quantity(converted / size, converted / size, SYMBOL[unit], text=text[s2:e2]),
            (offset + s2, offset + e2), round(stated / size, 4)))
    return out


def count_slips(text: str, offset: int = 0, language: str = "en") -> list[Slip]:
    """Every "N things (a, b, c)" in `text` whose list of plain numbers is not N long;
    the second value is the number of items listed."""
    out = []
    pos = 0
    while (m := _COUNTED.search(text, pos)) is not None:
        pos = m.start() + 1
        n = figure_value(m["n"], language)
        listed = len(_ITEM.findall(m["items"]))
        if n is None or n < 2 or n == listed:
            continue
        noun = m["noun"].split()[-1]
        out.append(Slip(
            Quantity(n, n, noun, text=m["n"]), (offset + m.start("n"), offset + m.end("n")),
            Quantity(listed, listed, noun, text=m["items"]),
            (offset + m.start("items"), offset + m.end("items")), float(listed)))
    return out


def conversion_claims(text: str, sent: Sentence, tokens: list[Token], subject: Mention | None,
                      make: MakeClaim, language: str = "en") -> list[Claim]:
    """Two claims per slip, the figure and its restatement, that the aligner reports
    as the source contradicting itself. The subject is the clause's when it has one,
    else the words of the measured thing."""
    out: list[Claim] = []
    here = text[sent.start : sent.end]
    if "(" not in here:
        return out  # both kinds of slip are a figure and its bracket: most sentences have none
    slips = [(CONVERSION, s) for s in conversion_slips(here, sent.start, language)]
    slips += [(ENUMERATION, s) for s in count_slips(here, sent.start, language)]
    for k, (relation, slip) in enumerate(slips):
        at = [t for t in tokens if slip.stated_span[0] <= t.start < slip.stated_span[1]]
        if not at:
            continue
        a, b = slip.stated_span[0], slip.converted_span[1]
        subj = subject or Mention(a, b, text[a:b], "TOPIC")
        expected = Quantity(slip.expected, slip.expected, slip.converted.unit,
                            text=f"{slip.expected:g} {slip.converted.unit}")
        out += slip_claims(make, sent, subj, relation, str(k), slip.stated, slip.converted,
                           expected, at[0])
    return out


def slip_claims(make: MakeClaim, sent: Sentence, subject: Mention, relation: str, pair: str,
                stated: Quantity, converted: Quantity, expected: Quantity, at: Token
                ) -> list[Claim]:
    """The two claims of one figure stated twice in one source (a measure and its
    conversion, a count and its list, a duration and its years), tied by `relation`
    and `pair`, that the aligner reports as the source contradicting itself."""
    out = []
    for role, value in (("stated", stated), ("converted", converted)):
        quals = [("relation", Term(relation, "")), ("role", Term(role, role)),
                 ("pair", Term(pair, "")), ("expected", expected),
                 ("polarity", Term("positive", ""))]
        out.append(make(sent, subject, STATEMENT, value, quals, at))
    return out
