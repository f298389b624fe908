"""The build: per-source stages in parallel, then the corpus-wide stages.

Per-source work (read, parse, find times and quantities, extract claims) is a
function of one input and runs in any engine; its result is written at once in
its own transaction. A source already stored with the same content and the same
pipeline version is skipped, so an interrupted build resumes and a rebuild only
does what changed. The corpus-wide stages (resolve, align) always run over what
is stored, and replace their results in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from accord.align.compare import PlaceIndex
from accord.align.findings import build_findings
from accord.annotate.parse import Parsed
from accord.annotate.quantity import find_quantities
from accord.extract.claims import SourceFacts, extract_claims
from accord.ingest import IngestError, InputRef, discover, read_source
from accord.model import Claim, EntityRef, Source
from accord.names import compare_names, find_acronym_definitions
from accord.resolve.resolver import MentionRec, resolve
from accord.store.db import Store
from accord.timex import find_times

PIPELINE_VERSION = "1"


# ------------------------------------------------------------------ per source


def annotate_sources(sources: Sequence[Source]) -> list[SourceFacts]:
    """Parse a batch (English through one spaCy `pipe` call) and extract claims."""
    from accord.annotate.nlp import parse_english, parse_russian

    english = [s for s in sources if s.language != "ru"]
    parsed = dict(zip((s.id for s in english), parse_english(s.text for s in english), strict=True))
    for s in sources:
        if s.language == "ru":
            parsed[s.id] = parse_russian(s.text)
    out = []
    for s in sources:
        p = parsed[s.id]
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
    good = [r for r in read if isinstance(r, Source)]
    facts = {f.source.id: f for f in annotate_sources(good)} if good else {}
    return [facts[r.id] if isinstance(r, Source) else r for r in read]


# --------------------------------------------------------------------- engines


class LocalEngine:
    """In-process for one job; a process pool over batches for several."""

    def __init__(self, jobs: int = 1, batch: int = 8) -> None:
        self.jobs = max(1, jobs)
        self.batch = batch

    def map(self, refs: Sequence[InputRef], max_bytes: int) -> Iterator[list[SourceFacts | IngestError]]:
        batches = [refs[i : i + self.batch] for i in range(0, len(refs), self.batch)]
        if self.jobs == 1:
            for b in batches:
                yield read_and_annotate(b, max_bytes)
            return
        import multiprocessing as mp
        from functools import partial

        ctx = mp.get_context("spawn")
        with ctx.Pool(self.jobs) as pool:
            yield from pool.imap(partial(read_and_annotate, max_bytes=max_bytes), batches)


# ----------------------------------------------------------------------- build


@dataclass
class BuildReport:
    read: int = 0
    skipped_unchanged: int = 0
    removed: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    claims: int = 0
    entities: int = 0
    findings: dict[str, int] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        if self.failed and not (self.read or self.skipped_unchanged):
            return 3
        return 1 if self.failed else 0


Progress = Callable[[str, int, int], None]


def _noop(stage: str, done: int, total: int) -> None:
    pass


def build(inputs: Sequence[str], store: Store, *, engine: LocalEngine | None = None,
          max_bytes: int = 50_000_000, progress: Progress = _noop) -> BuildReport:
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
        stored = store.source_versions()
        # a file that was stored from one of these folders and is gone now is removed
        roots = [str(Path(i).resolve()) for i in inputs if "://" not in i]
        present = {r.location for r in refs}
        gone = [sid for loc, (sid, _v) in stored.items()
                if loc not in present and any(loc.startswith(r) for r in roots)]
        if gone:
            store.remove_sources(gone)
            report.removed = len(gone)
        todo = []
        for r in refs:
            old = stored.get(r.location)
            if old is not None and old[1] == PIPELINE_VERSION and _unchanged(r, old[0]):
                report.skipped_unchanged += 1
            else:
                todo.append(r)
        done = 0
        progress("read", 0, len(todo))
        for results in engine.map(todo, max_bytes):
            for res in results:
                if isinstance(res, IngestError):
                    report.failed.append((res.name, res.reason))
                    store.record_error(res.name, res.reason)
                else:
                    store.write_source(res.source, PIPELINE_VERSION, res.parsed.mentions,
                                       res.times, res.claims)
                    report.read += 1
                done += 1
                progress("read", done, len(todo))
        progress("resolve", 0, 1)
        corpus_stage(store, report)
        progress("resolve", 1, 1)
    finally:
        store.release_build_lock()
    return report


def _unchanged(ref: InputRef, stored_id: str) -> bool:
    """Same content as stored? Reading again is cheap next to annotating."""
    from accord.ingest import source_id

    try:
        return source_id(read_source(ref).text) == stored_id
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


def corpus_stage(store: Store, report: BuildReport | None = None) -> None:
    claims = store.all_claims()
    mentions = [MentionRec(*m) for m in store.all_mentions()]
    known = {(m.source_id, m.start, m.end) for m in mentions}
    for c in claims:
        for r in _refs_of(c):
            if r.start >= 0 and (c.source_id, r.start, r.end) not in known:
                mentions.append(MentionRec(c.source_id, r.start, r.end, r.text, r.label))
                known.add((c.source_id, r.start, r.end))
    definitions = [(sid, long, short) for sid, text in store.source_texts()
                   for long, short, _s, _e in find_acronym_definitions(text)]
    res = resolve(mentions, definitions, store.corrections())

    def eid_of(sid: str, r: EntityRef) -> str:
        return res.mention_entity.get((sid, r.start, r.end), "")

    claims = [_with_entities(c, eid_of) for c in claims]
    names = {e.id: e.name for e in res.entities}
    places = _place_index(claims, names)
    origins = {s.id: s.id for s in store.sources()}
    findings = build_findings(claims, lambda c: c.subject.entity_id, places,
                              lambda sid: origins.get(sid, sid))
    store.write_corpus(list(res.entities), res.mention_entity, claims, findings, origins)
    if report is not None:
        report.claims = len(claims)
        report.entities = len(res.entities)
        for f in findings:
            report.findings[f.kind.value] = report.findings.get(f.kind.value, 0) + 1
