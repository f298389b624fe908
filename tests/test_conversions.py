"""Conversions: a measure and its bracketed conversion that disagree.

Every text here is invented for the test.
"""

from pathlib import Path

import pytest

from accord.contracts import findings_json
from accord.extract.conversions import conversion_slips
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


def test_a_slip_is_reported_as_the_source_contradicting_itself(tmp_path: Path):
    pile = tmp_path / "pile"
    pile.mkdir()
    (pile / "a.txt").write_text(
        "The Tarrow signal pistols are of one inch bore (26.5mm) and fire red flares.\n",
        encoding="utf-8")
    store = Store(str(tmp_path / "t.db"))
    try:
        build([str(pile)], store)
        found = findings_json(store)["findings"]
    finally:
        store.close()
    [f] = [f for f in found if f["kind"] == "conflict"]
    assert {c["value"]["text"] for c in f["claims"]} == {"one inch", "26.5mm"}
    assert "contradicts itself" in f["explanation"] and "25.4" in f["explanation"]
