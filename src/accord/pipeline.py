"""The build: per-source stages in parallel, then the corpus-wide stages.

Per-source work (read, parse, find times and quantities, extract claims) is a
function of one batch of inputs (`per_source.read_and_annotate`) and runs in any engine
(`accord.engine`: a local process pool or Ray); each batch of results is written
as it arrives, every source whole in one transaction. A source already stored
with the same content and the same pipeline version is skipped (trusted from its
size and mtime, else compared by content hash), so an interrupted build resumes
and a rebuild only does what changed. The corpus-wide stages (resolve, align) run
over what is stored, reuse what the previous build kept wherever the inputs it
came from are unchanged, and write what changed in one transaction
(`corpus_stage`).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from accord.align import gazetteer
from accord.align.compare import PlaceIndex
from accord.align.copy_pairs import PassageIndex
from accord.align.findings import findings_of_key
from accord.align.independence import Sketch, iter_new_dependences
from accord.align.independence import origins as find_origins
from accord.annotate.nlp import unload as unload_models
from accord.collector import fewer_collections
from accord.engine import Engine, LocalEngine
from accord.engine.batching import UNKNOWN_SIZE
from accord.engine.local import run_now
from accord.engine.memory import give_back as give_back_memory
from accord.filing import file_part, part_of, with_entities
from accord.fingerprint import code_version
from accord.ingest import IngestError, InputRef, discover, read_source
from accord.model import Claim, EntityRef
from accord.names import compare_names
from accord.resolve.resolver import MentionRec, Spread, here, resolve
from accord.source_keys import keys_version, source_keys
from accord.store.db import CorpusUpdate, Kept, KeyClaims, SourceStat, Store

# what made a stored source's mentions, times and claims: the code of the per-source
# stages, hashed, so that a changed rule annotates every source again at the next
# build (a hand-kept number is forgotten, and then old claims silently stay)
PIPELINE_VERSION = code_version("ingest", "annotate", "timex", "extract", "names", "model.py",
                                "per_source.py")


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
    names: int = 0  # distinct names (after stripping titles) the resolver knows
    # pairs of names compared by this build: blocking bounds them per name, and this
    # shows how near the bound a corpus is (the resolver's cost per name grows with it)
    name_pairs: int = 0
    findings: dict[str, int] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        if self.failed and not (self.read or self.skipped_unchanged or self.duplicates):
            return 3
        return 1 if self.failed else 0


Progress = Callable[[str, int, int], None]
# starts `fn(*args)` (on a worker where one runs) and returns what waits for its result
Later = Callable[..., Callable[[], object]]


def _noop(stage: str, done: int, total: int) -> None:
    pass


def build(inputs: Sequence[str], store: Store, *, engine: Engine | None = None,
          max_bytes: int = 50_000_000, progress: Progress = _noop,
          keep_models: bool = True) -> BuildReport:
    """Bring the database in line with `inputs`: annotate what is new or changed,
    drop what is gone, then redo the corpus-wide stages over everything stored.

    Results stream from the engine batch by batch and each batch is written as it
    arrives, so memory does not grow with the number of inputs. A process that builds
    once (the command line) passes `keep_models=False`: it lets go of the models once
    it has annotated, and the corpus-wide stage has that memory (at 100x the growth
    corpus, that stage's peak fell from 262 to 205 MB). One that builds again keeps
    them rather than load them for every build.

    A build makes short-lived objects by the million: the garbage collector looks at
    them in larger batches while it runs (`collector.fewer_collections`).
    """
    with fewer_collections():
        return _build(inputs, store, engine or LocalEngine(), max_bytes, progress, keep_models)


def _build(inputs: Sequence[str], store: Store, engine: Engine, max_bytes: int,
           progress: Progress, keep_models: bool) -> BuildReport:
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
        todo = _small_ones_last(todo)
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
                              res.claims, stats.pop(src.location, None), res.keys))
            store.write_sources(batch)
            report.read += len(batch)
            done += len(results)
            progress("annotate", done, len(todo))
        if not keep_models:
            unload_models()
        corpus_stage(store, report, progress=progress, spread=engine.spread,
                     later=engine.later if engine.has_workers() else None)
    finally:
        engine.close()
        store.release_build_lock()
    return report


Stat = tuple[int, int]

TAIL = 4  # the smallest 1/TAIL of the inputs are annotated last


def _small_ones_last(refs: list[InputRef]) -> list[InputRef]:
    """The inputs in their order, but the smallest quarter of them at the end, largest
    first: the last batches are then small, so the jobs finish together instead of
    one working through a big file while the others wait. Only a quarter: all sorted
    by size, the first batches would hold the biggest files together, which raises
    the peak memory of annotating. Inputs of one size keep their order."""
    def size(r: InputRef) -> int:
        return r.size if r.size is not None else UNKNOWN_SIZE

    by_size = sorted(range(len(refs)), key=lambda i: -size(refs[i]))
    last = by_size[len(refs) - len(refs) // TAIL:]
    tail = set(last)
    return [r for i, r in enumerate(refs) if i not in tail] + [refs[i] for i in last]


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


ADMIN_WORDS = ("oblast", "province", "region", "county", "district", "state", "krai",
               "governorate", "guberniya", "область", "край", "район", "губерния")


def _contained(c: Claim, parents: dict[str, set[str]]) -> None:
    """Note the containment a claim states ("born in a village, in its province")."""
    inner = c.value if isinstance(c.value, EntityRef) else None
    outer = c.qualifier("within")
    if inner and isinstance(outer, EntityRef) and inner.entity_id and outer.entity_id:
        parents.setdefault(inner.entity_id, set()).add(outer.entity_id)


def _place_index(parents: dict[str, set[str]], names: dict[str, str]) -> PlaceIndex:
    def core(name: str) -> str:
        words = [w for w in name.split() if w.lower() not in ADMIN_WORDS]
        return " ".join(words)

    def same_place(a: str, b: str) -> bool:
        na, nb = names.get(a), names.get(b)
        if not na or not nb:
            return False
        return compare_names(core(na), core(nb), "LOC").same and core(na) != "" and (
            core(na) != na or core(nb) != nb)

    known: dict[tuple[str, str], bool] = {}

    def in_country(a: str, b: str) -> bool:
        # asked for every pair of differing places a group compares: once is enough
        if (a, b) not in known:
            known[(a, b)] = gazetteer.lies_in(names.get(a, a), names.get(b, b))
        return known[(a, b)]

    return PlaceIndex({k: frozenset(v) for k, v in parents.items()}, same_place, in_country)


def corpus_stage(store: Store, report: BuildReport | None = None, *,
                 progress: Progress = _noop, spread: Spread | None = None,
                 later: Later | None = None) -> None:
    """Resolve entities and align claims over everything stored, and bring the
    corpus-wide results in line in one transaction.

    Both steps work on blocking keys and indexes (see `resolve.resolver`,
    `align.findings`), never all pairs, and both reuse what the previous build kept:
    the resolver compares only the names of blocks that changed, copies are looked
    for only between a new source and the sources that share an LSH bucket with it,
    and each source's acronyms and sketch were made where it was annotated. The
    claims are never all in memory: they are filed a few sources at a time and judged
    key by key, and only the keys whose claims changed are judged again. What is
    written is only what changed. The pure parts (comparing names, filing claims) are
    `spread` over
    the engine's workers when they are running, and one of them compares texts for
    copies (`later`, given only where workers run beside this process) while this
    process resolves names and writes what it found. When nothing the results depend on
    has changed (sources, corrections, code) nothing is done at all. The results are
    those of a build from scratch over the same sources (tests/test_incremental.py).
    """
    steps = 5
    progress("corpus", 0, steps)
    ids = sorted(store.source_ids())
    corrections = store.corrections()
    inputs = _inputs_version(ids, corrections)
    if store.meta("corpus_inputs") == inputs and not store.unlinked():
        # (a source written again with the same text is unlinked: its findings went)
        if report is not None:
            _report_from_store(store, report)
        progress("corpus", steps, steps)
        return
    # the heap annotating freed in this process goes back to the system before the
    # build's largest need of memory starts (the model stays: the next build in this
    # process would load it again)
    give_back_memory()
    # each source's acronyms and sketch, made by its worker; one stored by another
    # version of the code (or before they were kept) is made again here
    stored = store.source_keys(sketches=False)
    version = keys_version()
    remade = {sid: source_keys(text) for sid, text in store.source_texts(
        [sid for sid in ids if sid not in stored or stored[sid].keys.version != version])}
    keys = {sid: remade[sid] if sid in remade else stored[sid].keys for sid in ids}
    definitions = [(sid, long, short) for sid in ids for long, short in keys[sid].definitions]
    progress("corpus", 1, steps)
    # independence: whole-text copies share an origin, and a claim whose passage was
    # pasted from (or into) another source counts with that passage's origin. Whether
    # two sources copy each other concerns the two alone: the stored pairs stand, and
    # only a source not yet linked (new, or its sketch made again) is looked up. It
    # needs nothing of the names. With a worker beside this process (`later`), it
    # compares texts there once the names are compared (until then the workers compare
    # names with this process) while this process goes on resolving and writing; the
    # pairs are needed only when they replace the stored ones. Without, it goes first
    # here: comparing texts is the stage's largest passing need of memory, and the
    # names are not loaded yet.
    fresh = {sid for sid in ids if sid in remade or not stored[sid].linked}
    # (the search writes the pairs it finds as it finds them (`Store.stage_copies`):
    # `found` says how many once it is done)
    found: Callable[[], int] | None = None

    def search_copies() -> None:
        nonlocal found
        if fresh and found is None:
            found = (later or run_now)(
                new_copies, store.url, version, {sid: remade[sid].sketch for sid in remade},
                sorted(fresh))

    if later is None:
        search_copies()
    progress("corpus", 2, steps)
    # every name a claim speaks of was stored as a mention (`per_source`)
    rules = code_version(*RESOLVER_CODE)
    kept_rules, previous = store.resolver_state()
    res = resolve((MentionRec(*m) for m in store.all_mentions()), definitions, corrections,
                  previous if kept_rules == rules else None, spread=spread,
                  when_compared=search_copies)
    mention_entity, name_pairs = res.mention_entity, res.compared
    progress("corpus", 3, steps)

    def eid_of(sid: str, r: EntityRef) -> str:
        return mention_entity.get((sid, r.start, r.end), "")

    with store.corpus_update() as up:
        # what the resolver made is written first and let go of (its state, the one it
        # was given, its entities): the claims below need only each mention's entity,
        # kept compact, and the entities' names
        up.entities(list(res.entities))
        relinked = up.mention_links(mention_entity)
        up.kept(Kept(resolver=res.state, resolver_stored=previous, rules=rules))
        entity_names = {e.id: e.name for e in res.entities}
        del res, previous
        # the pairs of the fresh sources replace the ones stored with them; whole-text
        # copies share an origin (the pairs are read from the database, never all held)
        search_copies()  # (started once the names were compared: this only makes sure)
        if found is not None:
            found()
        lost = up.replace_copies(fresh) if fresh else set()
        origins = find_origins(((sid, "") for sid in ids), up.duplicate_pairs())
        moved = up.origins(origins)
        # which places the sources say lie within which: from the few claims that can
        # say so
        parents: dict[str, set[str]] = {}
        for c in up.placing_claims():
            _contained(with_entities(c, eid_of), parents)
        judged, judged_before = _judged_version(parents), up.judged_by()
        same_code = judged_before.split("|")[0] == judged.split("|")[0]
        # the claims a few sources at a time: each names its resolved entities and is
        # filed under its key with its origin (`filing`), by the engine's workers where
        # they run. Only a claim of a source whose names or passages' origins may have
        # changed can be filed otherwise (unless the code changed: then every claim),
        # besides those not filed yet; one that is marks its keys, old and new, to be
        # judged again. The sources' shared passages are read for a slice of sources
        # at a time.
        touched = (_touched(up, fresh, relinked, moved, lost) if same_code else set(ids))
        todo = sorted(touched) + sorted(up.unfiled_sources() - touched)
        dirty: set[str] = set()
        for at in range(0, len(todo), SOURCES_AT_ONCE):
            some = todo[at:at + SOURCES_AT_ONCE]
            shared = PassageIndex(up.copy_pairs(some))
            parts = (part_of(up.filed_rows(few), few, mention_entity.of_source, shared, origins)
                     for few in (some[k:k + SOURCES_PER_PART]
                                 for k in range(0, len(some), SOURCES_PER_PART)))
            for filed, keys in (spread or here)(file_part, parts):
                up.file_claims(filed)
                dirty |= keys
            del shared  # (before the next slice's pairs are read)
        places = _place_index(parents, entity_names)
        progress("corpus", 4, steps)
        # then judged key by key (no finding joins two keys), each claim counting with
        # the origin it was filed with: only the marked keys, unless the code or the
        # places they compare by changed since the last build
        keys = None if judged_before != judged else sorted(dirty)
        for batch in up.claims_by_key(keys):
            up.findings({kc.key: findings_of_key(kc.claims, places, _filed_origin(kc))
                         for kc in batch})
        up.drop_findings_of_gone_keys()
        up.kept(Kept(keys=remade, inputs=inputs, judged=judged))
    mention_entity.close()  # (its scratch file)
    progress("corpus", 5, steps)
    if report is not None:
        _report_from_store(store, report)
        report.name_pairs = name_pairs


SOURCES_AT_ONCE = 100  # sources whose shared passages are held at once while filing
SOURCES_PER_PART = 8  # sources whose claims are filed in one part (`filing.FilingPart`)


def _filed_origin(kc: KeyClaims) -> Callable[[Claim], str]:
    """Each claim of `kc` counts with the origin it was filed with (every filed claim
    has one: its key and origin are written together)."""
    return lambda c: kc.origins[c.id]


def new_copies(db: str, version: str, made: dict[str, bytes], fresh: list[str]) -> int:
    """Stage the copy pairs that involve a `fresh` source (`new_dependences`) among the
    sources of the database at `db`, by their sketches: those stored by the code of
    `version`, and the ones `made` again now. A job for a worker, which opens the
    database itself, reads the sketches and the texts it compares there, and writes
    the pairs there as it finds them (`Store.stage_copies`), rather than receiving or
    returning what the build's own process need not hold. Returns how many."""
    store = Store(db, migrate=False)
    try:
        store.clear_staged_copies()
        # (no name kept for the sketches: the search lets go of them once it holds their keys)
        return store.stage_copies(iter_new_dependences(
            {sid: Sketch.from_bytes(b) for sid, b in {**store.sketches(version), **made}.items()},
            set(fresh), store.source_texts))
    finally:
        store.close()


def _judged_version(parents: dict[str, set[str]]) -> str:
    """What the stored findings are a function of besides their keys' claims: the code
    (which also files the claims), and which places lie within which, as the sources
    say and as the installed gazetteers know (a place index that changed can turn any
    conflict of places into a refinement)."""
    h = hashlib.sha1(gazetteer.version().encode())
    for inner in sorted(parents):
        h.update(f"{inner}<{','.join(sorted(parents[inner]))}\n".encode())
    return f"{code_version()}|{h.hexdigest()}"


def _touched(up: CorpusUpdate, fresh: set[str], relinked: set[str], moved: set[str],
             lost: set[str]) -> set[str]:
    """The sources whose claims may be filed otherwise than the last build filed them:
    a name of theirs now belongs to another entity (`relinked`), or one of their
    passages comes from elsewhere now. A claim's origin is the smallest of the sources
    that share its passage, mapped through the whole-text origins, so it changes only
    for a source that gained or lost a pair (a pair has a `fresh` source: the new ones
    are stored now, and the partners the fresh ones had before were `lost`), whose
    whole-text origin `moved`, or that shares passages with one that moved. (A removed
    source's partners were marked when it was removed.)"""
    return set(fresh) | relinked | moved | lost | up.partners(fresh | moved)


# what the resolver's kept state depends on: its rules and the name rules
RESOLVER_CODE = ("names", "resolve")


def _inputs_version(ids: Sequence[str], corrections: Sequence[tuple[str, str, str]]) -> str:
    """What the corpus-wide results are a function of: the stored sources (an id is the
    hash of a source's text; each was annotated by this PIPELINE_VERSION or it would
    have been again), the user's corrections, and the code."""
    h = hashlib.sha1(code_version().encode())
    h.update(PIPELINE_VERSION.encode())
    for sid in ids:
        h.update(sid.encode() + b"\n")
    for act, a, b in corrections:
        h.update(f"{act}\x1f{a}\x1f{b}\n".encode())
    return h.hexdigest()


def _report_from_store(store: Store, report: BuildReport) -> None:
    report.claims = store.count("claims")
    report.entities = store.count("entities")
    report.names = store.count("name_nodes")
    for f in store.findings_summary():
        report.findings[f[0]] = f[1]
