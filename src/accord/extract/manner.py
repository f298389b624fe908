"""Manner of death or execution, as a small closed vocabulary.

Sources describe the same death in many words ("was hanged", "by hanging", "the
gallows", "повешен"); comparison needs one word per manner so that "hanged" and
"shot" conflict and "executed by firing squad" agrees with "shot". Generic
words for an execution without a stated manner ("executed", "put to death",
"казнён") map to "execution", which is compatible with every execution method
(see `compatible`).

Canonical words (`MANNERS`):

  hanging, shooting, beheading, poisoning, strangulation, drowning, burning,
  stabbing, stoning, lethal injection, electrocution, gassing, starvation,
  suicide, natural causes, execution (generic)

Known weaknesses, kept on purpose to stay a word-level tool:

* "shot" is read as a killing only in passive or lethal frames ("was shot",
  "were shot", "shot dead", "shot him", "had them shot"); "shot a film" is not
  a manner, but "was shot in the leg" still is (a wound, not a death).
* "executed" counts only when passive ("was executed"), with a person object
  pronoun, or followed by "by"/"for"; "executed the plan" is not a manner.
* A reflexive act ("hanged himself", "застрелился") is "suicide", not the method.
* "hanging" alone needs a frame ("by hanging", "the hanging of", "public
  hanging"), since "a picture hanging on the wall" is common.
"""

from __future__ import annotations

import re
from typing import Final

from accord.caseless import Caseless

__all__ = ["MANNERS", "EXECUTION_METHODS", "compatible", "find_manners", "is_specific",
           "normalize_manner"]

EXECUTION: Final = "execution"

MANNERS: Final[frozenset[str]] = frozenset({
    "hanging", "shooting", "beheading", "poisoning", "strangulation", "drowning", "burning",
    "stabbing", "stoning", "lethal injection", "electrocution", "gassing", "starvation",
    "suicide", "natural causes", EXECUTION,
})

# Manners that are ways to carry out an execution: "execution" is compatible with these.
EXECUTION_METHODS: Final[frozenset[str]] = frozenset({
    "hanging", "shooting", "beheading", "poisoning", "strangulation", "drowning", "burning",
    "stabbing", "stoning", "lethal injection", "electrocution", "gassing",
})

_BE = r"(?:was|were|is|are|be|been|being|got|get|gets|getting)\s+(?:\w+ly\s+|later\s+|then\s+|also\s+)?"
_OBJ = r"(?:him|her|them|me|us|you|it)"
_BY = r"(?:executed|execution|put\s+to\s+death|killed|died|death|sentenced\s+to\s+death)\s+by\s+(?:a\s+|the\s+)?"

# (canonical, pattern); specific multiword patterns come first, and overlaps are
# resolved longest-first, so "executed by firing squad" is one shooting.
_EN: Final[list[tuple[str, str]]] = [
    ("suicide", r"\b(?:committed\s+suicide|suicide|took\s+(?:his|her|their)\s+own\s+li(?:fe|ves)"
                r"|(?:killed|hanged|hung|shot|poisoned|drowned|stabbed|strangled)\s+"
                r"(?:himself|herself|themselves))\b"),
    ("shooting", rf"\b{_BY}(?:firing[\s-]+squad|shooting|shot|gunfire|machine[\s-]?guns?)\b"),
    ("hanging", rf"\b{_BY}(?:hanging|the\s+gallows|the\s+rope|the\s+noose)\b"),
    ("beheading", rf"\b{_BY}(?:beheading|decapitation|the\s+guillotine|guillotine|the\s+sword"
                  r"|the\s+axe)\b"),
    ("poisoning", rf"\b{_BY}poison(?:ing)?\b"),
    ("strangulation", rf"\b{_BY}(?:strangulation|strangling|garrott?e)\b"),
    ("drowning", rf"\b{_BY}drowning\b"),
    ("burning", rf"\b{_BY}(?:burning|fire)\b"),
    ("stoning", rf"\b{_BY}stoning\b"),
    ("electrocution", rf"\b{_BY}(?:electrocution|the\s+electric\s+chair)\b"),
    ("lethal injection", rf"\b{_BY}lethal\s+injection\b"),
    ("gassing", rf"\b{_BY}(?:gas|gassing)\b"),
    # hanging
    ("hanging", r"\bhang(?:ed|s)\b(?!\s+(?:up|out|around|about|on\b|onto|over|back|together))"
                r"|\b" + _BE + r"hung\b(?!\s+(?:up|out|on\b|over|with|from\s+the\s+wall))"
                r"|\bhung\s+" + _OBJ + r"\b"
                r"|\b(?:by|public|mass|the|a|his|her|their|of)\s+hanging\b|\bhangings\b"
                r"|\bhanging\s+of\b|\bgallows\b|\bhang\s+" + _OBJ + r"\b"),
    # shooting
    ("shooting", r"\bfiring[\s-]+squads?\b|\bgunned\s+down\b|\bmachine[\s-]?gunned\b"
                 r"|\bshot\s+(?:dead|to\s+death|and\s+killed)\b"
                 r"|\b" + _BE + r"shot\b(?!\s+(?:down|up|through\s+with|at\s+by|a\s+film))"
                 r"|\b(?:had|ordered|have|has)\s+" + _OBJ + r"\s+shot\b"
                 r"|\bshot\s+" + _OBJ + r"\b|\bshoot\s+" + _OBJ + r"\b"
                 r"|\b(?:mass|the|by|of)\s+shootings?\b|\bshootings\s+of\b"),
    ("beheading", r"\bbehead(?:ed|ing|ings|s)?\b|\bdecapitat(?:ed|ion|ing)\b|\bguillotin(?:e|ed)\b"),
    ("poisoning", r"\bpoison(?:ed|ing)\b"),
    ("strangulation", r"\bstrangl(?:ed|ing|ation)\b|\bstrangulation\b|\bgarrott?ed\b"),
    ("drowning", r"\bdrown(?:ed|ing|s)?\b(?!\s+out\b)"),
    ("burning", r"\b(?:burned|burnt)\s+(?:at\s+the\s+stake|alive|to\s+death)\b"
                r"|\bat\s+the\s+stake\b"),
    ("stabbing", r"\bstabb(?:ed|ing)\b|\bstabbed\s+to\s+death\b"),
    ("stoning", r"\bston(?:ed|ing)\s+to\s+death\b|\b" + _BE + r"stoned\b(?!\s+on\b)"),
    ("lethal injection", r"\blethal\s+injection\b"),
    ("electrocution", r"\belectrocut(?:ed|ion)\b|\belectric\s+chair\b"),
    ("gassing", r"\bgassed\b|\bgas\s+chambers?\b|\bgassing\b"),
    ("starvation", r"\bstarv(?:ed|ing)\s+to\s+death\b|\b(?:died|death)\s+(?:of|from)\s+"
                   r"(?:starvation|hunger)\b|\bstarvation\b"),
    ("natural causes", r"\bnatural\s+causes\b|\b(?:died|death)\s+(?:of|from)\s+(?:an?\s+)?"
                       r"(?:illness|disease|sickness|heart\s+attack|heart\s+failure|stroke|cancer"
                       r"|pneumonia|tuberculosis|typhus|old\s+age|complications)\b"
                       r"|\bdied\s+in\s+(?:his|her)\s+sleep\b"),
    # generic execution, without a manner
    (EXECUTION, r"\b" + _BE + r"executed\b|\bexecuted\s+(?:" + _OBJ + r"|by|for|on|in|at)\b"
                r"|\b(?:had|ordered)\s+" + _OBJ + r"\s+executed\b|\bput\s+to\s+death\b"
                r"|\bexecutions?\b(?!\s+of\s+(?:the\s+|a\s+|an\s+|his\s+|her\s+|their\s+)?"
                r"(?:plan|plans|order|orders|operation|task|contract|program|programme|project"
                r"|strategy|duties|policy|will|warrant|attack|maneuver|manoeuvre|code|query))"),
]

_RU_ENDING = r"[а-яё]*"
_RU: Final[list[tuple[str, str]]] = [
    ("suicide", r"самоубийств[а-яё]*|покончил[а-яё]*\s+(?:с\s+собой|жизнь\s+самоубийством)"
                r"|застрелил(?:ся|ась|ись)|повесил(?:ся|ась|ись)|отравил(?:ся|ась|ись)"
                r"|утопил(?:ся|ась|ись)|зарезал(?:ся|ась)"),
    ("hanging", r"казн[а-яё]*\s+(?:через|путём|путем)\s+"
                r"повешени[а-яё]*|повеш(?:ен|ён)[а-яё]*|повешени[а-яё]*|повесил(?:и|а|о)?"
                r"|повесить|повесят|вешали|виселиц[а-яё]*"),
    ("shooting", r"расстрел" + _RU_ENDING + r"|застрел(?:ен|ён)[а-яё]*|застрелил(?:и|а|о)?"
                 r"|застрелить|(?:убит|убиты|убита)\s+выстрел[а-яё]*"),
    ("beheading", r"обезглавл[а-яё]*|обезглавил[а-яё]*|гильотин[а-яё]*"
                  r"|отруб(?:или|ил|ить)\s+голов[а-яё]*"),
    ("poisoning", r"отравл(?:ен|ён)[а-яё]*|отравлени[а-яё]*|отравил(?:и|а|о)?"),
    ("strangulation", r"задуш(?:ен|ил|или|ила|ить)[а-яё]*|удушени[а-яё]*|удавлен[а-яё]*"),
    ("drowning", r"утопл(?:ен|ён)[а-яё]*|утопил(?:и|а|о)?|утонул[а-яё]*"),
    ("burning", r"сожж(?:ен|ён)[а-яё]*\s+заживо|заживо\s+сожж[а-яё]+|сожгли\s+заживо"
                r"|заживо\s+сожгли|на\s+костре"),
    ("stabbing", r"зарезан[а-яё]*|зарезали|зарезал|заколот[а-яё]*|заколол[а-яё]*"),
    ("stoning", r"забит[а-яё]*\s+камнями|побит[а-яё]*\s+камнями"),
    ("lethal injection", r"смертельн[а-яё]*\s+инъекци[а-яё]*"),
    ("electrocution", r"электрическ[а-яё]*\s+стул[а-яё]*"),
    ("gassing", r"газов[а-яё]*\s+камер[а-яё]*|душегубк[а-яё]*|отравлен[а-яё]*\s+газом"),
    ("starvation", r"(?:умер|умерла|умерли|скончал[а-яё]*|погиб[а-яё]*)\s+от\s+голода"
                   r"|уморен[а-яё]*\s+голодом|голодн[а-яё]*\s+смерт[а-яё]*"),
    ("natural causes", r"естественн[а-яё]*\s+причин[а-яё]*|(?:умер|умерла|умерли|скончал[а-яё]*)"
                       r"\s+от\s+(?:болезни|инфаркта|инсульта|рака|тифа|воспаления\s+л[её]гких"
                       r"|туберкул[её]за|старости|сердечного\s+приступа)"),
    (EXECUTION, r"казн(?:ён|ен|ена|ены|ено|ённый|енный|ённые|енные|ённых|енных|ить|или|ил|ила"
                r"|ят|ь|и|ью|ей|ям|ями|ях)|предан[а-яё]*\s+смерти|смертн[а-яё]*\s+казн[а-яё]*"),
]


def _compile(pairs: list[tuple[str, str]], ru: bool) -> list[tuple[str, Caseless]]:
    if ru:
        return [(c, Caseless(rf"(?<![\w-])(?:{p})(?![\w-])")) for c, p in pairs]
    return [(c, Caseless(p)) for c, p in pairs]


_PATTERNS = {"en": _compile(_EN, ru=False), "ru": _compile(_RU, ru=True)}
# one scan that finds a match wherever any pattern does: most sentences name no manner
_ANY = {lang: Caseless.any_of([p for _, p in pats]) for lang, pats in _PATTERNS.items()}

# Looser single words for `normalize_manner`, whose input is already a manner.
_LOOSE = {
    "shot": "shooting", "shoot": "shooting", "shooting": "shooting", "hung": "hanging",
    "hang": "hanging", "hanging": "hanging", "executed": EXECUTION, "execution": EXECUTION,
    "stoned": "stoning", "burned": "burning", "burnt": "burning", "burning": "burning",
    "fire": "burning", "poison": "poisoning", "illness": "natural causes",
    "disease": "natural causes", "natural": "natural causes",
    "казнь": EXECUTION, "казнён": EXECUTION, "казнен": EXECUTION, "расстрел": "shooting",
    "повешение": "hanging", "сожжение": "burning", "утопление": "drowning",
}
_LANG_RU = re.compile(r"[а-яё]", re.IGNORECASE)


def find_manners(text: str, *, language: str = "en") -> list[tuple[int, int, str, str]]:
    """All manner expressions in `text`: (start, end, surface, canonical), sorted.

    Overlapping matches are resolved longest first, so "executed by firing
    squad" is one "shooting" and not also an "execution".
    """
    lang = "ru" if language.lower().startswith("ru") else "en"
    if not _ANY[lang].search(text):
        return []
    found: list[tuple[int, int, str]] = []
    for canonical, pat in _PATTERNS[lang]:
        for m in pat.finditer(text):
            found.append((m.start(), m.end(), canonical))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
    chosen: list[tuple[int, int, str]] = []
    for s, e, c in found:
        if all(e <= cs or ce <= s for cs, ce, _ in chosen):
            chosen.append((s, e, c))
    chosen.sort()
    return [(s, e, text[s:e], c) for s, e, c in chosen]


def normalize_manner(text: str, *, language: str = "en") -> str | None:
    """The canonical manner word for a manner phrase, or None.

    The first specific manner wins over a generic "execution" ("executed; he
    was hanged" -> "hanging"). A canonical word maps to itself; single words
    that `find_manners` needs context for ("shot", "hung") are accepted here
    when the text is at most two words, as it then names a manner by itself.
    """
    if not text or not text.strip():
        return None
    low = " ".join(text.lower().split())
    if low in MANNERS:
        return low
    lang = language
    if lang.startswith("en") and _LANG_RU.search(text):
        lang = "ru"
    found = find_manners(text, language=lang)
    for _, _, _, c in found:
        if c != EXECUTION:
            return c
    if found:
        return EXECUTION
    words = re.findall(r"[^\W\d_]+", low)
    if len(words) <= 2:  # a bare "shot", "hung", "расстрел": no frame to check
        for w in words:
            if w in _LOOSE:
                return _LOOSE[w]
    return None


def is_specific(word: str) -> bool:
    """True for a manner that says how ("hanging"), False for bare "execution"."""
    return word in MANNERS and word != EXECUTION


def compatible(a: str, b: str) -> bool:
    """Whether two canonical manners can describe the same death.

    Equal words agree; generic "execution" agrees with any execution method
    and with nothing else (a suicide or natural death is not an execution).
    """
    if a == b:
        return True
    if EXECUTION in (a, b):
        other = b if a == EXECUTION else a
        return other in EXECUTION_METHODS
    return False
