"""Which independent outlets corroborate each claim.

An outlet corroborates a claim when one of its articles, about the same event, has a claim
that entails it (NLI, other article as premise), or that makes the same statement in nearly
the same words while the model sees no contradiction, and no drift finding stands between the
two. A claim that gives another figure for the same measured thing never backs it, whatever
the model says: 27 dead does not corroborate 29 (checker/figures.py). The other way round, a
claim whose every figure of a named measure ("62 orang meninggal", "5.389 pengungsi") is given
alike by another outlet's claim about the same event is backed by it while the model sees no
contradiction: the figures are what such a claim asserts, and the model often misses a
paraphrase across languages ("BNPB mencatat 62 orang meninggal" against "62 people were
killed, the disaster agency said").
Articles of the same outlet count once; the claim's own outlet does not count; copies of one
wire story (checker/wire.py) count once, and never back each other. ``copies`` on each entry
says which outlets were taken for copies.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from checker.config import Thresholds
from checker.events import EventMap
from checker.figures import figure_differences
from checker.findings import evidence
from checker.pairing import named_measures
from checker.types import Corroboration, Evidence, Verdict
from checker.wire import WireStory, story_of, wire_stories
from claims.types import Article, Claim


def outlet_key(article: Article) -> str:
    """The outlet name, or the article id where no outlet is known (then it is its own source)."""
    return (article.outlet or f"unknown outlet ({article.id})").strip()


@dataclass
class _Support:
    """What backs one claim: one evidence per independent source, and the copies set aside."""

    by_source: dict[str, tuple[str, Evidence]] = field(default_factory=dict)  # key -> (outlet, ev)
    copies: set[str] = field(default_factory=set)


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
    copies = _Copies(story_of(wire_stories(articles.values())), articles)
    support: dict[str, _Support] = defaultdict(_Support)
    for v in verdicts:
        a, b = v.pair.claim, v.pair.other
        if not events.same_event(a, b) or (a.id, b.id) in disputed or (b.id, a.id) in disputed:
            continue
        if _other_figures(a, b, articles):
            continue
        same_words = (
            v.contradiction < t.duplicate_contradiction and similar(a, b) >= t.near_duplicate
        )
        calm = v.contradiction < t.duplicate_contradiction
        if (
            same_words
            or v.forward.entailment >= t.entailment
            or (calm and _figures_backed(a, b, articles))
        ):
            _add(support[a.id], a, b, articles, copies)  # b entails a
        if (
            same_words
            or v.backward.entailment >= t.entailment
            or (calm and _figures_backed(b, a, articles))
        ):
            _add(support[b.id], b, a, articles, copies)  # a entails b
    return tuple(_entry(claim, support.get(claim.id, _Support()), articles) for claim in claims)


def _other_figures(a: Claim, b: Claim, articles: Mapping[str, Article]) -> bool:
    """Whether the two claims give different figures for the same measured thing."""
    if not (a.numbers and b.numbers):
        return False
    language_a, language_b = articles[a.article_id].language, articles[b.article_id].language
    diffs = figure_differences(a, b, language_a, language_b)
    return any(d.left and d.right and not d.summed for d in diffs)


def _figures_backed(claim: Claim, by: Claim, articles: Mapping[str, Article]) -> bool:
    """Whether ``by`` gives every figure of a named measure that ``claim`` gives, alike."""
    language, other = articles[claim.article_id].language, articles[by.article_id].language
    measures = named_measures(claim, language)
    if not measures or not measures <= named_measures(by, other):
        return False
    return not any(d.left for d in figure_differences(claim, by, language, other))


@dataclass
class _Copies:
    """The wire story each copied article carries, and each story's outlets (named once per
    story: a story carried by hundreds of outlets is met in every pair of its copies)."""

    story: Mapping[str, WireStory]
    articles: Mapping[str, Article]
    _outlets: dict[WireStory, tuple[str, ...]] = field(default_factory=dict)

    def get(self, article_id: str) -> WireStory | None:
        return self.story.get(article_id)

    def outlets(self, story: WireStory) -> tuple[str, ...]:
        if story not in self._outlets:
            self._outlets[story] = tuple(outlet_key(self.articles[a]) for a in story.articles)
        return self._outlets[story]


def _add(
    support: _Support,
    claim: Claim,
    by: Claim,
    articles: Mapping[str, Article],
    copies: _Copies,
) -> None:
    own, other = articles[claim.article_id], articles[by.article_id]
    outlet = outlet_key(other)
    if outlet.casefold() == outlet_key(own).casefold():
        return
    story = copies.get(other.id)
    if story is not None and own.id in story.articles:
        support.copies.add(_copy_note(outlet, story, own, copies))
        return  # a copy of the claim's own story
    key = f"wire story {story.articles[0]}" if story else outlet.casefold()
    if key in support.by_source and support.by_source[key][0] != outlet:
        support.copies.add(_copy_note(outlet, story, other, copies))
        return  # a second copy of a story already counted
    support.by_source.setdefault(key, (outlet, evidence(by, other)))


def _copy_note(outlet: str, story: WireStory | None, article: Article, copies: _Copies) -> str:
    if story is None:
        return _note(outlet, None, outlet_key(article), ())
    return _note(outlet, story.agency, outlet_key(article), copies.outlets(story))


@lru_cache(maxsize=4096)
def _note(outlet: str, agency: str | None, fallback: str, members: tuple[str, ...]) -> str:
    """The note for one copy; cached, since a story carried by many outlets gives the same
    note for every claim of every copy."""
    others = sorted(m for m in members if m != outlet)
    story = f"the {agency} story" if agency else "the same story"
    return f"{outlet} carries {story} also in {', '.join(others) or fallback}"


def _entry(claim: Claim, support: _Support, articles: Mapping[str, Article]) -> Corroboration:
    found = sorted(support.by_source.values(), key=lambda pair: pair[0])
    return Corroboration(
        claim=evidence(claim, articles[claim.article_id]),
        outlets=tuple(outlet for outlet, _ in found),
        supporting=tuple(ev for _, ev in found),
        copies=tuple(sorted(support.copies)),
    )
