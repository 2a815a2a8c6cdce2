"""The library entry point (checker/run.py): inputs and a Config in, a Report out.

A scripted NLI test double stands in for the model (its scores are not model output), so that
what run_check does around the model is what is tested: the configured languages, draft mode,
and the settings it hands to the pipeline.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pytest

from checker.config import Config
from checker.errors import DraftError
from checker.nli.labels import NLIScores
from checker.pipeline import check
from checker.run import in_languages, run_check
from claims.types import Article, Corpus, Skipped

from .builders import (
    CONTRADICTS,
    JUNE_CALL,
    TODAY,
    ScriptedNLI,
    Story,
    example_extraction,
    example_paths,
    write_stories,
)

NOW = datetime(2026, 1, 1, 12, 0)
ENGLISH = Story(
    "english",
    "President Xi Jinping spoke with President Vladimir Putin by telephone on Wednesday.",
    "Reuters",
    "2022-06-15",
    language="en",
)


def _article(article_id: str, language: str) -> Article:
    return Article(id=article_id, path=f"{article_id}.md", text="x", language=language)


def test_in_languages_lists_the_other_articles_as_skipped() -> None:
    kept = _article("a", "id")
    corpus = Corpus((kept, _article("b", "en"), _article("c", "id-ID")), (Skipped("z", "bad"),))
    found = in_languages(corpus, ("id",))
    assert [a.id for a in found.articles] == ["a", "c"]
    assert found.skipped == (
        Skipped("z", "bad"),
        Skipped("b.md", 'language en not in languages = ["id"]'),
    )
    assert in_languages(corpus, ()) is corpus


def test_run_check_matches_the_pipeline_on_the_examples() -> None:
    report = run_check(example_paths(), Config(), now=NOW, backend=ScriptedNLI(), today=TODAY)
    direct = check(example_extraction(), ScriptedNLI(), now=NOW)
    assert report.findings == direct.findings
    assert report.corroboration == direct.corroboration
    assert (report.mode, report.skipped) == ("corpus", ())


def test_run_check_skips_articles_outside_the_configured_languages(tmp_path: Path) -> None:
    paths = [*example_paths(), *write_stories(tmp_path, [ENGLISH])]
    config = Config(languages=("id",))
    report = run_check(paths, config, now=NOW, backend=ScriptedNLI(), today=TODAY)
    assert len(report.articles) == 5
    assert [(s.source, s.reason) for s in report.skipped] == [
        (str(tmp_path / "english.md"), 'language en not in languages = ["id"]')
    ]
    everything = run_check(paths, Config(), now=NOW, backend=ScriptedNLI(), today=TODAY)
    assert len(everything.articles) == 6


def test_run_check_draft_mode_checks_the_draft(tmp_path: Path) -> None:
    (draft,) = write_stories(tmp_path, [Story("draf", JUNE_CALL, "Redaksi", "2022-06-16")])
    report = run_check(
        example_paths(), Config(), now=NOW, draft=draft, backend=ScriptedNLI(), today=TODAY
    )
    assert (report.mode, report.draft) == ("draft", "draf")
    assert {c.claim.article_id for c in report.corroboration} == {"draf"}


def test_run_check_unreadable_draft_is_a_draft_error(tmp_path: Path) -> None:
    with pytest.raises(
        DraftError, match=r"the draft .*missing\.md could not be read: no such file"
    ):
        run_check(
            example_paths(),
            Config(),
            now=NOW,
            draft=tmp_path / "missing.md",
            backend=ScriptedNLI(),
            today=TODAY,
        )


@dataclass
class BatchRecorder(ScriptedNLI):
    """The test double, also recording the batch size it is asked to use."""

    sizes: list[int] = field(default_factory=list)

    def predict(self, pairs: Sequence[tuple[str, str]], *, batch_size: int = 16) -> list[NLIScores]:
        self.sizes.append(batch_size)
        return super().predict(pairs, batch_size=batch_size)


def test_run_check_hands_the_settings_to_the_pipeline() -> None:
    backend = BatchRecorder(lambda premise, hypothesis: CONTRADICTS)
    config = Config(disable=frozenset({"quote-drift"}), batch_size=3)
    report = run_check(example_paths(), config, now=NOW, backend=backend, today=TODAY)
    assert backend.sizes == [3]
    assert report.findings and all(f.kind != "quote-drift" for f in report.findings)
    assert report.generated_at == NOW and report.model == backend.name
