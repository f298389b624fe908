"""Shapes of single lines that several passes need to recognise (captions, bullets).

Kept apart so boilerplate removal, metadata and zones agree on what a caption is.
"""

from __future__ import annotations

import re

_BULLETS = re.compile(r"^[\s•·▪◦‣●○■□\-–—*>]+")
_CAPTION_MARK = re.compile(
    r"\((?:image|photo|photograph|picture|illustration|graphic|map|video|"
    r"image source|image credit|photo source|photo credit|photo courtesy|"
    r"фото|изображение|иллюстрация|источник(?: фото| изображения)?|кадр)\b[^()]*(?:\)|$)",
    re.I,
)
_CAPTION_START = re.compile(
    r"^(?:image|photo|photograph|picture|illustration|caption|photo credit|image credit|"
    r"image source|photo source|фото|фотография|изображение|иллюстрация|на фото|на снимке|"
    r"источник фото|кадр)\s*(?::|—|–|-|\|)\s*\S",
    re.I,
)


def unbullet(line: str) -> str:
    """The line without list bullets or dashes in front."""
    return _BULLETS.sub("", line).strip()


def is_caption(line: str) -> bool:
    """An image caption: "... (Image: ...)", "(Photo: ...)", "Photo: ...", "Фото: ..."."""
    s = line.strip()
    if not s or len(s) > 600:
        return False
    if _CAPTION_START.match(s):
        return True
    marks = list(_CAPTION_MARK.finditer(s))
    m = marks[-1] if marks else None
    # the credit is at the end of the caption (possibly cut off), not in mid-sentence prose
    return m is not None and len(s) - m.end() <= 2


# Section headings whose content is kept but marked (see zones.py).
FOOTNOTE_HEADING = re.compile(
    r"(?:foot ?notes?|end ?notes?|notes?|notes and references|примечания|сноски|комментарии автора)",
    re.I,
)
REFERENCE_HEADING = re.compile(
    r"(?:further reading|suggested reading|recommended reading|additional reading|references?|"
    r"bibliography|select bibliography|works cited|literature(?: cited)?|sources?|"
    r"sources and (?:further reading|notes)|external links|"
    r"литература|список литературы|использованная литература|источники|библиография|"
    r"источники и литература|дополнительная литература|ссылки)",
    re.I,
)


def section_kind(line: str) -> str | None:
    """'footnote' or 'reference' when the line is the heading of such a section."""
    s = unbullet(line).rstrip(":").strip()
    if len(s) > 60:
        return None
    if FOOTNOTE_HEADING.fullmatch(s):
        return "footnote"
    if REFERENCE_HEADING.fullmatch(s):
        return "reference"
    return None
