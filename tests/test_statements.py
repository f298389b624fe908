"""Statements: the same clause in two sources, with another value or denied.

Every text here is invented for the test. Each case is built as real sources
through the whole pipeline (spaCy or natasha, resolution, findings), because a
statement is only as good as the parse it is read from.
"""

from pathlib import Path

import pytest

from accord.align.compare import Relation
from accord.align.statements import relate_values
from accord.contracts import findings_json
from accord.model import Term
from accord.pipeline import build
from accord.store.db import Store


def findings(tmp_path: Path, texts: dict[str, str]) -> list[dict]:
    pile = tmp_path / "pile"
    pile.mkdir(parents=True)
    for name, text in texts.items():
        (pile / name).write_text(text + "\n", encoding="utf-8")
    store = Store(str(tmp_path / "t.db"))
    try:
        build([str(pile)], store)
        return findings_json(store)["findings"]
    finally:
        store.close()


def statement_conflicts(found: list[dict]) -> list[dict]:
    return [f for f in found if f["property"] == "statement" and f["kind"] == "conflict"]


def test_the_same_statement_with_another_venue_is_a_conflict_with_both_quotes(tmp_path):
    found = findings(tmp_path, {
        "a.txt": "Harrowgate Rovers play their home games at Quillon Park Arena.",
        "b.txt": "Harrowgate Rovers play their home games at Dunmere Lane Stadium.",
    })
    [f] = statement_conflicts(found)
    assert {c["source"]["name"] for c in f["claims"]} == {"a.txt", "b.txt"}
    assert {c["value"]["text"] for c in f["claims"]} == {"Quillon Park Arena",
                                                         "Dunmere Lane Stadium"}
    assert "at" in f["scope"]
    assert all(c["quote"].startswith("Harrowgate Rovers play") for c in f["claims"])
    assert "another value" in f["explanation"]


def test_a_statement_denied_by_another_source_is_a_conflict_shown_as_negated(tmp_path):
    found = findings(tmp_path, {
        "a.txt": "The Velm Lagoon is a tidal lake of the northern coast.",
        "b.txt": "The Velm Lagoon is not a tidal lake, since its water never mixes with the sea.",
    })
    [f] = statement_conflicts(found)
    modalities = {c["source"]["name"]: c["modality"] for c in f["claims"]}
    assert modalities == {"a.txt": "asserted", "b.txt": "negated"}
    assert "denies" in f["explanation"]


def test_a_participant_denied_through_one_of_the_n_who_did_not(tmp_path):
    found = findings(tmp_path, {
        "a.txt": "Corvin Aldessa took part in the harbour council of 1702 that chose the new warden.",
        "b.txt": "Corvin Aldessa was one of the four elders who did not take part in the 1702 harbour "
                 "council.",
    })
    assert len(statement_conflicts(found)) == 1


def test_a_thing_done_once_with_two_dates_is_a_conflict(tmp_path):
    found = findings(tmp_path, {
        "a.txt": "The novel Lantern Road was published in 1967.",
        "b.txt": "In 1971, the novel Lantern Road was published by a small press.",
    })
    [f] = statement_conflicts(found)
    assert {c["value"]["normalized"] for c in f["claims"]} == {"1967", "1971"}


def test_a_narrower_date_of_the_same_statement_refines_it_and_is_no_conflict(tmp_path):
    found = findings(tmp_path, {
        "a.txt": "The novel Lantern Road was published in 1967.",
        "b.txt": "The novel Lantern Road was published in June 1967.",
    })
    assert statement_conflicts(found) == []


def test_what_a_person_does_on_two_dates_can_happen_twice(tmp_path):
    found = findings(tmp_path, {
        "a.txt": "Mirela Oskarsdottir visited the northern mines in 1920.",
        "b.txt": "Mirela Oskarsdottir visited the northern mines in 1925.",
    })
    assert statement_conflicts(found) == []


def test_two_places_visited_are_not_two_answers_to_one_question(tmp_path):
    found = findings(tmp_path, {
        "a.txt": "Mirela Oskarsdottir visited Tarnholm.",
        "b.txt": "Mirela Oskarsdottir visited Quessaly.",
    })
    assert statement_conflicts(found) == []


def test_two_values_in_one_source_are_two_facts_but_a_denial_is_a_self_contradiction(tmp_path):
    two_facts = findings(tmp_path / "one", {
        "a.txt": "Harrowgate Rovers play their home games at Quillon Park Arena. In winter, "
                 "Harrowgate Rovers play their home games at Dunmere Lane Stadium.",
    })
    assert statement_conflicts(two_facts) == []
    denial = findings(tmp_path / "two", {
        "a.txt": "The Velm Lagoon is a tidal lake. Later surveys showed that the Velm Lagoon "
                 "is not a tidal lake.",
    })
    [f] = statement_conflicts(denial)
    assert "contradicts itself" in f["explanation"]


def test_a_copy_that_changed_one_value_is_reported_as_such(tmp_path):
    body = ("Harrowgate Rovers were formed by dock workers and have worn green shirts ever "
            "since their first season, when the club had no ground of its own. ")
    found = findings(tmp_path, {
        "a.txt": body + "Harrowgate Rovers play their home games at Quillon Park Arena.",
        "b.txt": body + "Harrowgate Rovers play their home games at Dunmere Lane Stadium.",
    })
    [f] = statement_conflicts(found)
    assert "changed the value in copying" in f["explanation"]


def test_a_figure_of_the_day_meets_only_figures_of_the_same_day(tmp_path):
    def report(day: str, value: str) -> str:
        return (f"Harbour Exchange Daily\n\n{day}\n\n"
                f"The harbour index currently has a value of {value} points.")

    other_days = findings(tmp_path / "days", {
        "a.txt": report("Tuesday, June 14, 2016", "9,310"),
        "b.txt": report("Friday, June 17, 2016", "9,874"),
    })
    assert statement_conflicts(other_days) == []
    same_day = findings(tmp_path / "day", {
        "a.txt": report("Tuesday, June 14, 2016", "9,310"),
        "b.txt": report("Tuesday, June 14, 2016", "9,874"),
    })
    assert len(statement_conflicts(same_day)) == 1


def test_russian_statements_meet_the_same_way(tmp_path):
    found = findings(tmp_path, {
        "a.txt": "Роман «Тихий берег» был издан в 1967 году.",
        "b.txt": "Роман «Тихий берег» был издан в 1971 году.",
    })
    [f] = statement_conflicts(found)
    assert {c["value"]["normalized"] for c in f["claims"]} == {"1967", "1971"}


@pytest.mark.parametrize("a, b, rel", [
    ("stadium", "stadium", Relation.EQUAL),
    ("park arena", "quillon park arena", Relation.WIDER),
    ("quillon park arena", "kvillon park arena", Relation.OVERLAP),  # two spellings of a name
    ("quillon park arena", "dunmere lane stadium", Relation.DISJOINT),
    ("pale pink", "deep blue", Relation.DISJOINT),  # two colours of no common hue
    ("pale pink", "reddish", Relation.OVERLAP),  # neighbouring hues: one description
    ("pink white", "white", Relation.NARROWER),
])
def test_phrases_compare_by_their_words(a, b, rel):
    assert relate_values(Term(a, a), Term(b, b)) is rel


def test_a_thing_of_two_colours_in_two_sources_is_a_conflict(tmp_path):
    found = findings(tmp_path, {
        "a.txt": "The petals of the marsh orrinwort are pale pink.",
        "b.txt": "The petals of the marsh orrinwort are deep blue.",
    })
    [f] = statement_conflicts(found)
    assert {c["value"]["text"].split()[-1] for c in f["claims"]} == {"pink", "blue"}


def test_neighbouring_hues_describe_one_colour_and_are_no_conflict(tmp_path):
    found = findings(tmp_path, {
        "a.txt": "The petals of the marsh orrinwort are pale pink.",
        "b.txt": "The petals of the marsh orrinwort are reddish.",
    })
    assert statement_conflicts(found) == []


def test_two_occupations_at_one_stated_time_are_a_conflict(tmp_path):
    found = findings(tmp_path, {
        "a.txt": "Brannoch Oaksley, a former rower from Tellick, works as a harbour pilot in 2011.",
        "b.txt": "Brannoch Oaksley was born in 1969. As of 2011, he works as a ferry mechanic.",
    })
    [f] = statement_conflicts(found)
    assert {c["value"]["text"] for c in f["claims"]} == {"harbour pilot", "ferry mechanic"}


@pytest.mark.parametrize("a, b", [
    ("Brannoch Oaksley works as a harbour pilot in 2011.",   # two times: both may be true
     "Brannoch Oaksley works as a ferry mechanic in 1995."),
    ("Brannoch Oaksley works as a harbour pilot.",            # no stated time
     "Brannoch Oaksley works as a ferry mechanic."),
    ("Brannoch Oaksley works as a pilot in 2011.",            # one names the other more narrowly
     "Brannoch Oaksley works as a harbour pilot in 2011."),
    ("Brannoch Oaksley played for Tellick Rovers in 2011.",   # not what one works as
     "Brannoch Oaksley played for Dunmere Athletic in 2011."),
])
def test_occupations_that_can_both_be_true_are_no_conflict(tmp_path, a, b):
    assert not statement_conflicts(findings(tmp_path, {"a.txt": a, "b.txt": b}))
