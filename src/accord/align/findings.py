"""From claims to findings: group what the sources say about one thing, then judge.

Claims meet when they are about the same entity, the same property and the same
scope (the organisation one joined, the unit one commanded). Within a group the
verdict follows from how the values relate:

- conflict: two sources (or one source against itself, e.g. text vs footnote)
  state values that cannot both be true;
- disputed: a source itself reports alternatives ("some accounts ... others");
- refines: the values are compatible and one narrows another (July 12 within July);
- agree: compatible values from two or more independent sources;
- single: one source only.

Properties that can happen more than once (captured in one year, captured again
in another) are first split into events by overlapping time, so two captures
are not a conflict. Grouping uses a dictionary keyed by (entity, property,
scope): linear in the number of claims; judging a group is quadratic in its
size only, which stays small.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from itertools import combinations

from accord.align.compare import (
    NO_PLACES,
    PlaceIndex,
    Relation,
    Within,
    copied_note,
    describe,
    relate,
)
from accord.align.statements import statement_findings
from accord.extract.statements import STATEMENT, subject_key
from accord.extract.triggers import REPEATABLE_PROPERTIES
from accord.model import (
    VERDICT_RANK,
    Claim,
    EntityRef,
    Finding,
    Modality,
    Quantity,
    TimeValue,
    Verdict,
)

UNCERTAIN = frozenset({Modality.DISPUTED, Modality.HEDGED})


def _scope(c: Claim) -> str:
    """What a value is about beyond its subject: the organisation joined, the verb of a
    generic event, what a number counts, and when a figure held (a count, or a figure
    such as "has 650 members": two days' figures are two figures)."""
    parts = []
    obj = c.qualifier("object")
    if isinstance(obj, EntityRef):
        parts.append(obj.entity_id or obj.text)
    for key in ("verb", "unit", "extent"):
        q = c.qualifier(key)
        if q is not None and c.property in ("event", "count"):
            parts.append(f"{key}={q.normalized}")
    t = c.qualifier("time")
    if isinstance(t, TimeValue) and (c.property == "count" or isinstance(c.value, Quantity)):
        # by the dates, not a label such as "now" that every day's report shares
        parts.append(f"time={replace(t, label='').normalized}")
    return " ".join(parts)


def _kind(c: Claim) -> str:
    return type(c.value).__name__


def group_claims(claims: Iterable[Claim], entity_of: Callable[[Claim], str]) -> dict[tuple, list[Claim]]:
    groups: dict[tuple, list[Claim]] = defaultdict(list)
    for c in claims:
        if c.modality is Modality.NEGATED or c.property == STATEMENT:
            continue
        eid = entity_of(c)
        if not eid:
            continue
        groups[(eid, c.property, _scope(c), _kind(c))].append(c)
    return groups


def _events(claims: list[Claim], places: PlaceIndex) -> list[list[Claim]]:
    """Split a repeatable property's claims into events: connected by compatible times."""
    timed = [c for c in claims if isinstance(c.value, TimeValue)]
    if len(timed) != len(claims) or len(claims) < 2:
        return [claims]
    parent = list(range(len(claims)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in combinations(range(len(claims)), 2):
        a, b = claims[i], claims[j]
        if relate(a.value, b.value, places) is not Relation.DISJOINT or _notes_on(a, b):
            parent[find(i)] = find(j)
    buckets: dict[int, list[Claim]] = defaultdict(list)
    for i, c in enumerate(claims):
        buckets[find(i)].append(c)
    return list(buckets.values())


NOTE_ZONES = frozenset({"footnote", "caption"})


def _notes_on(a: Claim, b: Claim) -> bool:
    """A footnote or caption speaks of the event its own text tells: same source, one
    claim in the notes and one in the body."""
    return a.source_id == b.source_id and (
        (a.evidence.zone in NOTE_ZONES) != (b.evidence.zone in NOTE_ZONES))


def _finding_id(subject: str, prop: str, scope: str, claims: Sequence[Claim]) -> str:
    key = "|".join([subject, prop, scope, *sorted(c.id for c in claims)])
    return "f" + hashlib.sha1(key.encode()).hexdigest()[:16]


def judge(claims: list[Claim], places: PlaceIndex = NO_PLACES,
          origin_of: Callable[[Claim], str] = lambda c: c.source_id) -> tuple[Verdict, str, int]:
    """The verdict for one group, a plain-language reason, and the number of
    independent origins behind it: `origin_of` maps a claim to where its passage comes
    from, so copies of one text, or of one passage, count once."""
    by_source: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        by_source[c.source_id].append(c)
    origins = {origin_of(c) for c in claims}
    # a source against itself
    for cs in by_source.values():
        for a, b in combinations(cs, 2):
            if a.evidence.start == b.evidence.start:
                continue  # two values in one sentence: a part and its whole, a range
            if relate(a.value, b.value, places) is Relation.DISJOINT:
                if a.modality in UNCERTAIN or b.modality in UNCERTAIN or (
                    a.version and b.version and a.version != b.version
                ):
                    continue  # reported as alternatives: disputed, judged below
                where = (f"its {a.evidence.zone} against its {b.evidence.zone}"
                         if a.evidence.zone != b.evidence.zone else "itself")
                return (Verdict.CONFLICT,
                        f"One source contradicts {where}: {describe(a.value)} vs {describe(b.value)}.",
                        len(origins))
    # across sources: a conflict needs two sources none of whose values fit each other
    sids = list(by_source)
    for s1, s2 in combinations(sids, 2):
        pairs = [(a, b) for a in by_source[s1] for b in by_source[s2]]
        if pairs and all(relate(a.value, b.value, places) is Relation.DISJOINT for a, b in pairs):
            a, b = pairs[0]
            hedge = ""
            if any(c.modality is not Modality.ASSERTED for c in (a, b)):
                hedge = " (at least one of them attributed or hedged)"
            return (Verdict.CONFLICT,
                    f"Sources disagree{hedge}: {describe(a.value)} vs {describe(b.value)}; "
                    f"the values cannot both be true.{copied_note(origin_of(a), origin_of(b))}",
                    len(origins))
    disputed = [sid for sid, cs in by_source.items() if any(
        (a.evidence.start != b.evidence.start or Modality.DISPUTED in (a.modality, b.modality))
        and relate(a.value, b.value, places) is Relation.DISJOINT for a, b in combinations(cs, 2))]
    if disputed:
        vals = sorted({describe(c.value) for c in by_source[disputed[0]]})
        return (Verdict.DISPUTED,
                f"A source reports alternative versions: {' / '.join(vals)}.", len(origins))
    if len(origins) < 2:
        if len(by_source) > 1:
            return (Verdict.SINGLE, "Only copies of one text state this; no independent source.",
                    len(origins))
        return Verdict.SINGLE, "Only one source states this.", len(origins)
    rels = {relate(a.value, b.value, places) for a, b in combinations(claims, 2)
            if a.source_id != b.source_id}
    if rels <= {Relation.EQUAL}:
        return (Verdict.AGREE, f"{len(origins)} independent sources give the same value.",
                len(origins))
    if rels & {Relation.NARROWER, Relation.WIDER}:
        narrow, wide = next((a, b) for a in claims for b in claims
                            if relate(a.value, b.value, places) is Relation.NARROWER)
        basis = ""
        if isinstance(narrow.value, EntityRef) and isinstance(wide.value, EntityRef) and \
                places.within(narrow.value, wide.value) is Within.GAZETTEER:
            basis = (" (no source says so: a place of that name lies in that country by a"
                     " general gazetteer)")
        return (Verdict.REFINES,
                f"Compatible: {describe(narrow.value)} lies within {describe(wide.value)}"
                f"{basis}; {len(origins)} independent sources.", len(origins))
    return (Verdict.AGREE, f"{len(origins)} independent sources give overlapping values.",
            len(origins))


def filing_key(c: Claim) -> str:
    """What every finding about `c` is filed under: its resolved subject, or an unnamed
    subject's words. No finding joins claims of two keys, so claims read in key order
    can be judged one key at a time, and the corpus never has to be in memory at once."""
    return subject_key(c) or "topic:" + c.subject.text


def findings_of_key(claims: Sequence[Claim], places: PlaceIndex = NO_PLACES,
                    origin_of: Callable[[Claim], str] = lambda c: c.source_id) -> list[Finding]:
    """The findings about claims that share one `filing_key` (in no particular order)."""
    out: list[Finding] = statement_findings(claims, origin_of)
    for (eid, prop, scope, _), group in group_claims(claims, lambda c: c.subject.entity_id).items():
        parts = _events(group, places) if prop in REPEATABLE_PROPERTIES else [group]
        for part in parts:
            kind, why, n = judge(part, places, origin_of)
            if len(parts) > 1:
                why += " (Other statements of this property lie at other times: taken as a separate event.)"
            part_sorted = tuple(sorted(part, key=lambda c: (c.source_id, c.evidence.start)))
            out.append(Finding(
                id=_finding_id(eid, prop, scope, part_sorted),
                kind=kind, subject_id=eid, property=prop, claims=part_sorted,
                explanation=why, scope=scope, independent_sources=n,
            ))
    return out


def finding_order(f: Finding) -> tuple[int, str, str, str]:
    """Conflicts first, then by subject and property: the order every view shows."""
    return VERDICT_RANK[f.kind], f.subject_id, f.property, f.id


def build_findings(claims: Iterable[Claim], places: PlaceIndex = NO_PLACES,
                   origin_of: Callable[[Claim], str] = lambda c: c.source_id) -> list[Finding]:
    """All the findings about `claims`, in `finding_order`."""
    by_key: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        by_key[filing_key(c)].append(c)
    out = [f for group in by_key.values() for f in findings_of_key(group, places, origin_of)]
    out.sort(key=finding_order)
    return out
