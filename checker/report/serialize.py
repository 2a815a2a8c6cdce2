"""The report as a plain JSON-able dict: the JSON format's content, and what the others build on.

Everything a renderer needs to order or count findings lives here too, so that every format
lists the same findings in the same order and gives the same totals.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from checker.rules import all_rules
from checker.types import Corroboration, Finding, Report, Severity
from claims.serialize import to_jsonable

SCHEMA_VERSION = "1.0"
SCHEMA_PATH = Path(__file__).parent / "schema" / "report.schema.json"
SEVERITY_ORDER: tuple[Severity, ...] = (Severity.ERROR, Severity.WARNING, Severity.INFO)
"""Most severe first: the order reports group and count findings in."""


def finding_order(finding: Finding) -> tuple[int, str, int, str, str]:
    """Most severe first, then by file and line: the order findings are listed in."""
    claim = finding.claim
    return (-finding.severity.rank, claim.path, claim.line, finding.kind, finding.fingerprint)


def ordered_findings(report: Report) -> tuple[Finding, ...]:
    return tuple(sorted(report.findings, key=finding_order))


def severity_counts(report: Report) -> dict[str, int]:
    """Findings per severity, most severe first, every severity present (zero if none)."""
    counts = {severity.value: 0 for severity in SEVERITY_ORDER}
    for finding in report.findings:
        counts[finding.severity.value] += 1
    return counts


def kind_counts(report: Report) -> dict[str, int]:
    """Findings per rule, in the registry's order, every rule present."""
    counts = {rule.id: 0 for rule in all_rules()}
    for finding in report.findings:
        counts[finding.kind] += 1
    return counts


def is_single_source(corroboration: Corroboration) -> bool:
    """No outlet other than the claim's own backs it."""
    return not corroboration.outlets


def path_uri(path: str) -> str:
    """An article path as a relative URI reference: forward slashes, everything else escaped.

    Colons are escaped too, so ``feed.jsonl:12`` or ``javascript:x`` can never read as a scheme.
    """
    uri = path.replace("\\", "/")
    while uri.startswith("./"):
        uri = uri[2:]
    return quote(uri, safe="/")


def summary(report: Report) -> dict[str, Any]:
    single = sum(1 for c in report.corroboration if is_single_source(c))
    return {
        "findings": len(report.findings),
        "by_severity": severity_counts(report),
        "by_kind": kind_counts(report),
        "baselined": report.baselined,
        "claims_checked_for_corroboration": len(report.corroboration),
        "single_source_claims": single,
        "skipped_inputs": len(report.skipped),
        "warnings": len(report.warnings),
    }


def corroboration_to_dict(corroboration: Corroboration) -> dict[str, Any]:
    data: dict[str, Any] = to_jsonable(corroboration)
    if not corroboration.copies:
        del data["copies"]  # only where outlets were taken for copies of one wire story
    data["count"] = len(corroboration.outlets)
    data["single_source"] = is_single_source(corroboration)
    return data


def report_to_dict(report: Report) -> dict[str, Any]:
    """The whole report, in the shape ``schema/report.schema.json`` describes."""
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "Selaras", "version": report.version},
        "generated_at": report.generated_at.isoformat(),
        "mode": report.mode,
        "draft": report.draft,
        "model": report.model,
        "tags": list(report.tags),
        "summary": summary(report),
        "stats": to_jsonable(report.stats),
        "articles": to_jsonable(report.articles),
        "findings": [to_jsonable(f) for f in ordered_findings(report)],
        "corroboration": [corroboration_to_dict(c) for c in report.corroboration],
        "skipped": to_jsonable(report.skipped),
        "warnings": to_jsonable(report.warnings),
    }


@cache
def load_schema() -> dict[str, Any]:
    """The JSON Schema of :func:`report_to_dict`'s output, for consumers and tests to validate."""
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return schema
