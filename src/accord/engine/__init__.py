"""Engines run the per-source stages (`per_source.read_and_annotate`) over many inputs.

An engine takes an iterable of inputs and yields the results batch by batch as they
are done, with a bounded number of batches in flight, so the build can write each
batch as it arrives and memory stays flat however large the pile is. The local
engine and the Ray engine call the same function on the same batches, so they
produce the same database.

    from accord.engine import make_engine
    engine = make_engine("ray", jobs=4, address="auto")
    for results in engine.map(refs, max_bytes):  # list[SourceFacts | IngestError]
        ...
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from accord.engine.batching import DEFAULT_BATCH, DEFAULT_BATCH_BYTES, batches
from accord.engine.local import LocalEngine
from accord.engine.unit import EngineError

if TYPE_CHECKING:
    from accord.engine.unit import Result
    from accord.ingest import InputRef

ENGINES = ("local", "ray")
T = TypeVar("T")
R = TypeVar("R")


class Engine(Protocol):
    def map(self, refs: Iterable[InputRef], max_bytes: int) -> Iterator[list[Result]]:
        """Results of `read_and_annotate` per batch, in any order, as they are done."""
        ...

    def spread(self, fn: Callable[[T], R], parts: Iterable[T]) -> list[R]:
        """`[fn(p) for p in parts]` in order, over the engine's workers where they are
        running; the parts are taken as they come, so a worker starts on the first while
        the caller makes the next. `fn` must be pure and importable: the result is the
        same either way."""
        ...

    def has_workers(self) -> bool:
        """Whether workers are running beside this process now, so that `spread` and
        `later` work in parallel with it (the corpus-wide stage orders its steps by it)."""
        ...

    def later(self, fn: Callable[..., R], *args: Any) -> Callable[[], R]:
        """Start `fn(*args)` on a worker, where one is running, while this process goes
        on, and return the function that waits for its result; without workers, `fn`
        runs here and now. `fn` must be importable and its arguments picklable."""
        ...

    def close(self) -> None:
        """Release the workers (and a cluster the engine started)."""
        ...


def make_engine(name: str = "local", *, jobs: int = 1, address: str | None = None,
                batch: int = DEFAULT_BATCH) -> Engine:
    """The engine a user asked for by name (the CLI's `--engine`, `--jobs`, `--address`)."""
    if name == "local":
        if address:
            raise ValueError("--address is for the ray engine")
        return LocalEngine(jobs=jobs, batch=batch)
    if name == "ray":
        from accord.engine.ray_engine import RayEngine

        return RayEngine(address=address, num_cpus=jobs if not address else None, batch=batch)
    raise ValueError(f"unknown engine {name!r} (one of: {', '.join(ENGINES)})")


__all__ = ["DEFAULT_BATCH", "DEFAULT_BATCH_BYTES", "ENGINES", "Engine", "EngineError", "LocalEngine",
           "batches", "make_engine"]
