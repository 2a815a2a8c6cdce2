"""What a finding rule is: its id, default severity, scope, help text, options and detect function.

A rule looks at one kind of subject, its scope:

- ``pair``: a candidate pair of claims from two articles (the structured drift checks);
- ``verdict``: a judged pair that no pair rule found anything on (the NLI model's own finding);
- ``claim``: one claim on its own;
- ``corpus``: every claim, article by article, for what retrieval may never pair (a name
  spelled two ways in two sentences that say different things);
- ``draft``: the draft in pre-publication mode, with its corroboration and the findings so far.

The pipeline runs every registered rule of each scope; a rule never needs a line elsewhere.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, Literal, TypeVar

from checker.events import EventMap
from checker.findings import evidence, make_finding
from checker.rules.compare import Matching
from checker.types import Corroboration, Difference, Evidence, Finding, Severity
from claims.types import Article, Claim

Scope = Literal["pair", "verdict", "claim", "corpus", "draft"]
SCOPES: tuple[Scope, ...] = ("pair", "verdict", "claim", "corpus", "draft")

SubjectT = TypeVar("SubjectT")  # Pair, Verdict, Claim, CorpusCheck or DraftCheck
OptionsT = TypeVar("OptionsT")  # a rule's options record


@dataclass(frozen=True, slots=True)
class NoOptions:
    """The options of a rule that has nothing to set."""


def option(default: float, *, low: float, high: float) -> Any:
    """A numeric option with the range configuration accepts (``low`` to ``high``, inclusive)."""
    return field(default=default, metadata={"range": (low, high)})


@dataclass(frozen=True, slots=True)
class CorpusCheck:
    """What a corpus-scoped rule looks at: every claim, article by article, and in draft mode
    the draft, which every finding must involve (as its claim, the other article's passage
    as evidence)."""

    claims: Mapping[str, tuple[Claim, ...]]  # article id -> its claims, in text order
    focus: str | None = None  # the draft's article id in draft mode
    _order: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_order", {article: i for i, article in enumerate(self.claims)})

    def article_pairs(
        self, group: Callable[[str], object] | None = None
    ) -> Iterator[tuple[str, str]]:
        """The pairs of articles to compare: all of them, or the draft (first) with each other.

        With ``group`` (an article's event, say), only pairs in one group, in the same order:
        a corpus of many events never walks the pairs across them.
        """
        ids = list(self.claims)
        if self.focus is not None:
            if self.focus in self.claims:
                mine = group(self.focus) if group else None
                yield from (
                    (self.focus, other)
                    for other in ids
                    if other != self.focus and (group is None or group(other) == mine)
                )
            return
        if group is None:
            yield from itertools.combinations(ids, 2)
            return
        members: dict[object, list[str]] = {}
        for article in ids:
            members.setdefault(group(article), []).append(article)
        for article in ids:
            later = members[group(article)]
            start = bisect.bisect_right(later, self._order[article], key=self._order.__getitem__)
            yield from ((article, other) for other in later[start:])

    def compares(self, a: str, b: str) -> bool:
        """Whether (a, b) is one of :meth:`article_pairs` (without listing them all)."""
        if a not in self.claims or b not in self.claims or a == b:
            return False
        if self.focus is not None:
            return a == self.focus
        return self._order[a] < self._order[b]


@dataclass(frozen=True, slots=True)
class DraftCheck:
    """What a draft-scoped rule looks at: the draft, how each checked claim is corroborated,
    and the findings the other rules made."""

    draft_id: str
    corroboration: tuple[Corroboration, ...]
    findings: tuple[Finding, ...]


@dataclass(frozen=True, slots=True)
class RuleContext:
    """What every rule may consult: the articles, their events, the shared measure of "the
    same statement", and the options chosen for each rule (by rule id; defaults elsewhere)."""

    articles: Mapping[str, Article]
    events: EventMap
    matching: Matching = field(default_factory=Matching)
    rule_options: Mapping[str, object] = field(default_factory=dict)

    def language(self, claim: Claim) -> str:
        return self.articles[claim.article_id].language

    def evidence(self, claim: Claim) -> Evidence:
        article = self.articles[claim.article_id]
        return evidence(claim, article, day=self.events.context_date(claim))

    def options(self, rule: Rule[Any, OptionsT]) -> OptionsT:
        return options_of(rule, self.rule_options)


@dataclass(frozen=True, slots=True)
class Rule(Generic[SubjectT, OptionsT]):
    """One finding rule. ``id`` is what reports, baselines and configuration name it by."""

    id: str  # "quote-drift"
    name: str  # "QuoteDrift"
    severity: Severity  # the default; configuration may override it
    scope: Scope
    summary: str  # one line
    help: str  # what it means for an editor, and what to do
    detect: Callable[[SubjectT, RuleContext], Iterable[Finding]]
    options: OptionsT  # the defaults of the rule's options record

    def finding(
        self,
        claim: Evidence,
        evidence_: Sequence[Evidence],
        explanation: str,
        *,
        confidence: float,
        differences: Sequence[Difference] = (),
        severity: Severity | None = None,
    ) -> Finding:
        """A finding of this rule, at its default severity unless ``severity`` is given."""
        return make_finding(
            self.id,
            claim,
            evidence_,
            explanation,
            confidence=confidence,
            differences=differences,
            severity=severity or self.severity,
        )


def options_of(rule: Rule[Any, OptionsT], chosen: Mapping[str, object]) -> OptionsT:
    """The options chosen for ``rule``, or its defaults where none were chosen."""
    value = chosen.get(rule.id, rule.options)
    if not isinstance(value, type(rule.options)):
        raise TypeError(f"options for {rule.id} must be {type(rule.options).__name__}")
    return value


def option_fields(options: object) -> tuple[dataclasses.Field[Any], ...]:
    """The fields of an options record, the keys configuration accepts for it."""
    return dataclasses.fields(options) if dataclasses.is_dataclass(options) else ()
