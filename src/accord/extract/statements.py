"""Statements: what a clause says of its subject, argument by argument.

The specific rules (birth, membership, counts ...) know what a property means;
most of what sources say has no rule. A statement keeps the frame of a clause
instead: its subject, its predicate (the verb, or "be" with the noun it equates),
each argument by its role (the object, "at", "in", "as", "by", a time), the
words around them, and whether the clause denies it. Two sources that make the
same statement with another value ("play their home games at A" / "... at B"),
or deny what the other asserts ("is a sea" / "is not a sea"), then meet and are
judged in `accord.align.statements`.

A frame is only as good as the parse, so it is kept cautious: no frame for a
clause without a subject, for verbs a specific rule owns, or for arguments that
are whole clauses. The subject is the named entity the clause is about when
there is one (pronouns through coreference), otherwise its noun phrase
("the flowers of X"), compared by lemmas.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from accord.annotate.parse import Sentence, Token
from accord.model import (
    Claim,
    EntityRef,
    Mention,
    Modality,
    QuantityMention,
    Term,
    TimeMention,
    TimeValue,
    Value,
    source_day,
)

STATEMENT = "statement"
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM", "ADV"})
# function words that the tagger may still call ADV or ADJ; they carry no content
LIGHT_WORDS = frozenset({"also", "then", "later", "still", "so", "only", "just", "even", "as",
                         "there", "here", "however", "thus", "therefore", "too", "very", "such",
                         "other", "own", "same", "not", "never", "n't", "также", "тоже", "уже",
                         "ещё", "еще", "затем", "потом", "не", "так"})
MAX_PHRASE_WORDS = 8
MAX_SENTENCE_TOKENS = 150
JUNK = frozenset(";[]{}|<>=/\\")
NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor", "не", "ни", "нет", "никогда"})
ARGUMENT_DEPS = frozenset({"dobj", "attr", "acomp", "oprd", "dative", "agent", "prep", "obl",
                           "nmod"})
CLAUSAL = frozenset({"advcl", "ccomp", "relcl", "conj", "parataxis", "xcomp", "acl", "csubj"})
PHRASE_DEPS = frozenset({"compound", "amod", "nummod", "quantmod", "det", "poss", "nmod",
                         "flat", "appos", "case"})
# verbs that stand for any action at all unless their object says which
EMPTY_VERBS = frozenset({"do", "have", "get", "make", "say", "tell", "take", "go", "come", "use",
                         "include", "seem", "appear", "mean", "call", "know", "become",
                         "иметь", "сказать", "говорить", "стать"})


@dataclass(frozen=True, slots=True)
class Slot:
    role: str  # dobj -> "obj"; a preposition's lemma; "attr"; "time"
    value: Value
    tokens: frozenset[int]
    head: int


MakeClaim = Callable[[Sentence, Mention, str, Value, list[tuple[str, Value]], Token], Claim]


@dataclass(frozen=True)
class StatementDoc:
    """What the statement rules need from the claim extractor's indexes."""

    tokens: Sequence[Token]
    kids: Callable[[int], list[Token]]
    entities_at: Callable[[Token], tuple[Mention, ...]]
    subject_tokens: Callable[[Token], list[Token]]
    times: Sequence[TimeMention]
    quantities: Sequence[QuantityMention]
    document_date: date | None = None

    def phrase(self, i: int, *, deep: bool = False) -> set[int]:
        """The noun phrase headed by token i: its modifiers, and with `deep` also its
        prepositional and clausal dependents."""
        out, stack = {i}, [i]
        while stack:
            j = stack.pop()
            for c in self.kids(j):
                if c.i in out or c.dep in ("punct", "cc") or (
                        not deep and c.dep not in PHRASE_DEPS and c.dep != "conj"):
                    continue
                if (c.pos in ("VERB", "AUX") and not deep) or (c.dep in CLAUSAL and c.dep != "conj"):
                    continue  # an embedded clause makes a statement of its own
                out.add(c.i)
                stack.append(c.i)
        return out

    def within(self, sent: Sentence) -> StatementDoc:
        """The same document with only the times and quantities of one sentence, so that
        reading a value looks at a handful, not at every one of a long text."""
        return replace(
            self,
            times=[t for t in self.times if t.value is not None and sent.start <= t.start < sent.end],
            quantities=[q for q in self.quantities if sent.start <= q.start < sent.end])

    def span(self, ids: set[int]) -> tuple[int, int]:
        toks = [self.tokens[i] for i in ids]
        return min(t.start for t in toks), max(t.end for t in toks)


def content_lemmas(doc: StatementDoc, ids: set[int]) -> list[str]:
    return [doc.tokens[i].lemma.lower() for i in sorted(ids)
            if doc.tokens[i].pos in CONTENT_POS and doc.tokens[i].lemma.lower() not in LIGHT_WORDS
            and any(ch.isalnum() for ch in doc.tokens[i].text)]


def _value_of(doc: StatementDoc, head: Token, ids: set[int]) -> Value | None:
    """A time or a quantity when the phrase is one ("in 1967", "eight speakers"); else
    the phrase's words ("the 1513 conclave" is a conclave, dated)."""
    a, b = doc.span(ids)
    core = [head, *(c for c in doc.kids(head.i) if c.dep in ("nummod", "quantmod"))]
    for tm in doc.times:
        if a <= tm.start and tm.end <= b and tm.start <= head.start < tm.end:
            return tm.value
    for qm in doc.quantities:
        if a <= qm.start and qm.end <= b and qm.value.unit and any(
                qm.start <= t.start < qm.end for t in core):
            return qm.value
    words = content_lemmas(doc, ids)
    if not words or len(words) > MAX_PHRASE_WORDS or any(
            ch in JUNK for i in ids for ch in doc.tokens[i].text):
        return None  # a list, a menu line, markup: not one value
    text = " ".join(doc.tokens[i].text for i in sorted(ids)
                    if doc.tokens[i].pos not in ("DET", "PUNCT") and doc.tokens[i].dep != "poss")
    return Term(" ".join(words), text)


def is_negated(doc: StatementDoc, *heads: Token) -> bool:
    return any(c.text.lower() in NEGATORS and c.dep in ("neg", "advmod", "det", "cc:preconj")
               for h in heads for c in doc.kids(h.i))


def _slots(doc: StatementDoc, v: Token, obj_head: Token | None) -> list[Slot]:
    out: list[Slot] = []
    holders = [v] + ([obj_head] if obj_head is not None else [])
    for h in holders:
        for c in doc.kids(h.i):
            if c.dep not in ARGUMENT_DEPS:
                continue
            if c.dep in ("prep", "agent"):
                objs = [g for g in doc.kids(c.i) if g.dep == "pobj"]
                role = "by" if c.dep == "agent" else c.lemma.lower()
            elif c.dep in ("obl", "nmod") and h is v:
                objs = [c]
                case = [g for g in doc.kids(c.i) if g.dep == "case"]
                role = case[0].lemma.lower() if case else c.dep
            elif c.dep in ("dobj", "attr", "acomp", "oprd", "dative") and h is v:
                objs, role = [c], ("obj" if c.dep in ("dobj", "dative") else "attr")
            else:
                continue
            for o in objs:
                if o.pos in ("VERB", "AUX", "PRON", "SCONJ"):
                    continue
                for member in [o, *(g for g in doc.kids(o.i) if g.dep == "conj")]:
                    ids = doc.phrase(member.i)
                    value = _value_of(doc, member, ids)
                    if value is not None:
                        out.append(Slot(role, value, frozenset(ids), member.i))
    return out


def _subject(doc: StatementDoc, v: Token) -> tuple[Mention | None, set[int]]:
    subj = doc.subject_tokens(v)
    if not subj:
        return None, set()
    if subj[0].i == v.i:  # a verb standing for its dropped subject: no phrase of its own
        ents = doc.entities_at(v)
        return (ents[0] if ents else None), set()
    s = _through_predicate(doc, subj[0])
    ids = doc.phrase(s.i, deep=True) if s.head == v.i else set()
    ents = doc.entities_at(s)
    if ents:
        return ents[0], ids
    if s.pos in ("PRON", "DET") or s.head != v.i:
        return None, ids
    words = [w for w in content_lemmas(doc, doc.phrase(s.i, deep=True)) if not w[:1].isdigit()]
    if not words:
        return None, ids
    a, b = doc.span(ids)
    # an unnamed subject is compared by its words: ("topic", lemmas in order)
    return Mention(a, b, " ".join(words), "TOPIC"), ids


def sentence_subject(doc: StatementDoc, sent: Sentence) -> Mention | None:
    """What the main clause of a sentence is about (its root's subject), for facts of
    the sentence that belong to no one argument."""
    for t in doc.tokens[sent.first : sent.last]:
        if t.head == t.i:
            return _subject(doc, t)[0]
    return None


def _through_predicate(doc: StatementDoc, s: Token) -> Token:
    """The subject of "X was one of the cardinals who ..." or "X is a town that ...":
    a relative clause on a noun that only says what X is speaks of X."""
    t = s
    for _ in range(3):
        if doc.entities_at(t):
            return t
        head = doc.tokens[t.head]
        if t.dep == "pobj" and head.lemma.lower() in ("of", "among"):
            t = doc.tokens[head.head]  # one of the N; among the N
            continue
        if t.dep == "attr" and head.lemma.lower() in ("be", "become", "remain"):
            subj = [c for c in doc.kids(head.i) if c.dep in ("nsubj", "nsubjpass")]
            return subj[0] if subj else s
        break
    return s


def _relation(v: Token, obj_head: Token | None, copular: bool) -> str:
    verb = "be" if copular else v.lemma.lower()
    return f"{verb} {obj_head.lemma.lower()}" if obj_head is not None else verb


def statement_claims(doc: StatementDoc, sent: Sentence, owned: Callable[[int], bool],
                     make: MakeClaim, taken: Callable[[Value], bool]) -> list[Claim]:
    """One claim per argument of every clause with a subject. `owned` says whether a
    specific rule read a token (its claim says it better), `taken` whether a specific
    rule already holds a value for this sentence."""
    out: list[Claim] = []
    if sent.last - sent.first > MAX_SENTENCE_TOKENS:
        return out  # a table or a list run together, not a clause to read
    doc = doc.within(sent)
    for v in doc.tokens[sent.first : sent.last]:
        copular = v.pos == "AUX" and v.lemma.lower() in ("be", "быть") and v.dep not in (
            "aux", "auxpass", "cop")
        copular = copular or any(c.dep == "cop" for c in doc.kids(v.i))
        if not copular and (v.pos != "VERB" or v.dep in ("amod", "aux", "auxpass", "compound")):
            continue
        if not copular and owned(v.i):
            continue
        objs = [c for c in doc.kids(v.i) if c.dep == "dobj" and c.pos in ("NOUN", "PROPN")]
        obj_head = objs[0] if objs else None
        if not copular and obj_head is None and v.lemma.lower() in EMPTY_VERBS:
            continue  # "take" says little; "take part" says something
        subj, subj_ids = _subject(doc, v)
        if subj is None:
            continue
        if any(c.dep in ("ccomp", "xcomp") and c.pos in ("VERB", "AUX") for c in doc.kids(v.i)):
            continue  # the argument is a clause: its own frame says what is stated
        slots = _slots(doc, v, obj_head)
        if copular and any(c.dep == "cop" for c in doc.kids(v.i)):
            ids = doc.phrase(v.i) - subj_ids
            value = _value_of(doc, v, ids) if ids else None
            if value is not None:
                slots.append(Slot("attr", value, frozenset(ids), v.i))
        if not slots:
            continue
        relation = _relation(v, obj_head, copular)
        negated = is_negated(doc, v, *(doc.tokens[i] for s in slots if s.role == "attr"
                                     for i in s.tokens if doc.tokens[i].dep in ("attr",)))
        clause_ids = doc.phrase(v.i, deep=True) - subj_ids
        clause_words = content_lemmas(doc, clause_ids)
        for slot in slots:
            if taken(slot.value) or (obj_head is not None and slot.role == "obj" and isinstance(
                    slot.value, Term) and slot.value.word == obj_head.lemma.lower()):
                continue  # held by a specific rule, or already named by the relation
            # what the rest of the clause says: not the value, nor what describes the value
            value_ids = doc.phrase(slot.head, deep=True) | slot.tokens
            others = content_lemmas(doc, clause_ids - value_ids)
            role = slot.role
            unit = getattr(slot.value, "unit", "")
            if unit:
                role = f"{role}:{unit}"
            quals: list[tuple[str, Value]] = [
                ("relation", Term(relation, v.text)),
                ("role", Term(role, role)),
                ("context", Term(" ".join(sorted(set(others))), " ".join(clause_words))),
                ("polarity", Term("negative" if negated else "positive", "")),
            ]
            when = None if isinstance(slot.value, TimeValue) else clause_time(
                doc, clause_ids - value_ids, present=present_tense(doc, v))
            if when is not None:
                quals.append(("time", when))
            if "Voice=Pass" in v.morph or any(c.dep in ("auxpass", "nsubjpass")
                                              for c in doc.kids(v.i)):
                quals.append(("voice", Term("passive", "")))
            claim = make(sent, subj, STATEMENT, slot.value, quals, v)
            if negated and claim.modality is not Modality.NEGATED:
                claim = replace(claim, modality=Modality.NEGATED)
            elif not negated and claim.modality is Modality.NEGATED:
                claim = replace(claim, modality=Modality.ASSERTED)  # a "not" of another clause
            out.append(claim)
    return out


def present_tense(doc: StatementDoc, v: Token) -> bool:
    return any("Tense=Pres" in t.morph for t in (v, *doc.kids(v.i))
               if t.i == v.i or t.dep in ("aux", "auxpass", "cop"))


def clause_time(doc: StatementDoc, ids: set[int], *, present: bool) -> TimeValue | None:
    """The time a statement holds at: a time of its own clause, else, for a clause in
    the present tense, the day its source was published ("currently has 650 members"
    is the figure of that day; "kept its depot at" tells the past, whenever written)."""
    if ids:
        a, b = doc.span(ids)
        for tm in doc.times:
            if a <= tm.start and tm.end <= b:
                return tm.value
    if doc.document_date is None or not present:
        return None
    return source_day(doc.document_date)


def polarity(c: Claim) -> str:
    p = c.qualifier("polarity")
    if isinstance(p, Term):
        return p.word
    return "negative" if c.modality is Modality.NEGATED else "positive"


def subject_key(c: Claim) -> str:
    """The resolved entity, or for an unnamed subject its words."""
    if c.subject.entity_id:
        return c.subject.entity_id
    if c.subject.label == "TOPIC":
        return "topic:" + c.subject.text
    return ""


def statement_ref(m: Mention) -> EntityRef:
    """An unnamed subject has no mention to resolve: it keeps its words, no offsets."""
    if m.label == "TOPIC":
        return EntityRef(m.text, "TOPIC")
    return EntityRef(m.text, m.label, m.start, m.end)
