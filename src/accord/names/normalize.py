"""Text -> raw tokens: the script-independent first step of every parse.

Sources write the same name with typographic apostrophes, possessives, dotted
initials, hyphens, glued words ("KestrelAG"), digits for letters ("Iv4n") and
number words ("Second", "Forty-Four", "вторая"). Folding these here keeps every
later rule about names, not about punctuation.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .lexicon import words
from .translit import is_cjk, is_cyrillic

_APOSTROPHES = str.maketrans({c: "'" for c in "’ʼ`´ʹ′‘‛"})
_QUOTES = str.maketrans({c: " " for c in '"«»“”„‟‹›「」『』'})
_POSSESSIVE = re.compile(r"(?<=\w)'s\b|(?<=[sS])'(?=\s|$|[,.;:!?)])")
# a letter/digit run with internal apostrophes and an optional final dot, or a
# dotted initialism (A.B.C., o.O.O., J.-C. is handled as two tokens)
# letters include combining marks and joiners, which Python's \w leaves out (Devanagari,
# Thai and Khmer vowel signs, the Persian zero-width non-joiner)
_L = r"(?:[^\W_]|[\u0300-\u036F\u0483-\u0489\u0591-\u05C7\u0610-\u061A\u064B-\u065F\u0670"
_L += r"\u06D6-\u06ED\u0900-\u0DFF\u0E00-\u0FFF\u1000-\u109F\u1780-\u17FF\u1AB0-\u1AFF"
_L += r"\u1DC0-\u1DFF\u200C\u200D\u20D0-\u20FF\uFE20-\uFE2F])"
_TOKEN = re.compile(rf"{_L}(?:\.{_L})+\.?|{_L}+(?:'{_L}+)*\.?|&")
_CAMEL_PREFIXES = words("mac mc van von der del des la le di de du fitz ben bin abu ibn al el")


@dataclass(frozen=True, slots=True)
class RawToken:
    """One word as written: `text` without dots or apostrophes, and how it was written."""

    text: str
    dotted: bool  # ended with a dot or was a dotted initialism ("Co.", "U.S.")
    initialism: bool  # dotted letters "A.B.C." (joined in text)
    upper: bool  # written in capitals (2+ letters)
    hyphen_before: bool  # glued to the previous word by a hyphen ("Trans-Atlantic")
    start: int
    end: int


def clean(text: str) -> str:
    """NFKC, one apostrophe, no quotes, no possessive."""
    t = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).translate(_QUOTES)
    return _POSSESSIVE.sub("", t)


def _split_camel(word: str) -> list[str]:
    """'KestrelAG' -> Kestrel AG, 'KLMarine' -> KL Marine, keeping McAllister, LeRoy."""
    if word.islower() or word.isupper() or len(word) < 5:
        return [word]
    parts: list[str] = []
    start = 0
    for i in range(1, len(word)):
        a, b = word[i - 1], word[i]
        nxt = word[i + 1] if i + 1 < len(word) else ""
        left = word[start:i]
        if not (b.isupper() and b.isalpha()):
            continue
        lower_to_upper = a.islower() and len(left) >= 3
        upper_run = a.isupper() and nxt.islower() and len(left) >= 2 and left.isupper()
        if (lower_to_upper or upper_run) and left.lower() not in _CAMEL_PREFIXES and len(word) - i >= 2:
            parts.append(left)
            start = i
    parts.append(word[start:])
    return parts


_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "9": "g"})


def _unleet(word: str) -> str:
    """'Iv4n Petr0v' -> Ivan Petrov: digits inside a word of letters are letters."""
    if word.isalpha() or word.isdigit():
        return word
    letters = sum(c.isalpha() for c in word)
    digits = sum(c.isdigit() for c in word)
    if digits and letters >= 2 * digits and not word[0].isdigit():
        return word.translate(_LEET)
    return word


def tokenize(text: str, person: bool = False) -> list[RawToken]:
    """Split a cleaned name into raw tokens (no lowercasing, no romanisation)."""
    out: list[RawToken] = []
    prev_end = -10
    for m in _TOKEN.finditer(text):
        raw = m.group(0)
        start, end = m.start(), m.end()
        hyphen = text[prev_end:start].strip() == "-" if prev_end >= 0 else False
        prev_end = end
        if raw == "&":
            out.append(RawToken("and", False, False, False, hyphen, start, end))
            continue
        dotted = raw.endswith(".")
        body = raw.rstrip(".")
        if "." in body:  # A.B.C / o.O.O
            letters = body.split(".")
            if person:
                pos = start
                for i, ch in enumerate(letters):
                    out.append(RawToken(ch, True, False, ch.isupper(), hyphen and i == 0, pos, pos + 1))
                    pos += 2
                continue
            joined = "".join(letters)
            out.append(RawToken(joined, True, True, joined.isupper(), hyphen, start, end))
            continue
        body = body.replace("'", "")
        if person:
            body = _unleet(body)
        pieces = _split_camel(body) if not is_cjk(body) else [body]
        pos = start
        for i, p in enumerate(pieces):
            last = i == len(pieces) - 1
            up = len(p) >= 2 and p.isupper()
            out.append(RawToken(p, dotted and last, False, up, hyphen and i == 0, pos, pos + len(p)))
            pos += len(p)
    return out


# ------------------------------------------------------------------ numbers
_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "twentieth": 20, "thirtieth": 30,
    "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70, "eightieth": 80,
    "ninetieth": 90,
}
_ORDINAL_DIGITS = re.compile(r"^(\d+)(?:st|nd|rd|th|e|er|eme|ème|ter|te|ten|ste|sten)$")
_RU_ORDINAL = re.compile(
    r"^(перв|втор|трет|четв[её]рт|пят|шест|седьм|восьм|девят|десят|одиннадцат|двенадцат|"
    r"тринадцат|четырнадцат|пятнадцат|шестнадцат|семнадцат|восемнадцат|девятнадцат|двадцат|"
    r"тридцат|сороков|пятидесят)(ый|ий|ой|ая|яя|ое|ее|ого|его|ому|ему|ым|им|ом|ем|ую|юю|ья|ье|"
    r"ьи|ьего|ьей|ьему|ьим|ью|ей|ых|их|ые|ие)$"
)
_RU_ORD_VALUE = {
    "перв": 1, "втор": 2, "трет": 3, "четв": 4, "пят": 5, "шест": 6, "седьм": 7, "восьм": 8,
    "девят": 9, "десят": 10, "одиннадцат": 11, "двенадцат": 12, "тринадцат": 13,
    "четырнадцат": 14, "пятнадцат": 15, "шестнадцат": 16, "семнадцат": 17,
    "восемнадцат": 18, "девятнадцат": 19, "двадцат": 20, "тридцат": 30, "сороков": 40,
    "пятидесят": 50,
}
_RU_ORD_SUFFIX = words("я й ой ый ий го ого его му ому ему м ая ое е ю ую х ых")
_ROMAN = re.compile(r"^(?=[ivxl]+$)(xl|l?x{0,3})(ix|iv|v?i{0,3})$")
_ROMAN_VALUE = {"i": 1, "v": 5, "x": 10, "l": 50}


def roman_value(word: str) -> int | None:
    """Value of a lowercase Roman numeral up to 89, else None."""
    if not word or not _ROMAN.match(word):
        return None
    total, prev = 0, 0
    for ch in reversed(word):
        v = _ROMAN_VALUE[ch]
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total or None


def number_value(word: str) -> tuple[int, bool] | None:
    """(value, written as a word) for '2', '2nd', 'second', 'вторая', else None."""
    w = word.lower()
    if w.isdigit():
        return int(w), False
    m = _ORDINAL_DIGITS.match(w)
    if m:
        return int(m.group(1)), True
    if w in _UNITS:
        return _UNITS[w], True
    if w in _TENS:
        return _TENS[w], True
    m = _RU_ORDINAL.match(w)
    if m:
        stem = m.group(1)
        return _RU_ORD_VALUE.get(stem, _RU_ORD_VALUE.get(stem[:4], 0)), True
    return None


def is_tens(word: str) -> bool:
    return word.lower() in _TENS


def is_ru_ordinal_suffix(word: str) -> bool:
    """The '-я' of '2-я армия', split off by the tokenizer."""
    return is_cyrillic(word) and word.lower() in _RU_ORD_SUFFIX
