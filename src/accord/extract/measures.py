"""Measures as the ranges their figures stand for, in one unit per dimension.

A measure is written in many units ("5 ft 7 in", "1.70 m", "5' 7\"", "47 km",
"29 miles") and always rounded. To compare two of them the figure is turned into
the range it stands for, in the base unit of its dimension (metres, square
metres, kilograms):

- an exact figure is good to half a unit of its last written digit, the writer's
  rounding: "1.70 m" is 1.695-1.705 m, "5 ft 7 in" is 5 ft 6.5 in - 5 ft 7.5 in,
  "60 km" (a round figure) 55-65 km. The upper end is open, so two neighbouring
  figures ("5 ft 6 in", "5 ft 7 in") do not touch;
- an approximate figure ("about", "roughly") is good to that rounding or to 5 %,
  whichever is wider: "about 29 miles" and "about 30 miles" may be one distance,
  "about 29 miles" (47 km) and "roughly 60 km" may not.

The range is kept as the value's bounds (`Approx.RANGE`), its text is the source's
own words, and `accord.align.compare.describe` shows the range in explanations,
so a reader sees what tolerance was allowed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from accord.extract.conversions import UNITS, half_step
from accord.model import Approx, Quantity, QuantityMention

APPROX_SHARE = 0.05  # what "about" allows beyond rounding, as a share of the figure
EPSILON = 1e-9  # the open upper end of a rounding range
BASE_UNIT = {"length": "m", "area": "m2", "mass": "kg", "speed": "m/s"}
MEASURE_UNITS = frozenset(BASE_UNIT.values())
# the tagger's unit names that are not surface units of the conversion table
_TAGGER_UNITS = {"mile": "miles", "inch": "inches", "acre": "acres", "hectare": "hectares",
                 "км": "km", "м": "m", "см": "cm", "мм": "mm", "кг": "kg", "т": "tonne",
                 "га": "ha"}

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_UNIT = r"[A-Za-zА-Яа-яЁё]+(?:/[hs])?"
_MEASURE = re.compile(
    rf"(?P<n>{_NUM})[ \u00a0-]*(?P<u>{_UNIT})(?![\w²³])"
    rf"(?:[ \u00a0]+(?P<nb>{_NUM})[ \u00a0]*(?P<ub>{_UNIT})(?![\w²³]))?")
# areas written as a squared length: "30 km²", "12 sq mi", "4 square kilometres"
_SQUARE = re.compile(
    rf"(?P<n>{_NUM})[ \u00a0]*(?:(?P<pre>sq\.?|square)[ \u00a0]+(?P<u>[a-z]+)|(?P<u2>[A-Za-zа-яё]+)(?:²|2\b))",
    re.IGNORECASE)
# feet and inches in primes: 6' 8", 6′8″
_PRIMES = re.compile(r"(?P<n>\d+)[ \u00a0]*['′’][ \u00a0]*(?:(?P<nb>\d+(?:\.\d+)?)[ \u00a0]*"
                     r"(?:\"|″|''|”))?")
# "5 ft 7 in", "3 lb 4 oz": a measure in two units of one system
_SMALLER = {"ft": "inches", "foot": "inches", "feet": "inches", "lb": "oz", "lbs": "oz",
            "pound": "oz", "pounds": "oz"}


@dataclass(frozen=True, slots=True)
class Measure:
    start: int
    end: int  # the figure, and its bracketed conversion when one follows
    dimension: str
    value: Quantity  # bounds in the dimension's base unit


# "in" is a word too; "pound" is as often money as a weight (the symbol "lb" is not)
_AMBIGUOUS = frozenset({"in", "pound", "pounds"})
_CURRENCY = "$£€¥₽"


def _unit(u: str) -> str | None:
    low = _TAGGER_UNITS.get(u.lower(), u.lower())
    return low if low in UNITS and low not in _AMBIGUOUS else None


def _smaller(unit: str, written: str) -> bool:
    """Whether `written` names the smaller unit that may follow `unit` ("in" after feet)."""
    small = _SMALLER.get(unit)
    low = _TAGGER_UNITS.get(written.lower(), written.lower())
    return small is not None and low in UNITS and UNITS[low] == UNITS[small]


def _range(total: float, step: float, approx: bool) -> tuple[float, float]:
    tol = max(step, APPROX_SHARE * total) if approx else step
    return total - tol, total + tol - EPSILON * max(1.0, total)


def read_measure(text: str, at: int, approx: bool = False) -> Measure | None:
    """The measure written at offset `at` ("5 ft 7 in (1.70 m)", "5' 6\"", "60 km"), as
    the range it stands for; None when no figure with a unit of fixed size is there."""
    if text[max(0, at - 2) : at].strip()[-1:] in tuple(_CURRENCY):
        return None  # "£5 m" is five million pounds, not five metres
    m = _MEASURE.match(text, at)
    sq = _SQUARE.match(text, at)
    side = _unit(sq["u"] or sq["u2"]) if sq is not None else None
    if sq is not None and side is not None and UNITS[side][0] == "length":
        dim, size = "area", UNITS[side][1] ** 2
        total, step, end = float(sq["n"].replace(",", "")) * size, half_step(sq["n"]) * size, sq.end()
    elif m is not None and (unit := _unit(m["u"])) is not None:
        dim, size = UNITS[unit]
        total, step = float(m["n"].replace(",", "")) * size, half_step(m["n"]) * size
        end = m.end("u")
        if m["nb"] and _smaller(unit, m["ub"]):
            small = _SMALLER[unit]
            total += float(m["nb"]) * UNITS[small][1]
            step = half_step(m["nb"]) * UNITS[small][1]
            end = m.end("ub")
    else:
        m = _PRIMES.match(text, at)
        if m is None or (m["nb"] is None and text[m.end() - 1 : m.end()] not in "'′’"):
            return None
        dim = "length"
        total = float(m["n"]) * UNITS["ft"][1] + float(m["nb"] or 0) * UNITS["inches"][1]
        step = half_step(m["nb"]) * UNITS["inches"][1] if m["nb"] else 0.5 * UNITS["ft"][1]
        end = m.end()
    conv = re.match(r"[ \u00a0]*\([^()]{1,30}\)", text[end:])
    if conv is not None and _MEASURE.search(conv.group()) is not None:
        end += conv.end()  # the conversion the source gives along: part of the quote
    lo, hi = _range(total, step, approx)
    q = Quantity(lo, hi, BASE_UNIT[dim], Approx.RANGE, text[at:end].strip())
    return Measure(at, end, dim, q)


def measure_of(text: str, qm: QuantityMention) -> Measure | None:
    """The measure a tagged quantity starts ("about 29 miles (47 km)"), its text taken
    from the qualifier on: the tagger's own reading of "about" decides approximation."""
    digits = re.search(r"\d", text[qm.start : qm.end + 1])
    if digits is None:
        return None
    found = read_measure(text, qm.start + digits.start(), qm.value.approx is Approx.ABOUT)
    if found is None:
        return None
    q = found.value
    return Measure(qm.start, found.end, found.dimension,
                   Quantity(q.low, q.high, q.unit, q.approx, text[qm.start : found.end].strip()))


def as_measures(text: str, quantities: Sequence[QuantityMention]) -> list[QuantityMention]:
    """The tagged quantities with every measure read as its range in the base unit (so
    that "5 ft 7 in" and "1.70 m" compare), the parts of a measure ("7" of "5 ft 7 in",
    its bracketed conversion) dropped; counts are left as they are."""
    out: list[QuantityMention] = []
    end = -1
    for qm in sorted(quantities, key=lambda q: q.start):
        if qm.start < end:
            continue
        m = measure_of(text, qm)
        if m is None:
            out.append(qm)
            continue
        out.append(QuantityMention(m.start, m.end, m.value.text, m.value))
        end = m.end
    return out
