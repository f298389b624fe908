"""Causes of death, as a small closed vocabulary of English and Russian words.

"Died of pneumonia" and "died of a heart attack" are the same manner of death (natural
causes: `accord.extract.manner`) but not the same death: a researcher wants the two
sources shown as disagreeing. A cause is read only where a verb of death governs it
("died in 1894 of a heart attack", "умер от воспаления лёгких"); this module only
names the cause a phrase states. The words are about medicine, not about any topic:
one canonical word per cause, the names sources use for it folded together
("heart attack", "heart failure", "инфаркт" are one), and general words ("illness",
"a long disease", "болезнь") kept as the generic cause that agrees with any.
"""

from __future__ import annotations

import re

ILLNESS = "illness"  # the generic cause: compatible with every specific one

# canonical cause -> (English words, Russian stems); Russian is matched by stem + ending
_CAUSES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "pneumonia": (("pneumonia",), ("пневмони", "воспалени[а-яё]*\\s+л[её]гк")),
    "heart disease": (("heart attack", "heart failure", "heart disease", "cardiac arrest",
                       "heart condition"),
                      ("инфаркт", "сердечн[а-яё]*\\s+(?:приступ|недостаточност)",
                       "остановк[а-яё]*\\s+сердц", "болезн[а-яё]*\\s+сердц")),
    "stroke": (("stroke", "apoplexy", "brain haemorrhage", "brain hemorrhage"),
               ("инсульт", "апоплекси", "кровоизлияни[а-яё]*\\s+в\\s+мозг")),
    "cancer": (("cancer", "tumour", "tumor", "leukaemia", "leukemia"),
               ("рак[а-яё]*(?=\\s|[.,;:]|$)", "онкологи", "опухол", "лейкеми", "лейкоз")),
    "tuberculosis": (("tuberculosis", "consumption", "phthisis"), ("туберкул[её]з", "чахотк")),
    "typhus": (("typhus", "typhoid", "typhoid fever"), ("тиф",)),
    "cholera": (("cholera",), ("холер",)),
    "influenza": (("influenza", "flu", "grippe", "spanish flu"), ("грипп", "испанк")),
    "malaria": (("malaria",), ("маляри",)),
    "smallpox": (("smallpox",), ("осп",)),
    "diphtheria": (("diphtheria",), ("дифтери",)),
    "old age": (("old age",), ("старост",)),
    "wounds": (("wounds", "injuries"), ("ран(?:ами|ы)?(?=\\s|[.,;:)]|$)", "ранени")),
    ILLNESS: (("illness", "disease", "sickness", "long illness", "short illness",
               "complications"), ("болезн",)),
}


_EN_WORDS = sorted(((w, c) for c, (en, _ru) in _CAUSES.items() for w in en),
                   key=lambda wc: -len(wc[0]))  # the longest first: "heart attack", not "heart"
_RU_STEMS = [(s, c) for c, (_en, ru) in _CAUSES.items() for s in ru]
_PATTERN = {
    # "of a heart attack", "from complications", "of a long illness", "of his wounds"
    "en": re.compile(r"\b(?:of|from)\s+(?:an?\s+|the\s+|his\s+|her\s+)?(?:[a-z-]+\s+)?(?:"
                     + "|".join(f"(?P<w{k}>{re.escape(w)})" for k, (w, _c) in enumerate(_EN_WORDS))
                     + r")\b", re.IGNORECASE),
    # "от воспаления лёгких", "от тяжёлой болезни"
    "ru": re.compile(r"(?<![\w-])от\s+(?:[а-яё-]+\s+)?(?:"
                     + "|".join(f"(?P<w{k}>{s}[а-яё]*)" for k, (s, _c) in enumerate(_RU_STEMS))
                     + ")", re.IGNORECASE),
}


def find_causes(text: str, *, language: str = "en") -> list[tuple[int, int, str, str]]:
    """Every cause of death a phrase of `text` states, as (start, end, surface,
    canonical): the phrase from "of"/"from"/"от" to the end of the cause's words."""
    lang = "ru" if language.lower().startswith("ru") else "en"
    table = _RU_STEMS if lang == "ru" else _EN_WORDS
    out = []
    for m in _PATTERN[lang].finditer(text):
        k = int(m.lastgroup[1:])
        out.append((m.start(), m.end(), m.group(0), table[k][1]))
    return out
