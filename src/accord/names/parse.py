"""Surface form -> profile (tokens with roles) -> NameForm.

A *profile* is what comparison works on: every word folded to its spelling keys
and given a role. For persons the roles are given name, patronymic, surname and
initial (titles and particles are set aside); for organisations, places and the
rest they are significant word, number, stopword, legal form and designator.
Profiles are cached: a resolver compares the same names many times.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from rapidfuzz.distance import OSA

from . import lexicon as lx
from .forms import NameForm, Tok
from .lexicon import words
from .memo import remembered
from .normalize import (
    RawToken,
    clean,
    is_ru_ordinal_suffix,
    is_tens,
    number_value,
    roman_value,
    tokenize,
)
from .translit import (
    ascii_fold,
    is_cjk,
    is_cyrillic,
    romanise,
    russian_lemmas,
    script_of,
    spelling_key,
)

PERSON_KINDS = frozenset({"PER", "PERSON"})

_RU_TITLE_FORMS = frozenset(t + e for t in lx.RU_TITLES for e in lx.RU_CASE_ENDINGS)
_VOWELS_ANY = re.compile(r"[aeiouyаеёиоуыэюяіїє]", re.I)


def norm_kind(kind: str) -> str:
    """'PER' for persons, 'VESSEL' for ships, 'ORG' for every other kind of name."""
    k = (kind or "PER").upper()
    if k in PERSON_KINDS:
        return "PER"
    if k == "VESSEL":
        return "VESSEL"
    return "ORG"


@dataclass(frozen=True, slots=True)
class Profile:
    text: str
    kind: str  # PER | ORG | VESSEL
    toks: tuple[Tok, ...]  # every token left after titles
    parts: tuple[Tok, ...]  # the tokens that are aligned: persons' names, orgs' significant words
    titles: tuple[str, ...]
    legal: tuple[tuple[str, str], ...]  # (code, family)
    script: str
    upper: bool  # the whole name was written in capitals


# ----------------------------------------------------------------- tokens


def is_title(word: str) -> bool:
    """A rank, honorific or office written before a person's name."""
    if is_cyrillic(word):
        return word.lower() in _RU_TITLE_FORMS
    return ascii_fold(word) in lx.TITLES


@remembered
def _word(raw: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """(primary spelling, spelling keys, keys of inflection lemmas) of one raw word."""
    forms = romanise(raw)
    if not forms:
        return "", (), ()
    keys = tuple(dict.fromkeys(spelling_key(f) for f in forms))
    lemma_keys: list[str] = []
    if is_cyrillic(raw):
        for lemma in russian_lemmas(raw):
            for f in romanise(lemma):
                k = spelling_key(f)
                if k not in keys and k not in lemma_keys:
                    lemma_keys.append(k)
    return forms[0], keys, tuple(lemma_keys)


@remembered
def make_tok(raw: str, role: str, acr: bool = False, hyphen: bool = False, pos: int = -1) -> Tok:
    text, keys, lemma_keys = _word(raw)
    letters = {text[:1]} | {k[:1] for k in keys}
    if is_cyrillic(raw):
        letters |= {f[:1] for f in romanise(raw)}
    return Tok(text=text, keys=keys, lemma_keys=lemma_keys, letters=frozenset(letters - {""}),
               role=role, raw=raw, cjk=is_cjk(raw), cyr=is_cyrillic(raw), acr=acr, hyphen=hyphen,
               pos=pos, masc=_masculine(text) if not is_cyrillic(raw) else ())


_FEMININE = (("ova", "ov"), ("eva", "ev"), ("ina", "in"), ("yna", "yn"), ("skaya", "sky"),
             ("skaya", "skiy"), ("skaya", "skii"), ("skaia", "skii"), ("aya", "y"))


def _masculine(text: str) -> tuple[str, ...]:
    """Masculine forms of a Russian feminine surname in Latin letters ("Kurasova" -> "kurasov").

    English has no cases, so "Kurasova" in an English text is a woman, not "of Kurasov"."""
    if len(text) < 5:
        return ()
    return tuple(text[: -len(f)] + m for f, m in _FEMININE if text.endswith(f))


def merged_tok(toks: tuple[Tok, ...], role: str) -> Tok:
    """Adjacent tokens read as one word ('Blue Star' ~ 'Bluestar', 'Kura sov')."""
    raw = "".join(t.raw for t in toks)
    return make_tok(raw, role)


# ----------------------------------------------------------------- persons


def _has_ending(tok: Tok, latin: tuple[str, ...], cyrillic: tuple[str, ...], minlen: int = 5) -> bool:
    if len(tok.text) < minlen:
        return False
    if tok.cyr:
        return tok.raw.lower().endswith(cyrillic)
    return tok.text.endswith(latin)


def _is_patronymic(tok: Tok) -> bool:
    return _has_ending(tok, lx.PATRONYMIC_ENDINGS, lx.RU_PATRONYMIC_ENDINGS, 6)


def _looks_surname(tok: Tok) -> bool:
    return _has_ending(tok, lx.SURNAME_ENDINGS, lx.RU_SURNAME_ENDINGS, 5)


def _initials_of(rt: RawToken, mixed_case: bool) -> list[str] | None:
    """The letters of a token that is a run of initials ('A.', 'JC' in 'JC Kurasov')."""
    t = rt.text
    if len(t) == 1 and t.isalpha():
        return [t]
    if (mixed_case and rt.upper and 2 <= len(t) <= 3 and t.isalpha()
            and not _VOWELS_ANY.search(t)):
        return list(t)
    return None


def _comma_form(s: str) -> tuple[str, int]:
    """'Kurasov, Andrey' -> ('Andrey Kurasov', 1): the name in reading order and how many
    of its last words were the surname before the comma (0 when there was no such comma)."""
    if "," not in s:
        return s, 0
    left, right = s.split(",", 1)
    right_words = [w for w in re.split(r"[\s,]+", right) if w.strip(".")]
    left_n = len(tokenize(left, person=True))
    qualifiers_only = all(ascii_fold(w) in lx.PERSON_SUFFIXES or ascii_fold(w) in lx.LEGAL_FORMS
                          for w in right_words)
    if right_words and 1 <= left_n <= 4 and not qualifiers_only:
        return right.strip() + " " + left.strip(), left_n
    return left + " " + right, 0


def _strip_titles(raws: list[RawToken], keep_from: int) -> tuple[list[str], list[RawToken], int]:
    """Leading ranks and honorifics, trailing Jr./III and company forms:
    (titles, the rest, how many words led)."""
    titles: list[str] = []
    i = 0
    while i < len(raws) - 1 and i < keep_from and is_title(raws[i].text):
        t = raws[i].text
        titles.append(t.lower() if is_cyrillic(t) else ascii_fold(t))
        i += 1
    body = raws[i:]
    while len(body) > 2:
        f = ascii_fold(body[-1].text)
        if f in lx.PERSON_SUFFIXES or (len(f) >= 2 and f in lx.LEGAL_FORMS and f not in lx.PARTICLES):
            titles.append(f)
            body = body[:-1]
        else:
            break
    return titles, body, i


def _items(body: list[RawToken], left_from: int) -> list[tuple[str, str, bool]]:
    """(word, initial|particle|name, was left of the comma) for each word of a person's name."""
    letters_all = "".join(r.text for r in body)
    mixed_case = not (letters_all.isupper() or letters_all.islower())
    items: list[tuple[str, str, bool]] = []
    for k, rt in enumerate(body):
        left_part = k >= left_from
        folded = ascii_fold(rt.text)
        ini = _initials_of(rt, mixed_case) if not rt.text.isdigit() else None
        if ini is not None and not (folded in lx.PARTICLES and len(folded) > 1):
            items.extend((ch, "initial", left_part) for ch in ini)
            continue
        last, first = k == len(body) - 1, k == 0
        # "bin" always introduces a father's name; "ben" opening a name may be a given name;
        # "al", "de", "van" are particles inside a name, or glued to the next word
        patronymic_particle = folded in lx.PATRONYMIC_PARTICLES and not (first and folded == "ben")
        inner_particle = folded in lx.PARTICLES and not last and (
            (not first and len(body) > 2) or (first and (body[k + 1].hyphen_before or len(body) > 2)))
        if not last and (patronymic_particle or inner_particle):
            items.append((rt.text, "particle", left_part))
        elif folded or is_cyrillic(rt.text) or is_cjk(rt.text):
            items.append((rt.text, "name", left_part))
    return items


def _roles(items: list[tuple[str, str, bool]], comma: bool) -> dict[int, str]:
    """Given name, patronymic or surname for each name word.

    The surname is the last word unless the order says otherwise: a comma
    ("Kurasov, Andrey"), a patronymic at the end ("Курасов Андрей Андреевич"), or a
    Russian surname ending first and none last ("Kurasov Andrey"). A lone word is a
    surname: that is how texts refer back to people.
    """
    toks = {k: make_tok(raw, "given") for k, (raw, role, _) in enumerate(items) if role == "name"}
    names = sorted(toks)
    roles: dict[int, str] = {}
    if len(names) == 1:
        return {names[0]: "surname"}
    if not names:
        return roles
    for k in names[:-1]:  # Arabic/Hebrew: the name after bin/ibn/ben is the father's
        if k > 0 and items[k - 1][1] == "particle" and ascii_fold(items[k - 1][0]) in lx.PATRONYMIC_PARTICLES:
            roles[k] = "patronymic"
    first, last = names[0], names[-1]
    slavic_patr = [k for k in names[1:] if _is_patronymic(toks[k])]
    if comma:
        surnames = [k for k in names if items[k][2]]
    else:
        patronymic_last = (len(names) >= 3 and _is_patronymic(toks[last])
                           and not _is_patronymic(toks[names[-2]]))
        surname_ending_first = (len(names) in (2, 3) and _looks_surname(toks[first])
                                and not _looks_surname(toks[last]) and not _is_patronymic(toks[last])
                                and not _is_patronymic(toks[first]))
        surnames = [first] if patronymic_last or surname_ending_first else [last]
    for k in surnames:
        roles[k] = "surname"
    for k in slavic_patr:
        roles.setdefault(k, "patronymic")
    for k in names:
        roles.setdefault(k, "given")
    return roles


def _person(text: str) -> Profile:
    s, n_left = _comma_form(clean(text))
    raws = tokenize(s, person=True)
    left_from = len(raws) - n_left if n_left else len(raws)
    titles, body, n_lead = _strip_titles(raws, left_from)
    items = _items(body, left_from - n_lead)
    roles = _roles(items, comma=bool(n_left))
    toks = tuple(make_tok(raw, roles.get(k, role), pos=k) for k, (raw, role, _) in enumerate(items))
    letters_all = "".join(r.text for r in body)
    return Profile(text=text, kind="PER", toks=toks, parts=tuple(t for t in toks if t.role != "particle"),
                   titles=tuple(titles), legal=(), script=script_of(text), upper=letters_all.isupper())


# ----------------------------------------------------------- organisations


def _legal_phrases() -> dict[tuple[str, ...], tuple[str, str]]:
    out: dict[tuple[str, ...], tuple[str, str]] = {}
    for phrase, code in lx.LEGAL_FORMS.items():
        out[tuple(spelling_key(w) for w in phrase.split())] = code
    return out


_LEGAL = _legal_phrases()
_LEGAL_MAX = max(len(k) for k in _LEGAL)
_FUZZY_LEGAL = tuple(spelling_key(w) for w in lx.FUZZY_LEGAL_WORDS)


def _fuzzy_legal_word(key: str, at_end: bool) -> str:
    """The legal-form word a misspelt or truncated word stands for ('Corporaton',
    a registry's truncated 'JOINT STOCK COMPA'), else ''."""
    for word in _FUZZY_LEGAL:
        if len(key) >= 6 and OSA.distance(key, word) <= (2 if len(word) >= 10 else 1):
            return word
        if at_end and len(key) >= 5 and word.startswith(key):
            return word
    return ""


def _numbers(raws: list[RawToken]) -> list[tuple[RawToken, int | None, bool]]:
    """Each word with its number value if it is one: "Forty-Four" -> 44, "2-я" -> 2,
    "II" -> 2 (a Roman numeral after the first word), and whether it was written as a word."""
    words: list[tuple[RawToken, int | None, bool]] = []
    for k, rt in enumerate(raws):
        if words and words[-1][1] is not None and is_ru_ordinal_suffix(rt.text) and rt.hyphen_before:
            continue
        nv = number_value(rt.text)
        if nv is None and k > 0 and not rt.initialism:
            low = rt.text.lower()
            rv = roman_value(low)
            if rv is not None and (len(low) > 1 or k == len(raws) - 1 or rt.text.isupper()):
                nv = (rv, True)
        if nv is not None and words and words[-1][1] is not None and is_tens(words[-1][0].text) \
                and nv[0] < 10:
            prev = words.pop()
            nv = (prev[1] + nv[0], True)
            rt = prev[0]
        words.append((rt, nv[0] if nv else None, nv[1] if nv else False))
    return words


def _org_tok(rt: RawToken, num: int | None, numword: bool, upper: bool) -> Tok | None:
    if num is not None:
        return Tok(text=str(num), keys=(str(num),), lemma_keys=(), letters=frozenset(), role="number",
                   raw=rt.text, num=num, numword=numword, hyphen=rt.hyphen_before)
    low = rt.text.lower()
    folded = ascii_fold(rt.text)
    if is_cyrillic(rt.text) and low in lx.RU_LEGAL_FORMS:
        code = lx.RU_LEGAL_FORMS[low]
        return Tok(text=code, keys=(code,), lemma_keys=(), letters=frozenset(), role="legal", raw=rt.text)
    raw = lx.ABBREVIATIONS.get(folded, rt.text)
    # an acronym is compared letter for letter: "KXT" is not "KXB";
    # a word in capitals ("KESTREL") is still a word
    acr = rt.initialism or (rt.upper and not upper and 2 <= len(rt.text) <= 4) or (
        rt.upper and 2 <= len(rt.text) <= 6 and not _VOWELS_ANY.search(rt.text))
    role = "word"
    if folded in lx.STOPWORDS or low in lx.RU_STOPWORDS or folded in ("al", "el"):
        role = "stop"
    elif folded in lx.DESIGNATORS:
        role = "designator"
    tok = make_tok(raw, role, acr=acr and role == "word", hyphen=rt.hyphen_before)
    return tok if tok.text or tok.cjk else None


def _legal_roles(toks: list[Tok]) -> tuple[list[str], list[tuple[str, str]]]:
    """Mark legal forms at either end of the name, repeatedly ("JSC Kestrel Corporation Joint
    Stock Company"), never the last significant word: (roles, legal forms found)."""
    roles = [t.role for t in toks]
    lkeys = [t.keys[0] if t.keys else "" for t in toks]
    for j, t in enumerate(toks):
        if t.role == "word" and not t.acr and (lkeys[j],) not in _LEGAL:
            lkeys[j] = _fuzzy_legal_word(lkeys[j], at_end=j == len(toks) - 1) or lkeys[j]
    legal: list[tuple[str, str]] = []
    lo, hi = 0, len(toks)
    changed = True
    while changed:
        changed = False
        for from_end in (True, False):
            for n in range(min(_LEGAL_MAX, hi - lo), 0, -1):
                span = range(hi - n, hi) if from_end else range(lo, lo + n)
                if any(roles[j] == "number" for j in span) or (n > 1 and any(roles[j] == "legal" for j in span)):
                    continue
                if n == 1 and roles[span[0]] == "legal":
                    code: tuple[str, str] | None = (toks[span[0]].text, _family(toks[span[0]].text))
                else:
                    code = _LEGAL.get(tuple(lkeys[j] for j in span))
                rest_lo, rest_hi = (lo, hi - n) if from_end else (lo + n, hi)
                if code is None or not any(r in ("word", "number") for r in roles[rest_lo:rest_hi]):
                    continue
                legal.append(code)
                for j in span:
                    roles[j] = "legal"
                lo, hi = rest_lo, rest_hi
                changed = True
                break
            # function words at the edges do not stop the stripping: "Co., Ltd.", "& Co. LLC"
            while hi > lo and roles[hi - 1] == "stop":
                hi -= 1
            while lo < hi and roles[lo] == "stop":
                lo += 1
    return roles, list(dict.fromkeys(legal))


def _org(text: str, kind: str) -> Profile:
    raws = tokenize(clean(text), person=False)
    letters_all = "".join(r.text for r in raws if not r.text.isdigit())
    upper = letters_all.isupper() and len(letters_all) > 3
    toks = [t for rt, num, numword in _numbers(raws) if (t := _org_tok(rt, num, numword, upper))]
    if kind == "VESSEL":
        while len(toks) > 1 and toks[0].text in lx.VESSEL_PREFIXES:
            toks.pop(0)
    roles, legal = _legal_roles(toks)
    toks = [_retok(t, r, k) for k, (t, r) in enumerate(zip(toks, roles, strict=True))]
    parts = tuple(t for t in toks if t.role in ("word", "number"))
    return Profile(text=text, kind=kind, toks=tuple(toks), parts=parts, titles=(),
                   legal=tuple(legal), script=script_of(text), upper=upper)


def _retok(t: Tok, role: str, pos: int) -> Tok:
    if t.num is not None or (t.role == "legal" and role == "legal"):
        return replace(t, role=role, pos=pos)
    return make_tok(t.raw, role, acr=t.acr, hyphen=t.hyphen, pos=pos)


def _family(code: str) -> str:
    return lx.LEGAL_FORMS.get(code, (code, "G"))[1]


@remembered
def profile(text: str, kind: str) -> Profile:
    k = norm_kind(kind)
    if k == "PER":
        return _person(text)
    return _org(text, k)


# ----------------------------------------------------------------- public


@remembered
def parse_name(text: str, kind: str = "PER") -> NameForm:
    """Parse a surface form into a NameForm (tokens folded and romanised, parts by role)."""
    p = profile(text, kind)
    tokens = tuple(t.text for t in p.toks if t.text)
    if p.kind != "PER":
        return NameForm(text=text, kind=kind, tokens=tokens, script=p.script,
                        legal_forms=tuple(c for c, _ in p.legal))
    return NameForm(
        text=text,
        kind=kind,
        tokens=tokens,
        given=tuple(t.text for t in p.toks if t.role == "given"),
        patronymic=" ".join(t.text for t in p.toks if t.role == "patronymic"),
        surname=" ".join(t.text for t in p.toks if t.role == "surname"),
        initials=tuple(t.text for t in p.toks if t.role == "initial"),
        titles=p.titles,
        script=p.script,
    )


_TRAIL = " \t\n.,;:!?-–—/\\"
_CLOSE = {")": "(", "]": "[", "}": "{"}
_KEEP_DOT = words("co inc ltd corp jr sr st bros no")


def strip_name(text: str, kind: str | None = None) -> str:
    """The name without possessive, leading titles/ranks, quotes and trailing punctuation.

    "Lt. Gen. Kurasov's" -> "Kurasov". Titles are stripped for persons (kind "PER")
    and, when the kind is not given, unless the rest reads as an organisation
    ("General Transport Company" keeps its first word). The name's own dots stay
    ("A.A. Kurasov", "Northern Railway Co.").
    """
    s = _trim(clean(text))
    if not s:
        return ""
    k = norm_kind(kind) if kind else None
    if k in (None, "PER"):
        raws = tokenize(s, person=True)
        n = 0
        while n < len(raws) - 1 and is_title(raws[n].text):
            n += 1
        if n and k is None:
            rest = {ascii_fold(r.text) for r in raws[n:]} | {r.text.lower() for r in raws[n:]}
            if rest & (lx.ORG_WORDS | set(lx.LEGAL_FORMS)):
                n = 0
        if n:
            s = s[raws[n].start:]
    return _trim(s)


def _trim(s: str) -> str:
    """Whitespace, enclosing brackets and trailing punctuation off; a final dot stays when it
    ends an initial or an abbreviation ("A.A.", "Co.")."""
    s = " ".join(s.split())
    while len(s) > 1 and s[0] in "([{" and s[-1] in ")]}" and s.count(s[0]) == 1:
        s = s[1:-1].strip()
    s = s.lstrip(_TRAIL + ")]}")
    core = s.rstrip(_TRAIL)
    while core and core[-1] in _CLOSE and core.count(core[-1]) > core.count(_CLOSE[core[-1]]):
        core = core[:-1].rstrip(_TRAIL)
    if s[len(core):len(core) + 1] == ".":
        last = re.findall(r"[^\W_]+$", core)
        word = last[0] if last else ""
        if len(word) == 1 or word.lower() in _KEEP_DOT or ascii_fold(word) in lx.LEGAL_FORMS:
            core += "."
    return core
