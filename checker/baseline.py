"""Baselines: today's findings recorded by fingerprint, so CI fails only on new ones."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from checker.atomic import write_atomic
from checker.errors import ConfigError
from checker.types import Report, Severity

BASELINE_VERSION = 1


def write_baseline(report: Report, path: Path) -> int:
    entries = [
        {
            "fingerprint": f.fingerprint,
            "kind": f.kind,
            "path": f.claim.path,
            "line": f.claim.line,
            "text": f.claim.text,
        }
        for f in report.findings
    ]
    write_atomic(
        path,
        json.dumps({"version": BASELINE_VERSION, "findings": entries}, ensure_ascii=False, indent=2)
        + "\n",
    )
    return len(entries)


def load_baseline(path: Path) -> frozenset[str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(
            f"{path}: no such baseline file; create one with `selaras baseline PATH... -o {path}`"
        ) from None
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
        raise ConfigError(f"{path}: not a Selaras baseline (not valid JSON: {exc})") from exc
    except OSError as exc:  # a folder, no permission
        raise ConfigError(f"{path}: cannot read the baseline ({exc.strerror or exc})") from exc
    if (
        not isinstance(data, dict)
        or data.get("version") != BASELINE_VERSION
        or not isinstance(data.get("findings"), list)
    ):
        raise ConfigError(f"{path}: not a Selaras baseline of version {BASELINE_VERSION}")
    return frozenset(
        str(e["fingerprint"])
        for e in data["findings"]
        if isinstance(e, dict) and "fingerprint" in e
    )


def apply_baseline(report: Report, fingerprints: frozenset[str]) -> Report:
    findings = tuple(
        dataclasses.replace(f, baselined=f.fingerprint in fingerprints) for f in report.findings
    )
    return dataclasses.replace(
        report, findings=findings, baselined=sum(f.baselined for f in findings)
    )


def exit_status(report: Report, fail_on: str) -> int:
    """1 when a finding that is not baselined is at or above ``fail_on``; else 0."""
    if fail_on == "never":
        return 0
    threshold = Severity(fail_on)
    return int(any(f.severity.at_least(threshold) and not f.baselined for f in report.findings))
