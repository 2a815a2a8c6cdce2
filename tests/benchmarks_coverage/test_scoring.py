"""How the coverage benchmark scores a report against gold, on hand-made reports (no model)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from coverage_gold import Story, load_story
from coverage_scoring import normalise, score_report
from coverage_tables import group_table, rule_table

from checker.types import (
    ArticleRef,
    Corroboration,
    Evidence,
    Finding,
    Report,
    RunStats,
    Severity,
)

ARTICLES = {
    "01_a": ("Outlet A", "Korban meninggal 62 orang.\nGempa terjadi pukul 13.21 WIB.\n"),
    "02_b": ("Outlet B", "Korban meninggal 162 orang.\nGempa terjadi pukul 13.21 WIB.\n"),
    "03_c": ("Outlet C", "Korban bertambah menjadi 252 orang.\nGempa terjadi pukul 13.12 WIB.\n"),
    "04_d": ("Outlet D", "Korban mencapai 268 orang.\nHarga Rp 10.000 per liter.\n"),
    "05_e": ("Outlet E", "Korban mencapai 268 orang.\nHarga Rp10.000 per liter.\n"),
}
GOLD = """
[story]
title = "test"
languages = ["id"]
wire_copies = [["04_d", "05_e"]]

[[discrepancy]]
rule = "number-drift"
severity = "error"
article_a = "01_a"
passage_a = "meninggal 62 orang"
article_b = "02_b"
passage_b = "meninggal 162 orang"

[[discrepancy]]
rule = "updated-figure"
severity = "info"
article_a = "02_b"
passage_a = "meninggal 162 orang"
article_b = "03_c"
passage_b = "menjadi 252 orang"

[[discrepancy]]
rule = "updated-figure"
severity = "info"
article_a = "03_c"
passage_a = "menjadi 252 orang"
article_b = "04_d"
passage_b = "mencapai 268 orang"

[[discrepancy]]
rule = "time-drift"
severity = "warning"
article_a = "03_c"
passage_a = "pukul 13.12 WIB"
article_b = "01_a"
passage_b = "pukul 13.21 WIB"

[[agreed]]
articles = ["01_a", "02_b"]
passages = ["Gempa terjadi pukul 13.21 WIB", "Gempa terjadi pukul 13.21 WIB"]

[[agreed]]
articles = ["04_d", "05_e"]
passages = ["Harga Rp 10.000", "Harga Rp10.000"]
"""


@pytest.fixture
def story(tmp_path: Path) -> Story:
    for stem, (_, text) in ARTICLES.items():
        (tmp_path / f"{stem}.txt").write_text(text, encoding="utf-8")
    (tmp_path / "gold.toml").write_text(GOLD, encoding="utf-8")
    return load_story(tmp_path)


def sentence(stem: str, line: int) -> Evidence:
    outlet, text = ARTICLES[stem]
    words = text.splitlines()[line - 1]
    return Evidence(f"id-{stem}", f"/x/{stem}.txt", outlet, line, 0, len(words), words)


def finding(rule: str, severity: str, *spots: tuple[str, int]) -> Finding:
    first, *rest = (sentence(stem, line) for stem, line in spots)
    return Finding(rule, Severity(severity), 0.9, first, tuple(rest), "")


def report(findings: list[Finding], corroboration: list[Corroboration] | None = None) -> Report:
    refs = tuple(
        ArticleRef(f"id-{stem}", f"/x/{stem}.txt", outlet, None, None)
        for stem, (outlet, _) in ARTICLES.items()
    )
    return Report(
        findings=tuple(findings),
        corroboration=tuple(corroboration or ()),
        articles=refs,
        skipped=(),
        warnings=(),
        stats=RunStats(5, 10, 0, 0, 0.0),
        model="test",
        version="0",
        generated_at=datetime(2026, 1, 1, tzinfo=UTC),
    )


def corroborated(stem: str, line: int, *by: str) -> Corroboration:
    supporting = tuple(sentence(other, 1) for other in by)
    return Corroboration(sentence(stem, line), tuple(ARTICLES[o][0] for o in by), supporting)


def test_a_finding_of_the_gold_rule_is_recalled_and_true(story: Story) -> None:
    score = score_report(
        story, report([finding("number-drift", "error", ("02_b", 1), ("01_a", 1))])
    )
    assert score.rules["number-drift"].recalled == 1
    assert score.rules["number-drift"].true == 1
    assert score.false == ()


def test_another_rule_catches_but_does_not_recall(story: Story) -> None:
    found = finding("number-drift", "error", ("03_c", 2), ("01_a", 2))
    score = score_report(story, report([found]))
    assert score.rules["time-drift"].recalled == 0
    assert score.rules["time-drift"].caught == 1
    assert score.rules["number-drift"].true == 1  # it flags a real discrepancy, if by another name


def test_an_error_on_an_updated_figure_is_over_severe(story: Story) -> None:
    direct = finding("number-drift", "error", ("02_b", 1), ("03_c", 1))
    across_chain = finding("number-drift", "error", ("02_b", 1), ("04_d", 1))
    score = score_report(story, report([direct, across_chain]))
    assert score.rules["number-drift"].over_severe == 2
    assert score.rules["number-drift"].true == 0
    assert len(score.false) == 2
    assert score.rules["updated-figure"].caught == 1  # 162 -> 252, by a finding of another rule


def test_an_unrelated_finding_is_false_and_info_findings_are_not_judged(story: Story) -> None:
    wrong = finding("nli-contradiction", "warning", ("04_d", 2), ("01_a", 2))
    info = finding("quote-drift", "info", ("04_d", 2), ("01_a", 2))
    score = score_report(story, report([wrong, info]))
    assert score.rules["nli-contradiction"].flagged == 1
    assert "quote-drift" not in score.rules
    assert [(f.rule, why) for f, why in score.false] == [
        ("nli-contradiction", "no gold discrepancy")
    ]


def test_agreed_fact_is_corroborated_by_another_outlet_but_not_by_a_wire_copy(
    story: Story,
) -> None:
    entries = [corroborated("01_a", 2, "02_b"), corroborated("04_d", 2, "05_e")]
    score = score_report(story, report([], entries))
    assert (score.agreed, score.corroborated) == (2, 1)
    assert score.copies_counted == 1


def test_a_finding_across_two_agreed_passages_contradicts_the_fact(story: Story) -> None:
    found = finding("number-drift", "error", ("04_d", 2), ("05_e", 2))
    score = score_report(story, report([found]))
    assert score.contradicted == 1


def test_draft_mode_scores_only_gold_that_involves_the_draft(story: Story) -> None:
    unsupported = finding("unsupported", "warning", ("01_a", 2))
    score = score_report(story, report([unsupported], [corroborated("01_a", 2)]), draft="01_a")
    assert score.total.gold == 2  # number-drift 01-02 and time-drift 03-01
    assert score.unsupported_on_agreed == 1 and score.unsupported == 0
    assert score.claims == 1
    assert score.corroborated == 0 and score.agreed == 1


def test_passages_match_across_line_breaks_case_and_quote_marks() -> None:
    assert normalise("“Data ini\n  masih Bergerak,” kata") == '"data ini masih bergerak," kata'


def test_tables_show_planned_rules_and_language_groups(story: Story) -> None:
    score = score_report(
        story, report([finding("number-drift", "error", ("02_b", 1), ("01_a", 1))])
    )
    rules = rule_table([score], ("number-drift",))
    assert "| time-drift | planned | 1 | 0 | 0.00 |" in rules
    assert "| number-drift | exists | 1 | 1 | 1.00 | 1 | 1 | 1 | 0 | 1.00 |" in rules
    groups = group_table([score])
    assert groups.splitlines()[2].startswith("| id | 1 | 10 | 4 | 1 | 0.25 |")


def test_a_passage_with_alternatives_is_covered_by_any_of_them(tmp_path: Path) -> None:
    for stem, (_, text) in ARTICLES.items():
        (tmp_path / f"{stem}.txt").write_text(text, encoding="utf-8")
    gold = GOLD.replace(
        'passage_b = "meninggal 162 orang"',
        'passage_b = ["Korban meninggal 162", "Gempa terjadi pukul 13.21 WIB"]',
        1,
    )
    (tmp_path / "gold.toml").write_text(gold, encoding="utf-8")
    story = load_story(tmp_path)
    via_second = finding("number-drift", "error", ("01_a", 1), ("02_b", 2))
    score = score_report(story, report([via_second]))
    assert score.rules["number-drift"].recalled == 1


def test_false_findings_say_why_they_are_false(story: Story) -> None:
    update = finding("number-drift", "error", ("02_b", 1), ("03_c", 1))
    score = score_report(story, report([update]))
    assert [why for _, why in score.false] == ["over-severe: only an updated figure"]


def test_two_copies_of_one_figure_in_a_chain_are_no_update(tmp_path: Path) -> None:
    for stem, (_, text) in ARTICLES.items():
        (tmp_path / f"{stem}.txt").write_text(text, encoding="utf-8")
    copy = (
        '\n[[discrepancy]]\nrule = "updated-figure"\nseverity = "info"\n'
        'article_a = "03_c"\npassage_a = "menjadi 252 orang"\n'
        'article_b = "05_e"\npassage_b = "mencapai 268 orang"\n'
    )
    gold = GOLD.replace("\n[[agreed]]", copy + "\n[[agreed]]", 1)
    (tmp_path / "gold.toml").write_text(gold, encoding="utf-8")
    story = load_story(tmp_path)
    between_copies = finding("date-drift", "error", ("04_d", 1), ("05_e", 1))
    across_updates = finding("number-drift", "error", ("02_b", 1), ("05_e", 1))
    score = score_report(story, report([between_copies, across_updates]))
    assert [(f.rule, why) for f, why in score.false] == [
        ("date-drift", "no gold discrepancy"),
        ("number-drift", "over-severe: only an updated figure"),
    ]


def test_chain_figures_of_one_agreed_fact_are_no_update(tmp_path: Path) -> None:
    for stem, (_, text) in ARTICLES.items():
        (tmp_path / f"{stem}.txt").write_text(text, encoding="utf-8")
    copy = (
        '\n[[discrepancy]]\nrule = "updated-figure"\nseverity = "info"\n'
        'article_a = "03_c"\npassage_a = "menjadi 252 orang"\n'
        'article_b = "05_e"\npassage_b = "Korban mencapai 268"\n'
        '\n[[agreed]]\narticles = ["04_d", "05_e"]\n'
        'passages = ["mencapai 268 orang", "Korban mencapai 268"]\n'
    )
    (tmp_path / "gold.toml").write_text(GOLD + copy, encoding="utf-8")
    between = finding("number-drift", "error", ("04_d", 1), ("05_e", 1))
    score = score_report(load_story(tmp_path), report([between]))
    assert [why for _, why in score.false] == ["no gold discrepancy"]
    assert score.contradicted == 1
