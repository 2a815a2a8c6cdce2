"""The whole check: extracted articles -> events -> pairs -> verdicts -> findings -> Report.

The finding rules come from the registry (checker.rules): every rule of each scope runs where
that scope says, so adding a rule needs no line here.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING

from checker.config import Config
from checker.corroboration import corroborate
from checker.events import EventMap, group_events
from checker.findings import make_finding
from checker.pairing import candidate_pairs
from checker.progress import Progress, advance
from checker.rules import CorpusCheck, DraftCheck, RuleContext, rules_of
from checker.rules.compare import same_statement
from checker.types import ArticleRef, Corroboration, Finding, Pair, Report, RunStats, Verdict
from checker.verdicts import judge
from claims import __version__
from claims.extract import ExtractedArticle, Extraction, extract_claims
from claims.extraction_cache import CachedExtraction
from claims.shape import is_checkable
from claims.types import Article, Claim

if TYPE_CHECKING:
    from checker.nli.base import NLIBackend

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class DraftMode:
    """Pre-publication mode: check the draft (by article id) against the other articles."""

    draft_id: str
    cross_check_sources: bool = False  # also check the sources against each other


def check(
    extraction: Extraction,
    backend: NLIBackend,
    *,
    now: datetime,
    config: Config | None = None,
    draft: DraftMode | None = None,
    progress: Progress | None = None,
    extraction_cache: CachedExtraction | None = None,
) -> Report:
    """The report on ``extraction``; ``extraction_cache`` keeps the claims of undated articles
    re-extracted against their event's day (:func:`anchor_undated`)."""
    started = time.perf_counter()
    config = config or Config()
    say = progress or (lambda _: None)
    articles = {e.article.id: e.article for e in extraction.articles}
    say("grouping events")
    events = group_events(extraction.articles)
    extraction = anchor_undated(extraction, events, extraction_cache)
    claims = [c for e in extraction.articles for c in e.claims if is_checkable(c)]  # no headings
    say(f"pairing {len(claims)} claims")
    pairs, considered = candidate_pairs(
        claims, [articles[c.article_id].language for c in claims], options=config.pairing
    )
    pairs = _scope(pairs, draft)
    say(f"judging {len(pairs)} pairs, both ways")
    verdicts = judge(pairs, backend, batch_size=config.batch_size, progress=progress)
    ctx = RuleContext(articles, events, config.matching, config.rule_options)
    checked = _checked_claims(claims, draft)
    say(f"comparing dates, numbers, quotes and speakers in {len(verdicts)} pairs")
    findings = _pair_findings(verdicts, ctx, config, progress)
    findings += [f for c in checked for rule in rules_of("claim") for f in rule.detect(c, ctx)]
    say("cross-checking articles and counting corroboration")
    findings += _corpus_findings(claims, draft, ctx)
    corroboration = corroborate(
        checked,
        verdicts,
        articles,
        events,
        similar=lambda a, b: same_statement(a, b, ctx),
        thresholds=config.thresholds,
        disputed=frozenset(_finding_pairs(findings, claims)),
    )
    if draft:
        findings += _draft_findings(draft, corroboration, findings, ctx)
    findings = _finalise(findings, config)
    stats = RunStats(
        len(articles), len(claims), considered, len(pairs), round(time.perf_counter() - started, 2)
    )
    return Report(
        findings=tuple(findings),
        corroboration=corroboration,
        articles=tuple(_ref(e, events) for e in extraction.articles),
        skipped=extraction.skipped,
        warnings=extraction.warnings,
        stats=stats,
        model=backend.name,
        version=__version__,
        generated_at=now,
        mode="draft" if draft else "corpus",
        draft=draft.draft_id if draft else None,
    )


def anchor_undated(
    extraction: Extraction, events: EventMap, cache: CachedExtraction | None = None
) -> Extraction:
    """Resolve the dates of undated articles against the day of the event they joined.

    "24 Februari lalu" in an article with no date stays unresolved at extraction; once the
    article is grouped with others reporting 15 June 2022, that day anchors it.
    """
    cache = cache or CachedExtraction(None)
    articles = []
    for extracted in extraction.articles:
        day = events.article_event[extracted.article.id].date
        if extracted.article.published is None and day is not None:
            clean = extracted.clean
            claims = cache.claims(clean, day, partial(extract_claims, clean, anchor=day))
            extracted = ExtractedArticle(clean, claims)
        articles.append(extracted)
    cache.flush()
    return dataclasses.replace(extraction, articles=tuple(articles))


def _scope(pairs: Sequence[Pair], draft: DraftMode | None) -> list[Pair]:
    """In draft mode keep draft-vs-source pairs (draft claim first), unless sources are cross-checked."""
    if not draft:
        return list(pairs)
    kept = []
    for p in pairs:
        if p.other.article_id == draft.draft_id:
            p = Pair(p.other, p.claim, p.score)
        if p.claim.article_id == draft.draft_id or draft.cross_check_sources:
            kept.append(p)
    return kept


def _checked_claims(claims: Sequence[Claim], draft: DraftMode | None) -> list[Claim]:
    if not draft or draft.cross_check_sources:
        return list(claims)
    return [c for c in claims if c.article_id == draft.draft_id]


def _pair_findings(
    verdicts: Sequence[Verdict], ctx: RuleContext, config: Config, progress: Progress | None
) -> list[Finding]:
    """Pair rules on every judged pair; verdict rules (the NLI model's own finding) where no
    pair rule found anything."""
    findings: list[Finding] = []
    for done, verdict in enumerate(verdicts, 1):
        if done % 500 == 0 or done == len(verdicts):
            advance(progress, done, len(verdicts))
        found = [f for rule in rules_of("pair") for f in rule.detect(verdict.pair, ctx)]
        if found:
            findings += [_with_nli(f, verdict, config.thresholds.contradiction_note) for f in found]
        else:
            findings += [f for rule in rules_of("verdict") for f in rule.detect(verdict, ctx)]
    return findings


def _with_nli(finding: Finding, verdict: Verdict, threshold: float) -> Finding:
    if verdict.contradiction < threshold:
        return finding
    note = f" The NLI model agrees: contradiction {verdict.contradiction:.2f}."
    return make_finding(
        finding.kind,
        finding.claim,
        finding.evidence,
        finding.explanation + note,
        confidence=max(finding.confidence, verdict.contradiction),
        differences=finding.differences,
        severity=finding.severity,
    )


def _corpus_findings(
    claims: Sequence[Claim], draft: DraftMode | None, ctx: RuleContext
) -> list[Finding]:
    """Corpus rules on every claim, article by article; in draft mode only comparisons with
    the draft count (unless the sources are cross-checked too)."""
    by_article: dict[str, list[Claim]] = {}
    for claim in claims:
        by_article.setdefault(claim.article_id, []).append(claim)
    focus = draft.draft_id if draft and not draft.cross_check_sources else None
    subject = CorpusCheck({a: tuple(c) for a, c in by_article.items()}, focus)
    return [f for rule in rules_of("corpus") for f in rule.detect(subject, ctx)]


def _draft_findings(
    draft: DraftMode,
    corroboration: tuple[Corroboration, ...],
    findings: Sequence[Finding],
    ctx: RuleContext,
) -> list[Finding]:
    subject = DraftCheck(draft.draft_id, corroboration, tuple(findings))
    return [f for rule in rules_of("draft") for f in rule.detect(subject, ctx)]


def _finding_pairs(findings: Sequence[Finding], claims: Sequence[Claim]) -> list[tuple[str, str]]:
    by_span = {(c.article_id, c.span.start): c.id for c in claims}
    out = []
    for f in findings:
        for e in f.evidence:
            a, b = (
                by_span.get((f.claim.article_id, f.claim.start)),
                by_span.get((e.article_id, e.start)),
            )
            if a and b:
                out.append((a, b))
    return out


def _finalise(findings: Sequence[Finding], config: Config) -> list[Finding]:
    """Disabled rules out, configured severities in, one finding per fingerprint, in order."""
    unique: dict[str, Finding] = {}
    for f in findings:
        if f.kind in config.disable:
            continue
        if f.kind in config.severity:
            f = dataclasses.replace(f, severity=config.severity[f.kind])
        unique.setdefault(f.fingerprint, f)
    return sorted(
        unique.values(), key=lambda f: (-f.severity.rank, f.claim.path, f.claim.line, f.kind)
    )


def _ref(extracted: ExtractedArticle, events: EventMap) -> ArticleRef:
    a: Article = extracted.article
    return ArticleRef(
        id=a.id,
        path=a.path,
        outlet=a.outlet,
        title=a.title,
        published=a.published.date() if a.published else None,
        event=events.article_event[a.id].id if a.id in events.article_event else None,
    )
