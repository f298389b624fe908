"""Many pairs of copying sources, held in a few arrays.

Reporting copies is reporting pairs: a wire story carried by N papers is N² / 2 pairs,
each with its shared passages. As a list of `Dependence` objects that costs about
two kilobytes a pair (a tuple and four integers per passage). The build never holds
every pair (the search stores them as it finds them), but it reads back the pairs of
a slice of sources at a time to look up where their claims' passages come from, and
a source copied by hundreds of others brings hundreds of pairs. Here the same pairs
take a few dozen bytes each plus 32 per passage: source
indexes, similarities and flags in one array each, and every passage of every pair
in one (passages, 4) array (the layout the store keeps a pair's passages in, so a
stored row is read back without a Python object per passage). `Dependence` objects
are made only one at a time, for whoever iterates.

Pure values; no I/O.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from accord.align.independence import Dependence

_EMPTY_SPANS = np.zeros((0, 4), dtype=np.int64)
_INT32_MAX = int(np.iinfo(np.int32).max)


@dataclass(frozen=True, eq=False)
class CopyPairs:
    """Pairs of dependent sources. ``ids`` are sorted, so comparing two indexes compares
    the two ids; pair k is ``ids[a[k]] < ids[b[k]]`` with its passages
    ``spans[cuts[k]:cuts[k + 1]]`` as (a_start, a_end, b_start, b_end) rows."""

    ids: tuple[str, ...]
    a: np.ndarray  # int64 (pairs,)
    b: np.ndarray
    similarity: np.ndarray  # float64 (pairs,)
    duplicate: np.ndarray  # bool (pairs,)
    cuts: np.ndarray  # int64 (pairs + 1,)
    spans: np.ndarray  # int32, or int64 where an offset needs it (passages, 4)

    @classmethod
    def collect(cls, dependences: Iterable[Dependence]) -> CopyPairs:
        """From a stream of dependences, keeping none of them."""
        return cls.from_rows((d.a, d.b, d.similarity, d.duplicate,
                              np.asarray(d.shared_passages, dtype=np.int64).reshape(-1, 4))
                             for d in dependences)

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, str, float, bool, bytes | np.ndarray]]
                  ) -> CopyPairs:
        """From (a, b, similarity, duplicate, passages) rows, the passages as the store
        keeps them (little-endian int64 quadruples) or as an (n, 4) array."""
        index: dict[str, int] = {}
        a, b = array("q"), array("q")
        sim, dup = array("d"), array("b")
        # (offsets are 32-bit until one is not: the passages of a syndicated corpus are
        # millions, and held where they are found and again where they are used)
        cuts, spans = array("q", [0]), array("i")
        for x, y, s, d, passages in rows:
            if x > y:
                raise ValueError(f"a copy pair is stored in order: {x!r} > {y!r}")
            a.append(index.setdefault(x, len(index)))
            b.append(index.setdefault(y, len(index)))
            sim.append(s)
            dup.append(bool(d))
            flat = (np.frombuffer(passages, dtype="<i8")
                    if isinstance(passages, bytes | bytearray | memoryview)
                    else np.asarray(passages, dtype=np.int64).ravel())
            spans = _extended(spans, flat.tolist())
            cuts.append(len(spans) // 4)
        ids = sorted(index)
        remap = np.zeros(len(ids), dtype=np.int64)
        for rank, sid in enumerate(ids):
            remap[index[sid]] = rank
        return cls(tuple(ids), remap[np.frombuffer(a, dtype=np.int64)] if a else np.zeros(0, np.int64),
                   remap[np.frombuffer(b, dtype=np.int64)] if b else np.zeros(0, np.int64),
                   np.frombuffer(sim, dtype=np.float64).copy() if sim else np.zeros(0),
                   np.frombuffer(dup, dtype=np.int8).astype(bool),
                   np.frombuffer(cuts, dtype=np.int64),  # (views of the arrays: no copy)
                   np.frombuffer(spans, dtype=spans.typecode).reshape(-1, 4) if spans
                   else _EMPTY_SPANS)

    def __len__(self) -> int:
        return len(self.a)

    def __iter__(self) -> Iterator[Dependence]:
        for k in range(len(self)):
            yield self.pair(k)

    def pair(self, k: int) -> Dependence:
        rows = self.spans[self.cuts[k]:self.cuts[k + 1]].tolist()
        return Dependence(self.ids[self.a[k]], self.ids[self.b[k]], float(self.similarity[k]),
                          tuple(tuple(r) for r in rows), bool(self.duplicate[k]))


def _extended(numbers: array, more: list[int]) -> array:
    """`numbers` with `more` appended, widened to 64 bits when one does not fit."""
    n = len(numbers)
    try:
        numbers.extend(more)
    except OverflowError:
        del numbers[n:]
        numbers = array("q", numbers)
        numbers.extend(more)
    return numbers


class PassageIndex:
    """The shared passages of copy pairs, by source, for many look-ups.

    A source copied by hundreds of others has thousands of shared passages, and every
    claim of it asks: all passages are laid out in arrays sorted by (source, start),
    so a look-up only tests those of its source that begin before the span ends.

    A passage copied by K sources is a row of each of its K² / 2 pairs, and mostly
    at the same span in a given source. A look-up wants, of the passages it hits,
    only the smallest other source, so of the rows with one (source, start, end) the
    index keeps the one with the smallest other source, and gives the same answers:
    a corpus whose variants copy each other held twenty times fewer rows. The rows are
    made and thinned a slice of pairs at a time (ROWS_AT_ONCE passages), so building
    it never holds every pair's rows either."""

    ROWS_AT_ONCE = 1 << 16

    def __init__(self, pairs: CopyPairs | Iterable[Dependence]) -> None:
        p = pairs if isinstance(pairs, CopyPairs) else CopyPairs.collect(pairs)
        # (source, start, end, other source) columns in the passages' own width (32 bits
        # unless an offset needs more): they are some millions in a syndicated corpus
        dtype = p.spans.dtype if len(p.ids) <= np.iinfo(p.spans.dtype).max else np.int64
        kept = [_least_other(_columns(p, lo, hi, dtype))
                for lo, hi in _slices(p.cuts, self.ROWS_AT_ONCE)]
        # joined a column at a time (each slice's let go of as it is), and thinned once
        # more across slices
        columns = ([np.concatenate([k.pop(0) for k in kept]) for _ in range(4)] if kept
                   else [np.zeros(0, dtype=dtype) for _ in range(4)])
        source, self._p0, self._p1, self._other = _least_other(columns)
        self._ids = p.ids
        self._bounds = np.searchsorted(source, np.arange(len(p.ids) + 1))

    def __len__(self) -> int:
        return len(self._p0)

    @property
    def sources(self) -> Sequence[str]:
        """Every source a look-up can name: the ones looked up and their partners."""
        return self._ids

    def only(self, sources: Iterable[str]) -> PassageIndex:
        """The index as it answers for the passages of `sources` alone: what a worker
        that files their claims is sent, rather than the passages of every source."""
        at = [i for i in (self._at(sid) for sid in sorted(set(sources))) if i is not None]
        counts = [int(self._bounds[i + 1] - self._bounds[i]) for i in at]
        rows = (np.concatenate([np.arange(self._bounds[i], self._bounds[i + 1]) for i in at])
                if at else np.zeros(0, dtype=np.int64))
        others = self._other[rows]
        # the sources kept, in the order of their ids (a look-up takes the least)
        kept = np.union1d(np.asarray(at, dtype=np.int64), others.astype(np.int64))
        sub = PassageIndex.__new__(PassageIndex)
        sub._ids = tuple(self._ids[int(k)] for k in kept)
        sub._p0, sub._p1 = self._p0[rows], self._p1[rows]
        sub._other = np.searchsorted(kept, others).astype(self._other.dtype)
        owner = np.searchsorted(kept, np.repeat(np.asarray(at, dtype=np.int64), counts))
        sub._bounds = np.searchsorted(owner, np.arange(len(kept) + 1))
        return sub

    def _at(self, source_id: str) -> int | None:
        i = bisect_left(self._ids, source_id)
        return i if i < len(self._ids) and self._ids[i] == source_id else None

    def origin(self, source_id: str, start: int, end: int) -> str | None:
        i = self._at(source_id)
        if i is None:
            return None
        lo, hi = int(self._bounds[i]), int(self._bounds[i + 1])
        p0 = self._p0[lo:hi]
        if max(end, start + 1) > _INT32_MAX:  # (the index may hold 32-bit offsets, and
            start, end = np.int64(start), np.int64(end)  # a claim of a long text lie beyond)
        k = int(np.searchsorted(p0, max(end, start + 1), side="left"))  # p0 < end (or <= start)
        if not k:
            return None
        a0, a1 = p0[:k], self._p1[lo:lo + k]
        if end > start:
            overlap = np.minimum(end, a1) - np.maximum(start, a0)
            hit = np.flatnonzero(2 * overlap >= end - start)
        else:
            hit = np.flatnonzero((a0 <= start) & (start < a1))
        if not len(hit):
            return None
        return min(self._ids[int(self._other[lo + hit].min())], source_id)


def _slices(cuts: np.ndarray, rows: int) -> Iterator[tuple[int, int]]:
    """Runs of pairs [lo, hi) of about `rows` passages together (a pair with more
    is a run alone)."""
    lo, n = 0, len(cuts) - 1
    while lo < n:
        hi = max(lo + 1, int(np.searchsorted(cuts, cuts[lo] + rows, side="right")) - 1)
        hi = min(hi, n)
        yield lo, hi
        lo = hi


def _columns(p: CopyPairs, lo: int, hi: int, dtype: np.dtype | type) -> list[np.ndarray]:
    """(source, start, end, other source) columns of the passages of pairs [lo, hi),
    each passage once from each side, as numbers of `dtype`."""
    per_pair = p.cuts[lo + 1:hi + 1] - p.cuts[lo:hi]
    a = np.repeat(p.a[lo:hi].astype(dtype), per_pair)
    b = np.repeat(p.b[lo:hi].astype(dtype), per_pair)
    spans = p.spans[p.cuts[lo]:p.cuts[hi]].astype(dtype, copy=False)
    return [np.concatenate((a, b)), np.concatenate((spans[:, 0], spans[:, 2])),
            np.concatenate((spans[:, 1], spans[:, 3])), np.concatenate((b, a))]


def _least_other(columns: list[np.ndarray]) -> list[np.ndarray]:
    """(source, start, end, other source) columns sorted by all four, one row per
    (source, start, end): the one with the smallest other source. The columns are
    taken from the list given (left empty), each let go of once sorted: a sorted copy
    of every column would be held beside them."""
    order = np.lexsort(columns[::-1])
    ordered = [columns.pop(0)[order] for _ in range(4)]
    del order
    source, start, end, _other = ordered
    first = np.ones(len(source), dtype=bool)
    first[1:] = (source[1:] != source[:-1]) | (start[1:] != start[:-1]) | (end[1:] != end[:-1])
    return [c[first] for c in ordered]


def passage_origin(dependences: Iterable[Dependence] | CopyPairs | PassageIndex,
                   source_id: str, start: int, end: int) -> str | None:
    """For a claim's evidence span [start, end) in `source_id`: None when the span is
    not (mostly) inside a passage shared with another source; otherwise the one
    id that stands for every source carrying that passage — the smallest id among
    them, `source_id` included — so that each copy of the passage, asked in
    turn, names the same origin. Pass a `PassageIndex` for many look-ups."""
    index = dependences if isinstance(dependences, PassageIndex) else PassageIndex(dependences)
    return index.origin(source_id, start, end)
