"""Benchmark accord's name matcher against nomenklatura's labelled name pairs.

Reads nomenklatura_name_bench_cases.csv (826 labelled pairs) and, beside it,
nomenklatura_logicv2_frozen_run.csv (nomenklatura's own logic_v2 verdicts on the
same cases), runs `accord.names.compare_names` on every pair and prints precision,
recall and F1 for both, overall and per schema, with pairs per second.

    python bench/names_bench.py [--data DIR] [--errors N]
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import defaultdict
from pathlib import Path

from accord.names import blocking_keys, compare_names
from accord.names import compare as _compare_module

DEFAULT_DATA = Path("/work/shared/data/names")
CASES = "nomenklatura_name_bench_cases.csv"
FROZEN = "nomenklatura_logicv2_frozen_run.csv"
KIND = {"Person": "PER", "Organization": "ORG", "Company": "ORG", "LegalEntity": "ORG"}


def _truth(v: str) -> bool:
    return v.strip().lower() == "true"


def prf(rows: list[tuple[bool, bool]]) -> tuple[float, float, float, int, int, int, int]:
    """(precision, recall, F1, tp, fp, fn, tn) of (gold, predicted) pairs."""
    tp = sum(g and p for g, p in rows)
    fp = sum(p and not g for g, p in rows)
    fn = sum(g and not p for g, p in rows)
    tn = sum(not g and not p for g, p in rows)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f1, tp, fp, fn, tn


def _line(label: str, rows: list[tuple[bool, bool]]) -> str:
    p, r, f, tp, fp, fn, tn = prf(rows)
    return f"{label:<28} P {p:.3f}  R {r:.3f}  F1 {f:.3f}   tp {tp:4d} fp {fp:4d} fn {fn:4d} tn {tn:4d}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder with the two CSV files")
    ap.add_argument("--errors", type=int, nargs="?", const=10, default=0,
                    help="print up to N false positives and N false negatives")
    args = ap.parse_args(argv)
    cases_path = args.data / CASES
    if not cases_path.exists():
        print(f"names bench skipped: {cases_path} not found (pass --data DIR)")
        return 0
    with cases_path.open(newline="", encoding="utf-8") as fh:
        cases = list(csv.DictReader(fh))

    t0 = time.perf_counter()
    results = [compare_names(c["name1"], c["name2"], KIND.get(c["schema"], c["schema"])) for c in cases]
    cold = time.perf_counter() - t0
    # second pass: parsed names cached (as in a resolver, which parses each name once and
    # compares it many times), the verdicts on pairs not
    warm = float("inf")
    for _ in range(5):
        _compare_module._compare_cached.cache_clear()
        t0 = time.perf_counter()
        for c in cases:
            compare_names(c["name1"], c["name2"], KIND.get(c["schema"], c["schema"]))
        warm = min(warm, time.perf_counter() - t0)

    ours: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
    for c, m in zip(cases, results, strict=True):
        g = _truth(c["is_match"])
        ours["all"].append((g, m.same))
        ours[c["schema"]].append((g, m.same))

    theirs: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
    frozen_path = args.data / FROZEN
    if frozen_path.exists():
        with frozen_path.open(newline="", encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                g, p = _truth(r["is_match"]), _truth(r["predicted_match"])
                theirs["all"].append((g, p))
                theirs[r["schema"]].append((g, p))

    print(f"accord.names on {len(cases)} pairs from {cases_path}")
    print(f"speed: {len(cases) / cold:,.0f} pairs/s cold (parsing included), "
          f"{len(cases) / warm:,.0f} pairs/s with parsed names cached")
    print()
    for label in ["all"] + sorted(k for k in ours if k != "all"):
        print(_line(f"accord       {label}", ours[label]))
        if theirs.get(label):
            print(_line(f"nomenklatura {label}", theirs[label]))
    if theirs:
        print(f"\n(nomenklatura: logic_v2 frozen run, {len(theirs['all'])} rows, its own threshold)")

    # blocking: how many pairs that accord calls the same share a blocking key
    same = [(c, m) for c, m in zip(cases, results, strict=True) if m.same]
    shared = sum(bool(blocking_keys(c["name1"], KIND.get(c["schema"], c["schema"]))
                      & blocking_keys(c["name2"], KIND.get(c["schema"], c["schema"]))) for c, _ in same)
    print(f"blocking: {shared}/{len(same)} pairs judged same share a blocking key")

    if args.errors:
        fps = [(c, m) for c, m in zip(cases, results, strict=True) if m.same and not _truth(c["is_match"])]
        fns = [(c, m) for c, m in zip(cases, results, strict=True) if not m.same and _truth(c["is_match"])]
        for title, rows in (("false positives", fps), ("false negatives", fns)):
            print(f"\n{title} ({len(rows)}):")
            for c, m in rows[: args.errors]:
                print(f"  [{c['schema']}] {c['name1']!r} ~ {c['name2']!r}: {m.rule} {m.score:.2f}"
                      f"  ({c['quality'] or 'MEDIUM'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
