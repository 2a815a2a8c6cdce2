"""Group articles, and so their claims, by the event they report.

An article's event date is the day its claims name, preferring days at most three days before
its publication date and counting the lead three times, so that background dates such as
"sejak invasi 24 Februari" do not win; with no day named, it is the publication date.
Articles whose event dates lie within a few days of each other and that share content form one
event; an undated article joins the event it shares the most content with. Claims about
different events are never contradictions of each other, but the same quote under two events
is drift.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from claims.extract import ExtractedArticle
from claims.types import Claim, Granularity

_WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)
LEAD_CLAIMS = 3
LEAD_WEIGHT = 3
RECENT_DAYS = 3


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
    for position, claim in enumerate(extracted.claims):
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


def _vocabulary(extracted: ExtractedArticle) -> set[str]:
    words = {w.casefold() for c in extracted.claims for w in _WORD.findall(c.text)}
    return words | {f"ent:{e.canonical}" for c in extracted.claims for e in c.entities}


def _similarity(a: set[str], b: set[str]) -> float:
    return len(a & b) / max(1, min(len(a), len(b)))


def group_events(
    articles: Sequence[ExtractedArticle], *, max_days: int = 3, min_similarity: float = 0.2
) -> EventMap:
    """Cluster articles into events by date proximity and shared content."""
    dated = [(a, *article_date(a)) for a in articles]
    dated.sort(key=lambda item: (item[1] is None, item[1] or date.min))
    groups: list[dict[str, object]] = []
    for extracted, day, claim_id in dated:
        words = _vocabulary(extracted)
        best, best_similarity = None, min_similarity
        for group in groups:
            gday = group["date"]
            if day and gday and abs((day - gday).days) > max_days:  # type: ignore[operator]
                continue
            similarity = max(_similarity(words, w) for w in group["words"])  # type: ignore[attr-defined]
            if similarity >= best_similarity:
                best, best_similarity = group, similarity
        if best is None:
            best = {"date": day, "dated_by": claim_id, "members": [], "words": []}
            groups.append(best)
        best["members"].append(extracted.article.id)  # type: ignore[attr-defined]
        best["words"].append(words)  # type: ignore[attr-defined]
    events = tuple(_event(i, g) for i, g in enumerate(groups, start=1))
    return EventMap(events, {a: e for e in events for a in e.articles})


def _event(number: int, group: dict[str, object]) -> Event:
    day = group["date"]
    label = f"E{number}" + (f" ({day.isoformat()})" if isinstance(day, date) else " (undated)")
    return Event(
        label, day if isinstance(day, date) else None, tuple(group["members"]), group["dated_by"]
    )  # type: ignore[arg-type]
