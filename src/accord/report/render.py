"""Readable reports of a build: in the terminal (rich) and as Markdown with footnotes.

Both read the findings contract (`accord.contracts`), so what a person reads is
exactly what tools read: conflicts first, every value with its quote and source.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

ORDER = ["conflict", "disputed", "refines", "agree", "single"]
TITLES = {
    "conflict": "Conflicts: the sources contradict each other",
    "disputed": "Disputed: a source itself reports alternatives",
    "refines": "Refinements: compatible values, one more precise",
    "agree": "Agreements: independent sources say the same",
    "single": "Single-source statements",
}
STYLES = {"conflict": "bold red", "disputed": "bold magenta", "refines": "bold cyan",
          "agree": "bold green", "single": "dim"}


def _label(f: dict[str, Any]) -> str:
    scope = f" ({f['scope']})" if f.get("scope") else ""
    return f"{f['subject']['name']} · {f['property'].replace('_', ' ')}{scope}"


def _modality(c: dict[str, Any]) -> str:
    m = c["modality"]
    if m == "asserted":
        return ""
    who = f" {c['attributed_to']}" if c.get("attributed_to") else ""
    return f" [{m}{who}]"


def _zone(c: dict[str, Any]) -> str:
    return "" if c.get("zone", "body") == "body" else f" ({c['zone']})"


def _highlight(quote: str, value_text: str) -> Text:
    t = Text(quote)
    if value_text:
        start = quote.find(value_text)
        if start >= 0:
            t.stylize("bold yellow", start, start + len(value_text))
    return t


def render_terminal(data: dict[str, Any], console: Console, *, show_single: bool = False,
                    summary: dict[str, int] | None = None) -> None:
    findings = data["findings"]
    counts = {k: sum(1 for f in findings if f["kind"] == k) for k in ORDER}
    head = Table.grid(padding=(0, 2))
    for k in ORDER:
        head.add_row(Text(k, style=STYLES[k]), str(counts[k]))
    console.print(Panel(head, title="accord findings", expand=False))
    for kind in ORDER:
        if kind == "single" and not show_single:
            if counts["single"]:
                console.print(f"[dim]{counts['single']} single-source statements "
                              "(--all to show them)[/dim]")
            continue
        group = [f for f in findings if f["kind"] == kind]
        if not group:
            continue
        console.rule(Text(TITLES[kind], style=STYLES[kind]))
        for f in group:
            rows = []
            for c in f["claims"]:
                rows.append(Text.assemble(
                    ("• ", "bold"), (c["value"]["text"] or c["value"]["normalized"], "bold"),
                    (f"  = {c['value']['normalized']}", "dim"),
                    (f"  — {c['source']['name']}{_zone(c)} [{c['start']}:{c['end']}]", "italic"),
                    (_modality(c), "magenta"),
                ))
                rows.append(Text.assemble(("   “", "dim"),
                                          _highlight(c["quote"], c["value"]["text"]),
                                          ("”", "dim")))
            console.print(Panel(Group(Text(f["explanation"], style="dim"), *rows),
                                title=escape(_label(f)), title_align="left",
                                border_style=STYLES[kind].replace("bold ", "")))


def render_markdown(data: dict[str, Any], *, show_single: bool = False, title: str = "") -> str:
    lines = [f"# {title or 'accord report'}", ""]
    notes: list[str] = []
    findings = data["findings"]
    counts = {k: sum(1 for f in findings if f["kind"] == k) for k in ORDER}
    lines.append(" · ".join(f"**{counts[k]}** {k}" for k in ORDER))
    lines.append("")
    for kind in ORDER:
        if kind == "single" and not show_single:
            continue
        group = [f for f in findings if f["kind"] == kind]
        if not group:
            continue
        lines += [f"## {TITLES[kind]}", ""]
        for f in group:
            lines += [f"### {_label(f)}", "", f"_{f['explanation']}_", ""]
            for c in f["claims"]:
                notes.append(
                    f"[^{len(notes) + 1}]: {c['source']['name']}"
                    f"{' — ' + c['source']['title'] if c['source'].get('title') else ''}, "
                    f"characters {c['start']}–{c['end']}{_zone(c)}: “{_md(c['quote'])}”"
                )
                lines.append(
                    f"- **{_md(c['value']['text'] or c['value']['normalized'])}** "
                    f"(`{c['value']['normalized']}`){_modality(c)} — "
                    f"{_md(c['source']['name'])}[^{len(notes)}]"
                )
            lines.append("")
    if notes:
        lines += ["---", "", *notes, ""]
    return "\n".join(lines)


def _md(s: str) -> str:
    return " ".join(str(s).split()).replace("|", "\\|")
