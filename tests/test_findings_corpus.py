"""A fictional corpus (tests/corpora/findings) with one case of every rule of the
findings: what a count counts and where it holds, attribution, a text against its own
footnote, a source reporting two versions, a village in its province, a copied
passage, a Russian source. Scored by `accord eval` against its gold file."""

from pathlib import Path

import pytest

from accord.contracts import entities_json, findings_json
from accord.eval import evaluate, load_gold
from accord.pipeline import build
from accord.store.db import Store

CORPUS = Path(__file__).parent / "corpora" / "findings"


@pytest.fixture(scope="module")
def findings_db(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("findings") / "f.db")
    build([str(CORPUS)], Store(db))
    return db


def _findings(db: str) -> list[dict]:
    return findings_json(Store(db, create=False))["findings"]


def test_the_gold_findings_are_found_and_nothing_else_conflicts(findings_db):
    store = Store(findings_db, create=False)
    res = evaluate(load_gold(CORPUS / "gold.yaml"), findings_json(store)["findings"],
                   entities_json(store)["entities"])
    for name in ("conflict recall", "conflict precision", "agree recall", "agree precision",
                 "not-conflict pass", "entity pair precision"):
        assert res.get(name) == 1.0, (name, res.missed, res.unexpected)


def test_a_copied_passage_does_not_corroborate_its_original(findings_db):
    (birth,) = [f for f in _findings(findings_db)
                if f["property"] == "birth" and f["subject"]["name"] == "Ilse Danner"]
    sources = {c["source"]["name"] for c in birth["claims"]}
    assert sources == {"tarn_register.txt", "harbour_blog.txt", "quill_gazette.txt",
                       "zametka_ru.txt"}  # the Russian note's Ильза Даннер is she
    assert birth["independent_sources"] == 3  # the blog pasted the register's paragraph


def test_a_source_reporting_two_versions_is_disputed(findings_db):
    disputed = [f for f in _findings(findings_db) if f["kind"] == "disputed"]
    assert [(f["property"], sorted(c["value"]["normalized"] for c in f["claims"]
                                   if c["source"]["name"] == "harbour_blog.txt"))
            for f in disputed] == [("manner_of_death", ["hanging", "shooting"])]


def test_an_attributed_figure_is_shown_as_attributed(findings_db):
    (guild,) = [f for f in _findings(findings_db) if f["kind"] == "conflict"
                and f["subject"]["name"] == "Quillhaven Pilots Guild"]
    by_source = {c["source"]["name"]: c for c in guild["claims"]}
    assert by_source["tarn_register.txt"]["modality"] == "attributed"
    assert "harbour master" in by_source["tarn_register.txt"]["attributed_to"]
    assert "attributed" in guild["explanation"]


def test_counts_of_different_extents_stand_apart_and_say_their_extent(findings_db):
    guard = [f for f in _findings(findings_db) if f["subject"]["name"] == "Tarnish Guard"]
    assert sorted(f["kind"] for f in guard) == ["single", "single"]
    assert sorted(f["scope"] for f in guard) == [
        "verb=capture unit=soldier extent=first campaign",
        "verb=capture unit=soldier extent=total; war"]
