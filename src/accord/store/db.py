"""Reading and writing a build database.

Every write is one short transaction: a batch of sources with everything derived
from them, or the whole corpus-wide result (entities, findings). An interrupted
build therefore leaves either the old or the new state of each source, never half
of one, and a rerun picks up where it stopped. SQLite runs in WAL mode so that the
report and the web view can read while a build writes; PostgreSQL (psycopg 3) holds
the same schema, kept by the migrations in `migrations/`, and queries that sort
text sort by code point on both, so both give the same JSON.
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import (
    bindparam,
    create_engine,
    delete,
    event,
    func,
    insert,
    inspect,
    select,
    update,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DatabaseError, IntegrityError

from accord.model import Alias, Claim, Entity, Finding, Removal, Source, Verdict, Zone
from accord.store import schema as s
from accord.store.codec import claim_from_row, claim_to_row, value_to_json


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


class Store:
    """One build database. Opening it brings its schema up to date (Alembic, see
    `migrations/`): additive migrations are safe for readers too, so every open
    migrates, and `create=False` only refuses to make a database that is not there."""

    def __init__(self, db: str, *, create: bool = True) -> None:
        from accord.store import migrations

        self.url = to_url(db)
        if self.url.startswith("sqlite:///") and not create:
            path = Path(self.url.removeprefix("sqlite:///"))
            if not path.exists():
                raise StoreError(f"no database at {path} (run `accord build ... --db {path}` first)")
        self.engine: Engine = create_engine(self.url, future=True)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        try:
            if not create:
                with self.engine.connect() as c:
                    if not inspect(c).has_table("sources"):
                        raise StoreError(f"no accord database at {_safe(self.url)} "
                                         "(run `accord build` first)")
            self.revision = migrations.upgrade(self.engine)
        except migrations.NewerSchema as e:
            self.engine.dispose()
            raise StoreError(str(e)) from None
        except DatabaseError as e:  # not a database, unreachable server, locked file
            self.engine.dispose()
            raise StoreError(f"cannot open {_safe(self.url)}: {e.orig}") from None
        self.dialect = self.engine.dialect.name

    def _by(self, col):
        """Order by a text column the same way on every database: PostgreSQL would
        otherwise sort by its locale's collation and SQLite by code point."""
        return col.collate("C") if self.dialect == "postgresql" else col

    def close(self) -> None:
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
        with self.engine.begin() as c:
            for source, pipeline, mentions, times, claims, stat in items:
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
            for table, rows in ((s.mentions, mrows), (s.times, trows), (s.claims, crows)):
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
        for k in range(0, len(hit_ids), 500):
            chunk = hit_ids[k : k + 500]
            c.execute(delete(s.finding_claims).where(s.finding_claims.c.finding_id.in_(chunk)))
            c.execute(delete(s.findings).where(s.findings.c.id.in_(chunk)))
        for table in (s.claims, s.times, s.mentions):
            c.execute(delete(table).where(table.c.source_id.in_(ids)))
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

    def source_texts(self) -> Iterator[tuple[str, str]]:
        """Streamed (a server-side cursor on PostgreSQL): the texts of a large corpus
        never need to be in memory together."""
        with self.engine.connect().execution_options(yield_per=STREAM) as c:
            yield from c.execute(select(s.sources.c.id, s.sources.c.text)
                                 .order_by(self._by(s.sources.c.id)))

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
        with self.engine.connect().execution_options(yield_per=STREAM) as c:
            return [claim_from_row(r) for r in
                    c.execute(select(s.claims).order_by(self._by(s.claims.c.id)))]

    def corrections(self) -> list[tuple[str, str, str]]:
        with self.engine.connect() as c:
            return [(r.action, r.a, r.b) for r in
                    c.execute(select(s.corrections).order_by(s.corrections.c.id))]

    def add_correction(self, action: str, a: str, b: str) -> None:
        with self.engine.begin() as c:
            c.execute(insert(s.corrections).values(action=action, a=a, b=b, at=time.time()))

    def write_corpus(self, entities: list[Entity], mention_entity: dict[tuple[str, int, int], str],
                     claims: list[Claim], findings: list[Finding], origins: dict[str, str]) -> None:
        """Replace every corpus-wide result in one transaction."""
        with self.engine.begin() as c:
            for table in (s.entities, s.aliases, s.findings, s.finding_claims):
                c.execute(delete(table))
            if entities:
                c.execute(insert(s.entities), [dict(id=e.id, name=e.name, type=e.type)
                                               for e in entities])
                rows = [dict(entity_id=e.id, text=a.text, rule=a.rule, sources=list(a.sources))
                        for e in entities for a in e.aliases]
                if rows:
                    c.execute(insert(s.aliases), rows)
            c.execute(update(s.mentions).values(entity_id=None))
            rows = c.execute(select(s.mentions.c.id, s.mentions.c.source_id, s.mentions.c.start,
                                    s.mentions.c.end)).all()
            updates = [dict(mid=r.id, eid=mention_entity[(r.source_id, r.start, r.end)])
                       for r in rows if (r.source_id, r.start, r.end) in mention_entity]
            if updates:
                c.execute(update(s.mentions).where(s.mentions.c.id == bindparam("mid"))
                          .values(entity_id=bindparam("eid")), updates)
            cupd = [dict(cid=cl.id, eid=_subject_entity(cl), val=value_to_json(cl.value),
                         qual=[[k, value_to_json(v)] for k, v in cl.qualifiers])
                    for cl in claims]
            if cupd:
                c.execute(update(s.claims).where(s.claims.c.id == bindparam("cid"))
                          .values(entity_id=bindparam("eid"), value=bindparam("val"),
                                  qualifiers=bindparam("qual")), cupd)
            if findings:
                c.execute(insert(s.findings), [
                    dict(id=f.id, kind=f.kind.value, entity_id=f.subject_id, property=f.property,
                         scope=f.scope, explanation=f.explanation,
                         independent_sources=f.independent_sources, rank=i)
                    for i, f in enumerate(findings)])
                c.execute(insert(s.finding_claims), [
                    dict(finding_id=f.id, claim_id=cl.id, position=k)
                    for f in findings for k, cl in enumerate(f.claims)])
            if origins:
                c.execute(update(s.sources).where(s.sources.c.id == bindparam("sid"))
                          .values(origin=bindparam("org")),
                          [dict(sid=k, org=v) for k, v in origins.items()])

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
        claims = {cl.id: cl for cl in self.all_claims()}
        with self.engine.connect() as c:
            members: dict[str, list[str]] = {}
            for r in c.execute(select(s.finding_claims).order_by(
                    self._by(s.finding_claims.c.finding_id), s.finding_claims.c.position)):
                members.setdefault(r.finding_id, []).append(r.claim_id)
            q = select(s.findings).order_by(s.findings.c.rank)
            if kinds:
                q = q.where(s.findings.c.kind.in_(list(kinds)))
            return [Finding(r.id, Verdict(r.kind), r.entity_id, r.property,
                            tuple(claims[x] for x in members.get(r.id, []) if x in claims),
                            r.explanation, r.scope, r.independent_sources)
                    for r in c.execute(q)]


def _subject_entity(cl: Claim) -> str | None:
    return cl.subject.entity_id or None


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

