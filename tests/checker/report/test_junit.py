"""JUnit XML: golden files, one test case per article, failures, skipped inputs, valid XML."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET

import pytest

from checker.report.junit import render_junit
from checker.types import Report

from .conftest import CheckGolden


@pytest.fixture(scope="module")
def suite(full_report: Report) -> ET.Element:
    root = ET.fromstring(render_junit(full_report))
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    return suite


def cases(suite: ET.Element) -> dict[str, ET.Element]:
    return {case.get("name", ""): case for case in suite.findall("testcase")}


def test_junit_matches_golden(named_report: tuple[str, Report], check_golden: CheckGolden) -> None:
    name, report = named_report
    check_golden(f"{name}.xml", render_junit(report))


def test_junit_has_one_suite_and_a_case_per_article_and_skipped_input(
    suite: ET.Element, full_report: Report
) -> None:
    assert suite.get("name") == "selaras"
    names = list(cases(suite))
    assert names == [a.path for a in full_report.articles] + [s.source for s in full_report.skipped]
    assert suite.get("tests") == str(len(names))
    assert list(suite.attrib) == [
        "name",
        "tests",
        "failures",
        "errors",
        "skipped",
        "time",
        "timestamp",
    ]


@pytest.mark.parametrize(
    ("path", "classname", "failures"),
    [
        (
            "examples/000_ec27902bce71dca6.txt",
            "KONTAN.CO.ID",
            ["number-drift", "quote-drift", "attribution-drift"],
        ),
        (
            "examples/003_4c1271fe611ef779.txt",
            "article",
            ["date-drift", "location-drift", "time-drift"],
        ),
        ("examples/004_53c5a6638690b04f.txt", "Kompas.com", []),  # its finding is baselined
        ("drafts/draft & notes.md", "article", ["unsupported"]),
        ("examples/quiet.txt", "Antara", []),
    ],
)
def test_junit_failures_per_article(
    suite: ET.Element, path: str, classname: str, failures: list[str]
) -> None:
    case = cases(suite)[path]
    assert case.get("classname") == classname
    assert [f.get("type") for f in case.findall("failure")] == failures


def test_junit_failure_carries_explanation_and_passages(suite: ET.Element) -> None:
    failure = cases(suite)["examples/000_ec27902bce71dca6.txt"].findall("failure")[1]
    assert failure.get("message", "").startswith("The same quotation from juru bicara")
    assert "Evidence (Beritabaru.co, examples/002_cdf2b438e2bb1883.txt:17)" in (failure.text or "")


def test_junit_info_and_baselined_findings_go_to_system_out(suite: ET.Element) -> None:
    out = cases(suite)["examples/001_8e8cf64b5b00ab75.txt"].find("system-out")
    assert out is not None and "info unsupported" in (out.text or "")
    baselined = cases(suite)["examples/004_53c5a6638690b04f.txt"].find("system-out")
    assert baselined is not None and "(baselined)" in (baselined.text or "")
    assert suite.get("failures") == "9"


def test_junit_skipped_inputs_carry_their_reason(suite: ET.Element) -> None:
    skipped = cases(suite)["feeds/wire,2022.jsonl"].find("skipped")
    assert skipped is not None and skipped.get("message") == "invalid JSON: Expecting ',' delimiter"
    assert suite.get("skipped") == "2"


def test_junit_replaces_characters_xml_cannot_hold(full_report: Report) -> None:
    bad = dataclasses.replace(full_report.findings[0], explanation="null \x00 and \x0b tab")
    report = dataclasses.replace(full_report, findings=(bad,))
    root = ET.fromstring(render_junit(report))
    assert root.find(".//failure") is not None
    assert root.find(".//failure").get("message") == "null \\x00 and \\x0b tab"  # type: ignore[union-attr]
