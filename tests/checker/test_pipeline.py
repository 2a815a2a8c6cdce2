"""The whole check (checker/pipeline.py) on the five examples, with a scripted NLI test double.

The double's scores are rules written in each test, not model output: they fix what "the
model" says so that what the pipeline does around it (events, drift, boilerplate, draft mode)
is what is tested. The real model is exercised by the slow tests elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from checker.config import Config
from checker.pipeline import DraftMode, check
from checker.types import Evidence, Finding, Report, Severity
from claims.extract import Extraction

from .builders import (
    CONTRADICTS,
    ID_000,
    ID_002,
    NEUTRAL,
    ScriptedNLI,
    Story,
    example_extraction,
    example_paths,
    read_and_extract,
    write_stories,
)

NOW = datetime(2026, 1, 1, 12, 0)
NEUTRAL_QUOTE = "mengklaim netral"
DRAFT = "draf"
INVENTED = "Xi Jinping juga berjanji mengirim lima ratus panda raksasa ke kebun binatang Moskow tahun depan."
COPIED = "Xi menambahkan, Beijing bersedia mengintensifkan koordinasi strategis antara kedua negara."  # from 004
DRAFT_BODY = "\n\n".join(
    [
        "Presiden Xi Jinping meyakinkan Presiden Vladimir Putin tentang dukungan China atas kedaulatan "
        "dan keamanan Rusia melalui telepon pada Rabu (15/6/2022).",
        COPIED,
        '"China mengklaim netral, tetapi perilakunya memperjelas bahwa mereka masih berinvestasi dalam '
        'hubungan dekat dengan Rusia," kata juru bicara Departemen Luar Negeri AS.',
        INVENTED,
    ]
)


def _check(
    extraction: Extraction,
    backend: ScriptedNLI,
    *,
    draft_id: str | None = None,
    config: Config | None = None,
) -> Report:
    draft = DraftMode(draft_id) if draft_id else None
    return check(extraction, backend, now=NOW, config=config, draft=draft)


def _passages(finding: Finding) -> Iterator[Evidence]:
    yield finding.claim
    yield from finding.evidence


def _between(finding: Finding, first: str, second: str) -> bool:
    return {p.article_id for p in _passages(finding)} == {first, second}


@pytest.fixture(scope="module")
def with_draft(tmp_path_factory: pytest.TempPathFactory) -> Extraction:
    draft = write_stories(
        tmp_path_factory.mktemp("draft"), [Story(DRAFT, DRAFT_BODY, "Redaksi", "2022-06-15")]
    )
    return read_and_extract([*example_paths(), *draft])


def test_check_state_department_quote_drift_is_an_error() -> None:
    report = _check(example_extraction(), ScriptedNLI())
    drift = [
        f
        for f in report.findings
        if f.kind == "quote-drift"
        and _between(f, ID_000, ID_002)
        and all(NEUTRAL_QUOTE in p.text for p in _passages(f))
    ]
    assert len(drift) == 1
    finding = drift[0]
    assert finding.severity is Severity.ERROR
    assert "Wednesday 15 June 2022" in finding.explanation
    assert "Friday 30 December 2022" in finding.explanation
    assert {p.date.isoformat() for p in _passages(finding) if p.date} == {
        "2022-06-15",
        "2022-12-30",
    }
    assert report.findings[0].severity is Severity.ERROR  # errors come first
    assert report.model == ScriptedNLI().name


def test_check_no_finding_quotes_removed_boilerplate() -> None:
    extraction = example_extraction()
    # test double: "the model" calls every pair a contradiction, so every judged pair in an event
    # becomes a finding unless something else explains it
    report = _check(extraction, ScriptedNLI(lambda p, h: CONTRADICTS))
    assert sum(f.kind == "nli-contradiction" for f in report.findings) > 10
    kept = {(e.article.id, p.text) for e in extraction.articles for p in e.clean.passages}
    removed = [
        (e.article.id, r)
        for e in extraction.articles
        for r in e.clean.removed
        if (e.article.id, r.text) not in kept  # a duplicated line is removed once and kept once
    ]
    assert any(r.rule == "baca-juga" for _, r in removed)
    for finding in report.findings:
        for passage in _passages(finding):
            for article_id, removal in removed:
                if article_id != passage.article_id:
                    continue
                assert not removal.span.start <= passage.start < removal.span.end, removal
                assert passage.text not in removal.text, (removal.rule, passage.text)


def test_check_december_call_is_no_contradiction_of_the_june_call() -> None:
    extraction = example_extraction()
    december = {c.text for c in extraction.claims if c.article_id == ID_002}
    # test double: every pair of a December claim with a June claim is "a contradiction"
    backend = ScriptedNLI(
        lambda p, h: CONTRADICTS if (p in december) != (h in december) else NEUTRAL
    )
    report = _check(extraction, backend)
    asked = [(p, h) for p, h in backend.asked if (p in december) != (h in december)]
    assert asked  # the December claims were paired with June ones and judged
    for finding in report.findings:
        articles = {p.article_id for p in _passages(finding)}
        if ID_002 in articles and len(articles) > 1:
            assert finding.kind not in {"date-drift", "nli-contradiction"}, finding


def test_check_draft_mode_reports_only_draft_claims(with_draft: Extraction) -> None:
    corpus = _check(with_draft, ScriptedNLI())
    assert any(DRAFT not in {p.article_id for p in _passages(f)} for f in corpus.findings)
    draft = _check(with_draft, ScriptedNLI(), draft_id=DRAFT)
    assert draft.findings
    assert all(f.claim.article_id == DRAFT for f in draft.findings)
    assert all(c.claim.article_id == DRAFT for c in draft.corroboration)
    assert (draft.mode, draft.draft) == ("draft", DRAFT)
    quote = [f for f in draft.findings if f.kind == "quote-drift" and _between(f, DRAFT, ID_002)]
    assert [f.severity for f in quote] == [Severity.ERROR]


def test_check_draft_mode_flags_claim_no_source_supports(with_draft: Extraction) -> None:
    report = _check(with_draft, ScriptedNLI(), draft_id=DRAFT)
    unsupported = [f for f in report.findings if f.kind == "unsupported"]
    assert [f.claim.text for f in unsupported] == [INVENTED]
    assert unsupported[0].severity is Severity.WARNING
    copied = next(c for c in report.corroboration if c.claim.text == COPIED)
    assert "Kompas.com" in copied.outlets  # the sentence it was copied from supports it


@pytest.mark.parametrize("kind", ["quote-drift", "nli-contradiction"])
def test_check_disabled_kind_is_not_reported(kind: str) -> None:
    backend = ScriptedNLI(lambda p, h: CONTRADICTS)
    assert any(f.kind == kind for f in _check(example_extraction(), backend).findings)
    report = _check(example_extraction(), backend, config=Config(disable=frozenset({kind})))
    assert report.findings and all(f.kind != kind for f in report.findings)


def test_check_severity_override_applies() -> None:
    report = _check(
        example_extraction(),
        ScriptedNLI(),
        config=Config(severity={"quote-drift": Severity.INFO}),
    )
    quote = [f for f in report.findings if f.kind == "quote-drift"]
    assert quote and all(f.severity is Severity.INFO for f in quote)


def test_check_run_stats_count_articles_claims_and_pairs(tmp_path: Path) -> None:
    extraction = example_extraction()
    report = _check(extraction, ScriptedNLI())
    stats = report.stats
    assert (stats.articles, stats.claims) == (5, len(extraction.claims))
    assert 0 < stats.pairs_judged <= stats.pairs_considered
    assert [a.id for a in report.articles] == [e.article.id for e in extraction.articles]
    assert {a.event for a in report.articles if a.id != ID_002} == {"E1 (2022-06-15)"}


def test_anchor_undated_resolves_an_undated_article_against_its_event() -> None:
    from datetime import date

    from checker.events import group_events
    from checker.pipeline import anchor_undated

    extraction = example_extraction()
    undated = next(a for a in extraction.articles if a.article.id.startswith("001"))
    before = [d for c in undated.claims for d in c.dates if d.text.startswith("24 Februari")]
    assert before and before[0].value is None  # 001 carries no date of its own
    anchored = anchor_undated(extraction, group_events(extraction.articles))
    after = next(a for a in anchored.articles if a.article.id.startswith("001"))
    values = [d.value for c in after.claims for d in c.dates if d.text.startswith("24 Februari")]
    assert values == [date(2022, 2, 24)]
