"""Scoring against a gold file: how gold findings and entity clusters are matched."""

from accord.eval import evaluate, finding_matches


def finding(kind, subject, aliases, claims, prop="birth"):
    return {"kind": kind, "property": prop,
            "subject": {"id": "e1", "name": subject, "aliases": aliases},
            "claims": [{"source": {"id": s, "name": s, "title": ""},
                        "value": {"text": t, "normalized": n}} for s, t, n in claims]}


BIRTH = finding("conflict", "Ada Quill", ["Quill", "A. Quill"],
                [("a.txt", "1900", "1900"), ("b.txt", "in 1901", "1901")])


def test_a_gold_conflict_matches_on_any_alias_and_each_value_from_its_sources():
    gold = {"kind": "conflict", "subject": "quill", "values": ["1900", "1901"],
            "sources": ["a.txt", "b.txt"]}
    assert finding_matches(gold, BIRTH, {"conflict"})


def test_a_value_must_come_from_one_of_the_gold_sources():
    gold = {"kind": "conflict", "subject": "Quill", "values": ["1900", "1901"],
            "sources": ["a.txt", "c.txt"]}
    assert not finding_matches(gold, BIRTH, {"conflict"})


def test_an_unknown_subject_does_not_match():
    gold = {"kind": "conflict", "subject": "Bram Quill", "values": ["1900"]}
    assert not finding_matches(gold, BIRTH, {"conflict"})


def test_scores_conflicts_agreements_and_not_conflicts():
    refines = finding("refines", "Ada Quill", ["Quill"], [("a.txt", "July 1942", "1942-07"),
                                                   ("b.txt", "1942", "1942")], "capture")
    gold = {"entities": [["Ada Quill", "Quill"], ["Bram Oak", "Oak"]],
            "distinct": [["Ada Quill", "Bram Oak"]],
            "findings": [
                {"kind": "conflict", "subject": "Quill", "values": ["1900", "1901"]},
                {"kind": "agree", "subject": "Quill", "values": ["1942-07", "1942"]},
                {"kind": "not-conflict", "subject": "Quill", "values": ["1942-07", "1942"]},
            ]}
    entities = [{"id": "e1", "name": "Ada Quill", "aliases": ["Quill"]},
                {"id": "e2", "name": "Bram Oak", "aliases": []},
                {"id": "e3", "name": "Oak", "aliases": []}]
    res = evaluate(gold, [BIRTH, refines], entities)
    assert res.get("conflict recall") == 1.0
    assert res.get("conflict precision") == 1.0
    assert res.get("agree recall") == 1.0
    assert res.get("not-conflict pass") == 1.0
    assert res.get("entity pair precision") == 1.0
    assert res.get("entity pair recall") == 0.5


def test_a_wrong_merge_lowers_entity_precision():
    gold = {"entities": [["Ada Quill"], ["Bram Oak"]], "distinct": [["Ada Quill", "Bram Oak"]],
            "findings": []}
    entities = [{"id": "e1", "name": "Ada Quill", "aliases": ["Bram Oak"]}]
    assert evaluate(gold, [], entities).get("entity pair precision") == 0.0
