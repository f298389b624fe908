"""Schema migrations (Alembic), shipped inside the package so an installed accord can
bring any database it finds up to date on its own.

`upgrade(engine)` is called by `Store` on open. A database made by an accord from
before migrations existed (tables but no `alembic_version`) is stamped at the
baseline revision first, since that revision is exactly the schema it has.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.engine import Connection, Engine

HERE = Path(__file__).resolve().parent
BASELINE = "0001"


class NewerSchema(RuntimeError):
    """The database was migrated by a newer accord than this one."""


def config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head() -> str:
    rev = ScriptDirectory.from_config(config()).get_current_head()
    assert rev is not None
    return rev


def current(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, to: str = "head") -> str:
    """Bring the database to `to` (the newest by default); returns the revision it is at."""
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
