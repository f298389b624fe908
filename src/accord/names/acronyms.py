"""Acronyms: what a long name abbreviates to, and where a text defines one.

An acronym is formed by writers in several ways: with or without the function
words ("PLA" vs "POLA"), one letter per hyphenated part or per word ("TASC" vs
"TSC"), from a romanised form of a foreign name ("SOA" for "Severnaya
Osvoboditel'naya Armiya"). `acronyms_of` gives all of them; a resolver that sees
"SOA" cannot know it names the "Northern Liberation Army" unless a text says so,
which is what `find_acronym_definitions` reads.
"""

from __future__ import annotations

import re
from itertools import product

from . import lexicon as lx
from .memo import remembered
from .normalize import clean, tokenize
from .translit import ascii_fold, is_cyrillic, romanise

_ABBREV_LEGAL = frozenset(k for k in lx.LEGAL_FORMS if " " not in k and len(k) <= 5)


def _first_letters(word: str) -> set[str]:
    """Upper-case first letters a word may contribute (Latin, and Cyrillic as written)."""
    if word.isdigit():
        return {word}
    out = {f[:1].upper() for f in romanise(word) if f}
    if is_cyrillic(word):
        out.add(word[:1].upper())
    return out - {""}


@remembered
def acronyms_of(name: str) -> frozenset[str]:
    """Acronyms a name may be written as.

    "Northern Liberation Army" -> {"NLA"}; "Trans-Atlantic Shipping Company" ->
    {"TASC", "TSC", "TAS"}; "Severnaya Osvoboditel'naya Armiya" -> {"SOA"};
    "Северная освободительная армия" -> {"SOA", "СОА", ...}. A one-word name
    written in capitals is its own acronym. Fewer than two letters is no acronym.
    """
    raws = tokenize(clean(name), person=False)
    if not raws:
        return frozenset()
    if len(raws) == 1:
        t = raws[0]
        if (t.upper or t.initialism) and 2 <= len(t.text) <= 10:
            return frozenset({t.text.upper()})
        return frozenset()
    words = []
    for k, rt in enumerate(raws):
        f = ascii_fold(rt.text)
        low = rt.text.lower()
        if k == 0 and f in ("the", "a", "an"):
            continue
        stop = f in lx.STOPWORDS or low in lx.RU_STOPWORDS
        abbrev_legal = (rt.dotted or rt.upper or rt.initialism or low in lx.RU_LEGAL_FORMS) and (
            f in _ABBREV_LEGAL or low in lx.RU_LEGAL_FORMS)
        if abbrev_legal:
            continue
        full_legal = f in lx.LEGAL_FORMS and not stop
        words.append((rt.text, rt.hyphen_before, stop, full_legal))
    out: set[str] = set()
    for with_stops, per_hyphen_part, with_legal in product((False, True), repeat=3):
        letters: list[set[str]] = []
        for text, hyphen, stop, legal in words:
            if stop and not with_stops:
                continue
            if legal and not with_legal:
                continue
            if hyphen and not per_hyphen_part and letters:
                continue
            letters.append(_first_letters(text))
        if len(letters) < 2:
            continue
        options = 1
        for s in letters:
            options *= len(s)
        if options > 64:  # a long Cyrillic name: one Latin and one Cyrillic reading
            letters = [{sorted(s)[0]} for s in letters]
        for combo in product(*letters):
            acr = "".join(combo)
            scripts = {is_cyrillic(c) for c in combo if not c.isdigit()}
            if len(scripts) > 1:
                continue
            if len(acr) >= 2 and (with_legal or len(acr) >= 3 or not any(w[3] for w in words)):
                out.add(acr)
    return frozenset(out)


# ----------------------------------------------------------- definitions

_ACR = r"[^\W\d_][\w.&\-]{0,11}"
_ACR_RE = re.compile(rf"(?<![\w]){_ACR}(?![\w])")
_PAREN = re.compile(r"\(([^()]{1,200})\)")
_LEAD = re.compile(r"^\s*(?:the\s+|hereafter\s+|hereinafter\s+|далее\s*[-—–:]?\s*)", re.I)
_FROM = re.compile(
    r"^\s*(?:from|for|short\s+for|abbreviated\s+from|abbreviation\s+of|i\.\s?e\.|от|сокр\.?\s*от|"
    r"сокращение\s+от)\s+", re.I)
_KNOWN = re.compile(
    r",?\s+(?:(?:also|better|commonly|widely|later|usually|often)\s+)?(?:known|referred\s+to|"
    r"abbreviated)\s+(?:as|to)\s+(?:the\s+)?[\"'«“]?(" + _ACR + r")|\s+(?:is|was|are)\s+called\s+"
    r"(?:the\s+)?[\"'«“]?(" + _ACR + r")|,?\s+(?:известн\w*|именуем\w*)"
    r"\s+как\s+[\"«“]?(" + _ACR + r")", re.I)
_OR = re.compile(r",\s+or\s+(?:the\s+)?(" + _ACR + r")\s*(?=[,;.)])")
_WINDOW = 400  # a long form is looked for this many characters back, not in the whole text
_SENTENCE_END = re.compile(r"[.;:!?()\[\]\n]")
_WORD = re.compile(r"[^\W_][\w'’\-]*")


def _is_acronym(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    ups = sum(c.isupper() for c in letters)
    return 2 <= len(letters) <= 10 and ups >= 2 and ups * 2 >= len(letters) and not s.endswith("-")


def _sh_fits(short: str, long_: str) -> bool:
    """The Schwartz & Hearst (2003) test: the short form's letters appear in order in the long form,
    the first at the start of a word."""
    s = [c for c in short.lower() if c.isalnum()]
    ll = long_.lower()
    si, li = len(s) - 1, len(ll) - 1
    while si >= 0:
        c = s[si]
        while li >= 0 and (ll[li] != c or (si == 0 and li > 0 and ll[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return False
        li -= 1
        si -= 1
    return True


def _fits(short: str, long_: str) -> bool:
    letters = "".join(c for c in short if c.isalnum()).upper()
    if letters in acronyms_of(long_):
        return True
    words = _WORD.findall(long_)
    if len(words) < 2 or len(words) > len(letters) + 4:
        return False
    if is_cyrillic(long_) and not is_cyrillic(short):
        long_ = " ".join(romanise(w)[0] if romanise(w) else "" for w in words)
    first = romanise(words[0])[0][:1].upper() if romanise(words[0]) else ""
    return (_sh_fits(letters, long_) and first == ascii_fold(letters[:1]).upper()) or (
        is_cyrillic(short) == is_cyrillic(long_) and _sh_fits(letters, long_))


def _capitalised(w: str) -> bool:
    return w[:1].isupper() or w[:1].isdigit()


def _long_before(text: str, end: int, short: str) -> tuple[str, int] | None:
    """The shortest run of words ending at `end` (same sentence) that the short form abbreviates."""
    start = max(0, end - _WINDOW)
    for m in _SENTENCE_END.finditer(text, start, end):
        # a dot inside an abbreviation ("U.S.") does not end the sentence
        if m.group(0) == "." and m.end() < len(text) and not text[m.end():m.end() + 1].isspace():
            continue
        start = m.end()
    words = list(_WORD.finditer(text, start, end))
    n_letters = sum(c.isalnum() for c in short)
    for k in range(1, min(len(words), 2 * n_letters + 3) + 1):
        span = words[-k:]
        first = span[0].group(0)
        if ascii_fold(first) in lx.STOPWORDS or not _capitalised(first):
            continue
        cand = text[span[0].start(): span[-1].end()]
        if _fits(short, cand):
            return cand, span[0].start()
    return None


def _name_run_before(text: str, end: int) -> str:
    """The run of capitalised words (joined by function words) right before `end`."""
    words = list(_WORD.finditer(text, max(0, end - _WINDOW), end))
    run: list[re.Match[str]] = []
    for w in reversed(words):
        if text[w.end():end if not run else run[0].start()].strip(" ,") and run:
            break
        t = w.group(0)
        if _capitalised(t) or (ascii_fold(t) in lx.STOPWORDS and run):
            run.insert(0, w)
        else:
            break
    while run and (not _capitalised(run[0].group(0)) or ascii_fold(run[0].group(0)) in lx.STOPWORDS):
        run.pop(0)
    return text[run[0].start(): run[-1].end()] if run else ""


def find_acronym_definitions(text: str) -> list[tuple[str, str, int, int]]:
    """(long form, short form, start, end of the short form) for each definition in a text.

    Reads "Long Name (LN)", "LN (Long Name)", "LN (from Long Name)", "Long Name (LN,
    from Romanised Name)", "Long Name, known as LN", "Long Name, or LN,". A pair is
    kept only when the letters of the short form fit the long form (or its
    romanisation), except that a text explaining "LN, from X" also equates LN with
    the name right before the bracket.
    """
    found: dict[tuple[str, str, int, int], None] = {}
    for m in _PAREN.finditer(text):
        inner = m.group(1)
        lead = _LEAD.match(inner)
        off = m.start(1) + (lead.end() if lead else 0)
        body = inner[lead.end():] if lead else inner
        segments = [seg.strip() for seg in re.split(r"[,;]", body)]
        acrs = [seg for seg in segments if _is_acronym(seg) and _ACR_RE.fullmatch(seg)]
        if acrs:
            head = acrs[0]
            s_start = off + body.index(head)
            s_end = s_start + len(head)
            hit = _long_before(text, m.start(), head)
            if hit:
                found[(hit[0], head, s_start, s_end)] = None
            for seg in segments:
                expl = _FROM.sub("", seg).strip(" .")
                if seg == head or not expl or not _fits(head, expl):
                    continue
                found[(expl, head, s_start, s_end)] = None
                run = "" if hit else _name_run_before(text, m.start())
                if run:
                    found[(run, head, s_start, s_end)] = None
            continue
        # "LN (Long Name)" / "LN (from Long Name)"
        before = list(_ACR_RE.finditer(text, max(0, m.start() - 14), m.start()))
        if not before or text[before[-1].end(): m.start()].strip():
            continue
        short = before[-1].group(0)
        if not _is_acronym(short):
            continue
        explained = bool(_FROM.match(inner))
        long_ = _FROM.sub("", inner).split(";")[0].strip(" .,")
        if _fits(short, long_) or (explained and long_ and len(_WORD.findall(long_)) >= 2):
            found[(long_, short, before[-1].start(), before[-1].end())] = None
    for rx in (_KNOWN, _OR):
        for m in rx.finditer(text):
            g = next(i for i in range(1, (m.re.groups or 0) + 1) if m.group(i))
            short = m.group(g)
            if not _is_acronym(short):
                continue
            hit = _long_before(text, m.start(), short)
            if hit:
                found[(hit[0], short, m.start(g), m.end(g))] = None
            elif _explained_after(text, m.end(g), short):
                # "Long Name, known as LN (from Romanised Name)": the letters fit the
                # romanised name, and the text equates LN with the name before it too
                run = _name_run_before(text, m.start())
                if run:
                    found[(run, short, m.start(g), m.end(g))] = None
    return sorted(found, key=lambda d: (d[2], d[0]))


_AFTER = re.compile(r"\s*\(([^()]{1,200})\)")


def _explained_after(text: str, pos: int, short: str) -> bool:
    m = _AFTER.match(text, pos)
    return bool(m) and _fits(short, _FROM.sub("", m.group(1)).strip(" .,"))
