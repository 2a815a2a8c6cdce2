"""One finding per line, ``path:line:column:rule:message``, for grep and editors' quickfix lists.

The message starts with the severity in brackets. Evidence carries offsets into the article
text but not where its line starts, so the column cannot be computed and is always 1.
"""

from __future__ import annotations

from checker.types import Evidence, Finding, Report

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
    return f"{claim.path}:{max(1, claim.line)}:{column(claim)}:{finding.kind.value}:{message}"


def render_line(report: Report) -> str:
    """Findings sorted by path, line, rule and fingerprint; one line each, newline-terminated."""
    ordered = sorted(
        report.findings,
        key=lambda f: (f.claim.path, f.claim.line, column(f.claim), f.kind.value, f.fingerprint),
    )
    return "".join(format_finding(f) + "\n" for f in ordered)
