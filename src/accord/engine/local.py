"""The local engine: in this process for one job; for several, this process and a
pool of `jobs - 1` worker processes, kept until `close()` so that the corpus-wide
steps can use them too (`spread`).

The build's own process is one of the jobs: it has nothing else to do while the
workers annotate but write what they send back, and a separate worker in its place
would start Python, spaCy and the models once more and compete with it for a core.
The pool is fed from the input stream with at most `2 * (jobs - 1)` batches in
flight; when the pool is full, this process annotates the next batch itself. Results
come back as each batch finishes (not in input order), so a slow batch never holds
finished ones in memory and the driver writes as it goes.

On Linux the workers are forked from this process once it has imported the
per-source code and loaded the English model: a spawned worker spends two seconds
of a core starting Python, importing spaCy and loading the model before its first
text, and a forked one shares the loaded model's pages. What a fork copies that a
worker could trip on is kept out of its way: it writes through new standard
streams (a progress bar's thread may hold the old ones' locks at the fork), and it
never touches the driver's database connections (it opens its own, `new_copies`)
and leaves by `os._exit`, so their copies are never closed. Elsewhere workers are
spawned and load their own models.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import TYPE_CHECKING, Any, TypeVar

from accord.engine.batching import DEFAULT_BATCH, DEFAULT_BATCH_BYTES, batches, peek
from accord.engine.memory import give_back, map_large_allocations
from accord.engine.unit import Result, work

if TYPE_CHECKING:
    from accord.ingest import InputRef

T = TypeVar("T")
R = TypeVar("R")


class LocalEngine:
    def __init__(self, jobs: int = 1, batch: int = DEFAULT_BATCH,
                 batch_bytes: int = DEFAULT_BATCH_BYTES, in_flight: int | None = None) -> None:
        self.jobs = max(1, jobs)
        self.batch = batch
        self.batch_bytes = batch_bytes
        self.in_flight = in_flight or 2 * (self.jobs - 1)
        self._pool: ProcessPoolExecutor | None = None
        self._later: set[Future] = set()  # `later` jobs not yet finished

    def map(self, refs: Iterable[InputRef], max_bytes: int) -> Iterator[list[Result]]:
        head, parts = peek(batches(refs, self.batch, self.batch_bytes, workers=self.jobs), 2)
        if self.jobs == 1 or len(head) < 2:
            # one batch (a rebuild that found one new file): starting workers that each
            # load the models would cost more than the work
            for b in parts:
                yield work(b, max_bytes)
            return
        for _i, result in self._as_done(work, parts, max_bytes):
            yield result

    def spread(self, fn: Callable[[T], R], parts: Iterable[T]) -> list[R]:
        """`[fn(p) for p in parts]`, computed by all the jobs. For the pure corpus-wide
        steps (comparing names): the workers the annotation started are still there, so
        this costs no start-up, and without it one core would idle while the other works.
        The parts are taken as they come: a worker works on one while this process makes
        the next."""
        head, parts = peek(parts, 2)
        if self.jobs == 1 or self._pool is None or len(head) < 2:
            return [fn(p) for p in parts]
        out: dict[int, R] = {}
        for i, result in self._as_done(fn, parts):
            out[i] = result
        return [out[i] for i in range(len(out))]

    def has_workers(self) -> bool:
        return self.jobs > 1 and self._pool is not None

    def later(self, fn: Callable[..., R], *args: Any) -> Callable[[], R]:
        """`fn(*args)` on a worker while this process does something else (the
        corpus-wide stage compares texts for copies there while it resolves names here);
        with one job, here and now."""
        if not self.has_workers():
            return run_now(fn, *args)
        future = self._pool.submit(without_models, fn, *args)
        self._later.add(future)
        future.add_done_callback(self._later.discard)

        def result() -> R:
            try:
                return future.result()
            except BaseException:
                self.close()
                raise
        return result

    def close(self) -> None:
        """Stop the workers (a later map starts new ones). Nothing is left to wait for:
        the pool's own thread reaps them while the build reports."""
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
        self._later.clear()

    def _workers(self) -> ProcessPoolExecutor:
        if self._pool is None:
            import multiprocessing as mp

            if FORK:
                warm()
            self._pool = ProcessPoolExecutor(
                self.jobs - 1, mp_context=mp.get_context("fork" if FORK else "spawn"),
                initializer=start_worker)
        return self._pool

    def _slots(self) -> int:
        """How many items the pool may hold now: `in_flight`, less the share of each
        worker that a `later` job keeps busy. An item queued behind a long job (the
        copies of a large corpus take many seconds) would be waited for at the end
        while this process, which could have done it, sits idle."""
        busy = sum(1 for f in list(self._later) if not f.done())
        per_worker = self.in_flight / max(1, self.jobs - 1)
        return max(0, round(self.in_flight - busy * per_worker))

    def _as_done(self, fn: Callable[..., R], items: Iterable[Any], *args: Any
                 ) -> Iterator[tuple[int, R]]:
        """(index, fn(item, *args)) for every item, in the order they finish. Items go
        to the pool while it holds fewer than its `_slots`; otherwise this process
        does the next one itself. With fewer items than that, the pool does them all:
        callers cut their work into many pieces."""
        pool = self._workers()
        running: dict[Future, int] = {}
        try:
            for i, item in enumerate(items):
                for f in [f for f in running if f.done()]:
                    yield running.pop(f), f.result()
                if len(running) < self._slots():
                    running[pool.submit(fn, item, *args)] = i
                else:
                    yield i, fn(item, *args)  # the pool is busy: this process is a job too
            while running:
                finished, _ = wait(running, return_when=FIRST_COMPLETED)
                for f in finished:
                    yield running.pop(f), f.result()
        except BaseException:
            self.close()  # a failed or abandoned run leaves no worker behind
            raise


def run_now(fn: Callable[..., R], *args: Any) -> Callable[[], R]:
    """`later` without workers: `fn(*args)` here and now, its result when asked."""
    value = fn(*args)
    return lambda: value


FORK = sys.platform.startswith("linux")


def warm() -> None:
    """What every worker needs, loaded here before workers are forked from this process."""
    from accord.annotate.nlp import english
    from accord.per_source import read_and_annotate  # noqa: F401  the per-source code

    english()


def without_models(fn: Callable[..., R], *args: Any) -> R:
    """`fn(*args)` in a worker that first lets go of the models it annotated with, and
    of the heap that freed: a job given `later` (comparing texts for copies) needs no
    model, and this pool's workers end with the build, so nothing loads them again.
    That job makes and frees large arrays, which from then on bypass the heap
    (`map_large_allocations`)."""
    from accord.annotate.nlp import unload

    unload()
    give_back()
    map_large_allocations()
    return fn(*args)


def start_worker() -> None:
    die_with_parent()
    if FORK:
        fresh_std_streams()


def fresh_std_streams() -> None:
    """New objects over file descriptors 1 and 2 (a forked copy of a stream whose lock
    another thread held at the fork would block its first write forever)."""
    for name, fd in (("stdout", 1), ("stderr", 2)):
        with contextlib.suppress(OSError):
            stream = open(fd, "w", closefd=False, errors="backslashreplace",  # noqa: SIM115
                          buffering=1)  # kept for the worker's life, as sys.stdout is
            setattr(sys, name, stream)


def die_with_parent() -> None:
    """A worker ends when the build that started it ends, even by kill -9: the kernel
    sends it SIGKILL (Linux prctl PR_SET_PDEATHSIG); elsewhere this does nothing. It runs
    once the worker's Python has started, so a build killed within its first second can
    still leave a worker that is starting up."""
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):
        pass
