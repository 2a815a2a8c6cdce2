"""The one-line format: golden files, ``path:line:column:rule:message``, sorted by place."""

from __future__ import annotations

import re

from checker.report.line import render_line
from checker.rules import rule_ids
from checker.types import Report

from .conftest import CheckGolden

LINE = re.compile(
    r"^(?P<path>.+):(?P<line>\d+):(?P<column>\d+):(?P<rule>[a-z-]+):\[(?P<severity>error|warning|info)\]( \(baselined\))? \S"
)


def test_line_matches_golden(named_report: tuple[str, Report], check_golden: CheckGolden) -> None:
    name, report = named_report
    check_golden(f"{name}.line.txt", render_line(report))


def _finding_lines(report: Report) -> list[str]:
    lines = render_line(report).splitlines()
    return lines[: len(report.findings)]


def test_line_one_well_formed_line_per_finding(full_report: Report) -> None:
    lines = _finding_lines(full_report)
    matches = [LINE.match(line) for line in lines]
    assert all(matches), [line for line, m in zip(lines, matches, strict=True) if not m]
    assert {m["rule"] for m in matches if m} == set(rule_ids())
    assert {m["column"] for m in matches if m} == {"1"}


def test_line_sorted_by_path_then_line(full_report: Report) -> None:
    places = [
        (m["path"], int(m["line"])) for m in map(LINE.match, _finding_lines(full_report)) if m
    ]
    assert places == sorted(places)
    assert places[0] == ("drafts/draft & notes.md", 3)


def test_line_marks_baselined_findings(full_report: Report) -> None:
    assert ":nli-contradiction:[warning] (baselined) The model judges" in render_line(full_report)


def test_line_empty_report_prints_nothing(empty_report: Report) -> None:
    assert render_line(empty_report) == ""


def test_line_lists_skipped_inputs_and_warnings_after_the_findings(full_report: Report) -> None:
    rest = render_line(full_report).splitlines()[len(full_report.findings) :]
    assert len(rest) == len(full_report.skipped) + len(full_report.warnings) > 0
    for item, line in zip(full_report.skipped, rest, strict=False):
        assert line.startswith(f"{item.source}:") and ":skipped:[skipped] " in line
