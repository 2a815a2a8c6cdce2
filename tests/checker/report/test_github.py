"""GitHub Actions annotations: golden files, one command per line, the toolkit's escaping."""

from __future__ import annotations

import pytest

from checker.report.github import escape_data, escape_property, render_github
from checker.types import Report

from .conftest import CheckGolden


@pytest.fixture(scope="module")
def lines(full_report: Report) -> list[str]:
    return render_github(full_report).splitlines()


def test_github_matches_golden(named_report: tuple[str, Report], check_golden: CheckGolden) -> None:
    name, report = named_report
    check_golden(f"{name}.github.txt", render_github(report))


def test_github_one_command_per_finding_skipped_input_and_warning(
    lines: list[str], full_report: Report
) -> None:
    assert len(lines) == len(full_report.findings) + len(full_report.skipped) + len(
        full_report.warnings
    )
    assert [line.split(" ", 1)[0] for line in lines[:12]] == ["::error"] * 3 + ["::warning"] * 7 + [
        "::notice"
    ] * 2


def test_github_error_annotation_names_file_line_and_rule(lines: list[str]) -> None:
    assert lines[1].startswith(
        "::error file=examples/000_ec27902bce71dca6.txt,line=29,title=quote-drift::The same quotation"
    )
    assert "%0AClaim (KONTAN.CO.ID): " in lines[1]


def test_github_escapes_properties_and_message(lines: list[str]) -> None:
    feed = next(line for line in lines if "Wire, Inc." in line)
    assert feed.startswith("::notice file=feeds/wire%2C2022.jsonl%3A3,line=1,title=unsupported::")
    skipped = next(line for line in lines if "README" in line)
    assert (
        skipped
        == "::warning file=examples/README.md,title=skipped input::not an article: no story text left after cleaning"
    )


@pytest.mark.parametrize(
    ("text", "data", "prop"),
    [
        ("100%", "100%25", "100%25"),
        ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
        ("a:b,c", "a:b,c", "a%3Ab%2Cc"),
        ("%0A", "%250A", "%250A"),
    ],
)
def test_github_escaping_follows_the_toolkit(text: str, data: str, prop: str) -> None:
    assert (escape_data(text), escape_property(text)) == (data, prop)


def test_github_empty_report_prints_nothing(empty_report: Report) -> None:
    assert render_github(empty_report) == ""
