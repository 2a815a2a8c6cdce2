"""Tests for claims.dates: date expressions found, resolved against the publication date, explained."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.dates import resolve_dates
from claims.types import Article, DateMention, Granularity

JUNE_15 = date(2022, 6, 15)  # a Wednesday: the day of the Xi-Putin phone call
DEC_31 = date(2022, 12, 31)
DAY, MONTH, YEAR = Granularity.DAY, Granularity.MONTH, Granularity.YEAR


def _dates(text: str, anchor: date | None, language: str = "id") -> tuple[DateMention, ...]:
    article = Article(id="t", path="<test>", text=text, language=language)
    return resolve_dates(text, start=0, article=article, anchor=anchor)


def _only(text: str, anchor: date | None, language: str = "id") -> DateMention:
    mentions = _dates(text, anchor, language)
    assert len(mentions) == 1, mentions
    return mentions[0]


@pytest.mark.parametrize(
    ("text", "anchor", "mention", "value", "granularity"),
    [
        ("Xi pada Rabu (15/6) meyakinkan Putin.", JUNE_15, "Rabu (15/6)", date(2022, 6, 15), DAY),
        ("pada Jumat (30/12) lalu.", DEC_31, "Jumat (30/12) lalu", date(2022, 12, 30), DAY),
        # "lalu": the most recent such date on or before the anchor, even a year back
        ("pada Jumat (30/12) lalu.", JUNE_15, "Jumat (30/12) lalu", date(2021, 12, 30), DAY),
        (
            "melalui telepon pada Rabu (15/6/2022).",
            JUNE_15,
            "Rabu (15/6/2022)",
            date(2022, 6, 15),
            DAY,
        ),
        ("Kompas.com - 15/06/2022, 21:01 WIB", None, "15/06/2022", date(2022, 6, 15), DAY),
        (
            "dari Moskow, Rusia, 30 Desember 2022.",
            None,
            "30 Desember 2022",
            date(2022, 12, 30),
            DAY,
        ),
        ("invasi ke Ukraina pada 24 Februari.", JUNE_15, "24 Februari", date(2022, 2, 24), DAY),
        ("pada 24 Februari lalu, yang", JUNE_15, "24 Februari lalu", date(2022, 2, 24), DAY),
        # without a year, a date over a month after the anchor in a past-tense sentence is last year's
        ("Ia tiba pada 20 November.", JUNE_15, "20 November", date(2021, 11, 20), DAY),
        # ... but a sentence about the future keeps the anchor's year
        ("Ia akan tiba pada 20 November.", JUNE_15, "20 November", date(2022, 11, 20), DAY),
        (
            "kunjungan kenegaraan ke Rusia pada tahun 2023.",
            DEC_31,
            "tahun 2023",
            date(2023, 1, 1),
            YEAR,
        ),
        ("di Wuhan pada 2020 dibebaskan", None, "2020", date(2020, 1, 1), YEAR),
        (
            "Pada bulan Februari, China menjanjikan",
            DEC_31,
            "bulan Februari",
            date(2022, 2, 1),
            MONTH,
        ),
        ("Dalam percakapan Februari mereka", JUNE_15, "Februari", date(2022, 2, 1), MONTH),
        ("pada akhir Februari, menyusul", JUNE_15, "akhir Februari", date(2022, 2, 1), MONTH),
        (
            "Awal bulan ini, Rusia dan China berlatih.",
            DEC_31,
            "Awal bulan ini",
            date(2022, 12, 1),
            MONTH,
        ),
        (
            "hubungan bilateral sejak awal tahun dalam",
            JUNE_15,
            "awal tahun",
            date(2022, 1, 1),
            YEAR,
        ),
        ("Ia datang kemarin.", JUNE_15, "kemarin", date(2022, 6, 14), DAY),
        ("Ia datang hari ini.", JUNE_15, "hari ini", date(2022, 6, 15), DAY),
        ("Ia datang pekan lalu.", JUNE_15, "pekan lalu", date(2022, 6, 6), Granularity.WEEK),
        ("Harga naik tahun lalu.", JUNE_15, "tahun lalu", date(2021, 1, 1), YEAR),
        ("Ia datang empat bulan lalu.", JUNE_15, "empat bulan lalu", date(2022, 2, 1), MONTH),
        ("Ia datang pada Senin.", JUNE_15, "Senin", date(2022, 6, 13), DAY),
        ("Ia datang pada 2022-06-10.", None, "2022-06-10", date(2022, 6, 10), DAY),
    ],
)
def test_resolve_dates_indonesian_examples(
    text: str, anchor: date | None, mention: str, value: date, granularity: Granularity
) -> None:
    found = _only(text, anchor)
    assert (found.text, found.value, found.granularity) == (mention, value, granularity)
    assert found.note


@pytest.mark.parametrize(
    ("text", "anchor", "mention", "value", "granularity"),
    [
        (
            "on Wednesday, June 15, 2022, Xi called",
            None,
            "Wednesday, June 15, 2022",
            date(2022, 6, 15),
            DAY,
        ),
        ("the call on 15 June", JUNE_15, "15 June", date(2022, 6, 15), DAY),
        ("talks last Friday", JUNE_15, "Friday", date(2022, 6, 10), DAY),
        ("exercises earlier this month", DEC_31, "earlier this month", date(2022, 12, 1), MONTH),
        ("a state visit in 2023", DEC_31, "2023", date(2023, 1, 1), YEAR),
        ("it happened yesterday", JUNE_15, "yesterday", date(2022, 6, 14), DAY),
        ("it began four months ago", JUNE_15, "four months ago", date(2022, 2, 1), MONTH),
    ],
)
def test_resolve_dates_english_examples(
    text: str, anchor: date | None, mention: str, value: date, granularity: Granularity
) -> None:
    found = _only(text, anchor, "en")
    assert (found.text, found.value, found.granularity) == (mention, value, granularity)


@pytest.mark.parametrize(
    ("text", "anchor", "weekday", "matches"),
    [
        ("pada Rabu (15/6/2022).", None, 2, True),
        ("pada Rabu (16/6/2022).", None, 2, False),  # 16 June 2022 is a Thursday
        ("pada Rabu (15/6).", JUNE_15, 2, True),
        ("pada Jumat (30/12) lalu.", DEC_31, 4, True),
        ("pada Jumat (30/12) lalu.", JUNE_15, 4, False),  # 30 Dec 2021 is a Thursday
        ("Rabu, 15 Juni 2022", None, 2, True),
    ],
)
def test_resolve_dates_weekday_checked_against_date(
    text: str, anchor: date | None, weekday: int, matches: bool
) -> None:
    found = _only(text, anchor)
    assert (found.weekday, found.weekday_matches) == (weekday, matches)
    if not matches:
        assert "named but" in found.note


def test_resolve_dates_weekday_mismatch_note_names_fitting_year() -> None:
    found = _only("pada Jumat (30/12) lalu.", JUNE_15)
    assert "Friday fits 2022-12-30" in found.note


def test_resolve_dates_no_weekday_leaves_check_unset() -> None:
    found = _only("pada 24 Februari 2022.", None)
    assert (found.weekday, found.weekday_matches) == (None, None)


@pytest.mark.parametrize(
    "text",
    ["pada Rabu (15/6).", "pada 24 Februari.", "Pada bulan Februari, China", "Jumat (30/12) lalu"],
)
def test_resolve_dates_without_anchor_day_month_unresolved(text: str) -> None:
    found = _only(text, None)
    assert found.value is None and found.granularity is None
    assert found.note == "no year: article has no publication date"


@pytest.mark.parametrize("text", ["Ia datang kemarin.", "awal tahun ini", "Ia datang pada Senin."])
def test_resolve_dates_without_anchor_relative_unresolved(text: str) -> None:
    found = _only(text, None)
    assert found.value is None
    assert "publication date" in found.note


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("hampir empat bulan setelah perang Rusia di Ukraina", "hampir empat bulan setelah"),
        ("yang sekarang memasuki bulan keempat.", "bulan keempat"),
        ("Rangkuman Hari Ke-808 Serangan Rusia", "Hari Ke-808"),
    ],
)
def test_resolve_dates_event_relative_spans_kept_unresolved(text: str, mention: str) -> None:
    found = _only(text, JUNE_15)
    assert (found.text, found.value) == (mention, None)
    assert "event" in found.note


def test_resolve_dates_spans_in_article_coordinates() -> None:
    text = "Judul\n\nXi menelepon pada Rabu (15/6) dan Putin menjawab pada 24 Februari lalu."
    article = Article(id="t", path="<test>", text=text, language="id", first_line=3)
    start = text.index("Xi")
    mentions = resolve_dates(text[start:], start=start, article=article, anchor=JUNE_15)
    assert [m.text for m in mentions] == ["Rabu (15/6)", "24 Februari lalu"]
    for mention in mentions:
        assert text[mention.span.start : mention.span.end] == mention.text
        assert mention.span.line == 5


@pytest.mark.parametrize(
    "text",
    ["Skor 2/1 untuk tim tamu.", "pukul 21:01 WIB", "sebanyak 5.000 orang", "Olimpiade 2024"],
)
def test_resolve_dates_ignores_non_dates(text: str) -> None:
    assert _dates(text, JUNE_15) == ()


_FRAGMENTS = st.sampled_from(
    ["Rabu", "Jumat", "Minggu", " ", "(", ")", "/", "15", "6", "30", "12", "2022", "0000", "99",
     "lalu", "mendatang", "akan", "Februari", "Mei", "bulan", "tahun", "awal", "ini", "kemarin",
     "empat", "setelah", "ke-", "pada", "hari", ",", ".", "-", "ſeptember", "İ", "K"]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(
    text=st.one_of(st.text(max_size=120), st.lists(_FRAGMENTS, max_size=30).map("".join)),
    prefix=st.text(max_size=20),
    anchor=st.one_of(st.none(), st.dates()),
    language=st.sampled_from(["id", "en", "und"]),
)
def test_resolve_dates_arbitrary_text_spans_point_back(
    text: str, prefix: str, anchor: date | None, language: str
) -> None:
    article = Article(id="h", path="<hypothesis>", text=prefix + text, language=language)
    for mention in resolve_dates(text, start=len(prefix), article=article, anchor=anchor):
        assert article.text[mention.span.start : mention.span.end] == mention.text
        assert mention.note
        assert (mention.value is None) == (mention.granularity is None)


def test_every_date_pattern_kind_has_a_resolver() -> None:
    """The kinds dates.toml may name (checked when the data loads) are the kinds resolved here."""
    from claims.dates import _RESOLVERS
    from claims.lang.sections import DATE_KINDS

    assert set(_RESOLVERS) == set(DATE_KINDS)
