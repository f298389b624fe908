"""Blocking keys: which names are worth comparing at all.

A resolver cannot compare every pair of N names. Each name gets a few keys per
word, chosen so that the variations `compare_names` accepts keep at least one key:
a word's first and last three letters of its spelling key (one edit cannot touch
both in a long word), first two letters plus the last (one edit in a short word),
in a word of four letters its first letter and its last two (an edit of the second),
its first consonants (vowel variants), its consonants sorted (transpositions), and
for organisations every acronym of the name; for the given names and surnames of
people, the coarse keys of how they sound, which a name written in the other
script shares ("Coombe" / "Кумб"). Initials and numbers alone are never
keys: "A." or "2nd" would block everything together.
"""

from __future__ import annotations

from .acronyms import acronyms_of
from .forms import Tok
from .memo import remembered
from .parse import norm_kind, profile
from .translit import skeleton, sound_keys


def _word_keys(key: str) -> set[str]:
    if not key:
        return set()
    sk = skeleton(key)
    out = {"k:" + sk[:3], "o:" + "".join(sorted(set(sk)))} if sk else set()
    out |= {"p:" + key[:3], "s:" + key[-3:]}  # a short word is also the start of a glued one
    if len(key) > 3:
        out.add("e:" + key[:2] + key[-1])
    if len(key) == 4:  # an edit of its second letter changes every key above
        out.add("f:" + key[0] + key[2:])
    return out


@remembered
def _spelling_keys(spellings: tuple[str, ...]) -> frozenset[str]:
    out: set[str] = set()
    for k in spellings:
        out |= _word_keys(k)
    return frozenset(out)


def word_keys(t: Tok) -> frozenset[str]:
    """The keys of one word of a name: two words that `compare` can find alike (by
    spelling key, inflection, or a few edits) share one of them."""
    return _spelling_keys(t.keys + t.lemma_keys)


@remembered
def blocking_keys(text: str, kind: str = "PER") -> frozenset[str]:
    """Keys such that two names that could match share at least one of them."""
    p = profile(text, kind)
    keys: set[str] = set()
    for t in p.parts:
        if t.role == "initial" or t.num is not None:
            continue
        if t.cjk:
            keys.add("c:" + t.raw)
        keys |= word_keys(t)
        if t.role in ("given", "surname"):  # a name adapted by sound (`compare.token_sim`)
            keys |= {"d:" + k for k in sound_keys(t.raw)}
    if norm_kind(kind) != "PER":
        keys |= {"a:" + a.lower() for a in acronyms_of(text)}
        if len(p.parts) > 1:
            keys.add("a:" + "".join(t.text[:1] for t in p.parts))
        if not keys and p.parts:
            keys |= {"n:" + t.text for t in p.parts}
    return frozenset(keys)
