"""JSON output: golden files, validity against the published schema, counts and order."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator, ValidationError

from checker.report.json_format import render_json
from checker.report.serialize import SCHEMA_VERSION, load_schema, path_uri
from checker.types import Report

from .conftest import CheckGolden


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = load_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_json_matches_golden(named_report: tuple[str, Report], check_golden: CheckGolden) -> None:
    name, report = named_report
    check_golden(f"{name}.json", render_json(report))


def test_json_validates_against_schema(
    named_report: tuple[str, Report], validator: Draft202012Validator
) -> None:
    document = json.loads(render_json(named_report[1]))
    validator.validate(document)
    assert document["schema_version"] == SCHEMA_VERSION == "1.0"
    assert load_schema()["properties"]["schema_version"]["const"] == SCHEMA_VERSION


@pytest.mark.parametrize(
    ("where", "key", "value"),
    [
        ((), "extra", 1),
        (("summary",), "findings", -1),
        (("findings", 0), "kind", "typo-drift"),
        (("stats",), "seconds", "3"),
    ],
)
def test_json_schema_rejects_malformed_documents(
    full_report: Report,
    validator: Draft202012Validator,
    where: tuple[str | int, ...],
    key: str,
    value: object,
) -> None:
    document = json.loads(render_json(full_report))
    target = document
    for step in where:
        target = target[step]
    target[key] = value
    with pytest.raises(ValidationError):
        validator.validate(document)


def test_json_summary_counts_every_severity_and_kind(full_report: Report) -> None:
    summary = json.loads(render_json(full_report))["summary"]
    assert summary["by_severity"] == {"error": 3, "warning": 7, "info": 3}
    assert sum(summary["by_kind"].values()) == summary["findings"] == len(full_report.findings)
    assert summary["single_source_claims"] == 2
    assert (summary["skipped_inputs"], summary["warnings"], summary["baselined"]) == (2, 1, 1)


def test_json_findings_most_severe_first_then_by_path_and_line(full_report: Report) -> None:
    findings = json.loads(render_json(full_report))["findings"]
    rank = {"error": 0, "warning": 1, "info": 2}
    keys = [(rank[f["severity"]], f["claim"]["path"], f["claim"]["line"]) for f in findings]
    assert keys == sorted(keys)


def test_json_keeps_article_text_verbatim(full_report: Report) -> None:
    text = render_json(full_report)
    drift = next(f for f in json.loads(text)["findings"] if f["kind"] == "number-drift")
    assert "<script>alert(1)</script>" in drift["evidence"][0]["text"]
    assert "Kantongi" in text  # non-ASCII stays readable; no \\u escapes for plain text


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        ("examples/a.txt", "examples/a.txt"),
        ("./examples/a.txt", "examples/a.txt"),
        ("examples\\sub\\a.txt", "examples/sub/a.txt"),
        ("drafts/draft & notes.md", "drafts/draft%20%26%20notes.md"),
        ("feed.jsonl:12", "feed.jsonl%3A12"),
        ("javascript:alert(1)", "javascript%3Aalert%281%29"),
        ("<stdin>", "%3Cstdin%3E"),
    ],
)
def test_path_uri_is_an_escaped_relative_reference(path: str, uri: str) -> None:
    assert path_uri(path) == uri
