"""Specification of modality cues: one test per cue family, English and Russian."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.extract.modality import ModalityCue, sentence_modality, version_markers
from accord.model import Modality

A, H, D, N, S = (Modality.ATTRIBUTED, Modality.HEDGED, Modality.DISPUTED, Modality.NEGATED,
                 Modality.ASSERTED)


def mod(sentence: str, language: str = "en", span: tuple[int, int] | None = None) -> ModalityCue:
    if span is None:
        return sentence_modality(sentence, language=language)
    return sentence_modality(sentence, language=language, claim_start=span[0], claim_end=span[1])


def span_of(sentence: str, part: str) -> tuple[int, int]:
    i = sentence.index(part)
    return i, i + len(part)


# ----------------------------------------------------------------- attribution


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("According to Ivor Plumb, the ferry sank at noon.", "Ivor Plumb"),
        ("According to Ivor Plumb's figures, 300 crates were lost.", "Ivor Plumb"),
        ("The ferry sank at noon, according to the harbour master.", "the harbour master"),
        ("Ivor Plumb says that the ferry sank at noon.", "Ivor Plumb"),
        ("Plumb claimed the ferry sank at noon.", "Plumb"),
        ("Plumb wrote that the ferry sank at noon.", "Plumb"),
        ("Plumb acknowledged that the ferry sank at noon.", "Plumb"),
        ("The ferry, Plumb says, sank at noon.", "Plumb"),
        ("The ferry sank at noon, as Plumb later recalled.", "Plumb"),
        ("In his memoirs, Ivor Plumb describes the sinking.", "Ivor Plumb"),
        ("Plumb's account puts the sinking at noon.", "Plumb"),
        ("Plumb, the author, says the ferry sank at noon.", "Plumb"),
        ("The ferry sank at noon, says Plumb.", "Plumb"),
    ],
)
def test_attribution_en(sentence: str, source: str) -> None:
    c = mod(sentence)
    assert c.modality is A
    assert c.attributed_to == source
    assert sentence[c.start : c.end] == c.cue


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("По словам Петрова, паром затонул в полдень.", "Петрова"),
        ("По данным Сидоровой, пропало 300 ящиков.", "Сидоровой"),
        ("Как утверждает Петров, паром затонул в полдень.", "Петров"),
        ("Петров пишет, что паром затонул в полдень.", "Петров"),
        ("Петров вспоминал, что паром затонул в полдень.", "Петров"),
        ("Паром затонул в полдень, утверждает Петров.", "Петров"),
    ],
)
def test_attribution_ru(sentence: str, source: str) -> None:
    c = mod(sentence, "ru")
    assert c.modality is A
    assert c.attributed_to == source


# ----------------------------------------------------------------- hedges


@pytest.mark.parametrize(
    "sentence",
    [
        "The ferry apparently sank at noon.",
        "The ferry reportedly sank at noon.",
        "The ferry allegedly sank at noon.",
        "It was reported that the ferry sank at noon.",
        "It is said that the ferry sank at noon.",
        "It was rumoured that the ferry sank at noon.",
        "It was rumored that the ferry sank at noon.",
        "The ferry may have sunk at noon.",
        "The ferry might have sunk at noon.",
        "The ferry possibly sank at noon.",
        "The ferry probably sank at noon.",
        "Perhaps the ferry sank at noon.",
        "The ferry presumably sank at noon.",
        "The ferry is believed to have sunk at noon.",
        "The ferry is thought to have sunk at noon.",
        "The ferry most likely sank at noon.",
    ],
)
def test_hedges_en(sentence: str) -> None:
    assert mod(sentence).modality is H


@pytest.mark.parametrize(
    "sentence",
    [
        "Паром якобы затонул в полдень.",
        "По слухам, паром затонул в полдень.",
        "Паром предположительно затонул в полдень.",
        "Возможно, паром затонул в полдень.",
        "Паром, вероятно, затонул в полдень.",
        "Паром, видимо, затонул в полдень.",
        "Говорили, будто бы паром затонул в полдень.",
    ],
)
def test_hedges_ru(sentence: str) -> None:
    assert mod(sentence, "ru").modality is H


# ----------------------------------------------------------------- disputed


@pytest.mark.parametrize(
    "sentence",
    [
        "Some accounts claim the ferry sank at noon, others claim at dusk.",
        "Some sources say the ferry sank at noon.",
        "Accounts differ on when the ferry sank.",
        "It is disputed whether the ferry sank at noon.",
        "It is unclear whether the ferry sank at noon.",
        "Sources disagree about when the ferry sank.",
        "In one version the ferry sank at noon, in another version at dusk.",
    ],
)
def test_disputed_en(sentence: str) -> None:
    assert mod(sentence).modality is D


@pytest.mark.parametrize(
    "sentence",
    [
        "По одной версии, паром затонул в полдень, по другой — вечером.",
        "По некоторым данным, паром затонул в полдень.",
        "Существуют разные версии гибели парома.",
    ],
)
def test_disputed_ru(sentence: str) -> None:
    assert mod(sentence, "ru").modality is D


# ----------------------------------------------------------------- negation


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        ("The skipper was not arrested.", "arrested"),
        ("The skipper never joined the guild.", "joined the guild"),
        ("The skipper did not sign the letter.", "sign the letter"),
        ("The skipper wasn't arrested.", "arrested"),
    ],
)
def test_negation_en(sentence: str, claim: str) -> None:
    c = mod(sentence, span=span_of(sentence, claim))
    assert c.modality is N


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        ("Шкипер не был арестован.", "арестован"),
        ("Шкипер никогда не вступал в гильдию.", "вступал в гильдию"),
    ],
)
def test_negation_ru(sentence: str, claim: str) -> None:
    assert mod(sentence, "ru", span_of(sentence, claim)).modality is N


def test_negation_must_be_close_to_the_claim() -> None:
    s = "The skipper was arrested in May, but not before he sold the boat."
    assert mod(s, span=span_of(s, "was arrested")).modality is S


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("The skipper was not only brave but kind.", "en"),
        ("No more than 300 crates were lost.", "en"),
        ("Пропало не менее 300 ящиков.", "ru"),
        ("Он не раз выходил в море.", "ru"),
    ],
)
def test_fixed_phrases_are_not_negations(sentence: str, language: str) -> None:
    assert mod(sentence, language).modality is S


# ----------------------------------------------------------------- plain and scope


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("The ferry sank at noon.", "en"),
        ("The skipper was arrested in May 1950.", "en"),
        ("Паром затонул в полдень.", "ru"),
        ("Шкипер был арестован в мае.", "ru"),
    ],
)
def test_plain_sentences_are_asserted(sentence: str, language: str) -> None:
    c = mod(sentence, language)
    assert c == ModalityCue(S, "", "", -1, -1)


def test_hedge_after_semicolon_does_not_govern_earlier_clause() -> None:
    s = "The ferry sank at noon; reportedly the crew swam ashore."
    assert mod(s, span=span_of(s, "The ferry sank at noon")).modality is S
    assert mod(s, span=span_of(s, "the crew swam ashore")).modality is H


def test_hedge_only_governs_text_after_it() -> None:
    s = "The ferry sank at noon and the crew apparently swam ashore."
    assert mod(s, span=span_of(s, "The ferry sank")).modality is S
    assert mod(s, span=span_of(s, "swam ashore")).modality is H


def test_hedge_in_other_clause_after_but() -> None:
    s = "The ferry sank at noon, but the crew probably survived."
    assert mod(s, span=span_of(s, "The ferry sank")).modality is S


def test_attribution_governs_its_clause_only() -> None:
    s = "According to Plumb, the ferry sank at noon; the crew survived."
    assert mod(s, span=span_of(s, "the ferry sank")).modality is A
    assert mod(s, span=span_of(s, "the crew survived")).modality is S


def test_precedence_and_source_kept() -> None:
    s = "Plumb says the ferry probably sank at noon."
    c = mod(s, span=span_of(s, "sank at noon"))
    assert (c.modality, c.cue, c.attributed_to) == (H, "probably", "Plumb")
    s2 = "Some sources say the ferry did not sink."
    assert mod(s2, span=span_of(s2, "sink")).modality is D


# ----------------------------------------------------------------- versions


def test_version_markers_en() -> None:
    doc = (
        "The ferry left at dawn.\n\n"
        "One version: the ferry sank at noon. Nobody survived.\n\n"
        "Alternative version: the ferry reached the port.\n\n"
        "Version 3\nThe ferry was sold.\n\nThe end."
    )
    marks = version_markers(doc)
    assert [label for _, _, label in marks] == ["One version", "Alternative version", "Version 3"]
    passages = [doc[s:e] for s, e, _ in marks]
    assert passages[0] == "One version: the ferry sank at noon. Nobody survived."
    assert passages[1] == "Alternative version: the ferry reached the port."
    assert passages[2] == "Version 3\nThe ferry was sold."


def test_version_markers_inline_split_at_next_marker() -> None:
    doc = "Another account says the boat sank. According to one version, it burned."
    marks = version_markers(doc)
    assert [doc[s:e] for s, e, _ in marks] == [
        "Another account says the boat sank.",
        "According to one version, it burned.",
    ]


def test_version_markers_ru() -> None:
    doc = "По одной версии, паром затонул. Тело не нашли. По другой версии, он уцелел."
    marks = version_markers(doc, language="ru")
    assert [doc[s:e] for s, e, _ in marks] == [
        "По одной версии, паром затонул. Тело не нашли.",
        "По другой версии, он уцелел.",
    ]


def test_no_version_markers_in_plain_text() -> None:
    assert version_markers("The ferry sank at noon. The crew survived.") == []


@given(st.text(max_size=150))
@settings(max_examples=200, deadline=None)
def test_never_raises(text: str) -> None:
    for lang in ("en", "ru"):
        c = sentence_modality(text, language=lang)
        if c.start >= 0:
            assert text[c.start : c.end] == c.cue
        for s, e, _ in version_markers(text, language=lang):
            assert 0 <= s < e <= len(text)
