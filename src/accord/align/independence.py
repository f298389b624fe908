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
  estimate never decides on its own. Items with the same keys in every band (one
  passage copied into many sources) are gathered into one class first, and one
  shingle set is checked against another once, however many copies carry them.
- Whether two sources are compared depends on the two alone (no cap on a bucket
  that would make it depend on the others), so the dependences of a grown corpus
  are the old ones plus those with the new sources: `new_dependences` finds only
  these, from each source's stored `Sketch` (its band keys), reading the texts
  of the new sources and of those that share a bucket with them.
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
corpus. Memory: about 16 bytes per word plus b * 4 bytes per passage. No
all-pairs comparison anywhere.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

SHINGLE = 5  # words per shingle
NUM_PERM = 128  # MinHash values per signature
MIN_UNIT_WORDS = 12  # a passage shorter than this is not evidence of copying
WINDOW = 3  # sentences per window passage
BRIDGE = 1  # unmatched sentences a copied passage may span (a light edit)
CANDIDATE_RECALL = 0.98  # LSH: chance that a pair at the threshold is compared
CHUNK = 1 << 18  # candidate pairs expanded at a time

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


@lru_cache(maxsize=1 << 12)
def _word_hash(word: str) -> int:
    """Stable 64-bit hash of a word after case folding and accent stripping.
    (Remembered: a text's words are mostly the language's common ones. Each entry
    costs about 200 bytes, so 4,096 hold under 1 MB; 16k held 2.2 MB after 300 sources
    of the 100x growth corpus, mostly names seen once. Over the 79k words of the 60
    sources of bench/throughput.py, 4,096 entries missed 4k times and hashing took
    0.03 s, 2,048 missed 17k times, 0.08 s, none 0.26 s.)"""
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


def _jaccard(x: np.ndarray, y: np.ndarray) -> float:
    """Exact Jaccard similarity of two sorted unique arrays."""
    if len(x) == 0 or len(y) == 0:
        return 0.0
    if len(x) > len(y):
        x, y = y, x
    at = np.minimum(np.searchsorted(y, x), len(y) - 1)  # (no merge of the two: faster)
    inter = int(np.count_nonzero(y[at] == x))
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


THRESHOLD = 0.5  # document Jaccard at which two texts are copies of one text
PASSAGE_THRESHOLD = 0.8  # passage Jaccard at which a passage is a copy


@dataclass(frozen=True, eq=False)
class Sketch:
    """The LSH band keys of one text: of the whole (`doc`, empty for an empty text) and
    of each passage (`units`, one row per passage in `_units` order). Worked out once,
    where the source is annotated, and stored, so that finding what a new source
    copies does not sign the whole corpus again. A key is 32 bits, half the space of
    64: two unrelated items sharing a bucket by chance only cost one exact check."""

    doc: np.ndarray  # (bands,) uint32
    units: np.ndarray  # (passages, bands) uint32
    threshold: float = THRESHOLD
    passage_threshold: float = PASSAGE_THRESHOLD

    def to_bytes(self) -> bytes:
        head = np.array([len(self.doc), *self.units.shape], dtype="<u4").tobytes()
        cut = np.array([self.threshold, self.passage_threshold], dtype="<f8").tobytes()
        return (head + cut + self.doc.astype("<u4").tobytes()
                + np.ascontiguousarray(self.units, dtype="<u4").tobytes())

    @classmethod
    def from_bytes(cls, data: bytes) -> Sketch:
        nd, nu, bu = (int(x) for x in np.frombuffer(data, dtype="<u4", count=3))
        t, pt = (float(x) for x in np.frombuffer(data, dtype="<f8", count=2, offset=12))
        # (views of `data` where the machine is little-endian: a corpus's sketches are
        # read all at once to look for copies, and held once)
        doc = np.frombuffer(data, dtype="<u4", count=nd, offset=28).astype(np.uint32, copy=False)
        units = np.frombuffer(data, dtype="<u4", count=nu * bu, offset=28 + 4 * nd)
        return cls(doc, units.astype(np.uint32, copy=False).reshape(nu, bu), t, pt)


def sketch(text: str, *, threshold: float = THRESHOLD,
           passage_threshold: float = PASSAGE_THRESHOLD) -> Sketch:
    """The band keys `find_dependences` and `new_dependences` compare a text by."""
    return _sketch(_read("", text or ""), threshold, passage_threshold)


def _sketch(doc: _Doc, threshold: float, passage_threshold: float) -> Sketch:
    units = np.zeros((0, _bands(passage_threshold)[0]), dtype=np.uint32)
    if len(doc.shingles):
        # one hash matrix gives the document's and its passages' signatures; only their
        # band keys are kept
        m = _minhash(doc.shingles)
        keys = _band_keys(m.min(axis=0)[None, :], threshold)[0]
        us = _units(0, doc)
        if us:
            padded = np.vstack([m, np.full((1, NUM_PERM), _MASK, dtype=np.uint64)])
            idx = np.array([x for u in us for x in (u.p0, u.p1)], dtype=np.int64)
            units = _band_keys(np.minimum.reduceat(padded, idx, axis=0)[::2], passage_threshold)
    elif len(doc.doc_set):
        keys = _band_keys(_minhash(doc.doc_set).min(axis=0)[None, :], threshold)[0]
    else:  # an empty text is nobody's copy
        keys = np.zeros(0, dtype=np.uint64)
    low = np.uint64(0xFFFFFFFF)
    return Sketch((keys & low).astype(np.uint32), (units & low).astype(np.uint32),
                  threshold, passage_threshold)


def find_dependences(sources: Iterable[tuple[str, str]], *, threshold: float = THRESHOLD,
                     passage_threshold: float = PASSAGE_THRESHOLD) -> list[Dependence]:
    """Pairs of sources that depend on each other, sorted by (a, b).

    A pair is reported when the texts as wholes are near duplicates (Jaccard of
    their 5-word shingle sets >= `threshold`; ``duplicate=True``) or when some
    passage of one (a sentence, a window of two or three sentences or a paragraph,
    of at least MIN_UNIT_WORDS words) near-duplicates a passage of the other (Jaccard >=
    `passage_threshold`) even though the documents differ. Empty and very short
    texts take part but rarely match; the result does not depend on input order.
    """
    docs = {d.sid: d for d in _collect(sources)}
    sketches = {sid: _sketch(d, threshold, passage_threshold) for sid, d in docs.items()}
    return ordered_by_pair(_link(sketches, set(docs), lambda ids: {i: docs[i] for i in ids}))


def new_dependences(sketches: Mapping[str, Sketch], fresh: Iterable[str],
                    texts: Callable[[list[str]], Iterable[tuple[str, str]]]) -> list[Dependence]:
    """The pairs `find_dependences` reports over all the sources of `sketches` that
    involve at least one source of `fresh`, sorted by (a, b).

    Whether two sources depend on each other is a question about the two alone (they
    share an LSH bucket, and the exact comparison of their texts agrees), so the
    dependences of a grown corpus are those of the old one plus the pairs with a new
    source: a rebuild that adds one source reads the texts of the few sources that
    share a bucket with it (`texts(ids)` gives them), not the corpus.
    """
    return ordered_by_pair(iter_new_dependences(sketches, fresh, texts))


def ordered_by_pair(dependences: Iterable[Dependence]) -> list[Dependence]:
    """Dependences sorted by their pair of sources (a, b)."""
    return sorted(dependences, key=lambda d: (d.a, d.b))


def iter_new_dependences(sketches: Mapping[str, Sketch], fresh: Iterable[str],
                         texts: Callable[[list[str]], Iterable[tuple[str, str]]]
                         ) -> Iterator[Dependence]:
    """`new_dependences` one pair at a time, in no set order (see `_link`), for a caller
    that keeps them in less memory than a list of them takes (`copy_pairs.CopyPairs`)."""
    fresh = set(fresh)

    def docs(ids: list[str]) -> dict[str, _Doc]:
        want = set(ids)
        return {d.sid: d for d in _collect((sid, t) for sid, t in texts(sorted(want))
                                           if sid in want)}

    return _link(sketches, fresh, docs)


def _link(sketches: Mapping[str, Sketch], fresh: set[str],
          docs_of: Callable[[list[str]], Mapping[str, _Doc]]) -> Iterator[Dependence]:
    """The dependences that involve a fresh source, tile by tile: sorted by (a, b)
    within a tile, not across tiles (callers put them in order: `ordered_by_pair`,
    or the store). The fresh sources are taken a block at a time
    (`FRESH_BLOCK`), each pair in the block of its later fresh source; a block's pairs
    among its own sources are one tile, and its pairs with the other sources that share
    a bucket with it (its partners) are more, a block of partners each. A tile holds
    the candidates and texts of two blocks, so what is held at once follows the block,
    not the corpus: the copies of a syndicated text link a block with every earlier
    one, and one tile for all of them held the texts of nearly the whole corpus."""
    ids = sorted(sketches)
    if len(ids) < 2 or not fresh:
        return
    first = sketches[ids[0]]
    threshold, passage_threshold = first.threshold, first.passage_threshold
    if any((sk.threshold, sk.passage_threshold) != (threshold, passage_threshold)
           for sk in sketches.values()):
        raise ValueError("sketches made with different thresholds cannot be compared")
    is_fresh = np.array([sid in fresh for sid in ids], dtype=bool)
    keys = _Keys.of([sketches[sid] for sid in ids])
    # (all the keys are in `keys` now: the sketches go, where the caller kept none)
    del sketches, first
    # near copies share band keys: ordered by their smallest one, the copies of one text
    # fall into one block, whose partners are then mostly its own members
    first_key = keys.first_doc_key()
    fresh_docs = np.flatnonzero(is_fresh)
    fresh_docs = fresh_docs[np.lexsort((fresh_docs, first_key[fresh_docs]))]
    blocks = np.array_split(fresh_docs, max(1, -(-len(fresh_docs) // FRESH_BLOCK)))
    block_of = np.full(len(ids), -1, dtype=np.int64)
    for n, block in enumerate(blocks):
        block_of[block] = n
    for n, block in enumerate(blocks):
        # the partners: earlier blocks and sources that are not fresh (a later block
        # finds its pairs with this one), in the order of their smallest key too
        partners = np.flatnonzero(keys.sharing(block_of == n) & (block_of < n))
        partners = partners[np.lexsort((partners, first_key[partners]))]
        held = _HeldDocs(docs_of, {ids[d] for d in block})
        for others in [block[:0], *(partners[k:k + FRESH_BLOCK]
                                    for k in range(0, len(partners), FRESH_BLOCK))]:
            tile = np.union1d(block, others)
            yield from _link_block([ids[d] for d in tile], np.isin(tile, block),
                                   keys.of_sources(tile), held, threshold, passage_threshold,
                                   cross=len(others) > 0)


FRESH_BLOCK = 128  # fresh sources whose pairs are looked for at once (and partners)


@dataclass(frozen=True)
class _Keys:
    """The band keys of the sources' sketches, all in two matrices: the documents'
    (`doc`, a row per source that has one, `downer` its source) and the passages'
    (`unit`, a row per passage, `uowner` its source; `counts` per source)."""

    doc: np.ndarray | None
    downer: np.ndarray
    unit: np.ndarray | None
    uowner: np.ndarray
    counts: list[int]

    @classmethod
    def of(cls, sketches: Sequence[Sketch]) -> _Keys:
        with_keys = [d for d, sk in enumerate(sketches) if len(sk.doc)]
        counts = [len(sk.units) for sk in sketches]
        uowner = np.repeat(np.arange(len(sketches), dtype=np.int64), counts)
        return cls(np.vstack([sketches[d].doc for d in with_keys]) if with_keys else None,
                   np.array(with_keys, dtype=np.int64),
                   (np.vstack([sk.units for sk in sketches if len(sk.units)])
                    if len(uowner) else None),
                   uowner, counts)

    def first_doc_key(self) -> np.ndarray:
        """Each source's smallest document key (the largest int64 where it has none)."""
        first = np.full(len(self.counts), np.iinfo(np.int64).max, dtype=np.int64)
        if self.doc is not None:
            first[self.downer] = self.doc.min(axis=1).astype(np.int64)
        return first

    def sharing(self, mine: np.ndarray) -> np.ndarray:
        """Which sources share a bucket (a key in some band, documents with documents
        and passages with passages) with a source that `mine` marks."""
        out = np.zeros(len(self.counts), dtype=bool)
        for keys, owner in ((self.doc, self.downer), (self.unit, self.uowner)):
            if keys is None:
                continue
            ours = mine[owner]
            if not ours.any():
                continue
            hit = np.zeros(len(keys), dtype=bool)
            for band in range(keys.shape[1]):
                hit |= np.isin(keys[:, band], keys[ours, band])
            out[owner[hit]] = True
        return out

    def of_sources(self, sources: np.ndarray) -> _Keys:
        """The keys of `sources` (ascending) alone, their owners numbered 0.. in turn."""
        local = np.full(len(self.counts), -1, dtype=np.int64)
        local[sources] = np.arange(len(sources))
        docs = local[self.downer] >= 0
        units = local[self.uowner] >= 0
        return _Keys(self.doc[docs] if self.doc is not None and docs.any() else None,
                     local[self.downer[docs]],
                     self.unit[units] if self.unit is not None and units.any() else None,
                     local[self.uowner[units]], [self.counts[d] for d in sources.tolist()])


class _HeldDocs:
    """The texts a block's tiles read: those of the block's own sources are read once
    and held for all its tiles, a partner's for its tile alone."""

    def __init__(self, docs_of: Callable[[list[str]], Mapping[str, _Doc]],
                 own: set[str]) -> None:
        self._docs_of, self._own = docs_of, own
        self._held: dict[str, _Doc] = {}

    def __call__(self, ids: list[str]) -> dict[str, _Doc]:
        got = self._docs_of([sid for sid in ids if sid not in self._held])
        self._held.update((sid, d) for sid, d in got.items() if sid in self._own)
        return {sid: self._held[sid] if sid in self._held else got[sid] for sid in ids}


def _link_block(ids: list[str], active: np.ndarray, keys: _Keys,
                docs_of: Callable[[list[str]], Mapping[str, _Doc]],
                threshold: float, passage_threshold: float, *,
                cross: bool) -> Iterator[Dependence]:
    """The dependences among the sources `ids` (whose `keys` are given) with an `active`
    source, sorted by (a, b); with `cross`, only those of an active source with one
    that is not."""
    # candidates: documents, and passages, that share a bucket in some band
    dk, downer, uk, uowner, counts = keys.doc, keys.downer, keys.unit, keys.uowner, keys.counts
    doc_pairs = np.zeros((0, 2), dtype=np.int64)
    if dk is not None and (found := _candidates(dk, downer, active[downer], cross)):
        doc_pairs = downer[np.concatenate(found)]
    # (millions, for a syndicated text: in chunks, which go once checked)
    unit_pairs = [] if uk is None else _candidates(uk, uowner, active[uowner], cross)
    if not len(doc_pairs) and not unit_pairs:
        return
    # exact verification: only the texts of the sources that take part are read
    need = _items_of(unit_pairs, len(uowner))  # the passages the candidates compare
    involved = np.union1d(doc_pairs, uowner[need]).tolist()
    loaded = docs_of([ids[d] for d in involved])
    doc = {d: loaded[ids[d]] for d in involved}
    duplicate: set[tuple[int, int]] = set()
    sims: dict[tuple[int, int], float] = {}  # (each pair's is reported too: once is enough)
    for i, j in doc_pairs.tolist():
        sim = sims[(i, j)] = _jaccard(doc[i].doc_set, doc[j].doc_set)
        if sim >= threshold:
            duplicate.add((i, j))
    rows = (_unit_matches(unit_pairs, need, uowner, counts, doc, passage_threshold, ids)
            if unit_pairs else np.zeros((0, 6), dtype=np.int64))
    # one pair of documents at a time: the matched passages of all pairs together would
    # be the largest thing in memory
    cuts = np.flatnonzero((np.diff(rows[:, 0]) != 0) | (np.diff(rows[:, 1]) != 0)) + 1
    bounds = np.concatenate(([0], cuts, [len(rows)])) if len(rows) else np.zeros(1, dtype=np.int64)
    matched = {(int(rows[a, 0]), int(rows[a, 1])): (int(a), int(b))
               for a, b in zip(bounds[:-1], bounds[1:], strict=True)}
    for i, j in sorted(duplicate | set(matched)):
        a, b = matched.get((i, j), (0, 0))
        matches = [tuple(r) for r in rows[a:b, 2:].tolist()]
        da, db = doc[i], doc[j]
        shared = _passages(da, db, matches, passage_threshold) if matches else ()
        if not shared and (i, j) not in duplicate:
            continue
        sim = sims.get((i, j))
        if sim is None:
            sim = _jaccard(da.doc_set, db.doc_set)
        yield Dependence(ids[i], ids[j], round(sim, 6), shared, (i, j) in duplicate)


def _unit_matches(unit_pairs: list[np.ndarray], need: np.ndarray, uowner: np.ndarray,
                  counts: list[int], doc: Mapping[int, _Doc], passage_threshold: float,
                  ids: list[str]) -> np.ndarray:
    """The candidate passage pairs (chunks of them, taken from `unit_pairs` as they are
    checked; `need`, the passages they compare) that pass the exact check, as rows (a,
    b, a_s0, a_s1, b_s0, b_s1): documents a < b and their matched sentence ranges,
    sorted. A passage copied into many sources has one shingle set: each distinct pair
    of sets is compared once in each chunk of candidates."""
    offset = np.concatenate(([0], np.cumsum(counts)))
    n = len(uowner)
    s0, s1 = np.zeros(n, dtype=np.int64), np.zeros(n, dtype=np.int64)
    cid = np.zeros(n, dtype=np.int64)
    # each distinct set of shingles, by a digest of its sorted hashes: its number; the
    # hashes of the sets, laid end to end as they are first met, and their sizes (the
    # sets of a block of copied sources hold millions of hashes: held once)
    sets: dict[bytes, int] = {}
    laid, sizes_l = bytearray(), array("q")

    owners = uowner[need]
    involved = np.unique(owners).tolist()
    for d in involved:
        us = _units(d, doc[d])
        if len(us) != counts[d]:
            raise ValueError(f"the sketch of {ids[d]} was not made from its text")
        base = int(offset[d])
        for k in need[owners == d].tolist():
            u = us[k - base]
            members = np.unique(doc[d].shingles[u.p0 : u.p1]).tobytes()
            key = hashlib.blake2b(members, digest_size=16).digest()
            number = sets.get(key)
            if number is None:
                number = sets[key] = len(sets)
                laid += members
                sizes_l.append(len(members) // 8)
            s0[k], s1[k], cid[k] = u.s0, u.s1, number
    sets.clear()
    sizes = np.frombuffer(sizes_l, dtype=np.int64)
    ranks = _dense_ranks(np.frombuffer(laid, dtype=np.uint64))
    del laid  # (let go of before the bank is made from the ranks)
    bank = _SetBank(ranks, sizes)
    del ranks
    # the matches found are kept as one integer each where the numbers allow (a sixth
    # of a row's size), sorted as the rows would be
    most = max(len(doc[d].sentences) for d in involved) + 1
    radix = (len(ids), len(ids), most, most, most, most)
    packed = math.prod(radix) <= PACK_LIMIT
    found = [_distinct_matches(i, j, uowner, s0, s1, radix, packed)
             for i, j in _alike_in_chunks(unit_pairs, cid, bank, passage_threshold)]
    # what checked the candidates is let go of before the matches are merged
    del bank, cid, s0, s1
    if not found:
        return np.zeros((0, 6), dtype=np.int64)
    merged = np.concatenate(found)
    found.clear()
    if not packed:
        return _unique_rows(merged)
    merged.sort()
    keep = np.ones(len(merged), dtype=bool)
    np.not_equal(merged[1:], merged[:-1], out=keep[1:])
    return _unpack(merged[keep], radix)


def _alike_in_chunks(unit_pairs: list[np.ndarray], cid: np.ndarray, bank: _SetBank,
                     threshold: float) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """The candidate passage pairs (i, j) whose shingle sets (`cid`, in `bank`) are
    alike, a bounded chunk at a time: the copies of a syndicated text make millions of
    them, and every array over them all would be held at once. Each chunk of
    candidates is taken from `unit_pairs` (and let go of) as it is checked."""
    n_sets = len(bank.sizes)
    while unit_pairs:
        pairs = unit_pairs.pop()
        for at in range(0, len(pairs), CHUNK):
            yield _alike(pairs[at:at + CHUNK, 0], pairs[at:at + CHUNK, 1], cid, bank, n_sets,
                         threshold)


def _alike(i: np.ndarray, j: np.ndarray, cid: np.ndarray, bank: _SetBank, n_sets: int,
           threshold: float) -> tuple[np.ndarray, np.ndarray]:
    """The pairs (i[p], j[p]) whose sets are alike: the same set, or sets compared
    once per distinct pair of them."""
    ok = cid[i] == cid[j]
    if not ok.all():
        lo, hi = np.minimum(cid[i], cid[j])[~ok], np.maximum(cid[i], cid[j])[~ok]
        todo, back = np.unique(lo * n_sets + hi, return_inverse=True)
        ok[~ok] = bank.similar(todo // n_sets, todo % n_sets, threshold)[back.ravel()]
    return i[ok], j[ok]


def _distinct_matches(i: np.ndarray, j: np.ndarray, uowner: np.ndarray, s0: np.ndarray,
                      s1: np.ndarray, radix: tuple[int, ...], packed: bool) -> np.ndarray:
    """Matched passages i < j as distinct (a, b, a_s0, a_s1, b_s0, b_s1) rows, sorted,
    packed into one integer each where `packed` (one match of a pair of sentence
    ranges is as good as many). Units are laid out by document, so owner[i] < owner[j]."""
    rows = np.stack([uowner[i], uowner[j], s0[i], s1[i], s0[j], s1[j]], axis=1)
    return np.unique(_pack(rows, radix)) if packed else _unique_rows(rows)


PACK_LIMIT = 2**63 - 1  # the largest key an int64 holds


def _pack(rows: np.ndarray, radix: Sequence[int]) -> np.ndarray:
    """Each row of small non-negative integers as one int64 (the columns as digits of
    the mixed radix `radix`, the first most significant): the keys sort as the rows."""
    key = rows[:, 0].copy()
    for col, base in enumerate(radix[1:], start=1):
        key *= base
        key += rows[:, col]
    return key


def _unpack(keys: np.ndarray, radix: Sequence[int]) -> np.ndarray:
    """The rows `_pack` made `keys` of."""
    rows = np.empty((len(keys), len(radix)), dtype=np.int32 if max(radix) < 2**31 else np.int64)
    for col in range(len(radix) - 1, 0, -1):
        keys, rows[:, col] = np.divmod(keys, radix[col])
    rows[:, 0] = keys
    return rows


class _SetBank:
    """Many sorted sets of distinct 64-bit hashes, laid out to count the common members
    of many pairs of them at once: a Python loop over the pairs of a syndicated corpus
    was most of the time spent finding its copies. Every hash is replaced by its rank
    among all of them (`_dense_ranks`), so that (set, rank) is one integer and all the
    sets lie in one sorted array; the members of the smaller set of each pair are
    looked up in the other there, a bounded chunk of members at a time. Made from the
    sets laid end to end as ranks (`ranks`, each set's `sizes`), which the caller lets
    go of: the bank keeps only its one array, 8 bytes a member."""

    def __init__(self, ranks: np.ndarray, sizes: np.ndarray) -> None:
        self.sizes = np.asarray(sizes, dtype=np.int64)
        self.starts = np.concatenate(([0], np.cumsum(self.sizes)[:-1]))
        self.span = int(ranks.max()) + 2 if len(ranks) else 1
        self.keys = np.repeat(np.arange(len(self.sizes), dtype=np.int64), self.sizes)
        self.keys *= self.span
        self.keys += ranks

    def common(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """For each pair p, how many members sets x[p] and y[p] share."""
        out = np.zeros(len(x), dtype=np.int64)
        small = self.sizes[x] <= self.sizes[y]
        x, y = np.where(small, x, y), np.where(small, y, x)
        for lo, hi in _bounded_runs(self.sizes[x]):
            n = self.sizes[x[lo:hi]]
            pair = np.repeat(np.arange(hi - lo), n)
            member = (np.repeat(self.starts[x[lo:hi]] - (np.cumsum(n) - n), n)
                      + np.arange(int(n.sum())))
            # a member of set x is (x, rank) in the bank: the same hash in set y is (y, rank)
            want = self.keys[member] + (y[lo:hi] - x[lo:hi])[pair] * self.span
            at = np.minimum(np.searchsorted(self.keys, want), len(self.keys) - 1)
            out[lo:hi] = np.bincount(pair, weights=self.keys[at] == want, minlength=hi - lo)
        return out

    def similar(self, x: np.ndarray, y: np.ndarray, threshold: float) -> np.ndarray:
        """Whether the Jaccard similarity of sets x[p] and y[p] reaches `threshold` (a
        set is never empty: a passage has MIN_UNIT_WORDS words, more than a shingle)."""
        inter = self.common(x, y)
        return inter / (self.sizes[x] + self.sizes[y] - inter) >= threshold


def _dense_ranks(values: np.ndarray) -> np.ndarray:
    """Each value's rank among the distinct values (`np.unique`'s inverse), in int32
    where that suffices. The sets of a block of copied sources hold millions of
    hashes but share most of them, so the distinct ones are few: they are sorted out
    of a copy, and each value is looked up among them a chunk at a time, which holds
    about half of what the inverse of `np.unique` (an argsort and a sorted copy) holds
    besides the values."""
    distinct = np.unique(values)
    rank = np.empty(len(values), dtype=np.int32 if len(distinct) < 2**31 else np.int64)
    for lo in range(0, len(values), CHUNK):
        rank[lo:lo + CHUNK] = np.searchsorted(distinct, values[lo:lo + CHUNK])
    return rank


def _bounded_runs(sizes: np.ndarray) -> Iterator[tuple[int, int]]:
    """Consecutive ranges [lo, hi) of items whose sizes add up to at most CHUNK (or
    one item larger than that): what is expanded item by item is then held a bounded
    chunk at a time."""
    cum = np.cumsum(sizes)
    lo = 0
    while lo < len(sizes):
        done = cum[lo - 1] if lo else 0
        hi = max(lo + 1, int(np.searchsorted(cum, done + CHUNK, side="right")))
        yield lo, hi
        lo = hi


def _items_of(chunks: list[np.ndarray], n: int) -> np.ndarray:
    """The distinct items of the pairs in `chunks` (indexes below `n`), ascending. The
    candidate pairs of a syndicated corpus are tens of millions: sorting them, or
    indexing by them, to find their items would hold them twice more."""
    seen = np.zeros(n, dtype=bool)
    for pairs in chunks:
        seen[pairs.ravel()] = True
    return np.flatnonzero(seen)


def _unique_rows(m: np.ndarray) -> np.ndarray:
    """`np.unique(m, axis=0)`: the distinct rows, sorted. That one compares rows as
    opaque bytes, several times slower on the million rows of a syndicated corpus."""
    if len(m) < 2:
        return m
    m = m[np.lexsort(m.T[::-1])]
    keep = np.ones(len(m), dtype=bool)
    keep[1:] = (m[1:] != m[:-1]).any(axis=1)
    return m[keep]


def _candidates(keys: np.ndarray, owner: np.ndarray, fresh: np.ndarray,
                cross: bool) -> list[np.ndarray]:
    """Pairs of items (rows i < j of `keys`) that share a bucket in some band, belong to
    different owners (sources), and of which at least one is `fresh` (with `cross`,
    exactly one). They come as chunks of (n, 2) arrays, as they were found: joined
    into one, a syndicated corpus's millions of candidates would be held twice while
    they were copied.

    Every such pair is a candidate: whether two items are compared never depends on
    the other items, so a grown corpus compares what it compared before, plus pairs
    with the new items. Items with identical keys in every band (the same passage in
    many sources) are first gathered into one class, so a passage copied N times costs
    one bucket entry, and only the N² pairs of its copies, which are the answer.
    """
    if len(keys) < 2 or not fresh.any():
        return []
    # only buckets with a fresh item matter: drop every item that shares none
    keep = fresh.copy()
    for band in range(keys.shape[1]):
        keep |= np.isin(keys[:, band], keys[fresh, band])
    # (a candidate pair of a syndicated corpus is one of millions: two int32 where the
    # items are few enough)
    idx = np.flatnonzero(keep).astype(np.int32 if len(keys) < 2**31 else np.int64)
    keys, owner, fresh = keys[idx], owner[idx], fresh[idx]
    classes, cls = np.unique(keys, axis=0, return_inverse=True)
    cls = cls.ravel()
    n_cls = len(classes)
    by_class = np.argsort(cls, kind="stable")  # items grouped by class, ascending in each
    counts = np.bincount(cls, minlength=n_cls)
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    cls_fresh = np.bincount(cls, weights=fresh, minlength=n_cls) > 0
    found: list[np.ndarray] = []

    def emit(a: np.ndarray, b: np.ndarray, same: bool) -> None:
        """The item pairs of class pairs (a, b) that qualify, expanded a bounded chunk
        at a time so that memory follows the answer, not the items of big classes."""
        for lo, hi in _bounded_runs(counts[a] * counts[b]):
            left, right = _expand(a[lo:hi], b[lo:hi], counts, starts, by_class, same=same)
            ok = (owner[left] != owner[right]) & (
                fresh[left] != fresh[right] if cross else fresh[left] | fresh[right])
            if ok.any():
                pair = np.stack([left[ok], right[ok]], axis=1)
                found.append(idx[np.sort(pair, axis=1)])  # (idx ascends: still i < j)

    # pairs inside a class with a fresh item
    inner = np.flatnonzero(cls_fresh & (counts > 1))
    if len(inner):
        emit(inner, inner, True)
    # pairs of classes that share a bucket in some band, then their items
    linked = np.zeros(0, dtype=np.int64)
    pending: list[np.ndarray] = []  # joined into `linked` when they outgrow it: a union
    # per band would sort everything linked so far once per band
    for band in range(classes.shape[1]):
        order = np.argsort(classes[:, band], kind="stable")
        ks = classes[order, band]
        bounds = np.concatenate(([0], np.flatnonzero(ks[1:] != ks[:-1]) + 1, [len(ks)]))
        sizes = np.diff(bounds)
        groups = np.flatnonzero(sizes > 1)
        # (the buckets a bounded number of class pairs at a time: the copies of one text
        # fill a bucket with hundreds of classes, and their pairs with thousands)
        for lo, hi in _bounded_runs(sizes[groups] ** 2):
            x, y = _expand(groups[lo:hi], groups[lo:hi], sizes, bounds[:-1], order, same=True)
            x, y = np.minimum(x, y), np.maximum(x, y)
            hit = cls_fresh[x] | cls_fresh[y]
            pending.append(np.unique(x[hit] * n_cls + y[hit]))
            if sum(map(len, pending)) > len(linked):
                linked = np.unique(np.concatenate([linked, *pending]))
                pending = []
    if pending:
        linked = np.unique(np.concatenate([linked, *pending]))
    # (a slice at a time: the arrays made over all the linked pairs at once were the
    # largest thing a block held)
    for at in range(0, len(linked), CHUNK):
        emit(linked[at:at + CHUNK] // n_cls, linked[at:at + CHUNK] % n_cls, False)
    return found


def _expand(a: np.ndarray, b: np.ndarray, counts: np.ndarray, starts: np.ndarray,
            items: np.ndarray, *, same: bool) -> tuple[np.ndarray, np.ndarray]:
    """Every (item of class a[p], item of class b[p]) for all p, as two arrays; with
    `same` (a == b) each unordered pair of distinct items once."""
    na, nb = counts[a], counts[b]
    sizes = na * nb
    p = np.repeat(np.arange(len(a)), sizes)
    k = np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    x, y = k // nb[p], k % nb[p]
    if same:
        keep = x < y
        p, x, y = p[keep], x[keep], y[keep]
    return items[starts[a[p]] + x], items[starts[b[p]] + y]


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
