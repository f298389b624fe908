"""A fictional corpus (tests/corpora/lives) written the way lives are told: a
reference work with a title line and a lifespan in parentheses, a blog or a memoir,
and a Russian article with sentences that drop their subject; a club named "the
society" after its full name. Scored by `accord eval` against its gold file, which
also records what accord does not find yet (a name translated rather than
transliterated)."""

from pathlib import Path

import pytest

from accord.contracts import entities_json, findings_json
from accord.eval import evaluate, load_gold
from accord.pipeline import build
from accord.store.db import Store

CORPUS = Path(__file__).parent / "corpora" / "lives"


@pytest.fixture(scope="module")
def lives(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("lives") / "l.db")
    build([str(CORPUS)], Store(db))
    store = Store(db, create=False)
    return findings_json(store)["findings"], entities_json(store)["entities"]


def test_every_reported_conflict_and_agreement_is_in_the_gold(lives):
    res = evaluate(load_gold(CORPUS / "gold.yaml"), *lives)
    for name in ("conflict precision", "agree precision", "agree recall", "not-conflict pass",
                 "entity pair precision"):
        assert res.get(name) == 1.0, (name, res.missed, res.unexpected)


def test_the_conflicts_missed_are_only_those_of_a_translated_name(lives):
    res = evaluate(load_gold(CORPUS / "gold.yaml"), *lives)
    assert [(g["subject"], g.get("property")) for g in res.missed if g["kind"] == "conflict"] \
        == [("Harrowgate Rowing Society", "dissolution")]


def _finding(findings, subject: str, prop: str) -> dict:
    (f,) = [f for f in findings if f["property"] == prop and subject in f["subject"]["name"]]
    return f


def test_two_causes_of_one_natural_death_conflict(lives):
    f = _finding(lives[0], "Brinck", "cause_of_death")
    assert f["kind"] == "conflict"
    assert {c["value"]["normalized"] for c in f["claims"]} == {"pneumonia", "heart disease"}


def test_the_society_is_the_club_named_before_it(lives):
    f = _finding(lives[0], "Harrowgate Rowing Society", "count")
    assert [c["quote"] for c in f["claims"]] == ["By 1910 the society counted about 300 members."]
