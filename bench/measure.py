"""One measured run in a fresh process, for the scale benchmarks.

Each benchmark runs every measurement as `python bench/measure.py KIND ARGS_JSON` so
that model loading is counted the same way for every side and no cache of one run
helps the next. The child prints one JSON line: wall seconds, and the peak resident
memory of the process (and of its worker processes) sampled while each stage ran.

    from measure import child
    child("build", inputs=["pile/"], db="x.db", jobs=2)  # -> {"seconds": ..., ...}
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def child(kind: str, *, one_core: bool = False, **args) -> dict:
    """Run one measurement in a new Python process and return what it printed."""
    env = {**os.environ, "RAY_USAGE_STATS_ENABLED": "0"}
    cmd = [sys.executable, str(HERE / "measure.py"), kind, json.dumps(args)]
    if one_core:
        cmd.insert(2, "--one-core")
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env)
    return json.loads(out.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------ in the child


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            kids = [int(x) for x in f.read().split()]
    except OSError:
        return []
    return kids + [g for k in kids for g in _children(k)]


class Sampler:
    """Peak RSS of this process, and of all its descendants together, per stage, and
    per fifth of the inputs annotated (`part`): where a build's memory still grows
    with the corpus, the later fifths peak higher than the earlier ones."""

    PARTS = 5

    def __init__(self) -> None:
        self.stage = "start"
        self.part = 0
        self.peak: dict[str, list[int]] = {}
        self.parts = [[0, 0] for _ in range(self.PARTS)]
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)
        self._t.start()

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.is_set():
            own = _rss_kb(me)
            kids = sum(_rss_kb(k) for k in _children(me))
            peaks = [self.peak.setdefault(self.stage, [0, 0])]
            if self.stage == "annotate":
                peaks.append(self.parts[self.part])
            for p in peaks:
                p[0], p[1] = max(p[0], own), max(p[1], kids)
            time.sleep(0.05)

    def stop(self) -> dict[str, dict[str, float]]:
        self._stop.set()
        self._t.join()
        return {k: {"driver_mb": v[0] / 1024, "workers_mb": v[1] / 1024}
                for k, v in self.peak.items()}

    def by_part(self) -> list[dict[str, float]]:
        """The annotate stage's peaks, fifth by fifth of its inputs (after `stop`)."""
        return [{"driver_mb": d / 1024, "workers_mb": w / 1024} for d, w in self.parts]


def _spacy(texts_file: str) -> dict:
    import spacy

    from accord.annotate.nlp import english_model_name

    texts = json.loads(Path(texts_file).read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    nlp = spacy.load(english_model_name())
    t1 = time.perf_counter()
    n = sum(1 for _ in nlp.pipe(texts, batch_size=16))
    t2 = time.perf_counter()
    return {"seconds": t2 - t0, "load": t1 - t0, "pipe": t2 - t1, "docs": n}


def _spacy_two(texts_file: str) -> dict:
    """`_spacy` split the way accord's two jobs split the work: the model is loaded
    once, then a forked process parses every other text while this one parses the
    rest. What it gains over `_spacy` is what two processes can gain on this machine
    at all (two cores share caches and memory bandwidth; a virtual core may be a
    hyperthread)."""
    import spacy

    from accord.annotate.nlp import english_model_name

    texts = json.loads(Path(texts_file).read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    nlp = spacy.load(english_model_name())
    t1 = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # the other process: its half, then out without cleaning up
        for _doc in nlp.pipe(texts[1::2], batch_size=16):
            pass
        os._exit(0)
    n = sum(1 for _ in nlp.pipe(texts[0::2], batch_size=16))
    _pid, status = os.waitpid(pid, 0)
    if status:
        raise RuntimeError(f"the second spaCy process failed ({status})")
    t2 = time.perf_counter()
    return {"seconds": t2 - t0, "load": t1 - t0, "pipe": t2 - t1, "docs": n + len(texts[1::2])}


# the steps `pipeline.corpus_stage` reports, in order; with workers running, a worker
# compares texts for copies while the build resolves names, so "copies" is then only
# the hand-over and "resolve" includes any wait for the copies
CORPUS_STEPS = ("keys", "copies", "resolve", "file claims", "judge+write")


def _build(inputs: list[str], db: str, jobs: int = 1, engine: str = "local",
           address: str | None = None, batch: int = 8) -> dict:
    import spacy  # noqa: F401  imported before the clock on both sides, as in `_spacy`

    from accord.engine import make_engine
    from accord.pipeline import build
    from accord.store.db import Store

    sampler = Sampler()
    times: dict[str, float] = {}
    steps: dict[str, float] = {}  # the corpus-wide stage, step by step
    t0 = time.perf_counter()
    last = [t0, 0]  # time and step of the last report

    def progress(stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        if sampler.stage != stage:
            times[sampler.stage] = now - t0 - sum(times.values())
            sampler.stage = stage
        if stage == "annotate" and total:
            sampler.part = min(done * sampler.PARTS // total, sampler.PARTS - 1)
        if stage == "corpus":
            if done:
                # from nothing to done in one report: nothing had changed, nothing was done
                name = "skipped" if done - last[1] > 1 else (
                    CORPUS_STEPS[done - 1] if done <= len(CORPUS_STEPS) else str(done))
                steps[name] = steps.get(name, 0.0) + now - last[0]
            last[0], last[1] = now, done

    store = Store(db)
    report = build(inputs, store, engine=make_engine(engine, jobs=jobs, address=address,
                                                     batch=batch), progress=progress,
                   keep_models=False)  # (as `accord build` does)
    seconds = time.perf_counter() - t0
    times[sampler.stage] = seconds - sum(times.values())
    memory = sampler.stop()
    copies = store.copy_pairs()  # (after the clock: what the corpus-wide stage found)
    return {"seconds": seconds, "stages": times, "corpus_steps": steps, "memory": memory,
            "annotate_parts": sampler.by_part(),
            "read": report.read, "unchanged": report.skipped_unchanged,
            "claims": report.claims, "entities": report.entities, "findings": report.findings,
            "names": report.names, "name_pairs": report.name_pairs,
            "copy_pairs": len(copies), "copied_passages": len(copies.spans)}


def _annotate(inputs: list[str], db: str, jobs: int = 1, batch: int = 8) -> dict:
    """A build without its corpus-wide stage (left for `_corpus` to run in a process of
    its own): reading and annotating only."""
    import accord.pipeline as pipeline
    from accord.engine import make_engine
    from accord.store.db import Store

    pipeline.corpus_stage = lambda *a, **k: None  # (a benchmark's cut, not an option)
    t0 = time.perf_counter()
    pipeline.build(inputs, Store(db), engine=make_engine("local", jobs=jobs, batch=batch))
    return {"seconds": time.perf_counter() - t0}


def _corpus(db: str, jobs: int = 1) -> dict:
    """The corpus-wide stage alone, from scratch, over a database `_annotate` wrote, in
    a fresh process: its own need of memory, which in a whole build hides under what
    annotating left resident. With several jobs the workers are started first, as a
    build has them running when it gets there."""
    from accord.annotate.nlp import unload
    from accord.engine import make_engine
    from accord.pipeline import corpus_stage
    from accord.store.db import Store

    store = Store(db)
    engine = make_engine("local", jobs=jobs)
    if jobs > 1:
        engine._workers()  # (a build has started them by annotating)
    unload()  # (and `accord build` lets go of its models before this stage)
    start = _rss_kb(os.getpid()) / 1024
    sampler = Sampler()
    t0 = time.perf_counter()
    try:
        corpus_stage(store, spread=engine.spread, later=engine.later)
    finally:
        engine.close()
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "start_mb": start, "memory": sampler.stop()}


def main(argv: list[str]) -> None:
    if argv and argv[0] == "--one-core":
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
        argv = argv[1:]
    kind, args = argv[0], json.loads(argv[1])
    result = {"spacy": _spacy, "spacy2": _spacy_two, "build": _build, "annotate": _annotate,
              "corpus": _corpus}[kind](**args)
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
