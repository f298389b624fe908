"""Cutting a stream of inputs into batches for the engines.

A batch is one unit of remote work: large enough that spaCy's `nlp.pipe` gets
several texts at once and the per-task overhead is paid rarely, small enough
(by count and by bytes) that one batch of big files cannot fill memory and the
workers stay evenly loaded.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sized
from math import ceil

from accord.ingest import InputRef

DEFAULT_BATCH = 8
DEFAULT_BATCH_BYTES = 2_000_000
UNKNOWN_SIZE = 200_000  # a URL's size is not known before it is fetched


def batches(refs: Iterable[InputRef], size: int = DEFAULT_BATCH,
            max_bytes: int = DEFAULT_BATCH_BYTES, workers: int = 1) -> Iterator[list[InputRef]]:
    """Consecutive batches of at most `size` inputs and about `max_bytes` of input.

    With several workers and a known number of inputs, batches shrink towards the
    end (none larger than a `4 * workers`-th of what is left, as the pool holds two
    batches per worker): otherwise the last full batch keeps one worker busy while
    the others wait with nothing to do.
    """
    left = len(refs) if workers > 1 and isinstance(refs, Sized) else None
    batch: list[InputRef] = []
    total = 0
    limit = _limit(size, left, workers)
    for ref in refs:
        n = ref.size if ref.size is not None else UNKNOWN_SIZE
        if batch and (len(batch) >= limit or total + n > max_bytes):
            yield batch
            if left is not None:
                left -= len(batch)
                limit = _limit(size, left, workers)
            batch, total = [], 0
        batch.append(ref)
        total += n
    if batch:
        yield batch


def _limit(size: int, left: int | None, workers: int) -> int:
    return size if left is None else max(1, min(size, ceil(left / (4 * workers))))
