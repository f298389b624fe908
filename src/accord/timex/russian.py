"""Russian time expressions: the grammar, as patterns read into Specs.

Russian inflects month, season and year words ("в сентябре 1900 года", "летом
1942 года"), writes centuries in Roman numerals ("XIX век") and marks Old Style
dates ("по старому стилю", "(ст. ст.)", "1 (14) сентября"). The rules mirror the
English ones and produce the same Specs, so anchoring is shared.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from . import english
from .candidate import DATE, DAYLIKE, YEAR, Cand, Rule, run_rules
from .context import is_year_context, word_after, word_before
from .intervals import Partial
from .lexicon import RU_MONTH_RE, RU_NUMBER_WORD_RE, roman, ru_month, ru_number, ru_season
from .spec import Spec

IC = re.IGNORECASE
MON = RU_MONTH_RE + r"(?![а-яё])"
NB = r"(?![а-яёa-z\d])"  # end of a Russian word
YEAR_WORD = r"(?:года|году|годом|год|г\.|гг\.)"
STYLE = (r"(?:\s*\(\s*(?P<st>(?:по\s+)?(?:ст|н)\.\s*ст\.|по\s+(?:старому|новому)\s+стилю|"
         r"старого\s+стиля|нового\s+стиля)\s*\)|,?\s+(?P<st2>по\s+(?:старому|новому)\s+стилю|"
         r"по\s+(?:ст|н)\.\s*ст\.|(?:ст|н)\.\s*ст\.|старого\s+стиля|нового\s+стиля))?")
DT = frozenset({DATE})
DD = frozenset({DATE, DAYLIKE})


def _style(*groups: str | None) -> str:
    """The calendar a style mark names: "старого стиля", "ст. ст." are Julian."""
    for g in groups:
        if g:
            g = g.lower().replace(" ", "")
            return "julian" if "стар" in g or "ст.ст." in g else "gregorian"
    return ""


def _c(m: re.Match[str], typ: str, spec: Spec, prio: int = 0,
       tags: frozenset[str] = frozenset(), group: int | str = 0) -> Cand:
    return Cand(m.start(group), m.end(group), typ, spec, prio, tags)


def _month_word_ok(word: str, text: str, start: int) -> bool:
    # Russian month names are written in lower case; a capital is a name ("Август").
    return word[0].islower() or text[max(0, start - 30):start + 30].isupper() or (
        start == 0 or text[start - 1] in "\n«\"(")


_REL_GEN = (r"(?P<rel>того\s+же|того|этого|текущего|прошлого|прошедшего|предыдущего"
            r"|следующего|будущего)")
_REL_MAP = {"того же": ("previous", 0), "того": ("previous", 0), "этого": ("document", 0),
            "текущего": ("document", 0), "прошлого": ("document", -1),
            "прошедшего": ("document", -1), "предыдущего": ("previous", -1),
            "следующего": ("previous", 1), "будущего": ("document", 1)}

_ORD_SUFFIX = r"(?:-?(?:го|м|й|ом)(?![а-яё]))?"  # "1946-го", "в 1946-м"

_DMY = re.compile(
    rf"(?<![\d.,/])\b(?P<d>[0-3]?\d)(?:\s*\(\s*(?P<d2>[0-3]?\d)\s*\)|\s*/\s*(?P<d2b>[0-3]?\d))?"
    rf"\s+(?P<mon>{MON})(?:\s*\(\s*(?P<d3>[0-3]?\d)\s+(?P<mon3>{MON})\s*\))?"
    rf"(?:\s+(?P<y>[12]\d{{3}})(?!\d){_ORD_SUFFIX}(?:\s*{YEAR_WORD}{NB})?"
    rf"|\s+{_REL_GEN}\s+года{NB})?{STYLE}", IC)


def _dmy(m: re.Match[str], text: str) -> Cand | None:
    if not _month_word_ok(m.group("mon"), text, m.start("mon")):
        return None
    mo, d = ru_month(m.group("mon")), int(m.group("d"))
    if mo is None:
        return None
    y = int(m.group("y")) if m.group("y") else None
    d2 = m.group("d2") or m.group("d2b")
    if d2:
        spec = english._dual(y, mo, d, mo, int(d2))
    elif m.group("d3"):
        mo3 = ru_month(m.group("mon3"))
        spec = None if mo3 is None else english._dual(y, mo, d, mo3, int(m.group("d3")))
    else:
        spec = english._date_spec(y, mo, d, _style(m.group("st"), m.group("st2")))
    if spec is None:
        return None
    if m.group("rel") and spec.kind == "fill":  # "5 августа того же года"
        src, n = _REL_MAP[_norm(m.group("rel"))]
        spec = replace(spec, source=src, year_n=n, direction="same")
    return _c(m, "DATE", spec, 30, DD)


_MONTH_YEAR = re.compile(
    rf"(?<![\d])\b(?P<mon>{MON})\s+(?P<y>[12]\d{{3}})(?!\d){_ORD_SUFFIX}(?:\s*{YEAR_WORD}{NB})?"
    rf"{STYLE}", IC)


def _month_year(m: re.Match[str], text: str) -> Cand | None:
    if not _month_word_ok(m.group("mon"), text, m.start("mon")):
        return None
    mo = ru_month(m.group("mon"))
    if mo is None:
        return None
    return _c(m, "DATE", Spec("abs", Partial(year=int(m.group("y")), month=mo),
                              calendar=_style(m.group("st"), m.group("st2"))), 25, DT)


_MONTH_ALONE = re.compile(rf"\b(?P<mon>{MON})(?:\s+{_REL_GEN}\s+года{NB})?", IC)


def _norm(s: str | None) -> str:
    return _SPACES.sub(" ", s or "").strip().lower()


def _month_alone(m: re.Match[str], text: str) -> Cand | None:
    if not _month_word_ok(m.group("mon"), text, m.start("mon")):
        return None
    mo = ru_month(m.group("mon"))
    if mo is None or m.group("mon").endswith("."):
        return None
    if m.group("rel"):
        src, n = _REL_MAP[_norm(m.group("rel"))]
        return _c(m, "DATE", Spec("fill", Partial(month=mo), source=src, year_n=n), 20, DT)
    if word_before(text, m.start()) not in ("в", "во", "к", "с", "со", "до", "по", "после",
                                            "конце", "начале", "середине", "и"):
        return None
    return _c(m, "DATE", Spec("fill", Partial(month=mo), source="auto"), 10, DT)


_SEASON_WORD = (r"(?P<s>летом|весной|осенью|зимой|лето|весна|весну|осень|зима|зиму|лета|весны"
                r"|осени|зимы|зиме|весне|летнее|осеннее)")
_SEASON = re.compile(
    rf"\b(?:(?P<same>тем\s+же|той\s+же|в\s+ту\s+же|в\s+то\s+же|этим|этой|прошлым|прошлой)\s+)?"
    rf"{_SEASON_WORD}(?:\s+(?P<y>[12]\d{{3}})(?!\d)(?:\s*/\s*(?P<y2>\d{{2}}|\d{{4}})(?!\d))?{_ORD_SUFFIX}"
    rf"(?:\s*{YEAR_WORD}{NB})?|\s+{_REL_GEN}\s+года{NB})?{NB}",
    re.I)


def _season(m: re.Match[str], text: str) -> Cand | None:
    code = ru_season(m.group("s"))
    if code is None:
        return None
    if m.group("y"):
        y = int(m.group("y"))
        y2 = int(m.group("y2")) if m.group("y2") else None
        if y2 is not None and (code != "WI" or y2 not in (y + 1, (y + 1) % 100)):
            return Cand(m.start(), m.end("y"), "DATE", Spec("abs", Partial(year=y, season=code)),
                        25, DT)  # "зимой 1941/42" is one winter; other pairs are not
        return _c(m, "DATE", Spec("abs", Partial(year=y, season=code)), 25, DT)
    if m.group("rel"):
        src, n = _REL_MAP[_norm(m.group("rel"))]
        return _c(m, "DATE", Spec("fill", Partial(season=code), source=src, year_n=n), 20, DT)
    same = _norm(m.group("same"))
    if not same:
        return None
    src, direction = ("document", "same") if same.startswith("эт") else (
        ("document", "past") if same.startswith("прошл") else ("previous", "same"))
    start = m.start()
    if same.startswith("в "):
        start += 2
    return Cand(start, m.end(), "DATE",
                Spec("fill", Partial(season=code), source=src, direction=direction,
                     strict=direction == "past"), 15, DT)


_YEAR = re.compile(
    rf"(?<![\d.,/])\b(?P<y>[12]\d{{3}})(?:\s*-?\s*(?:й|го|м|ом))?\s*(?P<g>{YEAR_WORD}){NB}{STYLE}",
    re.I)


def _year(m: re.Match[str], text: str) -> Cand | None:
    y = int(m.group("y"))
    if not 1000 <= y <= 2099 or m.group("g").lower().startswith("гг"):
        return None
    return _c(m, "DATE", Spec("abs", Partial(year=y), calendar=_style(m.group("st"),
                                                                    m.group("st2"))), 10,
              frozenset({DATE, YEAR}))


_CYR_WORD = re.compile(r"[а-яё]")
_YEAR_FOLLOW = re.compile(r"(?:год|г\.|гг|и|или|либо|по|до|в|на|с|когда|он|она|они)$")
_SPACES = re.compile(r"\s+")
_PREP = re.compile(r"(?:в|во|к)\s+", re.I)

_BARE = re.compile(r"(?<![\w$€#.,/:-])(?P<y>[12]\d{3})(?![\w%]|[.,]\d)")


def _bare(m: re.Match[str], text: str) -> Cand | None:
    y = int(m.group("y"))
    if not 1000 <= y <= 2099 or not is_year_context(text, m.start(), m.end()):
        return None
    nxt = word_after(text, m.end())
    if nxt and nxt[0].islower() and _CYR_WORD.match(nxt) and not _YEAR_FOLLOW.match(nxt):
        return None
    return _c(m, "DATE", Spec("abs", Partial(year=y)), 5, frozenset({DATE, YEAR}))


_YEAR_RANGE = re.compile(
    rf"(?<![\d.,/])(?:(?P<prep>с|со|между|от)\s+)?(?P<a>[12]\d{{3}})(?:\s*(?:года|годом|г\.))?"
    rf"\s*(?:(?P<dash>[-–—])|\s+(?P<conj>по|до|и)\s+)\s*(?P<b>[12]\d{{3}}|\d{{2}})(?!\d)"
    rf"(?:\s*(?P<g>год(?:ы|ах|ов|ами|ом|а)?|гг\.|г\.){NB})?", IC)


def _year_range(m: re.Match[str], text: str) -> Cand | None:
    a, bs = int(m.group("a")), m.group("b")
    b = int(bs) if len(bs) == 4 else int(str(a)[:2] + bs)
    prep, conj = _norm(m.group("prep")), _norm(m.group("conj"))
    if not 1000 <= a < b <= 2099 or b - a > 150:
        return None
    if conj in ("по", "до") and prep not in ("с", "со", "от"):
        return None
    if conj == "и" and prep != "между":
        return None
    if prep == "между" and conj != "и":
        return None
    if not prep and not m.group("g") and not is_year_context(text, m.start(), m.end()):
        return None
    sa, sb = Spec("abs", Partial(year=a)), Spec("abs", Partial(year=b))
    parts = (Cand(m.start("a"), m.end("a"), "DATE", sa, 5, DT),
             Cand(m.start("b"), m.end("b"), "DATE", sb, 5, DT))
    return Cand(m.start(), m.end(), "DATE", Spec("range", sub=(sa, sb)), 40, DT, parts)


_DECADE = re.compile(
    rf"(?<![\d.,])\b(?:(?P<dec>1\d\d0|20\d0)|(?P<dd>[1-9]0))\s*-?\s*(?:е|х|ые|ых|ми|м){NB}"
    rf"(?:\s*(?P<g>годы|годах|годов|годами|года|гг\.){NB})?", IC)


def _decade(m: re.Match[str], text: str) -> Cand | None:
    if m.group("dec"):
        v = int(m.group("dec"))
        p = Partial(century=v // 100) if v % 100 == 0 else Partial(decade=v // 10)
        return _c(m, "DATE", Spec("abs", p), 25, DT)
    if not m.group("g"):
        return None  # "30-х" alone may be anything; "30-е годы" is a decade
    return _c(m, "DATE", Spec("abs", Partial(decade=190 + int(m.group("dd")) // 10)), 20, DT)


_CENTURY = re.compile(
    r"(?<![\w.])(?P<n>[IVXL]{1,6}|\d{1,2})(?:\s*[-–—]\s*(?P<n2>[IVXL]{1,6}))?(?:\s*-?\s*"
    r"(?:й|го|м|ом))?\s+(?:век(?:а|е|ом|у|ов|ах|ами)?|вв?\.)"
    r"(?!\s*до\s+н\.\s*э\.)(?![а-яё])", re.I)


def _century(m: re.Match[str], text: str) -> Cand | None:
    s = m.group("n")
    n = int(s) if s.isdigit() else roman(s)
    if n is None or not 1 <= n <= 30 or (not s.isdigit() and not s.isupper()):
        return None
    if m.group("n2"):  # "XVIII–XIX века": a span of centuries
        n2 = roman(m.group("n2"))
        if n2 is None or not n < n2 <= 30 or not m.group("n2").isupper():
            return None
        spec = Spec("range", sub=(Spec("abs", Partial(century=n - 1)),
                                  Spec("abs", Partial(century=n2 - 1))))
        return _c(m, "DATE", spec, 30, DT)
    return _c(m, "DATE", Spec("abs", Partial(century=n - 1)), 25, DT)


_DEICTIC = re.compile(r"\b(?P<w>сегодня|вчера|завтра|позавчера|послезавтра)"
                      r"(?:\s+(?P<tod>утром|днём|днем|вечером|ночью))?" + NB, re.I)
_RU_TOD = {"утром": "MO", "днём": "AF", "днем": "AF", "вечером": "EV", "ночью": "NI",
           "утро": "MO", "вечер": "EV", "ночь": "NI"}


def _deictic(m: re.Match[str], text: str) -> Cand | None:
    n = {"сегодня": 0, "вчера": -1, "завтра": 1, "позавчера": -2, "послезавтра": 2}[
        m.group("w").lower()]
    tod = _RU_TOD.get((m.group("tod") or "").lower())
    return _c(m, "TIME" if tod else "DATE",
              Spec("rel", source="document", grain="day", n=n, tod=tod), 20, DD)


_REF = re.compile(r"\b(?:(?P<now>сейчас|теперь|в\s+настоящее\s+время|ныне|в\s+наши\s+дни)"
                  r"|(?P<past>недавно|в\s+прошлом)|(?P<future>в\s+будущем))" + NB, re.I)


def _ref(m: re.Match[str], text: str) -> Cand | None:
    value = "PRESENT_REF" if m.group("now") else "PAST_REF" if m.group("past") else "FUTURE_REF"
    return _c(m, "DATE", Spec("ref", value=value), 3)


_UNIT = (r"(?P<unit>год(?:а|у|ом)?|лет|месяц(?:а|е|ем|ев)?|день|дня|дней|днём|днем|недел(?:я|и|ю|е"
         r"|ей|ь)|десятилети(?:е|я|й|ем)|век(?:а|ов|ом)?|час(?:а|ов)?|минут(?:а|ы|у)?)")
_UNIT_GRAIN = (("год", "year"), ("лет", "year"), ("месяц", "month"), ("ден", "day"),
               ("день", "day"), ("дн", "day"), ("недел", "week"), ("десятилет", "decade"),
               ("век", "century"), ("час", "hour"), ("минут", "minute"))


def _grain(unit: str) -> str:
    u = unit.lower()
    for stem, g in _UNIT_GRAIN:
        if u.startswith(stem):
            return g
    return ""


_REL_UNIT = re.compile(
    r"\b(?:(?:в|на|во)\s+)?(?P<det>этом|этот|эту|этой|прошлом|прошлый|прошлую|прошлой|следующем"
    r"|следующий|следующую|следующей|том\s+же|тот\s+же|ту\s+же|той\s+же|том|тот|ту|той|текущем"
    r"|предыдущем|предыдущий|другой|другое|следующее|это|то\s+же)\s+"
    r"(?P<unit>году|год|месяце|месяц|неделе|неделю|день|утро|вечер|ночь|веке)" + NB, re.I)


def _rel_unit(m: re.Match[str], text: str) -> Cand | None:
    det = _norm(m.group("det"))
    unit = m.group("unit").lower()
    if det.startswith(("эт", "текущ")):
        src, n = "document", 0
    elif det.startswith("прошл"):
        src, n = "document", -1
    elif det.startswith(("следующ", "друг")):
        src, n = "previous", 1
    elif det.startswith("предыдущ"):
        src, n = "previous", -1
    else:
        src, n = "previous", 0
    tod = _RU_TOD.get(unit)
    grain = "day" if tod else _grain(unit) or "century"
    if unit == "веке":
        grain = "century"
    start = m.start("det")
    return Cand(start, m.end(), "TIME" if tod else "DATE",
                Spec("rel", source=src, grain=grain, n=n, tod=tod), 15,
                DD if grain == "day" else DT)


_NUM = rf"(?P<num>\d{{1,3}}|{RU_NUMBER_WORD_RE})"
_SHIFT = re.compile(
    rf"\b(?:(?P<pre>через|спустя)\s+{_NUM}\s+{_UNIT}|{_NUM.replace('num', 'num2')}\s+"
    rf"{_UNIT.replace('unit', 'unit2')}\s+(?P<post>спустя|назад|позже|позднее|раньше|ранее)"
    rf"|(?P<one>годом|месяцем|днём|днем|неделей)\s+(?P<post1>позже|позднее|раньше|ранее))" + NB,
    re.I)


def _shift(m: re.Match[str], text: str) -> Cand | None:
    if word_after(text, m.end()).lower() in ("после", "до"):
        return None  # "через два года после войны": counted from an event, not a time
    if m.group("one"):
        n, grain = 1, _grain(m.group("one"))
        post = m.group("post1").lower()
    else:
        n = ru_number(m.group("num") or m.group("num2"))
        grain = _grain(m.group("unit") or m.group("unit2"))
        post = (m.group("post") or m.group("pre")).lower()
    if grain not in ("day", "week", "month", "year", "decade", "century"):
        return None
    back = post in ("назад", "раньше", "ранее")
    if n is None or n < 0:
        return _c(m, "DATE", Spec("ref", value="PAST_REF" if back else "FUTURE_REF"), 18)
    src = "document" if post == "назад" else "previous"
    return _c(m, "DATE", Spec("rel", source=src, grain=grain, n=-n if back else n), 25,
              DD if grain == "day" else DT)


_DURATION = re.compile(
    rf"(?<![\d,.])\b(?:(?P<q>около|более|почти|свыше|менее|целых|больше|меньше|примерно)\s+)?"
    rf"{_NUM}\s+{_UNIT}" + NB, re.I)
_DUR_CODE = {"year": "Y", "month": "M", "day": "D", "week": "W", "decade": "DE",
             "century": "CE", "hour": "H", "minute": "M"}


def _duration(m: re.Match[str], text: str) -> Cand | None:
    n = ru_number(m.group("num"))
    grain = _grain(m.group("unit"))
    if grain not in _DUR_CODE:
        return None
    if grain == "year" and (word_before(text, m.start()) in ("в", "во", "возрасте")):
        return None  # "в 18 лет", "в возрасте 18 лет" is an age
    num = "X" if n is None or n < 0 else str(n)
    code = _DUR_CODE[grain]
    if code == "DE" and num != "X":
        num, code = str(int(num) * 10), "Y"
    if code == "CE" and num != "X":
        num, code = str(int(num) * 100), "Y"
    value = ("PT" if grain in ("hour", "minute") else "P") + num + code
    return _c(m, "DURATION", Spec("dur", value=value), 8)


_T_NUM = frozenset({"#"})
_P_MONTH = ("январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр",
            "октябр", "ноябр", "декабр", "янв", "фев", "апр", "авг", "сен", "окт", "ноя", "дек")
_T_ROMAN = frozenset({
    "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv",
    "xv", "xvi", "xvii", "xviii", "xix", "xx", "xxi", "xxii"})
_P_UNIT = ("год", "лет", "месяц", "дн", "день", "недел", "десятилет", "век", "час", "минут",
           "утр", "вечер", "ноч")

RULES: tuple[Rule, ...] = (
    Rule("iso", english._ISO, english._iso, _T_NUM),
    Rule("numeric", english._NUMERIC, english._numeric, _T_NUM),
    Rule("ru_dmy", _DMY, _dmy, prefixes=_P_MONTH),
    Rule("ru_month_year", _MONTH_YEAR, _month_year, prefixes=_P_MONTH),
    Rule("ru_month_alone", _MONTH_ALONE, _month_alone, prefixes=_P_MONTH),
    Rule("ru_season", _SEASON, _season, prefixes=("лет", "весн", "осен", "зим")),
    Rule("ru_year", _YEAR, _year, _T_NUM),
    Rule("ru_bare_year", _BARE, _bare, _T_NUM),
    Rule("ru_year_range", _YEAR_RANGE, _year_range, _T_NUM),
    Rule("ru_decade", _DECADE, _decade, _T_NUM),
    Rule("ru_century", _CENTURY, _century, _T_NUM | _T_ROMAN),
    Rule("ru_deictic", _DEICTIC, _deictic, frozenset({
        "сегодня", "вчера", "завтра", "позавчера", "послезавтра"})),
    Rule("ru_ref", _REF, _ref, frozenset({
        "сейчас", "теперь", "настоящее", "ныне", "наши", "недавно", "прошлом", "будущем"})),
    Rule("ru_rel_unit", _REL_UNIT, _rel_unit, prefixes=_P_UNIT),
    Rule("ru_shift", _SHIFT, _shift, prefixes=(
        "через", "спустя", "назад", "позже", "позднее", "раньше", "ранее", "годом", "месяцем",
        "днём", "днем", "неделей")),
    Rule("ru_duration", _DURATION, _duration, prefixes=_P_UNIT),
)

_MOD = re.compile(
    r"(?:(?P<early>начал[оаеу]|в\s+начале|к\s+началу)|(?P<mid>середин[аеуы]|в\s+середине"
    r"|к\s+середине)|(?P<late>кон[еч]ц?[аеу]?|конец|в\s+конце|к\s+концу)"
    r"|(?P<h1>(?:в\s+)?перв(?:ой|ая|ую)\s+половин[аеуы])|(?P<h2>(?:во\s+)?втор(?:ой|ая|ую)"
    r"\s+половин[аеуы])|(?P<days>(?:в\s+)?(?P<dwhich>перв(?:ые|ых)|последн(?:ие|их))\s+"
    r"(?P<dunit>дни|днях|недели|неделях|месяцы|месяцах)))\s+$", re.I)


def prefix_mod(text: str, start: int) -> tuple[int, str | None] | None:
    """A Russian modifier ending at `start` ("в начале ", "к концу "), as a part."""
    m = _MOD.search(text, max(0, start - 40), start)
    if m is None:
        return None
    part = english.named_part(m)
    if part is None:
        first = m.group("dwhich").lower().startswith("перв")
        unit = m.group("dunit").lower()
        kind = "days" if unit.startswith("дн") else "weeks" if unit.startswith("недел") else "months"
        part = ("first_" if first else "last_") + kind
    # "в начале 1942 года": the preposition is not part of the expression.
    lead = _PREP.match(m.group(0))
    return m.start() + (lead.end() if lead else 0), part


def candidates(text: str) -> Iterator[Cand]:
    return run_rules(RULES, text)
