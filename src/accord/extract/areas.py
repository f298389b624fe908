"""The area of a thing, said without the word "is": "the 30-hectare park", "X covers an
area of 30 hectares".

An area measure placed before a noun ("The 2.3 hectares (5.7 acres) walled
orchard") says that noun's area, and so does "covers / occupies / spans / has an
area of V" of its subject. A named thing gets an "area" claim; an unnamed one
("the walled orchard") a statement, as the statement rules keep other unnamed
subjects: its subject is the words of its noun phrase, its context those words
and the place words that follow them ("in the Y valley"), so that two sources
describing the same orchard meet and one orchard never meets another.

The noun phrase is read on the surface (words up to a preposition, a verb or a
comma), not from the parse: a small parser often breaks a phrase such as
"two-storey boat shed", and two sources must read it the same way.
English only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from accord.annotate.parse import Sentence, Token
from accord.extract.measures import Measure, measure_of
from accord.extract.statements import STATEMENT, MakeClaim
from accord.model import Claim, Mention, QuantityMention, Term, Value

AREA = "area"
AREA_VERBS = frozenset({"cover", "occupy", "span", "have", "encompass"})
PHRASE_POS = frozenset({"NOUN", "PROPN", "ADJ"})
_DETERMINERS = frozenset({"the", "a", "an", "this", "its", "their"})
_PLACE_PREPS = frozenset({"in", "at", "near", "on"})

SubjectOf = Callable[[Token], Mention | None]


def _chunk(tokens: Sequence[Token], i: int, last: int) -> list[Token]:
    """The words of a noun phrase from token i: nouns, adjectives and the hyphens that
    join them ("multi-phase"), up to anything else."""
    out: list[Token] = []
    for t in tokens[i:last]:
        if t.pos == "SPACE":
            continue
        if t.pos in PHRASE_POS or (t.text == "-" and out):
            out.append(t)
            continue
        break
    while out and out[-1].text == "-":
        out.pop()
    return out


def _words(tokens: list[Token]) -> str:
    """"two - storey boat shed" -> "two-storey boat shed"."""
    text = ""
    for t in tokens:
        text += t.text.lower() if t.text == "-" or text.endswith("-") or not text \
            else " " + t.text.lower()
    return text


def _place_words(tokens: Sequence[Token], after: int, last: int) -> list[str]:
    """The words of a place phrase right after a noun phrase ("in the Y corridor")."""
    if after >= last or tokens[after].text.lower() not in _PLACE_PREPS:
        return []
    k = after + 1
    while k < last and tokens[k].text.lower() in _DETERMINERS:
        k += 1
    return _words(_chunk(tokens, k, last)).split()


def _claim(sent: Sentence, tokens: Sequence[Token], phrase: list[Token], measure: Measure,
           named: Mention | None, make: MakeClaim) -> Claim | None:
    if named is not None:
        return make(sent, named, AREA, measure.value, [], phrase[-1])
    words = _words(phrase)
    if len(words.split()) < 2:
        return None  # "the park": too vague a subject to meet another source's
    context = sorted({*words.split(), *_place_words(tokens, phrase[-1].i + 1, sent.last)})
    quals: list[tuple[str, Value]] = [
        ("relation", Term("have area", "area")), ("role", Term("attr:m2", "attr:m2")),
        ("context", Term(" ".join(context), " ".join(context))),
        ("polarity", Term("positive", ""))]
    return make(sent, Mention(-1, -1, words, "TOPIC"), STATEMENT, measure.value, quals,
                phrase[-1])


def area_claims(text: str, sent: Sentence, tokens: Sequence[Token],
                quantities: Sequence[QuantityMention], subject_of: SubjectOf,
                make: MakeClaim) -> list[Claim]:
    out: list[Claim] = []
    for qm in quantities:
        if not sent.start <= qm.start < sent.end:
            continue
        m = measure_of(text, qm)
        if m is None or m.dimension != "area":
            continue
        first = next((t for t in tokens[sent.first : sent.last] if t.start >= qm.start), None)
        nxt = next((t for t in tokens[sent.first : sent.last] if t.start >= m.end), None)
        if first is None or nxt is None:
            continue
        before = tokens[first.i - 1] if first.i > sent.first else None
        phrase: list[Token] = []
        if before is not None and before.text.lower() in _DETERMINERS:
            phrase = _chunk(tokens, nxt.i, sent.last)  # "the 2.3 hectares walled orchard"
            named = None  # the phrase itself is what is measured, named or not
        elif before is not None and before.text.lower() == "of" and first.i - 3 >= sent.first \
                and tokens[first.i - 2].lemma.lower() == "area" \
                and tokens[first.i - 3].lemma.lower() in ("a", "an", "the"):
            verb = tokens[tokens[first.i - 2].head]  # "covered an area of 2.6 hectares"
            if verb.lemma.lower() not in AREA_VERBS:
                continue
            named = subject_of(verb)
            if named is None:
                k = sent.first
                while k < sent.last and tokens[k].text.lower() in _DETERMINERS:
                    k += 1
                phrase = _chunk(tokens, k, sent.last)
                if not phrase or phrase[-1].i >= verb.i:
                    continue
            else:
                phrase = [verb]
        if not phrase:
            continue
        claim = _claim(sent, tokens, phrase, m, named, make)
        if claim is not None:
            out.append(claim)
    return out
