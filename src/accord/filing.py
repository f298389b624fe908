"""Filing claims: each claim, with the entities its names were resolved to, goes under
the key its findings are judged by, with the origin of its passage (copies count once).

A claim's filing depends on it, its source's resolved mentions, the passages its
source shares with others and the whole-text origins of those, and on nothing else.
So the corpus-wide stage cuts the claims into parts of a few sources, each sent with
just that (`FilingPart`), and the engine's workers file parts while the build's own
process reads the next ones and writes what comes back (`file_part` is pure). An
archive's claims are never all held: a part is a few sources' claims, and the
results of a bounded number of parts are held at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from typing import NamedTuple

from accord.align.copy_pairs import PassageIndex
from accord.align.findings import filing_key
from accord.model import Claim, EntityRef
from accord.store.db import claim_of_row, filed_row


class FilingPart(NamedTuple):
    """What filing the claims of a few sources needs."""

    rows: list[tuple]  # their claims as stored, each with how it was filed (`filed_rows`)
    links: dict[str, dict[tuple[int, int], str]]  # per source: (start, end) -> entity id
    shared: PassageIndex  # the passages the sources share (`PassageIndex.only`)
    origins: dict[str, str]  # the whole-text origin of every source `shared` can name


def part_of(rows: list[tuple], sources: Iterable[str],
            links: Callable[[str], dict[tuple[int, int], str]], shared: PassageIndex,
            origins: Mapping[str, str]) -> FilingPart:
    """The part for the claim `rows` of `sources`, cut out of what the stage holds for
    many: each source's mention links, and the passages and origins of all sources."""
    sources = sorted(set(sources))
    mine = shared.only(sources)
    return FilingPart(rows, {sid: links(sid) for sid in sources}, mine,
                      {sid: origins[sid] for sid in (*mine.sources, *sources) if sid in origins})


def file_part(part: FilingPart) -> tuple[list[dict], set[str]]:
    """The claims of `part` whose filing changed, as `CorpusUpdate.file_claims` writes
    them, and the keys to judge again: the ones they were and are filed under."""
    def eid_of(sid: str, r: EntityRef) -> str:
        return part.links.get(sid, {}).get((r.start, r.end), "")

    filed: list[dict] = []
    dirty: set[str] = set()
    for row in part.rows:
        stored = claim_of_row(row)
        was = (row[-2], row[-1])
        c = with_entities(stored, eid_of)
        now = (filing_key(c), claim_origin(c, part.shared, part.origins))
        if now != was or (c is not stored and c != stored):
            filed.append(filed_row(c, now))
            dirty.update(k for k in (now[0], was[0]) if k)
    return filed, dirty


def with_entities(c: Claim, eid_of: Callable[[str, EntityRef], str]) -> Claim:
    """`c` with each name it speaks of linked to its resolved entity."""
    if all(eid_of(c.source_id, r) == r.entity_id for r in c.entity_refs()):
        return c  # as stored: most claims of a rebuild

    def fix(v):
        return replace(v, entity_id=eid_of(c.source_id, v)) if isinstance(v, EntityRef) else v

    return replace(c, subject=fix(c.subject), value=fix(c.value),
                   qualifiers=tuple((k, fix(v)) for k, v in c.qualifiers))


def claim_origin(c: Claim, shared: PassageIndex, origins: Mapping[str, str]) -> str:
    """Where a claim's passage comes from: the source that stands for every copy of it
    (`passage_origin`), or its own, mapped through the whole-text origins."""
    rep = shared.origin(c.source_id, c.evidence.start, c.evidence.end) or c.source_id
    return origins.get(rep, rep)
