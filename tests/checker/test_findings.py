"""Findings (checker/findings.py): evidence, fingerprints that survive edits, clamped confidence."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from checker.findings import (
    describe,
    evidence,
    fingerprint,
    long_date,
    make_finding,
)
from checker.rules import Rule, all_rules, rule_ids
from checker.rules.weekday_mismatch import detect as detect_weekday_mismatch
from checker.types import Difference, Evidence, Finding, Severity

from .builders import Story, claim_with, drift_context, extract_stories

WRONG_WEEKDAY = "Presiden Xi Jinping berbicara dengan Presiden Vladimir Putin melalui telepon pada Rabu (16/6/2022)."
EARLIER = "Harga beras di pasar tradisional Surabaya naik tajam menjelang hari raya.\n\nPedagang mengeluh."

BASE = Evidence(
    "a", "a.md", "Kontan", line=5, start=100, end=140, text="China bersedia mendukung Rusia."
)
OTHER = Evidence(
    "b", "b.md", "Tempo", line=9, start=7, end=47, text="Beijing bersedia mendukung Rusia."
)


def _weekday_finding(folder: Path, body: str) -> Finding:
    extraction = extract_stories(folder, Story("a", body, "Kontan", "2022-06-16"))
    claim = claim_with(extraction, "a", "Rabu (16/6/2022)")
    (finding,) = detect_weekday_mismatch(claim, drift_context(extraction))
    return finding


def test_fingerprint_real_finding_survives_lines_added_above(tmp_path: Path) -> None:
    before = _weekday_finding(tmp_path / "v1", WRONG_WEEKDAY)
    after = _weekday_finding(tmp_path / "v2", f"{EARLIER}\n\n\n{WRONG_WEEKDAY}")
    assert (after.claim.line, after.claim.start) != (before.claim.line, before.claim.start)
    assert after.fingerprint == before.fingerprint
    assert len(before.fingerprint) == 16


@pytest.mark.parametrize(
    "moved",
    [
        replace(BASE, line=50, start=1000, end=1040),
        replace(BASE, text="  china   BERSEDIA mendukung\nRusia. "),
        replace(BASE, path="elsewhere/a.txt", outlet="KONTAN.CO.ID"),
        replace(BASE, date=date(2022, 6, 15)),
    ],
    ids=["line-and-offset", "case-and-spacing", "path-and-outlet", "date"],
)
def test_fingerprint_same_words_same_fingerprint(moved: Evidence) -> None:
    kind = "quote-drift"
    assert fingerprint(kind, [moved, OTHER]) == fingerprint(kind, [BASE, OTHER])


def test_fingerprint_ignores_passage_order() -> None:
    kind = "date-drift"
    assert fingerprint(kind, [BASE, OTHER]) == fingerprint(kind, [OTHER, BASE])


@pytest.mark.parametrize(
    "changed",
    [
        replace(BASE, article_id="c"),
        replace(BASE, text="China menolak mendukung Rusia."),
    ],
    ids=["article", "words"],
)
def test_fingerprint_other_passage_other_fingerprint(changed: Evidence) -> None:
    kind = "quote-drift"
    assert fingerprint(kind, [changed, OTHER]) != fingerprint(kind, [BASE, OTHER])


def test_fingerprint_differs_between_kinds() -> None:
    prints = {fingerprint(kind, [BASE, OTHER]) for kind in rule_ids()}
    assert len(prints) == len(rule_ids())


@pytest.mark.parametrize(
    ("given", "expected"),
    [(1.7, 1.0), (1.0, 1.0), (-0.3, 0.0), (0.12345, 0.123), (0.5, 0.5), (0.9996, 1.0)],
)
def test_make_finding_confidence_is_clamped_and_rounded(given: float, expected: float) -> None:
    finding = make_finding(
        "date-drift", BASE, [OTHER], "x", confidence=given, severity=Severity.ERROR
    )
    assert finding.confidence == expected


@pytest.mark.parametrize("rule", all_rules(), ids=rule_ids())
def test_rule_finding_default_severity_and_override(rule: Rule[Any, Any]) -> None:
    default = rule.finding(BASE, [OTHER], "x", confidence=0.5)
    assert (default.kind, default.severity) == (rule.id, rule.severity)
    overridden = rule.finding(BASE, [OTHER], "x", confidence=0.5, severity=Severity.INFO)
    assert overridden.severity is Severity.INFO
    assert overridden.fingerprint == default.fingerprint  # severity is not identity


def test_make_finding_keeps_evidence_and_differences_as_tuples() -> None:
    diffs = [Difference("date", "Wednesday 15 June 2022", "Friday 30 December 2022")]
    finding = make_finding(
        "quote-drift",
        BASE,
        [OTHER],
        "x",
        confidence=0.9,
        differences=diffs,
        severity=Severity.ERROR,
    )
    assert finding.evidence == (OTHER,)
    assert finding.differences == tuple(diffs)
    assert finding.fingerprint == fingerprint("quote-drift", [BASE, OTHER])


def test_evidence_points_at_the_claims_words(tmp_path: Path) -> None:
    extraction = extract_stories(
        tmp_path, Story("a", f"{EARLIER}\n\n{WRONG_WEEKDAY}", "Kontan", "2022-06-16")
    )
    claim = claim_with(extraction, "a", "Rabu (16/6/2022)")
    article = extraction.articles[0].article
    found = evidence(claim, article, day=date(2022, 6, 16))
    assert article.text[found.start : found.end] == found.text == claim.text
    assert (found.article_id, found.outlet, found.line) == ("a", "Kontan", claim.span.line)
    lines = Path(article.path).read_text(encoding="utf-8").split("\n")
    assert (
        found.text in lines[found.line - 1]
    )  # the line number is the file's, front matter included
    assert found.date == date(2022, 6, 16)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2022, 6, 15), "Wednesday 15 June 2022"),
        (date(2022, 12, 30), "Friday 30 December 2022"),
        (None, "no date"),
    ],
)
def test_long_date_spells_weekday_day_month_year(day: date | None, expected: str) -> None:
    assert long_date(day) == expected


@pytest.mark.parametrize(
    ("outlet", "expected"), [("Kontan", "Kontan (a, line 5)"), (None, "unknown outlet (a, line 5)")]
)
def test_describe_names_outlet_article_and_line(outlet: str | None, expected: str) -> None:
    assert describe(replace(BASE, outlet=outlet)) == expected
