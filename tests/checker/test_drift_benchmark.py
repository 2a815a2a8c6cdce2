"""The drift benchmark's planting (benchmarks/drift_cases.py), without the model.

A planted edit must change exactly one sentence of the copy, and the fact it targets; a
control must keep every date and number the extractor reads. Otherwise the benchmark would
measure its own mistakes.
"""

from __future__ import annotations

import functools
import sys
import tempfile
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))

from drift_cases import (
    COPY_STEM,
    TODAY,
    Case,
    Copy,
    Plan,
    example_paths,
    make_copies,
    plan_cases,
)
from drift_edits import CONTROL, PLANTING_RULES, tables
from drift_scoring import CaseResult, Totals, baseline_keys, score_case

from checker.rules import get_rule
from checker.types import Evidence, Finding, Report, RunStats
from claims.extract import ExtractedArticle, extract_corpus
from claims.ingest import read_inputs
from claims.segment import split_sentences

KINDS = list(PLANTING_RULES)


@pytest.fixture(scope="module")
def copies() -> dict[str, Copy]:
    return {c.base: c for c in make_copies(example_paths())}


@pytest.fixture(scope="module")
def plan(copies: dict[str, Copy]) -> Plan:
    return plan_cases(list(copies.values()), seed=1, per_kind=10, controls=20)


@functools.cache
def _extract(text: str) -> ExtractedArticle:
    """The extra article on its own: its outlet is unique, so no other article changes it."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, f"{COPY_STEM}.txt")
        path.write_text(text, encoding="utf-8")
        return extract_corpus(read_inputs([str(path)], today=TODAY)).articles[0]


def _cases(plan: Plan, kind: str) -> list[Case]:
    return [c for c in plan.cases if c.edit.kind == kind]


def test_plan_makes_every_kind_and_the_controls(plan: Plan) -> None:
    made = Counter(c.edit.kind for c in plan.cases)
    assert all(made[kind] == 10 for kind in KINDS), made
    assert made[CONTROL] == 20
    assert not plan.refused and not any(plan.short.values())
    assert len({c.text for c in plan.cases}) == len(plan.cases)


def test_plan_is_fixed_by_its_seed(copies: dict[str, Copy], plan: Plan) -> None:
    again = plan_cases(list(copies.values()), seed=1, per_kind=10, controls=20)
    other = plan_cases(list(copies.values()), seed=2, per_kind=10, controls=20)
    assert [c.text for c in again.cases] == [c.text for c in plan.cases]
    assert [c.text for c in other.cases] != [c.text for c in plan.cases]


@pytest.mark.parametrize("kind", KINDS)
def test_planted_edit_changes_only_its_sentence(
    kind: str, plan: Plan, copies: dict[str, Copy]
) -> None:
    for case in _cases(plan, kind):
        copy, edit = copies[case.base], case.edit
        start, end = case.sentence
        assert edit.old != edit.new and copy.text[edit.start : edit.end] == edit.old
        assert case.text[:start] == copy.text[:start], case.name
        assert case.text[end:] == copy.text[edit.sentence[1] :], case.name
        assert case.text[start:end] != copy.text[slice(*edit.sentence)], case.name
        assert case.text[edit.start : edit.start + len(edit.new)] == edit.new
        before = [s.text for s in split_sentences(_extract(copy.text).clean)]
        after = [s.text for s in split_sentences(_extract(case.text).clean)]
        assert len(before) == len(after), case.name
        changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
        assert len(changed) == 1 and edit.new in changed[0][1], (case.name, changed)


def _facts(article: ExtractedArticle) -> Counter[tuple[str, str]]:
    dates = Counter(("date", str(d.value)) for c in article.claims for d in c.dates)
    return dates + Counter(("number", f"{n.value:g}") for c in article.claims for n in c.numbers)


def test_control_keeps_dates_and_numbers(plan: Plan, copies: dict[str, Copy]) -> None:
    controls = _cases(plan, CONTROL)
    assert {c.edit.rule for c in controls} >= {"alias", "speech-verb", "synonym", "reorder"}
    for case in controls:
        before = _extract(copies[case.base].text)
        after = _extract(case.text)
        assert _facts(after) == _facts(before), case.name
        assert len(after.claims) == len(before.claims), case.name


@pytest.mark.parametrize("kind", ["date-drift", "weekday-mismatch", "number-drift"])
def test_planted_edit_changes_the_fact_the_extractor_reads(
    kind: str, plan: Plan, copies: dict[str, Copy]
) -> None:
    changed = 0
    for case in _cases(plan, kind):
        before = _facts(_extract(copies[case.base].text))
        after = _extract(case.text)
        changed += _facts(after) != before
    assert changed >= 8  # a figure inside a date phrase ("bulan keempat") may read as none


def test_copy_is_another_outlet(copies: dict[str, Copy]) -> None:
    outlet = tables()["outlet"]
    for base, copy in copies.items():
        original = next(p for p in example_paths() if p.stem == base).read_text(encoding="utf-8")
        assert copy.text != original
        article = _extract(copy.text).article
        assert article.outlet in (outlet, None), base
        assert copy.sites and all(outlet not in s.text for s in copy.sites)


def _evidence(article: str, start: int, end: int, text: str) -> Evidence:
    return Evidence(article, f"{article}.txt", "X", 1, start, end, text)


def _report(*findings: Finding) -> Report:
    stats = RunStats(6, 1, 1, 1, 0.0)
    return Report(findings, (), (), (), (), stats, "m", "v", datetime(2026, 1, 1, tzinfo=UTC))


@pytest.mark.parametrize(
    ("span", "inherited", "recalled"),
    [((0, 50), False, True), ((-90, -60), False, False), ((-90, -60), True, False)],
)
def test_score_case_counts_only_new_findings_on_the_edit(
    plan: Plan, span: tuple[int, int], inherited: bool, recalled: bool
) -> None:
    case = _cases(plan, "date-drift")[0]
    start = case.sentence[0]  # span is relative to the edited sentence's start
    on_copy = _evidence(COPY_STEM, start + span[0], start + span[1], "Kalimat  itu")
    other = _evidence("002_cdf2b438e2bb1883", 0, 10, "lain")
    finding = get_rule("date-drift").finding(on_copy, [other], "x", confidence=1.0)
    on_base = _evidence(case.base, 0, 7, "kalimat itu")
    as_base = get_rule("date-drift").finding(on_base, [other], "x", confidence=1.0)
    baseline = baseline_keys(_report(as_base) if inherited else _report())
    result = score_case(case, _report(finding), baseline, extra=COPY_STEM, claims=10)
    assert result.recalled is recalled
    assert len(result.new) == (0 if inherited else 1)
    totals = Totals()
    totals.add(result)
    assert totals.recalled[case.edit.kind] == int(recalled)
    assert totals.precision("date-drift") == (None if inherited else float(recalled))


@pytest.mark.parametrize("in_sentence", [True, False])
def test_score_case_undoes_the_edit_only_in_its_sentence(plan: Plan, in_sentence: bool) -> None:
    case = next(c for c in _cases(plan, CONTROL) if c.edit.rule == "speech-verb")
    start, end = case.sentence
    if in_sentence:  # the reworded sentence repeats a drift its example already had
        span, text = (start, end), case.text[start:end]
        known_text = text.replace(case.edit.new, case.edit.old, 1)
    else:  # another sentence that happens to hold the edit's new word: as it was
        span, text = (0, 10), f"lain {case.edit.new} lagi"
        known_text = text
    other = _evidence("001_8e8cf64b5b00ab75", 0, 10, "kutipan lain")
    known = get_rule("quote-drift").finding(
        _evidence(case.base, 0, 9, known_text), [other], "x", confidence=1
    )
    again = get_rule("quote-drift").finding(
        _evidence(COPY_STEM, *span, text), [other], "x", confidence=1
    )
    baseline = baseline_keys(_report(known))
    result = score_case(case, _report(again), baseline, extra=COPY_STEM, claims=5)
    assert result.new == ()


def test_totals_count_control_findings_per_claim(plan: Plan) -> None:
    control = _cases(plan, CONTROL)[0]
    finding = get_rule("nli-contradiction").finding(
        _evidence(COPY_STEM, 0, 5, "a"),
        [_evidence("000_ec27902bce71dca6", 0, 5, "b")],
        "x",
        confidence=0.9,
    )
    totals = Totals()
    totals.add(CaseResult(control, 20, (finding,), ()))
    totals.add(CaseResult(control, 30, (), ()))
    assert totals.controls == 2 and totals.false_per_100_claims == pytest.approx(2.0)
