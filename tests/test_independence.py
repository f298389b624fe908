"""Source independence: copies of one text count once; a pasted passage is found
with its spans in both texts. All texts here are made up for these tests."""

import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import accord.align.independence as ind
from accord.align.copy_pairs import PassageIndex, passage_origin
from accord.align.independence import Dependence, find_dependences, new_dependences, origins
from tests.made_up import made_up_sentence, made_up_words

ARTICLE = """Marta Quillon (born 3 May 1884 in Orsk Ferry) was a cartographer of the inland lakes.

She trained as an engraver in the workshop of her uncle, who printed river charts for the ferry companies. In 1906 she joined the Lake Survey Office and spent eleven summers sounding the depths of the northern basins from a rowing boat.

Her chart of the Greywater chain, published in 1913, was the first to show the drowned forest under the eastern shore. The office printed four thousand copies, most of which were lost in the warehouse fire of 1921.

Quillon retired in 1930 and moved to the coast, where she taught drawing to the children of the lighthouse crews. She died on 9 January 1952 and left her notebooks to the town library."""

# the same story told independently: same facts, other words
OTHER_ARTICLE = """The Greywater survey owes most of its early charts to Marta Quillon, born in Orsk Ferry in May 1884.

Quillon learned engraving from an uncle before taking a post with the Lake Survey Office in 1906. For more than a decade she measured the northern basins herself, working from a small boat each summer.

Her 1913 chart revealed a sunken forest on the eastern side of the lakes; a fire in 1921 destroyed most of the printed stock.

After leaving the office in 1930 she lived by the sea and gave drawing lessons. Quillon died in January 1952."""

BLOG_INTRO = """Last weekend we rented a canoe at the old ferry landing and paddled across to the eastern shore. The water was so clear that you could see the tops of dead trees standing far below the surface.

The guide at the boathouse told us the story of the woman who first mapped them. I looked her up when we got home, and the encyclopedia puts it like this:

"""

BLOG_OUTRO = """

We did not find the notebooks, but the library has a copy of the chart framed above the front desk. Bring a warm jacket if you go: the wind on the water is cold even in August."""


def pasted_paragraphs() -> str:
    paras = ARTICLE.split("\n\n")
    return paras[1] + "\n\n" + paras[2]


def blog() -> str:
    return BLOG_INTRO + pasted_paragraphs() + BLOG_OUTRO


def light_edit(text: str) -> str:
    return (text.replace("eleven summers", "ten summers")
            .replace("four thousand", "4,000")
            .replace("taught drawing", "taught painting")
            + "\n\nSee also: lake charts of the northern basins.")


def by_pair(deps: list[Dependence]) -> dict[tuple[str, str], Dependence]:
    return {(d.a, d.b): d for d in deps}


# ------------------------------------------------------------ documents


def test_identical_texts_share_an_origin():
    deps = find_dependences([("s2", ARTICLE), ("s1", ARTICLE)])
    assert len(deps) == 1
    d = deps[0]
    assert (d.a, d.b) == ("s1", "s2")
    assert d.duplicate and d.similarity == pytest.approx(1.0)
    assert origins([("s1", ARTICLE), ("s2", ARTICLE)], deps) == {"s1": "s1", "s2": "s1"}


def test_lightly_edited_copy_shares_an_origin():
    sources = [("orig", ARTICLE), ("copy", light_edit(ARTICLE))]
    deps = find_dependences(sources)
    assert len(deps) == 1 and deps[0].duplicate
    assert 0.5 <= deps[0].similarity < 1.0
    assert origins(sources) == {"copy": "copy", "orig": "copy"}


def test_case_punctuation_and_accents_do_not_hide_a_copy():
    shouted = ARTICLE.upper().replace(",", "").replace("Orsk", "Órsk")
    deps = find_dependences([("a", ARTICLE), ("b", shouted)])
    assert deps and deps[0].duplicate and deps[0].similarity > 0.9


def test_one_wire_story_on_two_sites_shares_an_origin():
    site1 = "Harbour Gazette | News | Weather | Sign in\n\n" + ARTICLE + "\n\nShare this story. Comments are closed."
    site2 = ("Valley Courier - your local paper since 1950\n\nBy our staff and agencies\n\n" + ARTICLE
             + "\n\nSubscribe to our newsletter for more stories like this one.")
    o = origins([("site-b", site2), ("site-a", site1)])
    assert o == {"site-a": "site-a", "site-b": "site-a"}


def test_different_articles_on_one_topic_are_independent():
    sources = [("enc", ARTICLE), ("other", OTHER_ARTICLE)]
    assert find_dependences(sources) == []
    assert origins(sources) == {"enc": "enc", "other": "other"}


def test_copies_chain_into_one_origin():
    texts = [("c", ARTICLE), ("b", light_edit(ARTICLE)), ("a", light_edit(ARTICLE) + " Updated.")]
    assert set(origins(texts).values()) == {"a"}


def test_russian_text_is_compared_too():
    ru = ("Марта Квиллон родилась в 1884 году в посёлке у переправы и всю жизнь чертила карты озёр. "
          "В 1906 году она поступила в озёрное управление и одиннадцать лет промеряла глубины северных "
          "бассейнов с вёсельной лодки.")
    other = ("Управление получило первые надёжные карты северных озёр только после войны, когда "
             "промеры начали вести с паровых катеров и с берега одновременно.")
    deps = find_dependences([("r1", ru), ("r2", ru.replace("ё", "е")), ("r3", other)])
    assert [(d.a, d.b, d.duplicate) for d in deps] == [("r1", "r2", True)]


# ------------------------------------------------------------ passages


def test_pasted_passage_is_found_with_its_spans():
    post = blog()
    deps = find_dependences([("enc", ARTICLE), ("blog", post), ("other", OTHER_ARTICLE)])
    pairs = by_pair(deps)
    assert set(pairs) == {("blog", "enc")}
    d = pairs[("blog", "enc")]
    assert not d.duplicate and d.similarity < 0.5
    assert len(d.shared_passages) == 1
    b0, b1, e0, e1 = d.shared_passages[0]
    pasted = pasted_paragraphs()
    assert post[b0:b1] == pasted
    assert ARTICLE[e0:e1] == pasted
    # a copied passage does not make the blog a copy of the encyclopedia
    assert origins([("enc", ARTICLE), ("blog", post)], deps) == {"blog": "blog", "enc": "enc"}


def test_passage_origin_names_one_source_for_every_copy():
    post = blog()
    deps = find_dependences([("enc", ARTICLE), ("blog", post)])
    sentence = "In 1906 she joined the Lake Survey Office"
    i, j = post.index(sentence), ARTICLE.index(sentence)
    # both copies of the sentence name the same origin
    assert passage_origin(deps, "blog", i, i + len(sentence)) == "blog"
    assert passage_origin(deps, "enc", j, j + len(sentence)) == "blog"
    # the blog's own sentences and the article's other paragraphs are nobody's copy
    own = post.index("Last weekend")
    assert passage_origin(deps, "blog", own, own + 40) is None
    k = ARTICLE.index("Quillon retired")
    assert passage_origin(deps, "enc", k, k + 40) is None
    assert passage_origin(deps, "unknown", 0, 10) is None
    index = PassageIndex(deps)
    assert passage_origin(index, "enc", j, j + len(sentence)) == "blog"


def test_passage_copied_into_several_sources():
    post = blog()
    forum = "Someone asked about the lake charts.\n\n" + pasted_paragraphs() + "\n\nHope this helps."
    deps = find_dependences([("x-enc", ARTICLE), ("m-blog", post), ("f-forum", forum)])
    assert set(by_pair(deps)) == {("f-forum", "m-blog"), ("f-forum", "x-enc"), ("m-blog", "x-enc")}
    sentence = "The office printed four thousand copies"
    found = {passage_origin(deps, sid, t.index(sentence), t.index(sentence) + len(sentence))
             for sid, t in (("x-enc", ARTICLE), ("m-blog", post), ("f-forum", forum))}
    assert found == {"f-forum"}


def test_lightly_edited_passage_is_found():
    edited = pasted_paragraphs().replace("rowing boat", "small rowing boat")
    post = BLOG_INTRO + edited + BLOG_OUTRO
    deps = find_dependences([("enc", ARTICLE), ("blog", post)])
    assert len(deps) == 1
    (b0, b1, e0, e1), = deps[0].shared_passages
    assert post[b0:b1] == edited
    assert ARTICLE[e0:e1] == pasted_paragraphs()


def test_passage_threshold_is_respected():
    edited = pasted_paragraphs().replace("rowing boat", "small rowing boat")
    post = BLOG_INTRO + edited + BLOG_OUTRO
    strict = find_dependences([("enc", ARTICLE), ("blog", post)], passage_threshold=1.0)
    assert len(strict) == 1 and strict[0].shared_passages
    # with an exact threshold the edited sentence is no longer part of any copied passage
    for b0, b1, _e0, _e1 in strict[0].shared_passages:
        assert "small rowing boat" not in post[b0:b1]


def test_many_copies_of_one_text_are_one_origin():
    sources = [(f"site{i:03d}", f"Site {i} front page\n\n{ARTICLE}") for i in range(150)]
    deps = find_dependences(sources)
    assert set(origins(sources, deps).values()) == {"site000"}
    s = ARTICLE.index("Her chart")
    offset = len("Site 7 front page\n\n")
    assert passage_origin(deps, "site007", offset + s, offset + s + 30) == "site000"


# ------------------------------------------------------------ robustness


def test_input_order_does_not_change_the_result():
    sources = [("enc", ARTICLE), ("blog", blog()), ("copy", light_edit(ARTICLE)),
               ("other", OTHER_ARTICLE), ("dup", ARTICLE)]
    expected = find_dependences(sources)
    expected_origins = origins(sources, expected)
    rng = random.Random(3)
    for _ in range(5):
        shuffled = sources[:]
        rng.shuffle(shuffled)
        got = find_dependences(shuffled)
        assert got == expected
        assert origins(shuffled, got) == expected_origins
    assert all(d.a < d.b for d in expected)


@pytest.mark.parametrize("texts", [
    [],
    [("only", ARTICLE)],
    [("a", ""), ("b", "")],
    [("a", "   \n\n  "), ("b", "Yes."), ("c", "No."), ("d", ARTICLE)],
    [("a", "Short note."), ("b", "Short note."), ("c", "...!?")],
])
def test_empty_and_short_texts_do_not_crash(texts):
    deps = find_dependences(texts)
    o = origins(texts, deps)
    assert set(o) == {sid for sid, _t in texts}
    for d in deps:
        assert d.a < d.b


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("ab cd\n.!é Ж"), max_size=120), max_size=6))
def test_any_texts_give_ordered_pairs_and_valid_spans(texts):
    sources = [(f"s{i}", t) for i, t in enumerate(texts)]
    deps = find_dependences(sources)
    assert deps == find_dependences(sources[::-1])
    text = dict(sources)
    for d in deps:
        assert d.a < d.b and 0.0 <= d.similarity <= 1.0
        for a0, a1, b0, b1 in d.shared_passages:
            assert 0 <= a0 < a1 <= len(text[d.a]) and 0 <= b0 < b1 <= len(text[d.b])
    assert set(origins(sources, deps)) == set(text)


def test_identical_short_texts_are_copies_and_empty_ones_are_not():
    deps = find_dependences([("a", "Short note."), ("b", "Short note."), ("c", ""), ("d", "")])
    assert [(d.a, d.b) for d in deps] == [("a", "b")]


def _generated(n: int, seed: int = 11) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    vocab = made_up_words(rng, 2000)

    def sentence() -> str:
        return made_up_sentence(rng, vocab, 8, 20)

    def text() -> str:
        return "\n\n".join(" ".join(sentence() for _ in range(rng.randint(2, 4)))
                           for _ in range(rng.randint(2, 4)))

    return [(f"g{i:04d}", text()) for i in range(n)]


def test_many_sources_stay_near_linear(monkeypatch):
    sources = _generated(2000)
    hosts = _generated(10, seed=12)
    # ten exact copies, and ten new texts that each paste another's first paragraph
    for k in range(10):
        sources.append((f"copy{k}", sources[k][1]))
        first = sources[100 + k][1].split("\n\n")[0]
        sources.append((f"paste{k}", hosts[k][1] + "\n\n" + first))
    calls = 0
    real = ind._jaccard

    def counting(x, y):
        nonlocal calls
        calls += 1
        return real(x, y)

    monkeypatch.setattr(ind, "_jaccard", counting)
    deps = find_dependences(sources)
    # exact comparisons are few: nothing like the 2 million pairs of an all-pairs scan
    assert calls < 20 * len(sources)
    pairs = by_pair(deps)
    for k in range(10):
        assert pairs[(f"copy{k}", f"g{k:04d}")].duplicate
        assert not pairs[(f"g{100 + k:04d}", f"paste{k}")].duplicate
    o = origins(sources, deps)
    assert sum(1 for sid, rep in o.items() if sid != rep) == 10


def test_shared_members_of_many_pairs_are_counted_exactly(monkeypatch):
    """The exact check of passage pairs counts shared shingles for all pairs at once;
    it must agree with plain set arithmetic, also across the chunks it works in."""
    rng = random.Random(7)
    pool = [rng.getrandbits(64) for _ in range(400)]
    sets = [sorted(set(rng.sample(pool, rng.randint(1, 60)))) for _ in range(50)]
    arrays = [np.array(s, dtype=np.uint64) for s in sets]
    x = np.array([rng.randrange(50) for _ in range(300)])
    y = np.array([rng.randrange(50) for _ in range(300)])
    expected = [len(set(sets[a]) & set(sets[b])) for a, b in zip(x, y, strict=True)]
    for chunk in (ind.CHUNK, 7):
        monkeypatch.setattr(ind, "CHUNK", chunk)
        bank = ind._SetBank(ind._dense_ranks(np.concatenate(arrays)),
                            np.array([len(a) for a in arrays]))
        assert bank.common(x, y).tolist() == expected
        jaccard = [e / (len(sets[a]) + len(sets[b]) - e) for e, a, b in zip(expected, x, y, strict=True)]
        assert bank.similar(x, y, 0.5).tolist() == [j >= 0.5 for j in jaccard]


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers(0, 2**64 - 1) | st.sampled_from([0, 5, 2**63]), max_size=40),
       st.sampled_from([3, 1 << 18]))
def test_a_hash_is_ranked_among_the_distinct_hashes_as_unique_would(values, chunk):
    """The set bank's ranks are `np.unique`'s inverse, whatever chunk they are looked up in."""
    v = np.array(values, dtype=np.uint64)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(ind, "CHUNK", chunk)
        ranks = ind._dense_ranks(v)
    assert ranks.tolist() == np.unique(v, return_inverse=True)[1].ravel().tolist()


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(*[st.integers(0, 6)] * 3), max_size=30))
def test_matches_packed_into_one_integer_sort_and_unpack_as_rows(rows):
    radix = (7, 7, 7)
    m = np.array(rows, dtype=np.int64).reshape(-1, 3)
    keys = ind._pack(m, radix)
    assert ind._unpack(keys, radix).tolist() == m.tolist()
    assert ind._unpack(np.unique(keys), radix).tolist() == [list(r) for r in sorted(set(rows))]


def test_matches_too_many_to_pack_are_kept_as_rows_with_the_same_result(monkeypatch):
    sources = _generated(12, seed=3)
    for k in range(0, 12, 3):
        sources.append((f"paste{k}", sources[k][1].split("\n\n")[0] + "\n\n" + sources[k + 1][1]))
    packed = find_dependences(sources)
    monkeypatch.setattr(ind, "PACK_LIMIT", 0)
    assert find_dependences(sources) == packed
    assert any(d.shared_passages for d in packed)


def test_fresh_sources_taken_a_block_at_a_time_give_the_same_pairs(monkeypatch):
    """Pairs are looked for a block of fresh sources at a time, each pair in the block of
    its later fresh source: however small the blocks, every pair is found once."""
    sources = _generated(40, seed=5)
    for k in range(0, 40, 4):  # copies and pasted paragraphs across the blocks
        sources.append((f"copy{k}", sources[k][1]))
        sources.append((f"paste{k}", sources[k + 1][1].split("\n\n")[0] + "\n\n"
                        + sources[k + 2][1]))
    whole = find_dependences(sources)
    monkeypatch.setattr(ind, "FRESH_BLOCK", 3)
    assert find_dependences(sources) == whole
    assert len(whole) > 20


def test_each_tile_reads_the_texts_of_two_blocks_at_most(monkeypatch):
    """A block's pairs with the sources before it are found a block of partners at a
    time, so no read of texts asks for more than two blocks' worth, however many
    earlier sources the block's copies link it with, and the pairs are the same."""
    sources = _generated(12, seed=9)
    sources += [(f"copy{k}", sources[k % 3][1]) for k in range(30)]  # one text, many copies
    text = dict(sources)
    sketches = {sid: ind.sketch(t) for sid, t in sources}
    whole = find_dependences(sources)
    monkeypatch.setattr(ind, "FRESH_BLOCK", 4)
    asked: list[int] = []

    def texts(ids):
        asked.append(len(ids))
        return [(i, text[i]) for i in ids]

    assert new_dependences(sketches, set(text), texts) == whole
    assert max(asked) <= 2 * 4 and len(asked) > len(sources) // 4
