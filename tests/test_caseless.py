"""Caseless patterns find what re.IGNORECASE finds, at the text's own offsets."""

import re

import pytest

from accord.caseless import Caseless

PATTERN = r"\b(?:was|were)\s+hanged\b"


@pytest.mark.parametrize("text", [
    "He WAS Hanged at dawn.",
    "They were hanged; he was hanged too.",
    "İstanbul notes: he was HANGED.",  # lowering "İ" makes two characters
    "nothing here",
])
def test_caseless_spans_are_those_of_ignorecase(text):
    want = [m.span() for m in re.finditer(PATTERN, text, re.IGNORECASE)]
    got = [m.span() for m in Caseless(PATTERN).finditer(text)]
    assert got == want
    assert bool(Caseless(PATTERN).search(text)) == bool(want)


def test_a_caseless_pattern_must_be_written_in_lower_case():
    with pytest.raises(ValueError):
        Caseless(r"\bVersion\s+[IVX]+")
    Caseless(r"\S+\W\B\D")  # escapes are not letters of the pattern
