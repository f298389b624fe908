"""Incremental: adding one source to a 1,000-source build, against the full build.

    python bench/incremental.py [--sources 1000] [--jobs 2]

Makes 1,000 short sources from the seeds (`synth.py`, a quarter of each seed's
sentences per source, about 2k characters each), builds them, then rebuilds with
nothing changed, and with one source added. Each run in a fresh process, as a user
would run `accord build` again. About three minutes here (2 cores), nearly all of
it the full build. Target: the one-source rebuild costs <= 5% of the full build.
Prints numbers, asserts nothing; for the builds that run the corpus-wide stage it
also prints that stage step by step (read what is stored, make missing source keys,
source keys, copies, resolve, file the claims, judge the keys that changed and write), to show where a one-source rebuild goes. A
rebuild with nothing changed skips that stage altogether.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import child  # noqa: E402
from synth import make_corpus, seed_texts  # noqa: E402


def _line(name: str, r: dict) -> str:
    steps = r.get("corpus_steps") or {}
    return (f"{name:<22} {r['seconds']:7.2f} s  (read {r['read']}, unchanged {r['unchanged']}; "
            + ", ".join(f"{k} {v:.2f}" for k, v in r["stages"].items()) + ")"
            + ("\n" + " " * 33 + "resolve+align: " + ", ".join(f"{k} {v:.2f}" for k, v in steps.items())
               if steps else ""))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sources", type=int, default=1000)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    if not seed_texts():
        print("skipped: ../shared/seeds is not present")
        return
    with tempfile.TemporaryDirectory() as tmp:
        pile, db = Path(tmp) / "pile", str(Path(tmp) / "inc.db")
        make_corpus(pile, args.sources, keep=0.25)
        chars = sum(len(p.read_text(encoding="utf-8")) for p in pile.iterdir())
        print(f"corpus: {args.sources} sources, {chars / 1e6:.2f} M characters")
        run = dict(inputs=[str(pile)], db=db, jobs=args.jobs)
        full = child("build", **run)
        print(_line("full build", full), flush=True)
        same = child("build", **run)
        print(_line("rebuild, no change", same), flush=True)
        make_corpus(pile, 1, keep=0.25, start=args.sources)
        one = child("build", **run)
        print(_line("rebuild, +1 source", one), flush=True)
    print(f"ratio (+1 source rebuild) / full build = {one['seconds'] / full['seconds']:.3f}  "
          "(target <= 0.05)")
    print(f"ratio (no-change rebuild) / full build = {same['seconds'] / full['seconds']:.3f}")
    per_source = one["seconds"] - one["stages"].get("corpus", 0)
    print(f"of which outside resolve+align (check, annotate, write): "
          f"{per_source:.2f} s = {per_source / full['seconds']:.3f} of the full build; "
          f"resolve+align over the whole corpus: {one['stages'].get('corpus', 0):.2f} s")


if __name__ == "__main__":
    main()
