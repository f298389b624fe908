"""Whether two claim values can both be true, and whether one narrows the other.

Values are compared by meaning, not text: times as intervals, quantities as
bounds (approximations widen them), named values through the entity they were
resolved to (and the containment of places that the sources themselves state, or
else a general gazetteer knows: `accord.align.gazetteer`), manners as normalised
words where the generic ("executed") fits every specific ("hanged").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from accord.extract.causes import ILLNESS
from accord.extract.measures import MEASURE_UNITS
from accord.model import Approx, EntityRef, Quantity, Term, TimeValue, Value

# words that say that it happened, not how: each agrees with every specific one
GENERIC_MANNERS = frozenset({"execution", "death", "killing", ILLNESS})
APPROX_TOLERANCE = 0.10  # "about 9,000" is compatible with 8,500


class Relation(Enum):
    EQUAL = "equal"
    NARROWER = "narrower"  # a lies inside b
    WIDER = "wider"  # b lies inside a
    OVERLAP = "overlap"  # compatible, neither inside the other
    DISJOINT = "disjoint"  # cannot both be true
    INCOMPARABLE = "incomparable"  # different kinds of value


PLACE_LABELS = frozenset({"GPE", "LOC"})


class Within(Enum):
    """Why one place lies in another."""

    NO = ""
    STATED = "stated"  # a source says so ("A, B": A lies in B)
    GAZETTEER = "gazetteer"  # the sources say nothing; a general gazetteer knows it


@dataclass(frozen=True, slots=True)
class PlaceIndex:
    """Containment between place entities, as the sources state it ("A, B": A lies in B),
    and where they say nothing, `in_country`: whether a place lies in a country by a
    general gazetteer (given entity ids)."""

    parents: dict[str, frozenset[str]]
    same_place: Callable[[str, str], bool] = lambda a, b: a == b
    in_country: Callable[[str, str], bool] = lambda a, b: False

    def ancestors(self, eid: str) -> set[str]:
        seen: set[str] = set()
        stack = [eid]
        while stack:
            for p in self.parents.get(stack.pop(), ()):
                if p not in seen:
                    seen.add(p)
                    stack.append(p)
        return seen

    def within(self, a: EntityRef, b: EntityRef) -> Within:
        """Does the place `a` names lie in the place `b` names, and on whose word?"""
        ea, eb = a.entity_id or a.text, b.entity_id or b.text
        up = self.ancestors(ea)
        if eb in up or any(self.same_place(x, eb) for x in up):
            return Within.STATED
        if a.label in PLACE_LABELS and b.label in PLACE_LABELS and self.in_country(ea, eb):
            return Within.GAZETTEER
        return Within.NO


NO_PLACES = PlaceIndex({})


def _widen(q: Quantity) -> tuple[float, float]:
    lo, hi = q.bounds
    if q.approx in (Approx.ABOUT, Approx.VAGUE):
        lo, hi = lo * (1 - APPROX_TOLERANCE), hi * (1 + APPROX_TOLERANCE)
    return lo, hi


def _intervals(a: tuple, b: tuple) -> Relation:
    (a0, a1), (b0, b1) = a, b
    if a1 < b0 or b1 < a0:
        return Relation.DISJOINT
    if (a0, a1) == (b0, b1):
        return Relation.EQUAL
    if b0 <= a0 and a1 <= b1:
        return Relation.NARROWER
    if a0 <= b0 and b1 <= a1:
        return Relation.WIDER
    return Relation.OVERLAP


def relate(a: Value, b: Value, places: PlaceIndex = NO_PLACES) -> Relation:
    if isinstance(a, TimeValue) and isinstance(b, TimeValue):
        return _intervals((a.earliest, a.latest), (b.earliest, b.latest))
    if isinstance(a, Quantity) and isinstance(b, Quantity):
        return _intervals(_widen(a), _widen(b))
    if isinstance(a, Term) and isinstance(b, Term):
        if a.word == b.word:
            return Relation.EQUAL
        if a.word in GENERIC_MANNERS:
            return Relation.WIDER
        if b.word in GENERIC_MANNERS:
            return Relation.NARROWER
        return Relation.DISJOINT
    if isinstance(a, EntityRef) and isinstance(b, EntityRef):
        ea, eb = a.entity_id or a.text, b.entity_id or b.text
        if ea == eb or places.same_place(ea, eb):
            return Relation.EQUAL
        if places.within(a, b) is not Within.NO:
            return Relation.NARROWER
        if places.within(b, a) is not Within.NO:
            return Relation.WIDER
        return Relation.DISJOINT
    return Relation.INCOMPARABLE


def compatible(a: Value, b: Value, places: PlaceIndex = NO_PLACES) -> bool:
    return relate(a, b, places) not in (Relation.DISJOINT, Relation.INCOMPARABLE)


# a measure's base unit, and the larger unit its range reads better in
_READABLE = {"m": (1000.0, "km"), "m2": (1e4, "ha"), "kg": (1000.0, "t")}


def measure_range(q: Quantity) -> str:
    """The range a measure was read as ("75–85 km"): the tolerance an explanation states."""
    lo, hi = q.bounds
    unit = q.unit
    scale, larger = _READABLE.get(unit, (0.0, unit))
    if scale and lo >= scale:
        lo, hi, unit = lo / scale, hi / scale, larger
    return f"{lo:.4g}–{hi:.4g} {unit}"


def describe(v: Value) -> str:
    """A short human form of a value for explanations; a measure (see
    `accord.extract.measures`) also says the range it was read as."""
    if isinstance(v, TimeValue):
        return v.text or v.normalized
    if isinstance(v, Quantity):
        if v.approx is Approx.RANGE and v.unit in MEASURE_UNITS and v.text:
            return f"{v.text} (read as {measure_range(v)}, allowing for rounding)"
        return v.text or v.normalized
    if isinstance(v, Term):
        return v.word
    return v.text


def copied_note(origin_a: str, origin_b: str) -> str:
    """A copy that differs from its original in one value is the contradiction a
    researcher most needs to see: it is reported, and said to be one."""
    if origin_a != origin_b:
        return ""
    return " The two passages come from one text: one of them changed the value in copying."
