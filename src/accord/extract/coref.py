"""Conservative coreference inside one source: pronouns and "the general".

A claim is only worth something when it is attached to the right entity, and a
wrong attachment is worse than none. So the rules are deliberately narrow:
a third-person singular pronoun goes to the most salient person of the last
few sentences (grammatical subjects first); a plural pronoun goes to the
coordination that named people in the previous sentence ("X and his men" ...
"They were ..."); "the <title>" goes to the last person introduced with that
title. Anything else stays unresolved.

Two further cues keep a paragraph about one person on that person:

- a pronoun that is the subject of its sentence's main clause stands for its
  antecedent as that sentence's subject ("X played ... He noted that ... He is
  ..."): the person a text keeps talking about stays the centre of attention
  even when someone else is named in a side clause; and a person referred to
  as "she" is not the antecedent of a later "he" (and the other way round);
- a tagger often labels an unusual personal name as an organisation. Where no
  person is a subject in the window, the subject of a main clause whose name
  looks like a person's (two to four capitalised words, none of them a word
  organisations are named with) is taken as the antecedent before a person
  named only in passing.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from accord.annotate.parse import Parsed, Token
from accord.model import Mention
from accord.names import lexicon

SINGULAR_PERSON_PRONOUNS = frozenset(
    {"he", "him", "his", "himself", "she", "her", "hers", "herself",
     "он", "его", "ему", "им", "нём", "нем", "она", "её", "ее", "ей", "ней"}
)
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "themselves", "они", "их", "им", "ими"})

TITLE_NOUNS = frozenset(
    {"general", "colonel", "major", "captain", "lieutenant", "marshal", "admiral", "sergeant",
     "president", "minister", "king", "queen", "prince", "princess", "emperor", "tsar",
     "czar", "bishop", "archbishop", "professor", "doctor", "senator", "governor", "mayor",
     "chancellor", "commander", "officer", "leader", "author", "writer", "journalist",
     "генерал", "полковник", "маршал", "президент", "министр", "командующий"}
)

WINDOW = 3  # sentences back to look for an antecedent
MASCULINE = frozenset({"he", "him", "his", "himself", "он", "его", "ему", "нём", "нем"})
FEMININE = frozenset({"she", "her", "hers", "herself", "она", "её", "ее", "ей", "ней"})


@dataclass(frozen=True, slots=True)
class Antecedents:
    """For each token index that refers back, the mentions it stands for."""

    by_token: dict[int, tuple[Mention, ...]]

    def get(self, i: int) -> tuple[Mention, ...]:
        return self.by_token.get(i, ())


def token_mentions(parsed: Parsed) -> dict[int, Mention]:
    """Map each token index to the named mention covering it."""
    out: dict[int, Mention] = {}
    mentions = list(parsed.mentions)
    k = 0
    for tok in parsed.tokens:
        while k < len(mentions) and mentions[k].end <= tok.start:
            k += 1
        if k < len(mentions) and mentions[k].start <= tok.start < mentions[k].end:
            out[tok.i] = mentions[k]
    return out


def resolve_pronouns(parsed: Parsed, index: dict[int, Mention]) -> Antecedents:
    by_token: dict[int, tuple[Mention, ...]] = {}
    # history of (sentence number, mention, was_subject, title)
    history: list[tuple[int, Mention, bool, str]] = []
    # main-clause subjects named like a person but tagged otherwise: (sentence, mention)
    lookalikes: list[tuple[int, Mention]] = []
    gender: dict[str, str] = {}  # the pronoun a name was referred to by
    last_group: tuple[int, tuple[Mention, ...]] = (-10, ())
    # organisations named in the last WINDOW sentences: (sentence, mention, the lemmas
    # of its common nouns); older ones are let go (a book names thousands)
    bodies: deque[tuple[int, Mention, frozenset[str]]] = deque()
    for sn, sent in enumerate(parsed.sentences):
        while bodies and sn - bodies[0][0] > WINDOW:
            bodies.popleft()
        toks = parsed.tokens[sent.first : sent.last]
        seen_here: set[tuple[int, int]] = set()
        for tok in toks:
            low = tok.text.lower()
            if low in SINGULAR_PERSON_PRONOUNS and tok.pos == "PRON":
                g = "m" if low in MASCULINE else "f" if low in FEMININE else ""
                ante = _salient_person(history, sn, lookalikes, gender, g)
                if ante is not None:
                    by_token[tok.i] = (ante,)
                    if g:
                        gender.setdefault(ante.text, g)
                    if tok.dep in ("nsubj", "nsubjpass") and parsed.tokens[tok.head].head == \
                            tok.head:  # the main clause's subject: the sentence is about it
                        history.append((sn, ante, True, ""))
            elif (g := _dropped_subject(parsed, tok)) is not None:
                ante = _salient_person(history, sn, lookalikes, gender, g)
                if ante is not None:
                    by_token[tok.i] = (ante,)
                    gender.setdefault(ante.text, g)
                    history.append((sn, ante, True, ""))
            elif low in PLURAL_PRONOUNS and tok.pos == "PRON" and tok.dep in (
                "nsubj", "nsubjpass"
            ):
                if sn - last_group[0] <= 1 and last_group[1]:
                    by_token[tok.i] = last_group[1]
            elif tok.pos == "NOUN" and tok.i not in index and tok.dep in ("nsubj", "nsubjpass") \
                    and (named := _named_by_its_noun(parsed, tok, bodies, sn)) is not None:
                by_token[tok.i] = (named,)
            elif low in TITLE_NOUNS and tok.pos == "NOUN" and tok.i > 0:
                prev = parsed.tokens[tok.i - 1]
                if prev.text.lower() in ("the", "this") and tok.i not in index:
                    ante = _titled_person(history, low, sn)
                    if ante is not None:
                        by_token[tok.i] = (ante,)
            m = index.get(tok.i)
            if m is not None and m.label == "PER" and (m.start, m.end) not in seen_here:
                seen_here.add((m.start, m.end))
                head_dep = _mention_dep(parsed, index, m, tok)
                title = _title_before(parsed, tok)
                history.append((sn, m, head_dep in ("nsubj", "nsubjpass"), title))
            if m is not None and m.label in ("ORG", "UNIT") and index.get(tok.i - 1) is not m:
                bodies.append((sn, m, _nouns_of(parsed, index, m, tok)))  # at its first word
            if m is not None and m.label in ("ORG", "MISC") and (m.start, m.end) not in \
                    seen_here and _person_shaped(m.text):
                seen_here.add((m.start, m.end))
                head = _mention_head(parsed, index, m, tok)
                if head.dep == "nsubj" and parsed.tokens[head.head].head == head.head:
                    lookalikes.append((sn, m))
        group = _person_group(parsed, toks, index, by_token)
        if group:
            last_group = (sn, group)
    return Antecedents(by_token)


_DEFINITE = frozenset({"the", "this", "that"})


def _nouns_of(parsed: Parsed, index: dict[int, Mention], m: Mention, tok: Token) -> frozenset[str]:
    """The lemmas of the words an organisation's name is made of, lowercased: the words
    the text may call it by ("the society" for "Harrowgate Rowing Society")."""
    out = set()
    for t in parsed.tokens[tok.i:]:
        if index.get(t.i) is not m:
            break
        out.add(t.lemma.lower())
    # ... and the noun it names, where the tagger took the name alone: "клуб [Харроу]"
    head = _mention_head(parsed, index, m, tok)
    if head.dep in ("nmod", "appos", "flat", "compound") and head.head != head.i:
        noun = parsed.tokens[head.head]
        if noun.pos == "NOUN":
            out.add(noun.lemma.lower())
    return frozenset(out)


def _named_by_its_noun(parsed: Parsed, tok: Token, bodies, sn: int) -> Mention | None:
    """A subject that is a common noun of an organisation's name just named, definite
    ("the society" in English; a bare "Общество" in Russian, which has no article):
    that organisation. The nearest one, and only one: two named bodies of that noun
    in the window leave it unresolved."""
    if parsed.language == "ru":
        if any(c.dep in ("det", "amod") for c in parsed.children(tok.i)):
            return None  # "другое общество", "это общество" are other bodies or ambiguous
    elif tok.i == 0 or parsed.tokens[tok.i - 1].text.lower() not in _DEFINITE:
        return None
    lemma = tok.lemma.lower()
    fits = {m for k, m, nouns in bodies if sn - k <= WINDOW and lemma in nouns}
    if len({m.text for m in fits}) != 1:
        return None
    return max(fits, key=lambda m: m.start)


_SUBJECT_CHILDREN = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
_GENDER_OF_VERB = {"Gender=Masc": "m", "Gender=Fem": "f"}


def _dropped_subject(parsed: Parsed, tok: Token) -> str | None:
    """Russian drops the subject pronoun where the verb's ending says who it is:
    "Умер в 1894 году" is "он умер". The main verb of such a sentence, finite (or a
    short passive participle: "была арестована"), past and singular, masculine or
    feminine (a neuter one is impersonal: "Стало ясно"), with no subject of its own,
    stands for a pronoun of that gender: its gender, or None when it is no such verb."""
    if parsed.language != "ru" or tok.pos != "VERB" or tok.dep != "root":
        return None
    feats = set(tok.morph.split("|"))
    finite = "VerbForm=Fin" in feats or {"VerbForm=Part", "Variant=Short"} <= feats  # "арестована"
    if not finite or not {"Tense=Past", "Number=Sing"} <= feats:
        return None
    g = next((v for k, v in _GENDER_OF_VERB.items() if k in feats), None)
    if g is None or any(c.dep in _SUBJECT_CHILDREN for c in parsed.children(tok.i)):
        return None
    return g


def _mention_head(parsed: Parsed, index: dict[int, Mention], m: Mention, tok: Token) -> Token:
    """The mention's syntactic head: the token whose head is outside it."""
    t = tok
    seen = 0
    while index.get(t.head) is m and t.head != t.i and seen < 10:
        t = parsed.tokens[t.head]
        seen += 1
    return t


def _mention_dep(parsed: Parsed, index: dict[int, Mention], m: Mention, tok: Token) -> str:
    """The dependency of the mention's syntactic head (the token whose head is outside it)."""
    return _mention_head(parsed, index, m, tok).dep


def _person_shaped(name: str) -> bool:
    """Two to four capitalised words of letters, none a word organisations are named
    with ("Kestrel Motors", "Vell Party"): a name that may be a person's."""
    words = name.split()
    if not 2 <= len(words) <= 4:
        return False
    for w in words:
        bare = w.replace("-", "").replace("'", "").replace("’", "")
        if not (bare.isalpha() and w[0].isupper()):
            return False
        low = w.lower().strip(".")
        if low in lexicon.ORG_WORDS or low in lexicon.DESIGNATORS or \
                low in lexicon.FUZZY_LEGAL_WORDS or low in lexicon.STOPWORDS:
            return False
    return True


def _title_before(parsed: Parsed, first: Token) -> str:
    """The title word just before a mention ("General X" -> "general"), if any."""
    if first.i == 0:
        return ""
    prev = parsed.tokens[first.i - 1].text.lower()
    return prev if prev in TITLE_NOUNS else ""


def _salient_person(history, sn: int, lookalikes=(), gender=None, g: str = "") -> Mention | None:
    """The subject of the nearest earlier sentence that has a person as subject (the
    centre of attention); else a main-clause subject named like a person though
    tagged otherwise; else the person the text names most often in the window;
    else the most recent one. A person already referred to by a pronoun of the
    other gender is passed over."""
    gender = gender or {}

    def fits(m: Mention) -> bool:
        return not g or gender.get(m.text, g) == g

    recent = [(k, h) for k, h in enumerate(history) if sn - h[0] <= WINDOW and fits(h[1])]
    subjects = [kh for kh in recent if kh[1][2]]
    if subjects:
        return max(subjects, key=lambda kh: (kh[1][0], -kh[0]))[1][1]
    named = [m for k, m in lookalikes if sn - k <= 1 and fits(m)]
    if named:
        return named[-1]
    if not recent:
        return None
    counts: dict[str, int] = {}
    for _k, h in recent:
        key = surname_key(h[1].text)
        counts[key] = counts.get(key, 0) + 1
    return max(recent, key=lambda kh: (counts[surname_key(kh[1][1].text)], kh[0]))[1][1]


def surname_key(name: str) -> str:
    """The last word of a name, lowercased, without a possessive: how one source
    refers back to a person ("Vance", "Vance's" for "Ada Vance")."""
    parts = [p for p in name.replace("’", "'").split() if p[:1].isalpha()]
    return parts[-1].lower().removesuffix("'s") if parts else name.lower()


def main_subject(mentions: list[Mention]) -> Mention | None:
    """What a page is about: the name it repeats most (by surname key), in its fullest
    and earliest form. Fact boxes speak of it."""
    if not mentions:
        return None
    counts: dict[str, int] = {}
    for m in mentions:
        counts[surname_key(m.text)] = counts.get(surname_key(m.text), 0) + 1
    top = max(counts, key=counts.get)
    return max((m for m in mentions if surname_key(m.text) == top),
               key=lambda m: (len(m.text.split()), -m.start))


def _titled_person(history, title: str, sn: int) -> Mention | None:
    for h in reversed(history):
        if h[3] == title:
            return h[1]
    return None


def _person_group(parsed, toks, index, by_token) -> tuple[Mention, ...]:
    """People coordinated in one phrase of this sentence: "X and his men", "him and eleven
    other officers"."""
    out: list[Mention] = []
    conj_heads = {c.head for c in toks if c.dep == "conj"}
    for tok in toks:
        if tok.dep == "conj" or tok.i in conj_heads:
            m = index.get(tok.i)
            if m is not None and m.label == "PER":
                out.append(m)
            out.extend(by_token.get(tok.i, ()))
    uniq = []
    for m in out:
        if m not in uniq:
            uniq.append(m)
    return tuple(uniq)
