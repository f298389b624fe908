"""The core values of accord: immutable, comparable, free of any framework.

Every later stage (annotate, extract, resolve, align, store, views) passes these
values around. They carry their evidence with them (source id, character offsets,
the quote) because a researcher must always be able to go back to the passage.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

# --------------------------------------------------------------------------- time


class Precision(StrEnum):
    """How much of a date the text fixes; ordered from fine to coarse."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    SEASON = "season"
    QUARTER = "quarter"
    YEAR = "year"
    DECADE = "decade"
    CENTURY = "century"
    INTERVAL = "interval"  # an explicit span: "between 1946 and 1952"


class Anchor(StrEnum):
    """What a time expression was resolved against."""

    ABSOLUTE = "absolute"  # the text itself fixes it: "11 February 1945"
    DOCUMENT = "document"  # the document's date: "this week"
    PREVIOUS = "previous"  # the last absolute time before it: "that December"
    EVENT = "event"  # a known event of the subject: "at age 18" from a birth date


@dataclass(frozen=True, slots=True)
class TimeValue:
    """A time as an interval of proleptic Gregorian dates.

    Sources state times at very different precisions; treating them as intervals
    makes "July 12 1942" and "summer 1942" compatible instead of different.
    `calendar` records the calendar the source wrote in (a Julian date is converted
    to Gregorian for the interval, the text is kept as written).
    """

    earliest: date
    latest: date
    precision: Precision
    text: str = ""
    calendar: str = "gregorian"
    anchor: Anchor = Anchor.ABSOLUTE
    # A TimeML-style value where one exists (e.g. "1942-SU", "P5M" is not a date).
    label: str = ""

    def __post_init__(self) -> None:
        if self.earliest > self.latest:
            raise ValueError(f"empty interval {self.earliest}..{self.latest}")

    @property
    def normalized(self) -> str:
        """ISO 8601 at the stated precision; an interval as `start/end`."""
        if self.label:
            return self.label
        e, l_ = self.earliest, self.latest
        if self.precision is Precision.DAY:
            return e.isoformat()
        if self.precision is Precision.MONTH:
            return f"{e.year:04d}-{e.month:02d}"
        if self.precision is Precision.YEAR:
            return f"{e.year:04d}"
        if self.precision is Precision.DECADE:
            return f"{e.year // 10:03d}X"
        if self.precision is Precision.CENTURY:
            return f"{e.year // 100:02d}XX"
        if e.year == l_.year and self.precision is Precision.SEASON:
            return f"{e.year:04d}"
        if e.year != l_.year and e.month == 1 and e.day == 1 and l_.month == 12 and l_.day == 31:
            return f"{e.year:04d}/{l_.year:04d}"
        return f"{e.isoformat()}/{l_.isoformat()}"

    def overlaps(self, other: TimeValue) -> bool:
        return self.earliest <= other.latest and other.earliest <= self.latest

    def within(self, other: TimeValue) -> bool:
        """True when this interval lies inside `other` (it is at least as precise)."""
        return other.earliest <= self.earliest and self.latest <= other.latest

    def refines(self, other: TimeValue) -> bool:
        """Strictly narrower and inside: "July 12 1942" refines "summer 1942"."""
        return self.within(other) and self != other and (
            self.earliest, self.latest) != (other.earliest, other.latest)

    def compatible(self, other: TimeValue) -> bool:
        return self.overlaps(other)


def source_day(day: date) -> TimeValue:
    """The day a source was published, as the time of what it reports with no time of
    its own ("currently has 650 members"): two reports of different days then differ
    in scope instead of contradicting each other."""
    return TimeValue(day, day, Precision.DAY, "(date of the source)", anchor=Anchor.DOCUMENT)


# ----------------------------------------------------------------------- quantity


class Approx(StrEnum):
    EXACT = "exact"
    ABOUT = "about"  # about, approximately, an estimated, some
    MORE_THAN = "more_than"
    AT_LEAST = "at_least"
    LESS_THAN = "less_than"
    AT_MOST = "at_most"  # up to, as many as, no more than
    RANGE = "range"  # 35 to 37
    VAGUE = "vague"  # thousands, hundreds of thousands


@dataclass(frozen=True, slots=True)
class Quantity:
    """A count or measure with bounds; `None` is an open bound."""

    low: float | None
    high: float | None
    unit: str = ""  # the counted noun or unit, lemmatised: "soldier", "km"
    approx: Approx = Approx.EXACT
    text: str = ""

    @property
    def normalized(self) -> str:
        def fmt(x: float | None) -> str:
            if x is None:
                return ""
            return str(int(x)) if float(x).is_integer() else repr(float(x))

        if self.low is not None and self.low == self.high:
            return fmt(self.low)
        return f"{fmt(self.low)}/{fmt(self.high)}"

    @property
    def bounds(self) -> tuple[float, float]:
        """The bounds with open ends as infinities."""
        return (float("-inf") if self.low is None else self.low,
                float("inf") if self.high is None else self.high)

    def overlaps(self, other: Quantity) -> bool:
        (lo1, hi1), (lo2, hi2) = self.bounds, other.bounds
        return lo1 <= hi2 and lo2 <= hi1

    def within(self, other: Quantity) -> bool:
        (lo1, hi1), (lo2, hi2) = self.bounds, other.bounds
        return lo2 <= lo1 and hi1 <= hi2


# ------------------------------------------------------------------------ sources


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range [start, end) in a source's clean text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Zone:
    """A marked region of a source: what kind of text it is.

    Captions, footnotes and bibliographies are kept (they can contradict the body:
    a finding in itself) but marked so claims from them are labelled.
    """

    start: int
    end: int
    kind: str  # body | heading | caption | footnote | reference | byline | dateline


@dataclass(frozen=True, slots=True)
class Removal:
    """A piece of page boilerplate taken out before annotation, with the reason."""

    reason: str  # e.g. "cookie notice", "donation appeal", "comment form", "repeated caption"
    text: str


@dataclass(frozen=True, slots=True)
class Source:
    """One document, read and cleaned. `id` is the hash of its clean text."""

    id: str
    name: str  # the file name or URL it was read from
    location: str  # full path or URL
    text: str  # clean text; every offset in accord is into this string
    format: str = "txt"  # txt | md | html | pdf
    title: str = ""
    author: str = ""
    site: str = ""
    published: date | None = None
    language: str = "en"
    zones: tuple[Zone, ...] = ()
    removed: tuple[Removal, ...] = ()

    def zone_at(self, offset: int) -> str:
        for z in self.zones:
            if z.start <= offset < z.end:
                return z.kind
        return "body"


# --------------------------------------------------------------------- annotation


@dataclass(frozen=True, slots=True)
class Mention:
    """A named mention: a person, organisation, place, unit, event, ..."""

    start: int
    end: int
    text: str
    label: str  # PER | ORG | LOC | GPE | UNIT | EVENT | NORP | MISC


@dataclass(frozen=True, slots=True)
class TimeMention:
    start: int
    end: int
    text: str
    value: TimeValue


@dataclass(frozen=True, slots=True)
class QuantityMention:
    start: int
    end: int
    text: str
    value: Quantity


# ------------------------------------------------------------------------- claims


class Modality(StrEnum):
    ASSERTED = "asserted"
    ATTRIBUTED = "attributed"  # "according to X", "X says"
    HEDGED = "hedged"  # "apparently", "it was reported that"
    DISPUTED = "disputed"  # "some accounts claim ..., others ..."; "one version"
    NEGATED = "negated"  # "was not executed"


@dataclass(frozen=True, slots=True)
class Evidence:
    source_id: str
    start: int  # offsets of the quote (the sentence) in the source's clean text
    end: int
    quote: str
    zone: str = "body"


@dataclass(frozen=True, slots=True)
class EntityRef:
    """A value that names something: resolved to an entity id after `resolve`."""

    text: str
    label: str
    start: int = -1
    end: int = -1
    entity_id: str = ""

    @property
    def normalized(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class Term:
    """A normalised word value, such as a manner of death ("hanging")."""

    word: str
    text: str

    @property
    def normalized(self) -> str:
        return self.word


Value = TimeValue | Quantity | EntityRef | Term


@dataclass(frozen=True, slots=True)
class Claim:
    """One assertion of one source, kept apart from every other."""

    id: str
    source_id: str
    subject: EntityRef
    property: str
    value: Value
    evidence: Evidence
    qualifiers: tuple[tuple[str, Value], ...] = ()
    modality: Modality = Modality.ASSERTED
    attributed_to: str = ""
    version: str = ""  # a label for one of several versions a source reports

    def qualifier(self, key: str) -> Value | None:
        for k, v in self.qualifiers:
            if k == key:
                return v
        return None

    def entity_refs(self) -> Iterator[EntityRef]:
        """The names it speaks of: its subject, an entity value, entity qualifiers."""
        yield self.subject
        if isinstance(self.value, EntityRef):
            yield self.value
        for _k, v in self.qualifiers:
            if isinstance(v, EntityRef):
                yield v


# ----------------------------------------------------------------------- entities


@dataclass(frozen=True, slots=True)
class Alias:
    text: str
    sources: tuple[str, ...]
    rule: str  # why this surface form joined the entity


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    name: str
    type: str
    aliases: tuple[Alias, ...] = ()


# ----------------------------------------------------------------------- findings


class Verdict(StrEnum):
    AGREE = "agree"
    CONFLICT = "conflict"
    REFINES = "refines"
    SINGLE = "single"
    DISPUTED = "disputed"


# the order findings are shown in: what needs a researcher's attention first
VERDICT_RANK = {Verdict.CONFLICT: 0, Verdict.DISPUTED: 1, Verdict.REFINES: 2, Verdict.AGREE: 3,
                Verdict.SINGLE: 4}


@dataclass(frozen=True, slots=True)
class Finding:
    id: str
    kind: Verdict
    subject_id: str
    property: str
    claims: tuple[Claim, ...]
    explanation: str = ""
    scope: str = ""  # what the values are about when that matters (object, group)
    independent_sources: int = 0
    notes: tuple[str, ...] = field(default=())
