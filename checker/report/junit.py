"""JUnit XML, for CI test dashboards: each article is a test case, each finding a failure.

One ``<testsuite name="selaras">``; a test case per article (classname = its outlet), with a
``<failure>`` per finding at or above warning that is not baselined, the rest as
``<system-out>``; skipped inputs are skipped test cases carrying their reason.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict

from checker.report.plain import plain_report
from checker.report.serialize import ordered_findings
from checker.types import Finding, Report, Severity

# Characters XML 1.0 cannot carry at all, even escaped; article text may hold them.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def is_failure(finding: Finding) -> bool:
    return finding.severity.at_least(Severity.WARNING) and not finding.baselined


def describe(finding: Finding) -> str:
    """The finding as plain lines: location, claim, evidence and what differs."""
    claim = finding.claim
    lines = [
        f"{finding.severity.value} {finding.kind} at {claim.path}:{claim.line}"
        + (" (baselined)" if finding.baselined else ""),
        finding.explanation,
        f"Claim ({claim.outlet or 'unknown outlet'}): {claim.text}",
    ]
    lines += [
        f"Evidence ({e.outlet or 'unknown outlet'}, {e.path}:{e.line}): {e.text}"
        for e in finding.evidence
    ]
    lines += [f"{d.aspect}: {d.claim_value} / {d.evidence_value}" for d in finding.differences]
    lines.append(f"confidence {finding.confidence:.2f}, fingerprint {finding.fingerprint}")
    return "\n".join(lines)


def article_case(suite: ET.Element, classname: str, name: str, findings: list[Finding]) -> int:
    """Add one article's test case; returns the number of failures it holds."""
    case = ET.SubElement(
        suite, "testcase", {"classname": xml_text(classname), "name": xml_text(name), "time": "0"}
    )
    failures = [f for f in findings if is_failure(f)]
    for finding in failures:
        element = ET.SubElement(
            case, "failure", {"type": finding.kind, "message": xml_text(finding.explanation)}
        )
        element.text = xml_text(describe(finding))
    others = [f for f in findings if not is_failure(f)]
    if others:
        ET.SubElement(case, "system-out").text = xml_text("\n\n".join(describe(f) for f in others))
    return len(failures)


def render_junit(report: Report) -> str:
    report = plain_report(report)
    by_article: defaultdict[str, list[Finding]] = defaultdict(list)
    for finding in ordered_findings(report):
        by_article[finding.claim.article_id].append(finding)
    cases = [(a.id, a.outlet or "article", a.path) for a in report.articles]
    known = {a.id for a in report.articles}
    # A finding on an article the report does not list still gets a test case.
    for article_id, findings in by_article.items():
        if article_id not in known:
            claim = findings[0].claim
            cases.append((article_id, claim.outlet or "article", claim.path))
    suites = ET.Element("testsuites", {"name": "selaras"})
    suite = ET.SubElement(suites, "testsuite", {"name": "selaras"})
    props = ET.SubElement(suite, "properties")
    for key, value in (("version", report.version), ("model", report.model), ("mode", report.mode)):
        ET.SubElement(props, "property", {"name": key, "value": xml_text(value)})
    failures = sum(
        article_case(suite, cls, name, by_article.get(aid, [])) for aid, cls, name in cases
    )
    for item in report.skipped:
        case = ET.SubElement(
            suite, "testcase", {"classname": "article", "name": xml_text(item.source), "time": "0"}
        )
        ET.SubElement(case, "skipped", {"message": xml_text(item.reason)})
    totals = {
        "tests": str(len(cases) + len(report.skipped)),
        "failures": str(failures),
        "errors": "0",
        "skipped": str(len(report.skipped)),
        "time": f"{report.stats.seconds:.3f}",
    }
    for element in (suites, suite):
        element.attrib.update(totals)
    suite.set("timestamp", report.generated_at.isoformat())
    ET.indent(suites)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
    )
