"""Times of day (claims/times.py): clock times with their zones, parts of the day, and the
words that make a time approximate or the time a figure stood at."""

from __future__ import annotations

import pytest

from claims.times import find_times, minutes_apart
from claims.types import Article, TimeMention


def _times(text: str, language: str = "id") -> tuple[TimeMention, ...]:
    article = Article(id="a", path="a.md", text=text, language=language)
    return find_times(text, start=0, article=article)


@pytest.mark.parametrize(
    ("language", "text", "written", "minutes", "zone", "offset"),
    [
        ("id", "Gempa terasa kuat pukul 13.21 WIB di Cianjur.", "pukul 13.21 WIB", 801, "WIB", 420),
        ("id", "Harga baru berlaku pukul 15.30 Wita.", "pukul 15.30 Wita", 930, "WITA", 480),
        ("id", "Kapal tiba di Jayapura jam 09:05 WIT.", "jam 09:05 WIT", 545, "WIT", 540),
        ("id", "Rapat dimulai pukul 8 malam.", "pukul 8", 1200, None, None),
        ("en", "The blast came at 1:21 p.m. on Monday.", "1:21 p.m.", 801, None, None),
        (
            "en",
            "The rig exploded at 2.40pm Jakarta time.",
            "2.40pm Jakarta time",
            880,
            "Jakarta time",
            420,
        ),
        ("en", "The quake struck at 0621 GMT and was shallow.", "0621 GMT", 381, "GMT", 0),
        ("en", "The train left just after 11am local time.", "11am local time", 660, None, None),
    ],
)
def test_find_times_reads_clock_times_with_their_zone(
    language: str, text: str, written: str, minutes: int, zone: str | None, offset: int | None
) -> None:
    (found,) = [t for t in _times(text, language) if t.start == t.end]
    assert (found.text, found.start, found.zone, found.utc_offset) == (
        written,
        minutes,
        zone,
        offset,
    )


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("id", "Inflasi naik 3.75 persen dan stok 5.150 liter pada 2022."),
        ("en", "Rates rose to 3.75% from 3.5%, the first rise since 2018."),
        ("en", "The bridge, built in 1915, reopened in 2021."),
    ],
)
def test_find_times_never_reads_figures_or_years_as_times(language: str, text: str) -> None:
    assert _times(text, language) == ()


def test_find_times_marks_approximate_and_as_of_times() -> None:
    approximate, as_of = _times(
        "Api padam sekitar pukul 02.00 WIB. Data BNPB hingga pukul 21.00 WIB mencatat 9 korban."
    )
    assert approximate.approximate and not approximate.as_of
    assert as_of.as_of and not as_of.approximate


def test_find_times_gives_the_first_time_of_a_range_the_zone_of_the_second() -> None:
    first, second = _times("SPBU berhenti melayani pukul 10.05 hingga 10.15 Wita.")
    assert (first.zone, first.utc_offset) == ("WITA", 480) == (second.zone, second.utc_offset)


def test_find_times_reads_parts_of_the_day_but_not_names() -> None:
    found = _times("Kebakaran terjadi Selasa dini hari, dilaporkan Harian Pagi Riau.")
    assert [(t.text, t.start, t.end) for t in found] == [("dini hari", 0, 300)]
    (night,) = _times("Malam itu hujan turun deras di lokasi.")
    assert (night.start, night.end) == (18 * 60, 26 * 60)  # "malam" runs past midnight


def test_find_times_marks_a_twelve_hour_time_without_am_or_pm() -> None:
    (bare,) = _times("At around 2:40 the plane turned back.", "en")
    (marked,) = _times("At 2:40 p.m. the plane turned back.", "en")
    (indonesian,) = _times("Pesawat berbalik pukul 2:40 menurut menara.", "id")
    assert bare.twelve_hour and not marked.twelve_hour and not indonesian.twelve_hour


def test_minutes_apart_goes_the_short_way_round_the_clock() -> None:
    assert minutes_apart(23 * 60 + 50, 10) == 20
    assert minutes_apart(13 * 60 + 12, 13 * 60 + 21) == 9


def test_extracted_claims_carry_times_and_no_time_is_a_number() -> None:
    from claims.clean import clean_corpus
    from claims.extract import extract_claims

    text = "Gempa terjadi pukul 13.21 WIB dan menewaskan 3 orang di Desa Cibeureum."
    (clean,) = clean_corpus([Article(id="a", path="a.md", text=text, language="id")])
    (claim,) = extract_claims(clean)
    assert [t.text for t in claim.times] == ["pukul 13.21 WIB"]
    assert [n.value for n in claim.numbers] == [3.0]
    assert [(p.name, p.kind) for p in claim.places] == [("Cibeureum", "village")]
