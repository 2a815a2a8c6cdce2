"""Group articles, and so their claims, by the event they report.

An article's event date is the day its claims name, preferring days at most three days before
its publication date and counting the lead three times, so that background dates such as
"sejak invasi 24 Februari" do not win; with no day named, it is the publication date.
Articles whose event dates lie within a few days of each other and that share content (words;
across languages, the entities and figures they name) form one event; an undated article joins the event it shares the most content with. An article that names
no day is dated by its publication, which may come some days after the event it reports (a
commentary, a weekly): it may join an event up to a week older. Claims about
different events are never contradictions of each other, but the same quote under two events
is drift.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from claims.extract import ExtractedArticle
from claims.shape import is_checkable
from claims.terms import entity_terms, overlap, words
from claims.types import Claim, Granularity

MIN_LETTERS = 4  # shorter words are mostly function words in any language
LEAD_CLAIMS = 3
LEAD_WEIGHT = 3
RECENT_DAYS = 3
PUBLICATION_LAG = 7  # days an article may appear after the event it reports, naming no day
# Across languages only names and figures can be compared: entities (one term per entity,
# whatever the language calls it) and figures of two digits or more, or with decimals. Two
# reports of one event share several of them; a name and one small number may be chance.
MIN_SHARED_ACROSS = 3
MIN_FIGURE = 10
UNKNOWN = "und"
# A group is compared through its first and its latest members, at most this many of each: a
# story retold by thousands of outlets would otherwise make grouping quadratic. No real event
# in the coverage benchmark has more than a few dozen articles, so none is affected.
EXEMPLARS = 32


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    date: date | None
    articles: tuple[str, ...]
    dated_by: str | None  # the claim id that gave the date, when a claim did


@dataclass(frozen=True, slots=True)
class EventMap:
    events: tuple[Event, ...]
    article_event: dict[str, Event]

    def event_of(self, claim: Claim) -> Event:
        return self.article_event[claim.article_id]

    def same_event(self, a: Claim, b: Claim) -> bool:
        return self.event_of(a).id == self.event_of(b).id

    def context_date(self, claim: Claim) -> date | None:
        """The day a claim is tied to: its own date, else its article's event date."""
        own = day_dates(claim)
        return own[0] if own else self.event_of(claim).date


def day_dates(claim: Claim) -> list[date]:
    return [d.value for d in claim.dates if d.value and d.granularity is Granularity.DAY]


def article_date(extracted: ExtractedArticle) -> tuple[date | None, str | None]:
    """The day the article reports on, and the claim that says so (None if from metadata)."""
    votes: Counter[date] = Counter()
    first_claim: dict[date, str] = {}
    for position, claim in enumerate(c for c in extracted.claims if is_checkable(c)):
        for day in day_dates(claim):
            votes[day] += LEAD_WEIGHT if position < LEAD_CLAIMS else 1
            first_claim.setdefault(day, claim.id)
    published = extracted.article.published.date() if extracted.article.published else None
    if published:  # news reports the days just before it appears: prefer those to background dates
        recent = {d: v for d, v in votes.items() if -RECENT_DAYS <= (d - published).days <= 1}
        votes = Counter(recent) or votes
    if votes:
        day = max(votes, key=lambda d: (votes[d], -list(first_claim).index(d)))
        return day, first_claim[day]
    return published, None


def _near(day: date, event_day: date, max_days: int, *, by_claim: bool) -> bool:
    """Whether an article of ``day`` can report the event of ``event_day``; a day that only
    the publication date gives may come up to :data:`PUBLICATION_LAG` more days after it."""
    after = (day - event_day).days
    return -max_days <= after <= max_days + (0 if by_claim else PUBLICATION_LAG)


@dataclass(frozen=True, slots=True)
class _Profile:
    """What an article is compared on: its language, its words of four letters or more and
    one term per entity it names, and the terms no language changes (entities, figures)."""

    language: str
    vocabulary: frozenset[str]
    neutral: frozenset[str]

    @classmethod
    def of(cls, extracted: ExtractedArticle) -> _Profile:
        claims = [c for c in extracted.claims if is_checkable(c)]
        entities = entity_terms(e for c in claims for e in c.entities)
        figures = {
            f"num:{n.value:g}"
            for c in claims
            for n in c.numbers
            if n.value >= MIN_FIGURE or not float(n.value).is_integer()
        }
        found = {w for c in claims for w in words(c.text, min_letters=MIN_LETTERS)}
        language = extracted.article.language.split("-")[0]
        return cls(language, frozenset(found | entities), frozenset(entities | figures))

    def similarity(self, other: _Profile) -> float:
        """Shared words; across two languages, shared entities and figures, when there are
        at least :data:`MIN_SHARED_ACROSS` of them and one is an entity."""
        if self.language == other.language or UNKNOWN in (self.language, other.language):
            return overlap(self.vocabulary, other.vocabulary)
        shared = self.neutral & other.neutral
        if len(shared) < MIN_SHARED_ACROSS or not any(t.startswith("ent:") for t in shared):
            return 0.0
        return overlap(self.neutral, other.neutral)


@dataclass(slots=True)
class _Group:
    """An event being gathered: its date, the claim that dated it, members and their terms."""

    date: date | None
    dated_by: str | None
    members: list[str] = field(default_factory=list)
    profiles: list[_Profile] = field(default_factory=list)

    def exemplars(self) -> list[_Profile]:
        """The members an article is compared with: the first and the latest few (a developing
        story's words drift from its first reports)."""
        if len(self.profiles) <= 2 * EXEMPLARS:
            return self.profiles
        return self.profiles[:EXEMPLARS] + self.profiles[-EXEMPLARS:]

    def event(self, number: int) -> Event:
        when = f" ({self.date.isoformat()})" if self.date else " (undated)"
        return Event(f"E{number}{when}", self.date, tuple(self.members), self.dated_by)


def group_events(
    articles: Sequence[ExtractedArticle], *, max_days: int = 3, min_similarity: float = 0.2
) -> EventMap:
    """Cluster articles into events by date proximity and shared content."""
    dated = [(a, *article_date(a)) for a in articles]
    dated.sort(key=lambda item: (item[1] is None, item[1] or date.min))
    groups: list[_Group] = []
    for extracted, day, claim_id in dated:
        profile = _Profile.of(extracted)
        best, best_similarity = None, min_similarity
        for group in groups:
            if day and group.date and not _near(day, group.date, max_days, by_claim=bool(claim_id)):
                continue
            similarity = max(profile.similarity(other) for other in group.exemplars())
            if similarity >= best_similarity:
                best, best_similarity = group, similarity
        if best is None:
            best = _Group(day, claim_id)
            groups.append(best)
        best.members.append(extracted.article.id)
        best.profiles.append(profile)
    events = tuple(group.event(i) for i, group in enumerate(groups, start=1))
    return EventMap(events, {a: e for e in events for a in e.articles})
