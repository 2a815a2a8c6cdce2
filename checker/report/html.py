"""A single self-contained HTML page: findings side by side, filters, corroboration, inputs.

The template autoescapes everything; the only markup built here is ``<mark>`` around the
values a finding says differ, and the text around them is escaped first. Links to articles
are percent-encoded relative paths, so a path can never become a ``javascript:`` URL.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from checker.report.plain import plain_report
from checker.report.serialize import (
    SEVERITY_ORDER,
    is_single_source,
    kind_counts,
    ordered_findings,
    path_uri,
    severity_counts,
)
from checker.rules import all_rules, get_rule
from checker.types import Evidence, Finding, Report

TEMPLATES = Path(__file__).parent / "templates"


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["uri"] = path_uri
    return env


def whole(value: str) -> str:
    """A pattern for ``value`` that does not match inside a longer word ("Xi" in "Xinjiang")."""
    before = r"(?<!\w)" if re.match(r"\w", value) else ""
    after = r"(?!\w)" if re.search(r"\w$", value) else ""
    return before + re.escape(value) + after


def highlight(text: str, values: list[str]) -> Markup:
    """``text`` escaped, with each occurrence of any of ``values`` (any case) in ``<mark>``."""
    needles = sorted({v for v in values if v.strip()}, key=len, reverse=True)
    if not needles:
        return escape(text)
    pattern = re.compile("|".join(whole(v) for v in needles), re.IGNORECASE)
    parts: list[Markup] = []
    last = 0
    for match in pattern.finditer(text):
        parts.append(escape(text[last : match.start()]))
        parts.append(Markup("<mark>%s</mark>") % match.group(0))
        last = match.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


def passage(e: Evidence, values: list[str]) -> dict[str, Any]:
    return {
        "outlet": e.outlet or "unknown outlet",
        "path": e.path,
        "line": e.line,
        "href": f"{path_uri(e.path)}#L{max(1, e.line)}",
        "date": e.date.isoformat() if e.date else None,
        "text": highlight(e.text, values),
    }


def finding_view(number: int, f: Finding) -> dict[str, Any]:
    claim_values = [d.claim_value for d in f.differences]
    evidence_values = [d.evidence_value for d in f.differences]
    return {
        "number": number,
        "kind": f.kind,
        "rule": get_rule(f.kind),
        "severity": f.severity.value,
        "confidence": f"{f.confidence:.2f}",
        "explanation": f.explanation,
        "claim": passage(f.claim, claim_values),
        "evidence": [passage(e, evidence_values) for e in f.evidence],
        "differences": f.differences,
        "fingerprint": f.fingerprint,
        "baselined": f.baselined,
    }


def corroboration_rows(report: Report) -> list[dict[str, Any]]:
    return [
        {
            "claim": passage(c.claim, []),
            "outlets": c.outlets,
            "copies": c.copies,
            "count": len(c.outlets),
            "single": is_single_source(c),
        }
        for c in report.corroboration
    ]


def render_html(report: Report) -> str:
    """The whole page as one string; open it straight from disk, no server or network needed."""
    report = plain_report(report)
    findings = ordered_findings(report)
    single = sum(1 for c in report.corroboration if is_single_source(c))
    context = {
        "report": report,
        "findings": [finding_view(i, f) for i, f in enumerate(findings, start=1)],
        "severities": [s.value for s in SEVERITY_ORDER],
        "severity_counts": severity_counts(report),
        "kinds": [(rule.id, rule) for rule in all_rules()],
        "kind_counts": kind_counts(report),
        "corroboration": corroboration_rows(report),
        "single_source": single,
        "corroborated": len(report.corroboration) - single,
        "generated_at": report.generated_at.isoformat(),
    }
    return environment().get_template("report.html.j2").render(context)
