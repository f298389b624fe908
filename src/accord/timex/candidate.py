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
    """A compiled pattern and the function reading its match into candidates."""

    name: str
    pattern: re.Pattern[str]
    handler: Handler

    def run(self, text: str) -> Iterator[Cand]:
        for m in self.pattern.finditer(text):
            out = self.handler(m, text)
            if out is None:
                continue
            if isinstance(out, Cand):
                yield out
            else:
                yield from out
