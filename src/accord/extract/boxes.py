"""Fact boxes run into one line: "X details: Dates:<tab>T, Length:<tab>12 km, ...".

A fact box copied out of a page often loses its line breaks: its heading (the
name of the thing, sometimes with a word such as "details") and its rows follow
one another on one line, each row a label, a colon and a tab, then the value.
The tab after the colon is what tells such a row from a colon in prose ("He had
one aim: money"), so only labels followed by one are read, and only where a line
holds two rows or more.

Each row whose value is a measure, a time or a plain count gives a claim of the
heading's name: the property is the label's noun (as `attribute_name` names it,
so "Distance:" here and "Total distance of X: 607 km" in a table line meet).
Measures are read as ranges in base units (`accord.extract.measures`), so a box
in kilometres and a sentence in miles compare. A citation mark left inside a
figure ("1,342[1] km") is no part of it. A box without a name heading it gives
nothing: whose distance it is would be a guess. English labels only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from accord.annotate.parse import Sentence, Token
from accord.extract.attributes import EMPTY_NOUNS, attribute_name
from accord.extract.measures import read_measure
from accord.extract.statements import MakeClaim
from accord.model import Claim, Mention, Quantity, TimeMention

# a row: a capitalised label of one to three words, a colon and a tab
_ROW = re.compile(r"(?<![\w-])(?P<label>[A-Z][a-z]+(?: [a-z]+){0,2}):[ ]*\t[ \t]*(?=\S)")
# words after a name that only say the lines below describe it
HEADER_NOUNS = frozenset({"details", "facts", "information", "info", "overview", "summary",
                          "statistics", "data", "profile", "at a glance"})
_CITATION = re.compile(r"\[\d{1,3}\]")
_COUNT = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")
_SEPARATORS = " \t,;|"


def _heading(text: str, a: int, b: int, mentions: Sequence[Mention]) -> Mention | None:
    """The name heading a run of rows (text[a:b]), without a header word or a colon:
    "1920 Orvel Rally details:" -> "1920 Orvel Rally". None unless it is a name: every
    word of four letters or more capitalised, or a tagged name inside it."""
    head = text[a:b].rstrip(" \t:")
    for noun in HEADER_NOUNS:
        if head.lower().endswith(" " + noun):
            head = head[: -len(noun) - 1].rstrip(" \t:")
            break
    lead = len(head) - len(head.lstrip(_SEPARATORS))
    head = head.strip(_SEPARATORS)
    if not head or len(head) > 80 or "\t" in head:
        return None
    start = a + lead
    end = start + len(head)
    words = [w for w in head.split() if len(w) > 3 and w[0].isalpha()]
    inside = [m for m in mentions if start <= m.start and m.end <= end]
    if not inside and not (words and all(w[0].isupper() for w in words)):
        return None
    return Mention(start, end, head, inside[-1].label if inside else "MISC")


def _value(text: str, a: int, b: int, times: Sequence[TimeMention]):
    """The value a row holds (text[a:b]): a time the tagger read there, a measure, or a
    plain count; None for anything else (a name, a duration in marks, a list)."""
    raw = text[a:b]
    tm = next((t for t in times if t.start == a and t.end <= b and t.value is not None), None)
    if tm is not None:
        return tm.value
    clean = _CITATION.sub("", raw).strip()
    if not clean or not clean[0].isdigit():
        return None
    m = read_measure(clean, 0)
    if m is not None:
        q = m.value
        return Quantity(q.low, q.high, q.unit, q.approx, raw.strip())
    if _COUNT.fullmatch(clean):
        n = float(clean.replace(",", ""))
        return Quantity(n, n, "", text=clean)
    return None


def inline_box_claims(text: str, sentences: Sequence[Sentence], tokens: Sequence[Token],
                      mentions: Sequence[Mention], times: Sequence[TimeMention],
                      make: MakeClaim) -> list[Claim]:
    out: list[Claim] = []
    pos = 0
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        rows = list(_ROW.finditer(text, pos, end))
        line_start, pos = pos, end + 1
        if len(rows) < 2:
            continue
        seg = text.rfind("|", line_start, rows[0].start()) + 1 or line_start
        owner = _heading(text, seg, rows[0].start(), mentions)
        if owner is None:
            continue
        for k, row in enumerate(rows):
            stop = rows[k + 1].start() if k + 1 < len(rows) else end
            v_end = row.end() + len(text[row.end() : stop].rstrip(_SEPARATORS))
            value = _value(text, row.end(), v_end, times)
            noun = next((t for t in tokens if t.start < row.end("label") <= t.end), None)
            sent = next((s for s in sentences if s.start <= row.start() < s.end), None)
            if value is None or noun is None or sent is None or \
                    noun.lemma.lower() in EMPTY_NOUNS:
                continue
            quote = Sentence(owner.start, v_end, sent.first, sent.last)
            out.append(make(quote, owner, attribute_name(noun.lemma), value, [], noun))
    return out
