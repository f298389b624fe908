"""The public values of the names layer and the internal token they are built from."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class NameForm:
    """A parsed name.

    `tokens` are ascii-folded, lowercased and (for Cyrillic) romanised with the
    Wikipedia system; titles are not in `tokens` but in `titles`. For persons the
    parts are split by role; for organisations `given`/`surname` stay empty and
    `legal_forms` holds the normalised legal-form codes ("llc", "jsc", ...).
    """

    text: str
    kind: str
    tokens: tuple[str, ...]
    given: tuple[str, ...] = ()
    patronymic: str = ""
    surname: str = ""
    initials: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    script: str = "latin"
    legal_forms: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Match:
    """The verdict on two surface forms: same or not, how sure, and the rule that decided.

    `same` for a surname-only match is True with a low score: such a match is
    possible, not proven, and the resolver decides by context.
    """

    same: bool
    score: float
    rule: str


@dataclass(frozen=True, slots=True)
class Tok:
    """One word of a name, with everything comparison needs precomputed."""

    text: str  # primary folded spelling
    keys: tuple[str, ...]  # spelling keys of every romanisation
    lemma_keys: tuple[str, ...]  # keys of the nominative forms of an inflected Cyrillic word
    letters: frozenset[str]  # what an initial of this word may be
    role: str  # given patronymic surname initial particle | word number stop legal designator
    raw: str = ""
    cjk: bool = False
    acr: bool = False  # written as an acronym: exact match only
    num: int | None = None
    numword: bool = False  # the number was written as a word or ordinal
    hyphen: bool = False  # glued to the previous word by a hyphen
    cyr: bool = False
    pos: int = -1  # index in the profile's full token list
    masc: tuple[str, ...] = ()  # a Latin-script feminine Russian surname: its masculine forms
