"""Engines: the local pool and a real local Ray compute the same database, and both
stream (a bounded number of batches in flight, not the whole pile at once)."""

import os
import sys
import weakref
from pathlib import Path

import pytest

from accord.contracts import entities_json, findings_json
from accord.engine import LocalEngine, batches, make_engine
from accord.engine.ray_engine import RayEngine
from accord.ingest import InputRef, discover
from accord.pipeline import build
from accord.store.db import Store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _json(db: str) -> tuple[dict, dict]:
    store = Store(db, create=False)
    return findings_json(store), entities_json(store)


@pytest.fixture(scope="module")
def ray_cluster():
    os.environ["RAY_USAGE_STATS_ENABLED"] = "0"
    ray = pytest.importorskip("ray")
    from accord.engine.ray_engine import init_local

    init_local(num_cpus=2)
    yield ray
    ray.shutdown()


def test_ray_and_local_engines_give_identical_findings(examples_db, ray_cluster, tmp_path):
    db = str(tmp_path / "ray.db")
    report = build([str(EXAMPLES)], Store(db), engine=RayEngine(batch=2))
    assert report.exit_code == 0 and report.read == len(list(discover([str(EXAMPLES)])))
    assert _json(db) == _json(examples_db)


def test_the_ray_engine_keeps_a_bounded_number_of_batches_in_flight(ray_cluster):
    refs = [r for r in discover([str(EXAMPLES)]) if isinstance(r, InputRef)] * 4
    pulled = []

    def feed():
        for r in refs:
            pulled.append(r)
            yield r

    results = RayEngine(batch=1, in_flight=2).map(feed(), 50_000_000)
    first = next(results)
    # two batches in flight, the one waiting for a free slot, and one input read ahead
    assert len(first) == 1 and len(pulled) <= 4 < len(refs)
    results.close()


def test_a_pool_of_two_local_workers_gives_the_same_findings_as_one(examples_db, tmp_path):
    db = str(tmp_path / "pool.db")
    report = build([str(EXAMPLES)], Store(db), engine=LocalEngine(jobs=2, batch=2))
    assert report.exit_code == 0
    assert _json(db) == _json(examples_db)


@pytest.mark.parametrize("engine", ["local", "ray"])
def test_copies_a_worker_finds_while_the_build_writes_are_those_found_in_one_process(
        engine, tmp_path, request, monkeypatch):
    """With workers the copy search runs on one of them, beside the build's own process
    as it resolves names and writes them, and stages its pairs outside the database
    file that process is writing (`store.copy_staging`). Then the workers file the
    claims a few sources at a time (here one: each source's claims are a part)."""
    import accord.pipeline
    from accord.store.copy_staging import STAGING_SUFFIX
    from tests.test_independence_build import BLOG, ENTRY, LETTER

    if engine == "ray":
        request.getfixturevalue("ray_cluster")
    monkeypatch.setattr(accord.pipeline, "SOURCES_PER_PART", 1)
    pile = tmp_path / "pile"
    pile.mkdir()
    for name, text in (("entry.txt", ENTRY), ("blog.txt", BLOG), ("letter.txt", LETTER)):
        (pile / name).write_text(text, encoding="utf-8")
    alone, beside = str(tmp_path / "alone.db"), str(tmp_path / "beside.db")
    build([str(pile)], Store(alone))
    workers = LocalEngine(jobs=2, batch=1) if engine == "local" else RayEngine(batch=1)
    assert build([str(pile)], Store(beside), engine=workers).exit_code == 0
    assert Store(beside).copies() == Store(alone).copies() != []
    assert _json(beside) == _json(alone)
    assert not Path(beside + STAGING_SUFFIX).exists()


def test_batches_are_bounded_by_count_and_by_bytes():
    refs = [InputRef(f"/x/{i}.txt", f"{i}.txt", size) for i, size in
            enumerate([10, 10, 10, 10, 10, 900, 10])]
    assert [len(b) for b in batches(refs, size=3, max_bytes=1000)] == [3, 3, 1]
    assert [len(b) for b in batches(refs, size=10, max_bytes=100)] == [5, 1, 1]
    assert [len(b) for b in batches(refs[5:6], size=10, max_bytes=100)] == [1]  # never empty


def test_batches_shrink_towards_the_end_so_that_workers_finish_together():
    refs = [InputRef(f"/x/{i}.txt", f"{i}.txt", 10) for i in range(40)]
    sizes = [len(b) for b in batches(refs, size=8, workers=2)]
    assert sum(sizes) == 40
    assert sizes[0] == 5 and sizes[-3:] == [1, 1, 1]  # none over an eighth of what is left
    assert sizes == sorted(sizes, reverse=True)
    # a stream of unknown length, or one worker: full batches to the end
    assert [len(b) for b in batches(iter(refs), size=8, workers=2)] == [8] * 5
    assert [len(b) for b in batches(refs, size=8)] == [8] * 5


def _pid_of(x: int) -> tuple[int, int]:
    return x, os.getpid()


def test_spread_runs_a_pure_function_on_the_running_workers_and_keeps_the_order():
    engine = LocalEngine(jobs=2, batch=1)
    assert engine.spread(_pid_of, [1, 2, 3]) == [(x, os.getpid()) for x in (1, 2, 3)]  # none yet
    assert not engine.has_workers()
    try:
        list(engine.map(list(discover([str(EXAMPLES)]))[:2], 50_000_000))  # starts the worker
        assert engine.has_workers()
        got = engine.spread(_pid_of, list(range(40)))
    finally:
        engine.close()
    assert not engine.has_workers() and not LocalEngine(jobs=1).has_workers()
    assert [x for x, _ in got] == list(range(40))
    assert {pid for _, pid in got} - {os.getpid()}  # a worker took some
    assert engine.spread(_pid_of, [5]) == [(5, os.getpid())]  # closed: here again


def test_spread_takes_its_parts_as_they_are_made():
    engine = LocalEngine(jobs=2, batch=1)
    made: list[int] = []

    def parts():
        for x in range(30):
            made.append(x)
            yield x

    try:
        list(engine.map(list(discover([str(EXAMPLES)]))[:2], 50_000_000))  # starts the worker
        got = engine.spread(_pid_of, parts())
    finally:
        engine.close()
    assert [x for x, _ in got] == list(range(30)) and made == list(range(30))
    assert {pid for _, pid in got} - {os.getpid()}  # a worker took some
    assert engine.spread(_pid_of, iter([7])) == [(7, os.getpid())]


def test_engines_are_chosen_by_name():
    assert isinstance(make_engine("local", jobs=3), LocalEngine)
    assert isinstance(make_engine("ray", address="auto"), RayEngine)
    with pytest.raises(ValueError, match="unknown engine"):
        make_engine("spark")
    with pytest.raises(ValueError, match="address"):
        make_engine("local", address="auto")


def test_the_smallest_quarter_of_the_inputs_is_annotated_last_so_the_jobs_finish_together(
        tmp_path):
    class Recording(LocalEngine):
        def map(self, refs, max_bytes):
            self.order = [r.name for r in refs]
            return super().map(refs, max_bytes)

    pile = tmp_path / "pile"
    pile.mkdir()
    sizes = {"a.txt": 30, "b.txt": 3, "c.txt": 20, "d.txt": 2, "e.txt": 25, "f.txt": 40,
             "g.txt": 10, "h.txt": 35}
    for k, (name, n) in enumerate(sizes.items()):
        (pile / name).write_text(f"Letter {k} was sent by Mira Vells. " * n, encoding="utf-8")
    engine = Recording()
    build([str(pile)], Store(str(tmp_path / "x.db")), engine=engine)
    # the rest in their order (big batches mixed, as memory likes), then b and d, larger first
    assert engine.order == ["a.txt", "c.txt", "e.txt", "f.txt", "g.txt", "h.txt", "b.txt", "d.txt"]


def test_later_runs_on_a_worker_while_the_build_goes_on_and_here_without_one():
    engine = LocalEngine(jobs=2, batch=1)
    assert engine.later(_pid_of, 7)() == (7, os.getpid())  # no worker yet: here, now
    try:
        list(engine.map(list(discover([str(EXAMPLES)]))[:2], 50_000_000))  # starts the worker
        waiting = engine.later(_pid_of, 8)
        x, pid = waiting()
    finally:
        engine.close()
    assert x == 8 and pid != os.getpid()
    assert LocalEngine(jobs=1).later(_pid_of, 9)() == (9, os.getpid())


def test_the_vocabulary_texts_add_is_freed_once_it_has_grown_past_a_bound(monkeypatch):
    from accord.annotate import nlp as nlp_module

    nlp = nlp_module.english()
    monkeypatch.setattr(nlp_module, "ZONE_STRINGS", 200)

    def words(tag: str, n: int) -> str:
        return " ".join(f"Vrel{tag}{i}x" for i in range(n)) + "."

    list(nlp_module.parse_english([words("a", 150)]))  # a zone ends here at the latest
    list(nlp_module.parse_english([words("b", 150)]))
    base = len(nlp.vocab.strings)
    list(nlp_module.parse_english([words("c", 5)]))
    assert len(nlp.vocab.strings) > base  # small growth is kept: common words stay made
    list(nlp_module.parse_english([words("d", 150)]))
    assert len(nlp.vocab.strings) <= base  # past the bound everything new is freed


def test_a_process_that_let_go_of_its_models_parses_alike_when_it_next_needs_them():
    from accord.annotate import nlp as nlp_module
    from accord.engine.memory import give_back

    text = "Ilse Marrow, a glassblower of a made-up town, opened her workshop in Dunhollow in 1931."
    before = next(nlp_module.parse_english([text]))
    model = weakref.ref(nlp_module.english())
    nlp_module.unload()
    give_back()
    assert model() is None  # nothing holds it: not the cache, not the open memory zone
    assert next(nlp_module.parse_english([text])) == before


def _resident_mb() -> float:
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmRSS:")) / 1024


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's heap, /proc")
def test_memory_freed_between_objects_that_stay_goes_back_to_the_system_when_trimmed():
    # as a parser's working arrays are freed between the results a batch keeps: the C
    # heap keeps the holes, and only a trim (after every batch, `engine.unit.work`)
    # hands them back
    from accord.engine.memory import trim_heap

    kept, freed = [], []
    for _ in range(20_000):
        freed.append(bytearray(8_000))
        kept.append(bytearray(600))
    del freed
    before = _resident_mb()
    trim_heap()
    assert before - _resident_mb() > 50  # of the 160 MB freed
    assert len(kept) == 20_000


_FREED_ARRAYS = """
import numpy as np
from accord.engine.memory import map_large_allocations
map_large_allocations()
def resident():
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmRSS:")) / 1024
big = np.ones(4_000_000)  # 32 MB, mapped and freed: glibc maps only larger ones after it
del big
arrays, kept = [], []
for _ in range(100):
    arrays.append(np.ones(125_000))  # 1 MB
    kept.append(bytearray(600))
before = resident()
del arrays
print(before - resident())
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's heap, /proc")
def test_a_process_that_maps_its_large_arrays_gives_them_back_as_soon_as_they_are_freed():
    # as the copy search makes and frees arrays block after block: once glibc has
    # raised its threshold, freed arrays stay in the heap between objects that stay
    # (here, without the mapping, 0 to 60 MB of them came back, as the heap lay)
    import subprocess

    out = subprocess.run([sys.executable, "-c", _FREED_ARRAYS], check=True,
                         capture_output=True, text=True)
    assert float(out.stdout) > 80  # of the 100 MB freed


def test_batches_are_bounded_by_the_bytes_left_so_that_a_few_large_files_are_spread():
    sizes = [400, 400, 400, 400] + [10] * 24
    refs = [InputRef(f"/x/{i}.txt", f"{i}.txt", n) for i, n in enumerate(sizes)]
    got = list(batches(refs, size=8, workers=2))
    assert sum(map(len, got)) == len(refs)
    big = [b for b in got if any(r.size == 400 for r in b)]
    assert all(len(b) == 1 for b in big)  # each large file a batch of its own


def _model_loaded(_x: int) -> tuple[int, bool]:
    from accord.annotate.nlp import english

    return os.getpid(), english.cache_info().currsize == 1


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")
def test_workers_are_forked_with_the_model_already_loaded():
    engine = LocalEngine(jobs=2, batch=1)
    try:
        engine._workers()  # the pool as `map` starts it, before any text reached a worker
        pid, loaded = engine._workers().submit(_model_loaded, 0).result()
    finally:
        engine.close()
    assert pid != os.getpid() and loaded


def _wait_for(path: str) -> int:
    """A long `later` job: runs until the test lets it finish (or gives up after 20 s,
    so that a piece queued behind it fails the test instead of hanging it)."""
    import time

    end = time.monotonic() + 20
    while not os.path.exists(path) and time.monotonic() < end:
        time.sleep(0.01)
    return os.getpid()


def test_pieces_are_not_queued_behind_a_long_later_job_on_the_only_worker(tmp_path):
    engine = LocalEngine(jobs=2, batch=1)
    go = str(tmp_path / "go")
    try:
        engine._workers()
        busy = engine.later(_wait_for, go)
        # the only worker is busy: this process does every piece, none waits behind it
        assert {pid for _, pid in engine.spread(_pid_of, list(range(20)))} == {os.getpid()}
        open(go, "w").close()
        assert busy() != os.getpid()
        got = engine.spread(_pid_of, list(range(40)))  # the worker is free again
    finally:
        engine.close()
    assert {pid for _, pid in got} - {os.getpid()}
