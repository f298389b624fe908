"""A count and the names listed after its colon: "four towns: Arlen, Vesk, Tolm" names three.

A sentence that counts things and then names them ("the valley holds four
towns: A, B, C", "the following six chairs were set up: A, B, C, D, E") states
the count twice, once as a figure and once as a list. When the list is shorter
than the count, the source contradicts itself, and one of the two is wrong; a
researcher wants to see that, and it needs no knowledge of the subject.

The check is kept one-sided and narrow, because a list of names is easy to
miscount on the surface:

- only a list that is *shorter* than the count is reported. A name may hold a
  comma or an "and" of its own ("Tarn, Upper Vale", "Brell and Sons"), which
  makes a list look longer than it is, never shorter;
- the colon must follow a clause with exactly one count, a number in words or
  digits (2 to 30) on a plural noun, with no "at least", "about", "some" ... on
  it, and no "including", "such as", "among" ... between the count and the colon
  (which say the list is a selection);
- the list runs to the end of the sentence and every item is a name: it starts
  with a capital letter, has at most eight words, and nothing like "etc." or
  "and others" follows. Bracketed asides are dropped before counting.

The two figures become the same pair of claims as a count and its bracketed list
(`accord.extract.conversions`), which the aligner reports as a source contradicting
itself. English only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from accord.annotate.parse import Sentence, Token
from accord.extract.conversions import ENUMERATION, figure_value, slip_claims
from accord.extract.statements import MakeClaim
from accord.model import Claim, Mention, Quantity

MAX_ITEM_WORDS = 8
MAX_COUNT = 30
# words on a count that make it loose ("at least four", "some six")
LOOSE = frozenset({"least", "most", "about", "around", "some", "over", "nearly", "almost",
                   "roughly", "approximately", "than", "up", "under", "only", "another", "other"})
# words that make what follows a selection, not the whole list
SELECTION = frozenset({"including", "include", "includes", "included", "such", "among",
                       "example", "instance", "notably", "especially", "like", "e.g.", "which",
                       "whom", "them"})
OPEN_ENDS = re.compile(r"\b(?:etc|and others|and more|among others|and so on)\b\.?", re.IGNORECASE)
_ASIDE = re.compile(r"\s*\([^()]*\)")
_SPLIT = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")


def listed_items(text: str) -> list[str] | None:
    """The items of a list of names ("A, B and C."), or None when it is not one."""
    body = _ASIDE.sub("", text).strip().rstrip(".;").strip()
    if not body or OPEN_ENDS.search(body) or any(ch in body for ch in ":;"):
        return None
    items = [x.strip() for x in _SPLIT.split(body)]
    if len(items) < 2 or any(
            not x or not x[0].isupper() or len(x.split()) > MAX_ITEM_WORDS for x in items):
        return None
    return items


def _count(tokens: Sequence[Token], first: int, colon: int, language: str
           ) -> tuple[Token, float] | None:
    """The one count of the clause before the colon, with the plural noun it counts."""
    counts: list[tuple[Token, float]] = []
    for t in tokens[first:colon]:
        if t.text.lower() in SELECTION:
            return None
        if t.pos != "NUM":
            continue
        n = figure_value(t.text, language)
        if n is None:
            return None  # a figure we cannot read: a year, a fraction
        head = tokens[t.head]
        if t.dep != "nummod" or head.pos != "NOUN" or "Number=Plur" not in head.morph:
            return None  # a number of another kind in the clause: which one is listed?
        if any(tokens[j].text.lower() in LOOSE for j in range(max(first, t.i - 2), t.i)):
            return None
        counts.append((t, n))
    if len(counts) != 1 or not 2 <= counts[0][1] <= MAX_COUNT:
        return None
    return counts[0]


def list_claims(text: str, sent: Sentence, tokens: Sequence[Token], subject: Mention | None,
                make: MakeClaim, language: str = "en", following: Sentence | None = None
                ) -> list[Claim]:
    """Two claims, the count and the length of its list, where the list falls short. A
    sentence splitter may end the sentence at the colon: the list is then the
    `following` sentence, on the same line."""
    if language != "en":
        return []
    colons = [t for t in tokens[sent.first : sent.last] if t.text == ":"]
    if len(colons) != 1:
        return []
    colon = colons[0]
    start = max([sent.first] + [t.i + 1 for t in tokens[sent.first : colon.i] if t.text == ";"])
    found = _count(tokens, start, colon.i, language)
    if found is None:
        return []
    tok, n = found
    end = sent.end
    if not text[colon.end : sent.end].strip() and following is not None and \
            "\n" not in text[colon.end : following.start]:
        end = following.end
        sent = Sentence(sent.start, following.end, sent.first, following.last)
    items = listed_items(text[colon.end : end])
    if items is None or len(items) >= n:
        return []
    lead = len(text[colon.end : end]) - len(text[colon.end : end].lstrip())
    a = colon.end + lead
    b = end - (len(text[a:end]) - len(text[a:end].rstrip(" .\n")))
    subj = subject or Mention(tok.start, b, text[tok.start : b], "TOPIC")
    noun = tokens[tok.head].text.lower()
    stated = Quantity(n, n, noun, text=tok.text)
    listed = Quantity(len(items), len(items), noun, text=text[a:b])
    return slip_claims(make, sent, subj, ENUMERATION, f"list {tok.i}", stated, listed, listed,
                       tok)
