"""Claims from one parsed source: who, which property, what value, said how.

Each claim keeps the sentence it came from (offsets and quote), the modality
the sentence gives it, and the zone (body, caption, footnote) it sits in. The
rules read `Parsed` tokens, so English and Russian share them.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import partial
from typing import TYPE_CHECKING

from accord.annotate.parse import Parsed, Sentence, Token
from accord.extract.agents import agent_count_claims
from accord.extract.areas import area_claims
from accord.extract.attributes import HAVE, attribute_claims, attribute_name, box_lines
from accord.extract.boxes import inline_box_claims
from accord.extract.causes import find_causes
from accord.extract.conversions import conversion_claims
from accord.extract.coref import (
    Antecedents,
    main_subject,
    resolve_pronouns,
    surname_key,
    token_mentions,
)
from accord.extract.dimensions import dimension_claims, distance_claims
from accord.extract.durations import duration_claims
from accord.extract.lifespan import lifespan_claims
from accord.extract.lists import list_claims
from accord.extract.manner import find_manners
from accord.extract.measures import as_measures
from accord.extract.modality import ModalityCue, sentence_modality, version_markers
from accord.extract.phases import label_line_claims, phase_claims
from accord.extract.ranks import rank_claims
from accord.extract.statements import (
    LIGHT_WORDS,
    STATEMENT,
    StatementDoc,
    sentence_subject,
    statement_claims,
    statement_ref,
)
from accord.extract.triggers import EN_COMMAND_NOUNS, Trigger, noun_trigger, verb_triggers
from accord.model import (
    Anchor,
    Claim,
    EntityRef,
    Evidence,
    Mention,
    Modality,
    QuantityMention,
    Source,
    Term,
    TimeMention,
    TimeValue,
    Value,
    source_day,
)
from accord.timex.ages import find_ages, time_from_age

if TYPE_CHECKING:
    from accord.source_keys import SourceKeys

CLAIM_ZONES_SKIPPED = frozenset({"reference", "byline", "dateline", "heading"})
SUBJECT_LABELS = frozenset({"PER", "ORG", "UNIT", "GPE", "EVENT", "NORP", "MISC", "LOC"})
CLAUSAL = frozenset({"advcl", "ccomp", "relcl", "conj", "parataxis", "xcomp", "acl"})
SUBJECT_DEPS = ("nsubj", "nsubjpass")
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom", "который", "которая", "которые",
                               "кто"})


@dataclass(frozen=True, slots=True)
class SourceFacts:
    """Everything the per-source stages learn about one source."""

    source: Source
    parsed: Parsed
    times: tuple[TimeMention, ...]
    quantities: tuple[QuantityMention, ...]
    claims: tuple[Claim, ...]
    keys: SourceKeys | None = None  # what the corpus-wide stages keep of the source


def claim_id(source_id: str, prop: str, start: int, subj: EntityRef, value: Value) -> str:
    key = f"{source_id}|{prop}|{start}|{subj.start}|{subj.end}|{type(value).__name__}|{value.normalized}"
    return "c" + hashlib.sha1(key.encode()).hexdigest()[:16]


class _Doc:
    """Indexes over one parsed source, built once for all the rules."""

    def __init__(self, source: Source, parsed: Parsed, times, quantities) -> None:
        self.source = source
        self.parsed = parsed
        self.text = source.text
        self.lang = parsed.language
        self.times = list(times)
        self.quantities = list(quantities)
        self.measured = as_measures(self.text, self.quantities)  # attributes compare these
        self.mention_of = token_mentions(parsed)
        self.ante: Antecedents = resolve_pronouns(parsed, self.mention_of)
        self.versions = version_markers(self.text, language=self.lang)
        self.ages = find_ages(self.text)  # "aged 67", "at the age of 68", "в возрасте 67 лет"
        self.used: set[int] = set()  # trigger tokens a specific rule has used
        self.cues: dict[tuple[int, int, int], ModalityCue] = {}  # modality cue by (sentence, word)
        self.children: dict[int, list[Token]] = {}
        for t in parsed.tokens:
            if t.head != t.i:
                self.children.setdefault(t.head, []).append(t)

    # ------------------------------------------------------------ structure
    def kids(self, i: int) -> list[Token]:
        return self.children.get(i, [])

    def subtree_ids(self, i: int, stop_at_clauses: bool = False) -> set[int]:
        """Tokens under i; with stop_at_clauses, not those of embedded clauses (a noun
        keeps its reduced relative: "a trial held in 1946")."""
        out = {i}
        stack = [i]
        noun = self.parsed.tokens[i].pos in ("NOUN", "PROPN")
        while stack:
            j = stack.pop()
            for c in self.kids(j):
                if stop_at_clauses and c.dep in CLAUSAL and self.parsed.tokens[c.i].pos in (
                    "VERB", "AUX"
                ) and not (noun and j == i and c.dep == "acl"):
                    continue
                if c.i not in out:
                    out.add(c.i)
                    stack.append(c.i)
        return out

    def is_passive(self, t: Token) -> bool:
        if "Voice=Pass" in t.morph:
            return True
        if any(c.dep in ("auxpass", "nsubjpass") for c in self.kids(t.i)):
            return True
        # reduced passive: "Captured in 1942, X ..." / "a general captured in 1942"
        participle = "VerbForm=Part" in t.morph and "Tense=Past" in t.morph
        if t.dep in ("advcl", "acl", "amod") and participle:
            return True
        # a past form joined to a passive with no subject or object of its own shares
        # its voice: "was founded in 1887 and dissolved in 1954" (tagged as either)
        return (t.dep == "conj" and "Tense=Past" in t.morph and t.head != t.i and not any(
            c.dep in ("nsubj", "dobj") for c in self.kids(t.i))
            and self.is_passive(self.parsed.tokens[t.head]))

    # ------------------------------------------------------------ entities
    def entities_at(self, t: Token) -> tuple[Mention, ...]:
        """The named things a token stands for: its mention, a pronoun's antecedent,
        an appositive name ("a general, X"), and coordinated names ("X and Y")."""
        found: list[Mention] = []
        m = self.mention_of.get(t.i)
        if m is not None:
            found.append(m)
        found.extend(self.ante.get(t.i))
        if not found:
            for c in self.kids(t.i):
                if c.dep == "appos":
                    mm = self.mention_of.get(c.i)
                    if mm is not None:
                        found.append(mm)
                    found.extend(self.ante.get(c.i))
        for c in self.kids(t.i):
            if c.dep == "conj":
                found.extend(self.entities_at(c))
        uniq: list[Mention] = []
        for x in found:
            if x not in uniq:
                uniq.append(x)
        return tuple(uniq)

    def subject_tokens(self, t: Token) -> list[Token]:
        subj = [c for c in self.kids(t.i) if c.dep in SUBJECT_DEPS]
        if subj and t.dep == "relcl" and subj[0].text.lower() in RELATIVE_PRONOUNS:
            return [self.parsed.tokens[t.head]]  # "X, who was born in 1851": X
        if subj:
            return subj
        # an open clause takes its head's object ("urged us to join") or else its subject;
        # conjoined verbs share their head's subject
        if t.dep == "xcomp" and t.head != t.i:
            obj = [c for c in self.kids(t.head) if c.dep == "dobj"]
            return obj or self.subject_tokens(self.parsed.tokens[t.head])
        if t.dep == "conj" and t.head != t.i:
            return self.subject_tokens(self.parsed.tokens[t.head])
        # a participle before the clause: "Captured in 1942, X went on ..."
        if t.dep == "advcl" and t.head != t.i:
            return [c for c in self.kids(t.head) if c.dep in SUBJECT_DEPS]
        # a reduced relative: "a general captured in 1942"
        if t.dep in ("acl", "amod") and t.head != t.i:
            return [self.parsed.tokens[t.head]]
        # a Russian verb whose ending stands for its dropped subject ("Умер в 1894 году"):
        # the verb itself refers back (`coref`)
        if self.ante.get(t.i):
            return [t]
        return []

    def object_tokens(self, t: Token) -> list[Token]:
        out = [c for c in self.kids(t.i) if c.dep in ("dobj", "attr", "oprd")]
        if not out:
            for c in self.kids(t.i):
                if c.dep == "prep" or c.pos == "ADP":
                    out.extend(g for g in self.kids(c.i) if g.dep == "pobj")
            if self.lang == "ru":
                out.extend(c for c in self.kids(t.i) if c.dep == "obl")
        return out

    # ------------------------------------------------------------ values
    def times_in(self, ids: set[int], sent: Sentence, at: int = -1) -> list[TimeMention]:
        """Times inside the given tokens; a time in parentheses only counts for a word
        inside the same parentheses ("X (born 1875) survived him" dates no survival)."""
        spans = [(self.parsed.tokens[i].start, self.parsed.tokens[i].end) for i in ids]
        out = []
        for tm in self.times:
            if tm.start < sent.start or tm.end > sent.end:
                continue
            if at >= 0 and _paren_group(self.text, sent.start, tm.start) != _paren_group(
                    self.text, sent.start, at):
                continue
            if any(a < tm.end and tm.start < b for a, b in spans):
                out.append(tm)
        return out

    def places_in(self, ids: set[int]) -> list[Mention]:
        seen = []
        for i in sorted(ids):
            m = self.mention_of.get(i)
            if m is not None and m.label in ("GPE", "LOC") and m not in seen:
                seen.append(m)
        return seen

    def version_of(self, offset: int) -> str:
        for a, b, label in self.versions:
            if a <= offset < b:
                return label
        return ""


# what may stand between a place and the larger one it lies in, besides a comma:
# ", a village of", ", a small town in the", ", село в"
_WITHIN_GAP = re.compile(
    r",\s+(?:(?:a|an|the)\s+)?(?:[a-z-]+\s+){1,2}(?:of|in)\s+(?:the\s+)?"
    r"|,\s+(?:[а-яё-]+\s+){1,2}(?:в|во)\s+")


def _place_chain(text: str, places: list[Mention]) -> list[Mention]:
    """"born in Village, County, Country" or "in Village, a village of County": each
    place lies in the next one, as the text states by writing them in a row (or
    saying so); a list ("A, B and C") is not a chain."""
    chain = places[:1]
    for nxt in places[1:]:
        gap = text[chain[-1].end : nxt.start]
        if gap.strip() != "," and not _WITHIN_GAP.fullmatch(gap):
            break
        chain.append(nxt)
    after = text[chain[-1].end : chain[-1].end + 6] if chain else ""
    if len(chain) > 1 and (after.lstrip().startswith(("and ", "or ", "и ")) or after.startswith(", ")):
        return chain[:1]
    return chain


def _paren_group(text: str, start: int, pos: int) -> int:
    """Which parenthesis (by its opening offset) encloses pos; -1 when none."""
    stack: list[int] = []
    for i in range(start, pos):
        if text[i] == "(":
            stack.append(i)
        elif text[i] == ")" and stack:
            stack.pop()
    return stack[-1] if stack else -1


DURATION_UNITS = frozenset({"year", "month", "week", "day", "hour", "minute", "second", "decade",
                            "century", "год", "лет", "месяц", "неделя", "день", "час", "минута"})


# prepositions that say where a birth or a death took place
_WHERE_PREPS = frozenset({"in", "at", "near", "в", "во", "под"})


def _where(doc: _Doc, t: Token) -> list[Mention]:
    """The name a place preposition on the verb governs, whatever the tagger called it:
    "died in Kristhavn" is a place even where the small tagger made a person of it
    (one is not born or dead *in* a person). Used only where no place was tagged."""
    out: list[Mention] = []
    for prep in doc.kids(t.i):
        if prep.dep != "prep" or prep.text.lower() not in _WHERE_PREPS:
            continue
        for obj in doc.kids(prep.i):
            if obj.dep == "pobj":
                out.extend(replace(m, label="GPE") for m in doc.entities_at(obj)
                           if m.label in ("PER", "ORG", "MISC") and m not in out)
    return out


def _ref(m: Mention) -> EntityRef:
    return statement_ref(m)


def _evidence(doc: _Doc, sent: Sentence) -> Evidence:
    raw = doc.text[sent.start : sent.end]
    lead = len(raw) - len(raw.lstrip())
    quote = raw.strip()
    start = sent.start + lead
    return Evidence(doc.source.id, start, start + len(quote), quote, doc.source.zone_at(start))


def _nearest_time(times: list[TimeMention], anchor: int) -> TimeMention | None:
    if not times:
        return None
    return min(times, key=lambda tm: abs(tm.start - anchor))


IT_PRONOUNS = frozenset({"it", "оно"})


def _subject_of(doc: _Doc, t: Token, back: int = 1) -> Mention | None:
    """The named subject of the clause a token sits in, through the noun phrases it hangs
    on. A proper noun the tagger left untagged is still a name ("Vellmünde lies ...");
    "it" is the named non-person the previous sentence was about ("Vellmünde is a town.
    It lies 5 km from Y")."""
    v = t
    for _ in range(6):
        if v.pos in ("VERB", "AUX") or v.head == v.i:
            break
        v = doc.parsed.tokens[v.head]
    subj = doc.subject_tokens(v)
    ents = [m for s in subj for m in doc.entities_at(s)]
    if ents or not subj:
        return ents[0] if ents else None
    s = subj[0]
    if s.pos == "PROPN" and s.text[:1].isupper():
        run = [c for c in doc.kids(s.i) if c.dep == "compound" and c.pos == "PROPN"] + [s]
        a, b = min(x.start for x in run), s.end
        return Mention(a, b, doc.text[a:b], "MISC")
    if s.text.lower() in IT_PRONOUNS and back > 0:
        k = next(n for n, x in enumerate(doc.parsed.sentences) if x.first <= s.i < x.last)
        if k == 0:
            return None
        prev = doc.parsed.sentences[k - 1]
        root = next((x for x in doc.parsed.tokens[prev.first : prev.last] if x.head == x.i), None)
        found = _subject_of(doc, root, back - 1) if root is not None else None
        return found if found is not None and found.label != "PER" else None
    return None


def _governing_verb(doc: _Doc, t: Token) -> Token | None:
    v = t
    for _ in range(4):
        if v.head == v.i:
            return v if v is not t else None
        v = doc.parsed.tokens[v.head]
        if v.pos in ("VERB", "AUX"):
            return v
    return None


def _clause_time(doc: _Doc, sent: Sentence, t: Token, clause: set[int]) -> TimeMention | None:
    """The time of the trigger's own clause; failing that, for a noun ("given a trial
    in July") or an open clause ("managed to capture ... in July") the time of the
    governing verb, and for a relative clause on a time ("until August, when he was
    hanged") that time."""
    found = [x for x in doc.times_in(clause, sent, t.start) if x.value is not None]
    if found:
        return _nearest_time(found, t.start)
    if t.pos in ("NOUN", "PROPN") or t.dep == "xcomp":
        v = _governing_verb(doc, t)
        if v is not None:
            outer = doc.subtree_ids(v.i, stop_at_clauses=True)
            found = [x for x in doc.times_in(outer, sent, t.start) if x.value is not None]
            if found:
                return _nearest_time(found, t.start)
    if t.dep in ("relcl", "advcl") and t.head != t.i:
        head = doc.parsed.tokens[t.head]
        for x in doc.times:
            if x.value is not None and x.start <= head.start < x.end:
                return x
        # "... until August, when they were hanged": the when-clause shares that time
        if any(c.text.lower() in ("when", "когда") for c in doc.kids(t.i)):
            outer = doc.subtree_ids(head.i, stop_at_clauses=True)
            found = [x for x in doc.times_in(outer, sent) if x.value is not None]
            if found:
                return _nearest_time(found, t.start)
    return None


# what joins two times the text offers one instead of the other: "in 1901 or in 1902"
_OR_BETWEEN = re.compile(r"^\s*,?\s*(?:or|или|либо)\s+(?:(?:in|on|во|в)\s+)?$", re.IGNORECASE)


def _alternatives(doc: _Doc, sent: Sentence, tm: TimeMention) -> list[TimeValue]:
    """The time of a claim, or the times the sentence offers in its place ("born
    either in 1901 or in 1902"): each is a version the source reports, and the claims
    made of them are marked so (`_offered`)."""
    here = sorted((x for x in doc.times if sent.start <= x.start < sent.end
                   and x.value is not None), key=lambda x: x.start)
    chain = [tm]
    for x in here:  # the times after it, each joined to the last by "or"
        if x.start >= chain[-1].end and _OR_BETWEEN.match(doc.text[chain[-1].end:x.start]):
            chain.append(x)
    for x in reversed(here):  # and before it
        if x.end <= chain[0].start and _OR_BETWEEN.match(doc.text[x.end:chain[0].start]):
            chain.insert(0, x)
    return [x.value for x in chain]


def _offered(claims: list[Claim], value: TimeValue) -> list[Claim]:
    """Claims of one of the times a sentence offers ("in 1901 or in 1902"): the source
    reports versions, so they are disputed (unless attributed or hedged already), each
    labelled with its value."""
    return [replace(c, modality=Modality.DISPUTED if c.modality is Modality.ASSERTED
                    else c.modality, version=c.version or value.text) for c in claims]


def _make(doc: _Doc, sent: Sentence, subj: Mention, prop: str, value: Value,
          qualifiers: list[tuple[str, Value]], trigger_tok: Token) -> Claim:
    doc.used.add(trigger_tok.i)
    ev = _evidence(doc, sent)
    rel_start = max(0, trigger_tok.start - ev.start)
    key = (ev.start, rel_start, len(trigger_tok.text))
    cue = doc.cues.get(key)
    if cue is None:  # several claims of one word (a statement's arguments) share its cue
        cue = doc.cues[key] = sentence_modality(ev.quote, language=doc.lang, claim_start=rel_start,
                                                claim_end=rel_start + len(trigger_tok.text))
    modality, attributed = cue.modality, cue.attributed_to
    version = doc.version_of(ev.start)
    if version and modality is Modality.ASSERTED:
        modality = Modality.DISPUTED
    ref = _ref(subj)
    return Claim(
        id=claim_id(doc.source.id, prop, ev.start, ref, value),
        source_id=doc.source.id,
        subject=ref,
        property=prop,
        value=value,
        evidence=ev,
        qualifiers=tuple(qualifiers),
        modality=modality,
        attributed_to=attributed,
        version=version,
    )


def _claims_for_trigger(doc: _Doc, sent: Sentence, t: Token, trig: Trigger) -> list[Claim]:
    kids = doc.kids(t.i)
    if trig.needs_passive and not doc.is_passive(t):
        return []
    if trig.needs_object and not any(
        g.lemma.lower() == trig.needs_object
        for c in kids
        for g in [c, *doc.kids(c.i)]
    ):
        return []
    if any(c.lemma.lower() in trig.unless for c in kids):
        return []
    # whom the claim is about
    if trig.role == "agent":
        subj_toks = doc.subject_tokens(t)
    elif trig.role in ("patient", "object"):
        subj_toks = (
            doc.subject_tokens(t) if doc.is_passive(t) else [c for c in kids if c.dep == "dobj"]
        )
    else:  # poss: "his trial", "the trial of X", else the clause's person
        subj_toks = [c for c in kids if c.dep == "poss"]
        if not subj_toks:
            for c in kids:
                if c.dep == "prep" and c.text.lower() == "of":
                    subj_toks = [g for g in doc.kids(c.i) if g.dep == "pobj"]
        if not subj_toks and t.head != t.i:
            head = doc.parsed.tokens[t.head]
            subj_toks = [c for c in doc.kids(head.i) if c.dep in ("dobj", "nsubjpass", "nsubj")]
            if head.dep == "pobj" or head.pos == "ADP":
                verb = doc.parsed.tokens[head.head]
                subj_toks = [c for c in doc.kids(verb.i) if c.dep in ("dobj", "nsubjpass")]
    subjects: list[Mention] = []
    for st in subj_toks:
        subjects.extend(doc.entities_at(st))
    if trig.property in ("birth", "death", "execution", "capture", "trial", "sentence",
                         "release", "surrender", "membership", "command", "rank", "award"):
        subjects = [m for m in subjects if m.label in ("PER", "UNIT", "ORG")]
    if trig.property in ("birth", "death", "execution", "sentence", "rank", "award",
                         "marriage"):
        subjects = [m for m in subjects if m.label == "PER"]
    if trig.property in ("founding", "dissolution"):
        subjects = [m for m in subjects if m.label in ("ORG", "UNIT", "MISC", "EVENT")]
    if not subjects:
        return []
    clause = doc.subtree_ids(t.i, stop_at_clauses=True)
    tm = _clause_time(doc, sent, t, clause)
    # (a verb that stands for its own dropped subject has no subject phrase to leave out)
    places = doc.places_in(clause - set().union(*(doc.subtree_ids(s.i) for s in subj_toks
                                                  if s.i != t.i)))
    if trig.property in ("birth", "death") and not places:
        places = _where(doc, t)
    qualifiers: list[tuple[str, Value]] = []
    obj_ref: EntityRef | None = None
    if trig.object_is_value:
        for o in doc.object_tokens(t):
            ents = [m for m in doc.entities_at(o) if m.label in (
                ("PER",) if trig.property == "marriage" else ("ORG", "UNIT", "GPE", "MISC"))]
            if ents:
                obj_ref = _ref(ents[0])
                break
        if obj_ref is None:
            return []
        qualifiers.append(("object", obj_ref))
    if places:
        qualifiers.append(("place", _ref(places[0])))
    agent = [c for c in kids if c.dep == "agent"]
    for a in agent:
        for g in doc.kids(a.i):
            ents = doc.entities_at(g)
            if ents:
                qualifiers.append(("agent", _ref(ents[0])))
    out: list[Claim] = []
    for subj in subjects:
        if tm is not None:
            values = _alternatives(doc, sent, tm)
            for value in values:
                made = [_make(doc, sent, subj, trig.property, value, qualifiers, t)]
                if trig.property == "execution":  # an execution is also the date of death
                    made.append(_make(doc, sent, subj, "death", value, qualifiers, t))
                out.extend(_offered(made, value) if len(values) > 1 else made)
        elif obj_ref is not None:
            out.append(_make(doc, sent, subj, trig.property, obj_ref, qualifiers, t))
        if trig.manner:
            manner = Term(trig.manner, t.text)
            out.append(_make(doc, sent, subj, "manner_of_death", manner, [], t))
        if trig.property == "death":
            lo, hi = doc.parsed.tokens[min(clause)].start, doc.parsed.tokens[max(clause)].end
            out.extend(_make(doc, sent, subj, "death", Term(f"{AGE}{n}", text), qualifiers, t)
                       for a, _b, text, n in doc.ages if lo <= a < hi)
            out.extend(_make(doc, sent, subj, "cause_of_death", Term(cause, text), [], t)
                       for a, _b, text, cause in find_causes(doc.text[lo:hi], language=doc.lang))
        if trig.property in ("birth", "death") and places:
            within = [("within", _ref(p)) for p in _place_chain(doc.text, places)[1:]]
            out.append(_make(doc, sent, subj, f"{trig.property}_place", _ref(places[0]), within, t))
    return out


def _command_phrases(doc: _Doc, sent: Sentence, t: Token) -> list[Claim]:
    """"put in charge of X", "placed at the head of X", "named X commander of Y"."""
    if t.lemma.lower() not in EN_COMMAND_NOUNS or doc.lang != "en":
        return []
    of = [c for c in doc.kids(t.i) if c.dep == "prep" and c.text.lower() == "of"]
    if not of:
        return []
    objs = [g for g in doc.kids(of[0].i) if g.dep == "pobj"]
    obj_m = [m for o in objs for m in doc.entities_at(o) if m.label in ("ORG", "UNIT")]
    if not obj_m:
        return []
    # climb to the governing verb: "put [in charge]", "placed [at the head]", "named X as [commander]"
    v = t
    for _ in range(3):
        if v.pos in ("VERB", "AUX") or v.head == v.i:
            break
        v = doc.parsed.tokens[v.head]
    subj_toks = doc.subject_tokens(v) if doc.is_passive(v) else [
        c for c in doc.kids(v.i) if c.dep == "dobj"
    ]
    if not subj_toks and t.lemma.lower() in ("commander",) and v is not t:
        subj_toks = [c for c in doc.kids(v.i) if c.dep in ("nsubj", "nsubjpass")]
    subjects = [m for s in subj_toks for m in doc.entities_at(s) if m.label == "PER"]
    clause = doc.subtree_ids(v.i, stop_at_clauses=True)
    tm = _nearest_time([x for x in doc.times_in(clause, sent, t.start) if x.value is not None],
                       t.start)
    out = []
    for subj in subjects:
        obj = _ref(obj_m[0])
        if (subj.start, subj.end) == (obj.start, obj.end):
            continue
        value: Value = tm.value if tm else obj
        out.append(_make(doc, sent, subj, "command", value, [("object", obj)], t))
    return out


def _manner_claims(doc: _Doc, sent: Sentence, existing: Iterable[Claim]) -> list[Claim]:
    """Manners stated as nouns: "his execution", "death by hanging" for the person the
    passive clause is about. A generic word needs a possessor; a loose sentence
    subject ("He called for their execution") is never taken."""
    from accord.extract.manner import is_specific

    have = {(c.subject.start, c.property) for c in existing}
    out = []
    quote = doc.text[sent.start : sent.end]
    toks = doc.parsed.tokens[sent.first : sent.last]
    for a, b, surface, canonical in find_manners(quote, language=doc.lang):
        start, end = sent.start + a, sent.start + b
        tok = next((x for x in toks if x.start >= start), None)
        if tok is None:
            continue
        if tok.pos == "VERB":
            # a verb states its own manner by a trigger rule ("was hanged"); a generic one
            # ("executed by firing squad") leaves it to the noun of its phrase
            nouns = [x for x in toks if start <= x.start < end and x.i != tok.i
                     and (x.pos in ("NOUN", "PROPN") or x.dep in ("pobj", "pcomp"))]
            if any(trig.manner for trig in verb_triggers(_trigger_lemma(tok), doc.lang)) \
                    or not nouns:
                continue
            tok = nouns[-1]
        people = [m for c in doc.kids(tok.i) if c.dep == "poss"
                  for m in doc.entities_at(c) if m.label == "PER"]
        if not people and is_specific(canonical):
            people = [m for x in toks if x.dep == "nsubjpass"
                      for m in doc.entities_at(x) if m.label == "PER"]
        if not people:
            # "died of natural causes": the cause hangs on a verb of death
            verb = _governing_verb(doc, tok)
            if verb is not None and any(trig.property == "death" for trig in
                                        verb_triggers(_trigger_lemma(verb), doc.lang)):
                people = [m for x in doc.subject_tokens(verb)
                          for m in doc.entities_at(x) if m.label == "PER"]
        for subj in people[:1]:
            if (subj.start, "manner_of_death") not in have:
                out.append(_make(doc, sent, subj, "manner_of_death", Term(canonical, surface),
                                 [], tok))
    return out


EVENT_SUBJECT_LABELS = frozenset({"PER", "ORG", "UNIT"})
LIGHT_VERBS = frozenset({"be", "have", "do", "say", "become", "seem", "быть", "иметь", "стать"})


def _event_claims(doc: _Doc, sent: Sentence, t: Token, taken: set[int],
                  here: list[Claim]) -> list[Claim]:
    """A dated action of a named subject that no specific rule covers: (subject, verb,
    object, time). They feed the timeline and meet only claims with the same verb and
    object."""
    if t.i in taken or t.lemma.lower() in LIGHT_VERBS or t.dep in ("amod", "aux", "auxpass"):
        return []
    if verb_triggers(_trigger_lemma(t), doc.lang):
        return []  # a specific rule owns this word, even where it found nothing
    clause = doc.subtree_ids(t.i, stop_at_clauses=True)
    tm = _nearest_time([x for x in doc.times_in(clause, sent, t.start) if x.value is not None],
                       t.start)
    if tm is None or any(c.value == tm.value for c in here):
        return []
    subjects = [m for st in doc.subject_tokens(t) for m in doc.entities_at(st)
                if m.label in EVENT_SUBJECT_LABELS]
    if not subjects:
        return []
    quals: list[tuple[str, Value]] = [("verb", Term(t.lemma.lower(), t.text))]
    for o in doc.object_tokens(t):
        ents = doc.entities_at(o)
        if ents:
            quals.append(("object", _ref(ents[0])))
            break
    return [_make(doc, sent, subj, "event", tm.value, quals, t) for subj in subjects]


COUNT_SUBJECT_LABELS = frozenset({"ORG", "UNIT", "GPE", "NORP", "EVENT", "PER", "LOC"})


def _count_claims(doc: _Doc, sent: Sentence) -> list[Claim]:
    """A number of something, tied to the named thing it is about and scoped by what
    is counted, the verb that counts it and its time: "four million captured in the
    first campaign" and "5.7 million in all" never meet."""
    out = []
    toks = doc.parsed.tokens[sent.first : sent.last]
    for qm in doc.quantities:
        if qm.start < sent.start or qm.end > sent.end or not qm.value.unit:
            continue
        if qm.value.unit in DURATION_UNITS or qm.value.unit.rstrip("s") in DURATION_UNITS:
            continue  # "for six years" is a duration, not a count
        v = qm.value
        if v.low == v.high and v.low is not None and 1000 <= v.low <= 2099 and v.low == int(v.low) \
                and qm.text.strip().isdigit():
            continue  # "his 1974 study": a bare four-digit number is far more often a year
        tok = next((x for x in toks if x.start >= qm.start), None)
        if tok is None:
            continue
        verb = tok
        for _ in range(6):
            if verb.pos in ("VERB",) or verb.head == verb.i:
                break
            verb = doc.parsed.tokens[verb.head]
        clause = doc.subtree_ids(verb.i, stop_at_clauses=True)
        noun = doc.parsed.tokens[tok.head] if tok.head != tok.i else tok
        near = [c for c in doc.kids(noun.i) if c.dep in ("compound", "poss", "amod")]
        near += [g for c in doc.kids(noun.i) if c.dep == "prep" and c.text.lower() == "of"
                 for g in doc.kids(c.i) if g.dep == "pobj"]
        near += [c for c in doc.kids(verb.i) if c.dep in SUBJECT_DEPS and c.i != noun.i]
        named = [m for x in near for m in doc.entities_at(x)
                 if m.label in COUNT_SUBJECT_LABELS and not (qm.start <= m.start < qm.end)]
        if not named and verb.pos in ("VERB", "AUX"):
            # the clause's subject the tagger left unnamed ("Velmora has released two
            # albums") or "it" for the thing the sentence before was about
            clause_subject = _subject_of(doc, verb)
            if clause_subject is not None and not noun.start <= clause_subject.start < noun.end \
                    and not qm.start <= clause_subject.start < qm.end:
                named = [clause_subject]
        if not named:
            continue
        subj = named[0]
        tm = _nearest_time([x for x in doc.times_in(clause, sent, qm.start)
                            if x.value is not None], qm.start)
        what = counted_kind(doc, qm, tok, noun)
        quals: list[tuple[str, Value]] = [("unit", Term(what, what)),
                                          ("verb", Term(verb.lemma.lower(), verb.text))]
        extent = count_extent(doc, verb, sent)
        if extent:
            quals.append(("extent", Term(extent, extent)))
        if tm is not None:
            quals.append(("time", tm.value))
        elif doc.source.published is not None:
            quals.append(("time", source_day(doc.source.published)))
        if verb.lemma.lower() in HAVE:
            # "X has 650,000 members": the number of X's members, as "a membership of"
            out.append(_make(doc, sent, subj, attribute_name(qm.value.unit), qm.value, quals[2:], tok))
            continue
        out.append(_make(doc, sent, subj, "count", qm.value, quals, tok))
    return out


COUNTED_MODIFIERS = frozenset({"amod", "compound", "nmod"})
# words that may stand between a numeral and its noun without naming a kind of the
# thing counted: they speak of the figure ("total", "confirmed") or of what every
# count of an intake is ("recruited 4,000 new members" = "recruited 4,000 members")
NOT_A_KIND = frozenset({
    "new", "total", "overall", "individual", "separate", "different", "distinct", "various",
    "known", "confirmed", "reported", "recorded", "estimated", "approximate", "actual",
    "full", "whole", "entire", "further",
    "новый", "общий", "отдельный", "различный", "разный", "известный", "подтверждённый",
    "подтвержденный", "зарегистрированный", "полный", "целый"})


def counted_kind(doc: _Doc, qm: QuantityMention, tok: Token, noun: Token) -> str:
    """What a number counts: its unit with the words between the numeral and the noun
    that narrow it ("two live albums", "200 wounded soldiers" are not "albums" and
    "soldiers" at large). Words before the numeral qualify the figure, not the thing
    ("an estimated 300 men"), and a name between the two is what the count is about
    ("two Velmora albums"), not a kind of it. The noun is named by its lemma."""
    unit = qm.value.unit
    if noun.i == tok.i or noun.start < qm.start:
        return unit
    if noun.text.lower() == unit and noun.lemma:
        unit = noun.lemma.lower()  # Russian keeps the case the numeral governs: "2 альбома", "5 альбомов"
    words = [k.lemma.lower() for k in doc.kids(noun.i)
             if k.dep in COUNTED_MODIFIERS and qm.end <= k.start < noun.start
             and k.pos in ("ADJ", "NOUN", "VERB", "PROPN") and k.text[:1].islower()
             and k.lemma.lower() not in LIGHT_WORDS and k.lemma.lower() not in NOT_A_KIND
             and not doc.entities_at(k)]
    return " ".join([*words, unit]) if words else unit


# prepositions whose phrase on a counting verb says where or in what a count holds
EXTENT_PREPOSITIONS = frozenset({"in", "during", "at", "on", "throughout", "over", "within",
                                 "across", "в", "во", "за", "на", "при", "под"})
# set phrases that a parser hangs on the verb but that say nothing of where a count holds
DISCOURSE_PHRASES = frozenset({
    "in fact", "in particular", "in addition", "at least", "at most", "in turn", "in general",
    "at first", "at last", "in short", "at once", "in part", "in effect", "in practice",
    "in theory", "on the other hand", "in return", "in any case", "in the end", "at the time",
    "in other words", "on average", "in sum", "in contrast", "at any rate",
    "в частности", "в целом", "в итоге", "в результате", "на самом деле", "по крайней мере",
    "в общем", "в свою очередь", "в конце концов", "в то время", "в среднем"})
# a count "in all" holds for the whole of what it counts
TOTAL_WORDS = frozenset({"all", "total", "whole", "entirety", "всего", "итог", "общий"})


def count_extent(doc: _Doc, verb: Token, sent: Sentence) -> str:
    """In what a count holds, as the text says: the phrases on its verb that are
    neither its time (kept apart) nor its subject ("captured 4,000 soldiers during
    the first campaign" holds in that campaign; "12,000 in all", for the whole):
    two counts of different extents are different figures, not a conflict."""
    times = [(tm.start, tm.end) for tm in doc.times if sent.start <= tm.start < sent.end]
    parts = []
    for prep in doc.kids(verb.i):
        if prep.dep != "prep" or prep.lemma.lower() not in EXTENT_PREPOSITIONS:
            continue
        ids = sorted(doc.subtree_ids(prep.i))
        phrase = doc.text[doc.parsed.tokens[ids[0]].start:doc.parsed.tokens[ids[-1]].end].lower()
        if phrase in DISCOURSE_PHRASES:
            continue
        words = []
        for i in ids:
            t = doc.parsed.tokens[i]
            if any(a <= t.start < b for a, b in times):
                words = []
                break  # a time: the count's time qualifier says it
            low = t.lemma.lower()
            if low in TOTAL_WORDS:
                words.append("total")
            elif t.i != prep.i and t.pos in ("NOUN", "PROPN", "ADJ", "NUM") and low not in LIGHT_WORDS:
                words.append(low)
        if words:
            parts.append(" ".join(dict.fromkeys(words)))
    return "; ".join(sorted(parts))


AGELESS = frozenset({"birth", "birth_place", "death_place", "manner_of_death", "cause_of_death",
                     "count"})


BOX_LABELS_SKIPPED = frozenset({"born", "died", "birth date", "date of birth", "death date",
                                "date of death"})  # read by the lifespan rules


def _box_claims(doc: _Doc) -> list[Claim]:
    """Fact-box lines ("Height:<tab>1.70 m") about the thing the page names most."""
    lines = box_lines(doc.text)
    main = main_subject([m for m in doc.parsed.mentions
                         if m.label in ("PER", "ORG", "UNIT", "GPE", "EVENT")])
    if not lines or main is None:
        return []
    values = [*doc.measured, *(t for t in doc.times if t.value is not None)]
    out = []
    for start, end, label in lines:
        if label in BOX_LABELS_SKIPPED:
            continue
        vm = next((v for v in values if v.start == start and v.end <= end), None)
        if vm is None:
            vm = _box_time(doc.text[start:end], start)
        if vm is None:
            continue
        sent = next((x for x in doc.parsed.sentences if x.start <= start < x.end), None)
        tok = next((t for t in doc.parsed.tokens if t.start >= start), None)
        if sent is None or tok is None:
            continue
        line_start = doc.text.rfind("\n", 0, start) + 1
        line = Sentence(line_start, end, sent.first, sent.last)
        out.append(_make(doc, line, main, label, vm.value, [], tok))
    return out


def _box_time(value: str, start: int) -> TimeMention | None:
    """A fact-box value is a time by its position ("Founded:<tab>1861"), even where a bare
    year in running text would not be taken as one."""
    from accord.timex import parse_time

    value = value.strip()
    if not value or len(value) > 40:
        return None
    tv = parse_time(value)
    return TimeMention(start, start + len(value), value, tv) if tv is not None else None


# a death dated by the age at it ("died in 1939, aged 67"): made as a Term with the
# years, and dated (or dropped) once the same person's birth in the source is known
AGE = "age "


def _anchor_ages(doc: _Doc, claims: list[Claim]) -> list[Claim]:
    """ "He joined the army at age 18", "she died aged 67": anchor on the same person's
    stated birth in the same source. A death so dated stands beside the date the
    sentence gives, so a text whose own dates and ages disagree contradicts itself; one
    whose source states no birth is dropped (an age alone dates nothing)."""
    ages = doc.ages
    if not ages:
        return claims
    births: dict[str, TimeValue] = {}
    for c in claims:
        if c.property == "birth" and isinstance(c.value, TimeValue):
            births.setdefault(surname_key(c.subject.text), c.value)
    out = []
    for c in claims:
        if isinstance(c.value, Term) and c.value.word.startswith(AGE):
            birth = births.get(surname_key(c.subject.text))
            if birth is not None and birth.anchor is Anchor.ABSOLUTE:
                tv = time_from_age(int(c.value.word[len(AGE):]), birth, c.value.text)
                out.append(replace(c, value=tv, id=claim_id(c.source_id, c.property,
                                                             c.evidence.start, c.subject, tv)))
            continue
        if isinstance(c.value, TimeValue) or c.property in AGELESS:
            out.append(c)
            continue
        age = next((a for a in ages if c.evidence.start <= a[0] < c.evidence.end), None)
        birth = births.get(surname_key(c.subject.text))
        if age is None or birth is None:
            out.append(c)
            continue
        tv = time_from_age(age[3], birth, age[2])
        tv = replace(tv, anchor=Anchor.EVENT)
        qualifiers = c.qualifiers
        if not any(k == "object" for k, _ in qualifiers) and isinstance(c.value, EntityRef):
            qualifiers = (*qualifiers, ("object", c.value))
        out.append(replace(c, value=tv, qualifiers=qualifiers,
                           id=claim_id(c.source_id, c.property, c.evidence.start, c.subject, tv)))
    return out


SURFACE_LEMMAS = {"founded": "found", "co-founded": "found", "cofounded": "found",
                  "founding": "found"}


def _trigger_lemma(t: Token) -> str:
    """The lemma to look up; some forms are lemmatised to a homograph ("founded" ->
    "find"), so the surface form decides for those."""
    low = t.text.lower()
    if low == "found" and "VerbForm=Inf" in t.morph:
        return "found"  # "went on to found X", not the past of "find"
    return SURFACE_LEMMAS.get(low, t.lemma)


def extract_claims(source: Source, parsed: Parsed, times: Iterable[TimeMention],
                   quantities: Iterable[QuantityMention]) -> tuple[Claim, ...]:
    doc = _Doc(source, parsed, times, quantities)
    sdoc = StatementDoc(parsed.tokens, doc.kids, doc.entities_at, doc.subject_tokens, doc.times,
                        doc.quantities, source.published)
    make = partial(_make, doc)  # a claim of this document, for the rules of other modules
    claims: list[Claim] = []
    for k, sent in enumerate(parsed.sentences):
        if source.zone_at(sent.start) in CLAIM_ZONES_SKIPPED:
            continue
        here: list[Claim] = []
        for t in parsed.tokens[sent.first : sent.last]:
            if t.pos in ("VERB", "AUX") or (t.pos == "ADJ" and t.text.lower() == "born"):
                for trig in verb_triggers(_trigger_lemma(t), doc.lang):
                    here.extend(_claims_for_trigger(doc, sent, t, trig))
            elif t.pos in ("NOUN", "PROPN"):
                trig = noun_trigger(t.lemma, doc.lang)
                if trig is not None:
                    here.extend(_claims_for_trigger(doc, sent, t, trig))
                here.extend(_command_phrases(doc, sent, t))
        here.extend(_manner_claims(doc, sent, here))
        owned = set(doc.used)  # the tokens specific rules read; events and statements skip them
        for t in parsed.tokens[sent.first : sent.last]:
            if t.pos == "VERB":
                here.extend(_event_claims(doc, sent, t, doc.used, here))
        here.extend(_count_claims(doc, sent))
        here.extend(attribute_claims(
            parsed, sent, [*doc.measured, *(t for t in doc.times if t.value is not None)],
            doc.kids, doc.entities_at,
            lambda snt, owner, prop, value, tok: _make(doc, snt, owner, prop, value, [], tok)))
        typed = [c.value for c in here if c.property not in ("event", STATEMENT)]
        here.extend(statement_claims(sdoc, sent, owned.__contains__, make, typed.__contains__))
        here.extend(agent_count_claims(sdoc, sent, owned.__contains__, make))
        here.extend(distance_claims(source.text, sent, parsed.tokens, doc.quantities,
                                    parsed.mentions, partial(_subject_of, doc), make))
        here.extend(dimension_claims(source.text, sent, parsed.tokens, doc.quantities,
                                     partial(_subject_of, doc), make))
        here.extend(area_claims(source.text, sent, parsed.tokens, doc.quantities,
                                partial(_subject_of, doc), make))
        here.extend(rank_claims(sent, parsed.tokens, doc.kids, doc.times,
                                partial(_subject_of, doc), make))
        here.extend(phase_claims(source.text, sent, parsed.tokens, doc.kids, parsed.mentions,
                                 doc.times, make))
        subject = sentence_subject(sdoc, sent)
        toks = parsed.tokens[sent.first : sent.last]
        here.extend(conversion_claims(source.text, sent, toks, subject, make, doc.lang))
        here.extend(duration_claims(source.text, sent, toks, subject, make, doc.lang))
        following = parsed.sentences[k + 1] if k + 1 < len(parsed.sentences) else None
        here.extend(list_claims(source.text, sent, parsed.tokens, subject, make, doc.lang,
                                following))
        claims.extend(here)
    claims.extend(lifespan_claims(source, parsed, doc.times, doc.mention_of))
    claims.extend(_box_claims(doc))
    claims.extend(label_line_claims(source.text, parsed.sentences, parsed.tokens, parsed.mentions,
                                    doc.times, doc.measured, make))
    claims.extend(inline_box_claims(source.text, parsed.sentences, parsed.tokens, parsed.mentions,
                                    doc.times, make))
    claims = _anchor_ages(doc, claims)
    unique: dict[tuple, Claim] = {}
    ids: set[str] = set()
    for c in claims:  # one statement about one person counts once, however it was reached
        key = (c.property, c.evidence.start, c.value.normalized, surname_key(c.subject.text),
               c.qualifier("relation"), c.qualifier("role"))
        if key in unique:
            continue
        if c.id in ids:  # the same figure read as two statements ("holds four towns: A, B")
            c = replace(c, id=claim_id(c.source_id, f"{c.property}|{key[4]}|{key[5]}",
                                       c.evidence.start, c.subject, c.value))
            if c.id in ids:
                continue
        unique[key] = c
        ids.add(c.id)
    return tuple(sorted(unique.values(), key=lambda c: (c.evidence.start, c.property, c.id)))
