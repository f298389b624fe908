"""Copies found incrementally: the pairs with a new source, added to the stored pairs,
are what a search over the whole corpus finds, and finding them reads only the texts
that share an LSH bucket with the new source. Texts are made up."""

import random

import pytest

from accord.align.independence import Sketch, find_dependences, new_dependences, sketch
from tests.made_up import made_up_sentence, made_up_words


def _corpus(seed: int, n: int = 60) -> dict[str, str]:
    """Texts from a few made-up articles: sentences shuffled and dropped, some copied
    whole, one passage pasted into unrelated texts, and unrelated texts."""
    rng = random.Random(seed)
    vocab = made_up_words(rng, 1500)

    def sentence() -> str:
        return made_up_sentence(rng, vocab, 12, 22)

    articles = [[[sentence() for _ in range(4)] for _ in range(3)] for _ in range(4)]
    texts = {}
    for k in range(n):
        kind = k % 4
        if kind == 3:  # its own words
            body = [[sentence() for _ in range(3)] for _ in range(2)]
        else:
            body = [rng.sample(p, rng.randint(2, 4)) for p in rng.choice(articles)]
        if kind == 2:  # a pasted paragraph of an article into its own words
            body = [[sentence()], articles[0][1], [sentence()]]
        texts[f"t{k:03d}"] = "\n\n".join(" ".join(p) for p in body)
    texts["t999"] = texts["t001"]  # an exact copy
    texts["e000"] = ""  # an empty text
    return texts


@pytest.mark.parametrize("seed", range(3))
def test_pairs_with_new_sources_complete_the_stored_pairs(seed):
    texts = _corpus(seed)
    whole = find_dependences(texts.items())
    assert any(d.duplicate for d in whole) and any(not d.duplicate for d in whole)
    sketches = {sid: Sketch.from_bytes(sketch(t).to_bytes()) for sid, t in texts.items()}
    rng = random.Random(seed)
    for k in (1, 5):
        new = set(rng.sample(sorted(texts), k))
        old = [d for d in find_dependences((s, t) for s, t in texts.items() if s not in new)]
        read: list[str] = []

        def text_of(ids: list[str], read: list[str] = read):
            read.extend(ids)
            return [(sid, texts[sid]) for sid in ids]

        found = new_dependences(sketches, new, text_of)
        assert all(d.a in new or d.b in new for d in found)
        assert sorted(old + found, key=lambda d: (d.a, d.b)) == whole
        # the texts of the new sources' candidates are read, not the corpus
        partners = {x for d in found for x in (d.a, d.b)}
        assert partners <= set(read)
        assert len(read) < len(texts) / (2 if k == 1 else 1)


def test_a_sketch_round_trips_and_refuses_another_text():
    text = _corpus(0)["t000"]
    s = sketch(text)
    back = Sketch.from_bytes(s.to_bytes())
    assert (back.doc == s.doc).all() and (back.units == s.units).all()
    assert back.units.shape == s.units.shape and back.threshold == s.threshold
    stale = {"a": s, "b": sketch(text)}
    with pytest.raises(ValueError, match="not made from its text"):
        new_dependences(stale, {"a"}, lambda ids: [(i, text + " More words here.") for i in ids])
