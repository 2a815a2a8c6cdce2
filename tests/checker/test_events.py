"""Events (checker/events.py): which articles report the same occasion, and the day of each claim."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from checker.events import article_date, day_dates, group_events
from claims.extract import Extraction

from .builders import (
    ID_000,
    ID_001,
    ID_002,
    ID_003,
    ID_004,
    JUNE_CALL,
    Story,
    article_of,
    claim_with,
    example_extraction,
    extract_stories,
)

JUNE_15 = date(2022, 6, 15)
DECEMBER_30 = date(2022, 12, 30)
INVASION = (
    "Rusia melancarkan invasi ke Ukraina pada 24 Februari 2022, dan perang masih berlangsung."
)
SINCE_INVASION = "Sejak 24 Februari 2022, China menolak mengutuk Rusia atas perang itu."
LEAD_WITHOUT_DATES = (
    "Xi meyakinkan Putin tentang dukungan China atas kedaulatan dan keamanan Rusia.",
    "Kedua pemimpin juga membahas kerja sama ekonomi dalam menghadapi sanksi Barat.",
)


def test_group_events_examples_form_the_june_call_and_the_december_call() -> None:
    events = group_events(example_extraction().articles)
    groups = {frozenset(e.articles): e.date for e in events.events}
    assert groups == {
        frozenset({ID_000, ID_001, ID_003, ID_004}): JUNE_15,
        frozenset({ID_002}): DECEMBER_30,
    }


def test_group_events_undated_article_joins_by_content() -> None:
    extraction = example_extraction()
    assert article_date(article_of(extraction, ID_001)) == (None, None)
    event = group_events(extraction.articles).article_event[ID_001]
    assert event.date == JUNE_15
    assert event.dated_by is not None and not event.dated_by.startswith(ID_001)


@pytest.mark.parametrize(
    ("article_id", "expected"),
    [(ID_000, JUNE_15), (ID_002, DECEMBER_30), (ID_003, JUNE_15), (ID_004, JUNE_15)],
)
def test_article_date_examples_pick_the_reported_day(article_id: str, expected: date) -> None:
    day, claim_id = article_date(article_of(example_extraction(), article_id))
    assert day == expected
    assert claim_id is not None and claim_id.startswith(f"{article_id}#")


def test_article_date_lead_beats_repeated_background_date(tmp_path: Path) -> None:
    # the call's day is named once, in the lead; "24 Februari" twice, in the background after it
    body = "\n\n".join([JUNE_CALL, *LEAD_WITHOUT_DATES, INVASION, SINCE_INVASION])
    extraction = extract_stories(tmp_path, Story("a", body, "Kontan", "2022-06-16"))
    extracted = article_of(extraction, "a")
    background = [d for c in extracted.claims for d in day_dates(c) if d == date(2022, 2, 24)]
    assert len(background) == 2  # the background date really is named more often
    day, claim_id = article_date(extracted)
    assert day == JUNE_15
    assert claim_id == claim_with(extraction, "a", "Rabu (15/6/2022)").id


def test_article_date_background_right_after_lead_does_not_win(tmp_path: Path) -> None:
    body = "\n\n".join([JUNE_CALL, INVASION, SINCE_INVASION])
    extraction = extract_stories(tmp_path, Story("a", body, "Kontan", "2022-06-15"))
    assert article_date(article_of(extraction, "a"))[0] == JUNE_15


@pytest.mark.parametrize(
    ("published", "expected"), [("2022-06-15", JUNE_15), (None, None)], ids=["dated", "undated"]
)
def test_article_date_without_day_in_text_falls_back_to_publication(
    tmp_path: Path, published: str | None, expected: date | None
) -> None:
    body = "Presiden Xi Jinping berbicara dengan Presiden Vladimir Putin melalui telepon."
    extraction = extract_stories(tmp_path, Story("a", body, "Kontan", published))
    assert article_date(article_of(extraction, "a")) == (expected, None)


def _two_calls(tmp_path: Path, second_day: str, second_body: str) -> Extraction:
    return extract_stories(
        tmp_path,
        Story("a", f"{JUNE_CALL}\n\n{INVASION}", "Kontan", "2022-06-15"),
        Story("b", second_body, "Tempo", second_day),
    )


@pytest.mark.parametrize(
    ("second_day", "second_body", "together"),
    [
        ("2022-06-16", f"{JUNE_CALL}\n\n{INVASION}", True),
        (
            "2022-06-30",
            "Presiden Xi Jinping berbicara dengan Presiden Vladimir Putin melalui telepon pada Kamis (30/6/2022).",
            False,
        ),
        (
            "2022-06-15",
            "Harga beras di pasar tradisional Surabaya naik tajam menjelang hari raya Iduladha.",
            False,
        ),
    ],
    ids=["same-day-same-story", "two-weeks-apart", "same-day-other-story"],
)
def test_group_events_needs_close_dates_and_shared_content(
    tmp_path: Path, second_day: str, second_body: str, together: bool
) -> None:
    events = group_events(_two_calls(tmp_path, second_day, second_body).articles)
    assert (events.article_event["a"].id == events.article_event["b"].id) is together
    assert len(events.events) == (1 if together else 2)


def test_context_date_is_own_day_else_event_day() -> None:
    extraction = example_extraction()
    events = group_events(extraction.articles)
    dated = claim_with(extraction, ID_002, "Komentar itu dikeluarkan")  # "Jumat (30/12)"
    undated = claim_with(extraction, ID_000, "China mengklaim netral")
    joined = claim_with(extraction, ID_001, "Kedua pemimpin sepakat")  # undated article
    assert events.context_date(dated) == DECEMBER_30
    assert events.context_date(undated) == JUNE_15
    assert events.context_date(joined) == JUNE_15


def test_context_date_undated_event_is_none(tmp_path: Path) -> None:
    body = "Presiden Xi Jinping berbicara dengan Presiden Vladimir Putin melalui telepon."
    extraction = extract_stories(tmp_path, Story("a", body, "Kontan"))
    events = group_events(extraction.articles)
    claim = article_of(extraction, "a").claims[0]
    assert events.event_of(claim).date is None
    assert "undated" in events.event_of(claim).id
    assert events.context_date(claim) is None


def test_same_event_follows_article_grouping() -> None:
    extraction = example_extraction()
    events = group_events(extraction.articles)
    june_000 = claim_with(extraction, ID_000, "China mengklaim netral")
    june_004 = claim_with(extraction, ID_004, "Sejauh ini")
    december = claim_with(extraction, ID_002, "Beijing mengklaim netral")
    assert events.same_event(june_000, june_004)
    assert not events.same_event(june_000, december)


RATE_ID = (
    "Bank sentral memutuskan menaikkan suku bunga acuan sebesar 25 basis poin menjadi 3,75 "
    "persen dalam rapat dewan gubernur pada Selasa (23/8/2022) di Jakarta. Keputusan itu diambil "
    "untuk menahan laju inflasi yang terus meningkat akibat kenaikan harga pangan dan energi. "
    "Suku bunga fasilitas pinjaman juga dinaikkan menjadi 4,50 persen, kata gubernur bank "
    "sentral Indonesia dalam konferensi pers."
)
RATE_EN = (
    "The central bank unexpectedly raised its key interest rate by 25 basis points to 3.75% on "
    "Tuesday in Jakarta, as policymakers moved to curb rising inflation driven by higher food "
    "and energy costs. The lending facility rate was also lifted to 4.50%, the governor of "
    "Indonesia's central bank told a news conference."
)
OTHER_EN = (
    "Floods forced 300 families from their homes in Jakarta on Tuesday, the city's disaster "
    "agency said, as heavy rain continued for a third day and rivers burst their banks. "
    "Officials said 25 schools were closed and the governor told residents near rivers to leave."
)


@pytest.mark.parametrize(
    ("second", "together"),
    [(RATE_EN, True), (OTHER_EN, False)],
    ids=["same-event-other-language", "same-day-other-story-other-language"],
)
def test_group_events_across_languages_by_names_and_figures(
    tmp_path: Path, second: str, together: bool
) -> None:
    extraction = extract_stories(
        tmp_path,
        Story("id", RATE_ID, "Kabar Pasar", "2022-08-23"),
        Story("en", second, "Asia Wire", "2022-08-23", language="en"),
    )
    events = group_events(extraction.articles)
    assert (events.article_event["id"].id == events.article_event["en"].id) is together


@pytest.mark.parametrize(
    ("published", "together"),
    [("2022-06-20", True), ("2022-06-30", False)],
    ids=["five-days-after", "two-weeks-after"],
)
def test_group_events_article_dated_only_by_publication_may_come_days_later(
    tmp_path: Path, published: str, together: bool
) -> None:
    # a commentary that names no day, published some days after the call it discusses
    comment = f"{LEAD_WITHOUT_DATES[0]} {LEAD_WITHOUT_DATES[1]}"
    extraction = _two_calls(tmp_path, published, comment)
    assert article_date(article_of(extraction, "b"))[1] is None  # dated by publication only
    events = group_events(extraction.articles)
    assert (events.article_event["a"].id == events.article_event["b"].id) is together


def test_a_story_retold_many_times_is_one_event_and_grouping_stays_linear(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from checker import events as module

    monkeypatch.setattr(module, "EXEMPLARS", 3)
    stories = [
        Story(
            f"copy{i:03d}",
            f"Gempa bermagnitudo 5,6 mengguncang Cianjur, Jawa Barat, pada Senin (21/11/2022). "
            f"Badan Nasional Penanggulangan Bencana mencatat {100 + i} korban meninggal.",
            outlet=f"Outlet {i}",
            published="2022-11-22",
        )
        for i in range(20)
    ]
    extraction = extract_stories(tmp_path, *stories)
    compared = 0
    real = module._Profile.similarity

    def counting(self: object, other: object) -> float:
        nonlocal compared
        compared += 1
        return real(self, other)  # type: ignore[arg-type]

    monkeypatch.setattr(module._Profile, "similarity", counting)
    events = group_events(extraction.articles)
    assert [len(e.articles) for e in events.events] == [20]
    assert compared <= 20 * 2 * 3  # each article meets at most 2 x EXEMPLARS members
