"""Terminal output: golden files, colour only when asked, markup printed literally, grouping."""

from __future__ import annotations

import pytest

from checker.report.terminal import render_terminal
from checker.types import Report

from .conftest import CheckGolden


def test_terminal_matches_golden(
    named_report: tuple[str, Report], check_golden: CheckGolden
) -> None:
    name, report = named_report
    check_golden(f"{name}.txt", render_terminal(report))


def test_terminal_colour_matches_golden(full_report: Report, check_golden: CheckGolden) -> None:
    check_golden("full.color.txt", render_terminal(full_report, color=True))


@pytest.mark.parametrize(("color", "has_ansi"), [(False, False), (True, True)])
def test_terminal_uses_ansi_codes_only_when_asked(
    full_report: Report, color: bool, has_ansi: bool
) -> None:
    assert ("\x1b[" in render_terminal(full_report, color=color)) is has_ansi


def test_terminal_ignores_the_environment(
    full_report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain, colored = render_terminal(full_report), render_terminal(full_report, color=True)
    for name, value in (
        ("NO_COLOR", "1"),
        ("FORCE_COLOR", "1"),
        ("COLUMNS", "40"),
        ("TERM", "dumb"),
    ):
        monkeypatch.setenv(name, value)
    assert render_terminal(full_report) == plain
    assert render_terminal(full_report, color=True) == colored


def test_terminal_prints_markup_in_articles_literally(full_report: Report) -> None:
    text = render_terminal(full_report, color=True, width=200)
    assert "[bold]US$ 2 miliar[/bold]" in text
    assert "<script>alert(1)</script>" in render_terminal(full_report)


def test_terminal_groups_findings_by_severity(full_report: Report) -> None:
    text = render_terminal(full_report)
    positions = [
        text.index(heading)
        for heading in ("Errors (3)", "Warnings (7)", "Notes (3)", "Skipped inputs (2)")
    ]
    assert positions == sorted(positions)
    assert text.index("number-drift") < text.index("Warnings (7)") < text.index("weekday-mismatch")


@pytest.mark.parametrize("width", [60, 100, 140])
def test_terminal_wraps_to_the_width(full_report: Report, width: int) -> None:
    lines = render_terminal(full_report, width=width).splitlines()
    assert max(len(line) for line in lines) <= width
    assert any(len(line) > width - 20 for line in lines)


def test_terminal_summarises_counts_and_corroboration(full_report: Report) -> None:
    text = render_terminal(full_report, width=200)
    assert (
        "Summary: 3 errors, 7 warnings, 3 notes. 8 articles, 42 claims, 120 pairs considered"
        in text
    )
    assert "Corroboration: 2 of 4 claims reported by another outlet; 2 single-source." in text
