"""Tests for claims.metadata: explicit metadata wins, the rest is inferred with its provenance."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from claims.calendar import infer_year
from claims.lang import available_languages
from claims.metadata import infer_corpus_metadata, infer_metadata
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
    assert "year 2022 inferred: the year the run's other articles are from" in published.source
    assert "Wednesday" in published.source


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


def test_infer_metadata_lead_with_wrong_weekday_is_not_the_date() -> None:
    # One of the two is wrong, so the lead cannot date the article: it stays undated (and is
    # anchored by its event later) rather than forming an event of its own on a wrong day.
    article = _infer("Presiden berbicara dengan Putin pada Kamis (15/6/2022), kata media itu.")
    source = _provenance(article, "published").source
    assert article.published is None
    assert "Thursday" in source and "Wednesday" in source and "not used" in source


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


def _infer_at(path: str, text: str, **options: object) -> Article:
    article = Article(id="t", path=path, text=text)
    return infer_metadata(article, today=TODAY, **options)  # type: ignore[arg-type]


STORY_EN = "The minister said the talks between the two countries would resume next week."
STORY_ID = "Menteri mengatakan pembicaraan kedua negara akan dilanjutkan pekan depan di Jakarta."


@pytest.mark.parametrize(
    ("path", "text", "outlet", "source"),
    [
        # the page's masthead, written like a domain
        (
            "a.txt",
            f"KABARSELATAN.COM\n\nJudul Berita Panjang Hari Ini\n\n{STORY_ID}",
            "KABARSELATAN.COM",
            "masthead",
        ),
        # a masthead the file's name spells
        (
            "05_harian_pagi.txt",
            f"HARIAN PAGI\n\nJudul Berita Panjang Hari Ini\n\n{STORY_ID}",
            "HARIAN PAGI",
            "masthead",
        ),
        # a short first line the name does not spell is no outlet; the name is the last resort
        (
            "07_kabar_selatan.txt",
            f"BERITA UTAMA\n\nJudul Berita Panjang Hari Ini\n\n{STORY_ID}",
            "Kabar Selatan",
            "file's name",
        ),
        # "City, Region (Outlet) -" and a domain that opens the lead on its own
        ("x.txt", f"MALANG, Indonesia (Kabar Timur) - {STORY_EN}", "Kabar Timur", "dateline"),
        ("x.txt", f"KabarSelatan.id - {STORY_ID}", "KabarSelatan.id", "dateline"),
        # a byline's credit, when it is recognisably an outlet (a news agency here)
        ("x.txt", f"By Jane Doe, Reuters\n\n{STORY_EN}", "Reuters", "dateline"),
        # the outlet printed before a stamp; a weekday there is not one
        (
            "x.txt",
            f"WartaKini.id | Senin, 03/10/2022 10:05 WIB\n\n{STORY_ID}",
            "WartaKini.id",
            "stamp",
        ),
    ],
)
def test_infer_metadata_outlet_from_every_signal(
    path: str, text: str, outlet: str, source: str
) -> None:
    article = _infer_at(path, text)
    assert article.outlet == outlet
    assert source in _provenance(article, "outlet").source


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("000_ec27902bce71dca6.txt", f"Senin, 03/10/2022\n\n{STORY_ID}"),  # a hash; a weekday
        ("feed.jsonl:3", STORY_ID),  # one of many records of a file
        ("<stdin>", STORY_ID),
        ("draft.txt", STORY_ID),  # a word, not a name
        ("x.txt", f"By Jane Doe, Jakarta\n\n{STORY_EN}"),  # a place, not an outlet
    ],
)
def test_infer_metadata_outlet_not_made_up(path: str, text: str) -> None:
    article = _infer_at(path, text)
    assert article.outlet is None
    assert _provenance(article, "outlet").source.startswith("not found")


@pytest.mark.parametrize(
    ("text", "published", "source"),
    [
        # the byline's date before a site header date above the headline
        (
            "Senin, 5 Desember 2022\n\nJudul Berita Panjang Hari Ini\n\n"
            f"Oleh: Nama Penulis | Sabtu, 3 Desember 2022 16:20\n\n{STORY_ID}",
            datetime(2022, 12, 3, 16, 20),
            "byline",
        ),
        # the stamp below the headline before the header above it
        (
            "Kamis, 1 Desember 2022\n\nJudul Berita Panjang Hari Ini\n\n"
            f"KabarX.com - 21/11/2022, 15:30 WIB\n\n{STORY_ID}",
            datetime(2022, 11, 21, 15, 30),
            "UTC+07:00",
        ),
        # a header far after the day the lead reports is the day the page was seen
        (
            "Kamis, 5 Januari 2023\n\nJudul Berita Panjang Hari Ini\n\n"
            "JAKARTA - Gempa mengguncang Cianjur pada Senin (21/11/2022) siang, kata BMKG.",
            datetime(2022, 11, 21),
            "the day the page was seen",
        ),
        # a page's update time only when nothing else dates it
        (
            f"Updated: Mon 3 Oct 2022, 8:02 AM\nPublished: Mon 3 Oct 2022, 6:15 AM\n\n{STORY_EN}",
            datetime(2022, 10, 3, 6, 15),
            "stamp",
        ),
    ],
)
def test_infer_metadata_publication_date_by_rank(
    text: str, published: datetime, source: str
) -> None:
    article = _infer(text)
    assert article.published == published
    assert source in _provenance(article, "published").source


@pytest.mark.parametrize(
    ("stamp", "published"),
    [
        ("Published: Tue 22 Nov 2022, 4:40 PM", datetime(2022, 11, 22, 16, 40)),
        ("Wednesday 23 November 2022 19:20", datetime(2022, 11, 23, 19, 20)),
        ("Sunday, October 2, 2022 - 09:40 am", datetime(2022, 10, 2, 9, 40)),
        ("Published Jan 10, 2021, 11:05 am SGT", datetime(2021, 1, 10, 11, 5)),
        ("23 Aug 2022 03:39PM (Updated: 23 Aug 2022 03:39PM)", datetime(2022, 8, 23, 15, 39)),
        ("10 January 2021", datetime(2021, 1, 10)),
    ],
)
def test_infer_metadata_english_stamps_with_time(stamp: str, published: datetime) -> None:
    article = _infer(f"THE DAILY\n{stamp}\n\nA headline about the talks\n\n{STORY_EN}")
    assert article.published == published


def test_infer_metadata_date_inside_a_sentence_is_no_stamp() -> None:
    article = _infer("Gempa mengguncang Cianjur pada 21 November 2022 siang, kata petugas BMKG.")
    assert article.published is None


@pytest.mark.parametrize(
    ("text", "corpus", "published", "source"),
    [
        # the article's own full dates name the year: 9 February 2018 was a Friday
        (
            "Presiden tiba pada Jumat (9/2) pagi. Rapat 5 Januari 2018 sudah membahasnya.",
            (),
            datetime(2018, 2, 9),
            "its own full dates",
        ),
        # the run's other articles do, where the article names none
        (
            "Presiden tiba pada Jumat (9/2) pagi, kata juru bicara.",
            (2018,),
            datetime(2018, 2, 9),
            "other articles",
        ),
        # no year anywhere: the latest year, not after today, in which the weekday fits
        (
            "Presiden tiba pada Jumat (9/2) pagi, kata juru bicara.",
            (),
            datetime(2024, 2, 9),
            "most recent year",
        ),
        # an English dateline's day, in the run's year
        (
            "JAKARTA, Aug 23 (Asia Wire) - The central bank raised its rate.",
            (2022,),
            datetime(2022, 8, 23),
            "other articles",
        ),
    ],
)
def test_infer_metadata_yearless_lead_in_the_year_named(
    text: str, corpus: tuple[int, ...], published: datetime, source: str
) -> None:
    article = _infer_at("x.txt", text, corpus_years=corpus)
    assert article.published == published
    assert source in _provenance(article, "published").source


def test_infer_metadata_yearless_weekday_that_misses_the_year_is_not_moved() -> None:
    # 10 February 2018 was a Saturday: the lead is wrong or about another year, and it is not
    # moved to a year where Friday fits (2023), which would split the story's event.
    article = _infer_at("x.txt", "Presiden tiba pada Jumat (10/2) pagi.", corpus_years=(2018,))
    assert article.published is None
    assert "not one in 2018" in _provenance(article, "published").source


def test_infer_corpus_metadata_places_yearless_leads_in_the_run_year() -> None:
    dated = Article(id="a", path="a.txt", text=f"Rabu, 7 Februari 2018 | 10:00 WIB\n\n{STORY_ID}")
    yearless = Article(id="b", path="b.txt", text="Presiden tiba pada Jumat (9/2) pagi, kata dia.")
    first, second = infer_corpus_metadata([dated, yearless], today=TODAY)
    assert first.published == datetime(2018, 2, 7, 10, 0)
    assert second.published == datetime(2018, 2, 9)
