"""Agent counts: how many do a thing to a thing, said in either voice.

"The ledger is kept by two clerks" already makes a statement about the ledger
(`accord.extract.statements`: relation "keep", role "by:clerk", value 2). The
same fact is as often said with the counted doers in front: "three clerks keep
the ledger", "the three clerks who keep the ledger", or in a reduced relative,
"the ledger kept by two clerks", where the statement rules find no subject of
their own. This module gives those clauses the passive frame, so that both ways
of saying it meet: the subject is what is acted on (its name, or the words of its
noun phrase), the relation the verb, the role "by:" and the counted noun, the
value the count.

It is kept narrow: the doers must be a plural common noun with a number of its
own ("three clerks", not "3 km", "5 %", nor "the clerks"), what is acted on a noun
phrase, and the verb one that no specific rule owns. The same clause with a
subject of its own ("the ledger is kept by two clerks") is left to the statement
rules, which read it already.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from accord.annotate.parse import Sentence, Token
from accord.annotate.quantity import is_measure_unit
from accord.extract.statements import (
    MAX_SENTENCE_TOKENS,
    STATEMENT,
    MakeClaim,
    StatementDoc,
    clause_time,
    content_lemmas,
    is_negated,
    present_tense,
)
from accord.model import Claim, Mention, Modality, Quantity, Term, Value

RELATIVE_SUBJECTS = frozenset({"who", "that", "which"})
PATIENT_POS = frozenset({"NOUN", "PROPN"})


def _count(doc: StatementDoc, noun: Token) -> Quantity | None:
    """The count of a plural common noun with a number of its own ("three clerks")."""
    if noun.pos != "NOUN" or "Number=Plur" not in noun.morph:
        return None
    numbers = [c for c in doc.kids(noun.i) if c.dep == "nummod"]
    if not numbers:
        return None
    for qm in doc.quantities:
        v = qm.value
        if (qm.start <= numbers[0].start < qm.end and v.unit == noun.lemma.lower()
                and not is_measure_unit(v.unit) and v.low is not None and v.low >= 2):
            return v
    return None


def _doers_and_patient(doc: StatementDoc, v: Token) -> tuple[Token, Token] | None:
    """(the counted doers, what they act on) of a clause the statement rules leave
    without that frame: an active clause with a counted subject and an object, or a
    reduced relative ("the ledger kept by two clerks")."""
    kids = doc.kids(v.i)
    if v.dep == "acl" and "Tense=Past" in v.morph and "VerbForm=Part" in v.morph:
        agents = [g for c in kids if c.dep == "agent" for g in doc.kids(c.i) if g.dep == "pobj"]
        patient = doc.tokens[v.head]
        return (agents[0], patient) if agents and patient.pos in PATIENT_POS else None
    if any(c.dep in ("auxpass", "nsubjpass") for c in kids):
        return None  # a passive with its own subject: a statement already
    objects = [c for c in kids if c.dep == "dobj" and c.pos in PATIENT_POS]
    subjects = [c for c in kids if c.dep == "nsubj"]
    if not objects or not subjects:
        return None
    doer = subjects[0]
    if v.dep == "relcl" and doer.text.lower() in RELATIVE_SUBJECTS:
        doer = doc.tokens[v.head]  # "the three clerks who keep the ledger"
    return doer, objects[0]


def _patient(doc: StatementDoc, t: Token) -> tuple[Mention | None, set[int]]:
    """What is acted on, read as the statement rules read a subject: its name, else
    the words of its noun phrase with its prepositional dependents ("the ledger of X")."""
    ids = doc.phrase(t.i, deep=True)
    ents = doc.entities_at(t)
    if ents:
        return ents[0], ids
    words = [w for w in content_lemmas(doc, ids) if not w[:1].isdigit()]
    if not words:
        return None, ids
    a, b = doc.span(ids)
    return Mention(a, b, " ".join(words), "TOPIC"), ids


def agent_count_claims(doc: StatementDoc, sent: Sentence, owned: Callable[[int], bool],
                       make: MakeClaim) -> list[Claim]:
    """Passive-frame statements for counted doers said in front of the verb or in a
    reduced relative. `owned` says whether a specific rule read a token."""
    out: list[Claim] = []
    if sent.last - sent.first > MAX_SENTENCE_TOKENS:
        return out
    doc = doc.within(sent)
    for v in doc.tokens[sent.first : sent.last]:
        if v.pos != "VERB" or owned(v.i):
            continue
        found = _doers_and_patient(doc, v)
        if found is None:
            continue
        doer, patient_tok = found
        count = _count(doc, doer)
        if count is None:
            continue
        patient, patient_ids = _patient(doc, patient_tok)
        if patient is None:
            continue
        doer_ids = doc.phrase(doer.i, deep=True) if doer.i != v.head else doc.phrase(doer.i)
        clause = (doc.phrase(v.i, deep=True) | {v.i}) - patient_ids - doer_ids
        others = content_lemmas(doc, clause)
        negated = is_negated(doc, v)
        role = f"by:{count.unit}"
        quals: list[tuple[str, Value]] = [
            ("relation", Term(v.lemma.lower(), v.text)),
            ("role", Term(role, role)),
            ("context", Term(" ".join(sorted(set(others))), " ".join(others))),
            ("polarity", Term("negative" if negated else "positive", "")),
        ]
        when = clause_time(doc, clause - {v.i}, present=present_tense(doc, v))
        if when is not None:
            quals.append(("time", when))
        quals.append(("voice", Term("passive", "")))
        claim = make(sent, patient, STATEMENT, count, quals, v)
        if negated and claim.modality is not Modality.NEGATED:
            claim = replace(claim, modality=Modality.NEGATED)
        out.append(claim)
    return out
