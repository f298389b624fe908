"""Ranks: "X is the eleventh largest city in Y by area".

A rank says where a thing stands in a list that the sentence defines: by a
superlative and the noun it qualifies ("largest city"), where ("in Y") and by what
measure ("by area", "in terms of population"). The claim is (X, "ranking: largest
city in y by area (present)", 11); only ranks in the same list meet, so "the 11th largest
city in Y" (by population, unsaid) and "the 5th largest city in Y by area" do not
contradict each other, while "eleventh" and "fifth" by area do. "The largest" with
no ordinal is the first.

Two coordinated ranks share their place ("the 11th largest city in Y and 5th
largest by area": both in Y) but not their measure, which is what tells them
apart. A rank changes with time, so the clause's time, or else its tense, is part
of the list: "was the second largest" in a history and "is the fifth largest"
today are two lists.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from accord.annotate.parse import Sentence, Token
from accord.extract.statements import MakeClaim
from accord.model import Approx, Claim, Mention, Quantity, TimeMention

RANK = "ranking"  # ("rank" is a person's military rank)
_ORDINAL_WORDS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                  "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth",
                  "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
                  "twentieth"]
ORDINALS: dict[str, int] = {w: i for i, w in enumerate(_ORDINAL_WORDS, 1)}
_ORDINAL_DIGITS = re.compile(r"^(\d{1,3})(?:st|nd|rd|th)$", re.IGNORECASE)
# words of a place phrase that say how much of it, not which place
_PART_WORDS = frozenset({"the", "whole", "entire", "all", "of"})

Kids = Callable[[int], list[Token]]
SubjectOf = Callable[[Token], Mention | None]


def ordinal(word: str) -> int | None:
    """1 for "first" or "1st", 11 for "eleventh" or "11th"; None for anything else."""
    low = word.lower()
    if low in ORDINALS:
        return ORDINALS[low]
    m = _ORDINAL_DIGITS.match(low)
    return int(m.group(1)) if m else None


def _superlative(kids: Kids, t: Token) -> str:
    """The superlative an adjective makes ("largest", "most populous"), or ""."""
    if t.pos != "ADJ":
        return ""
    if "Degree=Sup" in t.morph:
        return t.text.lower()
    if any(c.text.lower() == "most" and c.dep == "advmod" for c in kids(t.i)):
        return f"most {t.text.lower()}"
    return ""


def _prep_objects(kids: Kids, h: Token, prep: str) -> list[Token]:
    return [g for c in kids(h.i) if c.dep == "prep" and c.text.lower() == prep
            for g in kids(c.i) if g.dep == "pobj"]


def _criterion(kids: Kids, holders: list[Token]) -> str:
    """"by area", "in terms of area": the measure a rank is by."""
    for h in holders:
        for g in _prep_objects(kids, h, "by"):
            return g.lemma.lower()
        for g in _prep_objects(kids, h, "in"):
            if g.lemma.lower() == "term":
                for x in _prep_objects(kids, g, "of"):
                    return x.lemma.lower()
    return ""


PLACE_PREPS = ("in", "on", "of", "among", "within", "across")


def _place(tokens: Sequence[Token], kids: Kids, holders: list[Token]) -> str | None:
    """"in Y", "on the coast", "in the whole of Y": the words that name where the list
    is drawn; None where the rank says nothing of it."""
    for h in holders:
        for prep, g in ((p, g) for p in PLACE_PREPS for g in _prep_objects(kids, h, p)):
            if g.lemma.lower() == "term":
                continue
            ids, stack = {g.i}, [g.i]
            while stack:
                for c in kids(stack.pop()):
                    if c.i not in ids and c.dep not in ("relcl", "acl", "punct", "cc", "conj"):
                        ids.add(c.i)
                        stack.append(c.i)
            words = [tokens[i].text.lower() for i in sorted(ids)
                     if tokens[i].pos in ("PROPN", "NOUN", "ADJ")
                     and tokens[i].text.lower() not in _PART_WORDS]
            return " ".join([prep, *words])
    return None


def _clause(tokens: Sequence[Token], kids: Kids, noun: Token | None) -> str:
    """A clause that narrows the list: "the tallest rower to row for X", "the first
    woman who climbed Y": its verb and object."""
    if noun is None:
        return ""
    for c in kids(noun.i):
        if c.dep in ("relcl", "acl") and c.pos in ("VERB", "AUX"):
            objs = [g.lemma.lower() for g in kids(c.i) if g.dep in ("dobj", "attr", "prep")]
            return " ".join(["to", c.lemma.lower(), *objs])
    return ""


def _when(tokens: Sequence[Token], kids: Kids, h: Token, sent: Sentence,
          times: Sequence[TimeMention]) -> str:
    """The clause's time, else its tense: the moment the list is of."""
    v = h
    for _ in range(4):
        if v.pos in ("VERB", "AUX") or v.head == v.i:
            break
        v = tokens[v.head]
    ids, stack = {v.i}, [v.i]
    while stack:
        for c in kids(stack.pop()):
            if c.i not in ids and c.dep not in ("conj", "relcl", "advcl", "ccomp"):
                ids.add(c.i)
                stack.append(c.i)
    spans = [(tokens[i].start, tokens[i].end) for i in ids]
    for tm in times:
        if tm.value is not None and sent.start <= tm.start < sent.end and any(
                a < tm.end and tm.start < b for a, b in spans):
            return tm.value.normalized
    tenses = [t for t in (v, *kids(v.i)) if t.i == v.i or t.dep in ("aux", "auxpass", "cop")]
    return "past" if any("Tense=Past" in t.morph for t in tenses) else "present"


def rank_claims(sent: Sentence, tokens: Sequence[Token], kids: Kids,
                times: Sequence[TimeMention], subject_of: SubjectOf,
                make: MakeClaim) -> list[Claim]:
    """(X, "ranking: <superlative> <noun> in <place> by <measure>", n) for "X is the n-th
    <superlative> <noun> ..."."""
    out: list[Claim] = []
    found: dict[int, str] = {}  # rank head -> its place, for coordinated ranks
    for s in tokens[sent.first : sent.last]:
        sup = _superlative(kids, s)
        if not sup:
            continue
        noun = tokens[s.head] if s.dep == "amod" and tokens[s.head].pos == "NOUN" else None
        head = noun or s
        if noun is not None and noun.is_plural:
            continue  # "one of the largest cities": no rank of its own
        mods = [c for x in (s, head) for c in kids(x.i)]
        n = next((v for c in mods if (v := ordinal(c.text)) is not None), None)
        text = next((c.text for c in mods if ordinal(c.text) is not None), "")
        if n is None:
            if not any(c.dep == "det" and c.text.lower() == "the" for c in mods):
                continue
            n, text = 1, f"the {sup}"
        if head.dep not in ("attr", "conj", "appos"):
            continue  # the rank must be said of something: "X is the ...", "X, the ..."
        subj = subject_of(head)
        if subj is None:
            continue
        holders = [head, s] if noun is not None else [s]
        place = _place(tokens, kids, holders)
        if place is None and head.dep == "conj":
            place = found.get(head.head)  # "the 11th largest city in Y and 5th ... by area"
        found[head.i] = place or ""
        criterion = _criterion(kids, holders + ([tokens[head.head]] if head.dep == "attr" else []))
        what = f"{sup} {noun.lemma.lower()}" if noun is not None else sup
        narrowed = _clause(tokens, kids, noun)
        prop = (f"{RANK}: {what}" + (f" {narrowed}" if narrowed else "")
                + (f" {place}" if place else "")
                + (f" by {criterion}" if criterion else "")
                + f" ({_when(tokens, kids, head, sent, times)})")
        out.append(make(sent, subj, prop, Quantity(n, n, RANK, Approx.EXACT, text), [], head))
    return out
