"""Birth and death stated as a parenthesis after a name: "X (1 May 1900, Town – 2 June 1960, City)".

Reference works and encyclopedia-style pages put the most checked facts of a
person in this one parenthesis; it has no verb, so the trigger rules never see
it. The rule: a balanced parenthesis that follows a person's name in the same
paragraph (other parentheses may stand between) and holds two times separated by
a dash is birth then death; a place right after each time is its place. One time
after "born"/"b." is a birth, after "died"/"d." a death.
"""

from __future__ import annotations

import hashlib
import re

from accord.annotate.parse import Parsed
from accord.extract.coref import main_subject
from accord.model import Claim, EntityRef, Evidence, Mention, Source, TimeMention

_DASH = re.compile(r"\s[-–—]\s|[–—]|\s-\s?|-(?=\s*\D)")
_BORN = re.compile(r"^\s*(?:born|b\.|род\.|родился|родилась)\s*", re.IGNORECASE)
_DIED = re.compile(r"^\s*(?:died|d\.|ум\.|умер|умерла)\s*", re.IGNORECASE)
MAX_GAP = 400
# ", also spelt X," between a name and its lifespan
_ASIDE = re.compile(r"^\s*,[^().;:\n]{1,60},\s*$")  # characters of other parentheses allowed between the name and the lifespan


def _groups(text: str, start: int, end: int):
    """Top-level balanced parentheses inside [start, end)."""
    depth = 0
    opened = -1
    for i in range(start, end):
        ch = text[i]
        if ch == "(":
            if depth == 0:
                opened = i
            depth += 1
        elif ch == ")" and depth > 0:
            depth -= 1
            if depth == 0:
                yield opened, i + 1


def _paragraph(text: str, at: int) -> tuple[int, int]:
    a = text.rfind("\n\n", 0, at)
    b = text.find("\n\n", at)
    return (0 if a < 0 else a + 2), (len(text) if b < 0 else b)


def _places_after(text: str, pos: int, limit: int, mentions: list[Mention]) -> list[Mention]:
    """The places right after a time, up to a dash: "1900, Village, Province" gives the
    village and then the province it lies in (the text states the containment)."""
    seg = text[pos:limit]
    out: list[Mention] = []
    expected = 0  # each place must follow the previous one directly
    for mm in re.finditer(r"\s*,\s*([A-ZА-ЯЁ][\w’'.-]*(?:\s+[A-ZА-ЯЁ][\w’'.-]*)*)", seg):
        if mm.start() != expected:
            break
        expected = mm.end()
        s = pos + mm.start(1)
        name = mm.group(1).strip(" ,.")
        tagged = next((m for m in mentions if m.start == s), None)
        out.append(tagged if tagged is not None else Mention(s, s + len(name), name, "GPE"))
    return out


_OPEN_BORN = re.compile(r"\s*\((?:born|b\.|род\.|родился|родилась)\s+", re.IGNORECASE)
_INFOBOX = re.compile(
    r"^[ \t]*(?P<label>born|birth date|date of birth|died|death date|date of death|"
    r"родил(?:ся|ась)|дата рождения|умер(?:ла)?|дата смерти)[ \t]*[:\t][ \t]*",
    re.IGNORECASE | re.MULTILINE)


def _open_births(source: Source, people: list[Mention], times: list[TimeMention]) -> list[Claim]:
    """"Name (born 21 May 1968 is ...": a birth even when the parenthesis never closes."""
    out = []
    for person in people:
        m = _OPEN_BORN.match(source.text, person.end)
        if m is None:
            continue
        t = next((t for t in times if t.start == m.end() and t.value), None)
        if t is None:
            continue
        ev = _sentence_evidence(source, person.start, t.end)
        subj = EntityRef(person.text, person.label, person.start, person.end)
        out.append(_claim(source.id, subj, "birth", split_span(t)[0].value, ev))
    return out


_NAMED_BOX = re.compile(
    r"^[ \t]*(?P<name>[^\t:\n]{2,80}?)[ \t]+(?P<label>born|died|родил(?:ся|ась)|умер(?:ла)?)"
    r"[ \t]*(?::[ \t]*|\t+)(?=\S)", re.IGNORECASE | re.MULTILINE)


def _infobox_claims(source: Source, people: list[Mention], times: list[TimeMention]) -> list[Claim]:
    """Fact-box lines ("Born:<tab>27 May 1968") speak of the page's main person: the one
    the text names most often; a box flattened onto its heading line ("Name Born<tab>27
    May 1968") speaks of the name that heads it."""
    main = main_subject(people)
    if main is None:
        return []
    found = [(m, main) for m in _INFOBOX.finditer(source.text)]
    for m in _NAMED_BOX.finditer(source.text):
        a, b = m.span("name")
        if any(p.start == a for p in people):  # the tagger may have taken the label in
            found.append((m, Mention(a, b, m.group("name"), "PER")))
    out = []
    for m, main in found:
        t = next((t for t in times if t.start == m.end() and t.value), None)
        if t is None:
            continue
        label = m.group("label").lower()
        prop = "birth" if label.startswith(("born", "birth", "date of birth", "родил", "дата рожд")) \
            else "death"
        line_end = source.text.find("\n", m.start())
        line_end = len(source.text) if line_end < 0 else line_end
        line_start = source.text.rfind("\n", 0, m.start()) + 1
        q_from = line_start if main.start >= line_start else m.start()  # the name heads it
        quote = source.text[q_from:line_end].strip()
        start = source.text.index(quote, q_from)
        ev = Evidence(source.id, start, start + len(quote), quote, source.zone_at(start))
        subj = EntityRef(main.text, main.label, main.start, main.end)
        out.append(_claim(source.id, subj, prop, split_span(t)[0].value, ev))
    return out


def _sentence_evidence(source: Source, a: int, b: int) -> Evidence:
    text = source.text
    q_start = _sentence_start(text, a)
    q_end = _sentence_end(text, b)
    raw = text[q_start:q_end]
    q_start += len(raw) - len(raw.lstrip())
    quote = raw.strip()
    return Evidence(source.id, q_start, q_start + len(quote), quote, source.zone_at(q_start))


# a name word: capitalised (after a leading modifier letter or apostrophe, as in
# transliterations: "ʿIsā") or a roman numeral; joiners of names in lower case between them
_NAME_WORD = r"[ʿʾ'‘’]?[A-ZА-ЯЁ][\w'’ʿʾ.-]*"
_JOINER = r"(?:[a-zа-яё]{1,3}(?:-|\s+))"  # "ad-", "al-", "ibn ", "von ", "de "
_ARTICLES = frozenset({"the", "a", "an"})
_LEAD = re.compile(rf"(?:(?<=\n)|^)[ \t]*(?P<name>{_NAME_WORD}(?:\s+{_JOINER}?{_NAME_WORD}){{0,5}})"
                   r"[ \t]*\(")
# a sentence that speaks of a person: kinship words and personal pronouns
_PERSON_CUE = re.compile(r"\b(?:son|daughter|wife|husband|father|mother|brother|sister|he|she|his|"
                         r"her|him|сын|дочь|жена|муж|отец|мать|брат|сестра|он|она|его|её|ее)\b",
                         re.IGNORECASE)


def lead_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """The name a paragraph opens with, right before a parenthesis, where the tagger
    found no name: "ʿIsā ibn Tarvān (1102–1161) was ..." (an invented name). Reference works open an
    article on a person so; transliterated names with diacritics are what a small
    tagger most often misses. Only a paragraph that goes on to speak of a person
    (a personal pronoun, a kinship word) gives one, and never a phrase the tagger
    named as something else ("Grand Duchy of Vell (1815–1866)")."""
    out = []
    for m in _LEAD.finditer(text):
        a, b = m.span("name")
        if any(x.start < b and a < x.end for x in mentions) or \
                m.group("name").split()[0].lower() in _ARTICLES:
            continue
        _p_start, p_end = _paragraph(text, a)
        if not _PERSON_CUE.search(text, m.end(), min(p_end, m.end() + MAX_GAP)):
            continue
        out.append(Mention(a, b, m.group("name"), "PER"))
    return out


def lifespan_claims(source: Source, parsed: Parsed, times: list[TimeMention],
                    mention_of: dict[int, Mention]) -> list[Claim]:
    text = source.text
    people = sorted({m for m in parsed.mentions if m.label == "PER"}
                    | set(lead_names(text, list(parsed.mentions))), key=lambda m: m.start)
    places = [m for m in parsed.mentions if m.label in ("GPE", "LOC")]
    out: list[Claim] = _open_births(source, people, times) + _infobox_claims(source, people, times)
    for person in people:
        p_start, p_end = _paragraph(text, person.start)
        cursor = person.end
        for g_start, g_end in _groups(text, person.end, min(p_end, person.end + MAX_GAP + 600)):
            between = text[cursor:g_start]
            if between.strip(" ,") and not _ASIDE.match(between):
                break  # the parenthesis follows the name, other parentheses or a short aside
            cursor = g_end
            inner = [t for t in times if g_start < t.start and t.end < g_end and t.value]
            inner = _top_level(inner)
            claims = _read_group(source, person, inner, g_start, g_end, places, p_start)
            if claims:
                out.extend(claims)
                break
    return out


def _top_level(times: list[TimeMention]) -> list[TimeMention]:
    """Drop times nested in another ("September 1 O.S." inside a dual date), and split
    a span the tagger read as one interval ("8 May 1838 – 2 March 1881") at its dash."""
    out: list[TimeMention] = []
    for t in sorted(times, key=lambda t: (t.start, -t.end)):
        if out and t.start < out[-1].end:
            continue
        out.extend(split_span(t))
    return out


_SPAN_DASH = re.compile(r"\s*[–—]\s*|\s+-\s+")


def split_span(t: TimeMention) -> list[TimeMention]:
    """An interval written as two full dates joined by a dash is two dates."""
    from accord.model import Precision
    from accord.timex import parse_time

    if t.value.precision is not Precision.INTERVAL:
        return [t]
    m = _SPAN_DASH.search(t.text)
    if m is None:
        return [t]
    left, right = t.text[: m.start()], t.text[m.end() :]
    a, b = parse_time(left), parse_time(right)
    if a is None or b is None or a.precision is Precision.INTERVAL or b.precision is Precision.INTERVAL:
        return [t]
    return [TimeMention(t.start, t.start + len(left), left, a),
            TimeMention(t.start + m.end(), t.end, right, b)]


def _read_group(source: Source, person: Mention, inner: list[TimeMention], g_start: int,
                g_end: int, places: list[Mention], p_start: int) -> list[Claim]:
    text = source.text
    if not inner:
        return []
    props: list[tuple[str, TimeMention, int]] = []
    if len(inner) >= 2:
        first, second = inner[0], inner[-1]
        if not _DASH.search(text[first.end : second.start]):
            return []
        props = [("birth", first, second.start), ("death", second, g_end - 1)]
    else:
        t = inner[0]
        lead = text[g_start + 1 : t.start]
        if _BORN.match(lead):
            props = [("birth", t, g_end - 1)]
        elif _DIED.match(lead):
            props = [("death", t, g_end - 1)]
        else:
            return []
    # the quote runs from the start of the sentence holding the name to the end of
    # the sentence holding the closing parenthesis
    ev = _sentence_evidence(source, max(p_start, person.start), g_end)
    subj = EntityRef(person.text, person.label, person.start, person.end)
    out = []
    for prop, tm, limit in props:
        out.append(_claim(source.id, subj, prop, tm.value, ev))
        chain = [EntityRef(p.text, p.label, p.start, p.end)
                 for p in _places_after(text, tm.end, limit, places)]
        if chain:
            within = tuple(("within", outer) for outer in chain[1:])
            out.append(_claim(source.id, subj, f"{prop}_place", chain[0], ev, within))
    return out


def _sentence_start(text: str, at: int) -> int:
    cut = max(text.rfind(". ", 0, at), text.rfind("\n", 0, at))
    return 0 if cut < 0 else cut + 1 + (text[cut + 1 : cut + 2] == " ")


def _sentence_end(text: str, at: int) -> int:
    ends = [i for i in (text.find(". ", at), text.find(".\n", at), text.find("\n", at)) if i >= 0]
    e = min(ends) + 1 if ends else len(text)
    return min(e, len(text))


def _claim(source_id: str, subj: EntityRef, prop: str, value, ev: Evidence,
           qualifiers: tuple = ()) -> Claim:
    key = f"{source_id}|lifespan|{prop}|{subj.start}|{value.normalized}"
    return Claim(
        id="c" + hashlib.sha1(key.encode()).hexdigest()[:16],
        source_id=source_id,
        subject=subj,
        property=prop,
        value=value,
        evidence=ev,
        qualifiers=qualifiers,
    )
