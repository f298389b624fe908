"""What the mentions say of each name node, counted in flat arrays.

The resolver needs, of each node: its surface forms and labels with their counts (its
shown form and kind are the most frequent, the first read winning a tie), the sources
that name it, and each raw text with the sources it is read in (the entity's aliases).
As a Counter, a Counter, a set and a dict of sets a node that cost about two kilobytes,
most of what the resolver held that grew with the names. Here each mention read is
four integers, and the counts are worked out once, with numpy, when all are read.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from itertools import groupby
from operator import itemgetter

import numpy as np


class TallyLog:
    """The mentions as they are read: node, source, raw text and label of each, and the
    surface form each raw text was stripped to."""

    def __init__(self) -> None:
        self.texts: dict[str, int] = {}
        self.surfaces: dict[str, int] = {}
        self.labels: dict[str, int] = {}
        self.surface_of_text = array("q")
        self._let_go()

    def _let_go(self) -> None:
        self.node, self.source, self.text, self.label = (array("q"), array("q"), array("q"),
                                                         array("q"))

    def add(self, node: int, source: int, text: str, surface: str, label: str) -> None:
        """One mention read: `node` and `source` are indexes (as `MentionLog` numbers them)."""
        t = self.texts.get(text)
        if t is None:
            t = self.texts[text] = len(self.texts)
            self.surface_of_text.append(self.surfaces.setdefault(surface, len(self.surfaces)))
        self.node.append(node)
        self.source.append(source)
        self.text.append(t)
        self.label.append(self.labels.setdefault(label, len(self.labels)))

    def finish(self, nodes: Sequence[str], sources: Sequence[str]) -> NodeTally:
        """The tally, for `nodes` and `sources` named by the indexes given to `add`."""
        texts = list(self.texts)
        node, source, text, label = (_ints(a) for a in (self.node, self.source, self.text,
                                                        self.label))
        out = NodeTally(
            nodes, list(self.surfaces), list(self.labels),
            _in_order_read(node, _ints(self.surface_of_text)[text], len(nodes)),
            _in_order_read(node, label, len(nodes)),
            sources, _distinct(node, source, len(nodes)),
            texts, _raw_forms(node, text, source, texts, sources, len(nodes)))
        self._let_go()
        return out


class NodeTally:
    """Per node (by name): its surfaces and labels with counts, in the order first read;
    its sources; its raw texts with the sources of each."""

    def __init__(self, nodes: Sequence[str], surfaces: list[str], labels: list[str],
                 by_surface: _Groups, by_label: _Groups, sources: Sequence[str],
                 by_source: _Groups, texts: list[str], by_text: _Groups) -> None:
        self._index = {n: i for i, n in enumerate(nodes)}
        self._surfaces, self._labels, self._sources, self._texts = (
            surfaces, labels, sources, texts)
        self._by_surface, self._by_label, self._by_source, self._by_text = (
            by_surface, by_label, by_source, by_text)

    def nodes(self) -> list[str]:
        """Every node, in the order first read."""
        return list(self._index)

    def surfaces(self, node: str) -> list[tuple[str, int]]:
        """(surface form, times read), in the order first read."""
        return self._by_surface.counts(self._index[node], self._surfaces)

    def labels(self, node: str) -> list[tuple[str, int]]:
        return self._by_label.counts(self._index[node], self._labels)

    def shown(self, node: str) -> str:
        """The surface read most often (of a tie, the first read)."""
        return _most(self.surfaces(node))

    def label(self, node: str) -> str:
        return _most(self.labels(node))

    def reads(self, node: str) -> int:
        """How many times a mention of it was read."""
        return sum(n for _s, n in self.surfaces(node))

    def sources(self, node: str) -> set[str]:
        return {self._sources[s] for s in self._by_source.of(self._index[node])}

    def raw_forms(self, node: str) -> list[tuple[str, tuple[str, ...]]]:
        """(raw text, the sources it is read in, sorted), sorted by text."""
        rows = self._by_text.pairs(self._index[node])  # (text, source), sorted
        return [(self._texts[t], tuple(self._sources[s] for _t, s in same))
                for t, same in groupby(rows, key=itemgetter(0))]


class _Groups:
    """Values grouped by node: node i has values[bounds[i]:bounds[i + 1]] (and their
    counts, or a second value, alongside)."""

    def __init__(self, node: np.ndarray, values: np.ndarray, extra: np.ndarray,
                 n_nodes: int) -> None:
        self.bounds = np.searchsorted(node, np.arange(n_nodes + 1))
        self.values, self.extra = values, extra

    def of(self, i: int) -> list[int]:
        return self.values[self.bounds[i]:self.bounds[i + 1]].tolist()

    def pairs(self, i: int) -> list[tuple[int, int]]:
        lo, hi = int(self.bounds[i]), int(self.bounds[i + 1])
        return list(zip(self.values[lo:hi].tolist(), self.extra[lo:hi].tolist(), strict=True))

    def counts(self, i: int, names: list[str]) -> list[tuple[str, int]]:
        return [(names[v], c) for v, c in self.pairs(i)]


def _most(counted: list[tuple[str, int]]) -> str:
    best, most = counted[0]
    for value, n in counted[1:]:
        if n > most:
            best, most = value, n
    return best


def _ints(a: array) -> np.ndarray:
    return np.frombuffer(a, dtype=np.int64) if len(a) else np.zeros(0, np.int64)


def _in_order_read(node: np.ndarray, value: np.ndarray, n_nodes: int) -> _Groups:
    """Each node's distinct values with how often each was read, in the order first read."""
    width = int(value.max()) + 1 if len(value) else 1
    uniq, first, counts = np.unique(node * width + value, return_index=True, return_counts=True)
    order = np.lexsort((first, uniq // width))
    return _Groups(uniq[order] // width, uniq[order] % width, counts[order], n_nodes)


def _distinct(node: np.ndarray, value: np.ndarray, n_nodes: int) -> _Groups:
    width = int(value.max()) + 1 if len(value) else 1
    uniq = np.unique(node * width + value)
    return _Groups(uniq // width, uniq % width, uniq % width, n_nodes)


def _raw_forms(node: np.ndarray, text: np.ndarray, source: np.ndarray, texts: list[str],
               sources: Sequence[str], n_nodes: int) -> _Groups:
    """Each node's distinct (raw text, source), sorted by text, then by source id."""
    text_rank, text_at = _ranks(texts)
    source_rank, source_at = _ranks(sources)
    rows = (np.unique(np.column_stack((node, text_rank[text], source_rank[source])), axis=0)
            if len(node) else np.zeros((0, 3), np.int64))
    return _Groups(rows[:, 0], text_at[rows[:, 1]], source_at[rows[:, 2]], n_nodes)


def _ranks(names: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """(each name's place in sorted order, the index of the name at each place)."""
    at = np.argsort(np.array(list(names), dtype=object), kind="stable").astype(np.int64)
    rank = np.empty_like(at)
    rank[at] = np.arange(len(at))
    return rank, at
