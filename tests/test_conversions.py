"""Conversions: a measure and its bracketed conversion that disagree.

Every text here is invented for the test.
"""

from pathlib import Path

import pytest

from accord.contracts import findings_json
from accord.extract.conversions import conversion_slips, count_slips
from accord.pipeline import build
from accord.store.db import Store


@pytest.mark.parametrize("text", [
    "a tower 5-metre (16 ft) tall",          # 16.4 ft, rounded
    "about 43 miles (69 km) from the coast",
    "a weir 2 metres (6 ft 7 in) high",      # feet and inches together
    "a field of 1.4 hectares (3.5 acres)",
    "a route of 630 km (391.5 mi)",
    "a ridge at 3,000 ft (900 m)",           # a round figure is good to 50 m
    "a top speed of 65 km/h (40 mph)",
    "a bag of 10 pounds (4.5 kg)",
])
def test_a_conversion_within_rounding_is_no_slip(text):
    assert conversion_slips(text) == []


@pytest.mark.parametrize("text, stated, converted, expected", [
    ("signal pistols of one inch bore (26.5mm)", "one inch", "26.5mm", 25.4),
    ("a wall 2 ft (0.7 m) thick", "2 ft", "0.7 m", 0.6096),
    ("he stood 6 ft 8 in (2.3 m) tall", "6 ft 8 in", "2.3 m", 2.032),
])
def test_a_conversion_off_by_more_than_rounding_is_a_slip(text, stated, converted, expected):
    [slip] = conversion_slips(text)
    assert (slip.stated.text, slip.converted.text) == (stated, converted)
    assert slip.expected == pytest.approx(expected, abs=1e-3)


@pytest.mark.parametrize("text", [
    "an area of 318.21 km2 (122.86 sq mi)",  # square units are not lengths
    "a run of 5 km (3 km paved)",             # one unit: no conversion
    "a gap 5 in (13 cm) wide",                # "in" alone is a preposition too often
    "a run of 12 km (about an hour)",         # no figure in the bracket
])
def test_what_is_not_a_measure_and_its_conversion_is_left_alone(text):
    assert conversion_slips(text) == []


def conflicts_of(tmp_path: Path, text: str) -> list[dict]:
    pile = tmp_path / "pile"
    pile.mkdir()
    (pile / "a.txt").write_text(text + "\n", encoding="utf-8")
    store = Store(str(tmp_path / "t.db"))
    try:
        build([str(pile)], store)
        return [f for f in findings_json(store)["findings"] if f["kind"] == "conflict"]
    finally:
        store.close()


def test_a_slip_is_reported_as_the_source_contradicting_itself(tmp_path: Path):
    [f] = conflicts_of(tmp_path, "The Tarrow signal pistols are of one inch bore (26.5mm) "
                                 "and fire red flares.")
    assert {c["value"]["text"] for c in f["claims"]} == {"one inch", "26.5mm"}
    assert "contradicts itself" in f["explanation"] and "25.4" in f["explanation"]


def test_a_count_and_a_longer_list_are_reported_as_the_source_contradicting_itself(
        tmp_path: Path):
    [f] = conflicts_of(tmp_path, "The Brellan ferry company kept two boats, while five others "
                                 "(4411, 4412, 4415, 4420, 4431 and 4437) were sold.")
    assert {c["value"]["normalized"] for c in f["claims"]} == {"5", "6"}
    assert "lists 6" in f["explanation"]


@pytest.mark.parametrize("text, counted, listed", [
    ("while five others (4411, 4412, 4415, 4420, 4431 and 4437) were sold", 5, 6),
    ("she won the cup four times (1990, 1994 and 1998)", 4, 3),
])
def test_a_count_in_words_and_a_list_of_another_length_is_a_slip(text, counted, listed):
    [slip] = count_slips(text)
    assert (slip.stated.low, slip.converted.low) == (counted, listed)


@pytest.mark.parametrize("text", [
    "she won the cup three times (1990, 1994 and 1998)",  # as many as counted
    "the three towns (Arlen, Vesk, Tolm and Brenn)",        # names: commas of their own
    "in 12 matches (3, 4)",                                  # figures: maybe a breakdown
    "two stations (12 and 14 km away)",                      # not a plain list
])
def test_a_count_that_fits_or_cannot_be_checked_is_no_slip(text):
    assert count_slips(text) == []
