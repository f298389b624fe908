"""The language of a source, from the scripts its letters are written in.

accord reads English and Russian; a script count tells them apart reliably and
needs no model. Other scripts map to their usual language so the function stays
general (ISO 639-1); Latin-script text is taken as English.
"""

from __future__ import annotations

# (first, last code point, language) of scripts whose letters decide the language.
_SCRIPTS = (
    (0x0400, 0x052F, "ru"),  # Cyrillic
    (0x0370, 0x03FF, "el"),  # Greek
    (0x0590, 0x05FF, "he"),  # Hebrew
    (0x0600, 0x06FF, "ar"),  # Arabic
    (0x0E00, 0x0E7F, "th"),  # Thai
    (0x10A0, 0x10FF, "ka"),  # Georgian
    (0x0530, 0x058F, "hy"),  # Armenian
    (0x3040, 0x30FF, "ja"),  # Hiragana, Katakana
    (0xAC00, 0xD7AF, "ko"),  # Hangul
    (0x4E00, 0x9FFF, "zh"),  # CJK ideographs
)


def detect_language(text: str, default: str = "en") -> str:
    """ISO 639-1 code of the script that most letters of `text` are written in."""
    counts: dict[str, int] = {}
    letters = 0
    for ch in text[:200_000]:
        if not ch.isalpha():
            continue
        letters += 1
        cp = ord(ch)
        if cp < 0x0370:
            continue
        for lo, hi, lang in _SCRIPTS:
            if lo <= cp <= hi:
                counts[lang] = counts.get(lang, 0) + 1
                break
    if not letters or not counts:
        return default
    lang, n = max(counts.items(), key=lambda kv: kv[1])
    if lang == "zh" and counts.get("ja", 0) >= n * 0.1:
        lang = "ja"  # Japanese mixes kana into Chinese characters
        n += counts["ja"]
    return lang if n * 2 > letters else default
