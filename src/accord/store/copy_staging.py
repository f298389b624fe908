"""Where a copy search keeps the pairs it finds until the build moves them into `copies`.

The search runs in a worker while the build's own process resolves names and then,
in its one corpus-wide transaction, writes the entities and the mentions' links: the
pairs are needed only after that (`pipeline.corpus_stage`). So the search must be
able to write while that transaction is open and writing.

PostgreSQL takes such writers side by side: the pairs are staged in the database
itself (`copy_staging`) and moved over by one statement. An SQLite file has one
writer at a time: a search writing into it would wait for the build's transaction,
which waits for the search. Beside an SQLite file the pairs are therefore staged in a
file of their own (the database's name + STAGING_SUFFIX, with the same table), read
back by the build a chunk at a time and removed once moved. A database in memory has
no worker that could search beside it: its pairs stay in it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from itertools import islice
from pathlib import Path

from sqlalchemy import create_engine, delete, insert, select
from sqlalchemy.engine import Connection, Engine

from accord.store import schema as s

STAGING_SUFFIX = "-copies"  # beside an SQLite database, as its -wal and -shm files are
ROWS_AT_ONCE = 2000  # pairs written, or moved, at a time
COPY_COLUMNS = ("a", "b", "similarity", "duplicate", "passages")  # of a pair, as stored


class CopyStaging:
    """The staged pairs of the database that `engine` opens (at `url`)."""

    def __init__(self, url: str, engine: Engine) -> None:
        self._file = beside(url)
        self._engine: Engine | None = None if self._file else engine

    def clear(self) -> None:
        """Forget what a search staged (one interrupted before its build moved it)."""
        if self._file is not None:
            self._drop_file()  # (made again, empty, by the next `add`)
            return
        with self._holder().begin() as c:
            c.execute(delete(s.copy_staging))

    def add(self, rows: Iterable[dict]) -> int:
        """Stage `rows` (as `copies` keeps them) a chunk per transaction, as they are
        made; returns how many there were."""
        rows, n, engine = iter(rows), 0, self._holder()
        while chunk := list(islice(rows, ROWS_AT_ONCE)):
            with engine.begin() as c:
                c.execute(insert(s.copy_staging), chunk)
            n += len(chunk)
        return n

    def move_into(self, c: Connection) -> None:
        """Insert every staged pair into `copies` in the build's transaction `c`, and
        empty the staging (in that transaction where it is the database itself)."""
        staged = s.copy_staging.c
        pick = select(*(staged[k] for k in COPY_COLUMNS))
        if self._file is None:
            c.execute(insert(s.copies).from_select(COPY_COLUMNS, pick))
            c.execute(delete(s.copy_staging))
            return
        if not self._file.exists():
            return  # no search ran since the last move
        with self._holder().connect().execution_options(yield_per=ROWS_AT_ONCE) as side:
            for part in side.execute(pick).partitions():
                c.execute(insert(s.copies), [r._asdict() for r in part])
        # (a build that then fails searches again: its sources are not marked linked)
        self._drop_file()

    def close(self) -> None:
        if self._engine is not None and self._file is not None:
            self._engine.dispose()
            self._engine = None

    def _holder(self) -> Engine:
        """The engine of the database that holds the staged pairs."""
        if self._engine is None:
            self._engine = create_engine(f"sqlite:///{self._file}", future=True)
            s.copy_staging.create(self._engine, checkfirst=True)
        return self._engine

    def _drop_file(self) -> None:
        self.close()
        for path in (self._file, *(Path(f"{self._file}{x}") for x in ("-journal", "-wal"))):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()


def beside(url: str) -> Path | None:
    """The staging file beside the SQLite database at `url`; None where the pairs are
    staged in the database itself."""
    if not url.startswith("sqlite:///"):
        return None
    path = url.removeprefix("sqlite:///").split("?", 1)[0]
    if path in ("", ":memory:"):
        return None
    return Path(path + STAGING_SUFFIX)
