"""Date expressions in text, resolved to calendar dates against the publication date.

Patterns live in ``claims/lang/<code>/dates.toml`` and are compiled by
:mod:`claims.date_patterns`; names come from :mod:`claims.calendar`. A day or month written
without a year is placed by the calendar's one year rule (:func:`claims.calendar.infer_year`),
counting from the publication date: a past marker ("lalu") or future marker ("mendatang")
after it, and a future cue ("akan") in the sentence, decide. Without a publication date such a
date stays unresolved. Every mention's ``note`` says which rule applied.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from claims.calendar import (
    WEEKDAY_NAMES,
    Direction,
    check_weekday,
    infer_year,
    name_key,
    safe_date,
    shift,
)
from claims.date_patterns import DateVocabulary, date_vocabulary
from claims.lang import LanguageData, load_language
from claims.numerals import numerals, value_of
from claims.types import Article, DateMention, Granularity

_DAY_KINDS = frozenset({"day", "month", "weekday"})
_NO_YEAR = "no year: article has no publication date"
_DIRECTIONS: dict[str | None, Direction] = {"past": "past", "future": "future"}


@dataclass(frozen=True, slots=True)
class _Match:
    start: int
    end: int
    priority: int
    kind: str
    groups: Mapping[str, str]
    direction: str | None  # "past", "future" or None
    marker: str = ""


@dataclass(frozen=True, slots=True)
class _Resolution:
    value: date | None
    granularity: Granularity | None
    note: str
    weekday: int | None = None
    weekday_matches: bool | None = None


@dataclass(frozen=True, slots=True)
class _Context:
    """What resolution needs beyond the match: the anchor, the vocabulary, the sentence's tense."""

    anchor: date | None
    vocab: DateVocabulary
    future: bool


def resolve_dates(
    text: str,
    *,
    start: int,
    article: Article,
    anchor: date | None,
    language: LanguageData | None = None,
) -> tuple[DateMention, ...]:
    """The date expressions in ``text`` (``article.text[start:start + len(text)]``), resolved.

    Spans are in article coordinates. ``anchor`` is the publication date, or None: then
    expressions that need it are kept with ``value`` None and a note saying why. ``language``
    defaults to the data for ``article.language``.
    """
    vocab = date_vocabulary(language or load_language(article.language))
    future = bool(vocab.future_cue and vocab.future_cue.search(text))
    context = _Context(anchor, vocab, future)
    mentions = []
    for match in _select(_candidates(text, vocab)):
        try:
            found = _RESOLVERS[match.kind](match, context)
        except (ValueError, OverflowError):  # a count or anchor past the calendar's range
            found = _Resolution(None, None, "outside the range of the calendar")
        a, b = start + match.start, start + match.end
        mentions.append(
            DateMention(text[match.start : match.end], article.span(a, b), found.value,
                        found.granularity, found.weekday, found.weekday_matches, found.note)
        )  # fmt: skip
    return tuple(mentions)


def _candidates(text: str, vocab: DateVocabulary) -> Iterator[_Match]:
    """Every match of every pattern whose gate passes, a trailing "lalu"/"mendatang" included."""
    gates: dict[re.Pattern[str], bool] = {}  # patterns share gates: test each once per text
    for priority, (kind, pattern, gate) in enumerate(vocab.patterns):
        if gate is not None and not gates.setdefault(gate, gate.search(text) is not None):
            continue
        for m in pattern.finditer(text):
            groups = {k: v for k, v in m.groupdict().items() if v is not None}
            a, b = m.span("date") if "date" in groups else m.span()
            direction = "past" if "past" in groups else "future" if "future" in groups else None
            marker = ""
            after = vocab.marker.match(text, b) if vocab.marker and kind in _DAY_KINDS else None
            if after is not None and after.lastgroup:
                direction, marker, b = after.lastgroup, after.group(after.lastgroup), after.end()
            if b > a:
                yield _Match(a, b, priority, kind, groups, direction, marker)


def _select(matches: Iterator[_Match]) -> list[_Match]:
    """Non-overlapping matches: the longer mention wins, then the earlier pattern."""
    chosen: list[_Match] = []
    for m in sorted(matches, key=lambda m: (m.start - m.end, m.priority, m.start)):
        if all(m.end <= c.start or c.end <= m.start for c in chosen):
            chosen.append(m)
    return sorted(chosen, key=lambda m: m.start)


def _resolve_day(match: _Match, ctx: _Context) -> _Resolution:
    g = match.groups
    day = int(g["day"])
    month = int(g["month"]) if "month" in g else ctx.vocab.months.get(name_key(g["month_name"]), 0)
    if month > 12 >= day:
        day, month = month, day
    weekday = ctx.vocab.weekdays.get(name_key(g["weekday"])) if "weekday" in g else None
    if "year" in g:
        year = int(g["year"]) + (2000 if len(g["year"]) == 2 else 0)
        value, note = safe_date(year, month, day), f"date as written ({day}/{month}/{year})"
    elif ctx.anchor is None:
        return _Resolution(None, None, _NO_YEAR, weekday)
    else:
        value, note = _infer_year(month, day, match, ctx, ctx.anchor)
    if value is None:
        return _Resolution(None, None, f"no such date: {day}/{month}", weekday)
    if weekday is None:
        return _Resolution(value, Granularity.DAY, note)
    if value.weekday() != weekday:
        note += _weekday_mismatch(value, weekday, inferred="year" not in g)
    return _Resolution(value, Granularity.DAY, note, weekday, value.weekday() == weekday)


def _resolve_month(match: _Match, ctx: _Context) -> _Resolution:
    month = ctx.vocab.months.get(name_key(match.groups["month_name"]), 0)
    part = _part(match.groups, ctx.vocab)
    if "year" in match.groups:
        value = safe_date(int(match.groups["year"]), month, 1)
        granularity = Granularity.MONTH if value else None
        return _Resolution(value, granularity, f"{part}month and year as written")
    if ctx.anchor is None:
        return _Resolution(None, None, _NO_YEAR)
    value, note = _infer_year(month, 1, match, ctx, ctx.anchor.replace(day=1))
    return _Resolution(value, Granularity.MONTH, part + note)


def _resolve_year(match: _Match, ctx: _Context) -> _Resolution:
    value = date(int(match.groups["year"]), 1, 1)
    return _Resolution(value, Granularity.YEAR, f"{_part(match.groups, ctx.vocab)}year as written")


def _resolve_relative(match: _Match, ctx: _Context) -> _Resolution:
    phrase = name_key(match.groups["relative"])
    count, unit = ctx.vocab.relative.get(phrase, (0, "day"))
    if ctx.anchor is None:
        return _Resolution(None, None, f"'{phrase}' counts from an unknown publication date")
    value, granularity = shift(ctx.anchor, count, unit)
    approx = " (a week taken as 7 days)" if unit == "week" else ""
    note = f"'{phrase}': {count:+d} {unit} from {ctx.anchor}{approx}"
    return _Resolution(value, granularity, _part(match.groups, ctx.vocab) + note)


def _resolve_period(match: _Match, ctx: _Context) -> _Resolution:
    unit = ctx.vocab.units.get(name_key(match.groups["unit"]), "year")
    if ctx.anchor is None:
        return _Resolution(None, None, f"the current {unit} of an unknown publication date")
    value, granularity = shift(ctx.anchor, 0, unit)
    note = f"{_part(match.groups, ctx.vocab)}the {unit} of the publication date {ctx.anchor}"
    return _Resolution(value, granularity, note)


def _resolve_ago(match: _Match, ctx: _Context) -> _Resolution:
    qty = value_of(match.groups["qty"], numerals(ctx.vocab.language.numbers))
    unit = ctx.vocab.units.get(name_key(match.groups["unit"]), "")
    if ctx.anchor is None or qty is None or not qty.is_integer() or not unit:
        return _Resolution(None, None, "time ago: needs a publication date and a whole count")
    value, granularity = shift(ctx.anchor, -int(qty), unit)
    approx = "about " if "approx" in match.groups or unit == "week" else ""
    return _Resolution(value, granularity, f"{approx}{int(qty)} {unit}(s) before {ctx.anchor}")


def _resolve_event(match: _Match, ctx: _Context) -> _Resolution:
    return _Resolution(None, None, "counted from an event, not from a date: not resolved")


def _resolve_weekday(match: _Match, ctx: _Context) -> _Resolution:
    """A bare weekday: the latest on or before the anchor (before it after "lalu"), or the next."""
    weekday = ctx.vocab.weekdays.get(name_key(match.groups["weekday"]), 0)
    name = WEEKDAY_NAMES[weekday]
    if ctx.anchor is None:
        return _Resolution(None, None, f"{name} with no date and no publication date", weekday)
    if match.direction == "future":
        value = ctx.anchor + timedelta(days=(weekday - ctx.anchor.weekday()) % 7 or 7)
        note = f"{name} with no date: the next {name} after {ctx.anchor}"
    else:
        back = (ctx.anchor.weekday() - weekday) % 7 or (7 if match.direction == "past" else 0)
        value = ctx.anchor - timedelta(days=back)
        note = (
            f"{name} with no date: the latest {name} {'before' if back == 7 else 'by'} {ctx.anchor}"
        )
    return _Resolution(value, Granularity.DAY, note, weekday, True)


_RESOLVERS = {
    "day": _resolve_day, "month": _resolve_month, "year": _resolve_year,
    "relative": _resolve_relative, "period": _resolve_period, "ago": _resolve_ago,
    "event": _resolve_event, "weekday": _resolve_weekday,
}  # fmt: skip


def _infer_year(
    month: int, day: int, match: _Match, ctx: _Context, ref: date
) -> tuple[date | None, str]:
    """Place a day (or, with ``day`` 1 and ``ref`` the anchor's month, a month) in a year."""
    direction = _DIRECTIONS.get(match.direction)
    choice = infer_year(day, month, anchor=ref, direction=direction, future=ctx.future)
    value, marker = choice.value, f"'{match.marker or match.direction}'"
    if choice.rule == "past":
        return value, f"{marker}: the latest such date on or before {ctx.anchor}"
    if choice.rule == "future":
        return value, f"{marker}: the first such date on or after {ctx.anchor}"
    if choice.rule == "previous":
        return value, (
            f"year {ref.year - 1}: in {ref.year} it would be over a month after the "
            f"publication date {ctx.anchor}, and the sentence does not speak of the future"
        )
    if choice.rule == "next":
        return value, f"year {ref.year + 1}: a future date"
    return value, f"year {ref.year} taken from the publication date {ctx.anchor}"


def _weekday_mismatch(value: date, weekday: int, *, inferred: bool) -> str:
    """Say that the named weekday does not fit, and which nearby year it would fit."""
    check = check_weekday(value, weekday)
    note = f"; {check.named} named but {value} is a {check.actual}"
    return note + (f" ({check.named} fits {check.fits})" if inferred and check.fits else "")


def _part(groups: Mapping[str, str], vocab: DateVocabulary) -> str:
    part = groups.get("part")
    return f"{vocab.parts.get(name_key(part), part)} part; " if part else ""
