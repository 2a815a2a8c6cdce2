"""The publication date and time of an article, from its opening lines.

Every full date ([[published]] patterns of kind "stamp") on a short line is a candidate, ranked
by what the line is: a byline's date ("Oleh: Nama | Sabtu, 3 September 2022 16:20") first, then
the stamp below the headline, then a site header above it, then an update time. The lead's
event date ("Rabu (15/6)", "JAKARTA, Aug 23 (Outlet) -") comes after them, and only when its
weekday, if named, falls on it. A lead date without a year is placed in a year the article's
own full dates name, else one the run's other articles are from (:class:`YearHints`), where
the weekday fits; with no year anywhere, in the most recent year, not after today, in which
that day falls on that weekday (:func:`claims.calendar.infer_year`). A header date far after
the lead's date is the day the page was seen, not the article's, and gives way to the lead.
The time of day is kept when the stamp gives one, as local (naive) wall-clock time.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import IntEnum

import dateparser

from claims.calendar import (
    MONTH_NAMES,
    WEEKDAY_NAMES,
    check_weekday,
    infer_year,
    name_key,
    safe_date,
)
from claims.metadata_rules import MetadataRules


class Rank(IntEnum):
    """How much a date found in the opening lines says about publication (lower: more)."""

    BYLINE = 0
    STAMP = 1
    HEADER = 2
    UPDATE = 3
    LEAD = 4
    LEAD_YEAR_NAMED = 5  # a year-less lead date placed in a year the article or the run names
    LEAD_YEAR_SEARCHED = 6  # ... placed in the latest year where its weekday fits


_KIND = {
    Rank.BYLINE: "the byline's date",
    Rank.STAMP: "the outlet's publication stamp",
    Rank.HEADER: "the date above the headline",
    Rank.UPDATE: "the page's update time",
    Rank.LEAD: "the day of the event the lead reports; the article is from that day or just after",
}
NOT_FOUND = "not found: no publication stamp or 'weekday (day/month)' in the opening lines"


@dataclass(frozen=True, slots=True)
class HeadLine:
    number: int  # source-file line
    text: str  # stripped


@dataclass(frozen=True, slots=True)
class YearHints:
    """Years a year-less date may be in: the article's own full dates', then the run's."""

    own: tuple[int, ...] = ()  # commonest first
    corpus: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class DateFound:
    """A candidate publication date (None: rejected) and the words that say where it came from."""

    value: datetime | None
    source: str
    rank: Rank = Rank.LEAD_YEAR_SEARCHED
    line: int = 0
    position: int = 0


def find_published(
    lines: list[HeadLine],
    rules: MetadataRules,
    *,
    today: date,
    title_line: int | None,
    hints: YearHints,
) -> DateFound:
    """The best-ranked publication date of the opening lines, or why there is none."""
    found = [*_stamp_dates(lines, rules, title_line), *_lead_dates(lines, rules, today, hints)]
    dated = sorted((f for f in found if f.value), key=lambda f: (f.rank, f.line, f.position))
    if not dated:
        reasons = [f.source for f in found]
        return DateFound(None, "not set: " + "; ".join(reasons) if reasons else NOT_FOUND)
    best = dated[0]
    if best.rank is Rank.HEADER:
        best = _unless_header_is_stale(best, dated, rules.header_max_days)
    return best


def full_date_years(text: str, rules: MetadataRules) -> tuple[int, ...]:
    """The years of the full dates (day, month and year) written anywhere in ``text``,
    commonest first (the later year first on a tie)."""
    years: Counter[int] = Counter()
    for pattern in rules.stamps():
        for match in pattern.finditer(text):
            value = _calendar_day(match, rules)
            if value is not None:
                years[value.year] += 1
    return tuple(sorted(years, key=lambda y: (-years[y], -y)))


def stamp_matches(
    lines: Iterable[HeadLine], rules: MetadataRules, *, max_words: int | None = None
) -> Iterator[tuple[HeadLine, re.Match[str], int]]:
    """Full dates on lines that are stamps, with where each date's time of day (if any) ends:
    lines that hold little else (at most ``max_words``, by default the rules'
    ``stamp_max_words``, other words; not a sentence), and not inside brackets, where a lead
    writes its dates ("Jumat (3/3/2023)")."""
    limit = rules.stamp_max_words if max_words is None else max_words
    for line in lines:
        for pattern in rules.stamps():
            for match in pattern.finditer(line.text):
                timed = rules.time.match(line.text, match.end())
                end = timed.end() if timed else match.end()
                rest = (line.text[: match.start()] + " " + line.text[end:]).strip()
                bracketed = line.text[: match.start()].rstrip().endswith(("(", "["))
                sentence = rest.endswith((".", "!", "?"))
                if len(rest.split()) <= limit and not (bracketed or sentence):
                    yield line, match, end


def _stamp_dates(
    lines: list[HeadLine], rules: MetadataRules, title_line: int | None
) -> Iterator[DateFound]:
    for line, match, end in stamp_matches(lines, rules):
        value = _calendar_day(match, rules)
        where = f"text line {line.number}: {quote(line.text)}"
        if value is None:
            yield DateFound(None, f"{where} is not a calendar date")
            continue
        rank = _stamp_rank(line, match, rules, title_line)
        value, zone = _with_time(value, line.text[match.end() : end], rules)
        note = f"{_KIND[rank]}{zone}{_weekday_note(value.date(), _weekday(match, rules))}"
        yield DateFound(value, f"{where} ({note})", rank, line.number, match.start())


def _stamp_rank(
    line: HeadLine, match: re.Match[str], rules: MetadataRules, title_line: int | None
) -> Rank:
    if rules.update.search(line.text[: match.start()]):
        return Rank.UPDATE
    if rules.byline.search(line.text):
        return Rank.BYLINE
    if title_line is not None and line.number < title_line:
        return Rank.HEADER
    return Rank.STAMP


def _lead_dates(
    lines: list[HeadLine], rules: MetadataRules, today: date, hints: YearHints
) -> Iterator[DateFound]:
    for pattern in rules.leads():
        for line in lines:
            for match in pattern.finditer(line.text):
                yield _lead_date(match, line, rules, today, hints)


def _lead_date(
    match: re.Match[str], line: HeadLine, rules: MetadataRules, today: date, hints: YearHints
) -> DateFound:
    where = f"text line {line.number}: {quote(match.group(0))}"
    weekday = _weekday(match, rules)
    at = {"line": line.number, "position": match.start()}
    if match.groupdict().get("year"):
        value = _calendar_day(match, rules)
        if value is None:
            return DateFound(None, f"{where} is not a calendar date")
        if weekday is not None and value.weekday() != weekday:
            return DateFound(None, f"{where}{_weekday_note(value, weekday)}; not used")
        return DateFound(_midnight(value), f"{where} ({_KIND[Rank.LEAD]})", Rank.LEAD, **at)
    day, month = _day_month(match, rules)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return DateFound(None, f"{where} is not a calendar date")
    placed, reason, rank = _place_year(day, month, weekday, hints, today)
    if placed is None:
        return DateFound(None, f"{where} {reason}")
    return DateFound(_midnight(placed), f"{where} ({_KIND[Rank.LEAD]}; {reason})", rank, **at)


def _place_year(
    day: int, month: int, weekday: int | None, hints: YearHints, today: date
) -> tuple[date | None, str, Rank]:
    """A year for a year-less day, the words that say why, and the rank of the result."""
    day_month = f"{day} {MONTH_NAMES[month - 1]}"
    years = [*hints.own, *(y for y in hints.corpus if y not in hints.own)]
    for year in years:
        value = safe_date(year, month, day)
        if value is not None and (weekday is None or value.weekday() == weekday):
            whose = "its own full dates" if year in hints.own else "the run's other articles"
            fits = f", in which {day_month} falls on a {WEEKDAY_NAMES[weekday]}" if weekday else ""
            reason = f"year {year} inferred: the year {whose} are from{fits}"
            return value, reason, Rank.LEAD_YEAR_NAMED
    if years and weekday is not None:
        named, listed = WEEKDAY_NAMES[weekday], ", ".join(map(str, years))
        return None, f"names a {named}, but {day_month} is not one in {listed}; not used", Rank.LEAD
    if weekday is None:
        return None, f"names no year, and no weekday to place {day_month} in one", Rank.LEAD
    placed = infer_year(day, month, anchor=today, direction="past", weekday=weekday).value
    named = WEEKDAY_NAMES[weekday]
    if placed is None:
        return None, f"names a {named}, but {day_month} is not one in any recent year", Rank.LEAD
    reason = (
        f"year {placed.year} inferred: the most recent year, not after {today.isoformat()}, "
        f"in which {day_month} falls on a {named}"
    )
    return placed, reason, Rank.LEAD_YEAR_SEARCHED


def _unless_header_is_stale(header: DateFound, dated: list[DateFound], days: int) -> DateFound:
    """The header date, unless the lead states a day well before it (the page was seen later)."""
    limit = (header.value or datetime.max) - timedelta(days=days)
    if not any(f.value and f.rank >= Rank.LEAD and f.value < limit for f in dated):
        return header
    best = next(f for f in dated if f.rank is not Rank.HEADER)
    seen = header.value.date().isoformat() if header.value else ""
    note = f"; the date above the headline, {seen}, is later: the day the page was seen"
    return DateFound(best.value, best.source[:-1] + note + ")", best.rank, best.line)


def _calendar_day(match: re.Match[str], rules: MetadataRules) -> date | None:
    day, month = _day_month(match, rules)
    year = match.groupdict().get("year")
    return safe_date(int(year), month, day) if year else None


def _day_month(match: re.Match[str], rules: MetadataRules) -> tuple[int, int]:
    g = {k: v for k, v in match.groupdict().items() if v}
    month = int(g["month"]) if "month" in g else rules.months.get(name_key(g["month_name"]), 0)
    return int(g["day"]), month


def _weekday(match: re.Match[str], rules: MetadataRules) -> int | None:
    named = match.groupdict().get("weekday")
    return rules.weekdays.get(name_key(named.rstrip("."))) if named else None


def _with_time(day: date, after: str, rules: MetadataRules) -> tuple[datetime, str]:
    """The day with the time of day written right after it, if any, and a note on its zone."""
    found = rules.time.match(after)
    if found is None:
        return _midnight(day), ""
    clock = found.group("clock").replace(".", ":")
    parts = [day.isoformat(), clock, found.group("ampm") or "", found.group("zone") or ""]
    settings = {"DATE_ORDER": "YMD"}
    parsed = dateparser.parse(" ".join(p for p in parts if p), settings=settings)  # type: ignore[arg-type]
    if parsed is None:  # an unknown zone: the time without it
        parsed = dateparser.parse(" ".join(p for p in parts[:3] if p), settings=settings)  # type: ignore[arg-type]
    if parsed is None or parsed.date() != day:
        return _midnight(day), ""
    zone = parsed.strftime("%z")  # "+0700", or "" when the text names no zone
    note = f"; local time, UTC{zone[:3]}:{zone[3:]}" if zone else ""
    return parsed.replace(tzinfo=None), note


def _weekday_note(value: date, weekday: int | None) -> str:
    if weekday is None or (check := check_weekday(value, weekday)).matches:
        return ""
    return f"; the text names a {check.named}, but that day was a {check.actual}"


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)


def quote(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
