"""Scoring the drift benchmark: which findings are new, which touch the edit, and the totals.

A finding is new when it touches the extra article and the baseline run (the examples alone)
has no finding of the same kind over the same passages once the extra article is read as the
example it copies, with the edit undone: a copy of 000 repeating 000's known drift against
002 is not new, even when the control reworded that sentence. Passages compare by their
normalised words (outlet names aside), as finding fingerprints do.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from drift_cases import Case
from drift_edits import tables

from checker.nli.base import NLIBackend, Pair
from checker.nli.labels import NLIScores
from checker.types import Evidence, Finding, Report


class CachedNLI:
    """An NLI backend that judges each (premise, hypothesis) once per process.

    The cases share almost every pair (each copies an example), so only the pairs an edit
    creates reach the model; the answers are the model's own.
    """

    def __init__(self, backend: NLIBackend) -> None:
        self.backend = backend
        self.name = backend.name
        self.scores: dict[Pair, NLIScores] = {}

    def predict(self, pairs: Sequence[Pair], *, batch_size: int = 16) -> list[NLIScores]:
        new = [p for p in dict.fromkeys(pairs) if p not in self.scores]
        if new:
            judged = self.backend.predict(new, batch_size=batch_size)
            self.scores.update(zip(new, judged, strict=True))
        return [self.scores[p] for p in pairs]


@dataclass(frozen=True, slots=True)
class CaseResult:
    case: Case
    claims: int  # claims extracted from the extra article
    new: tuple[Finding, ...]  # findings on the extra article that the baseline lacks
    hits: tuple[Finding, ...]  # the new findings that touch the edited sentence

    @property
    def recalled(self) -> bool:
        return any(f.kind == self.case.edit.kind for f in self.hits)


def passages(finding: Finding) -> tuple[Evidence, ...]:
    return (finding.claim, *finding.evidence)


Key = tuple[str, tuple[tuple[str, str], ...]]  # kind, sorted (article, normalised words)


@cache
def _outlets() -> re.Pattern[str]:
    names = [tables()["outlet"], *tables()["example_outlets"]]
    return re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))


def _words(text: str) -> str:
    return " ".join(_outlets().sub("<outlet>", text).casefold().split())


def _touches(passage: Evidence, span: tuple[int, int]) -> bool:
    return passage.start < span[1] and span[0] < passage.end


def _as_example(passage: Evidence, case: Case) -> tuple[str, str]:
    """A passage of the copy as the example it copies: the example's id, the edit undone
    (only in the edited sentence: elsewhere the edit's new words may occur as they were)."""
    text, edit = passage.text, case.edit
    if edit.new and edit.new in text and _touches(passage, case.sentence):
        text = text.replace(edit.new, edit.old, 1)
    return case.base, _words(text)


def finding_key(finding: Finding, case: Case | None = None, extra: str = "") -> Key:
    """What a finding says, with the extra article read as the example it copies, edit undone."""
    parts = [
        _as_example(p, case) if case and p.article_id == extra else (p.article_id, _words(p.text))
        for p in passages(finding)
    ]
    return finding.kind, tuple(sorted(parts))


def baseline_keys(report: Report) -> frozenset[Key]:
    return frozenset(finding_key(f) for f in report.findings)


def score_case(
    case: Case, report: Report, baseline: frozenset[Key], *, extra: str, claims: int
) -> CaseResult:
    """Which findings of ``report`` on the extra article are new, and which touch the edit."""
    new = tuple(
        f
        for f in report.findings
        if any(p.article_id == extra for p in passages(f))
        and finding_key(f, case, extra) not in baseline
    )
    hits = tuple(
        f
        for f in new
        if any(p.article_id == extra and _touches(p, case.sentence) for p in passages(f))
    )
    return CaseResult(case, claims, new, hits)


@dataclass(slots=True)
class Totals:
    """Counts per kind over the planted cases, and false findings over the controls."""

    planted: Counter[str] = field(default_factory=Counter)
    recalled: Counter[str] = field(default_factory=Counter)
    caught: Counter[str] = field(default_factory=Counter)  # any kind of finding on the edit
    touching: Counter[str] = field(default_factory=Counter)  # findings of a kind on the edit
    flagged: Counter[str] = field(default_factory=Counter)  # new findings of a kind, planted cases
    control_false: Counter[str] = field(default_factory=Counter)
    controls: int = 0
    control_claims: int = 0

    def add(self, result: CaseResult) -> None:
        if not result.case.planted:
            self.controls += 1
            self.control_claims += result.claims
            self.control_false.update(f.kind for f in result.new)
            return
        kind = result.case.edit.kind
        self.planted[kind] += 1
        self.recalled[kind] += result.recalled
        self.caught[kind] += bool(result.hits)
        self.touching.update(f.kind for f in result.hits)
        self.flagged.update(f.kind for f in result.new)

    def precision(self, kind: str) -> float | None:
        return self.touching[kind] / self.flagged[kind] if self.flagged[kind] else None

    @property
    def false_per_100_claims(self) -> float:
        return 100 * sum(self.control_false.values()) / max(1, self.control_claims)
