"""The resolver's mentions in flat arrays: found by source and span, one per span."""

from accord.resolve.mention_table import MentionEntities, MentionLog


def _log(rows):
    log = MentionLog()
    for row in rows:
        log.add(*row)
    return log.finish()


ROWS = [("s2", 40, 45, "vask"), ("s1", 0, 11, "ilse danner"), ("s2", 3, 14, "ilse danner"),
        ("s1", 30, 36, "danner"), ("s2", 3, 9, "ilse")]


def test_mentions_are_found_by_source_and_span():
    m = _log(ROWS)
    assert len(m) == 5
    assert m.sources == ("s1", "s2")
    for sid, start, end, node in ROWS:
        k = m.find(sid, start, end)
        assert m.key(k) == (sid, start, end) and m.nodes[m.node[k]] == node
    assert m.find("s2", 3, 10) == -1
    assert m.find("s3", 0, 11) == -1
    assert m.find("s0", 0, 11) == -1


def test_a_span_read_twice_keeps_the_last_reading():
    m = _log([*ROWS, ("s1", 0, 11, "danner")])
    assert len(m) == 5
    assert m.nodes[m.node[m.find("s1", 0, 11)]] == "danner"


def test_the_log_gives_one_string_per_source_id():
    log = MentionLog()
    first = log.add("".join(["s", "1"]), 0, 4, "x")
    assert log.add("".join(["s", "1"]), 5, 9, "y") is first


def test_mentions_of_some_names_in_text_order():
    m = _log(ROWS)
    assert m.of_nodes({"ilse danner", "vask"}) == {
        "ilse danner": [("s1", 0, 11), ("s2", 3, 14)], "vask": [("s2", 40, 45)]}
    assert dict(zip(m.nodes, m.per_node().tolist(), strict=True)) == {
        "vask": 1, "ilse danner": 2, "danner": 1, "ilse": 1}


def test_each_mention_s_entity_reads_like_a_dict():
    m = _log(ROWS)
    entity = [-1] * len(m)
    for k in range(len(m)):
        entity[k] = 0 if "danner" in m.nodes[m.node[k]] else (-1 if m.nodes[m.node[k]] == "ilse" else 1)
    got = MentionEntities(m, entity, ["e-danner", "e-vask"])
    assert dict(got) == {("s1", 0, 11): "e-danner", ("s1", 30, 36): "e-danner",
                         ("s2", 3, 14): "e-danner", ("s2", 40, 45): "e-vask"}
    assert len(got) == 4
    assert got.get(("s2", 3, 9)) is None  # a mention without an entity
    assert got.get(("s9", 0, 1)) is None
    assert got == {**dict(got)}


def test_no_mentions_at_all():
    m = MentionLog().finish()
    assert len(m) == 0 and m.find("s1", 0, 1) == -1 and m.of_nodes({"x"}) == {}
    assert dict(MentionEntities(m, [], [])) == {}
