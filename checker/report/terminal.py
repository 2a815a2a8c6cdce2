"""The report for a person at a terminal: findings grouped by severity, then the summaries.

Built with rich, but never with markup parsing: article text is added as plain ``Text``, so a
``[bold]`` in an article prints as written. Colour only when asked; the environment (NO_COLOR,
FORCE_COLOR, COLUMNS, TERM) is ignored so that the same report always renders the same.
"""

from __future__ import annotations

from io import StringIO

from rich.console import Console
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from checker.report.plain import inert_lines, plain_report
from checker.report.serialize import (
    SEVERITY_ORDER,
    is_single_source,
    ordered_findings,
    severity_counts,
)
from checker.types import Evidence, Finding, Report, Severity
from claims.types import Skipped

STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "blue"}
HEADINGS = {Severity.ERROR: "Errors", Severity.WARNING: "Warnings", Severity.INFO: "Notes"}


def make_console(output: StringIO, *, color: bool, width: int) -> Console:
    return Console(
        file=output,
        force_terminal=color,
        color_system="standard" if color else None,
        no_color=not color,
        width=width,
        highlight=False,
        markup=False,
        emoji=False,
        legacy_windows=False,
        force_jupyter=False,
        force_interactive=False,
        _environ={},
    )


def labelled_rows(rows: list[tuple[str, Text]]) -> Padding:
    """Label and text side by side; wrapped text stays in its column (a hanging indent)."""
    grid = Table.grid(padding=(0, 2, 0, 0))
    grid.add_column(style="bold", no_wrap=True, min_width=8)
    grid.add_column(overflow="fold")
    for label, text in rows:
        grid.add_row(label, text)
    return Padding(grid, (0, 0, 0, 2), expand=False)


def place(e: Evidence) -> str:
    return f"{e.outlet or 'unknown outlet'} ({e.path}:{e.line})"


def finding_block(console: Console, finding: Finding) -> None:
    claim = finding.claim
    head = Text(finding.kind, style=STYLES[finding.severity])
    head.append(f"  {claim.path}:{claim.line}", style="bold")
    head.append(f"  {claim.outlet or 'unknown outlet'}  confidence {finding.confidence:.2f}")
    if finding.baselined:
        head.append("  (baselined)", style="dim")
    console.print(head)
    console.print(Padding(Text(finding.explanation), (0, 0, 0, 2), expand=False))
    rows = [("claim", Text(claim.text, style="italic"))]
    rows += [("evidence", Text(f"{place(e)}: {e.text}", style="italic")) for e in finding.evidence]
    for d in finding.differences:
        value = Text(d.claim_value, style="red")
        value.append("  against  ")
        value.append(d.evidence_value, style="green")
        rows.append((d.aspect, value))
    console.print(labelled_rows(rows))
    console.print()


def inputs_block(console: Console, title: str, items: tuple[Skipped, ...]) -> None:
    if not items:
        return
    console.print(Rule(Text(f"{title} ({len(items)})"), characters="-"))
    for item in items:
        at = f"{item.source}:{item.line}" if item.line is not None else item.source
        console.print(Padding(Text(f"{at}: {item.reason}"), (0, 0, 0, 2), expand=False))
    console.print()


def summary_block(console: Console, report: Report) -> None:
    counts = severity_counts(report)
    line = Text("Summary: ", style="bold")
    for index, severity in enumerate(SEVERITY_ORDER):
        if index:
            line.append(", ")
        line.append(
            f"{counts[severity.value]} {HEADINGS[severity].lower()}", style=STYLES[severity]
        )
    stats = report.stats
    line.append(
        f". {stats.articles} articles, {stats.claims} claims, {stats.pairs_considered} pairs "
        f"considered, {stats.pairs_judged} judged in {stats.seconds:.1f} s."
    )
    console.print(line)
    if report.corroboration:
        single = sum(1 for c in report.corroboration if is_single_source(c))
        total = len(report.corroboration)
        console.print(
            Text(
                f"Corroboration: {total - single} of {total} claims reported by another "
                f"outlet; {single} single-source."
            )
        )
    if report.baselined:
        console.print(Text(f"Known findings in the baseline: {report.baselined}."))


def render_terminal(report: Report, *, color: bool = False, width: int = 100) -> str:
    """The report as terminal text; ANSI colour codes only when ``color`` is true.

    Text from articles is shown on one line per value with controls made visible, and no line
    can start a CI workflow command.
    """
    report = plain_report(report)
    output = StringIO()
    console = make_console(output, color=color, width=width)
    console.print(
        Text(
            f"Selaras {report.version} · {report.mode} · model {report.model} · "
            f"{report.generated_at.isoformat()}",
            style="bold",
        )
    )
    findings = ordered_findings(report)
    for severity in SEVERITY_ORDER:
        group = [f for f in findings if f.severity is severity]
        if group:
            title = Text(f"{HEADINGS[severity]} ({len(group)})", style=STYLES[severity])
            console.print(Rule(title, characters="-"))
            for finding in group:
                finding_block(console, finding)
    inputs_block(console, "Skipped inputs", report.skipped)
    inputs_block(console, "Input warnings", report.warnings)
    summary_block(console, report)
    # rich pads cells and padded lines to the width; trailing blanks are noise in a report.
    return inert_lines("".join(line.rstrip() + "\n" for line in output.getvalue().splitlines()))
