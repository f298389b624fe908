"""Cutting a stream of inputs into batches for the engines.

A batch is one unit of remote work: large enough that spaCy's `nlp.pipe` gets
several texts at once and the per-task overhead is paid rarely, small enough
(by count and by bytes) that one batch of big files cannot fill memory and the
workers stay evenly loaded.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from accord.ingest import InputRef

DEFAULT_BATCH = 8
DEFAULT_BATCH_BYTES = 2_000_000
UNKNOWN_SIZE = 200_000  # a URL's size is not known before it is fetched


def batches(refs: Iterable[InputRef], size: int = DEFAULT_BATCH,
            max_bytes: int = DEFAULT_BATCH_BYTES) -> Iterator[list[InputRef]]:
    """Consecutive batches of at most `size` inputs and about `max_bytes` of input."""
    batch: list[InputRef] = []
    total = 0
    for ref in refs:
        n = ref.size if ref.size is not None else UNKNOWN_SIZE
        if batch and (len(batch) >= size or total + n > max_bytes):
            yield batch
            batch, total = [], 0
        batch.append(ref)
        total += n
    if batch:
        yield batch
