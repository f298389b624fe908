"""English time expressions: the grammar, as patterns read into Specs.

Each rule recognises one construction of the language ("Month Day, Year", "N units
ago", "the Nth century") and says what it means; nothing here knows any topic.
Extents follow TimeML: determiners and modifiers ("the", "early", "about") belong
to the expression, governing prepositions ("in", "on", "during") do not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from .candidate import CLOCK, DATE, DAYLIKE, NEEDS_MOD, YEAR, Cand, Rule, run_rules
from .context import FOLLOW_OK, UNIT_AFTER, is_future, is_year_context, word_after, word_before
from .intervals import Partial
from .lexicon import (
    DECADE_WORDS,
    EN_AMBIGUOUS_MONTHS,
    EN_DAY_PARTS,
    EN_MONTH_RE,
    EN_MONTHS,
    EN_NUMBER_WORD_RE,
    EN_ORDINAL_WORD_RE,
    EN_SEASON_RE,
    EN_SEASONS,
    EN_WEEKDAY_RE,
    EN_WEEKDAYS,
    en_month,
    en_number,
    en_ordinal,
    spoken_year,
)
from .spec import Spec

IC = re.IGNORECASE

MON = EN_MONTH_RE
WD = EN_WEEKDAY_RE
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
YR = r"(?:[12]\d{3})"
STYLE = r"(?:O\.\s?S\.?|N\.\s?S\.?|Old\s+Style|New\s+Style)"
DASH = r"(?:-|–|—|‒|―)"
DASH_CHARS = "–—‒―-"  # hyphen last: these go inside a character class
NUMW = EN_NUMBER_WORD_RE
ORDW = EN_ORDINAL_WORD_RE

# Temporal words before a month name that make even "May" a month.
_MONTH_CONTEXT = frozenset({
    "in", "on", "by", "since", "until", "till", "from", "during", "through", "to", "of",
    "early", "late", "mid", "mid-", "last", "next", "this", "that", "each", "every", "before",
    "after", "between", "and", "throughout", "around", "into", "fiscal",
})


_FULL_MONTHS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december"})


_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")
_AND_TO = re.compile(r"\s(?:and|to)\s")
_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)(?:\s+(\d)/(\d))?")
_AND_A_HALF = re.compile(r"[\s-]and[\s-]a[\s-]half$")
_RATE_BEFORE = re.compile(r"(?:\d|million|billion|thousand|cents?|dollars?|percent|%)\s*$", IC)
_YEARLIKE = re.compile(r"\d{4}")


def _day(s: str) -> int:
    m = _DIGITS.match(s)
    return int(m.group(0)) if m else 0


def _month_ok(word: str, text: str, start: int, *, with_number: bool) -> bool:
    """Is this word a month? Months are capitalised in English; "May", "March" also
    need a number or a temporal word next to them."""
    if not word[0].isupper():
        return False
    if word.isupper() and len(word) > 3 and not text[max(0, start - 40):start].isupper():
        return False
    if not with_number and word.lower().rstrip(".") in EN_AMBIGUOUS_MONTHS:
        return word_before(text, start) in _MONTH_CONTEXT
    return True


def _year(s: str) -> int:
    return int(s)


def _style(*groups: str | None) -> str:
    """The calendar a style mark names: O.S. is Julian, N.S. Gregorian."""
    for g in groups:
        if g:
            g = g.lower().replace(" ", "")
            return "julian" if g.startswith(("o.", "old")) else "gregorian"
    return ""


def _date_spec(y: int | None, mo: int, d: int | None, calendar: str = "") -> Spec | None:
    """A Spec for a Gregorian (or Julian, converted) day or month; None if impossible."""
    from .calendar import julian_to_gregorian, valid_gregorian, valid_julian

    if calendar == "julian" and y is not None and d is not None:
        if not valid_julian(y, mo, d):
            return None
        g = julian_to_gregorian(y, mo, d)
        return Spec("abs", Partial(year=g.year, month=g.month, day=g.day), calendar="julian")
    if y is not None and d is not None and not valid_gregorian(y, mo, d):
        return None
    if d is not None and not 1 <= d <= (29 if mo == 2 else 30 if mo in (4, 6, 9, 11) else 31):
        return None
    p = Partial(year=y, month=mo, day=d)
    if y is None:
        return Spec("fill", p, calendar=calendar, direction="news")
    return Spec("abs", p, calendar=calendar)


def _with_rel_year(spec: Spec, m: re.Match[str], text: str) -> Spec:
    """A yearless day: "May 8 of that year" takes the year in view, "May 8" alone the
    nearest one (or the coming one when the sentence speaks of the future)."""
    if spec.kind != "fill":
        return spec
    if m.group("rel"):
        src, n = _REL_YEAR_N[_norm(m.group("rel"))]
        return replace(spec, source=src, year_n=n, direction="same")
    if is_future(text, m.start(), m.end()):
        return replace(spec, direction="news-future")
    return spec


def _dual(y: int | None, m1: int, d1: int, m2: int, d2: int) -> Spec | None:
    """Two readings of one day ("1 (14) September 1900"): which is Old Style?

    The pair is a dual date when one, read as Julian, is the other as Gregorian.
    """
    from .calendar import julian_to_gregorian, valid_julian

    if y is None:
        return None
    for (jm, jd), (gm, gd) in (((m1, d1), (m2, d2)), ((m2, d2), (m1, d1))):
        if valid_julian(y, jm, jd):
            g = julian_to_gregorian(y, jm, jd)
            if (g.month, g.day) == (gm, gd) or (g.year == y + 1 and (g.month, g.day) == (gm, gd)):
                return Spec("abs", Partial(year=g.year, month=g.month, day=g.day),
                            calendar="julian+gregorian")
    return None


def _c(m: re.Match[str], typ: str, spec: Spec, prio: int = 0, tags: frozenset[str] = frozenset(),
       group: int | str = 0, start: int | None = None, end: int | None = None) -> Cand:
    s = m.start(group) if start is None else start
    e = m.end(group) if end is None else end
    return Cand(s, e, typ, spec, prio, tags)


DT = frozenset({DATE})
DD = frozenset({DATE, DAYLIKE})

# ---------------------------------------------------------------- calendar dates

_REL_YEAR = (r"(?:this|last|next|that|the\s+same|the\s+following|the\s+previous|the\s+preceding"
             r"|the\s+next|the\s+current|current)")

_MDY = re.compile(
    rf"\b(?:(?P<wd>{WD}),?\s+(?:the\s+)?)?(?P<mon>{MON})\s+(?P<d>{DAY})(?!\d|:\d|/|%|\.\d)"
    rf"(?:\s*\(\s*(?:(?P<mon2>{MON})\s+)?(?P<d2>{DAY})(?:,?\s+(?P<y2>{YR}))?\s*(?P<st2>{STYLE})?\s*\))?"
    rf"(?:(?:\s*,\s*|\s+)(?P<y>{YR})(?![\d%]|,\d{{3}})|,?\s+(?:of\s+)?(?P<rel>{_REL_YEAR})\s+year)?"
    rf"(?:\s*\(\s*(?P<st>{STYLE})\s*\)|,?\s+(?P<st3>{STYLE}))?", IC)


def _mdy(m: re.Match[str], text: str) -> Cand | None:
    mon = m.group("mon")
    if not _month_ok(mon, text, m.start("mon"), with_number=True):
        return None
    if m.group("wd") and not m.group("wd")[0].isupper():
        return None
    mo, d = en_month(mon), _day(m.group("d"))
    y = _year(m.group("y")) if m.group("y") else (_year(m.group("y2")) if m.group("y2") else None)
    if m.group("d2"):
        mo2 = en_month(m.group("mon2")) if m.group("mon2") else mo
        spec = _dual(y, mo2, _day(m.group("d2")), mo, d)
        if spec is None:
            return None
    else:
        spec = _date_spec(y, mo, d, _style(m.group("st"), m.group("st3")))
    if spec is None:
        return None
    spec = _with_rel_year(spec, m, text)
    if y is None and not m.group("st") and not m.group("st3") and not m.group("wd") and \
            mon.lower().rstrip(".") in ("may", "march") and \
            word_before(text, m.start()) not in _MONTH_CONTEXT:
        # "May 8" takes its year from the text; "May 2 people ..." is a verb and a count.
        nxt = word_after(text, m.end("d"))
        if nxt.lower() in UNIT_AFTER or nxt.endswith("s") and nxt[0].islower():
            return None
    return _c(m, "DATE", spec, 30, DD)


_DMY = re.compile(
    rf"(?<![\d.,/])\b(?:(?P<wd>{WD}),?\s+)?(?:the\s+)?(?P<d>{DAY})"
    rf"(?:\s*\(\s*(?P<d2>{DAY})\s*\)|\s*/\s*(?P<d2b>{DAY}))?(?:\s+of)?\s+(?P<mon>{MON})"
    rf"(?:\s*\(\s*(?P<d3>{DAY})\s+(?P<mon3>{MON})\s*\))?"
    rf"(?:,?\s+(?P<y>{YR})(?![\d%]|,\d{{3}})|,?\s+(?:of\s+)?(?P<rel>{_REL_YEAR})\s+year)?"
    rf"(?:\s*\(\s*(?P<st>{STYLE})\s*\)|,?\s+(?P<st3>{STYLE}))?(?!\w)", IC)


def _dmy(m: re.Match[str], text: str) -> Cand | None:
    mon = m.group("mon")
    if not _month_ok(mon, text, m.start("mon"), with_number=True):
        return None
    mo, d = en_month(mon), _day(m.group("d"))
    y = _year(m.group("y")) if m.group("y") else None
    d2 = m.group("d2") or m.group("d2b")
    if d2:
        spec = _dual(y, mo, d, mo, _day(d2))
    elif m.group("d3"):
        spec = _dual(y, mo, d, en_month(m.group("mon3")), _day(m.group("d3")))
    else:
        spec = _date_spec(y, mo, d, _style(m.group("st"), m.group("st3")))
    if spec is None:
        return None
    spec = _with_rel_year(spec, m, text)
    if y is None and m.group("d").isdigit() and not m.group("wd") and \
            word_before(text, m.start()) not in ("on", "by", "until", "till", "from", "since",
                                                 "of", "before", "after", "to", "and", ","):
        return None  # "3 May" without a year needs a temporal word in front ("on 3 May")
    return _c(m, "DATE", spec, 30, DD)


_ISO = re.compile(r"(?<![\d.-])(?P<y>[12]\d{3})-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3]\d)"
                  r"(?:T(?P<h>[01]\d|2[0-3]):(?P<mi>[0-5]\d)(?::[0-5]\d)?)?(?![\d-])")


def _iso(m: re.Match[str], text: str) -> Cand | None:
    spec = _date_spec(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    if spec is None:
        return None
    if m.group("h"):
        return _c(m, "TIME", replace(spec, tod=f"{m.group('h')}:{m.group('mi')}"), 40, DD)
    return _c(m, "DATE", spec, 40, DD)


_NUMERIC = re.compile(
    r"(?<![\d.,/-])(?P<a>[0-3]?\d)(?P<sep>[./])(?P<b>[01]?\d)(?P=sep)(?P<y>[12]\d{3})(?![\d.]\d|[\d/])")


def _numeric(m: re.Match[str], text: str) -> Cand | None:
    """12.02.1945 is day-first; 2/11/1945 month-first unless the first part exceeds 12."""
    a, b, y = int(m.group("a")), int(m.group("b")), int(m.group("y"))
    if m.group("sep") == "." or a > 12:
        d, mo = a, b
    else:
        mo, d = a, b
    if not 1 <= mo <= 12:
        return None
    spec = _date_spec(y, mo, d)
    return None if spec is None else _c(m, "DATE", spec, 35, DD)


# ---------------------------------------------------------------- months, seasons

_MONTH_YEAR = re.compile(
    rf"\b(?P<mon>{MON})(?:\s+of|\s*,)?\s+(?:(?P<y>{YR})|'(?P<yy>\d\d))(?![\d%]|,\d{{3}}|\s*{DASH}\s*\d)"
    rf"(?:\s*\(\s*(?P<st>{STYLE})\s*\))?", IC)


def _month_year(m: re.Match[str], text: str) -> Cand | None:
    mon = m.group("mon")
    if not _month_ok(mon, text, m.start("mon"), with_number=True):
        return None
    y = int(m.group("y")) if m.group("y") else 1900 + int(m.group("yy"))
    return _c(m, "DATE", Spec("abs", Partial(year=y, month=en_month(mon)),
                              calendar=_style(m.group("st"))), 25, DT)


_DETS = {
    "this": ("document", "same", 0, False), "current": ("document", "same", 0, False),
    "the current": ("document", "same", 0, False), "last": ("document", "past", 0, True),
    "past": ("document", "past", 0, True), "next": ("document", "future", 0, True),
    "coming": ("document", "future", 0, True), "the coming": ("document", "future", 0, True),
    "this coming": ("document", "future", 0, True), "this past": ("document", "past", 0, True),
    "that": ("previous", "same", 0, False), "the same": ("previous", "same", 0, False),
    "the following": ("previous", "future", 0, True), "the next": ("previous", "future", 0, True),
    "the previous": ("previous", "past", 0, True), "the preceding": ("previous", "past", 0, True),
    "the": ("auto", "same", 0, False), "": ("auto", "same", 0, False),
}
_REL_YEAR_N = {
    "this": ("document", 0), "current": ("document", 0), "the current": ("document", 0),
    "last": ("document", -1), "next": ("document", 1), "that": ("previous", 0),
    "the same": ("previous", 0), "the following": ("previous", 1), "the next": ("previous", 1),
    "the previous": ("previous", -1), "the preceding": ("previous", -1),
}


def _norm(s: str | None) -> str:
    return _SPACES.sub(" ", s or "").strip().lower()


_MONTH_ALONE = re.compile(
    rf"\b(?:(?P<det>this|last|next|that|the\s+same|the\s+following|the\s+previous|the\s+preceding"
    rf"|the\s+next|this\s+coming|this\s+past|coming|each|every)\s+)?(?P<mon>{MON})(?!\w|\.\w|\.?\s+\d)"
    rf"(?:,?\s+(?:of\s+)?(?P<rel>{_REL_YEAR})\s+year)?", IC)


def _month_alone(m: re.Match[str], text: str) -> Cand | None:
    mon = m.group("mon")
    det = _norm(m.group("det"))
    if not _month_ok(mon, text, m.start("mon"), with_number=bool(det or m.group("rel"))):
        return None
    if mon.lower() not in _FULL_MONTHS and not mon.endswith(".") and not det \
            and not m.group("rel"):
        return None  # a bare abbreviation ("Dec") is too often something else
    mo = en_month(mon)
    if det in ("each", "every"):
        return _c(m, "SET", Spec("set", value=f"XXXX-{mo:02d}"), 10)
    p = Partial(month=mo)
    if m.group("rel"):
        src, n = _REL_YEAR_N[_norm(m.group("rel"))]
        spec = Spec("fill", p, source=src, year_n=n)
        return _c(m, "DATE", spec, 20, DT)
    src, direction, _, strict = _DETS[det]
    if not det:
        direction = "news-future" if is_future(text, m.start(), m.end()) else "news"
    return _c(m, "DATE", Spec("fill", p, source=src, direction=direction, strict=strict), 10, DT)


_SEASON = re.compile(
    rf"\b(?:(?P<det>the|this|last|next|that|the\s+same|the\s+following|the\s+previous|the\s+coming"
    rf"|this\s+coming|this\s+past|the\s+past|each|every)\s+)?(?P<s>{EN_SEASON_RE})"
    rf"(?:\s+(?:of\s+)?(?:(?P<y>{YR})|'(?P<yy>\d\d))(?![\d%]|,\d{{3}})"
    rf"(?:\s*[/{DASH_CHARS}]\s*(?P<y2>\d{{2}}|\d{{4}})(?![\d%]))?"
    rf"|,?\s+(?:of\s+)?(?P<rel>{_REL_YEAR})\s+year)?(?!\w)", IC)


def _season(m: re.Match[str], text: str) -> Cand | None:
    det = _norm(m.group("det"))
    word = m.group("s").lower()
    code = EN_SEASONS[word]
    nxt = word_after(text, m.end())
    if m.group("y") or m.group("yy"):
        y = int(m.group("y")) if m.group("y") else 1900 + int(m.group("yy"))
        end = m.end()
        if m.group("y2"):
            # "the winter of 1941-42": one winter, named by both its years.
            y2 = int(m.group("y2"))
            if code != "WI" or (y2 != y + 1 and y2 != (y + 1) % 100):
                end = m.end("y") if m.group("y") else m.end("yy")
        return Cand(m.start(), end, "DATE", Spec("abs", Partial(year=y, season=code)), 25, DT)
    if m.group("rel"):
        src, n = _REL_YEAR_N[_norm(m.group("rel"))]
        return _c(m, "DATE", Spec("fill", Partial(season=code), source=src, year_n=n), 20, DT)
    if det in ("each", "every"):
        return _c(m, "SET", Spec("set", value=f"XXXX-{code}"), 10)
    if det == "the past":
        return None
    before = word_before(text, m.start())
    if nxt.lower() == "of":
        return None  # "the fall of the city", "the spring of youth"
    if not det and before not in ("in", "during", "by", "until", "since", "through", "early",
                                  "late", "mid", "mid-", "last", "this", "next", "that"):
        return None
    if word in ("fall", "spring") and det in ("", "the") and before not in (
            "in", "during", "by", "until", "since", "through", "early", "late", "mid", "mid-"):
        return None
    src, direction, _, strict = _DETS[det]
    if det in ("the", ""):
        src, direction = "auto", "news"
    return _c(m, "DATE", Spec("fill", Partial(season=code), source=src, direction=direction,
                              strict=strict), 15, DT)


# ---------------------------------------------------------------- years, decades, centuries

_BARE_YEAR = re.compile(
    rf"(?<![\w$£€#.,/:])(?<!\d-)(?P<pre>(?:fiscal(?:\s+year)?|calendar\s+year|the\s+year|model\s+year)\s+)?"
    rf"(?P<y>{YR})(?P<poss>'s)?(?!\w|[.,]\d|\s*(?:%|percent|per\s*cent))"
    rf"(?:\s*\(\s*(?P<st>{STYLE})\s*\))?", IC)


def _bare_year(m: re.Match[str], text: str) -> Cand | None:
    y = int(m.group("y"))
    if not 1000 <= y <= 2099:
        return None
    if not m.group("pre") and not is_year_context(text, m.start("y"), m.end("y")):
        return None
    if m.group("poss") and y % 10 == 0 and word_before(text, m.start()) in ("the", "early",
                                                                            "late", "mid"):
        return None  # "the 1990's" is a decade
    return _c(m, "DATE", Spec("abs", Partial(year=y), calendar=_style(m.group("st"))), 5,
              frozenset({DATE, YEAR}))


_SPOKEN_YEAR = re.compile(
    r"\b(?:the\s+year\s+)?(?P<w>(?:eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
    r"|eighteen|nineteen)[\s-]+(?:hundred|oh[\s-]+\w+|(?:twenty|thirty|forty|fifty|sixty|seventy"
    r"|eighty|ninety)(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven"
    r"|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
    r"|two\s+thousand(?:\s+and)?(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen))?)\b", IC)


def _spoken_year(m: re.Match[str], text: str) -> Cand | None:
    y = spoken_year(m.group("w"))
    if y is None:
        return None
    nxt = word_after(text, m.end()).lower()
    if nxt in ("years", "people", "men", "dollars", "times"):
        return None
    w = m.group("w").lower()
    if (w.startswith("two thousand") or w.endswith("hundred")) and not m.group(
            0).lower().startswith("the year") and not is_year_context(text, m.start(), m.end()):
        return None  # "twelve hundred students" is a count
    return _c(m, "DATE", Spec("abs", Partial(year=y)), 8, frozenset({DATE, YEAR}))


_PART_WORD = r"(?:early|mid|late)"
_DECADE = re.compile(
    rf"\b(?:(?P<the>the)\s+)?(?:(?P<mod>{_PART_WORD})[-\s]?)?(?:(?P<dec>1\d\d0|20\d0)'?s"
    rf"|'(?P<dd>\d0)'?s|(?:(?P<cw>eighteen|nineteen|twenty)[-\s]?)?(?P<dw>twenties|thirties"
    rf"|forties|fifties|sixties|seventies|eighties|nineties))(?!\w)", IC)

_PARTS = {"early": "early", "mid": "mid", "late": "late"}


def _decade(m: re.Match[str], text: str) -> Cand | None:
    mod = _PARTS.get((m.group("mod") or "").lower())
    if m.group("dec"):
        v = int(m.group("dec"))
        # "the 1800s" is a century, "the 1930s" a decade.
        p = Partial(century=v // 100) if v % 100 == 0 else Partial(decade=v // 10)
        return _c(m, "DATE", Spec("abs", p, part=mod), 25, DT)
    if m.group("dd"):
        # "the '80s": a decade of the twentieth century, the usual reading.
        return _c(m, "DATE", Spec("abs", Partial(decade=190 + int(m.group("dd")) // 10),
                                  part=mod), 20, DT)
    # Spelled decades need "the" (or a century word): "in his forties" is an age.
    if not m.group("the") and not m.group("cw"):
        return None
    tens = DECADE_WORDS[m.group("dw").lower()]
    cent = {"eighteen": 18, "nineteen": 19, "twenty": 20}.get((m.group("cw") or "").lower())
    if cent is None:
        cent = 19  # "the forties" without a century: the twentieth, the usual reading
    return _c(m, "DATE", Spec("abs", Partial(decade=cent * 10 + tens), part=mod), 25, DT)


_CENTURY = re.compile(
    rf"\b(?:(?P<the>the)\s+)?(?:(?P<mod>{_PART_WORD})[-\s])?(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|{ORDW})"
    rf"[-\s]century(?!\s+(?:BC|B\.C\.|BCE)\b)(?!\w)", IC)


def _century(m: re.Match[str], text: str) -> Cand | None:
    n = en_ordinal(m.group("ord"))
    if n is None or not 1 <= n <= 30:
        return None
    mod = _PARTS.get((m.group("mod") or "").lower())
    return _c(m, "DATE", Spec("abs", Partial(century=n - 1), part=mod), 25, DT)


# ---------------------------------------------------------------- ranges of years and days

_YEAR_RANGE = re.compile(
    rf"(?<![\w$£€#.,/-])(?:(?P<prep>from|between)\s+)?(?P<a>{YR})\s*"
    rf"(?:(?P<dash>{DASH}|/)|\s+(?P<conj>to|until|till|through|thru|and)\s+)"
    rf"\s*(?P<b>{YR}|\d{{1,2}})(?![\w%]|[.,]\d)", IC)


def _year_range(m: re.Match[str], text: str) -> Cand | None:
    a = int(m.group("a"))
    bs = m.group("b")
    prep, conj = _norm(m.group("prep")), _norm(m.group("conj"))
    if len(bs) < 4:
        if not m.group("dash") or m.group("dash") == "/" and len(bs) != 2:
            return None
        b = int(str(a)[: 4 - len(bs)] + bs)
    else:
        b = int(bs)
    if not (1000 <= a < b <= 2099) or b - a > 150:
        return None
    if conj == "and" and prep != "between":
        return None
    if prep == "between" and conj != "and" or prep == "from" and conj == "and":
        return None
    nxt = word_after(text, m.end())
    if nxt.lower() in UNIT_AFTER or (nxt.isalpha() and nxt.islower() and nxt.endswith("s")
                                     and nxt not in FOLLOW_OK):
        return None  # "between 1200 and 1500 men"
    if not prep and not is_year_context(text, m.start("a"), m.end()):
        if not m.group("dash") or word_after(text, m.end()).lower() in ("men", "people"):
            return None
        # A bare "1939-1945" is a span unless it is a count ("1200-1500 men").
        nxt = word_after(text, m.end())
        if nxt and nxt[0].isalpha() and nxt[0].islower() and nxt.lower() not in (
                "and", "or", "the", "when", "war", "period", "era", "years", "season"):
            return None
        if word_before(text, m.start()) in ("p.", "pp.", "pages", "page", "no.", "nos."):
            return None
    sa, sb = Spec("abs", Partial(year=a)), Spec("abs", Partial(year=b))
    parts = (Cand(m.start("a"), m.end("a"), "DATE", sa, 5, DT),
             Cand(m.start("b"), m.end("b"), "DATE", sb, 5, DT))
    return Cand(m.start(), m.end(), "DATE", Spec("range", sub=(sa, sb)), 40, DT, parts)


_DAY_RANGE_MDY = re.compile(
    rf"\b(?P<mon>{MON})\s+(?P<d1>{DAY})\s*(?:{DASH}|to|until|till|through|and)\s*"
    rf"(?:(?P<mon2>{MON})\s+)?(?P<d2>{DAY})(?:(?:\s*,\s*|\s+)(?P<y>{YR}))?(?![\d%])", IC)
_DAY_RANGE_DMY = re.compile(
    rf"(?<![\d.,/])\b(?P<d1>{DAY})(?:\s+(?P<mon1>{MON}))?\s*(?:{DASH}|to|until|till|and)\s*"
    rf"(?P<d2>{DAY})\s+(?P<mon>{MON})(?:,?\s+(?P<y>{YR}))?(?![\d%])", IC)


def _day_range(m: re.Match[str], text: str) -> Cand | None:
    mon = m.group("mon")
    if not _month_ok(mon, text, m.start("mon"), with_number=True):
        return None
    y = int(m.group("y")) if m.group("y") else None
    gd = m.groupdict()
    if gd.get("mon2") or gd.get("mon1"):
        other = gd.get("mon2") or gd.get("mon1")
        if not _month_ok(other, text, m.start("mon2" if gd.get("mon2") else "mon1"),
                         with_number=True):
            return None
    if "mon2" in gd:
        m1 = en_month(mon)
        m2 = en_month(gd["mon2"]) if gd.get("mon2") else m1
    else:
        m2 = en_month(mon)
        m1 = en_month(gd["mon1"]) if gd.get("mon1") else m2
    a = _date_spec(y, m1, _day(m.group("d1")))
    b = _date_spec(y, m2, _day(m.group("d2")))
    if a is None or b is None or (m1, _day(m.group("d1"))) >= (m2, _day(m.group("d2"))):
        return None
    if y is None and _AND_TO.search(m.group(0)) and "mon2" in gd:
        return None
    return _c(m, "DATE", Spec("range", sub=(a, b)), 45, DD)


_MONTH_RANGE = re.compile(
    rf"\b(?:(?P<prep>from|between)\s+)?(?P<m1>{MON})\s*(?:{DASH}|\s(?:to|until|till|through|and)\s)"
    rf"\s*(?P<m2>{MON}),?\s+(?P<y>{YR})(?![\d%])", IC)


def _month_range(m: re.Match[str], text: str) -> Cand | None:
    if not (_month_ok(m.group("m1"), text, m.start("m1"), with_number=True)
            and _month_ok(m.group("m2"), text, m.start("m2"), with_number=True)):
        return None
    y = int(m.group("y"))
    a, b = en_month(m.group("m1")), en_month(m.group("m2"))
    if a >= b:
        return None
    spec = Spec("range", sub=(Spec("abs", Partial(year=y, month=a)),
                              Spec("abs", Partial(year=y, month=b))))
    return _c(m, "DATE", spec, 42, DT)


# ---------------------------------------------------------------- quarters and halves

_QORD = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
         "4th": 4, "final": 4, "last": 4}
_QUARTER = re.compile(
    rf"\b(?:the\s+)?(?:(?P<rel>this|last|next|that|the\s+same|current|latest|most\s+recent|previous"
    rf"|year[-\s]earlier|year[-\s]ago)(?:\s+year's)?\s+)?(?:(?P<ry>this|last|next)\s+year's\s+)?"
    rf"(?:(?P<y0>{YR})\s+)?(?:fiscal\s+)?(?:(?P<ord>first|second|third|fourth|final|1st|2nd|3rd|4th)"
    rf"(?P<sep>[\s-]+)(?:fiscal\s+)?)?"
    rf"(?P<unit>quarter|half)(?!\w)(?:\s+(?:of\s+)?(?:(?:fiscal\s+)?(?P<y>{YR})|(?P<rely>{_REL_YEAR})"
    rf"\s+(?:fiscal\s+)?year))?", IC)


def _quarter(m: re.Match[str], text: str) -> Cand | None:
    unit = m.group("unit").lower()
    ordw = (m.group("ord") or "").lower()
    rel = _norm(m.group("rel")).replace("-", " ")
    if unit == "half":
        if ordw not in ("first", "second", "1st", "2nd"):
            return None
        if word_after(text, m.end()).lower() == "of" and not m.group("y"):
            return None  # "the first half of ..." is a modifier of what follows
    if not ordw and not rel and not m.group(0).lower().startswith("the"):
        return None
    if not ordw and not rel and not m.group("y") and not m.group("rely"):
        # "the quarter": the quarter in discussion.
        if word_after(text, m.end()).lower() in ("of", "century", "mile", "million", "percent"):
            return None
        return _c(m, "DATE", Spec("rel", source="previous", grain="quarter"), 5, DT)
    num = _QORD.get(ordw)
    p = Partial(half=num) if unit == "half" else Partial(quarter=num) if num else Partial()
    if not num:
        if ordw:
            return None
        src, n = {"this": ("document", 0), "current": ("document", 0), "last": ("document", -1),
                  "next": ("document", 1), "latest": ("document", -1),
                  "most recent": ("document", -1), "previous": ("previous", -1),
                  "that": ("previous", 0), "the same": ("previous", 0),
                  "year earlier": ("previous", -4), "year ago": ("previous", -4)}.get(
            rel, ("previous", 0))
        return _c(m, "DATE", Spec("rel", source=src, grain="quarter", n=n), 15, DT)
    start = m.start()
    if (m.group("sep") or "").strip() == "-" and not rel and m.group(0).lower().startswith("the "):
        start += 4  # "the third-quarter results": "the" belongs to "results"
    year = m.group("y") or m.group("y0")
    if year:
        return Cand(start, m.end(), "DATE", Spec("abs", Partial(
            year=int(year), quarter=p.quarter, half=p.half)), 30, DT)
    if m.group("rely") or m.group("ry"):
        src, n = _REL_YEAR_N[_norm(m.group("rely") or m.group("ry"))]
        return Cand(start, m.end(), "DATE", Spec("fill", p, source=src, year_n=n), 25, DT)
    if rel in ("year earlier", "year ago"):
        return Cand(start, m.end(), "DATE",
                    Spec("fill", p, source="auto", direction="past", year_n=-1), 25, DT)
    # A quarter named in a report is the nearest one, whatever the tense: "expects to
    # report a third-quarter loss" is about the quarter just closed.
    return Cand(start, m.end(), "DATE", Spec("fill", p, source="auto", direction="news"), 20,
                DT)


_YEAR_END = re.compile(r"\b(?:the\s+)?(?:fiscal\s+)?year[-\s]end(?!\w)", IC)


def _year_end(m: re.Match[str], text: str) -> Cand | None:
    """"by year-end": the end of the year in view."""
    nxt = word_after(text, m.end()).lower()
    if nxt in ("results", "bonus", "report", "figures", "review"):
        return None  # an adjective: "year-end results"
    return _c(m, "DATE", Spec("rel", source="auto", grain="year", part="late"), 12, DT)


_YEAR_EARLIER = re.compile(
    r"\b(?:(?P<the>the)\s+)?year-(?:earlier|ago)(?P<noun>\s+(?:quarter|period|month|week))?(?!\w)",
    IC)


def _year_earlier(m: re.Match[str], text: str) -> Cand | None:
    """"year-earlier", "the year-ago quarter": the time under discussion, a year back."""
    start = m.start() if m.group("noun") or not m.group("the") else m.start() + 4
    return Cand(start, m.end(), "DATE", Spec("rel", source="previous", grain="year", n=-1), 12,
                DT)


# ---------------------------------------------------------------- deictic and anaphoric

_UNITS = {"day": "day", "week": "week", "weekend": "week", "month": "month", "quarter": "quarter",
          "year": "year", "decade": "decade", "century": "century"}
_TOD_UNITS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}

_DEICTIC = re.compile(
    r"\b(?P<w>today|tonight|yesterday|tomorrow|overnight)(?P<poss>'s)?"
    r"(?:\s+(?P<tod>morning|afternoon|evening|night))?(?!\w)", IC)


def _deictic(m: re.Match[str], text: str) -> Cand | None:
    w = m.group("w").lower()
    n = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "overnight": 0}[w]
    tod = _TOD_UNITS.get((m.group("tod") or "").lower())
    if w == "tonight":
        tod = "NI"
    if w == "overnight":
        return None
    typ = "TIME" if tod else "DATE"
    return _c(m, typ, Spec("rel", source="document", grain="day", n=n, tod=tod), 20, DD)


_REF = re.compile(
    r"\b(?:(?P<now>now|right\s+now|currently|at\s+present|presently|nowadays|these\s+days"
    r"|at\s+the\s+moment)|(?P<past>recently|lately|in\s+the\s+past"
    r"|the\s+past(?=\s*[,.;:)]|\s+(?:and|or|but|when|as|is|was|has)\b))|(?P<future>the\s+future"
    r"|in\s+future|in\s+the\s+near\s+future|the\s+near\s+future))(?!\w)"
    r"|\b(?P<adj>current)(?=\s+[a-z])", IC)  # "the current talks"; "recent", "future" are too vague


def _ref(m: re.Match[str], text: str) -> Cand | None:
    adj = (m.group("adj") or "").lower()
    if adj:
        # "the current talks", "recent gains", "future plans": a time relative to now.
        if not m.group("adj").islower() or word_after(text, m.end()).lower() in _NOT_TEMPORAL_NOUNS:
            return None
        value = {"current": "PRESENT_REF", "recent": "PAST_REF", "future": "FUTURE_REF"}[adj]
        return Cand(m.start(), m.end(), "DATE", Spec("ref", value=value), 2, frozenset())
    if m.group("now"):
        value = "PRESENT_REF"
        word = m.group("now").lower()
        if word == "now" and word_after(text, m.end()).lower() in ("that", "defunct", "famous"):
            return None
    elif m.group("past"):
        value = "PAST_REF"
    else:
        value = "FUTURE_REF"
    start = m.start()
    g = m.group(0)
    if g.lower().startswith("in "):
        start += 3
    return Cand(start, m.end(), "DATE", Spec("ref", value=value), 3, frozenset())


_NOT_TEMPORAL_NOUNS = frozenset({
    "of", "account", "accounts", "affairs", "flows", "flow", "density", "source", "sources",
    "and", "or", "to", "in", "at", "is", "was", "tense", "perfect"})

_REL_UNIT = re.compile(
    r"\b(?P<det>this|last|next|coming|this\s+coming|this\s+past|that|the\s+same|the\s+following"
    r"|the\s+next|the\s+previous|the\s+preceding|the\s+current|current|the\s+coming"
    r"|the\s+past|the\s+last|(?:earlier|later)\s+(?:this|that|the\s+same)|that\s+same"
    r"|the\s+present|the)\s+(?:fiscal\s+)?(?P<unit>day|week|weekend|month|quarter|year|decade|century"
    r"|morning|afternoon|evening|night)(?P<poss>'s)?(?!\w)", IC)


def _rel_unit(m: re.Match[str], text: str) -> Cand | None:
    det = _norm(m.group("det"))
    unit = m.group("unit").lower()
    if det.startswith(("earlier ", "later ")):
        det = det.split(" ", 1)[1]
    if det == "that same":
        det = "the same"
    if det == "the present":
        det = "this"
    tod = _TOD_UNITS.get(unit)
    grain = "day" if tod else _UNITS[unit]
    nxt = word_after(text, m.end()).lower()
    if det == "the":
        if unit == "weekend":
            # "over the weekend": in reporting, the weekend just past (or the coming one).
            direction = "future" if is_future(text, m.start(), m.end()) else "past"
            return _c(m, "DATE", Spec("weekday", weekday=5, source="auto", direction=direction,
                                      value="WE"), 15, DT)
        # "the year" alone is a duration or a noun; it is a time only with a modifier
        # in front ("the end of the year") or as "the day/morning" of a narrative.
        if tod or unit == "day":
            return None
        return _c(m, "DATE", Spec("rel", source="auto", grain=grain), 1,
                  frozenset({DATE, NEEDS_MOD}))
    if det in ("the past", "the last"):
        if nxt in ("few", "several") or tod:
            return None
        code = {"day": "P1D", "week": "P1W", "weekend": "P2D", "month": "P1M", "quarter": "P1Q",
                "year": "P1Y", "decade": "P10Y", "century": "P100Y"}[unit]
        return _c(m, "DURATION", Spec("dur", value=code), 10)
    src, n = {
        "this": ("document", 0), "current": ("document", 0), "the current": ("document", 0),
        "last": ("document", -1), "this past": ("document", -1), "next": ("document", 1),
        "coming": ("document", 1), "this coming": ("document", 1), "the coming": ("document", 1),
        "that": ("previous", 0), "the same": ("previous", 0), "the following": ("previous", 1),
        "the next": ("previous", 1), "the previous": ("previous", -1),
        "the preceding": ("previous", -1),
    }[det]
    if nxt in ("few", "several", "two", "three", "four", "five") or nxt[:1].isdigit():
        return None  # "the next few days" is a duration
    if tod:
        # "last night" is the night before the reference day, "this morning" its morning.
        return _c(m, "TIME", Spec("rel", source=src, grain="day", n=n, tod=tod), 15, DD)
    if unit == "weekend":
        return _c(m, "DATE", Spec("rel", source=src, grain="week", n=n, value="WE"), 15, DT)
    return _c(m, "DATE", Spec("rel", source=src, grain=grain, n=n), 15,
              DD if grain == "day" else DT)


_NUM = (rf"(?:\d+(?:\.\d+)?(?:\s+\d/\d)?|{NUMW}(?:[\s-]and[\s-]a[\s-]half)?|an?|a\s+few|several"
        rf"|a\s+couple\s+of|a\s+couple|many|some|few|a\s+dozen|dozens\s+of|hundreds\s+of)")
_QUANT = (r"(?:about|around|approximately|nearly|almost|roughly|some|more\s+than|over(?!\s+the)"
          r"|less\s+than|under|at\s+least|at\s+most|up\s+to|only|just|barely|another|an\s+additional"
          r"|a\s+further|fully|a\s+full|the\s+(?:past|last|next|first|previous|following|coming"
          r"|final|remaining|latest|same|initial|other|entire|whole|full)|the|within(?!\s+the))")
_DUR_UNITS = {"second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W",
              "fortnight": "F", "month": "M", "quarter": "Q", "year": "Y", "decade": "DE",
              "century": "CE", "centurie": "CE", "millennium": "ML", "millennia": "ML"}

_AGO = re.compile(
    rf"(?<![\d,.])\b(?:(?P<q>about|around|approximately|nearly|almost|roughly|some|more\s+than"
    rf"|over|less\s+than|just|only|at\s+least|barely|exactly|fully)\s+)?(?P<num>{_NUM})\s+"
    rf"(?P<unit>day|week|month|quarter|year|decade|centur(?:y|ie))s?(?:\s+or\s+so)?\s+"
    rf"(?P<dir>ago|earlier|later|before|after|from\s+now|hence|back|previously|since)(?!\w)", IC)


def _count(s: str) -> int | None:
    s = _norm(s)
    if s.isdigit():
        return int(s)
    return en_number(s)


def _ago(m: re.Match[str], text: str) -> Cand | None:
    d = _norm(m.group("dir"))
    unit = m.group("unit").lower()
    unit = "century" if unit.startswith("centur") else unit
    n = _count(m.group("num"))
    if d in ("before", "after", "since"):
        nxt = word_after(text, m.end())
        if nxt and nxt[0].isalnum():
            return None  # "two years after the war": a duration, then an event
    back = d in ("ago", "earlier", "before", "back", "previously")
    if n is None:
        return _c(m, "DATE", Spec("ref", value="PAST_REF" if back else "FUTURE_REF"), 18)
    src = "document" if d in ("ago", "from now", "hence", "back") else "previous"
    grain = _UNITS[unit]
    if grain in ("decade", "century"):
        # "a decade ago" counts years back; it does not name a decade.
        n, grain = n * (10 if grain == "decade" else 100), "year"
    return _c(m, "DATE", Spec("rel", source=src, grain=grain, n=-n if back else n), 25,
              DD if grain == "day" else DT)


_REL_BEFORE = re.compile(
    r"\bthe\s+(?P<unit>day|week|month|year|night|morning|evening)\s+(?P<dir>before|after)"
    r"(?:\s+(?P<deic>yesterday|tomorrow))?(?!\w)", IC)


def _rel_before(m: re.Match[str], text: str) -> Cand | None:
    unit = m.group("unit").lower()
    n = -1 if m.group("dir").lower() == "before" else 1
    deic = (m.group("deic") or "").lower()
    if deic:
        n = -2 if deic == "yesterday" else 2
        return _c(m, "DATE", Spec("rel", source="document", grain="day", n=n), 25, DD)
    nxt = word_after(text, m.end())
    if nxt and nxt[0].isalnum() and nxt.lower() not in ("he", "she", "it", "they", "we", "i"):
        return None
    tod = _TOD_UNITS.get(unit)
    grain = "day" if tod else _UNITS[unit]
    return _c(m, "TIME" if tod else "DATE",
              Spec("rel", source="previous", grain=grain, n=n, tod=tod), 25,
              DD if grain == "day" else DT)


_WEEKDAY = re.compile(
    rf"\b(?:(?P<det>last|next|this|this\s+coming|this\s+past|coming|that|the\s+following"
    rf"|the\s+next|the\s+previous|the\s+preceding|the|early|late)\s+)?(?P<wd>{WD})(?P<poss>'s)?"
    rf"(?:\s+(?P<tod>morning|afternoon|evening|night))?(?!\w)", IC)


def _weekday(m: re.Match[str], text: str) -> Cand | None:
    wd = m.group("wd")
    if not wd[0].isupper():
        return None
    det = _norm(m.group("det"))
    src, direction, strict = {
        "": ("auto", "same", False), "the": ("auto", "same", False),
        "early": ("auto", "same", False), "late": ("auto", "same", False),
        "this": ("document", "same", False), "last": ("document", "past", True),
        "this past": ("document", "past", True), "next": ("document", "future", True),
        "coming": ("document", "future", True), "this coming": ("document", "future", True),
        "that": ("previous", "same", False), "the following": ("previous", "future", True),
        "the next": ("previous", "future", True), "the previous": ("previous", "past", True),
        "the preceding": ("previous", "past", True),
    }[det]
    if direction == "same" and src != "previous" and is_future(text, m.start(), m.end()):
        direction = "future"
    tod = _TOD_UNITS.get((m.group("tod") or "").lower())
    start = m.start() if det not in ("the", "early", "late") else m.start("wd")
    if det in ("early", "late"):
        start = m.start()
    spec = Spec("weekday", weekday=EN_WEEKDAYS[wd.lower()], source=src, direction=direction,
                strict=strict, tod=tod)
    return Cand(start, m.end(), "TIME" if tod else "DATE", spec, 18, DD)


_NTH = re.compile(
    r"\b(?P<prep>on|by|until|till|from|since|of|before|after|to|through|and)\s+"
    r"(?P<the>the\s+)(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)(?!\w)", IC)


def _nth(m: re.Match[str], text: str) -> Cand | None:
    nxt = word_after(text, m.end())
    if nxt and (nxt[0].isalnum() and (nxt[0].isupper() or nxt.lower() not in (
            "he", "she", "it", "they", "we", "i", "the", "a", "and", "when", "at", "in", "was"))):
        return None  # "on the 12th floor", "the 12th Army"
    d = int(m.group("d"))
    return Cand(m.start("the"), m.end(), "DATE", Spec("fill", Partial(day=d), source="previous"),
                12, DD)


# ---------------------------------------------------------------- clock times

_TZ = (r"(?:\s+(?:EST|EDT|CST|CDT|MST|MDT|PST|PDT|ET|CT|MT|PT|GMT|UTC|BST|CET|CEST|MSK"
       r"|local\s+time))?")
_CLOCK = re.compile(
    rf"(?<![\d:.])\b(?:(?P<q>about|around|approximately|shortly\s+(?:before|after)|just\s+(?:before"
    rf"|after))\s+)?(?:(?P<h>1[0-2]|0?[1-9])(?::(?P<mi>[0-5]\d))?\s*(?P<ap>a\.\s?m\.?|p\.\s?m\.?"
    rf"|am\b|pm\b)|(?P<h24>[01]?\d|2[0-3]):(?P<mi24>[0-5]\d)(?![\d:])(?=\s*(?:hours?\b|h\b|{_TZ[4:-2]}))"
    rf"|(?P<word>noon|midnight|midday))(?P<tz>{_TZ})", IC)


def _clock(m: re.Match[str], text: str) -> Cand | None:
    if m.group("word"):
        w = m.group("word").lower()
        tod = "24:00" if w == "midnight" else "12:00"
    elif m.group("h24"):
        tod = f"{int(m.group('h24')):02d}:{m.group('mi24')}"
    else:
        h = int(m.group("h")) % 12
        if m.group("ap").lower().startswith("p"):
            h += 12
        tod = f"{h:02d}:{m.group('mi') or '00'}"
    spec = Spec("rel", source="previous", grain="day", tod=tod)
    return Cand(m.start(), m.end(), "TIME", spec, 20, frozenset({CLOCK}))


# ---------------------------------------------------------------- durations and sets

_DURATION = re.compile(
    rf"(?<![\d,.$£€])\b(?:(?P<q>{_QUANT})\s+)*(?P<num>{_NUM})(?:\s+(?:more|full|long|straight"
    rf"|consecutive|calendar|fiscal|additional|successive))?\s+(?P<unit>seconds?|minutes?|hours?"
    rf"|days?|weeks?|fortnights?|months?|quarters?|years?|decades?|centur(?:y|ies)|millenni(?:um|a))"
    rf"(?P<half>\s+and\s+a\s+half)?(?![\w-])(?!\s+old\b)", IC)
_DURATION_ADJ = re.compile(
    rf"(?<![\d,.$])\b(?P<num>\d+(?:\.\d+)?|{NUMW}|half)[-‐](?P<unit>second|minute|hour|day|week"
    rf"|month|quarter|year|decade|century)(?:[-\s]long)?(?![\w-])(?!\s+old\b)", IC)
_UNIT_PLURAL = re.compile(
    r"\b(?:(?P<prep>for|over|in|within|after|took|lasted|spent|of|recent|past|coming|next"
    r"|the\s+past|the\s+last|the\s+coming|the\s+next|the\s+following|the\s+ensuing)\s+)"
    r"(?P<unit>seconds|minutes|hours|days|weeks|months|years|decades|centuries)(?!\w)", IC)


_SMALLER = {"Y": (12, "M"), "W": (7, "D"), "D": (24, "H"), "H": (60, "M"), "M_T": (60, "S")}


def _dur_value(n: float | None, unit: str) -> str:
    """TimeML duration value: P27Y, P9M, PT5H30M; decades and centuries in years."""
    u = unit.lower()
    u = "century" if u.startswith("centur") else "millennium" if u.startswith("millenni") else (
        u[:-1] if u.endswith("s") else u)
    code = _DUR_UNITS.get(u, "X")
    prefix = "PT" if u in ("second", "minute", "hour") else "P"
    if n is None:
        return prefix + "X" + code
    scale = {"DE": 10, "CE": 100, "ML": 1000, "F": 2}.get(code)
    if scale:
        n, code = n * scale, "W" if code == "F" else "Y"
    whole = int(n)
    frac = n - whole
    if frac == 0:
        return f"{prefix}{whole}{code}"
    small = _SMALLER.get("M_T" if (code == "M" and prefix == "PT") else code)
    if small is None:
        return f"{prefix}{n:g}{code}"
    k, sub = small
    rest = frac * k
    if code == "D":  # "a day and a half" -> P1DT12H
        return f"P{whole}DT{rest:g}{sub}" if whole else f"PT{rest:g}{sub}"
    head = f"{whole}{code}" if whole else ""
    return f"{prefix}{head}{rest:g}{sub}"


def _amount(s: str) -> float | None:
    s = _norm(s)
    m = _AMOUNT.fullmatch(s)
    if m:
        v = float(m.group(1))
        if m.group(2):
            v += int(m.group(2)) / int(m.group(3))
        return v
    half = 0.0
    if s.endswith("and a half"):
        half = 0.5
        s = _AND_A_HALF.sub("", s)
    if s == "half":
        return 0.5
    n = en_number(s)
    return None if n is None else n + half


def _duration(m: re.Match[str], text: str) -> Cand | None:
    n = _amount(m.group("num"))
    if n is not None and m.group("half"):
        n += 0.5
    unit = m.group("unit")
    num = _norm(m.group("num"))
    if num in ("a", "an") and not m.group("q"):
        if _RATE_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            return None  # "$1.76 a year": a rate
        before = word_before(text, m.start())
        if before in ("once", "twice", "thrice", "times", "per") or re.fullmatch(
                r"[\d,.]+|\w+s", before) and before not in ("was", "is", "has", "this", "as"):
            return None  # "four flights a week", "24 hours a day": a rate, not a duration
    if _YEARLIKE.fullmatch(num) and 1000 <= int(num) <= 2099 and unit.lower().startswith(
            ("year", "month", "day", "week")) is False:
        return None
    q = _norm(m.group("q"))
    start = m.start()
    if q == "within":
        start = m.start("num")
    return Cand(start, m.end(), "DURATION", Spec("dur", value=_dur_value(n, unit)), 8)


def _duration_adj(m: re.Match[str], text: str) -> Cand | None:
    n = _amount(m.group("num"))
    return _c(m, "DURATION", Spec("dur", value=_dur_value(n, m.group("unit"))), 8)


def _unit_plural(m: re.Match[str], text: str) -> Cand | None:
    prep = _norm(m.group("prep"))
    start = m.start("unit") if prep in ("for", "over", "in", "within", "after", "took", "lasted",
                                        "spent", "of") else m.start()
    if prep == "of" and word_before(text, m.start()) not in ("decades", "years", "months"):
        return None
    return Cand(start, m.end(), "DURATION", Spec("dur", value=_dur_value(None, m.group("unit"))), 4)


_SET = re.compile(
    rf"\b(?:(?P<adv>daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly"
    rf"|semiannually|bimonthly|biannually)|(?P<q>every|each)\s+(?:other\s+)?(?P<unit>day|week|month"
    rf"|year|quarter|morning|evening|night|afternoon|hour|minute|weekend|{WD}|{EN_SEASON_RE})"
    rf"|(?:(?<=once\s)|(?<=twice\s)|(?<=thrice\s)|(?<=times\s))(?:a|per|every)\s+(?P<unit2>day|week|month|year"
    rf"|quarter|hour|minute))(?!\w)", IC)
_SET_ADV = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y",
            "yearly": "P1Y", "hourly": "PT1H", "nightly": "P1D", "quarterly": "P3M",
            "biweekly": "P2W", "semiannually": "P6M", "bimonthly": "P2M", "biannually": "P6M"}


def _set(m: re.Match[str], text: str) -> Cand | None:
    if m.group("adv"):
        return _c(m, "SET", Spec("set", value=_SET_ADV[m.group("adv").lower()]), 6)
    unit = (m.group("unit") or m.group("unit2")).lower()
    if unit in EN_WEEKDAYS:
        value = f"XXXX-WXX-{EN_WEEKDAYS[unit] + 1}"
    elif unit in EN_SEASONS:
        value = f"XXXX-{EN_SEASONS[unit]}"
    elif unit in _TOD_UNITS:
        value = f"XXXX-XX-XXT{_TOD_UNITS[unit]}"
    elif unit == "weekend":
        value = "XXXX-WXX-WE"
    else:
        value = _dur_value(1, unit)
    return _c(m, "SET", Spec("set", value=value), 12)


_HOLIDAYS = {"christmas eve": (12, 24), "christmas day": (12, 25), "christmas": (12, 25),
             "new year's eve": (12, 31), "new year's day": (1, 1), "halloween": (10, 31),
             "valentine's day": (2, 14)}
_HOLIDAY = re.compile(r"\b(?:(?P<det>last|next|this)\s+)?(?P<h>Christmas(?:\s+(?:Eve|Day))?"
                      r"|New\s+Year's\s+(?:Eve|Day)|Halloween|Valentine's\s+Day)(?!\w)"
                      rf"(?:,?\s+(?P<y>{YR})(?![\d%]))?")


def _holiday(m: re.Match[str], text: str) -> Cand | None:
    mo, d = _HOLIDAYS[_norm(m.group("h")).replace("’", "'")]
    det = _norm(m.group("det"))
    if m.group("y"):
        return _c(m, "DATE", Spec("abs", Partial(year=int(m.group("y")), month=mo, day=d)), 30, DD)
    src, direction, _, strict = _DETS[det]
    direction = "news" if not det else direction
    return _c(m, "DATE", Spec("fill", Partial(month=mo, day=d), source=src, direction=direction,
                              strict=strict), 14, DD)


# Words near which each rule can match (see Rule): "#" is any number.
_T_NUM = frozenset({"#"})
_T_MONTH = frozenset(EN_MONTHS)
_T_UNIT = frozenset({
    "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks",
    "weekend", "weekends", "fortnight", "fortnights", "month", "months", "quarter", "quarters",
    "year", "years", "decade", "decades", "century", "centuries", "millennium", "millennia"})
_T_DAYPART = frozenset({"morning", "afternoon", "evening", "night"})

RULES: tuple[Rule, ...] = (
    Rule("iso", _ISO, _iso, _T_NUM),
    Rule("numeric", _NUMERIC, _numeric, _T_NUM),
    Rule("mdy", _MDY, _mdy, _T_MONTH),
    Rule("dmy", _DMY, _dmy, _T_MONTH),
    Rule("day_range_mdy", _DAY_RANGE_MDY, _day_range, _T_MONTH),
    Rule("day_range_dmy", _DAY_RANGE_DMY, _day_range, _T_MONTH),
    Rule("month_range", _MONTH_RANGE, _month_range, _T_MONTH),
    Rule("month_year", _MONTH_YEAR, _month_year, _T_MONTH),
    Rule("month_alone", _MONTH_ALONE, _month_alone, _T_MONTH),
    Rule("season", _SEASON, _season, frozenset(EN_SEASONS)),
    Rule("year_range", _YEAR_RANGE, _year_range, _T_NUM),
    Rule("bare_year", _BARE_YEAR, _bare_year, _T_NUM),
    Rule("spoken_year", _SPOKEN_YEAR, _spoken_year, frozenset({
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
        "eighteen", "nineteen", "thousand"})),
    Rule("decade", _DECADE, _decade, _T_NUM | frozenset(DECADE_WORDS)),
    Rule("century", _CENTURY, _century, frozenset({"century"})),
    Rule("quarter", _QUARTER, _quarter, frozenset({"quarter", "half"})),
    Rule("year_earlier", _YEAR_EARLIER, _year_earlier, frozenset({"earlier", "ago"})),
    Rule("year_end", _YEAR_END, _year_end, frozenset({"end", "year"})),
    Rule("deictic", _DEICTIC, _deictic, frozenset({
        "today", "tonight", "yesterday", "tomorrow", "overnight"})),
    Rule("ref", _REF, _ref, frozenset({
        "now", "currently", "present", "presently", "nowadays", "days", "moment", "recently",
        "lately", "past", "future", "current"})),
    Rule("rel_unit", _REL_UNIT, _rel_unit, _T_UNIT | _T_DAYPART),
    Rule("ago", _AGO, _ago, _T_UNIT),
    Rule("rel_before", _REL_BEFORE, _rel_before, frozenset({"before", "after"})),
    Rule("weekday", _WEEKDAY, _weekday, frozenset(EN_WEEKDAYS)),
    Rule("nth", _NTH, _nth, _T_NUM),
    Rule("clock", _CLOCK, _clock, _T_NUM | frozenset({"noon", "midnight", "midday"})),
    Rule("duration", _DURATION, _duration, _T_UNIT),
    Rule("duration_adj", _DURATION_ADJ, _duration_adj, _T_UNIT),
    Rule("unit_plural", _UNIT_PLURAL, _unit_plural, _T_UNIT),
    Rule("set", _SET, _set, frozenset({
        "daily", "weekly", "monthly", "annually", "yearly", "hourly", "nightly", "biweekly",
        "semiannually", "bimonthly", "biannually", "every", "each", "once", "twice", "thrice",
        "times"})),
    Rule("holiday", _HOLIDAY, _holiday, frozenset({"christmas", "new", "halloween",
                                                    "valentine"})),
)


# ---------------------------------------------------------------- modifiers in front

MOD_PREFIX = re.compile(
    r"(?:(?P<early>early|the\s+(?:very\s+)?(?:beginning|start|dawn|outset)\s+of|the\s+(?:first"
    r"|early)\s+part\s+of|early\s+in|earlier\s+in|at\s+the\s+(?:beginning|start)\s+of)"
    r"|(?P<mid>mid|middle|the\s+middle\s+of|the\s+height\s+of|in\s+the\s+middle\s+of)"
    r"|(?P<late>late|the\s+(?:very\s+)?(?:end|close)\s+of|the\s+(?:latter|later|last)\s+part\s+of"
    r"|late\s+in|later\s+in|by\s+the\s+end\s+of|at\s+the\s+end\s+of)"
    r"|(?P<h1>the\s+first\s+half\s+of)|(?P<h2>the\s+(?:second|latter|last)\s+half\s+of)"
    r"|(?P<days>the\s+(?P<dwhich>first|opening|early|last|closing|final|dying|waning)\s+"
    r"(?P<dunit>days|weeks|months)\s+of))(?:\s*-\s*|\s+)$", IC)

TOD_PREFIX = re.compile(
    r"(?:the\s+)?(?:(?:early|late)\s+)?(?:(?P<tod>morning|afternoon|evening|night)|(?P<week>week))"
    r"\s+of\s+$", IC)


def named_part(m: re.Match) -> str | None:
    """The part of a period a modifier names, by the regex group that matched; both
    languages' modifier patterns use these group names."""
    for group, part in (("early", "early"), ("mid", "mid"), ("late", "late"), ("h1", "H1"),
                        ("h2", "H2")):
        if m.group(group):
            return part
    return None


def prefix_mod(text: str, start: int) -> tuple[int, str | None] | None:
    """A modifier ending right at `start` ("early ", "the end of ", "mid-"), as a part."""
    m = MOD_PREFIX.search(text, max(0, start - 40), start)
    if m is None:
        return None
    part = named_part(m)
    if part is None:
        first = m.group("dwhich").lower() in ("first", "opening", "early")
        part = ("first_" if first else "last_") + m.group("dunit").lower()
    g = m.group(0).lower()
    # "at the end of": the preposition is not part of the expression.
    lead = 3 if g.startswith(("at the ", "in the ", "by the ")) else 0
    if g.startswith(("earlier in", "later in")):
        part = None
    return m.start() + lead, part


def prefix_tod(text: str, start: int) -> tuple[int, str] | None:
    """A part of the day ("the afternoon of "), or "the week of ", ending at `start`."""
    m = TOD_PREFIX.search(text, max(0, start - 30), start)
    if m is None:
        return None
    if m.group("week"):
        return m.start(), "WEEK"
    return m.start(), EN_DAY_PARTS[m.group("tod").lower()]


def candidates(text: str) -> Iterator[Cand]:
    return run_rules(RULES, text)
