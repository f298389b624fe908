"""The unit of work every engine ships to a worker: one batch of inputs in, the
results the driver stores out.

It is `per_source.read_and_annotate` with each parse trimmed to its named mentions:
tokens and sentences are only needed to extract claims, inside the worker, and
sending them back would cost more to pickle than the rest of the result. After each
batch the process gives the heap the parser freed back to the system (`trim_heap`),
so that what the parser freed does not pile up in a process that annotates batch
after batch.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Union

from accord.collector import fewer_collections
from accord.engine.memory import trim_heap

if TYPE_CHECKING:
    from accord.extract.claims import SourceFacts
    from accord.ingest import IngestError, InputRef

Result = Union["SourceFacts", "IngestError"]


class EngineError(RuntimeError):
    """The engine itself failed (a cluster that cannot be reached), not one input."""


def work(refs: Sequence[InputRef], max_bytes: int) -> list[Result]:
    from accord.extract.claims import SourceFacts
    from accord.per_source import read_and_annotate

    with fewer_collections():  # (as in the build's own process: a Ray worker is not forked from it)
        out = [slim(r) if isinstance(r, SourceFacts) else r
               for r in read_and_annotate(refs, max_bytes)]
    trim_heap()
    return out


def slim(facts: SourceFacts) -> SourceFacts:
    return replace(facts, parsed=replace(facts.parsed, tokens=(), sentences=()))
