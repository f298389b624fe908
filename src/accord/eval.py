"""Score a build against a gold file (DESIGN.md §6).

A gold finding is matched by a reported finding of its kind whose subject has the
gold subject among its names, and which holds, for each gold value, a claim from
one of the gold sources whose value text or normalised value contains it. A gold
`agree` is also matched by a `refines` finding (compatible values, one narrower:
the sources corroborate each other). `not-conflict` passes when no reported
conflict matches it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

import yaml

KIND_MATCHES = {"conflict": {"conflict"}, "agree": {"agree", "refines"},
                "refines": {"refines"}, "disputed": {"disputed"}, "single": {"single"}}


@dataclass
class Score:
    name: str
    hits: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.hits / self.total if self.total else 1.0

    def __str__(self) -> str:
        return f"{self.name}: {self.value:.3f} ({self.hits}/{self.total})"


@dataclass
class EvalResult:
    scores: dict[str, Score] = field(default_factory=dict)
    missed: list[dict[str, Any]] = field(default_factory=list)
    unexpected: list[dict[str, Any]] = field(default_factory=list)

    def get(self, name: str) -> float:
        return self.scores[name].value


def load_gold(path: str | Path) -> dict[str, Any]:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    for key in ("entities", "distinct", "findings"):
        data.setdefault(key, [])
    return data


def _names(f: dict[str, Any]) -> set[str]:
    subj = f["subject"]
    return {subj["name"].lower(), *(a.lower() for a in subj.get("aliases", []))}


def finding_matches(gold: dict[str, Any], f: dict[str, Any], kinds: set[str]) -> bool:
    if f["kind"] not in kinds:
        return False
    if gold.get("property") and gold["property"] != f["property"]:
        return False
    if str(gold["subject"]).lower() not in _names(f):
        return False
    sources = {str(s) for s in gold.get("sources", [])}
    for v in gold.get("values", []):
        v = str(v).lower()
        ok = any(
            (not sources or c["source"]["name"] in sources)
            and (v in str(c["value"]["text"]).lower() or v in str(c["value"]["normalized"]).lower())
            for c in f["claims"]
        )
        if not ok:
            return False
    return not sources or sources <= {c["source"]["name"] for c in f["claims"]}


def evaluate(gold: dict[str, Any], findings: list[dict[str, Any]],
             entities: list[dict[str, Any]]) -> EvalResult:
    res = EvalResult()
    for kind in ("conflict", "agree"):
        golds = [g for g in gold["findings"] if g["kind"] == kind]
        kinds = KIND_MATCHES[kind]
        rec = Score(f"{kind} recall", total=len(golds))
        for g in golds:
            if any(finding_matches(g, f, kinds) for f in findings):
                rec.hits += 1
            else:
                res.missed.append(g)
        reported = [f for f in findings if f["kind"] in kinds]
        prec = Score(f"{kind} precision", total=len(reported))
        for f in reported:
            if any(finding_matches(g, f, kinds) for g in golds):
                prec.hits += 1
            elif kind == "conflict":
                res.unexpected.append(f)
        res.scores[rec.name] = rec
        res.scores[prec.name] = prec
    nc = [g for g in gold["findings"] if g["kind"] == "not-conflict"]
    ok = Score("not-conflict pass", total=len(nc))
    for g in nc:
        if not any(finding_matches(g, f, {"conflict"}) for f in findings):
            ok.hits += 1
        else:
            res.missed.append(g)
    res.scores[ok.name] = ok
    p, r = entity_pairs(gold, entities)
    res.scores[p.name] = p
    res.scores[r.name] = r
    return res


def entity_pairs(gold: dict[str, Any], entities: list[dict[str, Any]]) -> tuple[Score, Score]:
    """Pairwise precision and recall over the surface forms the gold file names."""
    where: dict[str, set[str]] = {}
    for e in entities:
        for a in [e["name"], *e["aliases"]]:
            where.setdefault(a.lower(), set()).add(e["id"])

    def same(a: str, b: str) -> bool:
        return bool(where.get(a.lower(), set()) & where.get(b.lower(), set()))

    recall = Score("entity pair recall")
    positives = set()
    for cluster in gold["entities"]:
        for a, b in combinations([str(x) for x in cluster], 2):
            positives.add(frozenset((a.lower(), b.lower())))
            recall.total += 1
            recall.hits += same(a, b)
    precision = Score("entity pair precision")
    forms = sorted({str(x) for c in gold["entities"] for x in c}
                   | {str(x) for d in gold["distinct"] for x in d})
    for a, b in combinations(forms, 2):
        if same(a, b):
            precision.total += 1
            precision.hits += frozenset((a.lower(), b.lower())) in positives
    return precision, recall
