"""The Ray engine: the same unit of work (`engine.unit.work`) as Ray tasks.

With `address` it joins a running cluster (`"auto"`, `"ray://host:10001"`,
`"host:6379"`); without, it starts a local Ray with `num_cpus` workers and stops
it at `close()` (after the corpus-wide steps, which `spread` their pure parts over
the same workers). If Ray is already initialised in this process (a test, a
notebook), that instance is used and left running.

At most `in_flight` tasks are submitted ahead of the results the driver has taken
(`ray.wait` for the first done), so the object store and the driver hold a bounded
number of results however many inputs there are. Each Ray worker process loads the
models once and keeps them for the next tasks. Inputs are read by the workers:
on a cluster of several machines, paths must be on storage every node sees.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from typing import TYPE_CHECKING, Any, TypeVar

from accord.engine.batching import DEFAULT_BATCH, DEFAULT_BATCH_BYTES, batches, peek
from accord.engine.local import run_now
from accord.engine.unit import EngineError, Result, work

if TYPE_CHECKING:
    from accord.ingest import InputRef

T = TypeVar("T")
R = TypeVar("R")

OBJECT_STORE_BYTES = 256 * 1024 * 1024  # results are small; do not reserve a third of RAM


def init_local(num_cpus: int | None = None, **kwargs) -> None:
    """Start a local Ray that stays offline: no dashboard, no usage reports."""
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    import ray

    ray.init(num_cpus=num_cpus, include_dashboard=False, log_to_driver=False,
             object_store_memory=OBJECT_STORE_BYTES, configure_logging=False, **kwargs)


class RayEngine:
    def __init__(self, address: str | None = None, num_cpus: int | None = None,
                 batch: int = DEFAULT_BATCH, batch_bytes: int = DEFAULT_BATCH_BYTES,
                 in_flight: int | None = None) -> None:
        self.address = address
        self.num_cpus = num_cpus
        self.batch = batch
        self.batch_bytes = batch_bytes
        self.in_flight = in_flight
        self._started = False  # this engine started the Ray it uses, and stops it

    def map(self, refs: Iterable[InputRef], max_bytes: int) -> Iterator[list[Result]]:
        parts = batches(refs, self.batch, self.batch_bytes)
        first = next(parts, None)
        if first is None:
            return  # nothing to do: do not start a cluster for it
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
        import ray

        if not ray.is_initialized():
            try:
                if self.address:
                    ray.init(address=self.address, log_to_driver=False, configure_logging=False)
                else:
                    init_local(self.num_cpus)
            except (ConnectionError, RuntimeError, ValueError) as e:
                where = f"the Ray cluster at {self.address}" if self.address else "a local Ray"
                raise EngineError(f"cannot start or join {where}: {e}") from None
            self._started = True
        task = ray.remote(num_cpus=1, max_retries=2)(work)
        window = self.in_flight or 2 * max(1, int(ray.cluster_resources().get("CPU", 1)))
        running: list = []
        for b in chain([first], parts):
            if len(running) >= window:
                done, running = ray.wait(running, num_returns=1)
                yield from _get(ray, done)
            running.append(task.remote(b, max_bytes))
        while running:
            done, running = ray.wait(running, num_returns=1)
            yield from _get(ray, done)

    def spread(self, fn: Callable[[T], R], parts: Iterable[T]) -> list[R]:
        """`[fn(p) for p in parts]` as Ray tasks, when this build has a Ray running; each
        part is sent as soon as it is made."""
        import ray

        head, parts = peek(parts, 2)
        if len(head) < 2 or not ray.is_initialized():
            return [fn(p) for p in parts]
        task = ray.remote(num_cpus=1, max_retries=2)(fn)
        return _get(ray, [task.remote(p) for p in parts])

    def has_workers(self) -> bool:
        import ray

        return ray.is_initialized()

    def later(self, fn: Callable[..., R], *args: Any) -> Callable[[], R]:
        """`fn(*args)` as a Ray task while the driver goes on, when this build has a
        Ray running; else here and now."""
        import ray

        if not ray.is_initialized():
            return run_now(fn, *args)
        ref = ray.remote(num_cpus=1, max_retries=2)(fn).remote(*args)
        return lambda: _get(ray, [ref])[0]

    def close(self) -> None:
        if self._started:
            import ray

            ray.shutdown()
            self._started = False


def _get(ray, refs: list) -> list:
    """Results of finished tasks; a task that failed as a whole (a worker that died,
    accord missing on a node) ends the build with one clear line."""
    try:
        return ray.get(refs)
    except ray.exceptions.RayError as e:
        raise EngineError(f"a Ray task failed: {str(e).strip().splitlines()[-1]}") from None
