"""Plain, picklable parse values shared by the English and Russian pipelines.

Extraction rules read these instead of spaCy or natasha objects, so that one set
of rules serves both languages, the per-source results can cross process and Ray
boundaries, and the rules can be tested on hand-made parses.
"""

from __future__ import annotations

from dataclasses import dataclass

from accord.model import Mention

# Dependency labels are mapped onto one small set (spaCy's English labels are
# ClearNLP-style, natasha's are Universal Dependencies).
UD_TO_COMMON = {
    "nsubj:pass": "nsubjpass",
    "obj": "dobj",
    "iobj": "dative",
    "aux:pass": "auxpass",
    "obl:agent": "agent",
    "flat:name": "compound",
    "flat": "compound",
    "nmod:poss": "poss",
}


@dataclass(frozen=True, slots=True)
class Token:
    i: int
    start: int
    end: int
    text: str
    lemma: str
    pos: str  # universal POS: NOUN VERB PROPN PRON ADJ ADP NUM ...
    dep: str  # common label (see UD_TO_COMMON)
    head: int  # index of the head token; the root points to itself
    morph: str = ""  # e.g. "Number=Plur|Person=3"

    @property
    def is_plural(self) -> bool:
        return "Number=Plur" in self.morph


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int  # character offsets in the source text
    end: int
    first: int  # token range [first, last)
    last: int


@dataclass(frozen=True, slots=True)
class Parsed:
    """One source's parse: tokens, sentences and named mentions, offsets into its text."""

    language: str
    tokens: tuple[Token, ...]
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]

    def children(self, i: int) -> list[Token]:
        return [t for t in self._sentence_tokens(i) if t.head == i and t.i != i]

    def subtree(self, i: int) -> list[Token]:
        """Tokens dominated by token i (inclusive), within its sentence."""
        sent = self._sentence_tokens(i)
        inside = {i}
        changed = True
        while changed:
            changed = False
            for t in sent:
                if t.i not in inside and t.head in inside and t.head != t.i:
                    inside.add(t.i)
                    changed = True
        return [t for t in sent if t.i in inside]

    def _sentence_tokens(self, i: int) -> tuple[Token, ...]:
        s = self.sentence_of_token(i)
        return self.tokens[s.first : s.last]

    def sentence_of_token(self, i: int) -> Sentence:
        lo, hi = 0, len(self.sentences) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            s = self.sentences[mid]
            if i < s.first:
                hi = mid - 1
            elif i >= s.last:
                lo = mid + 1
            else:
                return s
        raise IndexError(i)
