"""How a sentence commits to a claim: asserted, attributed, hedged, disputed, negated.

A source that writes "according to X, he was shot" or "he was reportedly shot"
has not asserted the shooting in its own voice, and "some accounts say ...,
others ..." reports a dispute rather than a fact. Comparing claims without this
would count hearsay as agreement and a denial as support. The rules below are
about how English and Russian mark these stances; they name no topic.

Scope, without a parser:

* clauses are cut at hard boundaries: ";" and contrastive conjunctions
  (", but", "whereas", ", although", ", но", ", а", ", однако", ", хотя");
* hedges govern the text after them up to the clause end ("he was reportedly
  shot; he was buried" hedges the shooting, not the burial);
* attributions and dispute markers govern their whole clause, so a trailing or
  parenthetical "..., X says, ..." and "..., according to X." are understood;
* a negation governs a claim only when it lies inside the claim span or at most
  a few words before it in the same clause.

When several cues govern a claim the strongest wins: DISPUTED > NEGATED >
HEDGED > ATTRIBUTED, and among equals the nearest. `attributed_to` is filled
from the nearest governing attribution even when another modality wins, so
"X says he was probably shot" is HEDGED and attributed to X.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from accord.caseless import Caseless
from accord.model import Modality


def _wordset(words: str) -> frozenset[str]:
    """A set of words written as one whitespace-separated string (easier to read)."""
    return frozenset(words.split())

__all__ = ["ModalityCue", "sentence_modality", "version_markers"]


@dataclass(frozen=True)
class ModalityCue:
    """The cue that fixes a claim's modality; offsets into the sentence (-1 when none)."""

    modality: Modality
    cue: str
    attributed_to: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Cue:
    modality: Modality
    start: int
    end: int
    scope_start: int
    scope_end: int
    source: str = ""


_RANK: Final = {Modality.DISPUTED: 4, Modality.NEGATED: 3, Modality.HEDGED: 2,
                Modality.ATTRIBUTED: 1}
_F = re.IGNORECASE

# ----------------------------------------------------------------- clause boundaries

_BOUNDARY = {
    "en": Caseless(
        r";|,\s*(?:but|while|whereas|whilst|although|though|however|yet)\b|\s+(?:but|whereas)\s+"),
    "ru": Caseless(
        r";|,\s*(?:но|а|однако|хотя|зато|тогда\s+как|в\s+то\s+время\s+как)(?![\w-])|\s+но\s+"),
}

# ----------------------------------------------------------------- disputed

_DISPUTED = {
    "en": Caseless(
        r"\b(?:some|other|conflicting|differing|contradictory)\s+(?:accounts|sources|reports"
        r"|versions|historians|witnesses|authors|researchers|scholars|writers|records|memoirs)\b"
        r"|\bothers\s+(?:claim|say|said|state|suggest|report|assert|maintain|believe|argue|hold"
        r"|put|write|wrote|insist|contend)\w*"
        r"|\b(?:accounts|sources|versions|reports|historians|witnesses|opinions|estimates|figures"
        r"|testimonies|memoirs)\s+(?:differ|vary|disagree|conflict|diverge|contradict)\w*"
        r"|\bit\s+(?:is|was|remains|has\s+been)\s+(?:disputed|contested|unclear|uncertain"
        r"|not\s+clear|debated|controversial|a\s+matter\s+of\s+(?:dispute|debate|controversy))\b"
        r"|\b(?:is|are|was|were|remains?)\s+(?:disputed|contested|in\s+dispute"
        r"|a\s+matter\s+of\s+(?:dispute|debate|controversy))\b"
        r"|\b(?:one|another|a\s+second|a\s+third|the\s+other|an\s+alternative|alternative"
        r"|a\s+different)\s+(?:version|account)\b"
        r"|\bthere\s+(?:are|were|exist)\s+(?:different|conflicting|various|several|differing"
        r"|contradictory|two|many)\s+(?:versions|accounts|opinions|views)\b"),
    "ru": Caseless(
        r"\bпо\s+(?:одной|другой|третьей|иной|некоторым|другим|иным|одним|разным|отдельным)"
        r"(?:\s+(?:версии|версиям|данным|сведениям|источникам|свидетельствам|оценкам))?(?![\w-])"
        r"|\bсуществу\w*\s+(?:разные|различные|несколько|другие|противоречивые|две)\s+версии\b"
        r"|\b(?:версии|мнения|данные|сведения|источники|оценки|показания)\s+(?:расходятся"
        r"|разнятся|противоречат|различаются)\b"
        r"|\bостаётся\s+(?:неясным|спорным|невыясненным|загадкой)|\bостается\s+(?:неясным|спорным"
        r"|невыясненным|загадкой)"
        r"|\b(?:неясно|не\s+ясно|спорно|оспаривается|оспариваются)\b"
        r"|\b(?:одни|другие)\s+(?:источники|авторы|историки|исследователи|свидетели|утверждают"
        r"|считают|пишут|говорят)\b"),
}

# ----------------------------------------------------------------- hedges

_HEDGE = {
    "en": Caseless(
        r"\b(?:apparently|reportedly|allegedly|supposedly|purportedly|ostensibly|seemingly"
        r"|possibly|probably|perhaps|presumably|conceivably|maybe|likely|unlikely"
        r"|rumou?redly)\b"
        r"|\bit\s+(?:is|was|has\s+been|had\s+been)\s+(?:reported|said|rumou?red|claimed|alleged"
        r"|believed|thought|suggested|suspected|assumed|supposed|presumed)\b"
        r"|\b(?:is|are|was|were|has\s+been|have\s+been|had\s+been)\s+(?:reported|said"
        r"|rumou?red|alleged|believed|thought|suspected|supposed|presumed|claimed)\s+to\b"
        r"|\b(?:may|might|could|must)\s+(?:well\s+)?(?:not\s+)?have\b"
        r"|\b(?:seems?|seemed|appears?|appeared)\s+to\b|\bit\s+(?:seems|seemed|appears|appeared)\b"
        r"|\brumou?rs?\s+(?:has\s+it|had\s+it|say|said|that|were|was)\b|\bunconfirmed\s+reports?\b"
        r"|\bthere\s+(?:are|were)\s+(?:reports|rumou?rs|claims|allegations)\b"
        r"|\bin\s+all\s+(?:likelihood|probability)\b"),
    "ru": Caseless(
        r"(?<![\w-])(?:якобы|предположительно|возможно|вероятно|видимо|по-видимому|кажется"
        r"|наверное|наверно|пожалуй|будто(?:\s+бы)?|вроде\s+бы|по\s+слухам|ходили\s+слухи"
        r"|по\s+всей\s+(?:видимости|вероятности)|судя\s+по\s+всему|скорее\s+всего"
        r"|как\s+говорят|говорят,?\s+что|считается,?\s+что|сообщалось,?\s+что|предполагается"
        r"|не\s+исключено|может\s+быть|мог(?:ла|ли|ло)?\s+быть)(?![\w-])"),
}

# ----------------------------------------------------------------- negation

_NEGATION = {
    "en": Caseless(
        r"\b(?:not|never|cannot|nobody|none|no\s+longer|no\s+one)\b(?!\s+(?:only|least|long"
        r"|until|more\s+than|less\s+than|fewer\s+than|without|unlike|later|earlier|to\s+mention)\b)"
        r"|n[’']t\b"
        r"|\bno\b(?!\s+(?:more|fewer|less|later|earlier|doubt|sooner|matter|longer|one)\b)(?=\s+\w)"),
    "ru": Caseless(
        r"(?<![\w-])(?:никогда|никто|ничто|ничего|нигде|нет"
        r"|ни(?!\s+много)"
        r"|не(?!\s+(?:только|менее|более|раз|позднее|ранее|позже|меньше|больше|исключено|без"
        r"|кто\s+иной|что\s+иное|ясно)(?![\w-])))(?![\w-])"),
}

# ----------------------------------------------------------------- attribution

_EN_SPEECH = (
    r"says|said|claims|claimed|recalled|recalls|remembered|remembers|wrote|writes|reported"
    r"|reports|stated|states|argued|argues|acknowledged|acknowledges|asserted|asserts|maintained"
    r"|maintains|insisted|insists|testified|testifies|noted|notes|told|tells|explained|explains"
    r"|admitted|admits|contended|contends|mentioned|mentions|believed|believes|estimated"
    r"|estimates|suggested|suggests|confirmed|confirms|alleged|alleges|concluded|concludes"
    r"|recounted|recounts|observed|observes|reckoned|reckons|thought|thinks"
)
_RU_SPEECH = (
    r"пишет|писал|писала|писали|утверждает|утверждал|утверждала|утверждали|вспоминал|вспоминала"
    r"|вспоминает|вспоминали|сообщает|сообщил|сообщила|сообщал|сообщала|заявил|заявила|заявляет"
    r"|заявлял|рассказывал|рассказывала|рассказывает|рассказал|рассказала|считает|считал|считала"
    r"|отмечает|отмечал|отмечала|указывает|указывал|указывала|признавал|признавала|признал"
    r"|признала|признаёт|признает|свидетельствует|свидетельствовал|говорит|говорил|говорила"
    r"|сказал|сказала|настаивал|настаивает|подтверждает|подтвердил|подтвердила|полагает|полагал"
)
_SPEECH = {
    "en": Caseless(rf"\b(?:{_EN_SPEECH})\b"),
    "ru": Caseless(rf"(?<![\w-])(?:{_RU_SPEECH})(?![\w-])"),
}
_ACCORDING = {
    "en": Caseless(r"\baccording\s+to\s+"),
    "ru": Caseless(
        r"(?<![\w-])(?:по\s+(?:словам|данным|мнению|сведениям|оценкам|оценке|подсчётам|подсчетам"
        r"|свидетельству|свидетельствам|воспоминаниям|утверждению|утверждениям|версии|информации)"
        r"|согласно|как\s+(?:утверждает|утверждал|утверждала|пишет|писал|писала|вспоминал"
        r"|вспоминала|вспоминает|сообщает|сообщал|отмечает|отмечал|рассказывал|рассказывала"
        r"|указывает|указывал|считает|считал|признавал|свидетельствует|свидетельствовал"
        r"|полагает|полагал))\s+"),
}
_IN_WORK = {
    "en": Caseless(
        r"\bin\s+(?:his|her|their|its)\s+(?:memoirs?|diary|diaries|book|account|testimony|letters?"
        r"|report|interview|autobiography|recollections|notes|statement)\s*,?\s*"),
    "ru": Caseless(
        r"(?<![\w-])в\s+(?:своих\s+|своём\s+|своем\s+|своей\s+)?(?:воспоминаниях|мемуарах"
        r"|дневнике|дневниках|книге|записках|показаниях|письме|письмах|отчёте|отчете|донесении"
        r"|рапорте|интервью)\s+"),
}
_POSSESSIVE_WORK = re.compile(
    r"((?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w-]*)['’]s\s+(?:own\s+)?(?:account|version|memoirs?|testimony"
    r"|figures|estimates?|data|report|diary|recollections?|statement|story|words|claims?|book"
    r"|letters?|count|calculations?)\b"
)
_EN_SUBJECT_STOP = _wordset(
    """that and but or which who whom whose when while if because as so then there where since
    though although however it is are was were be been being has have had do does did this these
    those what how why not never also"""
)
_RU_SUBJECT_STOP = _wordset(
    """что и а но или который которая которые которого как когда если где так то это этот эта эти
    же ли бы не ни уже также тоже ещё еще"""
)
_SKIPPABLE_ADVERB = re.compile(r"^(?:later|also|once|himself|herself|themselves|itself|then|too"
                               r"|позже|позднее|впоследствии|также|тоже|сам|сама|сами|потом)$|ly$",
                               _F)
_NOT_ATTRIBUTION_BEFORE = re.compile(
    r"\b(?:is|are|was|were|be|been|being|it|the|a|an|has|have|had|это)\s+$", _F
)
_NOT_ATTRIBUTION_AFTER = re.compile(r"^\s+(?:the\s+lives?|lives|to\s+be|to\s+have)\b", _F)
# "X, the author, says" / "Петров, автор книги, пишет": a name, then a lowercase apposition.
_APPOSITION = re.compile(
    r"((?:[A-ZА-ЯЁ][\w'’-]*\s+){0,3}[A-ZА-ЯЁ][\w'’-]*)\s*,\s*(?:[a-zа-яё][\w'’-]*\s*){1,5},\s*$"
)
_WORD_BACK = re.compile(r"([^\W\d_][\w'’.-]*)\s*$")
_SRC_END = re.compile(r"[,;:()\[\]«»\"“”]|\.(?:\s|$)|\s(?:that|что|he|she|they|it|his|her|their"
                      r"|он|она|они|его|её|их)\s", _F)
_POSSESSIVE_TAIL = re.compile(r"['’]s(?:\s+\w+){0,2}$")


def _source_after(sentence: str, pos: int) -> str:
    """The source named after "according to" / "по словам": up to punctuation, <= 6 words."""
    rest = sentence[pos : pos + 120]
    m = _SRC_END.search(rest)
    src = rest[: m.start()] if m else rest
    src = _POSSESSIVE_TAIL.sub("", src.strip())
    words = src.split()
    return " ".join(words[:6]).rstrip(".")


def _name_forward(sentence: str, pos: int) -> str:
    """A capitalised run (a name, with particles) starting at `pos`."""
    m = re.match(r"\s*((?:(?:[A-ZА-ЯЁ][\w'’.-]*|de|von|van|der|al|bin|ibn)\s+){0,4}"
                 r"[A-ZА-ЯЁ][\w'’-]*)", sentence[pos:])
    return m.group(1) if m else ""


def _subject_before(sentence: str, pos: int, language: str) -> tuple[str, int]:
    """The phrase before a speech verb taken as its subject (<= 5 words), and its start.

    Walks back over words, skipping adverbs ("later", "-ly"), and stops at
    punctuation, digits and clause words ("that", "and", "as", "что", "как").
    An apposition "X, the author, says" yields X.
    """
    app = _APPOSITION.search(sentence, 0, pos)
    if app:
        return app.group(1), app.start()
    stop = _RU_SUBJECT_STOP if language == "ru" else _EN_SUBJECT_STOP
    words: list[str] = []
    end = pos
    start = pos
    while len(words) < 5:
        m = _WORD_BACK.search(sentence, 0, end)
        if not m or sentence[m.end() : end].strip():
            break
        w = m.group(1)
        if w.lower() in stop:
            break
        if not words and _SKIPPABLE_ADVERB.search(w):
            end = m.start()
            continue
        words.insert(0, w)
        start = m.start()
        end = m.start()
    if not words:
        return "", pos
    phrase = " ".join(words)
    if language == "en" and words[0][0].islower() and words[0].lower() not in (
            "he", "she", "they", "we", "i", "you") and len(words) == 1:
        return "", pos  # "soldiers said" -> a bare common noun is too weak
    return phrase, start


# ----------------------------------------------------------------- scanning


def _clauses(sentence: str, language: str) -> list[tuple[int, int]]:
    cuts = [0]
    for m in _BOUNDARY[language].finditer(sentence):
        cuts.append(m.start())
        cuts.append(m.end())
    cuts.append(len(sentence))
    return [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts), 2)]


def _clause_of(clauses: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for s, e in clauses:
        if s <= pos < e:
            return s, e
    return clauses[-1] if clauses else (0, 0)


@lru_cache(maxsize=1024)
def _find_cues(sentence: str, language: str) -> tuple[_Cue, ...]:
    """Every cue of a sentence, found once for all the claims it holds (a sentence
    often holds several, each asking which cue governs its own span)."""
    clauses = _clauses(sentence, language)
    cues: list[_Cue] = []

    def forward(mod: Modality, s: int, e: int, src: str = "") -> None:
        cues.append(_Cue(mod, s, e, s, _clause_of(clauses, s)[1], src))

    def clause(mod: Modality, s: int, e: int, src: str = "") -> None:
        cs, ce = _clause_of(clauses, s)
        cues.append(_Cue(mod, s, e, cs, ce, src))

    for m in _DISPUTED[language].finditer(sentence):
        clause(Modality.DISPUTED, m.start(), m.end())
    for m in _HEDGE[language].finditer(sentence):
        forward(Modality.HEDGED, m.start(), m.end())
    taken = [(c.start, c.end) for c in cues]

    def free(s: int, e: int) -> bool:
        return not any(s < te and ts < e for ts, te in taken)

    for m in _NEGATION[language].finditer(sentence):
        if free(m.start(), m.end()):
            forward(Modality.NEGATED, m.start(), m.end())
    for m in _ACCORDING[language].finditer(sentence):
        if free(m.start(), m.end()):
            src = _source_after(sentence, m.end())
            clause(Modality.ATTRIBUTED, m.start(), m.end() + len(src), src)
    for m in _IN_WORK[language].finditer(sentence):
        if free(m.start(), m.end()):
            src = _name_forward(sentence, m.end())
            clause(Modality.ATTRIBUTED, m.start(), m.end(), src)
    if language == "en":
        for m in _POSSESSIVE_WORK.finditer(sentence):
            if free(m.start(), m.end()):
                clause(Modality.ATTRIBUTED, m.start(), m.end(), m.group(1))
    taken = [(c.start, c.end) for c in cues]
    for m in _SPEECH[language].finditer(sentence):
        if not free(m.start(), m.end()):
            continue
        before = sentence[max(0, m.start() - 20) : m.start()]
        if _NOT_ATTRIBUTION_BEFORE.search(before) or _NOT_ATTRIBUTION_AFTER.match(
                sentence[m.end() :]):
            continue
        src, s = _subject_before(sentence, m.start(), language)
        if not src and re.search(r"(?:^|[,;:—–]\s*)$", sentence[: m.start()]):
            src = _name_forward(sentence, m.end())  # "..., says X." / "пишет X"
            s = m.start()
        if not src:
            continue
        if any(ts <= s < te for ts, te in taken):
            continue
        clause(Modality.ATTRIBUTED, min(s, m.start()), m.end(), src)
    return tuple(cues)


def _governs(cue: _Cue, cs: int, ce: int, sentence: str, language: str) -> int | None:
    """Distance from the cue to the claim span when the cue governs it, else None."""
    if cue.modality is Modality.NEGATED:
        if cs <= cue.start < ce:
            return 0
        if cue.end <= cs:
            gap = sentence[cue.end : cs]
            if len(re.findall(r"\w+", gap)) <= 4 and not _BOUNDARY[language].search(gap):
                return cs - cue.end
        return None
    if cue.scope_end <= cs or ce <= cue.scope_start:
        return None
    if cue.modality is Modality.HEDGED and cue.start >= ce:
        return None
    if cs <= cue.start < ce:
        return 0
    return cs - cue.end if cue.end <= cs else cue.start - ce


def sentence_modality(
    sentence: str, *, language: str = "en", claim_start: int = 0, claim_end: int | None = None
) -> ModalityCue:
    """The modality governing the claim span [claim_start, claim_end) of `sentence`.

    With the default span (the whole sentence) any cue in the sentence counts.
    ASSERTED with an empty cue and offsets -1 when nothing governs.
    """
    lang = "ru" if language.lower().startswith("ru") else "en"
    ce = len(sentence) if claim_end is None else max(claim_start, claim_end)
    cs = max(0, claim_start)
    best: tuple[int, int, _Cue] | None = None
    source: tuple[int, str] | None = None
    for cue in _find_cues(sentence, lang):
        d = _governs(cue, cs, ce, sentence, lang)
        if d is None:
            continue
        d = abs(d)
        key = (_RANK[cue.modality], -d)
        if best is None or key > best[:2]:
            best = (key[0], key[1], cue)
        if cue.modality is Modality.ATTRIBUTED and cue.source and (source is None or d < source[0]):
            source = (d, cue.source)
    if best is None:
        return ModalityCue(Modality.ASSERTED, "", "", -1, -1)
    cue = best[2]
    return ModalityCue(cue.modality, sentence[cue.start : cue.end], source[1] if source else "",
                       cue.start, cue.end)


# ----------------------------------------------------------------- versions

_VERSION = {
    "en": Caseless(
        r"(?<![\w-])(?:(?:according\s+to|in)\s+)?(?:(?:the|an?)\s+)?(?:one|another|alternative"
        r"|other|second|third|first|official|different|competing|rival|later|earlier)\s+"
        r"(?:version|account|story)\b(?:\s+(?:says|holds|has\s+it|goes|claims|states))?"
        r"|(?<![\w-])(?:version|account)\s+(?:[0-9]+|[ivx]+|[a-c])\b"),
    "ru": Caseless(
        r"(?<![\w-])(?:(?:по|согласно)\s+)?(?:одной|другой|иной|третьей|второй|первой|официальной"
        r"|альтернативной|одна|другая|иная|третья|вторая|первая|официальная|альтернативная)\s+"
        r"(?:версии|версия|версией)\b"
        r"|(?<![\w-])версия\s+(?:[0-9]+|[ivx]+|[а-в])(?![\w-])"
        r"|(?<![\w-])по\s+другой(?=\s*[,—–-])"),
}
_PARA_BREAK = re.compile(r"\n[ \t]*\n")


def version_markers(text: str, *, language: str = "en") -> list[tuple[int, int, str]]:
    """Passages of a document that one version of events governs.

    A passage starts at a marker ("One version:", "According to another
    version,", "Version 2", "По другой версии") and runs to the next marker or
    the end of the paragraph, whichever comes first. A marker alone on its
    line (a heading) governs the paragraph that follows. The label is the
    marker as written, without trailing punctuation.
    """
    lang = "ru" if language.lower().startswith("ru") else "en"
    marks = [m for m in _VERSION[lang].finditer(text) if not _mid_phrase(text, m.start())]
    out: list[tuple[int, int, str]] = []
    for i, m in enumerate(marks):
        start = m.start()
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        search_from = m.end()
        if not text[m.end() : line_end].strip(" \t:.-—–"):
            nxt = re.search(r"\S", text[line_end:])  # a heading: govern the next paragraph
            search_from = line_end + (nxt.start() if nxt else 0)
        brk = _PARA_BREAK.search(text, search_from)
        end = brk.start() if brk else len(text)
        if i + 1 < len(marks):
            end = min(end, marks[i + 1].start())
        end = len(text[:end].rstrip())
        label = text[m.start():m.end()].strip().rstrip(":,.;—–- ")
        if end > start:
            out.append((start, end, label))
    return out


def _mid_phrase(text: str, pos: int) -> bool:
    """False when a version marker opens a sentence, line or clause."""
    before = text[max(0, pos - 3) : pos]
    return bool(before) and not re.search(r"(?:^|[.!?:;,\n(—–-]\s*|\s{2,})$", before)
