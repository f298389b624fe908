"""Attribute claims: a number or a date that a noun names as a property of something.

"X's height is 1.70 m", "the population of X was 5,000", "X has a membership of
652,723", "X, with an area of 30 km²", and fact-box lines ("Height:<tab>1.70 m").
The property is the noun itself (height, population, membership, area), so the
vocabulary grows with the texts instead of with a list; values are limited to
quantities and times, which compare safely (two different words for an
occupation need not contradict each other; two heights do).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from accord.annotate.parse import Parsed, Sentence, Token
from accord.model import Claim, Mention, QuantityMention, TimeMention, Value

SUBJECT_LABELS = frozenset({"PER", "ORG", "UNIT", "GPE", "LOC", "EVENT", "MISC"})
# nouns that only carry a value along, never name a property themselves
EMPTY_NOUNS = frozenset({"number", "total", "figure", "amount", "one", "part", "some", "most",
                         "rest", "lot", "kind", "type", "way", "time", "year", "day", "month"})
COPULAS = frozenset({"be", "become", "remain", "stand", "reach", "быть", "составлять"})
HAVE = frozenset({"have", "boast", "contain", "иметь"})

_BOX = re.compile(r"^[ \t]*(?P<label>[A-Za-zА-Яа-яЁё][\w ]{1,30}?)[ \t]*(?::[ \t]*|\t+)(?=\S)",
                  re.MULTILINE)

MakeClaim = Callable[[Sentence, Mention, str, Value, Token], Claim]


def _token_at(parsed: Parsed, sent: Sentence, offset: int) -> Token | None:
    for t in parsed.tokens[sent.first : sent.last]:
        if t.start <= offset < t.end or t.start >= offset:
            return t
    return None


def attribute_claims(parsed: Parsed, sent: Sentence, values: Sequence[QuantityMention | TimeMention],
                     kids: Callable[[int], list[Token]],
                     entities_at: Callable[[Token], tuple[Mention, ...]],
                     make: MakeClaim) -> list[Claim]:
    out = []
    toks = parsed.tokens
    for vm in values:
        if vm.value is None or vm.start < sent.start or vm.end > sent.end:
            continue
        first = _token_at(parsed, sent, vm.start)
        if first is None:
            continue
        # the head of the value phrase: climb while inside the value's span
        v = first
        for _ in range(5):
            h = toks[v.head]
            if h.i == v.i or not (vm.start <= h.start < vm.end):
                break
            v = h
        if v.dep in ("nummod", "quantmod") and toks[v.head].pos == "NOUN":
            v = toks[v.head]  # "180 cm": the unit noun carries the phrase's role
        found = _noun_and_owner(parsed, v, kids, entities_at)
        if found is None:
            continue
        noun, owner = found
        out.append(make(sent, owner, attribute_name(noun.lemma), vm.value, noun))
    return out


_SUFFIXES = ("ship", "hood")


def attribute_name(lemma: str) -> str:
    """One name for a property however the noun is built: "membership" and "members"
    both count members."""
    low = lemma.lower()
    for suffix in _SUFFIXES:
        if low.endswith(suffix) and len(low) > len(suffix) + 3:
            return low[: -len(suffix)]
    return low


def _owner_of(noun: Token, kids, entities_at) -> Mention | None:
    """X in "X's N", "the N of X", or a name before the noun ("X height is 2 m")."""
    for c in kids(noun.i):
        if c.dep == "poss" or (c.dep == "nmod" and "Case=Gen" in c.morph) or (
                c.dep == "compound" and c.pos == "PROPN"):
            ents = [m for m in entities_at(c) if m.label in SUBJECT_LABELS]
            if ents:
                return ents[0]
        if c.dep == "prep" and c.text.lower() == "of":
            for g in kids(c.i):
                ents = [m for m in entities_at(g) if m.label in SUBJECT_LABELS]
                if g.dep == "pobj" and ents:
                    return ents[0]
    return None


def _noun_and_owner(parsed: Parsed, v: Token, kids, entities_at) -> tuple[Token, Mention] | None:
    toks = parsed.tokens
    head = toks[v.head]
    # "X's N is V", "the N of X was V"
    if v.dep in ("attr", "acomp", "npadvmod", "dobj") and head.lemma.lower() in COPULAS:
        for n in kids(head.i):
            if n.dep in ("nsubj", "nsubjpass") and n.pos == "NOUN" and n.lemma.lower() not in EMPTY_NOUNS:
                owner = _owner_of(n, kids, entities_at)
                if owner is not None:
                    return n, owner
    # "X has a N of V", "X, with a N of V"
    if v.dep == "pobj" and head.text.lower() == "of":
        noun = toks[head.head]
        if noun.pos == "NOUN" and noun.lemma.lower() not in EMPTY_NOUNS:
            up = toks[noun.head]
            if noun.dep == "dobj" and up.lemma.lower() in HAVE:
                for s in kids(up.i):
                    if s.dep == "nsubj":
                        ents = [m for m in entities_at(s) if m.label in SUBJECT_LABELS]
                        if ents:
                            return noun, ents[0]
            if noun.dep == "pobj" and up.text.lower() == "with":
                ents = [m for m in entities_at(toks[up.head]) if m.label in SUBJECT_LABELS]
                if ents:
                    return noun, ents[0]
            owner = _owner_of(noun, kids, entities_at)
            if owner is not None and noun.dep in ("nsubj", "attr", "dobj", "pobj"):
                return noun, owner
    return None


def box_lines(text: str) -> list[tuple[int, int, str]]:
    """Fact-box lines: (start of the value, end of the line, the label in lowercase)."""
    out = []
    for m in _BOX.finditer(text):
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        label = " ".join(m.group("label").lower().split())
        if len(label.split()) <= 3:
            out.append((m.end(), end, label))
    return out
