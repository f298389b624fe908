"""Reading and writing a build database.

Every write is one short transaction: a batch of sources with everything derived
from them, or the whole corpus-wide result (entities, findings) together with what
the next rebuild reuses (`Kept`: the resolver's state, the pairs of copying sources).
The corpus-wide result is written as a difference with what is stored, so a
rebuild that changes little writes little. An interrupted build therefore leaves
either the old or the new state of each source, never half of one, and a rerun
picks up where it stopped. SQLite runs in WAL mode so that the
report and the web view can read while a build writes; PostgreSQL (psycopg 3) holds
the same schema, kept by the migrations in `migrations/`, and queries that sort
text sort by code point on both, so both give the same JSON.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import time
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from pathlib import Path
from typing import NamedTuple

import numpy as np
import orjson
from sqlalchemy import (
    JSON,
    String,
    Text,
    bindparam,
    create_engine,
    delete,
    event,
    func,
    insert,
    inspect,
    select,
    tuple_,
    update,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DatabaseError, IntegrityError

from accord.align.copy_pairs import CopyPairs
from accord.align.independence import Dependence
from accord.model import VERDICT_RANK, Alias, Claim, Entity, Finding, Removal, Source, Verdict, Zone
from accord.resolve.resolver import NodeInfo, ResolverState
from accord.source_keys import SourceKeys
from accord.store import schema as s
from accord.store.codec import CLAIM_COLUMNS, claim_from_values, claim_to_row, value_to_json
from accord.store.copy_staging import COPY_COLUMNS, CopyStaging


class StoreError(RuntimeError):
    pass


class BuildLocked(StoreError):
    pass


def to_url(db: str) -> str:
    """A plain path means an SQLite file; anything with '://' is a SQLAlchemy URL.

    A bare `postgresql://` (or `postgres://`) URL, as libpq and most tools write it,
    is sent to psycopg 3, the driver accord installs.
    """
    for bare in ("postgresql://", "postgres://"):
        if db.startswith(bare):
            return "postgresql+psycopg://" + db.removeprefix(bare)
    if "://" in db:
        return db
    return f"sqlite:///{Path(db).expanduser().resolve()}"


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


STREAM = 2000  # rows fetched at a time from queries over the whole corpus
PAGE = 2000  # claims read at a time by the corpus-wide stage
IN_LIST = 500  # values in one SQL IN (...): databases bound the parameters of a statement


def _insert_in_chunks(c, table, rows: Iterable[dict]) -> None:
    """Insert `rows` (made as they are taken) STREAM at a time: written from scratch, a
    table of the corpus-wide stage has a row for every name or pair of sources, and a
    list of them all would be held at once."""
    rows = iter(rows)
    while chunk := list(islice(rows, STREAM)):
        c.execute(insert(table), chunk)


def _slices(items: Sequence[str]) -> Iterator[Sequence[str]]:
    """`items` in slices small enough for one IN list each."""
    for k in range(0, len(items), IN_LIST):
        yield items[k : k + IN_LIST]


@dataclass(frozen=True, slots=True)
class SourceStat:
    id: str
    pipeline: str
    size: int | None
    mtime_ns: int | None


@dataclass(frozen=True, slots=True)
class StoredSource:
    id: str
    name: str
    location: str
    title: str
    published: str | None
    language: str
    origin: str


@dataclass(frozen=True, slots=True)
class StoredKeys:
    keys: SourceKeys
    linked: bool  # its pairs are in `copies`


@dataclass
class Kept:
    """What the corpus-wide stage keeps for the next rebuild, written in the same
    transaction as its results so that the two always belong together."""

    resolver: ResolverState | None = None  # None: leave the stored state as it is
    resolver_stored: ResolverState | None = None  # as `resolver_state` read it, if it did
    rules: str = ""  # the version of the code the resolver state belongs to
    keys: Mapping[str, SourceKeys] = field(default_factory=dict)  # made now, not by a worker
    inputs: str = ""  # what the results were computed from (see `pipeline.corpus_stage`)
    judged: str = ""  # what the stored findings were judged by (see `pipeline.corpus_stage`)


def _hash(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()


class Store:
    """One build database. Opening it brings its schema up to date (Alembic, see
    `migrations/`): additive migrations are safe for readers too, so every open
    migrates, and `create=False` only refuses to make a database that is not there."""

    def __init__(self, db: str, *, create: bool = True, migrate: bool = True) -> None:
        """`migrate=False` is for a helper process reading a database its build has
        just opened (and so migrated): it skips the schema check."""
        from accord.store import migrations

        self.url = to_url(db)
        self._staged: CopyStaging | None = None  # where a copy search stages its pairs
        if self.url.startswith("sqlite:///") and not create:
            path = Path(self.url.removeprefix("sqlite:///"))
            if not path.exists():
                raise StoreError(f"no database at {path} (run `accord build ... --db {path}` first)")
        self.engine: Engine = create_engine(self.url, future=True, json_serializer=_json_dumps,
                                             json_deserializer=_json_loads)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        try:
            if not create:
                with self.engine.connect() as c:
                    if not inspect(c).has_table("sources"):
                        raise StoreError(f"no accord database at {_safe(self.url)} "
                                         "(run `accord build` first)")
            self.revision = migrations.upgrade(self.engine) if migrate else None
        except migrations.NewerSchema as e:
            self.engine.dispose()
            raise StoreError(str(e)) from None
        except DatabaseError as e:  # not a database, unreachable server, locked file
            self.engine.dispose()
            raise StoreError(f"cannot open {_safe(self.url)}: {e.orig}") from None
        self.dialect = self.engine.dialect.name

    def _by(self, col):
        """Order by a text column the same way on every database: PostgreSQL would
        otherwise sort by its locale's collation and SQLite by code point. (Other
        columns order alike everywhere, and PostgreSQL has no collation for them.)"""
        return col.collate("C") if self.dialect == "postgresql" and isinstance(
            col.type, String) else col

    def close(self) -> None:
        if self._staged is not None:
            self._staged.close()
        self.engine.dispose()

    # ------------------------------------------------------------------ locking
    def acquire_build_lock(self) -> None:
        """Refuse a second concurrent build on the same database.

        The lock is a row whose key is unique: taking it is one INSERT, so two builds
        starting at once cannot both succeed. A lock left by a process that died is
        taken over by deleting exactly that row, which also only one taker can do.
        """
        me = f"{socket.gethostname()}:{os.getpid()}:{time.time():.0f}"
        for _ in range(2):
            try:
                with self.engine.begin() as c:
                    c.execute(insert(s.meta).values(key="build_lock", value=me))
                self._lock = me
                return
            except IntegrityError:
                pass
            with self.engine.begin() as c:
                row = c.execute(select(s.meta.c.value).where(s.meta.c.key == "build_lock")).first()
                if row is not None and _lock_alive(row[0]):
                    raise BuildLocked(
                        f"another build is writing this database ({row[0].rsplit(':', 1)[0]}); "
                        "wait for it to finish"
                    )
                if row is not None:
                    c.execute(delete(s.meta).where(s.meta.c.key == "build_lock",
                                                   s.meta.c.value == row[0]))
        raise BuildLocked("another build took this database's lock; wait for it to finish")

    def release_build_lock(self) -> None:
        """Release only our own lock, never another build's."""
        me = getattr(self, "_lock", None)
        if me is None:
            return
        with self.engine.begin() as c:
            c.execute(delete(s.meta).where(s.meta.c.key == "build_lock", s.meta.c.value == me))
        self._lock = None

    # ------------------------------------------------------------------ sources
    def source_versions(self) -> dict[str, tuple[str, str]]:
        """location -> (source id, pipeline version) of what is stored."""
        return {loc: (st.id, st.pipeline) for loc, st in self.source_stats().items()}

    def source_stats(self) -> dict[str, SourceStat]:
        """location -> what a rebuild needs to decide, without reading, that it is unchanged."""
        with self.engine.connect() as c:
            rows = c.execute(select(s.sources.c.location, s.sources.c.id, s.sources.c.pipeline,
                                    s.sources.c.size, s.sources.c.mtime_ns))
            return {r.location: SourceStat(r.id, r.pipeline, r.size, r.mtime_ns) for r in rows}

    def write_source(self, source: Source, pipeline: str, mentions: Iterable, times: Iterable,
                     claims: Iterable[Claim], stat: tuple[int, int] | None = None) -> None:
        """Store one source with everything derived from it, replacing what was stored
        from the same content or the same location, in one transaction."""
        self.write_sources([(source, pipeline, mentions, times, claims, stat)])

    def write_sources(self, items: Iterable[tuple]) -> None:
        """Several sources at once, each as for `write_source`, in one transaction: a
        batch from an engine costs one commit, and still no source is ever half there."""
        mrows: list[dict] = []
        trows: list[dict] = []
        crows: list[dict] = []
        krows: list[dict] = []
        with self.engine.begin() as c:
            for source, pipeline, mentions, times, claims, stat, *more in items:
                keys = more[0] if more else None
                at_location = c.execute(select(s.sources.c.id).where(
                    s.sources.c.location == source.location)).scalars().all()
                self._delete_sources(c, [source.id, *at_location])
                size, mtime_ns = stat if stat else (None, None)
                c.execute(insert(s.sources).values(
                    id=source.id, name=source.name, location=source.location,
                    format=source.format, title=source.title, author=source.author,
                    site=source.site,
                    published=source.published.isoformat() if source.published else None,
                    language=source.language, text=source.text,
                    zones=[[z.start, z.end, z.kind] for z in source.zones],
                    removed=[[r.reason, r.text] for r in source.removed],
                    origin="", pipeline=pipeline, added_at=time.time(),
                    size=size, mtime_ns=mtime_ns,
                ))
                mrows += [dict(source_id=source.id, start=m.start, end=m.end, text=m.text,
                               label=m.label, entity_id=None) for m in mentions]
                trows += [dict(source_id=source.id, start=t.start, end=t.end, text=t.text,
                               value=value_to_json(t.value)) for t in times]
                crows += [{**claim_to_row(cl), "entity_id": None} for cl in claims]
                if keys is not None:
                    krows.append(_keys_row(source.id, keys))
            for table, rows in ((s.mentions, mrows), (s.times, trows), (s.claims, crows),
                                (s.source_keys, krows)):
                if rows:
                    c.execute(insert(table), rows)

    def touch_source(self, location: str, stat: tuple[int, int]) -> None:
        """A file whose content proved unchanged: remember its new size and mtime, so the
        next rebuild need not read it either."""
        with self.engine.begin() as c:
            c.execute(update(s.sources).where(s.sources.c.location == location)
                      .values(size=stat[0], mtime_ns=stat[1]))

    def remove_sources(self, ids: Iterable[str]) -> None:
        with self.engine.begin() as c:
            self._delete_sources(c, list(ids))

    def _delete_sources(self, c, ids: list[str]) -> None:
        """Everything derived from these sources goes with them, findings that cite
        their claims included: a reader never sees a finding with claims missing."""
        if not ids:
            return
        gone = select(s.claims.c.id).where(s.claims.c.source_id.in_(ids))
        hit = select(s.finding_claims.c.finding_id).where(s.finding_claims.c.claim_id.in_(gone))
        hit_ids = [r[0] for r in c.execute(hit.distinct())]
        for chunk in _slices(hit_ids):
            # the claims those findings also cited are judged again by the next build
            cited = select(s.finding_claims.c.claim_id).where(
                s.finding_claims.c.finding_id.in_(chunk))
            c.execute(update(s.claims).where(s.claims.c.id.in_(cited)).values(group_key=None))
            c.execute(delete(s.finding_claims).where(s.finding_claims.c.finding_id.in_(chunk)))
            c.execute(delete(s.findings).where(s.findings.c.id.in_(chunk)))
        # a source that shared passages with one of these has lost them: where its
        # claims come from is worked out again by the next build
        partners = (select(s.copies.c.b).where(s.copies.c.a.in_(ids))
                    .union(select(s.copies.c.a).where(s.copies.c.b.in_(ids))))
        c.execute(update(s.claims).where(s.claims.c.source_id.in_(partners)).values(group_key=None))
        for table in (s.claims, s.times, s.mentions, s.source_keys):
            c.execute(delete(table).where(table.c.source_id.in_(ids)))
        c.execute(delete(s.copies).where(s.copies.c.a.in_(ids) | s.copies.c.b.in_(ids)))
        c.execute(delete(s.sources).where(s.sources.c.id.in_(ids)))

    def record_error(self, name: str, reason: str) -> None:
        with self.engine.begin() as c:
            c.execute(insert(s.errors).values(name=name, reason=reason, at=time.time()))

    def clear_errors(self) -> None:
        with self.engine.begin() as c:
            c.execute(delete(s.errors))

    def errors(self) -> list[tuple[str, str]]:
        with self.engine.connect() as c:
            return [(r.name, r.reason) for r in c.execute(select(s.errors).order_by(s.errors.c.id))]

    def sources(self) -> list[StoredSource]:
        with self.engine.connect() as c:
            rows = c.execute(select(
                s.sources.c.id, s.sources.c.name, s.sources.c.location, s.sources.c.title,
                s.sources.c.published, s.sources.c.language, s.sources.c.origin,
            ).order_by(self._by(s.sources.c.name), self._by(s.sources.c.location)))
            return [StoredSource(*r) for r in rows]

    def source(self, sid: str) -> Source | None:
        with self.engine.connect() as c:
            r = c.execute(select(s.sources).where(s.sources.c.id == sid)).first()
        if r is None:
            return None
        return Source(
            id=r.id, name=r.name, location=r.location, text=r.text, format=r.format,
            title=r.title, author=r.author, site=r.site,
            published=date.fromisoformat(r.published) if r.published else None,
            language=r.language, zones=tuple(Zone(*z) for z in r.zones),
            removed=tuple(Removal(*x) for x in r.removed),
        )

    def source_texts(self, ids: Iterable[str] | None = None) -> Iterator[tuple[str, str]]:
        """Streamed (a server-side cursor on PostgreSQL): the texts of a large corpus
        never need to be in memory together. With `ids`, only those (in id order)."""
        q = select(s.sources.c.id, s.sources.c.text).order_by(self._by(s.sources.c.id))
        if ids is None:
            with self.engine.connect().execution_options(yield_per=STREAM) as c:
                yield from c.execute(q)
            return
        want = sorted(set(ids))
        for chunk in _slices(want):
            with self.engine.connect() as c:
                yield from c.execute(q.where(s.sources.c.id.in_(chunk)))

    def source_ids(self) -> list[str]:
        with self.engine.connect() as c:
            return list(c.execute(select(s.sources.c.id)).scalars())

    def findings_summary(self) -> list[tuple[str, int]]:
        """(kind, number of findings) for each kind there is."""
        with self.engine.connect() as c:
            return [(k, n) for k, n in c.execute(
                select(s.findings.c.kind, func.count()).group_by(s.findings.c.kind))]

    def count(self, table: str) -> int:
        t = s.metadata.tables[table]
        with self.engine.connect() as c:
            return c.execute(select(func.count()).select_from(t)).scalar_one()

    # ------------------------------------------------------------- corpus-wide
    def all_mentions(self) -> Iterator[tuple[str, int, int, str, str]]:
        with self.engine.connect().execution_options(yield_per=STREAM) as c:
            yield from c.execute(select(
                s.mentions.c.source_id, s.mentions.c.start, s.mentions.c.end,
                s.mentions.c.text, s.mentions.c.label,
            ).order_by(self._by(s.mentions.c.source_id), s.mentions.c.start, s.mentions.c.id))

    def all_claims(self) -> list[Claim]:
        return list(self.iter_claims())

    def iter_claims(self) -> Iterator[Claim]:
        """Every claim in id order, streamed."""
        with self.engine.connect().execution_options(yield_per=STREAM) as c:
            rows = c.execute(select(*CLAIM_SELECT)
                             .order_by(self._by(s.claims.c.id)))
            for r in rows:
                yield claim_of_row(r)

    def corrections(self) -> list[tuple[str, str, str]]:
        with self.engine.connect() as c:
            return [(r.action, r.a, r.b) for r in
                    c.execute(select(s.corrections).order_by(s.corrections.c.id))]

    def add_correction(self, action: str, a: str, b: str) -> None:
        with self.engine.begin() as c:
            c.execute(insert(s.corrections).values(action=action, a=a, b=b, at=time.time()))

    def source_keys(self, *, sketches: bool = True) -> dict[str, StoredKeys]:
        """Each source's stored keys; without their `sketches` (then b""), which are
        most of their size and needed only where copies are looked for (`sketches`)."""
        k = s.source_keys.c
        cols = [k.source_id, k.version, k.definitions, k.linked] + ([k.sketch] if sketches else [])
        with self.engine.connect().execution_options(yield_per=STREAM) as c:
            return {r.source_id: StoredKeys(
                SourceKeys(r.version, tuple((a, b) for a, b in r.definitions),
                           bytes(r.sketch) if sketches else b""),
                bool(r.linked)) for r in c.execute(select(*cols))}

    def sketches(self, version: str) -> dict[str, bytes]:
        """The stored sketches that the code of `version` made, by source."""
        k = s.source_keys.c
        with self.engine.connect().execution_options(yield_per=STREAM) as c:
            return {sid: bytes(sk) for sid, sk in c.execute(
                select(k.source_id, k.sketch).where(k.version == version)
                .where(k.source_id.in_(select(s.sources.c.id))))}

    def unlinked(self) -> int:
        """How many sources were written since the corpus-wide stage last ran."""
        linked = select(s.source_keys.c.source_id).where(s.source_keys.c.linked.is_(True))
        with self.engine.connect() as c:
            return c.execute(select(func.count()).select_from(s.sources)
                             .where(s.sources.c.id.not_in(linked))).scalar_one()

    def copies(self) -> list[Dependence]:
        """The stored pairs of sources that copy one another, sorted by (a, b)."""
        return list(self.copy_pairs(ordered=True))

    def copy_pairs(self, *, ordered: bool = False) -> CopyPairs:
        """The stored pairs, compact (a corpus that syndicates a story has many: see
        `CopyPairs`), sorted by (a, b) only when asked (sorting many pairs costs)."""
        pair = s.copies.c
        q = select(*(pair[k] for k in COPY_COLUMNS))
        if ordered:
            q = q.order_by(self._by(pair.a), self._by(pair.b))
        with self.engine.connect().execution_options(yield_per=STREAM) as c:
            return CopyPairs.from_rows(tuple(r) for r in c.execute(q))

    def clear_staged_copies(self) -> None:
        """Forget what a copy search staged (one interrupted before its build wrote it)."""
        self._staging().clear()

    def stage_copies(self, pairs: Iterable[Dependence]) -> int:
        """Write the pairs a copy search finds as it finds them, a batch per transaction,
        where the build can move them into `copies` with its results
        (`CorpusUpdate.replace_copies`) while the search writes (`CopyStaging`).
        Returns how many there were."""
        return self._staging().add(_copy_row(d) for d in pairs)

    def _staging(self) -> CopyStaging:
        if self._staged is None:
            self._staged = CopyStaging(self.url, self.engine)
        return self._staged

    def resolver_state(self) -> tuple[str, ResolverState]:
        """(version of the rules it was made by, the resolver's state); ("", empty) if none."""
        with self.engine.connect().execution_options(yield_per=STREAM) as c:
            return self._meta(c, "resolver_rules"), self._resolver_state(c)

    @staticmethod
    def _resolver_state(c) -> ResolverState:
        nodes = {r.node: NodeInfo(r.kind, r.shown, tuple(r.blocks))
                 for r in c.execute(select(s.name_nodes.c.node, s.name_nodes.c.kind,
                                           s.name_nodes.c.shown, s.name_nodes.c.blocks))}
        matches = {(r.kind, r.a, r.b): r.rule for r in c.execute(select(
            s.name_matches.c.kind, s.name_matches.c.a, s.name_matches.c.b, s.name_matches.c.rule))}
        forms = dict(c.execute(select(s.name_forms.c.text, s.name_forms.c.surface)).all())
        return ResolverState(nodes, matches, forms)

    def meta(self, key: str) -> str:
        with self.engine.connect() as c:
            return self._meta(c, key)

    @staticmethod
    def _meta(c, key: str) -> str:
        row = c.execute(select(s.meta.c.value).where(s.meta.c.key == key)).first()
        return row[0] if row else ""

    @staticmethod
    def _set_meta(c, key: str, value: str) -> None:
        c.execute(delete(s.meta).where(s.meta.c.key == key))
        c.execute(insert(s.meta).values(key=key, value=value))

    @contextmanager
    def corpus_update(self) -> Iterator[CorpusUpdate]:
        """Bring every corpus-wide result in line, in one transaction: the claims are read
        (a page at a time) and judged within it, so the stored findings always belong to
        the stored claims, and an interrupted stage leaves the previous results whole."""
        with self.engine.begin() as c:
            yield CorpusUpdate(self, c)

    def _write_entities(self, c, entities: list[Entity]) -> None:
        stored: dict[str, tuple] = {}
        aliases: dict[str, list[tuple]] = {}
        for r in c.execute(select(s.aliases).order_by(s.aliases.c.id)):
            aliases.setdefault(r.entity_id, []).append((r.text, r.rule, tuple(r.sources)))
        for r in c.execute(select(s.entities)):
            stored[r.id] = (r.name, r.type, tuple(aliases.get(r.id, ())))
        new = {e.id: (e.name, e.type, tuple((a.text, a.rule, tuple(a.sources)) for a in e.aliases))
               for e in entities}
        gone = [k for k, v in stored.items() if new.get(k) != v]
        for chunk in _slices(gone):
            c.execute(delete(s.aliases).where(s.aliases.c.entity_id.in_(chunk)))
            c.execute(delete(s.entities).where(s.entities.c.id.in_(chunk)))
        # orphans: aliases of no entity (a database written before entities were diffed)
        if stored.keys() != aliases.keys():
            for eid in set(aliases) - set(stored):
                c.execute(delete(s.aliases).where(s.aliases.c.entity_id == eid))
        fresh = [e for e in entities if stored.get(e.id) != new[e.id]]
        _insert_in_chunks(c, s.entities, (dict(id=e.id, name=e.name, type=e.type) for e in fresh))
        _insert_in_chunks(c, s.aliases, (dict(entity_id=e.id, text=a.text, rule=a.rule,
                                              sources=list(a.sources))
                                         for e in fresh for a in e.aliases))

    def _write_kept(self, c, kept: Kept) -> None:
        if kept.keys:
            ids = sorted(kept.keys)
            for chunk in _slices(ids):
                c.execute(delete(s.source_keys).where(s.source_keys.c.source_id.in_(chunk)))
            c.execute(insert(s.source_keys), [_keys_row(sid, kept.keys[sid]) for sid in ids])
        if kept.resolver is not None:
            self._write_resolver(c, kept.resolver, kept.resolver_stored)
            self._set_meta(c, "resolver_rules", kept.rules)
        if kept.inputs:
            self._set_meta(c, "corpus_inputs", kept.inputs)
        if kept.judged:
            self._set_meta(c, "findings_judged", kept.judged)

    def _write_resolver(self, c, state: ResolverState, stored: ResolverState | None) -> None:
        """The resolver's state, by difference with the stored one (read again here
        unless the caller still has it)."""
        if stored is None:
            stored = self._resolver_state(c)
        def node(n: str, info: NodeInfo) -> dict:
            return dict(key=_hash(n), node=n, kind=info.kind, shown=info.shown,
                        blocks=list(info.blocks))

        def match(p: tuple[str, str, str], rule: str) -> dict:
            return dict(key=_hash(*p), kind=p[0], a=p[1], b=p[2], rule=rule)

        def form(text: str, surface: str) -> dict:
            return dict(key=_hash(text), text=text, surface=surface)

        for table, new, old, row in ((s.name_nodes, state.nodes, stored.nodes, node),
                                     (s.name_matches, state.matches, stored.matches, match),
                                     (s.name_forms, state.forms, stored.forms, form)):
            stale = [k for k, v in old.items() if new.get(k) != v]
            keys = [_hash(k) if isinstance(k, str) else _hash(*k) for k in stale]
            for chunk in _slices(keys):
                c.execute(delete(table).where(table.c.key.in_(chunk)))
            _insert_in_chunks(c, table, (row(k, v) for k, v in new.items() if old.get(k) != v))

    # ------------------------------------------------------------------- views
    def entities(self) -> list[Entity]:
        with self.engine.connect() as c:
            al: dict[str, list[Alias]] = {}
            for r in c.execute(select(s.aliases).order_by(s.aliases.c.id)):
                al.setdefault(r.entity_id, []).append(Alias(r.text, tuple(r.sources), r.rule))
            return [Entity(r.id, r.name, r.type, tuple(al.get(r.id, ())))
                    for r in c.execute(select(s.entities).order_by(
                        self._by(s.entities.c.name), self._by(s.entities.c.id)))]

    def findings(self, kinds: Iterable[str] | None = None) -> list[Finding]:
        """The findings (of these kinds) in report order, each with its claims. Only the
        claims some finding cites are read, not the corpus's."""
        with self.engine.connect() as c:
            q = select(s.findings).order_by(s.findings.c.rank, self._by(s.findings.c.entity_id),
                                            self._by(s.findings.c.property),
                                            self._by(s.findings.c.id))
            if kinds:
                q = q.where(s.findings.c.kind.in_(list(kinds)))
            rows = list(c.execute(q))
            members: dict[str, list[str]] = {}
            for chunk in _slices(sorted(r.id for r in rows)):
                for r in c.execute(select(s.finding_claims)
                                   .where(s.finding_claims.c.finding_id.in_(chunk))
                                   .order_by(s.finding_claims.c.position)):
                    members.setdefault(r.finding_id, []).append(r.claim_id)
            claims: dict[str, Claim] = {}
            for chunk in _slices(sorted({x for ids in members.values() for x in ids})):
                for r in c.execute(select(*CLAIM_SELECT).where(s.claims.c.id.in_(chunk))):
                    claims[r.id] = claim_of_row(r)
            return [Finding(r.id, Verdict(r.kind), r.entity_id, r.property,
                            tuple(claims[x] for x in members.get(r.id, []) if x in claims),
                            r.explanation, r.scope, r.independent_sources)
                    for r in rows]


class CorpusUpdate:
    """The corpus-wide results of one build, written by difference with what is stored
    (a rebuild that adds one source to a large corpus changes a few entities and
    findings, and rewriting all of them would cost as much as the whole corpus), and
    the claims read back a page at a time in the same transaction."""

    def __init__(self, store: Store, c) -> None:
        self._store, self._c, self._by = store, c, store._by

    def entities(self, entities: list[Entity]) -> None:
        self._store._write_entities(self._c, entities)

    def mention_links(self, mention_entity: Mapping[tuple[str, int, int], str]) -> set[str]:
        """Link each mention to its entity; returns the sources whose links changed."""
        m = s.mentions.c
        changed: set[str] = set()
        for rows in self._keyset(None, m.id, columns=(m.id, m.source_id, m.start, m.end,
                                                       m.entity_id)):
            updates = []
            for r in rows:
                eid = mention_entity.get((r.source_id, r.start, r.end))
                if eid != r.entity_id:
                    updates.append(dict(mid=r.id, eid=eid))
                    changed.add(r.source_id)
            if updates:
                self._c.execute(update(s.mentions).where(m.id == bindparam("mid"))
                                .values(entity_id=bindparam("eid")), updates)
        return changed

    def filed_rows(self, sources: Collection[str]) -> list[tuple]:
        """The claims of a few `sources` as stored (`claim_of_row` reads one), each with
        how it was filed ((None, None): not yet), in id order: the rows, not claims,
        so that the process which files them (`filing.file_part`) decodes them."""
        q = select(*FILED_COLUMNS).where(s.claims.c.source_id.in_(sorted(sources)))
        return [tuple(r) for r in self._c.execute(q.order_by(self._by(s.claims.c.id)))]

    def _keyset(self, where, *order, columns=None) -> Iterator[list]:
        """The rows of `columns` (FILED_COLUMNS by default) where `where` holds, sorted
        by the unique `order`, PAGE at a time, each page asked from where the last one
        ended (so never a cursor left open while its table is written)."""
        by = [self._by(col) for col in order]
        last = None
        while True:
            q = select(*(columns or FILED_COLUMNS)).order_by(*by).limit(PAGE)
            if where is not None:
                q = q.where(where)
            if last is not None:
                q = q.where(tuple_(*by) > tuple_(*last))
            rows = self._c.execute(q).all()
            if rows:
                yield rows
            if len(rows) < PAGE:
                return
            last = [rows[-1]._mapping[col] for col in order]

    def replace_copies(self, relinked: Collection[str],
                       pairs: Iterable[Dependence] | None = None) -> set[str]:
        """The pairs of copying sources that involve a source of `relinked` are now
        `pairs` (by default, the ones the copy search staged: moved over by the database
        itself, never held here), and those sources are marked as linked. Returns the
        sources that had a pair with one of them before."""
        c, pair = self._c, s.copies.c
        ids = sorted(relinked)
        partners = self.partners(ids)
        for chunk in _slices(ids):
            c.execute(delete(s.copies).where(pair.a.in_(chunk) | pair.b.in_(chunk)))
            c.execute(update(s.source_keys).where(s.source_keys.c.source_id.in_(chunk))
                      .values(linked=True))
        if pairs is None:
            self._store._staging().move_into(c)
        else:
            _insert_in_chunks(c, s.copies, (_copy_row(d) for d in pairs))
        return partners - set(ids)

    def partners(self, sources: Collection[str]) -> set[str]:
        """The sources that have a stored pair with one of `sources`."""
        out: set[str] = set()
        pair = s.copies.c
        for chunk in _slices(sorted(sources)):
            q = (select(pair.b).where(pair.a.in_(chunk))
                 .union(select(pair.a).where(pair.b.in_(chunk))))
            out.update(r[0] for r in self._c.execute(q))
        return out

    def duplicate_pairs(self) -> Iterator[Dependence]:
        """The stored pairs whose texts are copies as wholes (without their passages,
        which whole copies are not looked up by)."""
        pair = s.copies.c
        for r in self._c.execute(select(pair.a, pair.b, pair.similarity)
                                 .where(pair.duplicate.is_(True))):
            yield Dependence(r.a, r.b, r.similarity, (), True)

    def copy_pairs(self, sources: Collection[str]) -> CopyPairs:
        """The stored pairs that involve one of `sources` (compact: `CopyPairs`), as
        this transaction sees them."""
        pair = s.copies.c
        q = select(*(pair[k] for k in COPY_COLUMNS))

        def rows() -> Iterator[tuple]:
            seen: set[tuple[str, str]] = set()  # (a pair of two sources in two slices)
            for chunk in _slices(sorted(sources)):
                for q_chunk in (q.where(pair.a.in_(chunk)), q.where(pair.b.in_(chunk))):
                    for r in self._c.execute(q_chunk):
                        if (r.a, r.b) not in seen:
                            seen.add((r.a, r.b))
                            yield tuple(r)

        return CopyPairs.from_rows(tuple(r) for r in rows())

    def unfiled_sources(self) -> set[str]:
        """The sources with a claim not filed yet (written since the last build)."""
        return {r[0] for r in self._c.execute(select(s.claims.c.source_id).distinct()
                                              .where(s.claims.c.group_key.is_(None)))}

    def placing_claims(self) -> Iterator[Claim]:
        """The claims that may say a place lies within another (a "within" qualifier):
        found by the qualifier's name in the stored text, so only they are read."""
        q = (select(*CLAIM_SELECT)
             .where(s.claims.c.qualifiers.cast(Text).like('%"within"%')))
        for r in self._c.execute(q):
            yield claim_of_row(r)

    def file_claims(self, rows: Sequence[dict]) -> None:
        """Store claims as they now are (resolved entities), filed so: `filed_row`s."""
        if rows:
            self._c.execute(update(s.claims).where(s.claims.c.id == bindparam("cid")).values(
                entity_id=bindparam("eid"), subject=bindparam("subj"), value=bindparam("val"),
                qualifiers=bindparam("qual"), group_key=bindparam("key"),
                origin=bindparam("org")), rows)

    def claims_by_key(self, keys: Sequence[str] | None = None) -> Iterator[list[KeyClaims]]:
        """The filed claims, key by key in key order, each with its stored origin:
        batches of whole keys of about PAGE claims, so only one batch (or one key larger
        than a page) is in memory. With `keys`, only those, each of them (with no claims
        if none is filed under it)."""
        if keys is not None:
            yield from self._claims_of_keys(keys)
            return
        batch: list[KeyClaims] = []
        size = 0
        for rows in self._keyset(s.claims.c.group_key.is_not(None), s.claims.c.group_key,
                                 s.claims.c.id):
            for r in rows:
                key = r[-2]
                if not batch or batch[-1].key != key:
                    if size >= PAGE:
                        # the last key is complete: a key's claims are consecutive
                        yield batch
                        batch, size = [], 0
                    batch.append(KeyClaims(key, [], {}))
                batch[-1].take(r)
                size += 1
        if batch:
            yield batch

    def _claims_of_keys(self, keys: Sequence[str]) -> Iterator[list[KeyClaims]]:
        for chunk in _slices(sorted(set(keys))):
            of = {k: KeyClaims(k, [], {}) for k in chunk}
            for r in self._c.execute(select(*FILED_COLUMNS).where(s.claims.c.group_key.in_(chunk))
                                     .order_by(self._by(s.claims.c.id))):
                of[r[-2]].take(r)
            yield list(of.values())

    def findings(self, found: Mapping[str, Sequence[Finding]]) -> None:
        """The findings of these keys replace the ones stored under them."""
        c, keys = self._c, sorted(found)
        stored: dict[str, tuple] = {}
        for chunk in _slices(keys):
            for r in c.execute(select(*FINDING_ROW).where(s.findings.c.entity_id.in_(chunk))):
                stored[r.id] = tuple(r)
        members: dict[str, list[str]] = {}
        for chunk in _slices(sorted(stored)):
            for r in c.execute(select(s.finding_claims).where(
                    s.finding_claims.c.finding_id.in_(chunk)).order_by(s.finding_claims.c.position)):
                members.setdefault(r.finding_id, []).append(r.claim_id)
        new: dict[str, tuple] = {}
        claims_of: dict[str, list[str]] = {}
        for key in keys:
            for f in found[key]:
                if f.subject_id != key:
                    raise ValueError(f"finding {f.id} is about {f.subject_id!r}, filed under {key!r}")
                new[f.id] = (f.id, f.kind.value, f.subject_id, f.property, f.scope, f.explanation,
                             f.independent_sources, VERDICT_RANK[f.kind])
                claims_of[f.id] = [cl.id for cl in f.claims]
        gone = [k for k in stored if k not in new]
        regroup = [k for k in new if members.get(k) != claims_of[k]]
        for ids, table, col in ((gone, s.findings, s.findings.c.id),
                                (gone + regroup, s.finding_claims, s.finding_claims.c.finding_id)):
            for chunk in _slices(ids):
                c.execute(delete(table).where(col.in_(chunk)))
        cols = [col.name for col in FINDING_ROW]
        added = [dict(zip(cols, row, strict=True)) for k, row in new.items() if k not in stored]
        if added:
            c.execute(insert(s.findings), added)
        changed = [dict(zip(["fid", *cols[1:]], row, strict=True)) for k, row in new.items()
                   if k in stored and stored[k] != row]
        if changed:
            c.execute(update(s.findings).where(s.findings.c.id == bindparam("fid")).values(
                **{k: bindparam(k) for k in cols[1:]}), changed)
        rows = [dict(finding_id=k, claim_id=cid, position=p)
                for k in regroup for p, cid in enumerate(claims_of[k])]
        if rows:
            c.execute(insert(s.finding_claims), rows)

    def drop_findings_of_gone_keys(self) -> None:
        """Findings filed under a key no claim has any more (their sources went), and
        claim lists of no finding."""
        filed = select(s.claims.c.group_key).where(s.claims.c.group_key.is_not(None))
        stale = select(s.findings.c.id).where(s.findings.c.entity_id.not_in(filed))
        self._c.execute(delete(s.finding_claims).where(s.finding_claims.c.finding_id.in_(stale)))
        self._c.execute(delete(s.findings).where(s.findings.c.id.in_(stale)))
        self._c.execute(delete(s.finding_claims).where(
            s.finding_claims.c.finding_id.not_in(select(s.findings.c.id))))

    def origins(self, origins: Mapping[str, str]) -> set[str]:
        """Store each source's origin; returns the sources whose origin changed."""
        stored = dict(self._c.execute(select(s.sources.c.id, s.sources.c.origin)).all())
        oupd = [dict(sid=k, org=v) for k, v in origins.items() if k in stored and stored[k] != v]
        if oupd:
            self._c.execute(update(s.sources).where(s.sources.c.id == bindparam("sid"))
                            .values(origin=bindparam("org")), oupd)
        return {r["sid"] for r in oupd}

    def judged_by(self) -> str:
        return self._store._meta(self._c, "findings_judged")

    def kept(self, kept: Kept) -> None:
        self._store._write_kept(self._c, kept)


def _as_text(col):
    return col.cast(Text).label(col.name) if isinstance(col.type, JSON) else col


# a claim's columns, its JSON ones read as text and parsed by `claim_of_row`: SQLAlchemy's
# own JSON processing costs several times the parse, and every build reads every
# claim twice
CLAIM_SELECT = tuple(_as_text(s.claims.c[k]) for k in CLAIM_COLUMNS)
_JSON_AT = tuple(i for i, k in enumerate(CLAIM_COLUMNS) if isinstance(s.claims.c[k].type, JSON))
# a claim as stored, then how it is filed (see `Filed`)
FILED_COLUMNS = (*CLAIM_SELECT, s.claims.c.group_key, s.claims.c.origin)


def claim_of_row(row) -> Claim:
    """The claim of a row that begins with the columns of CLAIM_SELECT."""
    values = list(row[:len(CLAIM_COLUMNS)])
    for i in _JSON_AT:
        if isinstance(values[i], str):
            values[i] = _json_loads(values[i])
    return claim_from_values(*values)


FINDING_ROW = (s.findings.c.id, s.findings.c.kind, s.findings.c.entity_id, s.findings.c.property,
               s.findings.c.scope, s.findings.c.explanation, s.findings.c.independent_sources,
               s.findings.c.rank)


# how a claim is filed: the key its findings go under, and the origin of its passage
Filed = tuple[str | None, str | None]


def filed_row(c: Claim, filed: Filed) -> dict:
    """What `CorpusUpdate.file_claims` writes of a claim filed so."""
    key, origin = filed
    return dict(cid=c.id, eid=c.subject.entity_id or None, subj=value_to_json(c.subject),
                val=value_to_json(c.value), key=key, org=origin,
                qual=[[k, value_to_json(v)] for k, v in c.qualifiers])


class KeyClaims(NamedTuple):
    """The claims filed under one key, and where each one's passage comes from (its
    origin, as filed: copies count once), by claim id."""

    key: str
    claims: list[Claim]
    origins: dict[str, str]

    def take(self, row) -> None:
        """One more claim, from its row of FILED_COLUMNS."""
        claim = claim_of_row(row)
        self.claims.append(claim)
        self.origins[claim.id] = row[-1]


def _copy_row(d: Dependence) -> dict:
    """A pair of copying sources as `copies` keeps it (its passages as little-endian int64s)."""
    spans = np.asarray(d.shared_passages, dtype="<i8").reshape(-1, 4)
    return dict(a=d.a, b=d.b, similarity=d.similarity, duplicate=d.duplicate,
                passages=spans.tobytes())


def _keys_row(sid: str, keys: SourceKeys) -> dict:
    return dict(source_id=sid, version=keys.version,
                definitions=[list(d) for d in keys.definitions], sketch=keys.sketch,
                linked=False)


def _json_dumps(value) -> str:
    """JSON columns as written: by orjson (several times faster: every build writes
    every claim's values twice), except where it would write null for a float the
    standard library spells out (NaN, Infinity): there, and wherever "null" appears
    at all (a real null, or the word inside a string), the standard library, so that
    a value reads back as it was."""
    out = orjson.dumps(value)
    if b"null" in out:
        return json.dumps(value)
    return out.decode()


def _json_loads(text: str):
    """JSON columns as the database returns them. Every build reads every claim's
    values back, and orjson parses them several times faster than the standard
    library; text it refuses (NaN, which the standard library writes) goes the slow way."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


def _lock_alive(value: str) -> bool:
    try:
        host, pid, _t = value.rsplit(":", 2)
        pid_i = int(pid)
    except ValueError:
        return False
    if host != socket.gethostname():
        return True  # cannot check another machine's process: assume it runs
    try:
        os.kill(pid_i, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _safe(url: str) -> str:
    """A URL fit for an error message: without its password."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return url

