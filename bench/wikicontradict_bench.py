"""How many of WikiContradict's annotated contradictions accord reports as conflicts.

Each case of IBM's WikiContradict (MIT) gives two Wikipedia passages that
contradict each other on a question, with the answer each passage gives. For
every case the two passages are written as two .txt sources in a temporary
folder (one source when both passages are the same text: then the contradiction
lies inside it), built with `accord.pipeline.build` into a fresh database, and
read back through `accord.contracts.findings_json`.

A case counts as found when accord reports a `conflict` finding with a claim from
each passage whose values match the two annotated answers: after light
normalisation (case, accents, punctuation, articles, ordinal suffixes, thousands
separators, a unit glued to its figure) the value's text or normalized form
contains the answer or the answer contains it (as a string or as a set of
words), or the answer read by accord's own time and quantity taggers gives the
same normalized value. When both answers are only "Yes"/"No", any conflict with
one claim from each passage counts. Other conflicts reported on the case are
counted separately.

Every miss gets a diagnosis: which passage gave no claim, whether the answer's
value was extracted at all, whether the two values were extracted under different
properties or different subjects, or grouped but judged compatible.

    python bench/wikicontradict_bench.py [--data PATH] [--limit N] [--case ID] [--verbose] [--title]

`--title` puts the article's title as the first line of each source (as a page
would have); by default the passages are read as given. The script prints; it
never asserts.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "data" / "wikicontradict" / "dev.csv"

YES_NO = frozenset({"yes", "no"})
ARTICLES = frozenset({"the", "a", "an"})


# ----------------------------------------------------------------- matching


def norm(s: str) -> str:
    s = unicodedata.normalize("NFKD", s.casefold())
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = re.sub(r"(?<=\d),(?=\d{3}\b)", "", s)
    s = re.sub(r"\b(\d+)(st|nd|rd|th)\b", r"\1", s)
    s = re.sub(r"(?<=\d)(?=[a-z])", " ", s)  # "630km" is "630 km"
    s = re.sub(r"[^\w%.]+", " ", s)
    s = re.sub(r"(?<!\d)\.|\.(?!\d)", " ", s)
    return " ".join(w for w in s.split() if w not in ARTICLES)


def is_yes_no(answer: str) -> bool:
    return norm(answer) in YES_NO


def parsed_values(answer: str) -> set[str]:
    """The answer as accord's own taggers read it: normalized times and quantities."""
    from accord.annotate.quantity import find_quantities
    from accord.timex import find_times

    out = {t.value.normalized for t in find_times(answer)}
    out |= {q.value.normalized for q in find_quantities(answer)}
    return out


def value_matches(answer: str, value: dict) -> bool:
    a = norm(answer)
    if not a:
        return False
    aw = set(a.split())
    for field_ in ("text", "normalized"):
        v = norm(str(value.get(field_) or ""))
        if not v:
            continue
        if a in v or v in a:
            return True
        vw = set(v.split())
        if aw <= vw or vw <= aw:
            return True
    return bool(parsed_values(answer) & {str(value.get("normalized") or "")})


# ------------------------------------------------------------------- cases


@dataclass
class Case:
    qid: str
    question: str
    context1: str
    context2: str
    answer1: str
    answer2: str
    kind: str  # explicit | implicit
    title: str

    @property
    def one_text(self) -> bool:
        return self.context1.split() == self.context2.split()

    @property
    def yes_no(self) -> bool:
        return is_yes_no(self.answer1) and is_yes_no(self.answer2)


@dataclass
class Result:
    case: Case
    found: bool
    other_conflicts: int
    diagnosis: str
    claims: dict[str, list[dict]] = field(default_factory=dict)  # passage -> claims
    seconds: float = 0.0


def load(path: Path) -> list[Case]:
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return [Case(r["question_ID"], r["question"], r["context1"], r["context2"], r["answer1"],
                 r["answer2"], "explicit" if r["contradictType"].lower().startswith("explicit")
                 else "implicit", r.get("WikipediaArticleTitle", "")) for r in rows]


def run_case(case: Case, with_title: bool) -> Result:
    from accord.contracts import findings_json
    from accord.pipeline import build
    from accord.store.db import Store

    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        head = f"{case.title}\n\n" if with_title and case.title else ""
        texts = {"passage1.txt": case.context1} if case.one_text else {
            "passage1.txt": case.context1, "passage2.txt": case.context2}
        paths = []
        for name, text in texts.items():
            p = folder / name
            p.write_text(head + text.strip() + "\n", encoding="utf-8")
            paths.append(str(p))
        store = Store(str(folder / "case.db"))
        try:
            build(paths, store)
            findings = findings_json(store)["findings"]
        except Exception as e:  # one failing case must not end the bench: report it
            first = str(e).strip().splitlines()[0][:120] if str(e).strip() else ""
            return Result(case, False, 0, f"build failed: {type(e).__name__}: {first}",
                          {"passage1": [], "passage2": []}, time.perf_counter() - t0)
        finally:
            store.close()
    return judge_case(case, findings, time.perf_counter() - t0)


def judge_case(case: Case, findings: list[dict], seconds: float) -> Result:
    def passage(c: dict) -> str:
        return c["source"]["name"].split(".")[0]

    claims: dict[str, list[dict]] = {"passage1": [], "passage2": []}
    for f in findings:
        for c in f["claims"]:
            claims.setdefault(passage(c), []).append({**c, "_finding": f["id"], "_kind": f["kind"],
                                                      "_property": f["property"],
                                                      "_scope": f.get("scope", ""),
                                                      "_subject": f["subject"]["name"]})
    if case.one_text:
        claims["passage2"] = claims["passage1"]

    def pairs(f: dict):
        cs = f["claims"]
        for i, c1 in enumerate(cs):
            for j, c2 in enumerate(cs):
                if i == j:
                    continue
                if case.one_text or (passage(c1), passage(c2)) == ("passage1", "passage2"):
                    yield c1, c2

    def matching(f: dict) -> bool:
        for c1, c2 in pairs(f):
            if case.yes_no:
                return True
            if value_matches(case.answer1, c1["value"]) and value_matches(case.answer2, c2["value"]):
                return True
        return False

    conflicts = [f for f in findings if f["kind"] == "conflict"]
    hits = [f for f in conflicts if matching(f)]
    return Result(case, bool(hits), len(conflicts) - len(hits),
                  "" if hits else diagnose(case, findings, claims), claims, seconds)


def answer_kind(answer: str) -> str:
    """What sort of value an answer is: yes/no, time, quantity, sentence or name/term."""
    from accord.annotate.quantity import find_quantities
    from accord.timex import find_times

    if is_yes_no(answer):
        return "yes/no"
    words = norm(answer).split()
    if len(words) > 6:
        return "sentence"
    if re.fullmatch(r"1\d{3}|20\d{2}", norm(answer)):
        return "time"  # a bare year
    if find_times(answer):
        return "time"
    if find_quantities(answer) or any(w.replace(".", "").isdigit() for w in words):
        return "quantity"
    return "name/term"


def tagged(answer: str, context: str) -> bool:
    """Whether accord's time or quantity tagger finds the answer's value in the passage."""
    from accord.annotate.quantity import find_quantities
    from accord.timex import find_times

    mentions = [(m.text, m.value.normalized) for m in find_times(context)]
    mentions += [(m.text, m.value.normalized) for m in find_quantities(context)]
    return any(value_matches(answer, {"text": t, "normalized": n}) for t, n in mentions)


def case_kind(case: Case) -> str:
    if case.yes_no:
        return "yes/no"
    kinds = [answer_kind(case.answer1), answer_kind(case.answer2)]
    for k in ("time", "quantity", "name/term", "sentence"):
        if k in kinds:
            return k
    return kinds[0]


def diagnose(case: Case, findings: list[dict], claims: dict[str, list[dict]]) -> str:
    """The first stage at which the case was lost, with the passage(s) concerned."""
    c1, c2 = claims["passage1"], claims["passage2"]
    if case.yes_no:
        if not c1 or not c2:
            which = "both" if not c1 and not c2 else f"p{'1' if not c1 else '2'}"
            return f"no claim at all ({which})"
        if not {c["_property"] for c in c1} & {c["_property"] for c in c2}:
            return "claims, but no property in both passages"
        if not {c["_finding"] for c in c1} & {c["_finding"] for c in c2}:
            return "same property, different subjects/scopes (not grouped)"
        return "grouped, judged compatible"
    m1 = [c for c in c1 if value_matches(case.answer1, c["value"])]
    m2 = [c for c in c2 if value_matches(case.answer2, c["value"])]
    if not m1 or not m2:
        missing = [(i, a, ctx) for i, a, ctx, m in ((1, case.answer1, case.context1, m1),
                                                   (2, case.answer2, case.context2, m2)) if not m]
        which = "both" if len(missing) == 2 else f"p{missing[0][0]}"
        empty = [i for i, cs in ((1, c1), (2, c2)) if not cs]
        note = f"; no claim at all in {'/'.join(f'p{i}' for i in empty)}" if empty else ""
        if all(tagged(a, ctx) for _i, a, ctx in missing):
            return f"answer value tagged, no claim built on it ({which}{note})"
        if all(answer_kind(a) in ("name/term", "sentence") for _i, a, _c in missing):
            return f"answer is a name/term/phrase: no claim holds it ({which}{note})"
        return f"answer time/quantity not tagged ({which}{note})"
    if not {c["_property"] for c in m1} & {c["_property"] for c in m2}:
        return "answer values under different properties"
    together = [(a, b) for a in m1 for b in m2 if a["_finding"] == b["_finding"] and a is not b]
    if not together:
        return "same property, different subjects/scopes (not grouped)"
    return f"grouped, judged {together[0][0]['_kind']}"


# ------------------------------------------------------------------ report


def show_claims(label: str, claims: list[dict]) -> None:
    if not claims:
        print(f"    {label}: (no claims)")
    for c in claims:
        v = c["value"]
        scope = f" [{c['_scope']}]" if c["_scope"] else ""
        print(f"    {label}: [{c['_kind']}] {c['_subject']!r} {c['_property']}{scope} = "
              f"{v.get('text')!r} ({v.get('normalized')})")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=0, help="only the first N cases")
    ap.add_argument("--verbose", action="store_true", help="print every miss")
    ap.add_argument("--case", action="append", default=[], metavar="ID",
                    help="only this question id (repeatable), e.g. --case 50")
    ap.add_argument("--title", action="store_true",
                    help="put the article title as the first line of each source")
    args = ap.parse_args()
    if not args.data.is_file():
        print(f"skipped: {args.data} is not present")
        return 0
    cases = load(args.data)
    if args.case:
        cases = [c for c in cases if c.qid in {q.lstrip("q") for q in args.case}]
    if args.limit:
        cases = cases[: args.limit]

    from accord.annotate.nlp import parse_english

    t_load = time.perf_counter()
    list(parse_english(["Warm up."]))  # model loading is not counted per case
    t_load = time.perf_counter() - t_load
    t0 = time.perf_counter()
    results = [run_case(c, args.title) for c in cases]
    total = time.perf_counter() - t0

    print(f"WikiContradict: {len(cases)} cases from {args.data}"
          f"{' (article title as first line)' if args.title else ''}")
    for kind in ("explicit", "implicit"):
        rs = [r for r in results if r.case.kind == kind]
        if not rs:
            continue
        found = sum(r.found for r in rs)
        yn = [r for r in rs if r.case.yes_no]
        val = [r for r in rs if not r.case.yes_no]
        print(f"  {kind:9s} recall {found / len(rs):.3f}  ({found}/{len(rs)}; "
              f"value answers {sum(r.found for r in val)}/{len(val)}, "
              f"yes/no {sum(r.found for r in yn)}/{len(yn)})  "
              f"other conflicts {sum(r.other_conflicts for r in rs)}")
    found = sum(r.found for r in results)
    print(f"  all       recall {found / max(1, len(results)):.3f}  ({found}/{len(results)})  "
          f"other conflicts {sum(r.other_conflicts for r in results)} "
          f"on {sum(1 for r in results if r.other_conflicts)} cases")
    no_claims = sum(1 for r in results if not r.claims["passage1"] or not r.claims["passage2"])
    print(f"  cases where a passage gave no claim at all: {no_claims}")
    print(f"  runtime {total:.1f} s ({total / max(1, len(results)):.2f} s per case; "
          f"model load {t_load:.1f} s not counted)")

    hits = [r for r in results if r.found]
    if args.verbose and hits:
        print("\nFound: " + ", ".join(f"q{r.case.qid} ({r.case.kind})" for r in hits))
    misses = [r for r in results if not r.found]
    print(f"\nWhy the {len(misses)} misses were missed (explicit / implicit; by answer kind):")
    reasons = Counter(re.sub(r" \(.*\)$", "", r.diagnosis) for r in misses)
    for why, _n in reasons.most_common():
        rs = [r for r in misses if re.sub(r" \(.*\)$", "", r.diagnosis) == why]
        ex = sum(r.case.kind == "explicit" for r in rs)
        by_kind = Counter(case_kind(r.case) for r in rs)
        detail = ", ".join(f"{k} {n}" for k, n in by_kind.most_common())
        print(f"  {ex:3d} / {len(rs) - ex:3d}  {why}  [{detail}]")

    if args.verbose:
        for r in misses:
            c = r.case
            print(f"\n- [{c.kind}] q{c.qid}: {c.question}")
            print(f"    answers ({case_kind(c)}): {c.answer1.strip()!r} | "
                  f"{c.answer2.strip()!r}"
                  f"{'  (one text)' if c.one_text else ''}")
            print(f"    diagnosis: {r.diagnosis}")
            show_claims("p1", r.claims["passage1"])
            if not c.one_text:
                show_claims("p2", r.claims["passage2"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
