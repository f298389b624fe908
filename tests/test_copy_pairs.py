"""Copy pairs held compact: the same pairs come back, whatever is asked of them."""

import numpy as np
import pytest

from accord.align.copy_pairs import CopyPairs, PassageIndex
from accord.align.independence import Dependence

PAIRS = [
    Dependence("s2", "s5", 0.31, ((0, 40, 100, 140), (50, 90, 150, 190))),
    Dependence("s1", "s2", 0.92, (), duplicate=True),
    Dependence("s3", "s5", 0.12, ((7, 30, 0, 23),)),
]


def test_pairs_come_back_as_they_went_in():
    pairs = CopyPairs.collect(PAIRS)
    assert len(pairs) == 3
    assert list(pairs) == PAIRS
    assert pairs.ids == ("s1", "s2", "s3", "s5")


def _stored(pairs):
    """The pairs as the store keeps them: passages as little-endian int64 quadruples."""
    return [(d.a, d.b, d.similarity, d.duplicate,
             np.asarray(d.shared_passages, dtype="<i8").tobytes()) for d in pairs]


def test_stored_rows_read_back_to_the_same_pairs():
    assert list(CopyPairs.from_rows(_stored(PAIRS))) == PAIRS


def test_passages_read_back_from_any_kind_of_buffer():
    """A database driver may hand a stored blob back as bytes or as a memoryview."""
    rows = _stored(PAIRS)
    for kind in (bytes, bytearray, memoryview):
        assert list(CopyPairs.from_rows((a, b, s, d, kind(p)) for a, b, s, d, p in rows)) == PAIRS


def test_offsets_beyond_32_bits_are_kept_whole():
    """Passages are held in 32 bits until an offset needs more; then all of them widen."""
    far = 2**31 + 5
    pairs = [*PAIRS, Dependence("s6", "s7", 0.5, ((far, far + 40, 3, 43),)),
             Dependence("s7", "s8", 0.4, ((1, 2, 3, 4),))]
    held = CopyPairs.collect(pairs)
    assert list(held) == pairs
    assert list(CopyPairs.from_rows(_stored(pairs))) == pairs
    assert CopyPairs.collect(PAIRS).spans.dtype == np.int32


def test_a_pair_out_of_order_is_refused():
    with pytest.raises(ValueError, match="in order"):
        CopyPairs.from_rows([("b", "a", 0.5, False, b"")])


def test_nothing_is_an_empty_set_of_pairs():
    empty = CopyPairs.collect([])
    assert len(empty) == 0 and list(empty) == []
    assert PassageIndex(empty).origin("s1", 0, 10) is None


def test_a_passage_names_the_smallest_source_that_carries_it():
    for index in (PassageIndex(PAIRS), PassageIndex(CopyPairs.collect(PAIRS))):
        assert index.origin("s5", 100, 140) == "s2"  # s2 [0, 40) = s5 [100, 140)
        assert index.origin("s2", 0, 40) == "s2"
        assert index.origin("s5", 0, 23) == "s3"
        assert index.origin("s5", 95, 102) is None  # mostly outside the passage
        assert index.origin("s5", 120, 120) == "s2"  # an empty span inside it
        assert index.origin("s1", 0, 40) is None  # a whole copy has no passages here
        assert index.origin("s4", 0, 40) is None


def test_the_index_cut_to_a_few_sources_answers_for_them_as_the_whole_does():
    import random

    rng = random.Random(7)
    ids = [f"s{i:02d}" for i in range(30)]
    pairs = []
    for a, b in sorted({tuple(sorted(rng.sample(ids, 2))) for _ in range(80)}):
        spans = sorted((x, x + rng.randint(5, 40), y, y + rng.randint(5, 40))
                       for x, y in ((rng.randrange(0, 500), rng.randrange(0, 500))
                                    for _ in range(rng.randint(0, 4))))
        pairs.append(Dependence(a, b, 0.5, tuple(spans)))
    whole = PassageIndex(pairs)
    for few in (ids[:3], ids[10:18], [ids[5], ids[29], "not a source"], []):
        part = whole.only(few)
        assert set(part.sources) <= set(whole.sources) and len(part) <= len(whole)
        for sid in few:
            for start in range(0, 560, 7):
                for length in (0, 3, 20):
                    assert part.origin(sid, start, start + length) == \
                        whole.origin(sid, start, start + length)
    assert len(whole.only(ids)) == len(whole)


def test_a_claim_beyond_32_bits_is_looked_up_in_an_index_of_either_width():
    """The index holds passages in their own width; a claim's offsets may lie beyond
    it (a long text), and passages beyond 32 bits widen the index."""
    narrow = PassageIndex(CopyPairs.collect(PAIRS))
    far = 2**31 + 5
    assert narrow.origin("s5", far, far + 40) is None
    assert narrow.origin("s5", 100, far) is None  # mostly outside the passage
    wide = PassageIndex(CopyPairs.collect([*PAIRS, Dependence("s6", "s7", 0.5, (
        (far, far + 40, 3, 43),))]))
    assert wide.origin("s6", far + 1, far + 39) == "s6"
    assert wide.origin("s7", 3, 43) == "s6"
    assert wide.origin("s5", 100, 140) == "s2"


def _origin_by_every_pair(pairs, source_id, start, end):
    """The answer the index must give, worked out from every passage of every pair."""
    hits = []
    for d in pairs:
        for a0, a1, b0, b1 in d.shared_passages:
            for mine, other, p0, p1 in ((d.a, d.b, a0, a1), (d.b, d.a, b0, b1)):
                if mine != source_id:
                    continue
                inside = (2 * (min(end, p1) - max(start, p0)) >= end - start if end > start
                          else p0 <= start < p1)
                if inside:
                    hits.append(other)
    return min(min(hits), source_id) if hits else None


def test_a_passage_many_sources_share_is_kept_once_per_span_with_the_same_answers(monkeypatch):
    """Sources that copy each other repeat one span of a source in many pairs: the
    index keeps one row per span, built a few pairs at a time, and answers as if it
    held them all."""
    rng = np.random.default_rng(7)
    ids = [f"s{i:02d}" for i in range(12)]
    spans = [(0, 40), (50, 90), (50, 95), (200, 260)]
    pairs = []
    for i, x in enumerate(ids):
        for y in ids[i + 1:]:
            if rng.random() < 0.6:
                chosen = rng.choice(len(spans), size=2, replace=False)
                pairs.append(Dependence(x, y, 0.5, tuple(
                    (*spans[k], *spans[(k + 1) % len(spans)]) for k in sorted(chosen))))
    monkeypatch.setattr(PassageIndex, "ROWS_AT_ONCE", 5)
    index = PassageIndex(CopyPairs.collect(pairs))
    assert len(index) <= len(ids) * len(spans) < 2 * sum(len(d.shared_passages) for d in pairs)
    for sid in [*ids, "zz"]:
        for start, end in [(0, 40), (10, 20), (50, 60), (60, 94), (199, 259), (45, 45),
                           (55, 55), (100, 150), (30, 70)]:
            assert index.origin(sid, start, end) == _origin_by_every_pair(pairs, sid, start, end)
