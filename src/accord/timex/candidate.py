"""A candidate time expression: a span of text and the Spec its words give."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from .spec import Spec

# Tags on a candidate that later steps look at.
DATE = "date"  # a calendar date or period: may end a range, take "early", "the morning of"
DAYLIKE = "day"  # resolves to one day: may take a clock time or a part of the day
CLOCK = "clock"  # a clock time: may attach to a day
NEEDS_MOD = "needs_mod"  # only a time with a modifier in front ("the end of the year")
YEAR = "year"  # a bare year


@dataclass(frozen=True, slots=True)
class Cand:
    start: int
    end: int
    type: str  # DATE | TIME | DURATION | SET
    spec: Spec
    priority: int = 0
    tags: frozenset[str] = frozenset()
    # For a span written as two times ("from 1941 to 1945"): the two, as TimeML marks them.
    parts: tuple[Cand, ...] = ()

    @property
    def length(self) -> int:
        return self.end - self.start


Handler = Callable[[re.Match[str], str], "Cand | Iterable[Cand] | None"]


@dataclass(frozen=True, slots=True)
class Rule:
    """A compiled pattern, the function reading its match, and the words that trigger it.

    A rule only runs near its trigger words (a month name, a digit, "ago"...): the
    patterns are long case-insensitive alternations, and scanning every position of a
    long text with each of them would cost tens of milliseconds.
    """

    name: str
    pattern: re.Pattern[str]
    handler: Handler
    triggers: frozenset[str] = frozenset()  # lower-case words; "#" for any number
    prefixes: tuple[str, ...] = ()  # or words starting so (inflected languages)

    def run(self, text: str, index: dict[str, list[int]] | None = None) -> Iterator[Cand]:
        if index is None or not (self.triggers or self.prefixes):
            spans: list[tuple[int, int]] = [(0, len(text))]
        else:
            spans = _windows(text, self._positions(index))
        seen: set[tuple[int, int]] = set()
        for lo, hi in spans:
            for m in self.pattern.finditer(text, lo, hi):
                if m.span() in seen:
                    continue
                seen.add(m.span())
                out = self.handler(m, text)
                if out is None:
                    continue
                if isinstance(out, Cand):
                    yield out
                else:
                    yield from out

    def _positions(self, index: dict[str, list[int]]) -> list[int]:
        pos: list[int] = []
        for t in self.triggers:
            pos.extend(index.get(t, ()))
        if self.prefixes:
            for key, starts in index.items():
                if key.startswith(self.prefixes):
                    pos.extend(starts)
        return sorted(pos)


_WORD = re.compile(r"\w+")
_BACK, _AHEAD = 48, 96


def token_index(text: str) -> dict[str, list[int]]:
    """Start offsets of every word, by its lower-case form; numbers under "#"."""
    index: dict[str, list[int]] = {}
    for m in _WORD.finditer(text):
        w = m.group()
        key = "#" if w[0].isdigit() else w.lower()
        index.setdefault(key, []).append(m.start())
    return index


def _windows(text: str, positions: list[int]) -> list[tuple[int, int]]:
    """Merged spans of text around trigger positions, ending at a space."""
    out: list[tuple[int, int]] = []
    n = len(text)
    for p in positions:
        lo, hi = max(0, p - _BACK), min(n, p + _AHEAD)
        if out and hi <= out[-1][1]:
            continue
        stop = min(n, hi + 32)
        while hi < stop and not text[hi].isspace():
            hi += 1
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def run_rules(rules: Iterable[Rule], text: str) -> Iterator[Cand]:
    index = token_index(text)
    for rule in rules:
        yield from rule.run(text, index)
