"""The records of cross-checking: candidate pairs, verdicts, findings and the report."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum

from checker.nli.labels import NLIScores
from claims.types import Claim, Skipped


class Severity(Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return ("info", "warning", "error").index(self.value)

    def at_least(self, other: Severity) -> bool:
        return self.rank >= other.rank


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """What a report needs to know of an article without carrying its text."""

    id: str
    path: str
    outlet: str | None
    title: str | None
    published: date | None
    event: str | None = None


@dataclass(frozen=True, slots=True)
class Pair:
    """A candidate pair of claims from two different articles, with why it was proposed."""

    claim: Claim
    other: Claim
    score: float  # retrieval score (higher is closer)


@dataclass(frozen=True, slots=True)
class Verdict:
    """NLI in both directions: ``forward`` takes the other claim as premise for ``claim``."""

    pair: Pair
    forward: NLIScores
    backward: NLIScores

    @property
    def entailment(self) -> float:
        return max(self.forward.entailment, self.backward.entailment)

    @property
    def contradiction(self) -> float:
        """Contradiction is symmetric, so both directions must say it: a model that calls a
        paraphrase contradictory one way round only (seen with the embedded model on the seeds,
        0.91 one way and 0.12 the other) is not believed."""
        return min(self.forward.contradiction, self.backward.contradiction)


@dataclass(frozen=True, slots=True)
class Evidence:
    """A passage an editor can open: article, outlet, line, span and the words themselves."""

    article_id: str
    path: str
    outlet: str | None
    line: int
    start: int
    end: int
    text: str
    date: date | None = None  # the date the passage is tied to, where one is


@dataclass(frozen=True, slots=True)
class Difference:
    """One thing that differs between claim and evidence, such as a date or a speaker."""

    aspect: str  # "date", "event", "speaker", "source", "wording", "number", "weekday"
    claim_value: str
    evidence_value: str


@dataclass(frozen=True, slots=True)
class Finding:
    kind: str  # the id of the rule that made it, e.g. "quote-drift" (see checker.rules)
    severity: Severity
    confidence: float
    claim: Evidence
    evidence: tuple[Evidence, ...]
    explanation: str
    differences: tuple[Difference, ...] = ()
    fingerprint: str = ""
    baselined: bool = False


@dataclass(frozen=True, slots=True)
class Corroboration:
    """The independent outlets (other than the claim's own) whose articles entail a claim.

    ``copies`` notes the outlets that carry a copy of one wire story (with the claim's own
    article or with an outlet counted already): they back the claim once, or not at all.
    """

    claim: Evidence
    outlets: tuple[str, ...]
    supporting: tuple[Evidence, ...] = ()
    copies: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RunStats:
    articles: int
    claims: int
    pairs_considered: int
    pairs_judged: int
    seconds: float


@dataclass(frozen=True, slots=True)
class Report:
    """Everything a renderer needs; renderers are pure functions of this record."""

    findings: tuple[Finding, ...]
    corroboration: tuple[Corroboration, ...]
    articles: tuple[ArticleRef, ...]
    skipped: tuple[Skipped, ...]
    warnings: tuple[Skipped, ...]
    stats: RunStats
    model: str
    version: str
    generated_at: datetime
    mode: str = "corpus"  # "corpus" or "draft"
    draft: str | None = None
    baselined: int = 0
    tags: tuple[str, ...] = field(default=())
