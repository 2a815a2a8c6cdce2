"""The whole check: extracted articles -> events -> pairs -> verdicts -> findings -> Report."""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from checker.corroboration import corroborate
from checker.drift import (
    PAIR_DETECTORS,
    DriftContext,
    DriftOptions,
    detect_weekday_mismatch,
    same_statement,
)
from checker.events import EventMap, group_events
from checker.findings import describe, make_finding
from checker.pairing import PairingOptions, candidate_pairs
from checker.types import (
    ArticleRef,
    Finding,
    FindingKind,
    Pair,
    Report,
    RunStats,
    Severity,
    Verdict,
)
from checker.verdicts import judge
from claims import __version__
from claims.extract import ExtractedArticle, Extraction, extract_claims
from claims.types import Article, Claim

if TYPE_CHECKING:
    from checker.nli.backends import NLIBackend

log = logging.getLogger(__name__)
Progress = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class CheckOptions:
    pairing: PairingOptions = field(default_factory=PairingOptions)
    drift: DriftOptions = field(default_factory=DriftOptions)
    contradiction_threshold: float = 0.8
    entailment_threshold: float = 0.5
    batch_size: int = 16
    severities: dict[FindingKind, Severity] = field(default_factory=dict)
    disabled: frozenset[FindingKind] = frozenset()
    draft_id: str | None = None  # pre-publication mode: check this article against the others
    cross_check_sources: bool = False  # in draft mode, also check the sources against each other


def check(
    extraction: Extraction,
    backend: NLIBackend,
    *,
    options: CheckOptions,
    now: datetime,
    progress: Progress | None = None,
) -> Report:
    started = time.perf_counter()
    say = progress or (lambda _: None)
    articles = {e.article.id: e.article for e in extraction.articles}
    say("grouping events")
    events = group_events(extraction.articles)
    extraction = anchor_undated(extraction, events)
    claims = [c for e in extraction.articles for c in e.claims]
    say(f"pairing {len(claims)} claims")
    pairs, considered = candidate_pairs(
        claims, [articles[c.article_id].language for c in claims], options=options.pairing
    )
    pairs = _scope(pairs, options)
    say(f"judging {len(pairs)} pairs")
    verdicts = judge(pairs, backend, batch_size=options.batch_size)
    ctx = DriftContext(articles, events, options.drift)
    findings = _pair_findings(verdicts, ctx, options)
    findings += [
        f for c in _checked_claims(claims, options) for f in detect_weekday_mismatch(c, ctx)
    ]
    disputed = frozenset(_finding_pairs(findings, claims))
    corroboration = corroborate(
        _checked_claims(claims, options),
        verdicts,
        articles,
        events,
        similar=lambda a, b: same_statement(a, b, ctx),
        threshold=options.entailment_threshold,
        disputed=disputed,
    )
    if options.draft_id:
        findings += _unsupported(corroboration, findings, options)
    findings = _finalise(findings, options)
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
        mode="draft" if options.draft_id else "corpus",
        draft=options.draft_id,
    )


def anchor_undated(extraction: Extraction, events: EventMap) -> Extraction:
    """Resolve the dates of undated articles against the day of the event they joined.

    "24 Februari lalu" in an article with no date stays unresolved at extraction; once the
    article is grouped with others reporting 15 June 2022, that day anchors it.
    """
    articles = []
    for extracted in extraction.articles:
        day = events.article_event[extracted.article.id].date
        if extracted.article.published is None and day is not None:
            extracted = ExtractedArticle(
                extracted.clean, extract_claims(extracted.clean, anchor=day)
            )
        articles.append(extracted)
    return dataclasses.replace(extraction, articles=tuple(articles))


def _scope(pairs: Sequence[Pair], options: CheckOptions) -> list[Pair]:
    """In draft mode keep draft-vs-source pairs (draft claim first), unless sources are cross-checked."""
    if not options.draft_id:
        return list(pairs)
    kept = []
    for p in pairs:
        if p.other.article_id == options.draft_id:
            p = Pair(p.other, p.claim, p.score)
        if p.claim.article_id == options.draft_id or options.cross_check_sources:
            kept.append(p)
    return kept


def _checked_claims(claims: Sequence[Claim], options: CheckOptions) -> list[Claim]:
    if not options.draft_id or options.cross_check_sources:
        return list(claims)
    return [c for c in claims if c.article_id == options.draft_id]


def _pair_findings(
    verdicts: Sequence[Verdict], ctx: DriftContext, options: CheckOptions
) -> list[Finding]:
    findings: list[Finding] = []
    for verdict in verdicts:
        found = [f for detect in PAIR_DETECTORS for f in detect(verdict.pair, ctx)]
        if found:
            findings += [_with_nli(f, verdict) for f in found]
        elif verdict.contradiction >= options.contradiction_threshold and ctx.events.same_event(
            verdict.pair.claim, verdict.pair.other
        ):
            findings.append(_nli_contradiction(verdict, ctx))
    return findings


def _with_nli(finding: Finding, verdict: Verdict) -> Finding:
    if verdict.contradiction < 0.5:
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


def _nli_contradiction(verdict: Verdict, ctx: DriftContext) -> Finding:
    a, b = ctx.evidence(verdict.pair.claim), ctx.evidence(verdict.pair.other)
    return make_finding(
        FindingKind.NLI_CONTRADICTION,
        a,
        [b],
        f"The NLI model judges that {describe(a)} and {describe(b)} contradict each other "
        f"(probability {verdict.contradiction:.2f}); no date, number, quote or attribution "
        "check explains it, so read both passages.",
        confidence=verdict.contradiction,
    )


def _unsupported(
    corroboration, findings: Sequence[Finding], options: CheckOptions
) -> list[Finding]:  # type: ignore[no-untyped-def]
    flagged = {f.claim.start for f in findings if f.claim.article_id == options.draft_id}
    out = []
    for c in corroboration:
        if (
            c.claim.article_id == options.draft_id
            and not c.outlets
            and c.claim.start not in flagged
        ):
            out.append(
                make_finding(
                    FindingKind.UNSUPPORTED,
                    c.claim,
                    [],
                    f"No source given with the draft supports this claim ({describe(c.claim)}); "
                    "check it or add the source.",
                    confidence=1.0,
                )
            )
    return out


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


def _finalise(findings: Sequence[Finding], options: CheckOptions) -> list[Finding]:
    unique: dict[str, Finding] = {}
    for f in findings:
        if f.kind in options.disabled:
            continue
        if f.kind in options.severities:
            f = make_finding(
                f.kind,
                f.claim,
                f.evidence,
                f.explanation,
                confidence=f.confidence,
                differences=f.differences,
                severity=options.severities[f.kind],
            )
        unique.setdefault(f.fingerprint, f)
    return sorted(
        unique.values(), key=lambda f: (-f.severity.rank, f.claim.path, f.claim.line, f.kind.value)
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
