"""Are two surface forms the same name? The rules, in the order they apply.

Words are compared one to one (`token_sim`): same spelling, same spelling key
(transliteration or given-name variant), a small edit distance scaled to the
length of the word, same consonants (vowels are what transliterations of Arabic
and Persian disagree on), an initial, a Russian case form. Words are then aligned
greedily, best pairs first; leftover adjacent words are tried glued together
("Blue Star" ~ "Bluestar") and, in organisations, as an acronym of a run
("U.S." ~ "United States").

What is left over decides. For persons: a leftover on *both* sides is a conflict
("Ivan Petrov" / "Pavel Petrov"), a leftover on one side is a name given more
fully (patronymic, middle name), and a single surname against a full name is a
possible match that the resolver must settle by context. For organisations every
significant word must find its partner: "Northern Liberation Army" is not the
"Northern Liberation Committee", and "20th Army" is not the "2nd Army".
"""

from __future__ import annotations

from rapidfuzz.distance import OSA

from .acronyms import acronyms_of
from .blocking import word_keys
from .forms import Match, Tok
from .memo import remembered
from .parse import Profile, merged_tok, norm_kind, profile
from .translit import skeleton, sound_keys

_VOWEL_START = frozenset("aeiou")
_MAX_GLUE_WORDS = 24  # glued-word search is cubic; names are short, mis-tagged sentences are not


def edit_limit(n: int) -> int:
    """Edits tolerated in a word of n letters: none up to 2, one up to 8, then two."""
    return 0 if n <= 2 else 1 if n <= 8 else 2


@remembered
def key_sim(ka: tuple[str, ...], kb: tuple[str, ...], la: tuple[str, ...], lb: tuple[str, ...],
            strict: bool) -> tuple[float, str]:
    """Best similarity of two words given their spelling keys (and inflection lemmas)."""
    best, how = 0.0, ""
    if set(ka) & set(kb):
        return 0.97, "variant"
    if (la or lb) and (set(ka) & set(lb) or set(kb) & set(la) or set(la) & set(lb)):
        return 0.85, "inflection"
    for x in ka:
        for y in kb:
            if strict or not x or not y or x.isdigit() or y.isdigit():
                continue
            n = max(len(x), len(y))
            d = OSA.distance(x, y, score_cutoff=3)
            if d <= edit_limit(n):
                s, h = 0.9 - 0.07 * d, "spelling"
            elif (d == 1 or (d == 2 and abs(len(x) - len(y)) <= 1 and min(len(x), len(y)) >= 5)) \
                    and skeleton(x) == skeleton(y) and (
                    x[0] == y[0] or (x[0] in _VOWEL_START and y[0] in _VOWEL_START)):
                s, h = 0.8, "vowels"
            else:
                continue
            if s > best:
                best, how = s, h
    return best, how


def token_sim(a: Tok, b: Tok) -> tuple[float, str]:
    """Similarity in [0, 1] of two words and the kind of evidence."""
    if a.num is not None or b.num is not None:
        return (1.0, "exact") if a.num == b.num else (0.0, "")
    if a.role == "initial" or b.role == "initial":
        if a.role == b.role:
            return (0.9, "initial") if a.letters & b.letters else (0.0, "")
        return (0.8, "initial") if a.letters & b.letters else (0.0, "")
    if a.cjk and b.cjk:  # a syllable of Han or Hangul changed is another name
        return (1.0, "exact") if a.raw == b.raw else (0.0, "")
    if a.text == b.text and a.text:
        return 1.0, "exact"
    if _gendered(a, b) or _gendered(b, a):
        return 0.0, ""
    s, how = key_sim(a.keys, b.keys, a.lemma_keys, b.lemma_keys, a.acr or b.acr)
    if not s and a.role == b.role == "given" and _short_form(a.text, b.text):
        return 0.75, "short form"
    if not s and a.role == b.role and a.role in ("given", "surname") and a.cyr != b.cyr and \
            sound_keys(a.raw) & sound_keys(b.raw):
        if a.role == "given":
            return 0.8, "adapted by sound"  # Ilse / Ильза, George / Джордж
        return 0.75, SURNAME_BY_SOUND  # Coombe / Кумб: only beside a given name (below)
    return s, how


# a surname that sounds the same in the other script is read as the same only when a
# given name of the two agrees too (the key of a surname is a few consonants: many
# surnames share one)
SURNAME_BY_SOUND = "surname adapted by sound"


def _gendered(f: Tok, m: Tok) -> bool:
    """A feminine surname in Latin letters against its masculine form: two people."""
    return bool(f.masc) and m.text in f.masc


def _short_form(x: str, y: str) -> bool:
    """A given name cut to its first 3-4 letters is the same name (Alex, Ben)."""
    short, long_ = (x, y) if len(x) < len(y) else (y, x)
    return 3 <= len(short) <= 4 and len(long_) > len(short) + 1 and long_.startswith(short)


_COMPATIBLE = {("initial", "given"), ("initial", "patronymic"), ("given", "initial"),
               ("patronymic", "initial")}


def _role_fit(a: Tok, b: Tok) -> int:
    return 1 if a.role == b.role or (a.role, b.role) in _COMPATIBLE else 0


# a pair: (similarity, how, tokens of A, tokens of B)
Pair = tuple[float, str, tuple[int, ...], tuple[int, ...]]


def _runs(idx: set[int], n_max: int) -> list[tuple[int, ...]]:
    """Runs of 2..n_max consecutive indices among idx."""
    s = sorted(idx)
    out: list[tuple[int, ...]] = []
    for k, start in enumerate(s):
        run = [start]
        for nxt in s[k + 1:]:
            if nxt != run[-1] + 1 or len(run) == n_max:
                break
            run.append(nxt)
            out.append(tuple(run))
    return out


def align(A: tuple[Tok, ...], B: tuple[Tok, ...], person: bool, A_all: tuple[Tok, ...] = (),
          B_all: tuple[Tok, ...] = (), whole: bool = False) -> tuple[list[Pair], set[int], set[int]]:
    """Greedy one-to-one alignment, then glued words, then acronyms of runs.

    `A_all`/`B_all` are the names' full token lists: glued words take the particles
    and function words between them ("van der Meer" ~ "Vandermeer"). With `whole`,
    only an alignment of every word matters: gluing is skipped when it cannot
    finish one (`_gluing_can_finish`).
    """
    cands = []
    for i, a in enumerate(A):
        for j, b in enumerate(B):
            s, how = token_sim(a, b)
            if s > 0:
                cands.append((s, _role_fit(a, b) if person else 1, -abs(i - j), i, j, how))
    cands.sort(reverse=True)
    ua, ub = set(range(len(A))), set(range(len(B)))
    pairs: list[Pair] = []
    for s, _fit, _d, i, j, how in cands:
        if i in ua and j in ub:
            pairs.append((s, how, (i,), (j,)))
            ua.discard(i)
            ub.discard(j)
    changed = len(A) + len(B) <= _MAX_GLUE_WORDS
    if whole and not _gluing_can_finish(len(ua), len(ub)):
        changed = False
    while changed and ua and ub:
        changed = False
        for X, Y, ux, uy, flip, X_all in ((A, B, ua, ub, False, A_all), (B, A, ub, ua, True, B_all)):
            for run in _runs(ux, 3):
                if any(X[k].num is not None or X[k].role == "initial" for k in run):
                    continue
                lo, hi = X[run[0]].pos, X[run[-1]].pos
                between = X_all[lo:hi + 1] if X_all and 0 <= lo <= hi else tuple(X[k] for k in run)
                glued = merged_tok(tuple(t for t in between if t.role != "legal"), X[run[0]].role)
                for j in sorted(uy):
                    y = Y[j]
                    if y.num is not None or y.role == "initial":
                        continue
                    s, how = token_sim(glued, y)
                    if (not s and not person and y.acr and len(run) >= 2
                            and "".join(X[k].text[:1] for k in run) == y.text):
                        s, how = 0.85, "acronym"
                    if s >= 0.75:
                        pairs.append((s, "joined" if how != "acronym" else how,
                                      (j,) if flip else run, run if flip else (j,)))
                        ux.difference_update(run)
                        uy.discard(j)
                        changed = True
                        break
                if changed:
                    break
            if changed:
                break
    return pairs, ua, ub


def _gluing_can_finish(u: int, v: int) -> bool:
    """Can glued runs leave no word unaligned, with u and v words left on the two sides?

    Each glued pair takes a run of 2 or 3 words on one side and one word on the other,
    so u = (runs glued on A's side, 2-3 words each) + (runs glued on B's side) and the
    same for v. (1, 1) or (2, 2) words left can never all be aligned; (2, 1) can."""
    if not u and not v:
        return True
    for s_a in range(u + 1):  # runs glued from A's side, one word of B each
        for s_b in range(v + 1):
            if 2 * s_a <= u - s_b <= 3 * s_a and 2 * s_b <= v - s_a <= 3 * s_b:
                return True
    return False


# ------------------------------------------------------------------ persons


def _person_conflict_rule(UA: list[Tok], UB: list[Tok]) -> str:
    roles = {t.role for t in UA} | {t.role for t in UB}
    ra, rb = {t.role for t in UA}, {t.role for t in UB}
    if "surname" in ra and "surname" in rb:
        return "conflicting surnames"
    if "patronymic" in ra and "patronymic" in rb:
        return "conflicting patronymics"
    if "initial" in roles and ({"initial", "given", "patronymic"} & ra) and (
            {"initial", "given", "patronymic"} & rb):
        return "conflicting initials"
    if "surname" in roles and not ({"given"} & ra and {"given"} & rb):
        return "conflicting surnames"
    return "conflicting given names"


def _identical(pa: Profile, pb: Profile) -> bool:
    return bool(pa.parts) and [t.raw.casefold() for t in pa.toks] == [t.raw.casefold() for t in pb.toks]


def _compare_person(pa: Profile, pb: Profile) -> Match:
    A, B = pa.parts, pb.parts
    if not A or not B:
        return Match(False, 0.0, "empty")
    if _identical(pa, pb):
        return Match(True, 1.0, "exact")
    pairs, ua, ub = align(A, B, True, pa.toks, pb.toks)
    if not pairs:
        return Match(False, 0.0, "no shared part")
    if all(how == "initial" for _, how, _, _ in pairs):
        return Match(False, 0.1, "initials only")
    if any(how == SURNAME_BY_SOUND for _, how, _, _ in pairs) and not any(
            how not in ("initial", SURNAME_BY_SOUND) for _, how, _, _ in pairs):
        return Match(False, 0.3, "a surname alike by sound alone")
    UA = [A[i] for i in sorted(ua)]
    UB = [B[j] for j in sorted(ub)]
    n = len(pairs) + len(UA) + len(UB)
    if UA and UB:
        return Match(False, round(0.4 * len(pairs) / n, 3), _person_conflict_rule(UA, UB))
    # father and son: "Farid bin Adil" is not "Adil bin Farid"
    swaps = {(A[i[0]].role, B[j[0]].role) for _, _, i, j in pairs if len(i) == 1 and len(j) == 1}
    if ("given", "patronymic") in swaps and ("patronymic", "given") in swaps:
        return Match(False, 0.35, "conflicting patronymics")
    mean = sum(s for s, _, _, _ in pairs) / len(pairs)
    hows = {how for _, how, _, _ in pairs}
    # the fuller side and the shorter one
    S, L, s_is_a = (A, B, True) if not UA else (B, A, False)
    extras = len(UB) if s_is_a else len(UA)
    s_names = [t for t in S if t.role != "initial"]
    if len(s_names) == 1 and extras:
        pair = next(p for p in pairs if S[(p[2] if s_is_a else p[3])[0]].role != "initial")
        partner = L[(pair[3] if s_is_a else pair[2])[0]]
        if partner.role in ("given", "patronymic") and not (len(L) == 2 and partner is L[-1]):
            return Match(False, round(0.45 * pair[0], 3), "given-name-only")
        if len(s_names) < len(S):
            return Match(True, round(min(mean, 0.85) * 0.95, 3), "surname+initials")
        return Match(True, round(0.65 * pair[0], 3), "surname-only")
    if "initial" in hows:
        return Match(True, round(min(mean, 0.85), 3), "surname+initials")
    score = mean * (0.93 ** min(extras, 3))
    reordered = any(_role_fit(A[i[0]], B[j[0]]) == 0 for _, how, i, j in pairs
                    if len(i) == 1 and len(j) == 1)
    cross = pa.script != pb.script
    variant_roles = {A[i[0]].role for _, how, i, _ in pairs if how == "variant" and len(i) == 1}
    if "inflection" in hows:
        rule = "inflection"
    elif hows & {"spelling", "vowels"}:
        rule = "spelling"
    elif cross:
        rule = "transliteration"
    elif "short form" in hows:
        rule = "given-name-variant"
    elif "variant" in hows:
        given_like = variant_roles & {"given", "patronymic"} or any(
            A[i[0]].role == "surname" and A[i[0]].text.endswith(("vich", "vna", "vitch"))
            for _, how, i, _ in pairs if how == "variant" and len(i) == 1)
        rule = "given-name-variant" if given_like else "transliteration"
    elif "joined" in hows:
        rule = "joined"
    elif reordered:
        rule = "reordered"
        score *= 0.95
    elif extras:
        rule = "subset"
    else:
        rule = "exact"
    return Match(True, round(min(score, 1.0), 3), rule)


# ------------------------------------------------------------- organisations


def _legal_conflict(pa: Profile, pb: Profile) -> bool:
    fa = {f for _, f in pa.legal if f != "G"}
    fb = {f for _, f in pb.legal if f != "G"}
    return bool(fa and fb and not fa & fb)


def _single_acronym(p: Profile) -> str:
    """The acronym a one-word name is written as ('RLA', 'N.A.T.O.'), else ''."""
    if len(p.parts) != 1:
        return ""
    t = p.parts[0]
    if t.num is not None or not t.raw:
        return ""
    if t.acr or (t.raw.isupper() and 2 <= len(t.raw) <= 8):
        return t.raw.upper()
    return ""


def _a_word_is_stranded(A: tuple[Tok, ...], B: tuple[Tok, ...]) -> bool:
    """Must a word of one name stay without a partner in the other? A word that shares
    no blocking key with any word of the other name (the keys are made so that words
    `token_sim` finds alike share one) can still be glued: a run of two or three words
    written as one ("Blue Star" / "Bluestar") shares the first letters of its first
    word and the last of its last, but an inner word of three need not share any.
    So such a word at either end of its name, or such words in both names, leave a
    word unaligned; and every word of an organisation's name must find its partner.
    Checking keys is much cheaper than aligning, and most pairs a block gives fail
    here ("Red Heron" / "Blue Heron" share a block only through "Heron"). A number pairs
    with the same number alone and is never glued, so two names whose numbers differ
    leave one stranded ("3rd Lantern Company" / "Second Lantern Company"); the words are checked as above
    whatever numbers stand between them. Acronyms, initials and Han syllables are
    compared by other means, and a word of three letters can differ by one edit in
    every key ("Ret" / "Red"): then no verdict here."""
    if any(t.acr or t.cjk or t.role == "initial" for t in (*A, *B)):
        return False
    if _numbers(A) != _numbers(B):
        return True
    lost_a, lost_b = _partnerless(A, B), _partnerless(B, A)
    at_end = any(i in (0, len(A) - 1) for i in lost_a) or any(i in (0, len(B) - 1) for i in lost_b)
    return at_end or bool(lost_a and lost_b)


def _partnerless(X: tuple[Tok, ...], Y: tuple[Tok, ...]) -> list[int]:
    """The words of X (longer than three letters) that share no key with a word of Y."""
    keys_y = frozenset().union(*(word_keys(t) for t in Y))
    return [i for i, t in enumerate(X)
            if t.num is None and not word_keys(t) & keys_y and not _short(t)]


def _numbers(toks: tuple[Tok, ...]) -> list[int]:
    return sorted(t.num for t in toks if t.num is not None)


def _short(t: Tok) -> bool:
    return any(len(k) <= 3 for k in (*t.keys, *t.lemma_keys))


def _compare_org(pa: Profile, pb: Profile, verdict_only: bool = False) -> Match:
    """With `verdict_only`, a name that is not the same may get a different rule and
    score than in full (it is only known not to be the same), for speed."""
    A, B = pa.parts, pb.parts
    if not A or not B:
        return Match(False, 0.0, "empty")
    if _identical(pa, pb):
        return Match(True, 1.0, "exact")
    for short, long_ in ((pa, pb), (pb, pa)):
        acr = _single_acronym(short)
        if acr and len(long_.parts) >= 2:
            if acr in acronyms_of(long_.text) or acr.lower() == "".join(t.text[:1] for t in long_.parts):
                return Match(True, 0.8, "acronym")
            return Match(False, 0.1, "acronym mismatch")
    if verdict_only and _a_word_is_stranded(A, B):
        return Match(False, 0.0, "no partner for a word")
    pairs, ua, ub = align(A, B, False, pa.toks, pb.toks, whole=verdict_only)
    UA = [A[i] for i in sorted(ua)]
    UB = [B[j] for j in sorted(ub)]
    if not pairs:
        return Match(False, 0.0, "no shared part")
    n = len(pairs) + len(UA) + len(UB)
    if UA or UB:
        frac = len(pairs) / n
        if any(t.num is not None for t in UA + UB):
            return Match(False, round(0.4 * frac, 3), "different number")
        heads = (UA and ua and max(ua) == len(A) - 1) or (UB and ub and max(ub) == len(B) - 1)
        if heads:
            return Match(False, round(0.4 * frac, 3), "different head noun")
        if UA and UB:
            return Match(False, round(0.4 * frac, 3), "conflicting words")
        return Match(False, round(0.5 * frac, 3), "extra words")
    if _legal_conflict(pa, pb):
        return Match(False, 0.4, "conflicting legal forms")
    mean = sum(s for s, _, _, _ in pairs) / len(pairs)
    hows = {how for _, how, _, _ in pairs}
    ordinal = any(A[i[0]].num is not None and A[i[0]].raw.lower() != B[j[0]].raw.lower()
                  for _, _, i, j in pairs if len(i) == 1 and len(j) == 1)
    legal_differ = {c for c, _ in pa.legal} != {c for c, _ in pb.legal}
    if "acronym" in hows:
        rule = "acronym"
    elif ordinal:
        rule = "ordinal"
    elif hows & {"spelling", "vowels"}:
        rule = "spelling"
    elif "inflection" in hows:
        rule = "inflection"
    elif pa.script != pb.script or "variant" in hows:
        rule = "transliteration"
    elif "joined" in hows:
        rule = "joined"
    elif legal_differ:
        rule = "legal-form"
        mean *= 0.97
    else:
        rule = "exact"
    return Match(True, round(min(mean, 1.0), 3), rule)


# ------------------------------------------------------------------ public


def _alternatives(text: str) -> list[str]:
    """'Kestrel Union/Blue Army' names one body twice; compare each name."""
    parts = [p.strip() for p in text.split("/")]
    if len(parts) > 1 and all(sum(c.isalpha() for c in p) >= 3 for p in parts):
        return parts
    return [text]


def _compare(a: str, b: str, kind: str, verdict_only: bool = False) -> Match:
    k = norm_kind(kind)
    if not a.strip() or not b.strip():
        return Match(False, 0.0, "empty")
    if k == "PER":
        return _compare_person(profile(a, kind), profile(b, kind))
    best: Match | None = None
    for x in _alternatives(a):
        for y in _alternatives(b):
            m = _compare_org(profile(x, kind), profile(y, kind), verdict_only)
            if best is None or (m.same, m.score) > (best.same, best.score):
                best = m
    assert best is not None
    return best


def compare_names(a: str, b: str, kind: str = "PER") -> Match:
    """Decide whether two surface forms name the same person/organisation/place, and why.

    Symmetric: the order of the two names does not change the verdict.
    """
    if b < a:
        a, b = b, a
    return _compare_cached(a, b, kind)


@remembered
def _compare_cached(a: str, b: str, kind: str) -> Match:
    """Callers such as the place index ask about the same pair again and again; the
    resolver asks about each pair once per build and so goes uncached
    (`same_name_rule`): a cache of its pairs would only hold memory."""
    return _compare(a, b, kind)


def same_name_rule(a: str, b: str, kind: str = "PER") -> str | None:
    """The rule by which two surface forms are the same name, or None when they are not:
    `compare_names` for a resolver, which keeps no reason for a pair that does not
    match, and so can skip working out the exact one."""
    if b < a:
        a, b = b, a
    m = _compare(a, b, kind, True)
    return m.rule if m.same else None
