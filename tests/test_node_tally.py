"""What the mentions say of each name node, counted: the resolver's view of a node."""

from accord.resolve.node_tally import TallyLog

# (node, source, raw text, label): node and source as indexes, as MentionLog numbers them
READS = [
    (0, 1, "Dr Ann Vell", "PER"),
    (0, 0, "Ann Vell", "PER"),
    (1, 0, "Orvan Mills", "ORG"),
    (0, 1, "Ann Vell", "ORG"),
    (0, 2, "Ann Vell's", "PER"),
    (1, 0, "Orvan Mills", "GPE"),
]
NODES = ["ann vell", "orvan mills"]
SOURCES = ["s9", "s2", "s5"]
SURFACE = {"Dr Ann Vell": "Ann Vell", "Ann Vell": "Ann Vell", "Ann Vell's": "Ann Vell",
           "Orvan Mills": "Orvan Mills"}


def tally():
    log = TallyLog()
    for node, source, text, label in READS:
        log.add(node, source, text, SURFACE[text], label)
    return log.finish(NODES, SOURCES)


def test_surfaces_and_labels_are_counted_in_the_order_first_read():
    t = tally()
    assert t.nodes() == NODES
    assert t.surfaces("ann vell") == [("Ann Vell", 4)]
    assert t.labels("ann vell") == [("PER", 3), ("ORG", 1)]
    assert t.reads("ann vell") == 4


def test_of_a_tie_the_first_read_wins():
    t = tally()
    assert t.labels("orvan mills") == [("ORG", 1), ("GPE", 1)]
    assert t.label("orvan mills") == "ORG"
    assert t.shown("orvan mills") == "Orvan Mills"


def test_each_raw_text_comes_with_its_sources_both_sorted():
    t = tally()
    assert t.raw_forms("ann vell") == [("Ann Vell", ("s2", "s9")), ("Ann Vell's", ("s5",)),
                                       ("Dr Ann Vell", ("s2",))]
    assert t.raw_forms("orvan mills") == [("Orvan Mills", ("s9",))]
    assert t.sources("ann vell") == {"s2", "s9", "s5"}


def test_nothing_read_gives_an_empty_tally():
    assert TallyLog().finish([], []).nodes() == []
