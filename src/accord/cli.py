"""The command line: build a database from sources, then read it in several views.

The CLI only parses arguments, calls the library, and prints; all logic lives in
the library so that the web view and tests use the same code.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from accord import __version__

EXIT_CODES = """Exit codes: 0 every input was read; 1 some inputs were skipped (each is named);
2 usage error; 3 nothing could be read."""

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="accord: where sources agree, contradict each other, or stand alone — "
    "with the quote behind every line.\n\n" + EXIT_CODES,
)
err = Console(stderr=True, soft_wrap=True)  # one line per message, whatever the width
out = Console()

DbOpt = Annotated[str, typer.Option("--db", help="SQLite file or SQLAlchemy URL.")]
FormatOpt = Annotated[str, typer.Option("--format", "-f", help="json | table")]


def _open(db: str):
    from accord.store.db import Store, StoreError

    try:
        return Store(db, create=False)
    except StoreError as e:
        err.print(f"[red]error:[/red] {escape(str(e))}")
        raise typer.Exit(2) from None


def _dump(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


class _Rate(ProgressColumn):
    """Items per second over the stage so far (rich's own speed column shows bytes)."""

    def render(self, task) -> Text:
        elapsed = (task.finished_time if task.finished else task.elapsed) or 0.0
        if task.fields.get("steps"):
            return Text("")
        if not task.completed or elapsed <= 0:
            return Text("  -  /s", style="progress.data.speed")
        return Text(f"{task.completed / elapsed:7.1f}/s", style="progress.data.speed")


STAGES = {"check": "check", "annotate": "annotate", "corpus": "resolve+align"}
STEPPED = {"corpus"}  # counts steps, not sources: no rate


@app.command()
def build(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders (recursive) and http(s) URLs.")],
    db: DbOpt = "accord.db",
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Jobs (local: this process and N-1 "
                                      "workers) or CPUs to start a local Ray with (ray without "
                                      "--address).")] = 1,
    engine: Annotated[str, typer.Option("--engine", help="local (a process pool) | ray.")] = "local",
    address: Annotated[str | None, typer.Option(
        "--address", help="Ray cluster to join (e.g. auto, ray://head:10001); "
        "without it --engine ray starts a local one.")] = None,
    batch: Annotated[int, typer.Option("--batch", help="Inputs per unit of work.")] = 8,
    max_mb: Annotated[float, typer.Option("--max-mb", help="Skip files larger than this.")] = 50.0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars, no summary.")] = False,
) -> None:
    """Read sources, annotate them, and build the findings database.

    Exit codes: 0 all read, 1 some inputs skipped, 2 usage error, 3 nothing could be read.
    """
    from accord.engine import EngineError, make_engine
    from accord.pipeline import build as run_build
    from accord.store.db import BuildLocked, Store, StoreError

    try:
        eng = make_engine(engine, jobs=jobs, address=address, batch=max(1, batch))
    except ValueError as e:
        err.print(f"[red]error:[/red] {escape(str(e))}")
        raise typer.Exit(2) from None
    try:
        store = Store(db)
    except StoreError as e:
        err.print(f"[red]error:[/red] {escape(str(e))}")
        raise typer.Exit(2) from None
    progress = Progress(TextColumn("{task.description:<13}"), BarColumn(), MofNCompleteColumn(),
                        _Rate(), TimeElapsedColumn(), TextColumn("eta"), TimeRemainingColumn(),
                        console=err, disable=quiet, transient=False)
    tasks: dict[str, TaskID] = {}

    def on_progress(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            if total == 0:
                return  # nothing to do in this stage: no empty bar
            tasks[stage] = progress.add_task(STAGES.get(stage, stage), total=total,
                                             steps=stage in STEPPED)
        progress.update(tasks[stage], completed=done, total=total)

    try:
        with progress:
            report = run_build(inputs, store, engine=eng, max_bytes=int(max_mb * 1_000_000),
                               progress=on_progress, keep_models=False)
    except (BuildLocked, EngineError) as e:
        err.print(f"[red]error:[/red] {escape(str(e))}")
        raise typer.Exit(2) from None
    except KeyboardInterrupt:
        stored = store.count("sources")
        err.print(f"[yellow]interrupted[/yellow]: {stored} sources are stored; "
                  "run the same build again to resume")
        raise typer.Exit(130) from None
    for name, reason in report.failed:
        err.print(f"[yellow]skipped[/yellow] {escape(name)}: {escape(reason)}")
    f = report.findings
    if not quiet:
        for name, first in report.duplicates:
            err.print(f"[dim]same text as {escape(first)}, kept once:[/dim] {escape(name)}")
        err.print(
            f"[bold]{report.read}[/bold] read, {report.skipped_unchanged} unchanged, "
            f"{report.removed} removed, [bold]{len(report.failed)}[/bold] failed · "
            f"{report.claims} claims · {report.entities} entities · "
            + ", ".join(f"{f.get(k, 0)} {k}" for k in
                        ("conflict", "disputed", "refines", "agree", "single"))
            + f" → {escape(db)}"
        )
    raise typer.Exit(report.exit_code)


@app.command()
def findings(
    db: DbOpt = "accord.db",
    fmt: FormatOpt = "json",
    kind: Annotated[list[str] | None, typer.Option("--kind", help="Only these kinds.")] = None,
) -> None:
    """Print the findings (JSON contract of DESIGN.md §5, or a table)."""
    from accord.contracts import findings_json

    data = findings_json(_open(db), kind)
    if fmt == "json":
        _dump(data)
        return
    t = Table("kind", "subject", "property", "values", "sources")
    for f in data["findings"]:
        t.add_row(f["kind"], f["subject"]["name"], f["property"],
                  " | ".join(c["value"]["normalized"] for c in f["claims"]),
                  ", ".join(sorted({c["source"]["name"] for c in f["claims"]})))
    out.print(t)


@app.command()
def report(
    db: DbOpt = "accord.db",
    fmt: FormatOpt = "terminal",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file.")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Include single-source statements.")] = False,
) -> None:
    """A readable report: conflicts first, each value with its quote and source."""
    from accord.contracts import findings_json
    from accord.report.render import render_markdown, render_terminal

    data = findings_json(_open(db))
    if fmt in ("markdown", "md"):
        text = render_markdown(data, show_single=all_)
        if output:
            output.write_text(text, encoding="utf-8")
            err.print(f"wrote {output}")
        else:
            sys.stdout.write(text)
        return
    render_terminal(data, out, show_single=all_)


@app.command()
def entities(db: DbOpt = "accord.db", fmt: FormatOpt = "json") -> None:
    """People, organisations, places: every alias, its sources, and why it was merged."""
    from accord.contracts import entities_json

    data = entities_json(_open(db))
    if fmt == "json":
        _dump(data)
        return
    t = Table("id", "type", "name", "aliases (why)", "sources")
    for e in data["entities"]:
        t.add_row(e["id"], e["type"], e["name"],
                  "\n".join(f"{m['alias']} ({m['rule']})" for m in e["merges"]),
                  str(len(e["sources"])))
    out.print(t)


@app.command()
def timeline(db: DbOpt = "accord.db", fmt: FormatOpt = "table") -> None:
    """Dated statements in chronological order, each with its source and quote."""
    from accord.contracts import timeline_json

    data = timeline_json(_open(db))
    if fmt == "json":
        _dump(data)
        return
    t = Table("when", "who", "what", "source", "quote")
    for e in data["events"]:
        t.add_row(e["time"]["normalized"], e["subject"]["name"], e["property"],
                  e["source"]["name"], e["quote"][:160])
    out.print(t)


@app.command(name="eval")
def eval_(
    gold: Annotated[Path, typer.Argument(help="Gold YAML file (DESIGN.md §6).")],
    db: DbOpt = "accord.db",
    min_conflict_recall: float = 0.0,
    min_conflict_precision: float = 0.0,
    min_agree_recall: float = 0.0,
    min_entity_precision: float = 0.0,
    min_entity_recall: float = 0.0,
    verbose: Annotated[bool, typer.Option("--verbose", "-v")] = False,
) -> None:
    """Score the database against a gold file; non-zero exit below the thresholds."""
    from accord.contracts import entities_json, findings_json
    from accord.eval import evaluate, load_gold

    store = _open(db)
    res = evaluate(load_gold(gold), findings_json(store)["findings"],
                   entities_json(store)["entities"])
    for s in res.scores.values():
        out.print(str(s))
    if verbose:
        for g in res.missed:
            out.print(f"[yellow]missed[/yellow] {g}")
        for f in res.unexpected:
            out.print(f"[yellow]unexpected conflict[/yellow] {f['subject']['name']} "
                      f"{f['property']}: " + " | ".join(c['value']['normalized'] for c in f['claims']))
    checks = [("conflict recall", min_conflict_recall), ("conflict precision", min_conflict_precision),
              ("agree recall", min_agree_recall), ("entity pair precision", min_entity_precision),
              ("entity pair recall", min_entity_recall)]
    failed = [f"{n} {res.get(n):.3f} < {t}" for n, t in checks if res.get(n) < t]
    if failed:
        err.print("[red]below threshold:[/red] " + "; ".join(failed))
        raise typer.Exit(1)


def _correct(action: str, a: str, b: str, db: str, rebuild: bool) -> None:
    from accord.pipeline import corpus_stage

    store = _open(db)
    store.add_correction(action, a, b)
    if rebuild:
        corpus_stage(store)
    err.print(f"{action}: {a!r} / {b!r} recorded" + (" and applied" if rebuild else ""))


@app.command()
def merge(a: str, b: str, db: DbOpt = "accord.db") -> None:
    """Tell accord that two names are one entity (kept across rebuilds)."""
    _correct("merge", a, b, db, True)


@app.command()
def split(a: str, b: str, db: DbOpt = "accord.db") -> None:
    """Tell accord that two names are different entities (kept across rebuilds)."""
    _correct("split", a, b, db, True)


@app.command()
def version() -> None:
    """Print the version."""
    out.print(__version__)


def main() -> None:  # pragma: no cover
    app()
