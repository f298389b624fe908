"""Whole builds of small fictional piles written the way reference works, blogs and
Russian articles write a life: the findings a researcher should see, end to end."""

from __future__ import annotations

from accord.contracts import findings_json

from .piles import built

ENCYCLOPEDIA = """Halvard Oskarsen Brinck

Halvard Oskarsen Brinck (3 May 1838 – 19 November 1894) was a fictional chemist.

Brinck was born in Vossmark. In 1865 he married Ingrid Solheim. Brinck died of pneumonia
in Kristhavn in 1894.
"""
BLOG = """A forgotten chemist

Halvard Brinck was born on 5 May 1838 in Vossmark. He died in 1894.
"""
RUSSIAN = """Хальвард Бринк

Хальвард Оскарсен Бринк (3 мая 1838 — 19 ноября 1894) — вымышленный химик.

Бринк родился в городе Воссмарк. В 1865 году женился на Ингрид Сольхейм. Умер в Кристхавне
19 ноября 1894 года.
"""


def _findings(tmp_path, texts: dict[str, str]) -> dict[str, dict]:
    store = built(tmp_path, texts)
    try:
        return {f["property"]: f for f in findings_json(store)["findings"]}
    finally:
        store.close()


def _sources(finding: dict) -> set[str]:
    return {c["source"]["name"] for c in finding["claims"]}


def test_a_life_told_in_a_reference_work_a_blog_and_russian(tmp_path):
    found = _findings(tmp_path, {"enc.txt": ENCYCLOPEDIA, "blog.txt": BLOG, "ru.txt": RUSSIAN})
    # the blog's day of birth against the other two
    assert found["birth"]["kind"] == "conflict"
    assert _sources(found["birth"]) == {"enc.txt", "blog.txt", "ru.txt"}
    # every source names the same person: the title line, the full name the tagger
    # called an organisation, the bare surname, the Russian forms
    assert found["death"]["kind"] == "refines"
    assert _sources(found["death"]) == {"enc.txt", "blog.txt", "ru.txt"}
    # the Russian sentence without its subject still dates the death and places it
    assert found["death_place"]["kind"] == "agree"
    assert _sources(found["death_place"]) == {"enc.txt", "ru.txt"}
    # one marriage, to the same spouse, in the same year
    assert found["marriage"]["kind"] == "agree"
    assert _sources(found["marriage"]) == {"enc.txt", "ru.txt"}


def test_an_english_name_written_in_russian_as_it_sounds_is_one_person(tmp_path):
    found = _findings(tmp_path, {
        "en.txt": "Her captain, Elias Coombe, was born in 1862. He died in 1930.\n",
        "ru.txt": "Капитан Элайас Кумб родился в 1862 году. Умер в 1931 году.\n"})
    assert found["birth"]["kind"] == "agree"
    assert found["death"]["kind"] == "conflict"
    assert _sources(found["death"]) == {"en.txt", "ru.txt"}


def test_a_text_whose_date_of_death_and_age_at_death_disagree_contradicts_itself(tmp_path):
    found = _findings(tmp_path, {"a.txt": "Marta Velling (1871–1939) was a painter. She died "
                                          "on 2 February 1939 in Rigaton, aged 56.\n"})
    assert found["death"]["kind"] == "conflict"
    assert "contradicts itself" in found["death"]["explanation"]
    assert {c["value"]["text"] for c in found["death"]["claims"]} >= {"aged 56", "2 February 1939"}


def test_an_age_at_death_that_fits_the_birth_is_no_conflict(tmp_path):
    found = _findings(tmp_path, {"a.txt": "Marta Velling (1871–1939) was a painter. She died "
                                          "on 2 February 1939 in Rigaton, aged 67.\n"})
    assert found["death"]["kind"] != "conflict"
