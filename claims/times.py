"""Times of day in text: clock times with their zone, and parts of the day.

"pukul 13.21 WIB", "1:21 p.m.", "0621 GMT" and "dini hari" each become a
:class:`~claims.types.TimeMention` in minutes after midnight on the clock of the zone written
with it (none: the local clock of the place reported). The words are data
(``claims/lang/<code>/times.toml``): cues before a clock time, am and pm, zones, parts of the
day, and the words that make a time approximate ("sekitar") or the time a figure stood at
("hingga pukul 21.00"). A time written with a point ("14.36") is a clock time only after a
cue or before am/pm or a zone, so "3.75 persen" never is one.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from claims.lang import LanguageData, load_language
from claims.lang.sections import TimesSection
from claims.types import Article, Span, TimeMention

# "09.00-11.00 WIB", "15.25 hingga 15.35 Wita": a range, the first time on the second's clock
_RANGE_GAP = re.compile(r"\s*(?:-|–|—|/|s\.d\.|\w{1,7})\s*")
_DAY = 1440


@dataclass(frozen=True, slots=True)
class _Found:
    """A time found in the text searched; ``begin`` and ``stop`` are offsets into it."""

    begin: int
    stop: int
    start: int  # minutes after midnight
    end: int
    zone: str | None = None
    utc_offset: int | None = None
    approximate: bool = False
    as_of: bool = False
    twelve_hour: bool = False


@dataclass(frozen=True, slots=True, eq=False)
class _Patterns:
    """One language's expressions for clock times and parts of the day."""

    clock: re.Pattern[str]
    period: re.Pattern[str] | None
    before: re.Pattern[str]  # the words just before a time: approximate or as-of
    approximate: frozenset[str]
    as_of: frozenset[str]
    zones: Mapping[str, str]  # zone as written -> its name in the data
    offsets: Mapping[str, float]  # zone name -> hours east of UTC
    reference: frozenset[str]
    am: frozenset[str]
    pm: frozenset[str]
    periods: Mapping[str, tuple[int, int]]  # casefolded


def find_times(
    text: str,
    *,
    start: int,
    article: Article,
    language: LanguageData | None = None,
    exclude: Sequence[Span] = (),
) -> tuple[TimeMention, ...]:
    """The times of day in ``text`` (which is ``article.text[start:start + len(text)]``).

    Spans are in article coordinates; times overlapping ``exclude`` (dates) are skipped.
    """
    patterns = _patterns((language or load_language(article.language)).times)
    taken = [(s.start - start, s.end - start) for s in exclude]
    found = [
        f for f in (*_clocks(text, patterns), *_periods(text, patterns)) if not _inside(f, taken)
    ]
    found.sort(key=lambda f: f.begin)
    return tuple(
        TimeMention(
            text[f.begin : f.stop],
            article.span(start + f.begin, start + f.stop),
            f.start,
            f.end,
            zone=f.zone,
            utc_offset=f.utc_offset,
            approximate=f.approximate,
            as_of=f.as_of,
            twelve_hour=f.twelve_hour,
        )
        for f in _with_range_zones(found, text)
    )


def minutes_apart(a: int, b: int) -> int:
    """Minutes between two times of day, the short way round the clock."""
    d = abs(a - b) % _DAY
    return min(d, _DAY - d)


def _inside(found: _Found, taken: Sequence[tuple[int, int]]) -> bool:
    return any(found.begin < end and start < found.stop for start, end in taken)


def _clocks(text: str, p: _Patterns) -> Iterator[_Found]:
    """Clock times; offsets in the spans are relative to ``text``."""
    for m in p.clock.finditer(text):
        hour, minute = _hour_minute(m)
        ampm = (m.group("ampm") or "").casefold()
        zone_written = m.group("zone")
        local = zone_written is not None and zone_written not in p.zones
        zone = p.zones.get(zone_written or "")
        cued = bool(m.group("cue"))
        if not (m.group("colon") or cued or ampm or zone_written):
            continue  # "3.75" alone is a number
        if m.group("hhmm") and zone not in p.reference:
            continue  # "0621 GMT" is wire style; "2022" is a year
        if ampm:
            if not 1 <= hour <= 12:
                continue
            hour = hour % 12 + (12 if ampm in p.pm else 0)
        elif (period := _period_after(text, m.end(), p)) is not None:
            hour = _in_period(hour, period)
        if hour > 24 or minute > 59:
            continue
        at = (hour * 60 + minute) % _DAY
        approximate, as_of = _before(text, m.start(), p)
        offset = None if zone is None or local else round(p.offsets[zone] * 60)
        twelve = bool(p.pm) and not (ampm or zone_written) and 1 <= hour <= 12
        yield _Found(*m.span(), at, at, zone, offset, approximate, as_of, twelve)


def _hour_minute(m: re.Match[str]) -> tuple[int, int]:
    if m.group("hhmm"):
        return int(m.group("hhmm")[:2]), int(m.group("hhmm")[2:])
    return int(m.group("h")), int(m.group("m") or 0)


def _period_after(text: str, end: int, p: _Patterns) -> tuple[int, int] | None:
    """The part of the day written right after a clock time ("pukul 8 malam")."""
    if p.period is None:
        return None
    m = p.period.match(text, end + 1) if text[end : end + 1] == " " else None
    return p.periods[" ".join(m.group().casefold().split())] if m else None


def _in_period(hour: int, period: tuple[int, int]) -> int:
    """A twelve-hour clock hour read in its part of the day: 8 in "malam" is 20."""
    if hour >= 12:
        return hour
    for candidate in (hour, hour + 12):
        if any(period[0] <= candidate * 60 + d <= period[1] for d in (0, _DAY)):
            return candidate
    return hour


def _periods(text: str, p: _Patterns) -> Iterator[_Found]:
    """Parts of the day, in lower case (a capital is a name: "Riau Pagi") or opening the text."""
    if p.period is None:
        return
    for m in p.period.finditer(text):
        word = m.group()
        if word != word.casefold() and m.start() > 0:
            continue
        start, end = p.periods[" ".join(word.casefold().split())]  # "dini\nhari" too
        _, as_of = _before(text, m.start(), p)
        yield _Found(*m.span(), start, end, approximate=True, as_of=as_of)


def _before(text: str, at: int, p: _Patterns) -> tuple[bool, bool]:
    """(approximate, as of): "sekitar" just before a time, "hingga" a few words before it."""
    words = [w.casefold() for w in p.before.findall(text[max(0, at - 60) : at])]
    recent = " ".join(words[-3:])
    approximate = any(_ends_with_words(recent, w) for w in p.approximate)
    as_of = any(f" {w} " in f" {' '.join(words[-6:])} " for w in p.as_of)
    return approximate, as_of


def _ends_with_words(text: str, phrase: str) -> bool:
    return f" {text}".endswith(f" {phrase}")


def _with_range_zones(found: list[_Found], text: str) -> Iterator[_Found]:
    """A clock time without a zone takes the zone of the next one when the two make a range:
    "pukul 15.25 hingga 15.35 Wita"."""
    for i, mention in enumerate(found):
        following = found[i + 1] if i + 1 < len(found) else None
        if (
            mention.zone is None
            and mention.start == mention.end
            and following is not None
            and following.zone is not None
            and _RANGE_GAP.fullmatch(text[mention.stop : following.begin])
        ):
            mention = dataclasses.replace(
                mention, zone=following.zone, utc_offset=following.utc_offset
            )
        yield mention


def _alternation(words: Sequence[str]) -> str:
    ordered = sorted({w for w in words if w}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) or "(?!)"


@cache
def _patterns(section: TimesSection) -> _Patterns:
    """Build (once per section) the expressions for clock times and parts of the day."""
    zones = {v: name for name in section.zones for v in (name, name.upper(), name.title())}
    cue = _alternation(section.cues)
    ampm = _alternation([*section.am, *section.pm])
    zone = _alternation([*zones, *section.local])
    clock = (
        rf"(?<![\w.,:/])(?:(?i:(?P<cue>{cue}))\s*)?"
        rf"(?:(?P<hhmm>[0-2]\d[0-5]\d)|(?P<h>\d{{1,2}})"
        rf"(?:(?:(?P<colon>:)|\.)(?P<m>[0-5]\d))?)(?![\d]|[.,:]\d)"
        rf"(?:\s?(?i:(?P<ampm>{ampm}))(?!\w))?"
        rf"(?:\s(?P<zone>{zone})(?!\w))?"
    )
    periods = {k.casefold(): v for k, v in section.periods.items()}
    period = rf"(?<!\w)(?i:{_alternation(list(periods))})(?!\w)" if periods else None
    return _Patterns(
        clock=re.compile(clock),
        period=re.compile(period) if period else None,
        before=re.compile(r"[^\W\d_][\w-]*"),
        approximate=frozenset(w.casefold() for w in section.approximate),
        as_of=frozenset(w.casefold() for w in section.as_of),
        zones=zones,
        offsets=dict(section.zones),
        reference=frozenset(section.reference_zones),
        am=frozenset(w.casefold() for w in section.am),
        pm=frozenset(w.casefold() for w in section.pm),
        periods=periods,
    )


def is_reference_zone(zone: str | None, language: LanguageData) -> bool:
    """True for a zone given for readers elsewhere (GMT), which never stands for local time."""
    return zone is not None and zone in _patterns(language.times).reference
