"""The calendar: month and weekday names of a language, the one year rule, the weekday check.

Names come from dateparser's locale for the language plus the ``[extra_names]`` of its
``dates.toml``; :mod:`claims.dates` and :mod:`claims.metadata` both read them from here.

The year rule (:func:`infer_year`) places a day and month written without a year, counting
from an anchor date (the publication date, or today when that is all there is):

* after a past marker ("lalu"), the latest such date on or before the anchor;
* after a future marker ("mendatang"), the first such date on or after it;
* otherwise the anchor's year, unless that lands more than 31 days after the anchor and the
  sentence does not speak of the future (then the year before: news reports the past), or,
  when it does speak of the future, more than 11 months before the anchor (the year after).

A weekday that must fit (``weekday``, with a marker) narrows the past or future search to
the years in which the day falls on it, up to 60 years away: that is how a lead's "Rabu
(15/6)" dates an article that has no publication date, counting back from today.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any, Literal

from dateparser.languages.loader import default_loader

from claims.lang import LanguageData
from claims.types import Granularity

MONTH_KEYS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
WEEKDAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
UNIT_KEYS = ("day", "week", "month", "year")
MONTH_NAMES = tuple(key.capitalize() for key in MONTH_KEYS)  # English, for notes
WEEKDAY_NAMES = tuple(key.capitalize() for key in WEEKDAY_KEYS)
SEARCH_YEARS = 60
_FORWARD_SLACK = timedelta(days=31)
_BACKWARD_SLACK = timedelta(days=335)

Direction = Literal["past", "future"]


@dataclass(frozen=True, slots=True)
class CalendarNames:
    """A language's calendar words in lookup form (see :func:`name_key`)."""

    months: tuple[tuple[str, ...], ...]  # twelve: the names of January, ...
    weekdays: tuple[tuple[str, ...], ...]  # seven, Monday first
    units: Mapping[str, tuple[str, ...]]  # "day", "week", "month", "year" -> names
    relative: Mapping[str, tuple[str, ...]]  # dateparser's notation ("1 week ago") -> phrases
    date_order: str  # "DMY", "MDY", ...
    has_locale: bool  # whether dateparser knows the language


@dataclass(frozen=True, slots=True)
class YearChoice:
    """A day placed in a year, and which branch of the rule placed it."""

    value: date | None  # None: no such date in the years looked at
    rule: Literal["past", "future", "anchor", "previous", "next"]


@dataclass(frozen=True, slots=True)
class WeekdayCheck:
    """Whether a date falls on the weekday the text names, and a nearby year where it would."""

    matches: bool
    named: str  # English weekday names
    actual: str
    fits: date | None  # the same day a year before or after, if that falls on the weekday


def name_key(text: str) -> str:
    """The lookup form of a name: casefolded, single-spaced ("Jumat" -> "jumat")."""
    return " ".join(text.casefold().split())


@cache
def calendar_names(language: LanguageData) -> CalendarNames:
    """The month, weekday and unit names of ``language``; empty where dateparser lacks it."""
    try:
        info: dict[str, Any] = default_loader.get_locale(language.code).info
    except (KeyError, ValueError):
        info = {}
    extra = language.dates.names

    def names(key: str) -> tuple[str, ...]:
        return tuple(name_key(n) for n in (*info.get(key, ()), *extra.get(key, ())))

    return CalendarNames(
        months=tuple(names(key) for key in MONTH_KEYS),
        weekdays=tuple(names(key) for key in WEEKDAY_KEYS),
        units={key: names(key) for key in UNIT_KEYS},
        relative={k: tuple(v) for k, v in info.get("relative-type", {}).items()},
        date_order=str(info.get("date_order", "DMY")),
        has_locale=bool(info),
    )


def infer_year(
    day: int,
    month: int,
    *,
    anchor: date,
    direction: Direction | None = None,
    future: bool = False,
    weekday: int | None = None,
) -> YearChoice:
    """Place ``day``/``month`` in a year by the rule in the module docstring.

    ``direction`` is the marker's ("past" or "future"), ``future`` whether the sentence speaks
    of the future, ``weekday`` (Monday = 0, with a direction only) a weekday the date must fall on.
    """
    if direction is not None:
        step = -1 if direction == "past" else 1
        for year in range(anchor.year, anchor.year + step * SEARCH_YEARS, step):
            found = safe_date(year, month, day)
            if found is None or (found > anchor if step < 0 else found < anchor):
                continue
            if weekday is None or found.weekday() == weekday:
                return YearChoice(found, direction)
        return YearChoice(None, direction)
    if weekday is not None:
        raise ValueError("a weekday narrows the search only with a direction")
    value = safe_date(anchor.year, month, day)
    if value is not None and value > anchor + _FORWARD_SLACK and not future:
        return YearChoice(safe_date(anchor.year - 1, month, day), "previous")
    if value is not None and value < anchor - _BACKWARD_SLACK and future:
        return YearChoice(safe_date(anchor.year + 1, month, day), "next")
    return YearChoice(value, "anchor")


def check_weekday(value: date, weekday: int) -> WeekdayCheck:
    """Whether ``value`` is a ``weekday``; if not, the nearest year where that day is one."""
    fits = [d for y in (-1, 1) if (d := safe_date(value.year + y, value.month, value.day))]
    fits = [d for d in fits if d.weekday() == weekday]
    return WeekdayCheck(
        value.weekday() == weekday,
        WEEKDAY_NAMES[weekday],
        WEEKDAY_NAMES[value.weekday()],
        fits[0] if fits else None,
    )


def shift(anchor: date, count: int, unit: str) -> tuple[date, Granularity]:
    """The anchor moved by ``count`` units, at the granularity the unit speaks of."""
    if unit == "day":
        return anchor + timedelta(days=count), Granularity.DAY
    if unit == "week":
        shifted = anchor + timedelta(days=7 * count)
        return shifted - timedelta(days=shifted.weekday()), Granularity.WEEK  # its Monday
    if unit == "month":
        months = anchor.year * 12 + anchor.month - 1 + count
        return date(months // 12, months % 12 + 1, 1), Granularity.MONTH
    return date(anchor.year + count, 1, 1), Granularity.YEAR


def safe_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when there is no such day (31/2) or year (0)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None
