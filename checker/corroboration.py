"""Which independent outlets corroborate each claim.

An outlet corroborates a claim when one of its articles, about the same event, has a claim
that entails it (NLI, other article as premise), or that makes the same statement in nearly
the same words while the model sees no contradiction, and no drift finding stands between the
two.
Articles of the same outlet count once; the claim's own outlet does not count.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence

from checker.config import Thresholds
from checker.events import EventMap
from checker.findings import evidence
from checker.types import Corroboration, Evidence, Verdict
from claims.types import Article, Claim


def outlet_key(article: Article) -> str:
    """The outlet name, or the article id where no outlet is known (then it is its own source)."""
    return (article.outlet or f"unknown outlet ({article.id})").strip()


def corroborate(
    claims: Sequence[Claim],
    verdicts: Iterable[Verdict],
    articles: Mapping[str, Article],
    events: EventMap,
    *,
    similar: Callable[[Claim, Claim], float],
    thresholds: Thresholds | None = None,
    disputed: frozenset[tuple[str, str]] = frozenset(),
) -> tuple[Corroboration, ...]:
    t = thresholds or Thresholds()
    support: dict[str, dict[str, Evidence]] = defaultdict(dict)
    for v in verdicts:
        a, b = v.pair.claim, v.pair.other
        if not events.same_event(a, b) or (a.id, b.id) in disputed or (b.id, a.id) in disputed:
            continue
        same_words = (
            v.contradiction < t.duplicate_contradiction and similar(a, b) >= t.near_duplicate
        )
        if same_words or v.forward.entailment >= t.entailment:  # b entails a
            _add(support, a, b, articles)
        if same_words or v.backward.entailment >= t.entailment:  # a entails b
            _add(support, b, a, articles)
    result = []
    for claim in claims:
        found = support.get(claim.id, {})
        result.append(
            Corroboration(
                claim=evidence(claim, articles[claim.article_id]),
                outlets=tuple(sorted(found)),
                supporting=tuple(found[o] for o in sorted(found)),
            )
        )
    return tuple(result)


def _add(
    support: dict[str, dict[str, Evidence]],
    claim: Claim,
    by: Claim,
    articles: Mapping[str, Article],
) -> None:
    own, other = articles[claim.article_id], articles[by.article_id]
    key = outlet_key(other)
    if key.casefold() != outlet_key(own).casefold():
        support[claim.id].setdefault(key, evidence(by, other))
