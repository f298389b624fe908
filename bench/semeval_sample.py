"""Build one SemEval-2015 TimeLine cluster (30 news articles about the same companies)
and print what accord finds on it, with timings.

The cluster's raw TimeML texts are turned into plain .txt sources in a temporary
folder (title line, dateline from the document creation time, then the text with
the tokeniser's spaces undone), so accord reads them as it would read any text.

    python bench/semeval_sample.py [--corpus 1] [--data ../shared/data/semeval2015-timeline]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "data" / "semeval2015-timeline"


def detokenize(s: str) -> str:
    s = re.sub(r"\s+([.,;:!?%)\]}])", r"\1", s)
    s = re.sub(r"([(\[{$])\s+", r"\1", s)
    s = re.sub(r"\s+('s|n't|'re|'ve|'ll|'d)\b", r"\1", s)
    s = s.replace("`` ", "“").replace(" ''", "”")
    return s


def convert(tml: Path, out: Path) -> Path:
    root = ET.parse(tml).getroot()
    dct = root.find("DCT/TIMEX3").get("value")
    title = (root.findtext("EXTRAINFO") or "").strip()
    sents = [detokenize("".join(s.itertext())) for s in root.iter("s")]
    body = "\n\n".join(sents[2:] if len(sents) > 2 else sents)
    target = out / (tml.stem + ".txt")
    target.write_text(f"{detokenize(title)}\n\nPublished {dct}\n\n{body}\n", encoding="utf-8")
    return target


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", default="1")
    ap.add_argument("--data", type=Path, default=DEFAULT)
    ap.add_argument("--show", type=int, default=25, help="findings to print")
    ap.add_argument("--singles", action="store_true", help="print single-source ones too")
    args = ap.parse_args()
    src = args.data / f"corpus_{args.corpus}" / "corpus_trackA_TimeML"
    if not src.is_dir():
        print(f"skipped: {src} is not present")
        return 0
    from accord.contracts import findings_json
    from accord.pipeline import build
    from accord.store.db import Store

    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp) / "docs"
        docs.mkdir()
        for f in sorted(src.glob("*.tml")):
            convert(f, docs)
        t0 = time.perf_counter()
        report = build([str(docs)], Store(str(Path(tmp) / "b.db")))
        dt = time.perf_counter() - t0
        data = findings_json(Store(str(Path(tmp) / "b.db"), create=False))
    counts = report.findings
    print(f"corpus_{args.corpus}: {report.read} sources in {dt:.1f}s "
          f"({report.read / dt:.1f} sources/s), {report.claims} claims, "
          f"{report.entities} entities; " + ", ".join(f"{v} {k}" for k, v in sorted(counts.items())))
    shown = 0
    for f in data["findings"]:
        if (f["kind"] == "single" and not args.singles) or shown >= args.show:
            continue
        shown += 1
        print(f"\n[{f['kind']}] {f['subject']['name']} · {f['property']}"
              f"{' (' + f['scope'] + ')' if f.get('scope') else ''} — {f['explanation']}")
        for c in f["claims"]:
            print(f"   {c['value']['normalized']:<12} {c['source']['name'][:40]:<40} "
                  f"“{c['quote'][:110]}”")
    return 0


if __name__ == "__main__":
    sys.exit(main())
