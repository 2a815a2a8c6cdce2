"""One finding per line, ``path:line:column:rule:message``, for grep and editors' quickfix lists.

The message starts with the severity in brackets. Evidence carries offsets into the article
text but not where its line starts, so the column cannot be computed and is always 1. Skipped
inputs and input warnings follow the findings as ``path:line:1:skipped:[skipped] reason`` and
``...:input-warning:[warning] reason``, so that nothing read is lost from this format either.
"""

from __future__ import annotations

from checker.report.plain import inert_lines, plain_report
from checker.types import Evidence, Finding, Report
from claims.types import Skipped

UNKNOWN_COLUMN = 1


def column(evidence: Evidence) -> int:
    """1-based column of the passage's start within its line; 1 while Evidence cannot tell."""
    return UNKNOWN_COLUMN


def one_line(text: str) -> str:
    return " ".join(text.split())


def format_finding(finding: Finding) -> str:
    claim = finding.claim
    baselined = " (baselined)" if finding.baselined else ""
    message = one_line(f"[{finding.severity.value}]{baselined} {finding.explanation}")
    return f"{claim.path}:{max(1, claim.line)}:{column(claim)}:{finding.kind}:{message}"


def render_line(report: Report) -> str:
    """Findings sorted by path, line, rule and fingerprint; one line each, newline-terminated;
    then the skipped inputs and input warnings."""
    report = plain_report(report)
    ordered = sorted(
        report.findings,
        key=lambda f: (f.claim.path, f.claim.line, column(f.claim), f.kind, f.fingerprint),
    )
    lines = [format_finding(f) for f in ordered]
    lines += [format_input(s, "skipped", "skipped") for s in report.skipped]
    lines += [format_input(s, "input-warning", "warning") for s in report.warnings]
    return inert_lines("".join(line + "\n" for line in lines))


def format_input(item: Skipped, rule: str, label: str) -> str:
    return f"{item.source}:{max(1, item.line or 1)}:{UNKNOWN_COLUMN}:{rule}:[{label}] {one_line(item.reason)}"
