"""Cutting a stream of inputs into batches for the engines.

A batch is one unit of remote work: large enough that spaCy's `nlp.pipe` gets
several texts at once and the per-task overhead is paid rarely, small enough
(by count and by bytes) that one batch of big files cannot fill memory and the
workers stay evenly loaded.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sized
from itertools import chain, islice
from math import ceil
from typing import TypeVar

from accord.ingest import InputRef

DEFAULT_BATCH = 8
DEFAULT_BATCH_BYTES = 2_000_000
UNKNOWN_SIZE = 200_000  # a URL's size is not known before it is fetched

T = TypeVar("T")


def peek(items: Iterable[T], n: int) -> tuple[list[T], Iterator[T]]:
    """The first `n` items (fewer if there are not so many), and all the items again:
    an engine looks at whether there is work enough to be worth its workers before it
    takes the stream."""
    it = iter(items)
    head = list(islice(it, n))
    return head, chain(head, it)


def batches(refs: Iterable[InputRef], size: int = DEFAULT_BATCH,
            max_bytes: int = DEFAULT_BATCH_BYTES, workers: int = 1) -> Iterator[list[InputRef]]:
    """Consecutive batches of at most `size` inputs and about `max_bytes` of input.

    With several workers and a known number of inputs, batches shrink towards the
    end, by count and by bytes (none larger than a `4 * workers`-th of what is left,
    as the pool holds two batches per worker): otherwise the last full batch, or one
    of a few large files, keeps one worker busy while the others wait with nothing
    to do.
    """
    known = workers > 1 and isinstance(refs, Sized)
    left = len(refs) if known else None
    left_bytes = sum(_size(r) for r in refs) if known else None
    batch: list[InputRef] = []
    total = 0
    limit, limit_bytes = _limit(size, left, workers), _limit(max_bytes, left_bytes, workers)
    for ref in refs:
        n = _size(ref)
        if batch and (len(batch) >= limit or total + n > limit_bytes):
            yield batch
            if left is not None and left_bytes is not None:
                left -= len(batch)
                left_bytes -= total
                limit = _limit(size, left, workers)
                limit_bytes = _limit(max_bytes, left_bytes, workers)
            batch, total = [], 0
        batch.append(ref)
        total += n
    if batch:
        yield batch


def _size(ref: InputRef) -> int:
    return ref.size if ref.size is not None else UNKNOWN_SIZE


def _limit(most: int, left: int | None, workers: int) -> int:
    return most if left is None else max(1, min(most, ceil(left / (4 * workers))))
