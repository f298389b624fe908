"""Source independence: near-duplicate documents and copied passages.

Two sites that carry one wire story, or a blog that pastes two paragraphs of an
encyclopedia, do not corroborate each other: agreement between them is one
voice heard twice. This module finds such dependence so that the align stage
can count copies of one text once (DESIGN.md section 3).

Pure functions over ``(source_id, text)`` pairs; no I/O.

Method
------
- Text is normalised (case-folded, accents stripped) and cut into words; a
  *shingle* is a run of ``SHINGLE`` (5) consecutive words, hashed to 64 bits
  with a stable hash (blake2b of each word, then a mix), so results do not
  depend on the process or the order of the input.
- Every shingle position gets ``NUM_PERM`` (128) MinHash values at once
  (numpy); the signature of a document is their column-wise minimum, and so is
  the signature of any run of sentences (``np.minimum.reduceat``), so documents
  and passages are signed in one pass over the text.
- Passages are single sentences, windows of two and three consecutive
  sentences and whole paragraphs, each of at least ``MIN_UNIT_WORDS`` words;
  sentences break at sentence-final punctuation and at line ends, paragraphs
  at blank lines.
- LSH banding (``b`` bands of ``r`` rows, chosen so that a pair at the threshold
  becomes a candidate with probability >= 0.98) puts similar items into shared
  buckets; only items that share a bucket are compared, and every candidate is
  verified by the exact Jaccard similarity of its shingle sets, so the MinHash
  estimate never decides on its own. A bucket with more than ``MAX_BUCKET``
  members (the same boilerplate in thousands of sources) is linked as a star
  around its smallest member instead of all pairs.
- Matched passages of one pair of sources that are consecutive on both sides
  (allowing one unmatched sentence between them, if the joined passage still
  passes the threshold) are merged into one copied passage with its character
  spans in both texts.

Cost: O(N * NUM_PERM) time to sign a corpus of N words (a handful of passage
signatures per sentence, all reduced from one hash matrix per document, which
is dropped once its LSH band keys are taken), O(U log U * b) to bucket U items
(a sort per band), plus the exact verification of candidate pairs, whose number
grows with the number of truly similar pairs (and with the number of copies of
one text, which is inherent in reporting pairs), not with the square of the
corpus. Memory: about 16 bytes per word plus b * 8 bytes per passage. No
all-pairs comparison anywhere.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

SHINGLE = 5  # words per shingle
NUM_PERM = 128  # MinHash values per signature
MIN_UNIT_WORDS = 12  # a passage shorter than this is not evidence of copying
WINDOW = 3  # sentences per window passage
BRIDGE = 1  # unmatched sentences a copied passage may span (a light edit)
MAX_BUCKET = 64  # larger LSH buckets are linked as a star, not all pairs
CANDIDATE_RECALL = 0.98  # LSH: chance that a pair at the threshold is compared

_MASK = np.uint64(0xFFFFFFFFFFFFFFFF)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_ROLL = np.uint64(0x100000001B3)


@dataclass(frozen=True)
class Dependence:
    """Two sources that are not independent of each other.

    ``a < b`` (source ids). ``similarity`` is the exact Jaccard similarity of the
    two texts' shingle sets; ``duplicate`` says whether it reached the
    document-level threshold (the texts are copies of one text as wholes).
    ``shared_passages`` are the copied passages as ``(a_start, a_end, b_start,
    b_end)`` character spans into each text, in the order of ``a``.
    """

    a: str
    b: str
    similarity: float
    shared_passages: tuple[tuple[int, int, int, int], ...] = ()
    duplicate: bool = False


# ------------------------------------------------------------------ hashing


def _mix(z: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser, vectorised; uint64 arithmetic wraps around."""
    with np.errstate(over="ignore"):
        z = z + _GOLDEN
        z = (z ^ (z >> np.uint64(30))) * _M1
        z = (z ^ (z >> np.uint64(27))) * _M2
        return z ^ (z >> np.uint64(31))


_SEEDS = _mix(np.arange(1, NUM_PERM + 1, dtype=np.uint64) * np.uint64(0x5851F42D4C957F2D))


@lru_cache(maxsize=1 << 18)
def _word_hash(word: str) -> int:
    """Stable 64-bit hash of a word after case folding and accent stripping."""
    w = unicodedata.normalize("NFKD", word.casefold())
    w = "".join(ch for ch in w if not unicodedata.combining(ch))
    return int.from_bytes(hashlib.blake2b(w.encode("utf-8"), digest_size=8).digest(), "little")


_WORD = re.compile(r"\w+")
_PARAGRAPH = re.compile(r"\n[^\S\n]*\n\s*")
_SENT_END = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019\u00bb)\]]*(?=\s|$)|\n")


def _shingles(words: np.ndarray) -> np.ndarray:
    """One 64-bit hash per position i for words[i : i + SHINGLE]."""
    n = len(words) - SHINGLE + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint64)
    with np.errstate(over="ignore"):
        h = words[:n].copy()
        for j in range(1, SHINGLE):
            h = h * _ROLL + words[j : j + n]
    return _mix(h)


def _minhash(shingles: np.ndarray) -> np.ndarray:
    """(len(shingles), NUM_PERM) matrix: every shingle under every permutation."""
    return _mix(shingles[:, None] ^ _SEEDS[None, :])


# ------------------------------------------------------------------ sources


@dataclass
class _Doc:
    sid: str
    shingles: np.ndarray  # hash per shingle position
    sentences: list[tuple[int, int, int, int]]  # (char start, char end, word0, word1)
    doc_set: np.ndarray  # sorted unique shingle hashes
    paragraphs: list[tuple[int, int]]  # sentence ranges [s0, s1) of blank-line paragraphs


def _sentences(text: str) -> list[tuple[int, int]]:
    out = []
    start = 0
    for m in _SENT_END.finditer(text):
        out.append((start, m.end()))
        start = m.end()
    out.append((start, len(text)))
    spans = []
    for s, e in out:
        seg = text[s:e]
        stripped = seg.strip()
        if not stripped:
            continue
        s2 = s + (len(seg) - len(seg.lstrip()))
        spans.append((s2, s2 + len(stripped)))
    return spans


def _read(sid: str, text: str) -> _Doc:
    starts_l: list[int] = []
    hashes: list[int] = []
    for m in _WORD.finditer(text):
        starts_l.append(m.start())
        hashes.append(_word_hash(m.group()))
    words = np.array(hashes, dtype=np.uint64)
    sh = _shingles(words)
    if len(sh) == 0 and len(words):
        # shorter than one shingle: the whole text is its only shingle
        with np.errstate(over="ignore"):
            h = np.uint64(len(words))
            for w in words:
                h = h * _ROLL + w
        doc_set = _mix(np.array([h], dtype=np.uint64))
    else:
        doc_set = np.unique(sh)
    sents = []
    for s, e in _sentences(text):
        w0 = bisect_left(starts_l, s)
        w1 = bisect_left(starts_l, e)
        if w1 > w0:
            sents.append((s, e, w0, w1))
    breaks = [m.end() for m in _PARAGRAPH.finditer(text)]
    para_of = [bisect_right(breaks, s) for s, _e, _w0, _w1 in sents]
    paragraphs = []
    for k, p in enumerate(para_of):
        if k and para_of[k - 1] == p:
            paragraphs[-1] = (paragraphs[-1][0], k + 1)
        else:
            paragraphs.append((k, k + 1))
    return _Doc(sid, sh, sents, doc_set, paragraphs)


def _collect(sources: Iterable[tuple[str, str]]) -> list[_Doc]:
    """One document per id, sorted by id. The texts are read one at a time and not
    kept (a stream from a database does not have to fit in memory); a repeated id
    keeps its longest text (ties broken by content, so input order does not matter)."""
    docs: dict[str, tuple[tuple[int, bytes], _Doc]] = {}
    for sid, text in sources:
        text = text or ""
        rank = (len(text), hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest())
        old = docs.get(sid)
        if old is None or rank > old[0]:
            docs[sid] = (rank, _read(sid, text))
    return [docs[sid][1] for sid in sorted(docs)]


# ---------------------------------------------------------------------- LSH


@lru_cache(maxsize=64)
def _bands(threshold: float) -> tuple[int, int]:
    """(bands, rows): the most rows per band (fewest chance candidates) that still
    makes a pair at `threshold` a candidate with probability CANDIDATE_RECALL."""
    t = min(max(threshold, 0.01), 1.0)
    best = (NUM_PERM, 1)
    for r in range(1, NUM_PERM + 1):
        b = NUM_PERM // r
        if 1.0 - (1.0 - t**r) ** b >= CANDIDATE_RECALL:
            best = (b, r)
    return best


def _band_keys(sigs: np.ndarray, threshold: float) -> np.ndarray:
    """(items, bands) matrix: one 64-bit key per LSH band of each signature. Only
    these keys are kept, not the signatures (a few bytes per band per item)."""
    b, r = _bands(threshold)
    rows = sigs[:, : b * r].reshape(len(sigs), b, r)
    keys = np.broadcast_to(np.arange(b, dtype=np.uint64), (len(sigs), b))
    with np.errstate(over="ignore"):
        for j in range(r):
            keys = _mix(keys * _ROLL + rows[:, :, j])
    return np.ascontiguousarray(keys)


def _candidates(keys: np.ndarray, owner: np.ndarray) -> set[tuple[int, int]]:
    """Pairs of items (i < j) that share an LSH bucket in some band and belong to
    different owners (sources)."""
    pairs: set[tuple[int, int]] = set()
    if len(keys) < 2:
        return pairs
    for band in range(keys.shape[1]):
        key = keys[:, band]
        order = np.argsort(key, kind="stable")
        ks = key[order]
        cut = np.flatnonzero(ks[1:] != ks[:-1]) + 1
        bounds = np.concatenate(([0], cut, [len(ks)]))
        for gi in np.flatnonzero(np.diff(bounds) > 1):
            members = sorted(order[bounds[gi] : bounds[gi + 1]].tolist())
            if len({int(owner[m]) for m in members}) < 2:
                continue
            if len(members) > MAX_BUCKET:
                hub = members[0]
                for m in members[1:]:
                    if owner[m] != owner[hub]:
                        pairs.add((hub, m))
                continue
            for x in range(len(members)):
                for y in range(x + 1, len(members)):
                    i, j = members[x], members[y]
                    if owner[i] != owner[j]:
                        pairs.add((i, j))
    return pairs


def _jaccard(x: np.ndarray, y: np.ndarray) -> float:
    """Exact Jaccard similarity of two sorted unique arrays."""
    if len(x) == 0 or len(y) == 0:
        return 0.0
    inter = len(np.intersect1d(x, y, assume_unique=True))
    return inter / (len(x) + len(y) - inter)


# ----------------------------------------------------------------- passages


@dataclass(frozen=True)
class _Unit:
    doc: int
    s0: int  # sentence range [s0, s1)
    s1: int
    p0: int  # shingle range [p0, p1)
    p1: int


def _units(d: int, doc: _Doc) -> list[_Unit]:
    """Passages to compare: single sentences, windows of up to WINDOW sentences, and
    whole paragraphs; each of at least MIN_UNIT_WORDS words."""
    sents = doc.sentences
    ranges = [(s, s + w) for w in range(1, WINDOW + 1) for s in range(len(sents) - w + 1)]
    ranges += [p for p in doc.paragraphs if p[1] - p[0] > WINDOW]
    out = []
    seen = set()
    for s0, s1 in ranges:
        w0, w1 = sents[s0][2], sents[s1 - 1][3]
        if w1 - w0 < MIN_UNIT_WORDS or (w0, w1) in seen:
            continue
        seen.add((w0, w1))
        out.append(_Unit(d, s0, s1, w0, w1 - SHINGLE + 1))
    return out


def _region_set(doc: _Doc, s0: int, s1: int) -> np.ndarray:
    w0, w1 = doc.sentences[s0][2], doc.sentences[s1 - 1][3]
    return np.unique(doc.shingles[w0 : max(w0, w1 - SHINGLE + 1)])


def _merge(matches: list[tuple[int, int, int, int]], gap: int) -> list[list[int]]:
    """Group matched sentence ranges (a0, a1, b0, b1) that are consecutive on both
    sides (at most `gap` sentences apart); returns the groups' extents."""
    groups: list[list[int]] = []
    open_: list[list[int]] = []
    for a0, a1, b0, b1 in sorted(set(matches)):
        open_ = [g for g in open_ if a0 <= g[1] + gap]
        for g in open_:
            if b0 <= g[3] + gap and b1 >= g[2] - gap:
                g[0], g[1] = min(g[0], a0), max(g[1], a1)
                g[2], g[3] = min(g[2], b0), max(g[3], b1)
                break
        else:
            g = [a0, a1, b0, b1]
            groups.append(g)
            open_.append(g)
    return groups


def _passages(da: _Doc, db: _Doc, matches: list[tuple[int, int, int, int]],
              threshold: float) -> tuple[tuple[int, int, int, int], ...]:
    tight = _merge(matches, 0)
    out: list[list[int]] = []
    for g in _merge(matches, BRIDGE):
        inner = [t for t in tight if g[0] <= t[0] and t[1] <= g[1] and g[2] <= t[2] and t[3] <= g[3]]
        if len(inner) > 1 and _jaccard(_region_set(da, g[0], g[1]),
                                       _region_set(db, g[2], g[3])) < threshold:
            out.extend(inner)
        else:
            out.append(g)
    spans = {(da.sentences[a0][0], da.sentences[a1 - 1][1],
              db.sentences[b0][0], db.sentences[b1 - 1][1]) for a0, a1, b0, b1 in out}
    return tuple(sorted(spans))


# ---------------------------------------------------------------------- API


def find_dependences(sources: Iterable[tuple[str, str]], *, threshold: float = 0.5,
                     passage_threshold: float = 0.8) -> list[Dependence]:
    """Pairs of sources that depend on each other, sorted by (a, b).

    A pair is reported when the texts as wholes are near duplicates (Jaccard of
    their 5-word shingle sets >= `threshold`; ``duplicate=True``) or when some
    passage of one (a sentence, a window of two or three sentences or a paragraph,
    of at least MIN_UNIT_WORDS words) near-duplicates a passage of the other (Jaccard >=
    `passage_threshold`) even though the documents differ. Empty and very short
    texts take part but rarely match; the result does not depend on input order.
    """
    docs = _collect(sources)
    if len(docs) < 2:
        return []
    # one hash matrix per document gives the document's and its passages' signatures;
    # only their LSH band keys are kept
    doc_keys = np.zeros((len(docs), _bands(threshold)[0]), dtype=np.uint64)
    unit_keys: list[np.ndarray] = []
    units: list[_Unit] = []
    for d, doc in enumerate(docs):
        if len(doc.shingles):
            m = _minhash(doc.shingles)
            doc_keys[d] = _band_keys(m.min(axis=0)[None, :], threshold)[0]
            us = _units(d, doc)
            if us:
                padded = np.vstack([m, np.full((1, NUM_PERM), _MASK, dtype=np.uint64)])
                idx = np.array([x for u in us for x in (u.p0, u.p1)], dtype=np.int64)
                sigs = np.minimum.reduceat(padded, idx, axis=0)[::2]
                unit_keys.append(_band_keys(sigs, passage_threshold))
                units.extend(us)
        elif len(doc.doc_set):
            doc_keys[d] = _band_keys(_minhash(doc.doc_set).min(axis=0)[None, :], threshold)[0]
        else:  # an empty text: keys of its own, shared with no one
            doc_keys[d] = _mix(np.arange(doc_keys.shape[1], dtype=np.uint64) ^ np.uint64(d)) ^ _MASK

    pairs: dict[tuple[int, int], list[tuple[int, int, int, int]]] = defaultdict(list)
    duplicate: set[tuple[int, int]] = set()
    owner = np.arange(len(docs))
    for i, j in _candidates(doc_keys, owner):
        if _jaccard(docs[i].doc_set, docs[j].doc_set) >= threshold:
            duplicate.add((i, j))
            pairs.setdefault((i, j), [])

    if units:
        keys = np.vstack(unit_keys)
        uowner = np.array([u.doc for u in units])
        cache: dict[int, np.ndarray] = {}

        def uset(k: int) -> np.ndarray:
            if k not in cache:
                u = units[k]
                cache[k] = np.unique(docs[u.doc].shingles[u.p0 : u.p1])
            return cache[k]

        for i, j in _candidates(keys, uowner):
            if _jaccard(uset(i), uset(j)) >= passage_threshold:
                ui, uj = units[i], units[j]
                if ui.doc > uj.doc:
                    ui, uj = uj, ui
                pairs[(ui.doc, uj.doc)].append((ui.s0, ui.s1, uj.s0, uj.s1))

    out = []
    for (i, j), matches in pairs.items():
        da, db = docs[i], docs[j]
        shared = _passages(da, db, matches, passage_threshold) if matches else ()
        if not shared and (i, j) not in duplicate:
            continue
        sim = _jaccard(da.doc_set, db.doc_set)
        out.append(Dependence(da.sid, db.sid, round(sim, 6), shared, (i, j) in duplicate))
    out.sort(key=lambda x: (x.a, x.b))
    return out


def origins(sources: Iterable[tuple[str, str]],
            dependences: list[Dependence] | None = None) -> dict[str, str]:
    """Source id -> origin id: sources that are near duplicates as wholes (directly
    or through a chain of copies) share one origin, the smallest id among them.
    Passage-level copying does not merge origins (see `passage_origin`).

    When `dependences` are given the texts are not read: ``(id, "")`` pairs do."""
    items = list(sources)
    if dependences is None:
        dependences = find_dependences(items)
    ids = {sid for sid, _t in items}
    parent = {sid: sid for sid in ids}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for dep in dependences:
        if not dep.duplicate or dep.a not in parent or dep.b not in parent:
            continue
        ra, rb = find(dep.a), find(dep.b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {sid: find(sid) for sid in sorted(ids)}


class PassageIndex:
    """The shared passages of a list of dependences, by source, for many look-ups."""

    def __init__(self, dependences: Iterable[Dependence]) -> None:
        self.by_source: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for dep in dependences:
            for a0, a1, b0, b1 in dep.shared_passages:
                self.by_source[dep.a].append((a0, a1, dep.b))
                self.by_source[dep.b].append((b0, b1, dep.a))

    def origin(self, source_id: str, start: int, end: int) -> str | None:
        sharing = set()
        for p0, p1, other in self.by_source.get(source_id, ()):
            overlap = min(end, p1) - max(start, p0)
            if (end > start and 2 * overlap >= end - start) or (end <= start and p0 <= start < p1):
                sharing.add(other)
        if not sharing:
            return None
        return min(sharing | {source_id})


def passage_origin(dependences: Sequence[Dependence] | PassageIndex, source_id: str,
                   start: int, end: int) -> str | None:
    """For a claim's evidence span [start, end) in `source_id`: None when the span is
    not (mostly) inside a passage shared with another source; otherwise the one
    id that stands for every source carrying that passage — the smallest id among
    them, `source_id` included — so that each copy of the passage, asked in
    turn, names the same origin. Pass a `PassageIndex` for many look-ups."""
    index = dependences if isinstance(dependences, PassageIndex) else PassageIndex(dependences)
    return index.origin(source_id, start, end)
