"""A length of time and the years it runs between, stated together.

"The house of Orvel ruled for 40 years, from 1310 to 1350" gives a duration and
the interval it covers in one breath; when the two do not fit ("ruled for 52
years from 910 to 880 BC", 30 years apart) the source contradicts itself, as a
measure does with a wrong conversion in brackets. The two figures become the same
pair of claims as a measure and its conversion (`accord.extract.conversions`),
which the aligner reports as one source contradicting itself.

Only the tight construction is read: "for N years" followed at once by "from Y1
to Y2" or by "(Y1–Y2)", the duration an exact figure. "For four years between
1990 and 2010" is a stretch inside a window, not the window, and "about 40
years" is not held to the year. One year either way is allowed, since a reign
"from 1310 to 1350" may be counted with both of its end years. Years before the
common era ("from 910 to 880 BC") count down; the era written after the second
year holds for both.
"""

from __future__ import annotations

import re

from accord.annotate.parse import Sentence, Token
from accord.extract.conversions import figure_value, slip_claims
from accord.extract.statements import MakeClaim
from accord.model import Claim, Mention, Quantity

DURATION = "span"  # the relation of the two claims of a duration and its interval
SLACK_YEARS = 1  # counting both end years of "from Y1 to Y2"
_ERA_BEFORE = r"(?:BCE|BC|B\.C\.E\.|B\.C\.)"
_ERA = rf"(?:{_ERA_BEFORE}|AD|A\.D\.|CE|C\.E\.)"


def _year(name: str) -> str:
    return rf"(?P<{name}>\d{{1,4}})(?:\s*(?P<{name}e>{_ERA}))?"


_SPAN = re.compile(
    r"\bfor\s+(?P<n>\d[\d,]*|[a-z]+(?:-[a-z]+)?)\s+years?\b\s*,?\s*"
    r"(?:from\s+" + _year("a") + r"\s+(?:to|until|till)\s+" + _year("b")
    + r"|\(\s*" + _year("c") + r"\s*[-\u2013\u2014]\s*" + _year("d")
    + r"\s*\))(?![\d\u2013-])")


def _astronomical(year: int, era: str | None) -> int:
    """Year 1 BC is 0, 2 BC is -1: differences across the era then come out right."""
    return 1 - year if era and re.fullmatch(_ERA_BEFORE, era) else year


def duration_slips(text: str) -> list[tuple[re.Match[str], float, int]]:
    """Every "for N years from Y1 to Y2" in `text` whose years are not N apart (the
    match, N, the years apart)."""
    out = []
    for m in _SPAN.finditer(text):
        n = figure_value(m["n"], "en")
        first, last = ("a", "b") if m["a"] is not None else ("c", "d")
        y1, y2 = int(m[first]), int(m[last])
        e2 = m[last + "e"]
        e1 = m[first + "e"] or e2  # "from 910 to 880 BC": both before the era
        apart = _astronomical(y2, e2) - _astronomical(y1, e1)
        if n is None or apart <= 0 or abs(n - apart) <= SLACK_YEARS:
            continue
        out.append((m, n, apart))
    return out


def duration_claims(text: str, sent: Sentence, tokens: list[Token], subject: Mention | None,
                    make: MakeClaim, language: str = "en") -> list[Claim]:
    """Two claims per slip, the duration and the years apart, that the aligner reports
    as the source contradicting itself."""
    out: list[Claim] = []
    here = text[sent.start : sent.end]
    if language != "en" or "year" not in here:
        return out
    for k, (m, n, apart) in enumerate(duration_slips(here)):
        a = sent.start + m.start("n")
        at = [t for t in tokens if a <= t.start < sent.start + m.end("n")]
        if not at:
            continue
        years_at = m.start("a") if m["a"] is not None else m.start("c")
        years = here[years_at : m.end()].rstrip(")").strip()
        stated = Quantity(n, n, "year", text=m["n"])
        spanned = Quantity(apart, apart, "year", text=years)
        subj = subject or Mention(a, sent.start + m.end(), text[a : sent.start + m.end()],
                                  "TOPIC")
        out += slip_claims(make, sent, subj, DURATION, f"span {k}", stated, spanned, spanned,
                           at[0])
    return out
