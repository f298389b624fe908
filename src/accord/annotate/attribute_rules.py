"""The English model's attribute rules, applied by table look-up instead of spaCy's Matcher.

The small English model maps each fine-grained tag to its coarse part of speech and
morphology, and mends some words (auxiliaries, negation, contractions), with an
`attribute_ruler` of about 180 token patterns. spaCy runs them through its general
Matcher, which tries every pattern at every token: about a sixth of the whole
pipeline's time, as much as the parser. Nearly all the patterns test a token's own
tag, lowercase form, dependency label or whether it is a space, so the patterns a
token matches follow from those four values, which repeat all through a text: they
are worked out once per combination and the attributes written back as arrays.

`AttributeRules.compile` reads the patterns of whatever model is loaded and says
None when one uses anything else (another attribute, a quantifier, a predicate it
does not know); the model's own ruler then stays. Otherwise the result is the
ruler's, token for token (tests/test_attribute_rules.py): every pattern is matched
against the text as the parser left it, the matches are applied in the order the
rules were added, and a later rule's value wins.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

TESTED = ("TAG", "LOWER", "DEP", "IS_SPACE")  # the token values a pattern may test
MEMO = 1 << 13  # combinations remembered (they grow with the vocabulary), then forgotten
# (Measured over 200 sources annotated in turn: 13k combinations held 4.5 MB, so 32k
# would hold 11; with 8k the rules missed 20k times instead of 13k, 0.1 s more in all,
# with 2k 121k times, 4 s more.)


@dataclass(frozen=True)
class _Rule:
    rank: int  # the order the ruler added it in: later rules win
    tests: tuple[Callable[[tuple[str, str, str, bool]], bool], ...]  # one per token
    index: int  # which token of the match gets the attributes (may count from the end)
    attrs: tuple[tuple[int, int], ...]  # (attribute id, value hash)
    # a value the first token must have, as (place in TESTED, the values allowed): the
    # rules are looked up by it, not all tried on every new kind of token
    needs: tuple[int, frozenset[str]] | None = None


class AttributeRules:
    """A spaCy pipeline component equal to an `attribute_ruler` of token patterns."""

    def __init__(self, rules: Sequence[_Rule], written: Sequence[int]) -> None:
        self._rules = tuple(rules)
        self._open = tuple(k for k, r in enumerate(self._rules) if r.needs is None)
        self._by_value: dict[tuple[int, str], list[int]] = {}
        for k, r in enumerate(self._rules):
            if r.needs is not None:
                for v in r.needs[1]:
                    self._by_value.setdefault((r.needs[0], v), []).append(k)
        self._written = tuple(written)
        self._column = {a: k for k, a in enumerate(self._written)}
        self._memo: dict[tuple[int, ...], tuple[tuple[_Rule, ...], tuple[_Rule, ...], tuple[tuple[int, int], ...]]] = {}

    @classmethod
    def compile(cls, ruler: Any) -> AttributeRules | None:
        """The ruler's patterns as look-up rules; None when one is beyond them."""
        rules: list[_Rule] = []
        for rank, (entry, attrs) in enumerate(zip(ruler.patterns, ruler.attrs, strict=True)):
            values = tuple(sorted((int(a), int(v)) for a, v in attrs.items()))
            for pattern in entry["patterns"]:
                tests = tuple(_token_test(spec) for spec in pattern)
                if not tests or None in tests:
                    return None
                rules.append(_Rule(rank, tests, int(entry.get("index", 0)), values,  # type: ignore[arg-type]
                                   _needs(pattern[0])))
        written = sorted({a for r in rules for a, _v in r.attrs})
        return cls(rules, written)

    def __call__(self, doc: Any) -> Any:
        import numpy as np
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

        if not len(doc) or not self._written:
            return doc
        strings = doc.vocab.strings
        seen = doc.to_array([TAG, LOWER, DEP, IS_SPACE])
        combos, which = np.unique(seen, axis=0, return_inverse=True)
        which = which.reshape(-1)
        width = len(self._written)
        sets = np.zeros((len(combos), width), dtype=bool)  # what each combination's rules set
        to = np.zeros((len(combos), width), dtype=np.uint64)
        starts: list[tuple[int, tuple[_Rule, ...]]] = []  # combinations that may begin a longer pattern
        for u, key in enumerate(map(tuple, combos.tolist())):
            got = self._memo.get(key)
            if got is None:
                if len(self._memo) >= MEMO:
                    self._memo.clear()
                got = self._memo[key] = self._matching(_values(strings, key))
            for column, v in got[2]:
                sets[u, column], to[u, column] = True, v
            if got[1]:
                starts.append((u, got[1]))
        before = doc.to_array(list(self._written))
        after = np.where(sets[which], to[which], before)
        # the rare longer patterns: the tokens they set get their rules folded anew
        longer: dict[int, list[_Rule]] = {}
        for u, begun in starts:
            for i in np.flatnonzero(which == u).tolist():
                for r in begun:
                    n = len(r.tests)
                    if i + n <= len(doc) and all(
                            r.tests[k](_values(strings, tuple(seen[i + k].tolist()))) for k in range(1, n)):
                        longer.setdefault(i + (r.index if r.index >= 0 else n + r.index), []).append(r)
        for i, rules in longer.items():
            own = self._matching(_values(strings, tuple(seen[i].tolist())))[0]
            row = before[i].tolist()
            for column, v in _folded(sorted((*own, *rules), key=lambda r: r.rank), self._column):
                row[column] = v
            after[i] = row
        doc.from_array(list(self._written), after)
        return doc

    def _matching(self, token: tuple[str, str, str, bool]
                  ) -> tuple[tuple[_Rule, ...], tuple[_Rule, ...], tuple[tuple[int, int], ...]]:
        """The one-token rules a token matches, the longer ones it may begin, and what
        the one-token rules set: (column, value), a later rule's value winning."""
        maybe = {*self._open}
        for at in (0, 1, 2):  # tag, lowercase, dependency
            maybe.update(self._by_value.get((at, token[at]), ()))
        first = [r for r in (self._rules[k] for k in sorted(maybe)) if r.tests[0](token)]
        single = tuple(r for r in first if len(r.tests) == 1)
        return single, tuple(r for r in first if len(r.tests) > 1), _folded(single, self._column)


def _folded(rules: Sequence[_Rule], column: dict[int, int]) -> tuple[tuple[int, int], ...]:
    out: dict[int, int] = {}
    for r in rules:
        for a, v in r.attrs:
            out[column[a]] = v
    return tuple(out.items())


def _values(strings: Any, key: tuple[int, ...]) -> tuple[str, str, str, bool]:
    tag, low, dep, space = key
    return strings[tag], strings[low], strings[dep], bool(space)


def _token_test(spec: dict) -> Callable[[tuple[str, str, str, bool]], bool] | None:
    """One token's pattern as a test of (tag, lowercase, dependency, is space); None for
    what the Matcher offers beyond that (other attributes, quantifiers, predicates)."""
    checks: list[Callable[[tuple[str, str, str, bool]], bool]] = []
    for key, want in spec.items():
        if key not in TESTED:
            return None
        at = TESTED.index(key)
        if key == "IS_SPACE":
            if not isinstance(want, bool):
                return None
            checks.append(lambda t, at=at, want=want: t[at] is want)
            continue
        check = _string_test(want)
        if check is None:
            return None
        checks.append(lambda t, at=at, check=check: check(t[at]))
    return lambda t: all(c(t) for c in checks)


def _needs(spec: dict) -> tuple[int, frozenset[str]] | None:
    """The values one of a token's tested strings must take, where a pattern says so."""
    for key in ("TAG", "LOWER", "DEP"):
        want = spec.get(key)
        if isinstance(want, str):
            return TESTED.index(key), frozenset([want])
        if isinstance(want, dict) and isinstance(want.get("IN"), list) and len(want) == 1:
            return TESTED.index(key), frozenset(want["IN"])
    return None


def _string_test(want: Any) -> Callable[[str], bool] | None:
    if isinstance(want, str):
        return lambda s: s == want
    if not isinstance(want, dict) or len(want) != 1:
        return None
    (op, arg), = want.items()
    if op == "IN" and isinstance(arg, list):
        allowed = frozenset(arg)
        return lambda s: s in allowed
    if op == "NOT_IN" and isinstance(arg, list):
        barred = frozenset(arg)
        return lambda s: s not in barred
    if op == "REGEX" and isinstance(arg, str):
        pattern = re.compile(arg)
        return lambda s: pattern.search(s) is not None
    return None
