"""Scripts, romanisation and spelling keys.

Two names written in different systems (Cyrillic "Курасов", English "Kurasov",
German "Kurassow", French "Kurassov") are the same name when some romanisation of
one lands on the spelling key of the other. This module does the two halves:

* `romanise(token)` gives *several* Latin spellings of a Cyrillic token, one per
  common system (Wikipedia/BGN/ICAO/GOST via `iuliia`, plus a Ukrainian reading),
  because a source in English may have used any of them;
* `spelling_key(latin)` folds the differences those systems (and German, French,
  Polish and Arabic transliteration habits) make into one key: w/v, y/i/j, doubled
  letters, kh/h, x/ks, -ow/-ov, -ievich/-evich ...

Keys are deliberately lossy: they are compared for equality and by edit distance,
never shown.
"""

from __future__ import annotations

import re
import unicodedata

import iuliia
from unidecode import unidecode

from .memo import remembered

_CYR = re.compile(r"[\u0400-\u04FF\u0500-\u052F]")
_CJK = re.compile(r"[\u1100-\u11FF\u3040-\u30FF\u3130-\u318F\u3400-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF]")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")

# Russian systems differ exactly where English sources differ: й (y/i/j), ь, е/ё, ю/я, х, щ.
_SCHEMAS = (iuliia.WIKIPEDIA, iuliia.BGN_PCGN, iuliia.ICAO_DOC_9303, iuliia.GOST_7034,
            iuliia.MVD_310_FR)

# Ukrainian national romanisation (2010): и=y, і=i, г=h, ґ=g, є=ye, ї=yi, х=kh.
_UK = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie",
    "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu",
    "я": "ia", "'": "", "’": "", "ъ": "", "ы": "y", "э": "e", "ё": "io",
})


def script_of(text: str) -> str:
    """The dominant script of a string: latin, cyrillic, cjk or other (empty -> latin)."""
    cyr = len(_CYR.findall(text))
    cjk = len(_CJK.findall(text))
    lat = len(_LATIN.findall(text))
    if cyr and cyr >= lat:
        return "cyrillic"
    if cjk and cjk >= lat:
        return "cjk"
    if lat or not text.strip():
        return "latin"
    letters = [c for c in text if c.isalpha()]
    return "other" if letters else "latin"


def is_cyrillic(text: str) -> bool:
    return bool(_CYR.search(text))


def is_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


_NON_ALNUM = re.compile(r"[^a-z0-9]+")


@remembered
def ascii_fold(text: str) -> str:
    """Lowercase ASCII letters and digits only; diacritics and other scripts via unidecode."""
    if text.isascii():
        return _NON_ALNUM.sub("", text.lower())
    return _NON_ALNUM.sub("", unidecode(text).lower())


@remembered
def romanise(token: str) -> tuple[str, ...]:
    """Distinct folded Latin spellings of one token; the first is the primary one.

    Latin tokens give one spelling. Cyrillic ones give one per system, because an
    English source may have used BGN ("Andreyevich"), ICAO ("Andreevich") or a
    French one ("Andreevitch"). Letters a system leaves (other Cyrillic alphabets)
    fall back to unidecode.
    """
    if not is_cyrillic(token):
        folded = ascii_fold(token)
        return (folded,) if folded else ()
    out: list[str] = []
    for schema in _SCHEMAS:
        s = ascii_fold(schema.translate(token))
        if s and s not in out:
            out.append(s)
    uk = ascii_fold(token.lower().translate(_UK))
    if uk and uk not in out:
        out.append(uk)
    return tuple(out)


# Ordered rewrite rules for spelling keys. Longest patterns first.
_RULES: tuple[tuple[str, str], ...] = (
    ("schtsch", "sh"), ("chtch", "sh"), ("shch", "sh"), ("shh", "sh"), ("tsch", "ch"),
    ("sch", "sh"), ("tch", "ch"), ("dzh", "j"), ("zh", "j"), ("dj", "j"),
    ("kh", "h"), ("ph", "f"), ("th", "t"), ("dh", "d"), ("gh", "g"), ("ck", "k"),
    ("q", "k"), ("x", "ks"), ("w", "v"), ("tz", "z"), ("ou", "u"), ("oo", "u"),
)
_VOWELS = frozenset("aeiou")
_J_AFTER_VOWEL = re.compile(r"(?<=[aeiouy])j")
_J_INITIAL = re.compile(r"^j(?=[aeiou])")
_GERMAN_CH = re.compile(r"(?<![st])ch")
_GLIDE = re.compile(r"(?<=[aeou])i(?=[aeou])")
_ARABIC_ABD = re.compile(r"^ab[dt](?:ul|el|al|oul|ol|ur|ar)?$")


def _collapse(s: str) -> str:
    """Doubled letters are a spelling habit, not a different name (Kurassov/Kurasov)."""
    out: list[str] = []
    for ch in s:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


@remembered
def spelling_key(folded: str) -> str:
    """Fold transliteration and spelling variants of one (ascii, lowercase) token.

    Digits are kept as they are: numbers are never spelling variants of each other.
    """
    s = folded
    if not s or s.isdigit():
        return s
    if s.startswith(("ye", "ie")) and len(s) > 3:  # Yelena/Elena (not Jenkins)
        s = s[1:]
    if _ARABIC_ABD.match(s):  # 'Abd / Abdul / Abdel: one element of Arabic names
        return "abd"
    # j after a vowel, or a word-initial j before a vowel, is the Slavic/German й/ю/я
    if "ch" in s and ("sch" in s or "w" in s):  # German: ch is х (Chabalow), tsch is ч
        s = _GERMAN_CH.sub("h", s)
    if "j" in s:
        s = _J_AFTER_VOWEL.sub("i", s)
        s = _J_INITIAL.sub("i", s)
    for a, b in _RULES:
        if a in s:
            s = s.replace(a, b)
    s = s.replace("y", "i")
    # an i between vowels is a glide that systems write or drop: Andreievich/Andreevich
    s = _GLIDE.sub("", s)
    s = _collapse(s)
    if len(s) > 4 and s.endswith("of"):  # Smirnoff -> smirnov (after ff -> f)
        s = s[:-1] + "v"
    return s


@remembered
def skeleton(key: str) -> str:
    """Consonants of a key: vowels are what transliterations disagree on most
    (Fareed/Farid, Adeel/Adil)."""
    if key.isdigit():
        return key
    return _collapse("".join(c for c in key if c not in _VOWELS))


# How a given name is written in the other script is often not a transliteration but
# an adaptation by sound: "Ilse" is "Ильза", "George" "Джордж", "Heinrich" "Генрих".
# The spellings then differ where the two scripts' habits differ: a soft or hard
# "g", German or English "ch", voiced or voiceless "s", "ts" written "z"; the
# vowels disagree most. Each pattern is (regex, the readings it may have).
_SOUND_READINGS: tuple[tuple[re.Pattern, tuple[str, ...]], ...] = (
    (re.compile(r"g(?=[eiy])"), ("g", "j")),  # George, Gisela
    (re.compile(r"c(?=[eiy])"), ("s",)),
    (re.compile(r"ch"), ("ch", "h")),  # Charles, Heinrich
    (re.compile(r"^j"), ("j", "i")),  # James, Johann
)
_SOUND_RULES: tuple[tuple[re.Pattern, str], ...] = tuple((re.compile(a), b) for a, b in (
    ("dzh", "j"), ("dj", "j"), ("zh", "j"), ("tsch", "ch"), ("shch", "sh"), ("sch", "sh"),
    ("kh", "h"), ("ph", "f"), ("th", "t"), ("ck", "k"), ("c(?!h)", "k"), ("q", "k"),
    ("x", "ks"), ("w", "v"), ("tz", "s"), ("ts", "s"), ("z", "s"), ("y", "i"),
))


@remembered
def sound_keys(token: str) -> frozenset[str]:
    """Coarse keys of how a given name sounds, under each reading of its letters: its
    first letter and the consonants after it, with the letters that adaptation
    between Latin and Cyrillic writes differently made one. Too coarse for one
    script (Anna and Anya, Maria and Mariya are told apart by spelling); meant for
    comparing a name in one script with a name in the other, and only keys of three
    letters or more are given."""
    out: set[str] = set()
    for form in romanise(token):
        readings = [form]
        for pattern, options in _SOUND_READINGS:
            readings = [pattern.sub(o, r) for r in readings for o in options] \
                if any(pattern.search(r) for r in readings) else readings
        for r in readings:
            for pattern, sound in _SOUND_RULES:
                r = pattern.sub(sound, r)
            r = _collapse(r)
            key = r[:1] + "".join(ch for ch in r[1:] if ch not in _VOWELS and ch != "h")
            if len(key) >= 3:  # "Maria" and "Мирра" are both m-r: too little to go on
                out.add(key)
    return frozenset(out)


# Russian case endings -> nominative, for surnames (-ов/-ев/-ин, -ский) and given names.
# Only applied to Cyrillic tokens: in Russian text "Курасова" is usually "of Kurasov".
_RU_INFLECTION: tuple[tuple[str, str], ...] = (
    ("ского", "ский"), ("скому", "ский"), ("ским", "ский"), ("ском", "ский"),
    ("цкого", "цкий"), ("цкому", "цкий"), ("цким", "цкий"), ("цком", "цкий"),
    ("овым", "ов"), ("евым", "ев"), ("ёвым", "ёв"), ("иным", "ин"), ("ыным", "ын"),
    ("ова", "ов"), ("ову", "ов"), ("ове", "ов"), ("ева", "ев"), ("еву", "ев"), ("еве", "ев"),
    ("ёва", "ёв"), ("ёву", "ёв"), ("ина", "ин"), ("ину", "ин"), ("ине", "ин"),
    ("ыны", "ын"), ("ына", "ын"), ("ыну", "ын"),
    ("ея", "ей"), ("ею", "ей"), ("еем", "ей"), ("ии", "ий"), ("ию", "ий"), ("ием", "ий"),
    ("ия", "ий"), ("ии", "ия"), ("ию", "ия"), ("ией", "ия"), ("ого", "ой"), ("ого", "ый"),
    ("ому", "ой"), ("ому", "ый"), ("ем", "ь"), ("ом", ""), ("ем", "й"),
    ("а", ""), ("у", ""), ("е", ""), ("ы", "а"), ("ой", "а"), ("ей", "я"),
)


@remembered
def russian_lemmas(token: str) -> tuple[str, ...]:
    """Possible nominative forms of an inflected Cyrillic name token (may be empty).

    Several are returned because the ending alone cannot tell "Андрея" (Андрей)
    from "Ивана" (Иван); each is only a candidate for comparison.
    """
    t = unicodedata.normalize("NFC", token.lower())
    if len(t) < 4 or not is_cyrillic(t):
        return ()
    out: list[str] = []
    for ending, repl in _RU_INFLECTION:
        if t.endswith(ending) and len(t) - len(ending) >= 3:
            cand = t[: len(t) - len(ending)] + repl
            if cand != t and cand not in out:
                out.append(cand)
    return tuple(out)
