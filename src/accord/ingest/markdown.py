"""Light Markdown stripping: keep the words, drop the markup, remember the headings.

Not a Markdown renderer: it removes the symbols that would otherwise end up in
quotes and offsets (`#`, `**`, link syntax, list bullets, fences) and returns the
heading lines so they can be marked as zones in the final text. Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_FRONT = re.compile(r"\A(?:---|\+\+\+)[ \t]*\n(.*?)\n(?:---|\+\+\+|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_FRONT_FIELD = re.compile(r"^([A-Za-z_][\w-]*)\s*[:=]\s*(.*?)\s*$")
_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$|^ {0,3}(#{1,6})[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_RULE = re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
_FENCE = re.compile(r"^ {0,3}(```+|~~~+)")
_QUOTE = re.compile(r"^ {0,3}(?:>[ \t]?)+")
_BULLET = re.compile(r"^([ \t]*)[-*+][ \t]+(?:\[[ xX]\][ \t]+)?")
_REF_DEF = re.compile(r"^ {0,3}\[(?!\^)[^\]]+\]:[ \t]*\S+.*$")
_FOOTNOTE_DEF = re.compile(r"^ {0,3}\[\^([^\]]+)\]:[ \t]*")
_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$")
_IMAGE = re.compile(r"!\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)")
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^()]*\))*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_FOOTNOTE_REF = re.compile(r"\[\^([^\]]+)\]")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^>\s]+)>")
_CODE = re.compile(r"(`+)(.+?)\1")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EM_STAR = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")
_EM_UNDER = re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_HTML_TAG = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>")


@dataclass(frozen=True, slots=True)
class Stripped:
    text: str
    headings: tuple[str, ...] = ()
    captions: tuple[str, ...] = ()  # image alt texts that stood alone on a line
    front: dict[str, str] = field(default_factory=dict)  # front-matter fields, lower-case keys


def strip_markdown(source: str) -> Stripped:
    """Markdown to plain text; headings and stand-alone image captions are returned too."""
    source = source.replace("\r\n", "\n").replace("\r", "\n")
    front: dict[str, str] = {}
    m = _FRONT.match(source)
    if m:
        for line in m.group(1).split("\n"):
            f = _FRONT_FIELD.match(line)
            if f and f.group(2):
                front[f.group(1).lower()] = f.group(2).strip().strip("\"'")
        source = source[m.end():]

    out: list[str] = []
    headings: list[str] = []
    captions: list[str] = []
    in_fence: str | None = None
    lines = source.split("\n")
    for i, raw in enumerate(lines):
        fence = _FENCE.match(raw)
        if in_fence is not None:
            if fence and fence.group(1)[0] == in_fence[0] and len(fence.group(1)) >= len(in_fence):
                in_fence = None
                out.append("")
            else:
                out.append(raw)  # code is kept verbatim
            continue
        if fence:
            in_fence = fence.group(1)
            out.append("")
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        line = _QUOTE.sub("", raw)
        if _SETEXT.match(line) and out and out[-1].strip() and out[-1] in headings[-1:]:
            out.append("")  # the underline of a setext heading already taken
            continue
        if _REF_DEF.match(line) or _TABLE_RULE.match(line):
            continue  # link targets and table rules carry no words
        if _RULE.match(line):
            out.append("")
            continue
        atx = _ATX.match(line)
        if atx:
            text = _inline(atx.group(2) or "")
            if text:
                headings.append(text)
            out.extend(["", text, ""])
            continue
        if line.strip() and _SETEXT.match(nxt) and not _BULLET.match(line) and (
            nxt.strip()[0] == "=" or len(nxt.strip()) >= 2
        ):
            text = _inline(line.strip())
            headings.append(text)
            out.append(text)
            continue
        fn = _FOOTNOTE_DEF.match(line)
        if fn:
            line = f"[{fn.group(1)}] " + line[fn.end():]
        line = _BULLET.sub(r"\1", line)
        only_image = _IMAGE.fullmatch(line.strip())
        text = _inline(line)
        if only_image and text.strip():
            captions.append(text.strip())
        out.append(text)
    return Stripped("\n".join(out), tuple(headings), tuple(captions), front)


def _inline(text: str) -> str:
    """Inline markup to its words: links to their text, emphasis and code to plain."""
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    text = _FOOTNOTE_REF.sub(r"[\1]", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _CODE.sub(lambda m: m.group(2).strip(), text)
    for _ in range(3):  # nested emphasis: ***x***, **_x_**
        text = _STRONG.sub(r"\2", text)
        text = _STRIKE.sub(r"\1", text)
        text = _EM_STAR.sub(r"\1", text)
        text = _EM_UNDER.sub(r"\1", text)
    text = _HTML_TAG.sub("", text)
    text = _ESCAPE.sub(r"\1", text)
    return text
