"""Tests for claims.calendar: names from the language data, the one year rule, the weekday check."""

from __future__ import annotations

from datetime import date

import pytest

from claims.calendar import Direction, calendar_names, check_weekday, infer_year, shift
from claims.dates import resolve_dates
from claims.lang import load_language
from claims.types import Article, Granularity

JUNE_15 = date(2022, 6, 15)  # a Wednesday


@pytest.mark.parametrize(
    ("day", "month", "direction", "future", "expected", "rule"),
    [
        (24, 2, None, False, date(2022, 2, 24), "anchor"),
        (20, 11, None, False, date(2021, 11, 20), "previous"),  # over a month ahead: last year's
        (20, 11, None, True, date(2022, 11, 20), "anchor"),  # ... unless it speaks of the future
        (15, 7, None, False, date(2022, 7, 15), "anchor"),  # within a month ahead
        (30, 12, "past", False, date(2021, 12, 30), "past"),
        (15, 6, "past", False, date(2022, 6, 15), "past"),  # the anchor itself counts
        (1, 3, "future", False, date(2023, 3, 1), "future"),
        (29, 2, "past", False, date(2020, 2, 29), "past"),  # the latest leap day, years back
        (31, 2, "past", False, None, "past"),
        (29, 2, None, False, None, "anchor"),  # no 29 February in 2022
    ],
)
def test_infer_year_rule(
    day: int,
    month: int,
    direction: Direction | None,
    future: bool,
    expected: date | None,
    rule: str,
) -> None:
    choice = infer_year(day, month, anchor=JUNE_15, direction=direction, future=future)
    assert (choice.value, choice.rule) == (expected, rule)


@pytest.mark.parametrize(
    ("day", "month", "weekday", "today", "expected"),
    [
        (15, 6, 2, date(2026, 1, 1), 2022),  # Rabu (15/6) in 000
        (30, 12, 4, date(2026, 1, 1), 2022),  # Jumat (30/12) in 002
        (15, 6, 2, date(2022, 6, 14), 2016),  # never after today
        (29, 2, 3, date(2026, 1, 1), 2024),  # a leap day
    ],
)
def test_infer_year_weekday_pins_the_past_year(
    day: int, month: int, weekday: int, today: date, expected: int
) -> None:
    placed = infer_year(day, month, anchor=today, direction="past", weekday=weekday).value
    assert placed is not None and placed.year == expected and placed.weekday() == weekday


def test_infer_year_future_date_over_eleven_months_back_is_next_years() -> None:
    choice = infer_year(10, 1, anchor=date(2022, 12, 31), future=True)
    assert (choice.value, choice.rule) == (date(2023, 1, 10), "next")
    assert infer_year(10, 1, anchor=date(2022, 12, 31)).value == date(2022, 1, 10)


def test_infer_year_weekday_needs_a_direction() -> None:
    with pytest.raises(ValueError, match="direction"):
        infer_year(15, 6, anchor=JUNE_15, weekday=2)


def test_check_weekday_names_the_nearby_year_that_fits() -> None:
    assert check_weekday(JUNE_15, 2).matches
    check = check_weekday(date(2022, 12, 30), 3)  # a Friday, named Thursday
    assert (check.matches, check.named, check.actual) == (False, "Thursday", "Friday")
    assert check.fits == date(2021, 12, 30)


def test_calendar_names_join_dateparser_and_the_language_data() -> None:
    names = calendar_names(load_language("id"))
    assert {"rabu", "rab"} <= set(names.weekdays[2])
    assert {"jumat", "jum'at", "jum’at"} <= set(names.weekdays[4])  # the last two from dates.toml
    assert "juni" in names.months[5] and "pekan" in names.units["week"]
    assert names.date_order == "DMY" and names.has_locale
    assert not calendar_names(load_language("und")).has_locale


@pytest.mark.parametrize("apostrophe", ["'", "’"])
def test_dates_read_the_weekday_names_metadata_reads(apostrophe: str) -> None:
    text = f"Putin tiba pada Jum{apostrophe}at (17/6)."
    article = Article(id="t", path="t.txt", text=text, language="id")
    (mention,) = resolve_dates(text, start=0, article=article, anchor=date(2022, 6, 20))
    assert mention.text == f"Jum{apostrophe}at (17/6)"
    assert (mention.value, mention.weekday, mention.weekday_matches) == (date(2022, 6, 17), 4, True)


def test_shift_moves_by_calendar_units() -> None:
    assert shift(JUNE_15, -1, "week") == (date(2022, 6, 6), Granularity.WEEK)
    assert shift(JUNE_15, -7, "month") == (date(2021, 11, 1), Granularity.MONTH)
