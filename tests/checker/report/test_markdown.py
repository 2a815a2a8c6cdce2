"""Markdown output (pull-request comments): golden files, escaping, and every section."""

from __future__ import annotations

import re

import pytest

from checker.report.markdown import md_code, md_text, render_markdown
from checker.types import Report

from .conftest import CheckGolden


@pytest.fixture(scope="module")
def markdown(full_report: Report) -> str:
    return render_markdown(full_report)


def test_markdown_matches_golden(
    named_report: tuple[str, Report], check_golden: CheckGolden
) -> None:
    name, report = named_report
    check_golden(f"{name}.md", render_markdown(report))


def test_markdown_summary_counts_severities(markdown: str) -> None:
    assert "**3 errors, 7 warnings, 3 notes** in 8 articles" in markdown


def test_markdown_table_has_a_row_per_finding(markdown: str, full_report: Report) -> None:
    rows = [line for line in markdown.splitlines() if re.match(r"\| \d+ \| ", line)]
    assert len(rows) == len(full_report.findings)
    # Every row has exactly the table's five cells: escaped pipes do not split them.
    assert all(len(re.split(r"(?<!\\)\|", row)) == 7 for row in rows)


def test_markdown_quotes_claim_and_evidence(markdown: str) -> None:
    assert "> **Claim** (KONTAN.CO.ID, `examples/000_ec27902bce71dca6.txt:29`): " in markdown
    assert "> **Evidence** (Beritabaru.co, `examples/002_cdf2b438e2bb1883.txt:17`): " in markdown
    assert "| date | Wednesday 15 June 2022 | Jumat (30/12) |" in markdown


def test_markdown_escapes_article_text(markdown: str) -> None:
    assert "<script>" not in markdown
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markdown
    assert r"\[bold\]US$ 2 miliar\[/bold\] \| \*penting\* \`kode\` \#tag" in markdown


def test_markdown_lists_corroboration_and_inputs(markdown: str) -> None:
    assert (
        "2 of 4 claims are reported by at least one other outlet; 2 rest on a single source."
        in markdown
    )
    assert markdown.count("**single source**") == 2
    assert "- `feeds/wire,2022.jsonl:7`: invalid JSON: Expecting ',' delimiter" in markdown
    assert "### Warnings" in markdown and "no outlet found in the text" in markdown


def test_markdown_without_findings_says_so(empty_report: Report) -> None:
    text = render_markdown(empty_report)
    assert "No findings." in text and "### Findings" not in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a & b", "a &amp; b"),
        ("<b>x</b>", "&lt;b&gt;x&lt;/b&gt;"),
        ("a | b", r"a \| b"),
        ("*x* _y_ [z](u) `c` ~s~ #h \\", r"\*x\* \_y\_ \[z\](u) \`c\` \~s\~ \#h \\"),
        ("two\nlines", "two lines"),
    ],
)
def test_md_text_renders_characters_literally(text: str, expected: str) -> None:
    assert md_text(text) == expected


@pytest.mark.parametrize(
    ("text", "cell", "expected"),
    [
        ("a.txt:3", False, "`a.txt:3`"),
        ("a`b", False, "`` a`b ``"),
        ("a|b", True, r"`a\|b`"),
        ("a|b", False, "`a|b`"),
    ],
)
def test_md_code_survives_backticks_and_pipes(text: str, cell: bool, expected: str) -> None:
    assert md_code(text, cell=cell) == expected
