"""When a different figure is an update of a developing count, not an error.

A death toll of 58 at noon and 64 in the evening is how a story develops. Each figure is
tied to the time it stood at: a day and time the claim gives for it ("hingga Selasa pukul
17.00 WIB", "as of 7:34 p.m. on Monday", "pagi tadi"), else the article's publication time. A
day that is the event's own ("Sabtu (1/10/2022) malam" for a Saturday crush) says when it
happened, not when it was counted, unless an as-of word comes before it.

Two figures of a developing measure (the language's ``developing`` list: dead, injured,
missing, displaced, ...) are an update when their times are ordered and the later one rose,
or fell where the measure may fall ("missing"), six hours or more later, or where the
later claim says it corrects the figure ("dikoreksi", "revised"); or when their order is
unknown and either claim says it is the latest count ("bertambah menjadi", "has risen to") or
the two are worded apart (two reports). The same time with different figures, the same
statement on a day with no order, or a count that fell within hours without a correction,
stays a number-drift error.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from functools import cache

from checker.figures import FigureDifference
from claims.lang import LanguageData, load_language
from claims.numerals import alternation
from claims.times import is_reference_zone
from claims.types import Article, Claim, Granularity, TimeMention

_DAY = 1440
_SLACK = 30  # minutes two clock times may be apart and still be the same time
_NEWS_CYCLE = 6 * 60  # minutes after which a lower count is taken for a revised one


class Order(Enum):
    SAME = "same"
    BEFORE = "before"  # the first figure stood before the second
    AFTER = "after"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class FigureTime:
    """When a figure stood: a day and, where known, minutes after its midnight (an end past
    1440 runs into the next day)."""

    day: date
    start: int | None = None
    end: int | None = None
    published: bool = False  # the publication's time: the figure stood at it or before

    def window(self) -> tuple[int, int]:
        base = self.day.toordinal() * _DAY
        if self.start is None or self.end is None:
            return base, base + _DAY
        return base + self.start, base + self.end

    def describe(self) -> str:
        day = f"{self.day.strftime('%A')} {self.day.day} {self.day.strftime('%B %Y')}"
        if self.start is None or self.end is None:
            return day
        if self.start == self.end:
            return f"{day}, {_clock(self.start)}"
        return f"{day}, {_clock(self.start)}-{_clock(self.end)}"


@dataclass(frozen=True, slots=True)
class Update:
    """Two figures of a developing count; ``later`` is None when their order is unknown."""

    measure: str
    first: FigureTime | None
    second: FigureTime | None
    later: Claim | None


def as_update(
    diff: FigureDifference,
    a: Claim,
    b: Claim,
    articles: Mapping[str, Article],
    event_day: date | None,
    *,
    same_wording: bool = True,
) -> Update | None:
    """The update two differing figures make, or None when they conflict. ``same_wording``:
    the claims make the same statement; with times that cannot be ordered, that is one report
    of one count, where two reports worded apart are taken for two counts."""
    measure = diff.developing
    words = _words(load_language(articles[a.article_id].language))
    if measure is None or measure not in words.developing:
        return None
    ta = figure_time(a, articles[a.article_id], event_day)
    tb = figure_time(b, articles[b.article_id], event_day)
    if not (diff.left and diff.right):  # "revised to 125 from 174": the claim names the change
        said = a if diff.left else b
        named = words.revision.search(said.text) or words.update.search(said.text)
        return Update(measure, ta, tb, said) if named else None
    order = compare(ta, tb, _SLACK)
    if order is Order.SAME:
        return None
    if order is Order.UNKNOWN:
        latest = _latest(a, words) or _latest(b, words) or not same_wording
        return Update(measure, ta, tb, None) if latest else None
    if order is Order.BEFORE:  # a's figure stood first: b's is the later one
        later, now, then = b, diff.right, diff.left
    else:
        later, now, then = a, diff.left, diff.right
    rose = min(n.value for n in now) > max(n.value for n in then)
    apart = _apart(ta, tb)  # a lower toll hours on is most often a corrected one
    if rose or apart or measure in words.fluctuating or words.revision.search(later.text):
        return Update(measure, ta, tb, later)
    return None


def _apart(first: FigureTime | None, second: FigureTime | None) -> bool:
    """Six hours or more between two ordered times, or two days with no hour."""
    if first is None or second is None:
        return False
    if first.day != second.day and None in (first.start, second.start):
        return True
    (s1, e1), (s2, e2) = first.window(), second.window()
    return max(s2 - e1, s1 - e2, 0) >= _NEWS_CYCLE


def figure_time(claim: Claim, article: Article, event_day: date | None) -> FigureTime | None:
    """When the claim's figures stood: its own day and time, else the publication's."""
    language = load_language(article.language)
    words = _words(language)
    days = [
        d.value
        for d in claim.dates
        if d.value is not None
        and d.granularity is Granularity.DAY
        and (
            d.value != event_day or _after_as_of(claim.text, d.span.start - claim.span.start, words)
        )
    ]
    times = [t for t in claim.times if not is_reference_zone(t.zone, language)]
    if days:
        return _with_times(max(days), times)
    if claim.dates or article.published is None:
        return None  # the claim's times belong to a day that is no figure's
    published = article.published
    if times:
        return _with_times(published.date(), times)
    return FigureTime(published.date(), *_clock_of(published), published=True)


def compare(first: FigureTime | None, second: FigureTime | None, slack: int) -> Order:
    """Whether the first time is before, after or the same as the second."""
    if first is None or second is None:
        return Order.UNKNOWN
    (s1, e1), (s2, e2) = first.window(), second.window()
    timed = first.start is not None and second.start is not None
    # a publication time against a time the claim gives is only a bound: no slack
    slack = slack if first.published == second.published else 0
    if timed and s1 <= e2 + slack and s2 <= e1 + slack:
        return Order.SAME
    if e1 <= s2:
        return Order.BEFORE
    if e2 <= s1:
        return Order.AFTER
    return Order.UNKNOWN


def _latest(claim: Claim, words: _Words) -> bool:
    """The claim says its figure is the latest count ("bertambah menjadi", "hingga pukul")."""
    return bool(words.update.search(claim.text)) or any(t.as_of for t in claim.times)


def _with_times(day: date, times: Sequence[TimeMention]) -> FigureTime:
    as_of = [t for t in times if t.as_of] or times
    if not as_of:
        return FigureTime(day)
    return FigureTime(day, min(t.start for t in as_of), max(t.end for t in as_of))


def _clock_of(published: datetime) -> tuple[int | None, int | None]:
    """The publication's minute of the day; midnight exactly is a date without a time."""
    minute = published.hour * 60 + published.minute
    return (minute, minute) if minute else (None, None)


def _clock(minutes: int) -> str:
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


def _after_as_of(text: str, offset: int, words: _Words) -> bool:
    return bool(words.as_of.search(text, max(0, offset - 30), offset))


@dataclass(frozen=True, slots=True, eq=False)
class _Words:
    developing: frozenset[str]
    fluctuating: frozenset[str]
    revision: re.Pattern[str]
    update: re.Pattern[str]
    as_of: re.Pattern[str]  # an as-of word or a reporting verb just before a day


@cache
def _words(language: LanguageData) -> _Words:
    numbers, times, quotes = language.numbers, language.times, language.quotes
    # "hingga Senin", "said on Monday night": the day a count stood or was given
    cues = (*times.as_of, *quotes.clause_verbs, *quotes.quote_verbs)
    return _Words(
        developing=frozenset(numbers.developing),
        fluctuating=frozenset(numbers.fluctuating),
        revision=re.compile(alternation(numbers.revision_words)),
        update=re.compile(alternation(numbers.update_words)),
        as_of=re.compile(alternation(cues) + r"\W*(?:\w+\W+){0,2}$"),
    )
