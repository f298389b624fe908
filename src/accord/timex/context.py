"""Context cues around a candidate: is a bare number a year, is the sentence future?

A four-digit number is a year only when the words around it say so ("in 1942",
"(1974)", "fiscal 1989"), never because of its value alone: "1,200 men", "a force
of 1500 soldiers" and page numbers are counts. These checks are kept small and
separately testable because they decide most false positives.
"""

from __future__ import annotations

import re

_WORD_BEFORE = re.compile(r"([^\W\d_][\w.'’-]*|[(\[\"“‘,;:–—-])\s*$")
_WORD_AFTER = re.compile(r"^\s*([^\W\d_][\w'’-]*|\S)")

# After these a number is a year: they take a time, rarely a count.
YEAR_STRONG = frozenset({
    "in", "since", "until", "till", "til", "during", "circa", "c.", "ca.", "c", "ca",
    "throughout", "through", "early", "late", "mid", "mid-", "fiscal", "year", "born", "died",
    "b.", "d.", "founded", "established", "est.", "built", "published", "dated", "summer",
    "spring", "autumn", "fall", "winter", "ad", "a.d.", "anno", "pre", "post", "pre-", "post-",
    "в", "с", "до", "после", "к", "около", "между", "по", "со",
})
# After these a number may be a year or a count; the next word decides.
YEAR_WEAK = frozenset({
    "of", "from", "to", "for", "about", "around", "by", "after", "before", "than", "between",
    "and", "or", "over", "under", "into", "as", "at", "on", "as of", "beyond", "within",
    "against", "like", "the", "that", "this", "with", "while", "unlike", "versus", "vs.",
    "both", "either", "due", "predicting", "expected", "forecast",
    "от", "и", "или", "на",
})
# Before these a number is never a year.
NOT_YEAR_BEFORE = frozenset({
    "no.", "no", "nos.", "#", "page", "p.", "pp.", "pg.", "vol.", "vol", "volume", "art.",
    "ст.", "room", "flight", "route", "chapter", "ch.", "number", "num.", "tel.", "tel", "model",
    "code", "id", "item", "line", "fig.", "figure", "table", "row", "column", "§", "стр.", "с.",
    "л.", "оп.", "д.", "ф.", "№", "$", "£", "€", "rs.", "us$",
})
# Words that may follow a year in running text (function words, tense verbs and
# the few nouns a year modifies: "the 1990 budget", "1988 levels").
FOLLOW_OK = frozenset({
    "the", "a", "an", "and", "or", "but", "nor", "when", "while", "as", "where", "which", "who",
    "whom", "whose", "that", "this", "then", "to", "in", "on", "at", "for", "from", "by",
    "with", "into", "during", "after", "before", "until", "till", "since", "through", "he",
    "she", "it", "they", "we", "i", "you", "his", "her", "its", "their", "our", "my", "was",
    "were", "is", "are", "had", "has", "have", "would", "will", "could", "did", "saw", "brought",
    "marked", "began", "ended", "levels", "level", "period", "season", "budget", "census",
    "election", "elections", "figures", "results", "prices", "estimate", "estimates",
    "edition", "fiscal", "calendar", "there", "if", "not", "so", "up", "only", "also", "alone",
    "itself", "onward", "onwards", "forward", "ad", "bc", "bce", "ce", "b.c.", "a.d.",
    "года", "году", "год", "г.", "гг.", "годах", "годы", "годов", "годами", "и", "по",
})
# Measure words that make even "in 1500 ..." a count.
UNIT_AFTER = frozenset({
    "men", "people", "persons", "soldiers", "troops", "women", "children", "km", "kilometers",
    "kilometres", "miles", "meters", "metres", "feet", "ft", "yards", "pounds", "lbs", "tons",
    "tonnes", "dollars", "rubles", "roubles", "euros", "votes", "pages", "words", "copies",
    "units", "times", "rounds", "guns", "tanks", "aircraft", "planes", "ships", "members",
    "workers", "employees", "residents", "prisoners", "victims", "casualties", "deaths",
    "killed", "dead", "wounded", "cases", "points", "hours", "minutes", "seconds", "days",
    "weeks", "months", "years", "km²", "sq", "square", "cubic", "percent", "per", "%",
    "человек", "солдат", "км", "метров", "рублей", "долларов", "страниц", "лет", "дней",
    "часов", "раз", "штук", "тонн",
})


# Before a year used as a modifier ("the 1998 bombing", "a 1971 treaty").
DETERMINERS = frozenset({"the", "a", "an", "that", "this", "his", "her", "its", "their", "our",
                         "my", "your", "whose"})


def _singular_noun(word: str) -> bool:
    """A lower-case word that is not a plural or a measure: "campaign", "law"."""
    w = word.lower()
    return bool(word) and word.isalpha() and word[0].islower() and w not in UNIT_AFTER and (
        not w.endswith("s") or w.endswith(("ss", "us", "is"))) and w not in FOLLOW_OK


def word_before(text: str, start: int) -> str:
    """The token just before `start`, lowercased ("in", "(", "c.")."""
    m = _WORD_BEFORE.search(text, max(0, start - 40), start)
    return m.group(1).lower() if m else ""


def word_after(text: str, end: int) -> str:
    """The token just after `end`, as written."""
    m = _WORD_AFTER.match(text[end:end + 40])
    return m.group(1) if m else ""


def _follow_ok(nxt: str) -> bool:
    if not nxt:
        return True
    if not nxt[0].isalpha():
        return nxt not in ("%", "$")
    if nxt[0].isupper():
        return True
    return nxt.lower() in FOLLOW_OK


_COORD_BEFORE = re.compile(r"\b(?:1\d{3}|20\d{2})(?:\s*,\s*|\s+(?:and|or|to|until|till|through|и|или|по)\s+|\s*[-–—]\s*)$")
_LINE_START = re.compile(r"(?:^|\n)[ \t]*(?:[-*•]\s*)?$")
_PARENS_BEFORE = re.compile(r"[(\[]\s*$")
_PARENS_AFTER = re.compile(r"^\s*[)\]]")


_PAIRED = re.compile(r"\s*(?:and|or|to|[-–—])\s*\d[\d,.]*(?=\s)")


def is_year_context(text: str, start: int, end: int) -> bool:
    """Does the text around [start, end) make a bare number there a year?"""
    before = word_before(text, start)
    paired = _PAIRED.match(text, end)
    # "between 1200 and 1500 men": the word after the second number decides.
    nxt = word_after(text, paired.end() if paired else end)
    nl = nxt.lower()
    if before in NOT_YEAR_BEFORE:
        return False
    if nl in UNIT_AFTER:
        return False
    if _PARENS_BEFORE.search(text, max(0, start - 3), start):
        return bool(_PARENS_AFTER.match(text[end:end + 3])) or nxt in (",", ";", "–", "—", "-")
    if before in YEAR_STRONG:
        return True
    if _COORD_BEFORE.search(text, max(0, start - 20), start):
        return _follow_ok(nxt)
    if before in DETERMINERS and (_singular_noun(nxt) or nxt[:1].isupper()):
        return True  # "a 1996 law", "its 1990 invasion", "a 1971 Convention"
    if before in YEAR_WEAK:
        return _follow_ok(nxt)
    if before.isalpha() and before.islower() and _singular_noun(nxt) and \
            word_before(text, start - len(before) - 1) in DETERMINERS:
        return True  # "his unsuccessful 1996 campaign"
    if _LINE_START.search(text, max(0, start - 10), start):
        return nxt in (":", "–", "—", "-", ".")
    return False


_SENTENCE_END = re.compile(r"[.!?][\"'”’`)]*\s+(?=[^a-zа-я\s])|\n\s*\n|[;:]\s")
_FUTURE = re.compile(
    r"\b(?:will|won't|shall|going\s+to|plan(?:s|ned|ning)?\s+to|planned|planning|schedul(?:ed|es?)"
    r"|expects?\s+to|expected\s+to|intends?\s+to|is\s+to|are\s+to|due\s+to|set\s+to|upcoming"
    r"|будет|будут|планирует|намерен)\b|\w'll\b", re.I)
_QUOTE = re.compile(r"``|''|[\"“”«»]")
_FUTURE_BEFORE = re.compile(r"\b(?:as\s+(?:soon|early)\s+as)\s+(?:\w+\s+)?$",
                            re.I)


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(0, start - 300)
    s = lo
    for m in _SENTENCE_END.finditer(text, lo, start):
        s = m.end()
    m = _SENTENCE_END.search(text, end, min(len(text), end + 300))
    e = m.start() + 1 if m else min(len(text), end + 300)
    return s, e


def is_future(text: str, start: int, end: int) -> bool:
    """Does the clause around [start, end) speak of the future (for "Friday")?

    The clause is the sentence, cut at quotation marks (a quote's tense is not the
    reporting verb's) and to a few words either side.
    """
    s, e = sentence_bounds(text, start, end)
    s, e = max(s, start - 80), min(e, end + 12)
    for q in _QUOTE.finditer(text, s, start):
        s = q.end()
    q = _QUOTE.search(text, end, e)
    if q:
        e = q.start()
    if _FUTURE_BEFORE.search(text, max(s, start - 25), start):
        return True
    return bool(_FUTURE.search(text, s, e))
