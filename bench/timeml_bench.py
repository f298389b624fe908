"""Score accord's time tagger against TimeML gold, beside dateparser as a baseline.

Usage:
    python bench/timeml_bench.py [--split train|test] [--data DIR] [--errors N]

Data: DIR/train (TimeBank + AQUAINT, for development) and DIR/test (TempEval-3
platinum, for the one reported run). DIR defaults to ../shared/data/timeml relative
to the repository root; when it is missing the script says so and exits 0.

What is scored (TempEval-3 definitions):
  * the text is the content of each document's <TEXT> element with all tags removed
    and entities unescaped; gold spans are the TIMEX3s inside it;
  * accord is run through `tag_timeml`, the same tagger with TimeML's extents for
    spans (the two ends of "from 1941 to 1945" are two timexes, as in the gold);
  * the document creation time (the TIMEX3 with functionInDocument="CREATION_TIME",
    in the <DCT> header, outside <TEXT>) is passed as `document_date` and is not
    scored: it is outside the scored text, so neither gold nor system output has it;
  * strict extent: same start and end; relaxed extent: the spans overlap (one-to-one);
  * value accuracy: share of relaxed matches whose value equals the gold value;
  * value F1: P and R counting only relaxed matches with the correct value
    (TempEval-3 attribute F1, equal to relaxed F1 x value accuracy).
The baseline is `dateparser.search.search_dates` with the DCT as RELATIVE_BASE; each
found string is located in the text left to right and its value is the parsed
datetime written to the precision dateparser reports (day, month, year, time).
`--errors N` prints N of accord's misses and false alarms, and is refused on the
test split so that test gold is never read for tuning.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import time
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = (REPO / ".." / "shared" / "data" / "timeml").resolve()


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    value: str
    type: str = ""
    text: str = ""


@dataclass(frozen=True)
class Doc:
    name: str
    text: str
    dct: date | None
    gold: tuple[Span, ...]


_TOKEN = re.compile(r"<[^>]+>|&[#\w]+;|[^<&]+|[<&]")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def read_tml(path: Path) -> Doc:
    raw = path.read_text(encoding="utf-8")
    dct = None
    m = re.search(r"<DCT>\s*<TIMEX3([^>]*)>", raw)
    if m:
        v = dict(_ATTR.findall(m.group(1))).get("value", "")
        try:
            dct = date.fromisoformat(v[:10])
        except ValueError:
            dct = None
    body = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
    content = body.group(1) if body else ""
    out: list[str] = []
    pos = 0
    gold: list[Span] = []
    open_attrs: dict[str, str] | None = None
    open_at = 0
    for tok in _TOKEN.findall(content):
        if tok.startswith("<") and len(tok) > 1:
            if tok.startswith("<TIMEX3"):
                open_attrs, open_at = dict(_ATTR.findall(tok)), pos
            elif tok.startswith("</TIMEX3") and open_attrs is not None:
                text = "".join(out)[open_at:pos]
                gold.append(Span(open_at, pos, open_attrs.get("value", ""),
                                 open_attrs.get("type", ""), text))
                open_attrs = None
            continue
        piece = html.unescape(tok) if tok.startswith("&") else tok
        out.append(piece)
        pos += len(piece)
    return Doc(path.name, "".join(out), dct, tuple(gold))


def load(split_dir: Path) -> list[Doc]:
    return [read_tml(p) for p in sorted(split_dir.rglob("*.tml"))]


# ----------------------------------------------------------------- systems


def run_accord(doc: Doc) -> list[Span]:
    # TimeML marks the two ends of a span ("from 1941 to 1945") as two timexes; accord's
    # `tag` keeps the span as one interval, `tag_timeml` gives the TimeML extents.
    from accord.timex.tagger import tag_timeml

    return [Span(t.start, t.end, t.value, t.type, t.text)
            for t in tag_timeml(doc.text, document_date=doc.dct)]


def _dateparser_value(s: str, dt: datetime, parser) -> str:
    period = "day"
    try:
        data = parser.get_date_data(s)
        period = getattr(data, "period", None) or "day"
    except Exception:  # noqa: BLE001 - the baseline must not stop the benchmark
        pass
    if period == "year":
        return f"{dt.year:04d}"
    if period == "month":
        return f"{dt.year:04d}-{dt.month:02d}"
    if period == "week":
        iso = dt.isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}"
    if period == "time":
        return dt.strftime("%Y-%m-%dT%H:%M")
    return dt.strftime("%Y-%m-%d")


def run_dateparser(doc: Doc) -> list[Span]:
    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    base = datetime.combine(doc.dct, datetime.min.time()) if doc.dct else None
    settings = {"RELATIVE_BASE": base} if base else {}
    try:
        found = search_dates(doc.text, languages=["en"], settings=settings) or []
    except Exception:  # noqa: BLE001
        found = []
    parser = DateDataParser(languages=["en"], settings=settings)
    out: list[Span] = []
    cursor = 0
    for s, dt in found:
        i = doc.text.find(s, cursor)
        if i < 0:
            i = doc.text.find(s)
            if i < 0:
                continue
        else:
            cursor = i + len(s)
        st, en = i, i + len(s)
        # dateparser keeps surrounding spaces and punctuation; the extent is the words.
        while st < en and not doc.text[st].isalnum():
            st += 1
        while en > st and not doc.text[en - 1].isalnum() and doc.text[en - 1] != ".":
            en -= 1
        out.append(Span(st, en, _dateparser_value(s, dt, parser), "", doc.text[st:en]))
    return out


# ----------------------------------------------------------------- scoring


@dataclass
class Score:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value_ok: int = 0
    seconds: float = 0.0
    docs: int = 0

    def prf(self, hits: int) -> tuple[float, float, float]:
        p = hits / self.system if self.system else 0.0
        r = hits / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return 100 * p, 100 * r, 100 * f


def match(gold: tuple[Span, ...], system: list[Span]) -> list[tuple[Span, Span]]:
    """One-to-one relaxed matching: overlapping spans, largest overlap first."""
    pairs = []
    for g in gold:
        for s in system:
            ov = min(g.end, s.end) - max(g.start, s.start)
            if ov > 0:
                pairs.append((ov, g, s))
    pairs.sort(key=lambda x: (-x[0], x[1].start, x[2].start))
    used_g: set[int] = set()
    used_s: set[int] = set()
    out = []
    for _, g, s in pairs:
        if id(g) in used_g or id(s) in used_s:
            continue
        used_g.add(id(g))
        used_s.add(id(s))
        out.append((g, s))
    return out


def score(docs: list[Doc], system, errors: list | None = None) -> Score:
    sc = Score()
    for doc in docs:
        t0 = time.perf_counter()
        out = system(doc)
        sc.seconds += time.perf_counter() - t0
        sc.docs += 1
        sc.gold += len(doc.gold)
        sc.system += len(out)
        pairs = match(doc.gold, out)
        sc.relaxed += len(pairs)
        for g, s in pairs:
            if (g.start, g.end) == (s.start, s.end):
                sc.strict += 1
            if g.value == s.value:
                sc.value_ok += 1
            elif errors is not None:
                errors.append(("value", doc.name, g, s))
        if errors is not None:
            gm = {id(g) for g, _ in pairs}
            sm = {id(s) for _, s in pairs}
            errors.extend(("miss", doc.name, g, None) for g in doc.gold if id(g) not in gm)
            errors.extend(("false", doc.name, None, s) for s in out if id(s) not in sm)
            errors.extend(("extent", doc.name, g, s) for g, s in pairs
                          if (g.start, g.end) != (s.start, s.end))
    return sc


def table(results: dict[str, Score]) -> str:
    names = list(results)
    rows = [("", *names)]

    def add(label: str, f) -> None:
        rows.append((label, *(f(results[n]) for n in names)))

    add("gold timexes", lambda s: str(s.gold))
    add("system timexes", lambda s: str(s.system))
    for label, hits in (("strict", lambda s: s.strict), ("relaxed", lambda s: s.relaxed)):
        add(f"{label} P", lambda s, h=hits: f"{s.prf(h(s))[0]:.2f}")
        add(f"{label} R", lambda s, h=hits: f"{s.prf(h(s))[1]:.2f}")
        add(f"{label} F1", lambda s, h=hits: f"{s.prf(h(s))[2]:.2f}")
    add("value accuracy", lambda s: f"{100 * s.value_ok / s.relaxed:.2f}" if s.relaxed else "-")
    add("value F1", lambda s: f"{s.prf(s.value_ok)[2]:.2f}")
    add("docs / second", lambda s: f"{s.docs / s.seconds:.1f}" if s.seconds else "-")
    width = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in
                               enumerate(zip(r, width, strict=True))) for r in rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=("train", "test"), default="test")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--errors", type=int, default=0,
                    help="print N of accord's errors (train split only)")
    ap.add_argument("--no-baseline", action="store_true", help="skip dateparser")
    args = ap.parse_args(argv)
    split_dir = args.data / args.split
    if not split_dir.is_dir():
        print(f"TimeML data not found at {split_dir}; skipping the benchmark.")
        return 0
    if args.errors and args.split == "test":
        print("--errors is only for the train split: test gold is not for tuning.")
        return 2
    docs = load(split_dir)
    if not docs:
        print(f"No .tml files under {split_dir}; skipping the benchmark.")
        return 0
    errors: list | None = [] if args.errors else None
    results = {"accord": score(docs, run_accord, errors)}
    if not args.no_baseline:
        results["dateparser"] = score(docs, run_dateparser)
    print(f"TimeML {args.split}: {len(docs)} documents from {split_dir}")
    print(table(results))
    if errors:
        for kind, name, g, s in errors[: args.errors]:
            gs = f"{g.text!r} {g.type} {g.value}" if g else ""
            ss = f"{s.text!r} {s.type} {s.value}" if s else ""
            print(f"{kind:7s} {name:28s} gold[{gs}]  sys[{ss}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
