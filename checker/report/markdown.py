"""Markdown for a pull-request comment: counts, a table of findings, then each finding in full.

Article text is escaped so that it renders as text: no HTML, links, emphasis or table breaks,
no code span it can close (the fence is longer than any run of backticks inside), and no
``@name`` that would notify a GitHub user.
"""

from __future__ import annotations

import re

from checker.report.plain import plain_report
from checker.report.serialize import (
    SEVERITY_ORDER,
    is_single_source,
    ordered_findings,
    severity_counts,
)
from checker.rules import get_rule
from checker.types import Evidence, Finding, Report
from claims.types import Skipped

_SPECIAL = re.compile(r"([\\`*_\[\]|~#])")
_BACKTICKS = re.compile(r"`+")
# "@name" and "@org/team" notify people in a PR comment; a word joiner after "@" keeps the
# text readable and stops the mention.
_MENTION = re.compile(r"@(?=[A-Za-z0-9])")
_LABELS = {"error": "error", "warning": "warning", "info": "note"}


def md_text(text: str) -> str:
    """Text as Markdown that shows exactly these characters, on one line."""
    text = " ".join(text.split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MENTION.sub("@\u2060", _SPECIAL.sub(r"\\\1", text))


def md_code(text: str, *, cell: bool = False) -> str:
    """An inline code span that survives backticks inside it (and pipes, inside a table cell)."""
    text = " ".join(text.split())
    if cell:
        text = text.replace("|", "\\|")
    longest = max((len(run) for run in _BACKTICKS.findall(text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if longest else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def where(e: Evidence, *, cell: bool = False) -> str:
    return f"{md_text(e.outlet or 'unknown outlet')}, {md_code(f'{e.path}:{e.line}', cell=cell)}"


def counts_line(report: Report) -> str:
    counts = severity_counts(report)
    parts = [
        f"{counts[s.value]} {_LABELS[s.value]}{'s' if counts[s.value] != 1 else ''}"
        for s in SEVERITY_ORDER
    ]
    stats = report.stats
    return (
        f"**{', '.join(parts)}** in {stats.articles} articles "
        f"({stats.claims} claims; {stats.pairs_considered} pairs considered, "
        f"{stats.pairs_judged} judged). Model {md_code(report.model)}, "
        f"Selaras {md_code(report.version)}, {md_code(report.generated_at.isoformat())}."
    )


def findings_table(findings: tuple[Finding, ...]) -> list[str]:
    rows = ["| # | Severity | Rule | Where | Explanation |", "|---:|---|---|---|---|"]
    for number, f in enumerate(findings, start=1):
        mark = " (baselined)" if f.baselined else ""
        rows.append(
            f"| {number} | {f.severity.value}{mark} | {md_code(f.kind)} "
            f"| {where(f.claim, cell=True)} | {md_text(f.explanation)} |"
        )
    return rows


def finding_section(number: int, f: Finding) -> list[str]:
    lines = [
        f"#### {number}. {f.severity.value}: {md_code(f.kind)} in {where(f.claim)}",
        "",
        md_text(f.explanation),
        "",
        f"> **Claim** ({where(f.claim)}): {md_text(f.claim.text)}",
    ]
    for e in f.evidence:
        lines += [">", f"> **Evidence** ({where(e)}): {md_text(e.text)}"]
    if f.differences:
        lines += ["", "| What differs | Claim | Evidence |", "|---|---|---|"]
        lines += [
            f"| {md_text(d.aspect)} | {md_text(d.claim_value)} | {md_text(d.evidence_value)} |"
            for d in f.differences
        ]
    lines += [
        "",
        f"Confidence {f.confidence:.2f}. {md_text(get_rule(f.kind).summary)} "
        f"Fingerprint {md_code(f.fingerprint)}.",
    ]
    return [*lines, ""]


def corroboration_section(report: Report) -> list[str]:
    items = report.corroboration
    if not items:
        return []
    single = sum(1 for c in items if is_single_source(c))
    lines = [
        "### Corroboration",
        "",
        f"{len(items) - single} of {len(items)} claims are reported by at least one other outlet; "
        f"{single} rest on a single source.",
        "",
        "<details><summary>Claims and the outlets that back them</summary>",
        "",
        "| Claim | Outlet | Also reported by | Count |",
        "|---|---|---|---:|",
    ]
    for c in items:
        others = ", ".join(md_text(o) for o in c.outlets) or "**single source**"
        if c.copies:
            others += " (one wire story: " + "; ".join(md_text(n) for n in c.copies) + ")"
        lines.append(
            f"| {md_text(c.claim.text)} | {where(c.claim, cell=True)} "
            f"| {others} | {len(c.outlets)} |"
        )
    return [*lines, "", "</details>", ""]


def inputs_section(title: str, items: tuple[Skipped, ...]) -> list[str]:
    if not items:
        return []
    lines = [f"### {title}", ""]
    for item in items:
        at = f"{item.source}:{item.line}" if item.line is not None else item.source
        lines.append(f"- {md_code(at)}: {md_text(item.reason)}")
    return [*lines, ""]


def render_markdown(report: Report) -> str:
    report = plain_report(report)
    findings = ordered_findings(report)
    lines = ["## Selaras report", "", counts_line(report), ""]
    if report.baselined:
        lines += [f"Known findings in the baseline: {report.baselined}.", ""]
    if findings:
        lines += [*findings_table(findings), "", "### Findings", ""]
        for number, finding in enumerate(findings, start=1):
            lines += finding_section(number, finding)
    else:
        lines += ["No findings.", ""]
    lines += corroboration_section(report)
    lines += inputs_section("Skipped inputs", report.skipped)
    lines += inputs_section("Warnings", report.warnings)
    return "\n".join(lines).rstrip("\n") + "\n"
