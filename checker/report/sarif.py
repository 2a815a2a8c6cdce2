"""SARIF 2.1.0, for code-scanning dashboards: one rule per registered rule, one result per finding."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from checker.escape import json_safe
from checker.report.serialize import ordered_findings, path_uri
from checker.rules import Rule, all_rules
from checker.types import Evidence, Finding, Report, Severity
from claims.types import Skipped

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
FINGERPRINT_KEY = "selaras/v1"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def utc_timestamp(moment: datetime) -> str:
    """SARIF wants UTC; a naive time is taken to be UTC already (never the machine's zone)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def rule_descriptor(rule: Rule[Any, Any]) -> dict[str, Any]:
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.help},
        "help": {"text": rule.help},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
    }


def physical_location(path: str, line: int | None, snippet: str | None = None) -> dict[str, Any]:
    location: dict[str, Any] = {"artifactLocation": {"uri": path_uri(path)}}
    if line is not None:
        region: dict[str, Any] = {"startLine": max(1, line)}
        if snippet:
            region["snippet"] = {"text": snippet}
        location["region"] = region
    return location


def related_location(index: int, evidence: Evidence) -> dict[str, Any]:
    outlet = evidence.outlet or "unknown outlet"
    return {
        "id": index,
        "physicalLocation": physical_location(evidence.path, evidence.line, evidence.text),
        "message": {"text": f"Evidence from {outlet}: {evidence.text}"},
    }


def result(finding: Finding, rule_index: dict[str, int]) -> dict[str, Any]:
    claim = finding.claim
    out: dict[str, Any] = {
        "ruleId": finding.kind,
        "ruleIndex": rule_index[finding.kind],
        "level": LEVELS[finding.severity],
        "message": {"text": finding.explanation},
        "locations": [{"physicalLocation": physical_location(claim.path, claim.line, claim.text)}],
    }
    if finding.evidence:
        out["relatedLocations"] = [
            related_location(i, e) for i, e in enumerate(finding.evidence, start=1)
        ]
    if finding.fingerprint:
        out["partialFingerprints"] = {FINGERPRINT_KEY: finding.fingerprint}
    if finding.baselined:
        out["baselineState"] = "unchanged"
    out["properties"] = {
        "confidence": finding.confidence,
        "outlet": claim.outlet,
        "differences": [
            {"aspect": d.aspect, "claim": d.claim_value, "evidence": d.evidence_value}
            for d in finding.differences
        ],
    }
    return out


def notification(item: Skipped, level: str) -> dict[str, Any]:
    """A skipped input or a warning, as a tool-execution notification with its location."""
    return {
        "level": level,
        "message": {"text": item.reason},
        "locations": [{"physicalLocation": physical_location(item.source, item.line)}],
    }


def sarif_log(report: Report) -> dict[str, Any]:
    """The SARIF log as a dict (one run)."""
    notifications = [notification(s, "warning") for s in report.skipped]
    notifications += [notification(w, "note") for w in report.warnings]
    rules = all_rules()
    rule_index = {rule.id: index for index, rule in enumerate(rules)}
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "Selaras",
                "version": report.version,
                "rules": [rule_descriptor(rule) for rule in rules],
            }
        },
        "invocations": [
            {
                "executionSuccessful": True,
                "endTimeUtc": utc_timestamp(report.generated_at),
                "toolExecutionNotifications": notifications,
            }
        ],
        "results": [result(f, rule_index) for f in ordered_findings(report)],
        "properties": {
            "mode": report.mode,
            "model": report.model,
            "stats": {
                "articles": report.stats.articles,
                "claims": report.stats.claims,
                "pairsConsidered": report.stats.pairs_considered,
                "pairsJudged": report.stats.pairs_judged,
            },
        },
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def render_sarif(report: Report) -> str:
    return json_safe(json.dumps(sarif_log(report), ensure_ascii=False, indent=2)) + "\n"
