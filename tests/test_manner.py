"""Specification of manner words: word families map to one canonical word."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.extract.manner import (
    EXECUTION_METHODS,
    MANNERS,
    compatible,
    find_manners,
    is_specific,
    normalize_manner,
)


def canon(text: str, language: str = "en") -> list[str]:
    return [c for _, _, _, c in find_manners(text, language=language)]


@pytest.mark.parametrize(
    "text",
    ["The smuggler was hanged at dawn.", "They hanged the smuggler.", "He died by hanging.",
     "The public hanging of the smuggler drew a crowd.", "The smuggler was hung in the square.",
     "He was sent to the gallows."],
)
def test_hanging_family(text: str) -> None:
    assert canon(text) == ["hanging"]


@pytest.mark.parametrize(
    "text",
    ["The smuggler was shot.", "The smugglers were shot at dawn.", "He was shot dead.",
     "He was executed by firing squad.", "A firing squad killed him.",
     "He was gunned down in the street.", "They were machine-gunned.", "They shot him.",
     "The captain had them shot."],
)
def test_shooting_family(text: str) -> None:
    assert canon(text) == ["shooting"]


def test_hanged_and_shot_differ() -> None:
    assert normalize_manner("was hanged") != normalize_manner("was shot")
    assert not compatible("hanging", "shooting")


@pytest.mark.parametrize("text", ["hanged", "hanging", "was hanged", "by hanging", "gallows"])
def test_hanging_forms_normalize_the_same(text: str) -> None:
    assert normalize_manner(text) == "hanging"


def test_firing_squad_is_shooting() -> None:
    assert normalize_manner("executed by firing squad") == normalize_manner("shot") == "shooting"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He was beheaded.", "beheading"), ("He was decapitated.", "beheading"),
        ("He was guillotined.", "beheading"), ("He was poisoned.", "poisoning"),
        ("He was strangled.", "strangulation"), ("He drowned in the lake.", "drowning"),
        ("He was burned at the stake.", "burning"), ("He was stabbed to death.", "stabbing"),
        ("He died by lethal injection.", "lethal injection"),
        ("He died in the electric chair.", "electrocution"),
        ("He died of natural causes.", "natural causes"),
        ("He died of a heart attack.", "natural causes"),
        ("He hanged himself in his cell.", "suicide"),
    ],
)
def test_other_manners_en(text: str, expected: str) -> None:
    assert canon(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Контрабандиста повесили.", "hanging"), ("Он был повешен.", "hanging"),
        ("Она была повешена.", "hanging"), ("Они были повешены.", "hanging"),
        ("Он казнён через повешение.", "hanging"), ("Его расстреляли.", "shooting"),
        ("Он был расстрелян.", "shooting"), ("Она была расстреляна.", "shooting"),
        ("Они были расстреляны.", "shooting"), ("Приговор: расстрел.", "shooting"),
        ("Он был обезглавлен.", "beheading"), ("Там стояла гильотина.", "beheading"),
        ("Он был отравлен.", "poisoning"), ("Он застрелился.", "suicide"),
        ("Он умер от болезни.", "natural causes"),
    ],
)
def test_russian_maps_to_the_same_words(text: str, expected: str) -> None:
    assert canon(text, "ru") == [expected]
    assert normalize_manner(text, language="ru") == expected


def test_russian_and_english_agree() -> None:
    assert normalize_manner("повешен", language="ru") == normalize_manner("hanged")
    assert normalize_manner("расстрелян", language="ru") == normalize_manner("was shot")
    assert normalize_manner("обезглавлен", language="ru") == normalize_manner("beheaded")


@pytest.mark.parametrize(
    ("text", "language"),
    [("He was executed.", "en"), ("He was put to death.", "en"), ("Он был казнён.", "ru")],
)
def test_generic_execution(text: str, language: str) -> None:
    assert canon(text, language) == ["execution"]
    assert not is_specific("execution")


def test_execution_is_compatible_with_methods_only() -> None:
    assert all(compatible("execution", m) for m in EXECUTION_METHODS)
    assert not compatible("execution", "natural causes")
    assert not compatible("execution", "suicide")
    assert all(is_specific(m) for m in MANNERS - {"execution"})


def test_specific_manner_wins_over_generic() -> None:
    assert normalize_manner("He was executed; he was hanged from a beam.") == "hanging"


@pytest.mark.parametrize(
    "text",
    ["She shot a film in the desert.", "The plane was shot down.", "They executed the plan.",
     "A picture hanging on the wall.", "The coat was hung up.", "The village was burned.",
     "The noise drowned out the speech.", "The crew sailed at noon."],
)
def test_non_lethal_senses_are_not_manners(text: str) -> None:
    assert find_manners(text) == []
    assert normalize_manner(text) is None


def test_canonical_words_and_unknown() -> None:
    for m in MANNERS:
        assert normalize_manner(m) == m
    assert normalize_manner("") is None
    assert normalize_manner("sailing") is None


def test_spans_point_into_text() -> None:
    text = "One was hanged and another was shot dead."
    found = find_manners(text)
    assert [c for *_, c in found] == ["hanging", "shooting"]
    for s, e, surface, _ in found:
        assert text[s:e] == surface


@given(st.text(max_size=150))
@settings(max_examples=200, deadline=None)
def test_never_raises(text: str) -> None:
    for lang in ("en", "ru"):
        found = find_manners(text, language=lang)
        assert all(a[1] <= b[0] for a, b in zip(found, found[1:], strict=False))
        result = normalize_manner(text, language=lang)
        assert result is None or result in MANNERS
