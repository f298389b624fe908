"""Normalising text: one form of newlines, spaces and characters for every source.

All offsets in accord point into the normalised (and then cleaned) text, so this
must be deterministic and idempotent: normalise(normalise(x)) == normalise(x).
"""

from __future__ import annotations

import re
import unicodedata

# Line and paragraph separators of every origin become "\n"; a form feed (a PDF page
# break) becomes a paragraph break.
_NEWLINES = (
    ("\r\n", "\n"), ("\r", "\n"), ("\x0b", "\n"), ("\x85", "\n"), ("\u2028", "\n"),
    ("\u2029", "\n\n"), ("\x0c", "\n\n"),
)  # fmt: skip
# Characters that carry nothing for reading: other controls, zero-width space, BOM,
# soft hyphen, non-characters.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u200b\u2060\ufeff\u00ad\ufffe\uffff]"
)
_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_MULTISPACE = re.compile(" {2,}")
_BLANK_RUNS = re.compile(r"\n{3,}")


def normalize(text: str) -> str:
    """Newlines to "\\n", NFC, plain spaces, stripped lines, at most one blank line in a row."""
    previous = None
    while text != previous:  # each step is idempotent; loop once more to be sure of it
        previous = text
        text = _normalize_once(text)
    return text


def _normalize_once(text: str) -> str:
    for old, new in _NEWLINES:  # str.replace is much faster than str.translate here
        if old in text:
            text = text.replace(old, new)
    text = _INVISIBLE.sub("", text)
    text = unicodedata.normalize("NFC", text)
    text = _SPACES.sub(" ", text)
    lines = [_MULTISPACE.sub(" ", line).strip(" \t") for line in text.split("\n")]
    text = "\n".join(lines)
    return _BLANK_RUNS.sub("\n\n", text).strip("\n")


def lines_with_offsets(text: str) -> list[tuple[int, str]]:
    """Each line of `text` with the offset where it starts."""
    out = []
    pos = 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def word_count(line: str) -> int:
    return len(line.split())
