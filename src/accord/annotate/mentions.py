"""Clean named mentions from a statistical tagger and add military/organisational units.

Small taggers return spans with a leading article, a trailing dash, a possessive
or a line break inside; those spans would become false aliases. Units ("2nd
Shock Army", "80th Infantry Division") are often missed or cut; a language rule
(ordinal + capitalised words + a unit noun) finds them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace

from accord.model import Mention
from accord.timex.lexicon import EN_WEEKDAYS, en_month, ru_month

_LEAD = re.compile(r"^(?:the|a|an|The|A|An)\s+")
_TRAIL = re.compile(r"(?:['’]s|['’])?[\s\-–—,.;:()\[\]\"“”'’‘„«»]*$")
_LEAD_PUNCT = re.compile(r"^[\s\-–—,.;:()\[\]\"“”'’‘„«»]+")

ORDINAL_WORDS = (
    "First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Eleventh|Twelfth|"
    "Thirteenth|Fourteenth|Fifteenth|Sixteenth|Seventeenth|Eighteenth|Nineteenth|Twentieth"
)
UNIT_NOUNS = (
    "Army|Armies|Division|Corps|Regiment|Brigade|Battalion|Front|Fleet|Flotilla|Squadron|"
    "Wing|Legion|Detachment|Group|Company|Infantry|Cavalry|Platoon|Battery|Guard|Guards"
)
_UNIT = re.compile(
    rf"\b(?:\d{{1,4}}(?:st|nd|rd|th)|{ORDINAL_WORDS})"
    rf"(?:\s+(?:[A-Z][\w’'\-]*))*?\s+(?:{UNIT_NOUNS})\b"
)
_RU_UNIT = re.compile(
    r"\b\d{1,4}-?(?:я|й|го|ая|ой|ий)\s+(?:[а-яё]+\s+){0,3}"
    r"(?:арми[яиюей]|дивизи[яиюей]|корпус[а-я]*|полк[а-я]*|бригад[а-я]*|батальон[а-я]*|фронт[а-я]*)",
    re.IGNORECASE,
)


def clean_span(text: str, start: int, end: int) -> tuple[int, int]:
    span = text[start:end]
    # a mention never crosses a line break: keep the part holding most letters
    if "\n" in span:
        parts = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", span)]
        if parts:
            a, b = max(parts, key=lambda p: sum(ch.isalpha() for ch in span[p[0] : p[1]]))
            start, end, span = start + a, start + b, span[a:b]
    m = _LEAD_PUNCT.match(span)
    if m:
        start += m.end()
        span = span[m.end() :]
    m = _LEAD.match(span)
    if m and len(span) > m.end():
        start += m.end()
        span = span[m.end() :]
    m = _TRAIL.search(span)
    if m and m.start() > 0:
        end = start + m.start()
    return start, end


ORG_NOUNS = (
    "Legion|Committee|Company|Union|Society|Party|Ministry|Council|Association|Federation|"
    "Movement|League|Guild|Church|University|Institute|Academy|Bank|Corporation|Agency|"
    "Commission|Organisation|Organization|Foundation|Museum|Library|Archive|Parliament|"
    "Assembly|Congress|Navy|Police|Directorate|Bureau|Office|Board|Trust|Fund|Alliance"
)
LEADING_FUNCTION_WORDS = frozenset(
    ["The", "A", "An", "In", "On", "At", "By", "For", "From", "After", "Before", "When", "While", "During", "This", "That", "These", "Those", "His", "Her", "Its", "Their", "Our", "Your", "My", "Both", "Each", "Every", "Some", "Many", "Most", "Only", "Also", "But", "And", "Or", "If", "As", "With", "Without", "Since", "Until", "Although", "Though", "Under", "Over", "Between", "Against", "Into"]
)
_ORG = re.compile(rf"\b(?:[A-Z][\w’'\-]*[ \t]+){{1,5}}(?:{ORG_NOUNS})\b")


def find_units(text: str) -> list[Mention]:
    """Units and organisations a capitalised name with a head noun makes plain ("Northern
    Volunteer Legion"); the small tagger misses many of them."""
    out = [Mention(m.start(), m.end(), m.group(0), "UNIT") for m in _UNIT.finditer(text)]
    out += [Mention(m.start(), m.end(), m.group(0), "UNIT") for m in _RU_UNIT.finditer(text)]
    taken = [(u.start, u.end) for u in out]
    for m in _ORG.finditer(text):
        start, words = m.start(), m.group(0).split()
        while words and words[0] in LEADING_FUNCTION_WORDS:
            start = text.index(words[1], start + len(words[0])) if len(words) > 1 else m.end()
            words = words[1:]
        if len(words) < 2 or any(a < m.end() and start < b for a, b in taken):
            continue
        out.append(Mention(start, m.end(), text[start : m.end()], "ORG"))
    return out


def clean_mentions(text: str, mentions: Iterable[Mention]) -> list[Mention]:
    """Trim spans, drop empty or letterless ones, add units (which win overlaps)."""
    units = find_units(text)
    kept: list[Mention] = list(units)
    taken = [(u.start, u.end) for u in units]
    for m in mentions:
        s, e = clean_span(text, m.start, m.end)
        surface = text[s:e]
        if e <= s or not any(ch.isalpha() for ch in surface) or len(surface) > 120:
            continue
        if any(s < b and a < e for a, b in taken):
            continue
        kept.append(Mention(s, e, surface, m.label))
        taken.append((s, e))
    kept = people_throughout(kept)
    kept += names_repeated(text, kept)
    kept += surname_echoes(text, kept)
    return sorted(kept, key=lambda m: (m.start, m.end))


def names_repeated(text: str, mentions: list[Mention]) -> list[Mention]:
    """Every other occurrence of a name of two words or more that the tagger found once:
    it tags a name in one sentence and misses it in the next (or finds it only in a
    page's title line). Each untagged occurrence, as a whole word sequence, becomes a
    mention with the label the name has."""
    label: dict[str, str] = {}
    for m in mentions:
        if len(m.text.split()) >= 2 and m.text[:1].isupper():
            label.setdefault(m.text, m.label)
    if not label:
        return []
    names = sorted(label, key=len, reverse=True)
    taken = [(m.start, m.end) for m in mentions]
    out: list[Mention] = []
    for s, e, _k in whole_word_hits(text, names):
        if not any(a < e and s < b for a, b in taken):
            out.append(Mention(s, e, text[s:e], label[text[s:e]]))
            taken.append((s, e))
    return out


def whole_word_hits(text: str, names: Sequence[str],
                    endings: Callable[[str], tuple[str, ...]] = lambda _name: ()
                    ) -> Iterator[tuple[int, int, int]]:
    """(start, end, k) of each occurrence of `names[k]` that stands as a whole word
    (with one of its `endings`: no letter before or after it), left to right and never
    overlapping; where several start at one place, the first of `names` wins. That is
    what one pattern alternating the names would find; it is not made, because a text
    would make its own, used once (and Python's pattern cache would keep 512 of them).
    """
    found: list[tuple[int, int, int]] = []
    for k, name in enumerate(names):
        ends = endings(name)
        at = text.find(name)
        while at >= 0:
            if at == 0 or not _LETTER.match(text, at - 1):
                end = _word_end(text, at + len(name), ends)
                if end is not None:
                    found.append((at, k, end))
            at = text.find(name, at + 1)
    last = 0
    for at, k, end in sorted(found):
        if at >= last:
            last = end
            yield at, end, k


def _word_end(text: str, at: int, endings: tuple[str, ...]) -> int | None:
    """Where a word that has reached `at` ends, taking one of `endings` on where one
    fits; None if it goes on into more letters."""
    if not _LETTER.match(text, at):
        return at
    for ending in endings:
        if text.startswith(ending, at) and not _LETTER.match(text, at + len(ending)):
            return at + len(ending)
    return None


def people_throughout(mentions: list[Mention]) -> list[Mention]:
    """A name of two words or more that the text uses for a person is that person
    wherever it is written: the tagger read the same name elsewhere (a page's title
    line, a list) without the context that made it a person there, and called it an
    organisation or a place. One word alone is left as tagged ("Ford" the man and
    "Ford" the company)."""
    people = {m.text for m in mentions if m.label == "PER" and len(m.text.split()) >= 2}
    if not people:
        return mentions
    return [replace(m, label="PER") if m.label in ("ORG", "GPE", "LOC", "MISC")
            and m.text in people else m for m in mentions]


_WORD_CHARS = r"[^\W\d_]"
_LETTER = re.compile(_WORD_CHARS)
# case endings a Russian surname ending in a consonant takes ("Васка", "Васку", "Васком")
_RU_CASE = ("а", "у", "ом", "е", "ым", "ой", "ы", "ов")


def surname_echoes(text: str, mentions: list[Mention]) -> list[Mention]:
    """A person named in full is then called by the surname alone ("Orlen Vask ...
    Vask was shot"), which a small tagger often misses: every later stand-alone
    occurrence of the last word of a full name becomes a mention of a person. Not
    when the word is also written in lower case in the text (a common word: "Baker",
    "Mason") or names a month or a weekday (a tagger's "person" that ends in one is
    a date); not where it lies in another mention or next to another capitalised
    word (part of a longer name: "Hippocrene Books" does not echo "Books"). Who it
    is, among namesakes, is the resolver's question (bare surnames)."""
    first: dict[str, int] = {}
    for m in mentions:
        words = m.text.split()
        last = words[-1] if words else ""
        if m.label == "PER" and len(words) >= 2 and len(last) >= 3 and last[0].isupper() \
                and last.isalpha() and not _calendar_word(last):
            first.setdefault(last, m.end)
    lower = set(_WORDS.findall(text)) if first else set()
    first = {name: at for name, at in first.items() if name.lower() not in lower}
    if not first:
        return []
    names = sorted(first, key=len, reverse=True)
    taken = [(m.start, m.end) for m in mentions]
    out: list[Mention] = []
    for s, e, k in whole_word_hits(text, names, _endings):
        if s < first[names[k]] or any(a < e and s < b for a, b in taken):
            continue
        if not _NAME_BEFORE.search(text, max(0, s - 60), s) and not _NAME_AFTER.match(text, e):
            out.append(Mention(s, e, text[s:e], "PER"))
    return out


_WORDS = re.compile(rf"{_WORD_CHARS}+")


def _endings(surname: str) -> tuple[str, ...]:
    """The case endings a surname may carry: a Russian one ending in a consonant."""
    return _RU_CASE if re.match(r"[А-ЯЁ]", surname) and surname[-1] not in "аеёиоуыэюяй" else ()


_NAME_BEFORE = re.compile(r"(?<![\w.])[A-ZА-ЯЁ][\w'’-]*[ \u00a0]$")  # not "Province. "
_NAME_AFTER = re.compile(r"[ \u00a0][A-ZА-ЯЁ]")


def _calendar_word(word: str) -> bool:
    return bool(en_month(word) or word.lower() in EN_WEEKDAYS or ru_month(word))
