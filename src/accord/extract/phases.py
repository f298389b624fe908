"""When a process named by a noun began and ended: "production of X began in 1931".

A process is often told through its noun rather than a verb of its own:
"construction of the bridge began in 1931", "production of X ceased in 2002",
or, in a fact box or a table, "Production of X: March 1931 – June 1940". The
trigger rules see only "began", which says nothing by itself; here the noun names
the property and the verb (or the dash of the interval) the phase: the claim is
(X, "production_start", March 1931). Two sources that date the start of one
process differently then meet, whichever of the two ways they wrote it.

The owner X is the name after "of" (or the possessor, or a Russian genitive),
taken as the whole name phrase ("the Fourth Model (B2) Arvel Coupe": its brackets
and modifiers too), so that the two ways of writing it give one name. Only a
noun with a named owner gives a claim: "work began in 1931" has no owner to
compare.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from accord.annotate.parse import Sentence, Token
from accord.extract.attributes import EMPTY_NOUNS, attribute_name
from accord.extract.lifespan import split_span
from accord.extract.statements import MakeClaim
from accord.model import Claim, Mention, QuantityMention, TimeMention

START, END = "start", "end"
# verbs that say a process began or ended (lemmas, English and Russian)
PHASE_VERBS: dict[str, str] = {
    "begin": START, "start": START, "commence": START,
    "end": END, "cease": END, "finish": END, "conclude": END, "stop": END,
    "начаться": START, "начинаться": START, "стартовать": START,
    "закончиться": END, "заканчиваться": END, "завершиться": END, "завершаться": END,
    "прекратиться": END, "прекращаться": END,
}
CLAUSAL = frozenset({"advcl", "ccomp", "relcl", "conj", "parataxis", "xcomp", "acl", "csubj"})

Kids = Callable[[int], list[Token]]


def phase_property(noun_lemma: str, phase: str) -> str:
    """The property a phase of a process gives: "production_start"."""
    return f"{attribute_name(noun_lemma)}_{phase}"


def _subtree(kids: Kids, i: int, *, stop_at_clauses: bool = True) -> set[int]:
    out, stack = {i}, [i]
    while stack:
        for c in kids(stack.pop()):
            if c.i in out or (stop_at_clauses and c.dep in CLAUSAL):
                continue
            out.add(c.i)
            stack.append(c.i)
    return out


def owner_phrase(text: str, tokens: Sequence[Token], first: Token,
                 mentions: Sequence[Mention]) -> Mention | None:
    """The named owner that starts at a token, as the whole run of its name words:
    proper nouns, numbers, bracketed inserts and the words of tagged names ("the
    Fourth Model (B2) Arvel Coupe", without its article). Read on the surface, since
    a small parser often splits such a run in two. None without a tagged name in it."""
    i = first.i
    while i < len(tokens) and tokens[i].pos == "DET":
        i += 1
    run: list[Token] = []
    depth = 0
    for t in tokens[i:]:
        in_name = any(m.start <= t.start < m.end for m in mentions)
        if t.text == "(":
            depth += 1
        elif t.text == ")" and depth:
            depth -= 1
        elif not (in_name or t.pos in ("PROPN", "NUM") or (depth and t.pos != "VERB")):
            break
        run.append(t)
    # a bracket the run stopped inside, or one it ends on, is no part of the name
    while run and (run[-1].text == "(" or _open_brackets(run)):
        run.pop()
    if not run:
        return None
    a, b = run[0].start, run[-1].end
    if not any(t.pos == "PROPN" for t in run) and not _named_inside(a, b, mentions):
        return None
    return Mention(a, b, text[a:b], _label(a, b, mentions))


def _named_inside(a: int, b: int, mentions: Sequence[Mention]) -> list[Mention]:
    return [m for m in mentions if a <= m.start and m.end <= b]


def _label(a: int, b: int, mentions: Sequence[Mention]) -> str:
    """The label of the last tagged name inside a name phrase (its head), else MISC."""
    inside = _named_inside(a, b, mentions)
    return inside[-1].label if inside else "MISC"


def _name_shaped(s: str) -> bool:
    """A proper name: every word of four letters or more outside brackets capitalised."""
    words = [w for w in re.sub(r"\([^)]*\)", " ", s).split() if len(w) > 3 and w[0].isalpha()]
    return bool(words) and all(w[0].isupper() for w in words)


def _open_brackets(run: list[Token]) -> int:
    return sum(t.text == "(" for t in run) - sum(t.text == ")" for t in run)


def _owner_of(text: str, tokens: Sequence[Token], kids: Kids, noun: Token,
              mentions: Sequence[Mention]) -> Mention | None:
    for c in kids(noun.i):
        if c.dep == "poss" or (c.dep == "nmod" and "Case=Gen" in c.morph):
            first = min(_subtree(kids, c.i))  # the possessor's phrase starts here
            return owner_phrase(text, tokens, tokens[first], mentions)
        if c.dep == "prep" and c.text.lower() == "of" and c.i + 1 < len(tokens):
            return owner_phrase(text, tokens, tokens[c.i + 1], mentions)
    return None


def phase_claims(text: str, sent: Sentence, tokens: Sequence[Token], kids: Kids,
                 mentions: Sequence[Mention], times: Sequence[TimeMention],
                 make: MakeClaim) -> list[Claim]:
    """"N of X began in T": (X, N_start, T); "... ended in T": (X, N_end, T)."""
    out: list[Claim] = []
    for v in tokens[sent.first : sent.last]:
        phase = PHASE_VERBS.get(v.lemma.lower(), "")
        if not phase or v.pos not in ("VERB", "AUX"):
            continue
        for n in kids(v.i):
            if n.dep != "nsubj" or n.pos != "NOUN" or n.lemma.lower() in EMPTY_NOUNS:
                continue
            owner = _owner_of(text, tokens, kids, n, mentions)
            if owner is None:
                continue
            clause = _subtree(kids, v.i) - _subtree(kids, n.i, stop_at_clauses=False)
            spans = [(tokens[j].start, tokens[j].end) for j in clause]
            when = [t for t in times if t.value is not None and sent.start <= t.start < sent.end
                    and any(a < t.end and t.start < b for a, b in spans)]
            if len(when) != 1:
                continue  # none, or several: which one dates the phase is not said
            value = split_span(when[0])[0 if phase == START else -1].value
            out.append(make(sent, owner, phase_property(n.lemma.lower(), phase), value, [], n))
    return out


# "Production of the X: March 1931 – June 1940" at the start of a line, or of a table
# cell run into one line ("... | Total length of X: 5 km")
_OF_LINE = re.compile(
    r"(?:^|(?<=\|))[ \t]*(?P<noun>[A-Za-zА-Яа-яЁё][\w-]*(?:[ \t]+[\w-]+){0,2}?)[ \t]+of[ \t]+"
    r"(?:the[ \t]+)?(?P<owner>[^:\n]{2,80}?)[ \t]*:[ \t]*(?=\S)", re.MULTILINE)


def label_line_claims(text: str, sentences: Sequence[Sentence], tokens: Sequence[Token],
                      mentions: Sequence[Mention], times: Sequence[TimeMention],
                      quantities: Sequence[QuantityMention], make: MakeClaim) -> list[Claim]:
    """Fact-box and table lines "N of X: value", a verbless statement of X's N: an
    interval of time gives the start and the end of N ("Production of X: 1931 –
    1940"), one time or a quantity the value of N ("Total length of X: 5 km")."""
    out: list[Claim] = []
    for m in _OF_LINE.finditer(text):
        a, b = m.span("owner")
        if not _named_inside(a, b, mentions) and not _name_shaped(m.group("owner")):
            continue
        owner = Mention(a, b, m.group("owner"), _label(a, b, mentions))
        noun_end = m.end("noun")
        noun = next((t for t in tokens if t.start < noun_end <= t.end), None)
        sent = next((s for s in sentences if s.start <= m.start("noun") < s.end), None)
        if noun is None or sent is None or noun.lemma.lower() in EMPTY_NOUNS:
            continue
        line_end = text.find("\n", m.end())
        line = Sentence(m.start("noun"), len(text) if line_end < 0 else line_end,
                        sent.first, sent.last)
        lemma = noun.lemma.lower()
        tm = next((t for t in times if t.start == m.end() and t.value is not None), None)
        if tm is not None:
            parts = split_span(tm)
            if len(parts) == 2:
                out.append(make(line, owner, phase_property(lemma, START), parts[0].value, [], noun))
                out.append(make(line, owner, phase_property(lemma, END), parts[1].value, [], noun))
            else:
                out.append(make(line, owner, attribute_name(lemma), tm.value, [], noun))
            continue
        qm = next((q for q in quantities if q.start == m.end()), None)
        if qm is not None:
            out.append(make(line, owner, attribute_name(lemma), qm.value, [], noun))
    return out
