"""The development seeds (../shared/seeds, skipped when absent): the gold file's findings."""

from pathlib import Path

from accord.contracts import entities_json, findings_json
from accord.eval import evaluate, load_gold
from accord.store.db import Store

GOLD = Path(__file__).parent / "gold" / "seeds.yaml"


def test_birth_1900_against_1901_is_a_conflict_with_both_quotes(seeds_db):
    fs = findings_json(Store(seeds_db, create=False))["findings"]
    (birth,) = [f for f in fs if f["property"] == "birth" and "Vlasov" in f["subject"]["name"]]
    assert birth["kind"] == "conflict"
    by_source = {c["source"]["name"]: c for c in birth["claims"]}
    assert by_source["002_74cf8f69ea878305.txt"]["value"]["normalized"].startswith("1900")
    assert by_source["001_eb998d70aef416e2.txt"]["value"]["normalized"] == "1901"
    assert all(c["quote"] for c in birth["claims"])


def test_july_12_1942_against_july_1942_is_not_a_conflict(seeds_db):
    fs = findings_json(Store(seeds_db, create=False))["findings"]
    conflicts = [f for f in fs if f["kind"] == "conflict"]
    for f in conflicts:
        values = {c["value"]["normalized"] for c in f["claims"]}
        assert not ({"1942-07"} <= values and any(v.startswith("1942-07-12") for v in values))


def test_gold_scores(seeds_db):
    store = Store(seeds_db, create=False)
    res = evaluate(load_gold(GOLD), findings_json(store)["findings"],
                   entities_json(store)["entities"])
    assert res.get("conflict recall") >= 0.9
    assert res.get("conflict precision") >= 0.9
    assert res.get("agree recall") >= 0.8
    assert res.get("not-conflict pass") == 1.0
    assert res.get("entity pair precision") >= 0.95
    assert res.get("entity pair recall") >= 0.9
