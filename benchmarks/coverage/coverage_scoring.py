"""Scoring one story's report against its gold: recall, precision, false findings, corroboration.

A finding *covers* a gold passage when one of its passages (the claim or an evidence) is in the
same article (file stem) and contains the passage, whitespace, case and quote marks aside. It
*matches* a gold discrepancy when it covers every passage of it. Then:

- recall per rule: gold discrepancies matched by a finding of the gold rule ("caught": by a
  finding of any rule, at any severity);
- precision: error- and warning-level findings that match a gold discrepancy of severity warning
  or error (any rule). One that only matches an info-level item (an updated figure, or any two
  figures of one chain of updates) is *over-severe* and counts as false, since an editor gets
  an alarm for a legitimate update;
- agreed facts: corroborated when the corroboration entry of the claim holding one article's
  passage is supported by another listed article (its outlet, or its passage as supporting
  evidence) that is not a copy of the same wire story; contradicted when an error- or
  warning-level finding covers passages of two of its articles.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path

from coverage_gold import Agreed, Discrepancy, Passage, Story

from checker.types import Corroboration, Evidence, Finding, Report

SERIOUS = ("warning", "error")
_WHY = {
    "false": "no gold discrepancy",
    "over": "over-severe: only an updated figure",
    "unsupported": "unsupported, but other outlets agree (an agreed fact)",
}
UNSUPPORTED = "unsupported"
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "`": "'"})
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    return _SPACE.sub(" ", text.translate(_QUOTES)).strip().casefold()


@dataclass(frozen=True, slots=True)
class Spot:
    """One passage of a finding or a corroboration entry: article stem and normalised text."""

    article: str
    text: str

    def covers(self, passage: Passage) -> bool:
        return self.article == passage.article and any(
            normalise(text) in self.text for text in passage.texts
        )


@dataclass(frozen=True, slots=True)
class Flagged:
    rule: str
    severity: str
    spots: tuple[Spot, ...]
    shown: tuple[str, ...]  # "stem: sentence" per passage, for listing

    def covers(self, passage: Passage) -> bool:
        return any(spot.covers(passage) for spot in self.spots)

    def matches(self, gold: Discrepancy) -> bool:
        return all(self.covers(p) for p in gold.passages)


@dataclass(frozen=True, slots=True)
class RuleCounts:
    gold: int = 0
    recalled: int = 0  # by a finding of the gold rule
    caught: int = 0  # by a finding of any rule
    flagged: int = 0  # error- and warning-level findings of this rule
    true: int = 0
    over_severe: int = 0

    def __add__(self, other: RuleCounts) -> RuleCounts:
        return RuleCounts(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))


@dataclass(frozen=True, slots=True)
class StoryScore:
    slug: str
    group: str
    mode: str  # "corpus" or "draft"
    claims: int
    rules: dict[str, RuleCounts]
    agreed: int
    corroborated: int
    contradicted: int
    copies_counted: int  # claims corroborated by a copy of the same wire story
    unsupported: int = 0  # draft mode: unsupported warnings not judged
    unsupported_on_agreed: int = 0  # draft mode: unsupported on an agreed fact (false)
    false: tuple[tuple[Flagged, str], ...] = ()  # (finding, why it counts as false)
    missed: tuple[tuple[Discrepancy, bool], ...] = ()  # (gold, caught by another rule)
    seconds: float = 0.0
    error: str | None = None

    @property
    def total(self) -> RuleCounts:
        return sum(self.rules.values(), RuleCounts())


@dataclass(frozen=True, slots=True)
class _Context:
    story: Story
    stems: dict[str, str]  # article id -> file stem
    outlets: dict[str, set[str]] = field(default_factory=dict)  # outlet -> stems


def score_report(story: Story, report: Report, *, draft: str | None = None) -> StoryScore:
    ctx = _context(story, report)
    flagged = [_flagged(f, ctx) for f in report.findings]
    gold = [d for d in story.discrepancies if draft is None or _involves(d, draft)]
    rules = _recall(gold, flagged)
    serious = [f for f in flagged if f.severity in SERIOUS and f.rule != UNSUPPORTED]
    false = []
    for finding in serious:
        verdict = _judge(finding, story)
        counts = RuleCounts(
            flagged=1, true=int(verdict == "true"), over_severe=int(verdict == "over")
        )
        rules[finding.rule] = rules.get(finding.rule, RuleCounts()) + counts
        if verdict != "true":
            false.append((finding, _WHY[verdict]))
    agreed = [a for a in story.agreed if draft is None or _agreed_with(a, draft)]
    entries = _entries(report.corroboration, ctx)
    unsupported = [f for f in flagged if f.rule == UNSUPPORTED]
    on_agreed = [f for f in unsupported if any(f.covers(p) for a in agreed for p in a.passages)]
    missed = tuple(
        (d, any(f.matches(d) for f in flagged))
        for d in gold
        if not any(f.rule == d.rule and f.matches(d) for f in flagged)
    )
    return StoryScore(
        slug=story.slug,
        group=story.group,
        mode="draft" if draft else "corpus",
        claims=_claims(report, draft, ctx),
        rules=rules,
        agreed=len(agreed),
        corroborated=sum(_corroborated(a, entries, ctx, draft) for a in agreed),
        contradicted=sum(_contradicted(a, serious) for a in agreed),
        copies_counted=_copies_counted(entries, story),
        unsupported=len(unsupported) - len(on_agreed),
        unsupported_on_agreed=len(on_agreed),
        false=(*false, *((f, _WHY["unsupported"]) for f in on_agreed)),
        missed=missed,
    )


def _context(story: Story, report: Report) -> _Context:
    stems = {ref.id: Path(ref.path).stem for ref in report.articles}
    outlets: dict[str, set[str]] = {}
    for ref in report.articles:
        for name in (ref.outlet, f"unknown outlet ({ref.id})"):
            if name:
                outlets.setdefault(name.strip(), set()).add(stems[ref.id])
    return _Context(story, stems, outlets)


def _spot(evidence: Evidence, ctx: _Context) -> Spot:
    return Spot(ctx.stems.get(evidence.article_id, evidence.article_id), normalise(evidence.text))


def _flagged(finding: Finding, ctx: _Context) -> Flagged:
    passages = (finding.claim, *finding.evidence)
    spots = tuple(_spot(e, ctx) for e in passages)
    shown = tuple(
        f"{s.article}: {_SPACE.sub(' ', e.text).strip()}"
        for s, e in zip(spots, passages, strict=True)
    )
    rule = getattr(finding.kind, "value", finding.kind)
    return Flagged(str(rule), finding.severity.value, spots, shown)


def _involves(gold: Discrepancy, article: str) -> bool:
    return any(p.article == article for p in gold.passages)


def _agreed_with(agreed: Agreed, article: str) -> bool:
    return any(p.article == article for p in agreed.passages)


def _recall(gold: Sequence[Discrepancy], flagged: Sequence[Flagged]) -> dict[str, RuleCounts]:
    rules: dict[str, RuleCounts] = {}
    for d in gold:
        recalled = any(f.rule == d.rule and f.matches(d) for f in flagged)
        caught = any(f.matches(d) for f in flagged)
        counts = RuleCounts(gold=1, recalled=int(recalled), caught=int(caught))
        rules[d.rule] = rules.get(d.rule, RuleCounts()) + counts
    return rules


def _judge(finding: Flagged, story: Story) -> str:
    """Whether a serious finding is "true", "over" (severe on an update only) or "false"."""
    if any(d.severity in SERIOUS and finding.matches(d) for d in story.discrepancies):
        return "true"
    info = [d for d in story.discrepancies if d.severity == "info"]
    if any(finding.matches(d) for d in info) or _spans_chain(finding, info, story.agreed):
        return "over"
    return "false"


def _spans_chain(finding: Flagged, info: Sequence[Discrepancy], agreed: Sequence[Agreed]) -> bool:
    """Whether the finding covers two different figures, in two articles, of one chain of
    updates (two copies of the same figure, as in two wire copies, are no update)."""
    for chain in _chains(info):
        covered = [p for p in chain if finding.covers(p)]
        for i, one in enumerate(covered):
            for other in covered[i + 1 :]:
                if one.article != other.article and not _same_figure(one, other, agreed):
                    return True
    return False


def _same_figure(one: Passage, other: Passage, agreed: Sequence[Agreed]) -> bool:
    """Two chain figures that are one count: the same words, or passages of one agreed fact."""
    if normalise(one.texts[0]) == normalise(other.texts[0]):
        return True
    return any(_holds(a, one) and _holds(a, other) for a in agreed)


def _holds(agreed: Agreed, node: Passage) -> bool:
    texts = [normalise(t) for t in node.texts]
    return any(
        p.article == node.article and any(normalise(p.texts[0]) in t for t in texts)
        for p in agreed.passages
    )


def _chains(items: Iterable[Discrepancy]) -> list[set[Passage]]:
    chains: list[set[Passage]] = []
    for d in items:
        linked = [c for c in chains if c & set(d.passages)]
        merged = set(d.passages).union(*linked)
        chains = [c for c in chains if c not in linked] + [merged]
    return chains


def _entries(corroboration: Sequence[Corroboration], ctx: _Context) -> list[tuple[Spot, set[str]]]:
    """Each corroboration entry as (claim spot, the stems of the articles supporting it)."""
    out = []
    for entry in corroboration:
        stems = {_spot(e, ctx).article for e in entry.supporting}
        for outlet in entry.outlets:
            stems |= ctx.outlets.get(outlet.strip(), set())
        out.append((_spot(entry.claim, ctx), stems))
    return out


def _corroborated(
    agreed: Agreed, entries: Sequence[tuple[Spot, set[str]]], ctx: _Context, draft: str | None
) -> bool:
    for passage in agreed.passages:
        if draft is not None and passage.article != draft:
            continue
        others = {
            p.article
            for p in agreed.passages
            if p.article != passage.article and not ctx.story.same_wire(p.article, passage.article)
        }
        if any(spot.covers(passage) and stems & others for spot, stems in entries):
            return True
    return False


def _contradicted(agreed: Agreed, serious: Sequence[Flagged]) -> bool:
    for finding in serious:
        covered = {p.article for p in agreed.passages if finding.covers(p)}
        if len(covered) >= 2:
            return True
    return False


def _copies_counted(entries: Sequence[tuple[Spot, set[str]]], story: Story) -> int:
    return sum(
        any(story.same_wire(spot.article, other) and other != spot.article for other in stems)
        for spot, stems in entries
    )


def _claims(report: Report, draft: str | None, ctx: _Context) -> int:
    """Claims checked: every claim in corpus mode, the draft's claims in draft mode."""
    if draft is None:
        return report.stats.claims
    return sum(_spot(c.claim, ctx).article == draft for c in report.corroboration)


def failed(story: Story, mode: str, error: str) -> StoryScore:
    """The score of a story whose run raised: nothing found, every gold item missed."""
    draft = None if mode == "corpus" else story.draft
    gold = [d for d in story.discrepancies if draft is None or _involves(d, draft)]
    agreed = [a for a in story.agreed if draft is None or _agreed_with(a, draft)]
    return StoryScore(
        slug=story.slug,
        group=story.group,
        mode=mode,
        claims=0,
        rules=_recall(gold, []),
        agreed=len(agreed),
        corroborated=0,
        contradicted=0,
        copies_counted=0,
        missed=tuple((d, False) for d in gold),
        error=error,
    )
