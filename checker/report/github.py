"""GitHub Actions workflow commands: one annotation per finding, skipped input and warning.

Escaping follows the Actions toolkit: in the message ``%``, CR and LF are percent-encoded;
in property values ``:`` and ``,`` are too, since they separate the properties.
"""

from __future__ import annotations

from checker.report.plain import plain_report
from checker.report.serialize import ordered_findings
from checker.types import Finding, Report, Severity

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **properties: str | int | None) -> str:
    """``::name key=value,...::message``, leaving out properties that are None."""
    props = ",".join(
        f"{key}={escape_property(str(value))}"
        for key, value in properties.items()
        if value is not None
    )
    return (
        f"::{name} {props}::{escape_data(message)}"
        if props
        else f"::{name}::{escape_data(message)}"
    )


def finding_message(finding: Finding) -> str:
    claim = finding.claim
    lines = [("(baselined) " if finding.baselined else "") + finding.explanation]
    lines.append(f"Claim ({claim.outlet or 'unknown outlet'}): {claim.text}")
    lines += [
        f"Evidence ({e.outlet or 'unknown outlet'}, {e.path}:{e.line}): {e.text}"
        for e in finding.evidence
    ]
    return "\n".join(lines)


def render_github(report: Report) -> str:
    report = plain_report(report)
    lines = [
        command(
            COMMANDS[f.severity],
            finding_message(f),
            file=f.claim.path,
            line=max(1, f.claim.line),
            title=f.kind,
        )
        for f in ordered_findings(report)
    ]
    lines += [
        command("warning", s.reason, file=s.source, line=s.line, title="skipped input")
        for s in report.skipped
    ]
    lines += [
        command("notice", w.reason, file=w.source, line=w.line, title="input warning")
        for w in report.warnings
    ]
    return "".join(line + "\n" for line in lines)
