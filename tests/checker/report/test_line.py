"""The one-line format: golden files, ``path:line:column:rule:message``, sorted by place."""

from __future__ import annotations

import re

from checker.report.line import render_line
from checker.types import FindingKind, Report

from .conftest import CheckGolden

LINE = re.compile(
    r"^(?P<path>.+):(?P<line>\d+):(?P<column>\d+):(?P<rule>[a-z-]+):\[(?P<severity>error|warning|info)\]( \(baselined\))? \S"
)


def test_line_matches_golden(named_report: tuple[str, Report], check_golden: CheckGolden) -> None:
    name, report = named_report
    check_golden(f"{name}.line.txt", render_line(report))


def test_line_one_well_formed_line_per_finding(full_report: Report) -> None:
    lines = render_line(full_report).splitlines()
    assert len(lines) == len(full_report.findings)
    matches = [LINE.match(line) for line in lines]
    assert all(matches), [line for line, m in zip(lines, matches, strict=True) if not m]
    assert {m["rule"] for m in matches if m} == {k.value for k in FindingKind}
    assert {m["column"] for m in matches if m} == {"1"}


def test_line_sorted_by_path_then_line(full_report: Report) -> None:
    places = [
        (m["path"], int(m["line"]))
        for m in map(LINE.match, render_line(full_report).splitlines())
        if m
    ]
    assert places == sorted(places)
    assert places[0] == ("drafts/draft & notes.md", 3)


def test_line_marks_baselined_findings(full_report: Report) -> None:
    assert ":nli-contradiction:[warning] (baselined) The model judges" in render_line(full_report)


def test_line_empty_report_prints_nothing(empty_report: Report) -> None:
    assert render_line(empty_report) == ""
