"""Tests for claims.metadata: explicit metadata wins, the rest is inferred with its provenance."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from claims.calendar import infer_year
from claims.lang import available_languages
from claims.metadata import infer_metadata
from claims.metadata_rules import metadata_rules
from claims.types import Article, Provenance

TODAY = date(2026, 1, 1)


def _infer(text: str, **fields: object) -> Article:
    return infer_metadata(Article(id="t", path="t.txt", text=text, **fields), today=TODAY)  # type: ignore[arg-type]


def _provenance(article: Article, name: str) -> Provenance:
    (entry,) = [p for p in article.provenance if p.field == name]
    return entry


@pytest.mark.parametrize(
    ("day", "month", "weekday", "today", "expected"),
    [
        (15, 6, 2, date(2026, 1, 1), 2022),  # Rabu (15/6) in 000
        (30, 12, 4, date(2026, 1, 1), 2022),  # Jumat (30/12) in 002
        (15, 6, 2, date(2022, 6, 15), 2022),  # today itself counts
        (15, 6, 2, date(2022, 6, 14), 2016),  # never after today
        (29, 2, 3, date(2026, 1, 1), 2024),  # a leap day
        (31, 2, 0, date(2026, 1, 1), None),  # no such date
    ],
)
def test_infer_year_latest_fitting_year(
    day: int, month: int, weekday: int, today: date, expected: int | None
) -> None:
    placed = infer_year(day, month, anchor=today, direction="past", weekday=weekday).value
    assert (placed.year if placed else None) == expected


def test_infer_metadata_year_from_weekday_is_explained(seed_articles: tuple[Article, ...]) -> None:
    kontan = seed_articles[0]
    published = _provenance(kontan, "published")
    assert kontan.published == datetime(2022, 6, 15)
    assert published.inferred
    assert "text line 5: 'Rabu (15/6)'" in published.source
    assert "year 2022 inferred" in published.source and "Wednesday" in published.source


def test_infer_metadata_undated_article_stays_undated(seed_articles: tuple[Article, ...]) -> None:
    purna_warta = seed_articles[1]
    published = _provenance(purna_warta, "published")
    assert purna_warta.published is None
    assert published.value == "" and published.source.startswith("not found")


def test_infer_metadata_day_month_alone_is_not_guessed() -> None:
    article = _infer("WASHINGTON, June 15 (Reuters) - The president said the talks would go on.")
    published = _provenance(article, "published")
    assert article.language == "en"
    assert (article.dateline, article.outlet) == ("WASHINGTON", "Reuters")
    assert article.published is None
    assert "no year" in published.source and "June 15" in published.source


def test_infer_metadata_weekday_mismatch_keeps_stated_date() -> None:
    article = _infer("Presiden berbicara dengan Putin pada Kamis (15/6/2022), kata media itu.")
    source = _provenance(article, "published").source
    assert article.published == datetime(2022, 6, 15)
    assert "Thursday" in source and "Wednesday" in source


def test_infer_metadata_stamp_keeps_local_time() -> None:
    article = _infer(
        "Judul Berita Contoh di Sini\n\nKompas.com - 15/06/2022, 21:01 WIB\n\nIsi berita."
    )
    published = _provenance(article, "published")
    assert article.published == datetime(2022, 6, 15, 21, 1)
    assert article.outlet == "Kompas.com"
    assert "UTC+07:00" in published.source and "text line 3" in published.source


@pytest.mark.parametrize(
    ("lead", "outlet", "city"),
    [
        ("KONTAN.CO.ID - BEIJING. Presiden Xi Jinping berbicara.", "KONTAN.CO.ID", "BEIJING"),
        ("BEIJING, KOMPAS.com – China akan terus mendukung Rusia.", "Kompas.com", "BEIJING"),
        ("Moskow, Purna Warta – Dalam panggilan telepon dengan Putin.", "Purna Warta", "Moskow"),
        (
            "Berita Baru, Washington – Di saat hubungan China dan Rusia.",
            "Beritabaru.co",
            "Washington",
        ),
        ("TEMPO.CO, Jakarta - Presiden Joko Widodo mengatakan.", "Tempo.co", "Jakarta"),
        ("Jakarta (ANTARA) - Presiden Joko Widodo mengatakan.", "Antara", "Jakarta"),
        ("Surabaya, Harian Kita – Wali kota mengatakan.", None, None),  # which is which?
        ("Presiden Xi Jinping berbicara dengan Putin, kata CCTV.", None, None),
    ],
)
def test_infer_metadata_dateline_forms(lead: str, outlet: str | None, city: str | None) -> None:
    article = _infer(lead)
    assert (article.outlet, article.dateline) == (outlet, city)
    if city is not None:
        assert _provenance(article, "dateline").source.startswith("dateline, text line 1")


def test_infer_metadata_explicit_fields_win() -> None:
    given = {
        "outlet": "Harian Contoh",
        "published": datetime(2021, 1, 2),
        "title": "Judul Asli",
        "dateline": "Bandung",
        "language": "id",
    }
    article = _infer(
        "KONTAN.CO.ID - BEIJING. Presiden Xi Jinping pada Rabu (15/6) bicara.", **given
    )
    assert {name: getattr(article, name) for name in given} == given
    assert all(not p.inferred and p.source == "given" for p in article.provenance)
    assert {p.field for p in article.provenance} == set(given)


def test_infer_metadata_is_idempotent(seed_articles: tuple[Article, ...]) -> None:
    for article in seed_articles:
        assert infer_metadata(article, today=TODAY) == article


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www.kompas.com/global/read/2022/06/15/x", "Kompas.com"),
        ("https://news.example.org/a", "news.example.org"),
    ],
)
def test_infer_metadata_outlet_from_url(url: str, outlet: str) -> None:
    article = _infer("Presiden berbicara dengan Putin melalui telepon, kata media.", url=url)
    assert article.outlet == outlet
    assert "url" in _provenance(article, "outlet").source


def test_infer_metadata_title_skips_furniture() -> None:
    text = (
        "Beranda\nBaca berita tanpa iklan. Gabung Kompas.com+\n"
        "Foto: Presiden Xi Jinping di Beijing\n"
        "Xi Jinping Tegaskan Dukungan China\n"
        "BEIJING, KOMPAS.com – China akan terus mendukung Rusia."
    )
    article = _infer(text)
    assert article.title == "Xi Jinping Tegaskan Dukungan China"
    assert _provenance(article, "title").source.startswith("text line 4")


def test_infer_metadata_lead_is_not_a_title() -> None:
    article = _infer(
        "Moskow, Purna Warta – Dalam panggilan telepon itu Xi berbicara.\nBaca Juga : Berita Lain"
    )
    assert article.title is None


@pytest.mark.parametrize("language", available_languages())
def test_metadata_rules_load_for_every_language(language: str) -> None:
    rules = metadata_rules(language)
    assert rules.head_lines > 0 and rules.datelines
    assert rules.canonical_outlet("kompas.com") == "Kompas.com"
