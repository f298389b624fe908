"""The resolver's mentions in a scratch file: counted by node, found by span, one per span."""

import os

import pytest

from accord.resolve.mention_store import MentionStore

# (source, start, end, raw text, label), in the order read
READS = [
    ("s2", 0, 11, "Dr Ann Vell", "PER"),
    ("s9", 5, 13, "Ann Vell", "PER"),
    ("s9", 20, 31, "Orvan Mills", "ORG"),
    ("s2", 40, 48, "Ann Vell", "ORG"),
    ("s5", 3, 13, "Ann Vell's", "PER"),
    ("s9", 50, 61, "Orvan Mills", "GPE"),
    ("s5", 30, 35, "Mills", "NORP"),
    ("s5", 60, 62, "--", "ORG"),  # folds to no key: no name
]
SURFACE = {"Dr Ann Vell": "Ann Vell", "Ann Vell": "Ann Vell", "Ann Vell's": "Ann Vell",
           "Orvan Mills": "Orvan Mills", "Mills": "Mills", "--": "--"}
KINDS = {"PER": "PER", "ORG": "ORG", "GPE": "LOC", "NORP": "NORP"}


def fold(text):
    surface = SURFACE[text]
    return surface, surface.lower().replace("-", "").replace(" ", "_")


@pytest.fixture
def store():
    m = MentionStore(iter(READS), fold, KINDS)
    yield m
    m.close()


def test_nodes_come_in_the_order_first_read_with_their_most_read_form_and_label(store):
    assert list(store.nodes()) == [(1, "ann_vell", "Ann Vell", "PER"),
                                   (2, "orvan_mills", "Orvan Mills", "ORG"),
                                   (3, "NORP:mills", "Mills", "NORP")]
    assert store.node_count() == 3 and store.id_of("orvan_mills") == 2
    assert store.has("ann_vell") and not store.has("mills")


def test_surfaces_and_labels_are_counted_in_the_order_first_read(store):
    assert store.surfaces("ann_vell") == [("Ann Vell", 4)]
    assert store.labels("ann_vell") == [("PER", 3), ("ORG", 1)]
    assert store.reads("ann_vell") == 4


def test_of_a_tie_the_first_read_wins(store):
    assert store.labels("orvan_mills") == [("ORG", 1), ("GPE", 1)]
    assert (2, "orvan_mills", "Orvan Mills", "ORG") in list(store.nodes())


def test_each_raw_text_comes_with_its_sources_both_sorted(store):
    assert store.raw_forms("ann_vell") == [("Ann Vell", ("s2", "s9")), ("Ann Vell's", ("s5",)),
                                           ("Dr Ann Vell", ("s2",))]
    assert store.sources("ann_vell") == {"s2", "s9", "s5"}


def test_mentions_are_found_by_span_in_text_order(store):
    assert store.mentions_of("ann_vell") == [("s2", 0, 11), ("s2", 40, 48), ("s5", 3, 13),
                                             ("s9", 5, 13)]
    assert store.node_at(("s9", 20, 31)) == "orvan_mills"
    assert store.mention_count("orvan_mills") == 2


def test_a_span_read_twice_keeps_the_last_reading_but_both_are_counted():
    m = MentionStore(iter([*READS, ("s9", 5, 13, "Orvan Mills", "ORG")]), fold, KINDS)
    try:
        assert m.node_at(("s9", 5, 13)) == "orvan_mills"
        assert m.mention_count("ann_vell") == 3 and m.reads("ann_vell") == 4
    finally:
        m.close()


def test_the_forms_of_the_texts_read_and_of_names_added(store):
    store.add_form("Prof Ann Vell", "Ann Vell")
    forms = store.forms()
    assert forms["Ann Vell's"] == "Ann Vell" and forms["Prof Ann Vell"] == "Ann Vell"
    assert "Vell" not in forms
    assert len(forms) == len(dict(forms)) == len(SURFACE) + 1


def test_each_mention_s_entity_reads_like_a_dict(store):
    store.set_roots([(1, 1), (2, 2), (3, 3)])  # three clusters; the third makes no entity
    store.made(1, 0)
    store.made(2, 1)
    store.move([(("s9", 50, 61), 1, "a rule")])  # one of the second's goes to the first
    got = store.link(["e-vell", "e-mills"])
    assert dict(got) == {("s2", 0, 11): "e-vell", ("s2", 40, 48): "e-vell",
                         ("s5", 3, 13): "e-vell", ("s9", 5, 13): "e-vell",
                         ("s9", 20, 31): "e-mills", ("s9", 50, 61): "e-vell"}
    assert len(got) == 6
    assert got.get(("s5", 30, 35)) is None  # a mention without an entity
    assert got.get(("s0", 0, 1)) is None
    # one source's at once: what filing its claims is sent
    assert got.of_source("s9") == {(5, 13): "e-vell", (20, 31): "e-mills", (50, 61): "e-vell"}
    assert got.of_source("s0") == {}


def test_closing_deletes_the_scratch_file():
    m = MentionStore(iter(READS), fold, KINDS)
    path = m.path
    assert os.path.exists(path)
    m.close()
    assert not os.path.exists(path)
    m = MentionStore(iter(READS), fold, KINDS)
    path = m.path
    del m  # (or when it is collected)
    assert not os.path.exists(path)


def test_no_mentions_at_all():
    m = MentionStore(iter([]), fold, KINDS)
    try:
        assert list(m.nodes()) == [] and dict(m.link([])) == {}
    finally:
        m.close()
