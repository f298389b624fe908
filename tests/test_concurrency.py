"""Reading while a build writes, and one build at a time (issue #6).

What is promised: while `accord build` writes a database (SQLite in WAL mode, one short
transaction per unit of work), `accord findings` and `accord entities` on the same file
succeed every time, with valid JSON in which every claim's source is known, and so does a
reader in another process using the library (as the workbench does). A second `accord build`
on the same database is refused with exit code 2 and a message saying that another build is
writing it; the first build ends with exactly the result it would have had alone, and the
next build gets in. Taking the build lock is atomic: of several builds that start at the same
moment, exactly one gets it.

Real processes on real SQLite files; the corpus is 20 sources made from the examples.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import signal
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.reliability.corpus import (
    HEALTHY,
    accord,
    build_lock,
    count,
    err,
    flat,
    health,
    result,
    shared_corpus,
    start_build,
    stop,
    wait_for,
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return shared_corpus(tmp_path_factory).corpus


@pytest.fixture(scope="module")
def alone(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The result of a build with nobody else on its database."""
    return shared_corpus(tmp_path_factory).result


def _known_sources(findings: dict) -> bool:
    return all(c["source"]["name"] != c["source"]["id"]
               for f in findings["findings"] for c in f["claims"])


def test_the_cli_and_the_library_read_while_a_build_writes(corpus: Path, alone: str,
                                                           tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    proc = start_build([str(corpus)], db)
    cli_reads: list[str] = []
    library: dict[str, list] = {"reads": [], "errors": []}

    def read_with_the_library() -> None:  # as the workbench does, in a loop
        while proc.poll() is None:
            try:
                stored = count(db, "sources")
                data = json.loads(result(db))
                assert _known_sources(data["findings"])
                library["reads"].append(stored)
            except Exception as e:  # noqa: BLE001 - every failure is reported below
                library["errors"].append(repr(e))

    reader = threading.Thread(target=read_with_the_library)
    try:
        assert wait_for(lambda: count(db, "sources") > 0 or proc.poll() is not None)
        reader.start()
        for _ in range(2):  # twice, the build is held wherever it is (in a transaction
            if proc.poll() is not None:  # or not) while the CLI reads, then goes on writing
                break
            proc.send_signal(signal.SIGSTOP)
            try:
                for command in ("findings", "entities"):
                    stored = count(db, "sources")
                    done = accord(command, "--db", str(db))
                    assert done.returncode == 0, done.stderr
                    data = json.loads(done.stdout)
                    assert command in data
                    if command == "findings":
                        assert _known_sources(data)
                    cli_reads.append(f"{command} with {stored} sources stored")
            finally:
                proc.send_signal(signal.SIGCONT)
            time.sleep(0.5)
        proc.wait(timeout=300)
    finally:
        stop(proc)
        if reader.ident:
            reader.join(timeout=60)
    print(f"CLI reads during the build: {cli_reads}; library reads during the build "
          f"(sources stored: reads): {dict(Counter(library['reads']))}")
    assert proc.returncode == 0, err(proc)
    assert cli_reads, "the build ended before it could be read"
    assert library["errors"] == [] and len(library["reads"]) >= 5, library
    assert health(db) == HEALTHY
    assert result(db) == alone


def test_a_second_build_on_the_same_database_is_refused(corpus: Path, alone: str,
                                                        tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    first = start_build([str(corpus)], db)
    try:
        assert wait_for(lambda: build_lock(db) or first.poll() is not None)
        assert first.poll() is None, err(first)
        first.send_signal(signal.SIGSTOP)  # the first build holds the database, wherever it is
        try:
            second = accord("build", str(corpus), "--db", str(db))
            read = accord("findings", "--db", str(db))
        finally:
            first.send_signal(signal.SIGCONT)
        first.wait(timeout=300)
    finally:
        stop(first)
    assert read.returncode == 0, read.stderr  # reading is never refused
    assert second.returncode == 2, second.stderr
    assert "another build is writing this database" in flat(second.stderr)
    assert "Traceback" not in second.stderr
    assert first.returncode == 0, err(first)
    assert health(db) == HEALTHY and build_lock(db) == []
    assert result(db) == alone
    after = accord("build", str(corpus), "--db", str(db), "-q")
    assert after.returncode == 0, after.stderr  # the lock went with the first build
    assert result(db) == alone


# --------------------------------------------------------------------------- the lock itself


def _contend(db: str, start: Any, hold: Any, out: Any) -> None:
    from accord.store.db import BuildLocked, Store

    store = Store(db)
    start.wait()
    try:
        store.acquire_build_lock()
        out.put("got the lock")
    except BuildLocked:
        out.put("refused")
    except Exception as e:  # noqa: BLE001 - any other outcome is reported as it is
        out.put(f"{type(e).__name__}: {e}")
    hold.wait()  # nobody lets go before everybody has tried


def test_builds_starting_at_the_same_moment_get_the_lock_one_at_a_time(tmp_path: Path) -> None:
    """Real processes against one real SQLite file, released together by a barrier."""
    from accord.store.db import Store

    ctx = mp.get_context("fork")
    contenders, rounds = 4, 10
    outcomes: list[tuple[str, ...]] = []
    for r in range(rounds):
        db = str(tmp_path / f"lock{r}.db")
        Store(db).close()
        start, hold, out = ctx.Barrier(contenders), ctx.Barrier(contenders), ctx.Queue()
        procs = [ctx.Process(target=_contend, args=(db, start, hold, out))
                 for _ in range(contenders)]
        for p in procs:
            p.start()
        got = tuple(sorted(out.get(timeout=60) for _ in procs))
        for p in procs:
            p.join(timeout=60)
        outcomes.append(got)
    tally = Counter(outcomes)
    assert tally == {("got the lock",) + ("refused",) * (contenders - 1): rounds}, tally
