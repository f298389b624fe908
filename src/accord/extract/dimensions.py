"""Measures said of a named thing: its distance from a place, its height, length, weight.

English and Russian say these without a property noun:

- a distance from a place: "X lies about 29 miles (47 km) northeast of Y",
  "X is 60 km from Y", "X находится в 60 км к северу от Y". The claim is
  (X, "distance", the measure) scoped by the place Y, so only distances from one
  place meet. The direction ("north", "northeast") is not compared: two sources
  that disagree on it alone do not contradict each other on the distance, and
  a direction is too coarse to be a value;
- a dimension adjective: "X is 1.70 m tall", "a 40-metre-long X", "X is the
  tallest rower (6' 4\")", "высотой 300 м": the adjective names the dimension
  (tall, high -> height; long -> length; wide, broad -> width; deep -> depth;
  heavy, "weighs" -> weight), which must fit the unit (a height in metres, a
  weight in kilograms).

Values are ranges (`accord.extract.measures`): rounding is allowed, an
"about" a little more.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from accord.annotate.parse import Sentence, Token
from accord.extract.measures import Measure, measure_of
from accord.extract.statements import MakeClaim
from accord.model import Claim, EntityRef, Mention, QuantityMention

DISTANCE = "distance"
PLACE_LABELS = frozenset({"GPE", "LOC", "ORG"})  # what a distance is measured from
# what has a distance from a place: places and things at one, never a person
SITED_LABELS = frozenset({"GPE", "LOC", "ORG", "MISC", "EVENT", "UNIT"})
_DIRECTION = (r"(?:north|south|east|west)(?:-?(?:north|south|east|west))?(?:ward|wards)?")
_FROM = re.compile(
    rf"[ \u00a0,]*(?:(?:to[ \u00a0]+the[ \u00a0]+)?{_DIRECTION}[ \u00a0]+(?:of|from)"
    r"|(?:away[ \u00a0]+)?from|outside(?:[ \u00a0]+of)?"
    r"|(?:к[ \u00a0]+\w+[ \u00a0]+)?от)[ \u00a0]+(?:the[ \u00a0]+)?", re.IGNORECASE)

# a word that names a dimension -> (property, dimension of its unit): English
# adjectives after the measure, Russian nouns in the instrumental before it
ADJECTIVES: dict[str, tuple[str, str]] = {
    "tall": ("height", "length"), "high": ("height", "length"), "long": ("length", "length"),
    "wide": ("width", "length"), "broad": ("width", "length"), "deep": ("depth", "length"),
    "thick": ("thickness", "length"), "heavy": ("weight", "mass")}
INSTRUMENTAL_NOUNS: dict[str, tuple[str, str]] = {
    "высотой": ("height", "length"), "длиной": ("length", "length"),
    "шириной": ("width", "length"), "глубиной": ("depth", "length"), "весом": ("weight", "mass")}
SUPERLATIVES: dict[str, str] = {"tallest": "tall", "highest": "high", "longest": "long",
                                "widest": "wide", "deepest": "deep", "heaviest": "heavy",
                                "taller": "tall", "higher": "high", "longer": "long"}
WEIGH_VERBS = frozenset({"weigh", "весить"})
_AFTER = re.compile(r"[ \u00a0-]*(?P<adj>[a-z]+)\b", re.IGNORECASE)
_BEFORE = re.compile(r"(?P<adj>[A-Za-zА-Яа-яЁё]+)[ \u00a0]+$")

# verbs that say where a thing is: only with them is a distance a place's distance
LOCATIVE_VERBS = frozenset({"be", "lie", "locate", "situate", "sit", "stand", "base", "place",
                            "быть", "находиться", "располагаться", "расположить", "лежать",
                            "стоять"})

SubjectOf = Callable[[Token], Mention | None]


def _token_at(tokens: Sequence[Token], sent: Sentence, offset: int) -> Token | None:
    return next((t for t in tokens[sent.first : sent.last] if t.end > offset), None)


def _verb(tokens: Sequence[Token], tok: Token) -> Token:
    """The verb a token hangs on (or the root)."""
    v = tok
    for _ in range(6):
        if v.pos in ("VERB", "AUX") or v.head == v.i:
            break
        v = tokens[v.head]
    return v


def _predicated(tokens: Sequence[Token], tok: Token, m: Measure) -> bool:
    """Whether the measure is said of the clause's subject: on the way up to the verb
    it meets no noun but its own unit, a dimension noun and what the subject is said
    to be ("X is the tallest rower (...)"); "X has a bridge 41 km long" measures the
    bridge, not X."""
    t = tok
    for _ in range(6):
        if t.pos in ("VERB", "AUX") or t.head == t.i:
            return True
        if t.pos in ("NOUN", "PROPN") and not m.start <= t.start < m.end and t.dep != "attr" \
                and t.text.lower() not in INSTRUMENTAL_NOUNS:
            return False
        t = tokens[t.head]
    return False


def _measures(text: str, sent: Sentence, quantities: Sequence[QuantityMention]) -> list[Measure]:
    out: list[Measure] = []
    for qm in quantities:
        if sent.start <= qm.start < sent.end and not any(m.start <= qm.start < m.end for m in out):
            found = measure_of(text, qm)
            if found is not None:
                out.append(found)
    return out


def distance_claims(text: str, sent: Sentence, tokens: Sequence[Token],
                    quantities: Sequence[QuantityMention], mentions: Sequence[Mention],
                    subject_of: SubjectOf, make: MakeClaim) -> list[Claim]:
    """(X, distance, measure) scoped by the place the distance is measured from."""
    out: list[Claim] = []
    for m in _measures(text, sent, quantities):
        if m.dimension != "length":
            continue
        hit = _FROM.match(text, m.end)
        if hit is None:
            continue
        place = next((x for x in mentions if x.start == hit.end() and x.label in PLACE_LABELS),
                     None)
        tok = _token_at(tokens, sent, m.start)
        if place is None or tok is None:
            continue
        if _verb(tokens, tok).lemma.lower() not in LOCATIVE_VERBS:
            continue  # "walked 30 km north of Y" is no place's distance from Y
        subj = subject_of(tok)
        if subj is None or subj.label not in SITED_LABELS or subj.text == place.text:
            continue
        obj = EntityRef(place.text, place.label, place.start, place.end)
        out.append(make(sent, subj, DISTANCE, m.value, [("object", obj)], tok))
    return out


def dimension_claims(text: str, sent: Sentence, tokens: Sequence[Token],
                     quantities: Sequence[QuantityMention], subject_of: SubjectOf,
                     make: MakeClaim) -> list[Claim]:
    """(X, height | length | width | depth | weight, measure) from the word that names
    the dimension next to the measure."""
    out: list[Claim] = []
    for m in _measures(text, sent, quantities):
        tok = _token_at(tokens, sent, m.start)
        if tok is None:
            continue
        named = _dimension_word(text, sent, tokens, m, tok)
        if named is None or named[1] != m.dimension or not _predicated(tokens, tok, m):
            continue
        subj = subject_of(tok)
        if subj is None:
            continue
        out.append(make(sent, subj, named[0], m.value, [], tok))
    return out


def _dimension_word(text: str, sent: Sentence, tokens: Sequence[Token], m: Measure,
                    tok: Token) -> tuple[str, str] | None:
    after = _AFTER.match(text, m.end)
    if after is not None and after.group("adj").lower() in ADJECTIVES:
        return ADJECTIVES[after.group("adj").lower()]  # "2 m tall", "a 40-metre-long"
    before = _BEFORE.search(text, sent.start, m.start)
    if before is not None and before.group("adj").lower() in INSTRUMENTAL_NOUNS:
        return INSTRUMENTAL_NOUNS[before.group("adj").lower()]  # "высотой 300 м"
    # "the tallest rower (6' 4\")": a measure alone in brackets after a superlative
    if text[:m.start].rstrip().endswith("(") and text[m.end:].lstrip().startswith(")"):
        lead = text[sent.start : m.start].rstrip(" (").split()[-4:]
        for w in lead:
            base = SUPERLATIVES.get(w.lower().strip(",;"))
            if base is not None:
                return ADJECTIVES[base]
    verb = tok
    for _ in range(4):  # "X weighs 80 kg"
        if verb.lemma.lower() in WEIGH_VERBS:
            return ("weight", "mass")
        if verb.head == verb.i:
            break
        verb = tokens[verb.head]
    return None
