"""The bundled fictional corpus: every deliberate agreement, conflict and near-miss."""

import json

import pytest
from typer.testing import CliRunner

from accord.cli import app
from accord.contracts import entities_json, findings_json, timeline_json
from accord.store.db import Store

runner = CliRunner()


def _findings(db):
    return findings_json(Store(db, create=False))["findings"]


def _get(db, subject, prop, scope=None):
    hits = [f for f in _findings(db) if f["subject"]["name"] == subject and f["property"] == prop
            and (scope is None or f.get("scope") == scope)]
    assert len(hits) == 1, [(f["kind"], f["subject"]["name"], f["property"]) for f in hits]
    return hits[0]


def _values(f):
    return sorted((c["source"]["name"].split("/")[-1], c["value"]["normalized"]) for c in f["claims"])


def test_the_exact_set_of_non_single_findings(examples_db):
    got = sorted((f["kind"], f["subject"]["name"], f["property"])
                 for f in _findings(examples_db) if f["kind"] != "single")
    assert got == sorted([
        ("conflict", "Tobias Wennerholm", "birth"),
        ("conflict", "Tobias Wennerholm", "manner_of_death"),
        ("conflict", "Tobias Wennerholm", "release"),
        ("conflict", "Tobias Wennerholm", "statement"),
        ("conflict", "Northern Lantern Company", "statement"),
        ("refines", "Tobias Wennerholm", "birth_place"),
        ("refines", "Tobias Wennerholm", "capture"),
        ("refines", "Tobias Wennerholm", "death"),
        ("refines", "Tobias Wennerholm", "execution"),
        ("refines", "Tobias Wennerholm", "membership"),
        ("refines", "Tobias Wennerholm", "trial"),
        ("agree", "Northern Lantern Company", "founding"),
        ("agree", "Greta Wennerholm", "birth"),
    ])


def test_birth_years_that_differ_conflict_with_both_quotes(examples_db):
    f = _get(examples_db, "Tobias Wennerholm", "birth")
    assert f["kind"] == "conflict"
    assert ("archive_notes.txt", "1872") in _values(f)
    assert ("lantern_encyclopedia.md", "1871-03-14") in _values(f)
    for c in f["claims"]:
        assert c["value"]["text"] in c["quote"]


def test_a_day_a_month_and_a_season_of_one_year_refine_each_other(examples_db):
    f = _get(examples_db, "Tobias Wennerholm", "capture")
    assert f["kind"] == "refines"
    assert _values(f) == [("archive_notes.txt", "1911-07"), ("arkhiv_zametka_ru.txt", "1911-07"),
                          ("coastal_blog.txt", "1911-SU"), ("harbour_gazette.html", "1911-07-03")]


def test_hanged_against_shot_conflicts_and_the_two_versions_are_kept_as_disputed(examples_db):
    f = _get(examples_db, "Tobias Wennerholm", "manner_of_death")
    assert f["kind"] == "conflict"
    blog = [c for c in f["claims"] if c["source"]["name"].endswith("coastal_blog.txt")]
    assert {c["value"]["normalized"] for c in blog} == {"hanging", "shooting"}
    assert {c["modality"] for c in blog} == {"disputed"}


def test_a_text_against_its_own_footnote_is_a_conflict(examples_db):
    f = _get(examples_db, "Tobias Wennerholm", "release")
    assert f["kind"] == "conflict"
    assert {c["zone"] for c in f["claims"]} == {"body", "footnote"}
    assert "footnote" in f["explanation"]


def test_the_same_statement_with_another_place_conflicts(examples_db):
    f = _get(examples_db, "Northern Lantern Company", "statement")
    assert f["kind"] == "conflict"
    assert _values(f) == [("harbour_gazette.html", "saltcombe quay"),
                          ("lantern_encyclopedia.md", "gull haven")]


def test_a_statement_one_source_denies_conflicts_and_the_denial_is_shown(examples_db):
    f = _get(examples_db, "Tobias Wennerholm", "statement")
    assert f["kind"] == "conflict"
    modality = {c["source"]["name"].split("/")[-1]: c["modality"] for c in f["claims"]}
    assert modality == {"archive_notes.txt": "asserted", "coastal_blog.txt": "negated"}


def test_an_age_is_anchored_on_the_same_sources_birth(examples_db):
    f = _get(examples_db, "Tobias Wennerholm", "membership")
    assert f["scope"] == "Northern Lantern Company"
    archive = [c for c in f["claims"] if c["source"]["name"].endswith("archive_notes.txt")]
    assert archive[0]["value"]["text"] == "at age 18"
    assert archive[0]["value"]["earliest"].startswith("1890")


def test_a_village_in_its_province_refines_the_province(examples_db):
    f = _get(examples_db, "Tobias Wennerholm", "birth_place")
    assert f["kind"] == "refines"


def test_near_miss_names_stay_apart(examples_db):
    ents = {e["name"]: e for e in entities_json(Store(examples_db, create=False))["entities"]}
    assert "Northern Lantern Society" in ents and "Northern Lantern Company" in ents
    assert "NLC" in ents["Northern Lantern Company"]["aliases"]
    assert "Greta Wennerholm" not in ents["Tobias Wennerholm"]["aliases"]
    # the company founded in 1888 and the society founded in 1895 are no conflict
    assert _get(examples_db, "Northern Lantern Society", "founding")["kind"] == "single"


def test_every_claim_quotes_its_source_exactly(examples_db):
    store = Store(examples_db, create=False)
    for f in _findings(examples_db):
        for c in f["claims"]:
            text = store.source(c["source"]["id"]).text
            assert text[c["start"]:c["end"]] == c["quote"]


def test_boilerplate_is_removed_and_recorded(examples_db):
    store = Store(examples_db, create=False)
    blog = next(s for s in store.sources() if s.name.endswith("coastal_blog.txt"))
    src = store.source(blog.id)
    assert "Leave a Reply" not in src.text
    assert any("comment" in r.reason for r in src.removed)


def test_findings_json_follows_the_contract(examples_db):
    res = runner.invoke(app, ["findings", "--db", examples_db, "--format", "json"])
    assert res.exit_code == 0
    data = json.loads(res.stdout)
    f = data["findings"][0]
    assert {"kind", "subject", "property", "claims"} <= set(f)
    assert {"id", "name", "aliases"} <= set(f["subject"])
    c = f["claims"][0]
    assert {"source", "value", "quote", "start", "end", "modality"} <= set(c)
    assert {"id", "name", "title"} <= set(c["source"])
    assert {"text", "normalized"} <= set(c["value"])


def test_timeline_is_chronological_and_cited(examples_db):
    events = timeline_json(Store(examples_db, create=False))["events"]
    assert events
    keys = [(e["time"]["earliest"], e["time"]["latest"]) for e in events]
    assert keys == sorted(keys)
    assert all(e["quote"] and e["source"]["name"] for e in events)


@pytest.mark.parametrize("cmd", [["report"], ["report", "--format", "markdown"],
                                 ["entities", "--format", "table"], ["timeline"],
                                 ["findings", "--format", "table"]])
def test_every_view_runs(examples_db, cmd):
    res = runner.invoke(app, [*cmd, "--db", examples_db])
    assert res.exit_code == 0, res.output
    assert "Wennerholm" in res.output


def test_markdown_report_cites_each_value_in_a_footnote(examples_db):
    res = runner.invoke(app, ["report", "--db", examples_db, "--format", "markdown"])
    assert "## Conflicts" in res.output
    assert "[^1]:" in res.output and "characters" in res.output


def test_gold_scores_on_the_examples(examples_db):
    from pathlib import Path

    from accord.eval import evaluate, load_gold

    store = Store(examples_db, create=False)
    res = evaluate(load_gold(Path(__file__).parent / "gold" / "examples.yaml"),
                   findings_json(store)["findings"], entities_json(store)["entities"])
    for name in ("conflict recall", "conflict precision", "agree recall", "not-conflict pass",
                 "entity pair precision", "entity pair recall"):
        assert res.get(name) == 1.0, (name, res.scores[name], res.missed)


def test_a_russian_source_meets_the_english_ones(examples_db):
    ents = {e["name"]: e for e in entities_json(Store(examples_db, create=False))["entities"]}
    assert "Тобиас Веннерхольм" in ents["Tobias Wennerholm"]["aliases"]
    birth = _get(examples_db, "Tobias Wennerholm", "birth")
    assert ("arkhiv_zametka_ru.txt", "1871-03-14") in _values(birth)
