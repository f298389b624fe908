"""Every mention of a corpus with its name node, and then its entity, in flat arrays.

The resolver needs, for each mention, which name node it is and, in the end, which
entity: a dict keyed by (source id, start, end) costs about two hundred bytes a
mention (a tuple, two integers, the entry, and a copy of the source id string per
row read), the largest thing the corpus-wide stage held that grew with the text
rather than with the names. Here a mention is four machine integers, source ids are
kept once each, and a mention is found by binary search within its source.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence

import numpy as np


class MentionLog:
    """The mentions as they are read: each one's source, span and node (an index into
    `nodes`). `finish` sorts them by (source, start, end) and keeps one of a span
    read twice (the last, as a dict would)."""

    def __init__(self) -> None:
        self.source_index: dict[str, int] = {}
        self.sources: list[str] = []
        self.node_index: dict[str, int] = {}
        self.nodes: list[str] = []
        self.src, self.start, self.end, self.node = array("q"), array("q"), array("q"), array("q")

    def add(self, source_id: str, start: int, end: int, node: str) -> str:
        """Log one mention; returns the one string kept for its source id."""
        s = self.source_index.get(source_id)
        if s is None:
            s = self.source_index[source_id] = len(self.sources)
            self.sources.append(source_id)
        n = self.node_index.get(node)
        if n is None:
            n = self.node_index[node] = len(self.nodes)
            self.nodes.append(node)
        self.src.append(s)
        self.start.append(start)
        self.end.append(end)
        self.node.append(n)
        return self.sources[s]

    def finish(self) -> Mentions:
        sources = sorted(self.sources)
        rank = np.zeros(len(self.sources), dtype=np.int64)
        for r, sid in enumerate(sources):
            rank[self.source_index[sid]] = r
        src = rank[_ints(self.src)] if len(self.src) else np.zeros(0, np.int64)
        start, end, node = _ints(self.start), _ints(self.end), _ints(self.node)
        order = np.lexsort((np.arange(len(src)), end, start, src))
        src, start, end, node = src[order], start[order], end[order], node[order]
        last = np.ones(len(src), dtype=bool)  # of a span read twice, the last read
        last[:-1] = (src[1:] != src[:-1]) | (start[1:] != start[:-1]) | (end[1:] != end[:-1])
        out = Mentions(tuple(sources), tuple(self.nodes), src[last], start[last], end[last],
                       node[last])
        self.src, self.start, self.end, self.node = array("q"), array("q"), array("q"), array("q")
        return out


def _ints(a: array) -> np.ndarray:
    return np.frombuffer(a, dtype=np.int64) if len(a) else np.zeros(0, np.int64)


def _array(a: np.ndarray) -> array:
    out = array("q")
    out.frombytes(np.ascontiguousarray(a, dtype=np.int64).tobytes())
    return out


class Mentions:
    """The mentions sorted by (source, start, end), one per span: mention k is in
    `sources[src[k]]` at [start[k], end[k]) and names node `nodes[node[k]]`."""

    def __init__(self, sources: tuple[str, ...], nodes: tuple[str, ...], src: np.ndarray,
                 start: np.ndarray, end: np.ndarray, node: np.ndarray) -> None:
        self.sources, self.nodes = sources, nodes
        # array.array, not numpy: read an item at a time (by bisect), they are faster
        self.src, self.start, self.end, self.node = _array(src), _array(start), _array(end), _array(node)
        # source s: mentions [bounds[s], bounds[s + 1])
        self.bounds = _array(np.searchsorted(src, np.arange(len(sources) + 1)))

    def __len__(self) -> int:
        return len(self.src)

    def key(self, k: int) -> tuple[str, int, int]:
        return self.sources[self.src[k]], self.start[k], self.end[k]

    def find(self, source_id: str, start: int, end: int) -> int:
        """The index of the mention at this span, or -1."""
        s = bisect_left(self.sources, source_id)
        if s == len(self.sources) or self.sources[s] != source_id:
            return -1
        hi = self.bounds[s + 1]
        k = bisect_left(self.start, start, self.bounds[s], hi)
        while k < hi and self.start[k] == start:
            if self.end[k] == end:
                return k
            k += 1
        return -1

    def node_at(self, key: tuple[str, int, int]) -> str:
        """The node of the mention at (source id, start, end), which must be one."""
        return self.nodes[self.node[self.find(*key)]]

    def of_nodes(self, wanted: set[str]) -> dict[str, list[tuple[str, int, int]]]:
        """The mentions of these nodes, by node, in (source, start, end) order."""
        names = {i: n for i, n in enumerate(self.nodes) if n in wanted}
        out: dict[str, list[tuple[str, int, int]]] = {n: [] for n in names.values()}
        for k in np.flatnonzero(np.isin(_ints(self.node), list(names))).tolist():
            out[names[self.node[k]]].append(self.key(k))
        return out

    def per_node(self) -> np.ndarray:
        """How many mentions each node has (by index into `nodes`)."""
        return np.bincount(_ints(self.node), minlength=len(self.nodes))

    def of_each(self, per_node: np.ndarray) -> np.ndarray:
        """A value for each mention: its node's, from one value per node."""
        return np.asarray(per_node)[_ints(self.node)]


class MentionEntities(Mapping[tuple[str, int, int], str]):
    """(source id, start, end) -> entity id, for the mentions that have one."""

    def __init__(self, mentions: Mentions, entity: Sequence[int], eids: Sequence[str]) -> None:
        self._m = mentions
        ent = np.asarray(entity, dtype=np.int64)
        self._entity = _array(ent)  # index into eids, -1: none
        self._eids = tuple(eids)
        self._len = int((ent >= 0).sum())

    def __getitem__(self, key: tuple[str, int, int]) -> str:
        k = self._m.find(*key)
        if k < 0 or self._entity[k] < 0:
            raise KeyError(key)
        return self._eids[self._entity[k]]

    def __iter__(self) -> Iterator[tuple[str, int, int]]:
        for k, e in enumerate(self._entity):
            if e >= 0:
                yield self._m.key(k)

    def __len__(self) -> int:
        return self._len
