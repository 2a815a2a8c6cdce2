"""The gold of the coverage benchmark is well formed (no model is loaded).

Every story's passages are verbatim in the files they name, every rule is one Selaras has or
one that is planned, and the set has the size and language mix the benchmark promises.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from coverage_gold import GoldError, Story, gold_problems, load_stories, load_story

from checker.rules import rule_ids

COVERAGE = Path(__file__).parents[2] / "benchmarks" / "coverage"
STORIES = load_stories(COVERAGE)


@pytest.mark.parametrize("story", STORIES, ids=lambda s: s.slug)
def test_gold_passages_are_verbatim_and_rules_known(story: Story) -> None:
    assert gold_problems(story, rule_ids()) == []


@pytest.mark.parametrize("story", STORIES, ids=lambda s: s.slug)
def test_story_has_five_outlets_and_both_kinds_of_gold(story: Story) -> None:
    assert len(story.real_articles) >= 5
    assert story.discrepancies and story.agreed
    for agreed in story.agreed:
        stems = [p.article for p in agreed.passages]
        assert len(set(stems)) == len(stems), agreed.note
    for gold in story.discrepancies:
        if gold.b is not None:
            assert gold.a.article != gold.b.article, gold.note


def test_benchmark_has_the_promised_stories_and_languages() -> None:
    groups = Counter(story.group for story in STORIES)
    assert len(STORIES) >= 12
    assert groups["id"] >= 9 and groups["en"] >= 3 and groups["mixed"] >= 2


def test_gold_problems_names_each_fault(tmp_path: Path) -> None:
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "01_a.txt").write_text("Gempa terjadi pukul 13.21 WIB.\n", encoding="utf-8")
    (folder / "02_b.txt").write_text("Gempa terjadi pukul 13.12 WIB.\n", encoding="utf-8")
    (folder / "gold.toml").write_text(
        '[story]\ntitle = "t"\nlanguages = ["id"]\nwire_copies = [["01_a", "09_z"]]\n'
        '[[discrepancy]]\nrule = "time-drifts"\nseverity = "fatal"\n'
        'article_a = "01_a"\npassage_a = "pukul 13.21 WIB"\n'
        'article_b = "03_c"\npassage_b = "pukul 13.12 WIB"\n'
        '[[agreed]]\narticles = ["01_a", "02_b"]\npassages = ["Gempa terjadi", "pukul 13.99"]\n',
        encoding="utf-8",
    )
    problems = gold_problems(load_story(folder), ("quote-drift",))
    assert problems == [
        "story: no article '03_c'",
        "story/02_b: passage not found: 'pukul 13.99'",
        "story: unknown rule 'time-drifts'",
        "story: unknown severity 'fatal'",
        "story: no article '09_z'",
    ]


def test_load_story_rejects_an_agreed_fact_without_a_passage_per_article(tmp_path: Path) -> None:
    (tmp_path / "01_a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "gold.toml").write_text(
        '[story]\nlanguages = ["en"]\n[[agreed]]\narticles = ["01_a", "02_b"]\npassages = ["x"]\n',
        encoding="utf-8",
    )
    with pytest.raises(GoldError, match="one passage per article"):
        load_story(tmp_path)
