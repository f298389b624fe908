"""The build: per-source stages in parallel, then the corpus-wide stages.

Per-source work (read, parse, find times and quantities, extract claims) is a
function of one batch of inputs (`read_and_annotate`) and runs in any engine
(`accord.engine`: a local process pool or Ray); each batch of results is written
as it arrives, every source whole in one transaction. A source already stored
with the same content and the same pipeline version is skipped (trusted from its
size and mtime, else compared by content hash), so an interrupted build resumes
and a rebuild only does what changed. The corpus-wide stages (resolve, align)
always run over what is stored, and replace their results in one transaction.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from accord.align.compare import PlaceIndex
from accord.align.findings import build_findings
from accord.align.independence import PassageIndex, find_dependences
from accord.align.independence import origins as find_origins
from accord.annotate.parse import Parsed
from accord.annotate.quantity import find_quantities
from accord.engine import Engine, LocalEngine
from accord.extract.claims import SourceFacts, extract_claims
from accord.ingest import IngestError, InputRef, discover, read_source
from accord.model import Claim, EntityRef, Source
from accord.names import compare_names, find_acronym_definitions
from accord.resolve.resolver import MentionRec, resolve
from accord.store.db import SourceStat, Store
from accord.timex import find_times

PIPELINE_VERSION = "1"


# ------------------------------------------------------------------ per source


def annotate_sources(sources: Sequence[Source]) -> list[SourceFacts]:
    """Parse a batch (English through one spaCy `pipe` call) and extract claims."""
    from accord.annotate.nlp import parse_english, parse_russian

    # by position, not by id: two inputs with the same text have the same id
    english = [i for i, s in enumerate(sources) if s.language != "ru"]
    parsed = dict(zip(english, parse_english(sources[i].text for i in english), strict=True))
    for i, s in enumerate(sources):
        if s.language == "ru":
            parsed[i] = parse_russian(s.text)
    out = []
    for i, s in enumerate(sources):
        p = parsed[i]
        times = tuple(find_times(s.text, document_date=s.published, language=s.language))
        quantities = tuple(find_quantities(s.text, language=s.language))
        claims = extract_claims(s, p, times, quantities)
        out.append(SourceFacts(s, _places_are_places(p, claims), times, quantities, claims))
    return out


def _places_are_places(p: Parsed, claims: Sequence[Claim]) -> Parsed:
    """A name the text gives as a birth or death place is a place, whatever the tagger
    said (small taggers often call a village a person)."""
    spans = {(c.value.start, c.value.end) for c in claims
             if c.property.endswith("_place") and isinstance(c.value, EntityRef)}
    if not spans:
        return p
    fixed = tuple(replace(m, label="GPE") if (m.start, m.end) in spans and m.label == "PER"
                  else m for m in p.mentions)
    return replace(p, mentions=fixed)


def read_and_annotate(refs: Sequence[InputRef], max_bytes: int) -> list[SourceFacts | IngestError]:
    """One unit of work for any engine: read a batch of inputs and annotate them."""
    read: list[Source | IngestError] = []
    for ref in refs:
        try:
            read.append(read_source(ref, max_bytes=max_bytes))
        except IngestError as e:
            read.append(e)
        except Exception as e:  # a reader bug must not end the build: report it as that input's error
            read.append(IngestError(ref.name, f"unexpected error: {type(e).__name__}: {e}"))
    sources = [r for r in read if isinstance(r, Source)]
    try:
        done: list[SourceFacts | IngestError] = list(annotate_sources(sources))
    except Exception:  # one bad text must not sink the batch: find it, report it, go on
        done = [_annotate_one(s) for s in sources]
    good = iter(done)
    return [next(good) if isinstance(r, Source) else r for r in read]


def _annotate_one(source: Source) -> SourceFacts | IngestError:
    try:
        return annotate_sources([source])[0]
    except Exception as e:
        return IngestError(source.name, f"cannot annotate ({type(e).__name__}: {e})")


# ----------------------------------------------------------------------- build


@dataclass
class BuildReport:
    read: int = 0
    skipped_unchanged: int = 0
    removed: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (name, same text as)
    claims: int = 0
    entities: int = 0
    findings: dict[str, int] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        if self.failed and not (self.read or self.skipped_unchanged or self.duplicates):
            return 3
        return 1 if self.failed else 0


Progress = Callable[[str, int, int], None]


def _noop(stage: str, done: int, total: int) -> None:
    pass


def build(inputs: Sequence[str], store: Store, *, engine: Engine | None = None,
          max_bytes: int = 50_000_000, progress: Progress = _noop) -> BuildReport:
    """Bring the database in line with `inputs`: annotate what is new or changed,
    drop what is gone, then redo the corpus-wide stages over everything stored.

    Results stream from the engine batch by batch and each batch is written as it
    arrives, so memory does not grow with the number of inputs.
    """
    engine = engine or LocalEngine()
    report = BuildReport()
    store.acquire_build_lock()
    try:
        store.clear_errors()
        refs: list[InputRef] = []
        for item in discover(inputs, max_bytes=max_bytes):
            if isinstance(item, IngestError):
                report.failed.append((item.name, item.reason))
                store.record_error(item.name, item.reason)
            else:
                refs.append(item)
        stored = store.source_stats()
        # a file that was stored from one of these folders and is gone now is removed
        roots = [str(Path(i).resolve()) for i in inputs if "://" not in i]
        present = {r.location for r in refs}
        gone = [st.id for loc, st in stored.items()
                if loc not in present and any(loc.startswith(r) for r in roots)]
        if gone:
            store.remove_sources(gone)
            report.removed = len(gone)
        todo, stats = _changed(refs, stored, store, max_bytes, report, progress)
        # the same text as an unchanged stored input (or one written earlier in this
        # build) is a copy: stored once, so that rebuilds do not swap the two
        changed = set(stats)
        where = {st.id: loc for loc, st in stored.items() if loc in present and loc not in changed}
        done = 0
        progress("annotate", 0, len(todo))
        for results in engine.map(todo, max_bytes):
            batch = []
            for res in results:
                if isinstance(res, IngestError):
                    report.failed.append((res.name, res.reason))
                    store.record_error(res.name, res.reason)
                    continue
                src = res.source
                first = where.setdefault(src.id, src.location)
                if first != src.location:
                    report.duplicates.append((src.name, Path(first).name))
                    if src.location in stored:  # its earlier, different text is gone
                        store.remove_sources([stored[src.location].id])
                    continue
                batch.append((src, PIPELINE_VERSION, res.parsed.mentions, res.times,
                              res.claims, stats.pop(src.location, None)))
            store.write_sources(batch)
            report.read += len(batch)
            done += len(results)
            progress("annotate", done, len(todo))
        corpus_stage(store, report, progress=progress)
    finally:
        store.release_build_lock()
    return report


Stat = tuple[int, int]


def _stat(ref: InputRef) -> Stat | None:
    """(size, mtime in ns) of a local file; None for a URL or a file that went away."""
    if "://" in ref.location:
        return None
    try:
        st = os.stat(ref.location)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def _changed(refs: Sequence[InputRef], stored: dict[str, SourceStat], store: Store,
             max_bytes: int, report: BuildReport, progress: Progress
             ) -> tuple[list[InputRef], dict[str, Stat | None]]:
    """The inputs to annotate, and the stat of each taken before it is read.

    A stored file with the same size and mtime is trusted unchanged without being
    read. With the same size but another mtime (touched, copied back) its text is
    read and hashed, since that is cheap next to annotating it. The stat is taken
    before the engine reads the file, so a file edited meanwhile is rechecked
    next time rather than trusted.
    """
    todo: list[InputRef] = []
    stats: dict[str, Stat | None] = {}
    progress("check", 0, len(refs))
    for i, r in enumerate(refs, 1):
        old = stored.get(r.location)
        st = _stat(r)
        if old is not None and old.pipeline == PIPELINE_VERSION:
            if st is not None and (old.size, old.mtime_ns) == st:
                report.skipped_unchanged += 1
                progress("check", i, len(refs))
                continue
            if (st is None or old.size in (None, st[0])) and _unchanged(r, old.id, max_bytes):
                report.skipped_unchanged += 1
                if st is not None:
                    store.touch_source(r.location, st)
                progress("check", i, len(refs))
                continue
        todo.append(r)
        stats[r.location] = st
        progress("check", i, len(refs))
    return todo, stats


def _unchanged(ref: InputRef, stored_id: str, max_bytes: int) -> bool:
    """Same clean text as stored? Reading again is cheap next to annotating."""
    from accord.ingest import source_id

    try:
        return source_id(read_source(ref, max_bytes=max_bytes).text) == stored_id
    except IngestError:
        return False


# ---------------------------------------------------------------- corpus-wide


def _refs_of(c: Claim) -> Iterable[EntityRef]:
    yield c.subject
    if isinstance(c.value, EntityRef):
        yield c.value
    for _k, v in c.qualifiers:
        if isinstance(v, EntityRef):
            yield v


def _with_entities(c: Claim, eid_of: Callable[[str, EntityRef], str]) -> Claim:
    def fix(v):
        return replace(v, entity_id=eid_of(c.source_id, v)) if isinstance(v, EntityRef) else v

    return replace(c, subject=fix(c.subject), value=fix(c.value),
                   qualifiers=tuple((k, fix(v)) for k, v in c.qualifiers))


ADMIN_WORDS = ("oblast", "province", "region", "county", "district", "state", "krai",
               "governorate", "guberniya", "область", "край", "район", "губерния")


def _place_index(claims: list[Claim], names: dict[str, str]) -> PlaceIndex:
    parents: dict[str, set[str]] = {}
    for c in claims:
        inner = c.value if isinstance(c.value, EntityRef) else None
        outer = c.qualifier("within")
        if inner and isinstance(outer, EntityRef) and inner.entity_id and outer.entity_id:
            parents.setdefault(inner.entity_id, set()).add(outer.entity_id)

    def core(name: str) -> str:
        words = [w for w in name.split() if w.lower() not in ADMIN_WORDS]
        return " ".join(words)

    def same_place(a: str, b: str) -> bool:
        na, nb = names.get(a), names.get(b)
        if not na or not nb:
            return False
        return compare_names(core(na), core(nb), "LOC").same and core(na) != "" and (
            core(na) != na or core(nb) != nb)

    return PlaceIndex({k: frozenset(v) for k, v in parents.items()}, same_place)


def corpus_stage(store: Store, report: BuildReport | None = None, *,
                 progress: Progress = _noop) -> None:
    """Resolve entities and align claims over everything stored, and replace the
    corpus-wide results in one transaction. Both steps work on blocking keys and
    indexes (see `resolve.resolver`, `align.findings`), never all pairs."""
    steps = 5
    progress("corpus", 0, steps)
    claims = store.all_claims()
    mentions = [MentionRec(*m) for m in store.all_mentions()]
    known = {(m.source_id, m.start, m.end) for m in mentions}
    for c in claims:
        for r in _refs_of(c):
            if r.start >= 0 and (c.source_id, r.start, r.end) not in known:
                mentions.append(MentionRec(c.source_id, r.start, r.end, r.text, r.label))
                known.add((c.source_id, r.start, r.end))
    progress("corpus", 1, steps)
    definitions = [(sid, long, short) for sid, text in store.source_texts()
                   for long, short, _s, _e in find_acronym_definitions(text)]
    progress("corpus", 2, steps)
    res = resolve(mentions, definitions, store.corrections())
    progress("corpus", 3, steps)

    def eid_of(sid: str, r: EntityRef) -> str:
        return res.mention_entity.get((sid, r.start, r.end), "")

    claims = [_with_entities(c, eid_of) for c in claims]
    names = {e.id: e.name for e in res.entities}
    places = _place_index(claims, names)
    # independence: whole-text copies share an origin, and a claim whose passage was
    # pasted from (or into) another source counts with that passage's origin
    deps = find_dependences(store.source_texts())
    origins = find_origins(((s.id, "") for s in store.sources()), deps)
    shared = PassageIndex(deps)

    def claim_origin(c: Claim) -> str:
        rep = shared.origin(c.source_id, c.evidence.start, c.evidence.end) or c.source_id
        return origins.get(rep, rep)

    findings = build_findings(claims, lambda c: c.subject.entity_id, places, claim_origin)
    progress("corpus", 4, steps)
    store.write_corpus(list(res.entities), res.mention_entity, claims, findings, origins)
    progress("corpus", 5, steps)
    if report is not None:
        report.claims = len(claims)
        report.entities = len(res.entities)
        for f in findings:
            report.findings[f.kind.value] = report.findings.get(f.kind.value, 0) + 1
