"""Where the sources say nothing of where a place lies, a general gazetteer from a
package says in which country a place of that name lies: a city against its country
is then a refinement, never a conflict, and the finding says whose word that is."""

import subprocess
import sys

import pytest

from accord.align import gazetteer
from accord.contracts import findings_json
from tests.piles import built

needs_gazetteer = pytest.mark.skipif(not gazetteer.version(), reason="no gazetteer installed")


@needs_gazetteer
@pytest.mark.parametrize(("place", "country"), [
    ("Warsaw", "Poland"),
    ("Kraków", "Poland"),  # accents do not count
    ("krakow", "POLAND"),
    ("Jalisco", "Mexico"),  # a subdivision
    ("Кракове", "Польше"),  # Russian, in the case the sentence gave it
    ("Москве", "Российской Федерации"),
    ("Warsaw", "Польша"),  # across scripts
])
def test_a_place_lies_in_its_country(place, country):
    assert gazetteer.lies_in(place, country)


@needs_gazetteer
@pytest.mark.parametrize(("place", "country"), [
    ("Warsaw", "Germany"),  # another country
    ("Poland", "Germany"),  # a country lies in no other
    ("Georgia", "United States"),  # a country's name is the country, not a state of it
    ("Velmora Harbour", "Poland"),  # unknown: nothing is said
    ("Warsaw", "Velmoria"),  # not a country
    ("Poland", "Warsaw"),
])
def test_what_it_does_not_know_it_does_not_say(place, country):
    assert not gazetteer.lies_in(place, country)


def _build(tmp_path, texts: dict[str, str]) -> list[dict]:
    store = built(tmp_path, texts)
    try:
        return [f for f in findings_json(store)["findings"] if f["property"] == "birth_place"]
    finally:
        store.close()


@needs_gazetteer
def test_a_city_and_its_country_refine_each_other_on_the_gazetteers_word(tmp_path):
    found = _build(tmp_path, {"a.txt": "Ilse Varnholt was born in Warsaw in 1901.\n",
                              "b.txt": "Ilse Varnholt was born in Poland in 1901.\n"})
    assert [f["kind"] for f in found] == ["refines"]
    assert "by a general gazetteer" in found[0]["explanation"]


@needs_gazetteer
def test_a_city_against_another_country_is_still_a_conflict(tmp_path):
    found = _build(tmp_path, {"a.txt": "Ilse Varnholt was born in Warsaw in 1901.\n",
                              "b.txt": "Ilse Varnholt was born in Germany in 1901.\n"})
    assert [f["kind"] for f in found] == ["conflict"]


@needs_gazetteer
def test_containment_a_source_states_is_credited_to_the_source(tmp_path):
    found = _build(tmp_path, {
        "a.txt": "Ilse Varnholt was born in 1901 in Kestrelby, a village in Poland.\n",
        "b.txt": "Ilse Varnholt was born in Poland in 1901.\n"})
    assert [f["kind"] for f in found] == ["refines"]
    assert "gazetteer" not in found[0]["explanation"]


@needs_gazetteer
def test_the_index_is_built_once_per_machine_in_a_process_of_its_own(tmp_path, monkeypatch):
    monkeypatch.setenv("ACCORD_CACHE_DIR", str(tmp_path / "cache"))
    path = gazetteer.cache_path()
    assert path is not None and path.parent == tmp_path / "cache"
    subprocess.run([sys.executable, "-m", "accord.align.gazetteer", str(path)], check=True)
    index = gazetteer.Index.load(path)
    assert index.country(gazetteer.name_key("Poland")) == "PL"
    assert "PL" in index.countries_of(gazetteer.name_key("Warsaw"))
    assert index.countries_of(gazetteer.name_key("Velmora Harbour")) == frozenset()
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left


@needs_gazetteer
def test_a_damaged_index_is_made_again(tmp_path, monkeypatch):
    monkeypatch.setenv("ACCORD_CACHE_DIR", str(tmp_path))
    path = gazetteer.cache_path()
    path.write_bytes(b"PK\x03\x04 cut short")
    index = gazetteer.load_or_build(path)
    assert "PL" in index.countries_of(gazetteer.name_key("Warsaw"))
    assert gazetteer.Index.load(path).country(gazetteer.name_key("Poland")) == "PL"


@needs_gazetteer
def test_where_no_index_can_be_kept_it_is_built_in_the_process_that_asks(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    index = gazetteer.load_or_build(blocked / "gazetteer.npz")
    assert index.country(gazetteer.name_key("Poland")) == "PL"
