"""Interrupted builds lose nothing (issue #6).

What is promised: `accord build` killed at any moment (kill -9), however often, leaves a
database that passes `PRAGMA integrity_check`, holds no duplicate and no orphan rows, and
can be read; running the same build again resumes and ends with exactly the findings and
entities of an uninterrupted build, with the same number of rows in every table. That holds
while the pile changes between the interrupted runs (files edited, deleted, put back), and
with a process pool. Ctrl-C stops a build promptly, releases its lock, says so, and leaves
the same guarantees — at whatever progress checkpoint it comes, and no finding is left
pointing to a claim that is gone. A killed build leaves no worker process behind, and the
result of a build depends on the pile alone, not on the process that made it.

Real processes on real SQLite files, on a corpus of 20 sources made from the examples (the
checkpoint test runs the library in process, Ctrl-C being a KeyboardInterrupt there).
ACCORD_CRASH_RUNS (default 8) sets how many builds are killed at random moments;
ACCORD_CRASH_SEED replays one sequence (each run prints its seed and what every kill hit).
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import sqlite3
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.reliability.corpus import (
    EXTRA,
    HEALTHY,
    STORED_WELL,
    Reference,
    accord,
    build_lock,
    built,
    count,
    counts,
    env,
    err,
    group,
    health,
    result,
    shared_corpus,
    start_build,
    stop,
    storage,
    wait_for,
    write_good,
)

RUNS = int(os.environ.get("ACCORD_CRASH_RUNS", "8"))


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory: pytest.TempPathFactory) -> Reference:
    return shared_corpus(tmp_path_factory)


@pytest.fixture(scope="module")
def corpus(uninterrupted: Reference) -> Path:
    return uninterrupted.corpus


def _end_group(pgid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pgid, signal.SIGKILL)


class Pile:
    """The user keeps working on the pile between interrupted builds."""

    def __init__(self, root: Path, rng: random.Random) -> None:
        self.rng = rng
        self.original = {p: p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}

    def change(self, run: int) -> str:
        done = []
        for p in self.rng.sample(sorted(self.original), 4):
            what = self.rng.choice(["edit", "delete", "restore"])
            if what == "edit":
                p.write_bytes(self.original[p] + f"\n\nNote {run}: Runa Kestrel was born "
                              f"in {1800 + run}.\n".encode())
            elif what == "delete":
                p.unlink(missing_ok=True)
            else:
                p.write_bytes(self.original[p])
            done.append(f"{what} {p.name}")
        return ", ".join(done)

    def restore(self) -> None:
        for p, data in self.original.items():
            if not p.exists() or p.read_bytes() != data:
                p.write_bytes(data)


def test_a_build_killed_at_random_moments_resumes_to_the_uninterrupted_result(
        corpus: Path, uninterrupted: Reference, tmp_path: Path) -> None:
    seed = int(os.environ.get("ACCORD_CRASH_SEED", random.randrange(2**32)))
    rng = random.Random(seed)
    pile = Pile(corpus, rng)
    db = tmp_path / "crash.db"
    log: list[str] = [f"ACCORD_CRASH_SEED={seed} runs={RUNS} "
                      f"(uninterrupted: {uninterrupted.seconds:.1f}s, "
                      f"working after {uninterrupted.working_from:.1f}s)"]
    # A kill lands in [0, the time of a whole build): any run, resumed or not, does no more.
    window = uninterrupted.seconds
    kills = 0
    try:
        for run in range(RUNS):
            changed = pile.change(run) if run and rng.random() < 0.7 else "pile as it is"
            jobs = "2" if run == 1 else "1"  # once with a process pool
            proc = start_build([str(corpus)], db, "--jobs", jobs, start_new_session=True)
            started = time.monotonic()
            delay = rng.uniform(0, window)
            try:
                proc.wait(timeout=delay)
                killed = False
                took = time.monotonic() - started
            except subprocess.TimeoutExpired:
                proc.send_signal(signal.SIGKILL)  # kill -9, of the build process alone
                proc.wait(timeout=60)
                killed = True
                kills += 1
            _end_group(proc.pid)  # workers of a pool (see test_no_worker_outlives_a_killed_build)
            state = health(db) if built(db) else HEALTHY
            log.append(f"run {run} -j{jobs} [{changed}] "
                       + (f"killed at {delay:.2f}s" if killed else
                          f"finished in {took:.2f}s (rc {proc.returncode})")
                       + f": {count(db, 'sources')} sources, {count(db, 'claims')} claims, "
                       f"{count(db, 'findings')} findings, {state['dangling']} dangling")
            # (findings that lost claims to the killed run: test_no_finding_points_to_a_gone_claim)
            assert storage(state) == STORED_WELL, "\n".join(log)
            if not killed:
                assert proc.returncode == 0, "\n".join([*log, err(proc)])
            if built(db):
                result(db)  # what a reader sees after the crash: readable, whatever it holds
    finally:
        pile.restore()
    done = accord("build", str(corpus), "--db", str(db), "-q")
    log.append(f"final run: rc {done.returncode}; {kills} of {RUNS} runs killed")
    print("\n".join(log))
    assert done.returncode == 0, "\n".join([*log, done.stderr])
    assert health(db) == HEALTHY
    assert counts(db) == uninterrupted.counts, "\n".join(log)
    assert result(db) == uninterrupted.result, "\n".join(log)
    assert build_lock(db) == []


# --------------------------------------------------------------------------- Ctrl-C


class Interrupted:
    def __init__(self, corpus: Path, db: Path) -> None:
        proc = start_build([str(corpus)], db, start_new_session=True)
        wait_for(lambda: count(db, "sources") > 0 or proc.poll() is not None)
        self.in_time = proc.poll() is None
        os.killpg(proc.pid, signal.SIGINT)  # what a terminal sends on Ctrl-C
        try:
            proc.wait(timeout=60)
            self.prompt = True
        except subprocess.TimeoutExpired:
            self.prompt = False
            stop(proc)
        _end_group(proc.pid)
        self.stderr = err(proc)
        self.returncode = proc.returncode
        self.sources = count(db, "sources")
        self.health = health(db)
        self.lock = build_lock(db)
        self.rerun = accord("build", str(corpus), "--db", str(db), "-q")
        self.result = result(db)
        self.counts = counts(db)


@pytest.fixture(scope="module")
def interrupted(corpus: Path, uninterrupted: Reference,
                tmp_path_factory: pytest.TempPathFactory) -> Interrupted:
    # Ctrl-C lands a moment after the first source is seen stored. On a loaded machine
    # that moment can come as the build ends (it then exits 0, having done everything):
    # that is the test's timing, not the build ignoring Ctrl-C, so it tries again. A
    # build that ignored Ctrl-C would exit 0 every time and still fail the tests below.
    for _attempt in range(3):
        done = Interrupted(corpus, tmp_path_factory.mktemp("ctrl_c") / "t.db")
        if done.in_time and not (done.returncode == 0 and
                                 done.sources == uninterrupted.counts["sources"]):
            break
    if not done.in_time:
        pytest.skip("the build finished before it could be interrupted")
    return done


def test_ctrl_c_stops_the_build_and_the_rerun_completes_it(interrupted: Interrupted,
                                                           uninterrupted: Reference) -> None:
    assert interrupted.prompt, "the build did not stop within a minute of Ctrl-C"
    assert interrupted.returncode == 128 + signal.SIGINT  # the shell's convention, not 0-3
    assert interrupted.health == HEALTHY
    assert interrupted.lock == []  # an interrupted build lets the next one in at once
    assert 0 < interrupted.sources < uninterrupted.counts["sources"]
    assert interrupted.rerun.returncode == 0, interrupted.rerun.stderr
    assert interrupted.counts == uninterrupted.counts
    assert interrupted.result == uninterrupted.result


def test_ctrl_c_says_that_the_build_was_interrupted(interrupted: Interrupted) -> None:
    assert "interrupt" in interrupted.stderr.lower(), interrupted.stderr


# --------------------------------------------------------------------------- every checkpoint


def _build(pile: Path, db: Path, progress=None) -> None:
    from accord.pipeline import build
    from accord.store.db import Store

    store = Store(str(db))
    try:
        build([str(pile)], store, **({"progress": progress} if progress else {}))
    finally:
        store.close()


def _copy(src: Path, dst: Path) -> None:
    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)
    a.close()
    b.close()


@dataclass
class Checkpoint:
    index: int
    at: tuple  # the progress report at which Ctrl-C came: (stage, done, total)
    interrupted: bool
    health: dict
    lock: list
    converged: bool


@pytest.fixture(scope="module")
def checkpoints(tmp_path_factory: pytest.TempPathFactory) -> list[Checkpoint]:
    """A rebuild after the pile changed (a file edited, one deleted, one added), interrupted
    by Ctrl-C (KeyboardInterrupt, in process) at each progress report in turn, then run
    again to the end."""
    root = tmp_path_factory.mktemp("checkpoints")
    pile = write_good(root / "pile", extra=False)
    base = root / "base.db"
    _build(pile, base)
    edited, deleted = sorted(pile.rglob("*.txt"))[:2]
    edited.write_text(edited.read_text() + "\n\nCaptain Wennerholm died in 1913.\n")
    deleted.unlink()
    (pile / "added.txt").write_text(EXTRA["extra/fair_fr.txt"])
    _build(pile, root / "fresh.db")
    want = result(root / "fresh.db")
    reports: list[tuple] = []
    probe = root / "probe.db"
    _copy(base, probe)
    _build(pile, probe, lambda *a: reports.append(a))
    out = []
    for k, at in enumerate(reports):
        db = root / f"at{k}.db"
        _copy(base, db)
        seen = []

        def ctrl_c(*report: object, k: int = k, seen: list = seen) -> None:
            if len(seen) == k:
                raise KeyboardInterrupt
            seen.append(report)

        try:
            _build(pile, db, ctrl_c)
            interrupted = False
        except KeyboardInterrupt:
            interrupted = True
        state, lock = health(db), build_lock(db)
        result(db)  # readable as it is
        _build(pile, db)
        out.append(Checkpoint(k, at, interrupted, state, lock,
                              result(db) == want and health(db) == HEALTHY))
    return out


def test_ctrl_c_at_every_checkpoint_leaves_a_sound_database_and_resumes(
        checkpoints: list[Checkpoint]) -> None:
    assert len(checkpoints) >= 5
    for c in checkpoints:
        assert c.interrupted, c
        assert storage(c.health) == STORED_WELL, c
        assert c.lock == [], c
        assert c.converged, c


def test_no_finding_points_to_a_gone_claim(checkpoints: list[Checkpoint]) -> None:
    assert [(c.at, c.health["dangling"]) for c in checkpoints if c.health["dangling"]] == []


# --------------------------------------------------------------------------- leftovers


def _stored(db: Path) -> int:
    import sqlite3

    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as c:
            return c.execute("SELECT count(*) FROM sources").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_no_worker_outlives_a_killed_build(corpus: Path, tmp_path: Path) -> None:
    proc = start_build([str(corpus)], tmp_path / "t.db", "--jobs", "2", start_new_session=True)
    try:
        # mid-build: the workers are up and have delivered work (a worker killed while
        # Python is still starting it cannot yet have asked to die with its parent)
        wait_for(lambda: _stored(tmp_path / "t.db") >= 1 or proc.poll() is not None, timeout=120)
        assert proc.poll() is None, "the build ended before its workers were seen"
        proc.send_signal(signal.SIGKILL)  # kill -9 of the build, as from another terminal
        proc.wait(timeout=60)
        left = [] if wait_for(lambda: not group(proc.pid), timeout=5) else group(proc.pid)
    finally:
        _end_group(proc.pid)
    assert left == [], f"processes of the killed build still running: {left}"


def test_builds_in_different_processes_give_the_same_result(corpus: Path,
                                                            uninterrupted: Reference,
                                                            tmp_path: Path) -> None:
    """A resumed build is compared with an uninterrupted one made by another process: both
    must be a function of the pile alone (the tests above pin PYTHONHASHSEED for this)."""
    other = {**env(), "PYTHONHASHSEED": "1"}
    done = accord("build", str(corpus), "--db", str(tmp_path / "t.db"), "-q", env=other)
    assert done.returncode == 0, done.stderr
    assert result(tmp_path / "t.db") == uninterrupted.result
