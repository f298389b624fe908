"""Schema migrations (Alembic), shipped inside the package so an installed accord can
bring any database it finds up to date on its own.

`upgrade(engine)` is called by `Store` on open. A database made by an accord from
before migrations existed (tables but no `alembic_version`) is stamped at the
baseline revision first, since that revision is exactly the schema it has.

Every command opens a store, and nearly always its database is already at the
newest revision: that is one query against `HEAD`, so Alembic (with Mako and
Pygments, a quarter of a second to import) is imported only when there is
something to migrate. An empty database is given the declared schema at once and
stamped at `HEAD`, as Alembic's own cookbook does ("building an up to date database
from scratch"): running every migration in turn took 0.3 s of each new build, this
0.06 s. The two end alike, which tests/test_migrations.py holds them to (tables,
columns, keys, indexes and rows, on SQLite and PostgreSQL), and the step-by-step
path stays in use for every database made before the newest revision.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Column, MetaData, PrimaryKeyConstraint, String, Table, inspect, text
from sqlalchemy.engine import Connection, Engine

from accord.store import schema

if TYPE_CHECKING:
    from alembic.config import Config

HERE = Path(__file__).resolve().parent
BASELINE = "0001"
HEAD = f"{schema.SCHEMA_VERSION:04d}"  # the newest revision in versions/ (a test holds them together)


class NewerSchema(RuntimeError):
    """The database was migrated by a newer accord than this one."""


def config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head() -> str:
    """The newest revision, as Alembic finds it among the scripts."""
    from alembic.script import ScriptDirectory

    rev = ScriptDirectory.from_config(config()).get_current_head()
    assert rev is not None
    return rev


def current(connection: Connection) -> str | None:
    """The revision recorded in the database (None if none), read without Alembic."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine, to: str = "head") -> str:
    """Bring the database to `to` (the newest by default); returns the revision it is at."""
    if to in ("head", HEAD):
        with engine.begin() as conn:
            rev = current(conn)
            if rev == HEAD:
                return HEAD
            if rev is None and not inspect(conn).get_table_names():
                _create(conn)
                return HEAD
    from alembic import command
    from alembic.script import ScriptDirectory

    target = head() if to == "head" else to
    with engine.begin() as conn:
        rev = current(conn)
        if rev is None and inspect(conn).has_table("sources"):
            command.stamp(config(conn), BASELINE)  # built before migrations: baseline schema
            rev = BASELINE
        known = {s.revision for s in ScriptDirectory.from_config(config()).walk_revisions()}
        if rev is not None and rev not in known:
            raise NewerSchema(f"database schema revision {rev} is newer than this accord "
                              f"(knows up to {head()}): upgrade accord")
        if rev != target:
            command.upgrade(config(conn), target)
    return target



def _create(conn: Connection) -> None:
    """Give an empty database the newest schema in one step: the declared tables, the
    rows the migrations write, and Alembic's record of the revision, as
    `alembic stamp head` would write it."""
    schema.metadata.create_all(conn)
    conn.execute(schema.meta.insert().values(key="schema_version", value=str(schema.SCHEMA_VERSION)))
    _VERSIONS.create(conn)
    conn.execute(_VERSIONS.insert().values(version_num=HEAD))


# the table in which Alembic records the revision, as Alembic makes it
_VERSIONS = Table("alembic_version", MetaData(), Column("version_num", String(32), nullable=False),
                  PrimaryKeyConstraint("version_num", name="alembic_version_pkc"))
