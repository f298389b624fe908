"""Judging statements: the same clause with another value, or denied.

Statements (`accord.extract.statements`) carry no meaning of their own beyond
their words, so they are compared only where that is safe:

- they meet when they have the same subject, the same predicate and the same
  argument role ("Jamshedpur FC · play game · at");
- two of them are *aligned* when the rest of their clauses say the same: most
  of the words of the shorter context are in the other (an overlap coefficient),
  so "A visited B in 1920" and "A visited C in 1925" never meet as one statement;
- a conflict needs aligned statements that deny each other (one negated, same
  value), or that give incompatible values. How much shared context that takes
  grows with how easily the value could be one of many: a date of a thing that
  was done once (a book published, a bridge opened: a passive clause about
  something other than a person) needs the verb alone, while what a person or an
  organisation does on two dates may well have happened twice; numbers need two
  shared words; a name or a phrase three, since "played at A" and "played at B"
  are both true of most people; a colour needs none, since a thing described
  by its colour ("the flowers are pale pink" / "... are slaty blue") has one,
  and hues that sit side by side (pink and red) are read as one description;
  what someone works as at a stated time (both clauses dated, the dates
  overlapping) needs the verb alone, since "works as a surveyor in 1990" is the
  person's occupation then, where "played at A" is one of many places; how
  many do one thing to one thing ("kept by two clerks" / "three clerks keep it",
  `accord.extract.agents`) needs the verb alone too: the doers of one act on
  one thing are one number, however short the clause that counts them;
- two statements of different times are both true: a clause's own time, or else
  the date of its source ("currently has a value of ..." in two reports of
  different days).

Only conflicts become findings: an aligned agreement repeats what the typed
claims and events already show, and a statement nobody else makes is just a
sentence.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from itertools import combinations

from rapidfuzz import fuzz
from unidecode import unidecode

from accord.align.compare import Relation, copied_note, describe, relate
from accord.annotate.quantity import is_measure_unit
from accord.extract.conversions import CONVERSION, ENUMERATION
from accord.extract.durations import DURATION
from accord.extract.statements import STATEMENT, polarity, subject_key
from accord.model import Claim, Finding, Quantity, Term, TimeValue, Value, Verdict

ALIGNED = 0.75  # overlap coefficient of the two contexts
# shared context words a value conflict needs, by kind of value; None: never by value
SHARED_FOR: dict[str, int | None] = {"once": 1, "time": None, "quantity": 2, "name": 3,
                                     "colour": 0, "occupation": 1, "agents": 1}
# verbs whose "as" argument is what the subject works as: "works as", "was employed as"
OCCUPATION_VERBS = frozenset({"work", "employ"})
SAME_NAME = 88  # token-set similarity of two phrases read as one name
# basic colour words of English and Russian (lemmas), with their "-ish" forms, by hue
HUE_WORDS: dict[str, tuple[str, ...]] = {
    "red": ("red", "reddish", "crimson", "scarlet", "красный", "красноватый", "алый"),
    "orange": ("orange", "orangish", "orangey", "оранжевый"),
    "yellow": ("yellow", "yellowish", "жёлтый", "желтый", "желтоватый"),
    "green": ("green", "greenish", "зелёный", "зеленый", "зеленоватый"),
    "blue": ("blue", "bluish", "blueish", "azure", "синий", "голубой", "синеватый"),
    "purple": ("purple", "purplish", "violet", "lilac", "lavender", "mauve", "фиолетовый",
               "лиловый", "сиреневый"),
    "pink": ("pink", "pinkish", "magenta", "розовый", "розоватый"),
    "brown": ("brown", "brownish", "коричневый", "бурый"),
    "grey": ("grey", "gray", "greyish", "grayish", "серый", "сероватый"),
    "black": ("black", "blackish", "чёрный", "черный"),
    "white": ("white", "whitish", "белый", "беловатый"),
}
HUE_OF: dict[str, str] = {w: hue for hue, words in HUE_WORDS.items() for w in words}
# hues one observer may name where another names the next: no contradiction
NEIGHBOUR_HUES = frozenset(frozenset(p) for p in (
    ("red", "orange"), ("red", "pink"), ("red", "purple"), ("red", "brown"),
    ("orange", "yellow"), ("orange", "brown"), ("yellow", "green"), ("yellow", "white"),
    ("green", "blue"), ("blue", "purple"), ("purple", "pink"), ("pink", "white"),
    ("grey", "black"), ("grey", "white"), ("grey", "blue"), ("grey", "brown"), ("grey", "green"),
    ("brown", "black")))


def _q(c: Claim, key: str) -> str:
    v = c.qualifier(key)
    return v.word if isinstance(v, Term) else ""


def _context(c: Claim) -> set[str]:
    return set(_q(c, "context").split())


def hues(t: Term) -> frozenset[str]:
    """The hues a phrase names when it is a colour ("pale pink", "bluish grey", "pink
    and white": its head word is a colour word); empty when it is not one."""
    words = t.word.split()
    if not words or words[-1] not in HUE_OF:
        return frozenset()
    return frozenset(HUE_OF[w] for w in words if w in HUE_OF)


def same_colour(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two colour descriptions fit one thing when they share a hue or name neighbours."""
    return bool(a & b) or any(frozenset((x, y)) in NEIGHBOUR_HUES for x in a for y in b)


def relate_values(a: Value, b: Value) -> Relation:
    """Times and quantities by their bounds; phrases by their words, where one phrase
    inside the other ("Wembley" / "Wembley Stadium") or two spellings of one name
    are compatible, and two colours by their hues."""
    if isinstance(a, Term) and isinstance(b, Term):
        wa, wb = set(a.word.split()), set(b.word.split())
        if wa == wb:
            return Relation.EQUAL
        if wa < wb:
            return Relation.WIDER
        if wb < wa:
            return Relation.NARROWER
        ha, hb = hues(a), hues(b)
        if ha and hb:
            return Relation.OVERLAP if same_colour(ha, hb) else Relation.DISJOINT
        fa, fb = unidecode(a.text).lower(), unidecode(b.text).lower()
        if fuzz.token_set_ratio(fa, fb) >= SAME_NAME or fuzz.ratio(fa, fb) >= SAME_NAME:
            return Relation.OVERLAP
        return Relation.DISJOINT
    return relate(a, b)


def _kind(c: Claim) -> str:
    if isinstance(c.value, TimeValue):
        once = _q(c, "voice") == "passive" and c.subject.label not in ("PER", "")
        return "once" if once else "time"
    if isinstance(c.value, Quantity):
        role = _q(c, "role")
        if role.startswith("by:") and c.value.unit and not is_measure_unit(c.value.unit):
            return "agents"  # "by two clerks", not "by 5 km" nor "by 5 %"
        return "quantity"
    if (isinstance(c.value, Term) and _q(c, "role") == "attr" and c.subject.label != "PER"
            and hues(c.value)):
        return "colour"  # of a thing; a person's "black" or "white" is no colour of theirs
    if (isinstance(c.value, Term) and _q(c, "role") == "as"
            and _q(c, "relation") in OCCUPATION_VERBS
            and isinstance(c.qualifier("time"), TimeValue)):
        return "occupation"  # at a time the clause states
    return "name"


def _conflicts(a: Claim, b: Claim, ca: set[str], cb: set[str], pa: str, pb: str
               ) -> tuple[str | None, str | None]:
    """Why two statements of one group (with contexts `ca`, `cb` and polarities `pa`,
    `pb`) cannot both be true: (if they are from two texts, if from one text); None
    where they can."""
    shared = len(ca & cb)
    smaller = min(len(ca), len(cb))
    overlap = shared / smaller if smaller else 1.0
    if overlap < ALIGNED:
        return None, None
    if pa == pb:
        # the same polarity: only another value, and only with enough shared context
        # (checked first: most pairs of a large group stop here, before values are read)
        needs = (SHARED_FOR[_kind(a)], SHARED_FOR[_kind(b)])
        if pa == "negative" or None in needs or shared < max(n for n in needs if n is not None):
            return None, None
    ta, tb = a.qualifier("time"), b.qualifier("time")
    if isinstance(ta, TimeValue) and isinstance(tb, TimeValue) and \
            relate(ta, tb) is Relation.DISJOINT:
        return None, None  # said of different times: both may be true
    rel = relate_values(a.value, b.value)
    if pa != pb:
        if rel in (Relation.DISJOINT, Relation.INCOMPARABLE):
            return None, None
        yes, no = (a, b) if pa == "positive" else (b, a)
        why = (f"One source states it ({describe(yes.value)}), the other denies it: "
               f"\u201c{no.evidence.quote[:80]}\u201d.")
        return why, why
    if rel is not Relation.DISJOINT:
        return None, None
    # (within one text, two values of one frame are most often two facts: no reason)
    return (f"The same statement with another value: {describe(a.value)} vs "
            f"{describe(b.value)}; the rest of the two sentences agrees."), None


def _finding_id(key: tuple, claims: Iterable[Claim]) -> str:
    raw = "|".join([*key, *sorted(c.id for c in claims)])
    return "f" + hashlib.sha1(raw.encode()).hexdigest()[:16]


def statement_findings(claims: Iterable[Claim],
                       origin_of: Callable[[Claim], str] = lambda c: c.source_id
                       ) -> list[Finding]:
    groups: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    slips: dict[tuple[str, int, str], list[Claim]] = defaultdict(list)
    for c in claims:
        if c.property != STATEMENT:
            continue
        if _q(c, "relation") in (CONVERSION, ENUMERATION, DURATION):
            slips[(c.source_id, c.evidence.start, _q(c, "pair"))].append(c)
            continue
        subject = subject_key(c)
        if not subject or (subject.startswith("topic:") and len(c.subject.text.split()) < 2):
            continue  # "the company": too vague a subject to meet another source's
        groups[(subject, _q(c, "relation"), _q(c, "role"))].append(c)
    out: dict[frozenset, Finding] = {}
    for key, group in groups.items():
        if len(group) < 2:
            continue
        involved: dict[str, Claim] = {}
        why = ""
        # claims that read alike (same value, polarity, context, time) are judged once
        # as a class: a statement repeated by a thousand sources is not a million pairs
        classes: dict[tuple, list[Claim]] = defaultdict(list)
        for c in group:
            t = c.qualifier("time")
            classes[(type(c.value).__name__, c.value.normalized, polarity(c), _q(c, "context"),
                     t.normalized if t is not None else "", _q(c, "voice"),
                     c.subject.label)].append(c)
        reps = [(members, _context(members[0]), k[2]) for k, members in classes.items()]
        for (ma, ca, pa), (mb, cb, pb) in combinations(reps, 2):
            # the verdict depends on the class, and on whether the two share a text
            across, within = _conflicts(ma[0], mb[0], ca, cb, pa, pb)
            if across is None and within is None:
                continue
            for a, b in _pairs(ma, mb):
                reason = within if a.source_id == b.source_id else across
                if reason is None:
                    continue
                if a.source_id != b.source_id:
                    reason += copied_note(origin_of(a), origin_of(b))
                involved.setdefault(a.id, a)
                involved.setdefault(b.id, b)
                why = why or reason
        if not involved:
            continue
        part = tuple(sorted(involved.values(), key=lambda c: (c.source_id, c.evidence.start)))
        if len({c.source_id for c in part}) == 1:
            why = "One source contradicts itself. " + why
        finding = Finding(
            id=_finding_id(key, part), kind=Verdict.CONFLICT, subject_id=key[0],
            property=STATEMENT, claims=part, explanation=why,
            scope=f"{key[1]} \u00b7 {key[2]}",
            independent_sources=len({origin_of(c) for c in part}),
        )
        # one contradiction between two sentences is one finding, whichever of their
        # arguments shows it: the longest value tells the most
        sentences = frozenset((c.source_id, c.evidence.start) for c in part)
        held = out.get(sentences)
        if held is None or _weight(finding) > _weight(held):
            out[sentences] = finding
    found = list(out.values()) + [f for pair in slips.values() if (f := _slip_finding(pair))]
    return sorted(found, key=lambda f: f.id)


SLIP_SCOPE = {ENUMERATION: "count", DURATION: "duration"}


def _slip_finding(pair: list[Claim]) -> Finding | None:
    """A measure and its bracketed conversion, a count and its list, or a duration and
    the years it runs between, that disagree (`accord.extract.conversions`,
    `accord.extract.lists`, `accord.extract.durations` found them): the source
    contradicts itself within one phrase."""
    stated = next((c for c in pair if _q(c, "role") == "stated"), None)
    converted = next((c for c in pair if _q(c, "role") == "converted"), None)
    if stated is None or converted is None:
        return None
    expected = stated.qualifier("expected")
    relation = _q(stated, "relation")
    key = (subject_key(stated) or "topic:" + stated.subject.text, relation, "")
    part = (stated, converted)
    if relation == ENUMERATION:
        why = (f"One source contradicts itself: it counts {describe(stated.value)} "
               f"but lists {converted.value.normalized}: {describe(converted.value)}.")
    elif relation == DURATION:
        why = (f"One source contradicts itself: it says {stated.value.normalized} years, "
               f"but {converted.value.text} is {converted.value.normalized} years.")
    else:
        why = (f"One source contradicts itself: {describe(stated.value)} is "
               f"{describe(expected) if expected is not None else 'another figure'}, "
               f"but the conversion it gives in brackets is {describe(converted.value)}.")
    return Finding(
        id=_finding_id(key, part), kind=Verdict.CONFLICT, subject_id=key[0], property=STATEMENT,
        claims=part, scope=f"{relation} \u00b7 {SLIP_SCOPE.get(relation, 'measure')}",
        explanation=why, independent_sources=1)


def _pairs(ma: list[Claim], mb: list[Claim]):
    """Member pairs of two classes, never two arguments of one sentence."""
    for a in ma:
        for b in mb:
            if a.source_id == b.source_id and a.evidence.start == b.evidence.start:
                continue  # one sentence: a list or a range, not two claims
            yield a, b


def _weight(f: Finding) -> tuple[int, str]:
    return sum(len(describe(c.value)) for c in f.claims), f.id
