"""What a figure measures and how exact it is (claims/measures.py, through claims/numbers.py).

The sentences are written for these tests after patterns seen in real Indonesian and English
coverage: price lists, casualty tallies with counting words, bounds ("lebih dari"), rounded
and approximate figures, breakdowns and figures that are a part of another.
"""

from __future__ import annotations

import pytest

from claims.numbers import find_numbers
from claims.types import Article, NumberKind, NumberMention, Qualifier


def _numbers(text: str, language: str = "id") -> tuple[NumberMention, ...]:
    article = Article(id="t", path="t.txt", text=text, language=language)
    return find_numbers(text, start=0, article=article)


def _measures(text: str, language: str = "id") -> list[tuple[str, str | None]]:
    return [(n.text, n.measure) for n in _numbers(text, language)]


@pytest.mark.parametrize(
    "text",
    [
        "Harga Solar subsidi naik dari Rp5.150 per liter.",
        "Harga Solar subsidi naik dari Rp 5.150 per liter.",
        "Harga Solar subsidi naik dari Rp5150 per liter.",
        "Harga Solar subsidi naik dari 5.150 rupiah per liter.",
    ],
    ids=["glued", "spaced", "no-separator", "word-after"],
)
def test_money_written_any_way_is_one_value_and_unit(text: str) -> None:
    (found,) = _numbers(text)
    assert (found.value, found.kind, found.unit) == (5150, NumberKind.MONEY, "IDR")
    assert found.measure == "solar"


@pytest.mark.parametrize(
    ("text", "language", "qualifier"),
    [
        ("Petugas mengevakuasi lebih dari 40 warga dari lokasi longsor.", "id", "more than"),
        ("BMKG mencatat sedikitnya 88 kali gempa susulan.", "id", "at least"),
        ("Posko mencatat sekitar 61 ribu warga mengungsi.", "id", "about"),
        ("Tinggi gunung itu hampir 2.900 meter.", "id", "nearly"),
        ("Gempa susulan terasa kurang dari 10 kali.", "id", "less than"),
        ("Pemerintah memberi bantuan hingga Rp50 juta per rumah.", "id", "at most"),
        ("Rescuers pulled more than 200 people from the rubble.", "en", "more than"),
        ("At least 174 people were killed in the crush.", "en", "at least"),
        ("About 75 climbers had started up the mountain.", "en", "about"),
        ("Fewer than 30 houses were left standing.", "en", "less than"),
        ("Police said 125 people died in the crush.", "en", "exact"),
    ],
)
def test_bounds_and_approximations_are_read_from_the_words_before(
    text: str, language: str, qualifier: str
) -> None:
    found = [n for n in _numbers(text, language) if n.kind is not NumberKind.ORDINAL]
    assert found[0].qualifier is Qualifier(qualifier)


def test_more_than_forty_allows_forty_one_and_about_allows_its_neighbourhood() -> None:
    (bound,) = _numbers("Tim SAR mengevakuasi lebih dari 40 warga.")
    low, high = bound.interval()
    assert low <= 41 <= high and high == float("inf")
    (about,) = _numbers("Sekitar 61 ribu warga mengungsi.")
    low, high = about.interval(0.05)
    assert low <= 61_350 <= high and not low <= 70_000 <= high


@pytest.mark.parametrize(
    ("text", "rounding"),
    [("Inflasi bulanan 1,17 persen.", 0.005), ("Sebanyak 125 orang meninggal.", 0.0)],
)
def test_rounding_is_half_the_last_written_decimal(text: str, rounding: float) -> None:
    (found,) = _numbers(text)
    assert found.rounding == pytest.approx(rounding)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # a counting word is not what is counted; the predicate or the noun after it is
        (
            "BPBD mencatat 162 orang meninggal dunia dan 326 orang luka-luka.",
            "id",
            [("162", "dead"), ("326", "injured")],
        ),
        ("Petugas mendata 2.272 unit rumah yang rusak.", "id", [("2.272", "rumah")]),
        ("Nelayan melihat tiga buah kapal di perairan itu.", "id", [("tiga", "kapal")]),
        # the measure may come before the figure, or label a list line
        ("Korban meninggal dunia tercatat 16 orang.", "id", [("16", "dead")]),
        ("- Pengungsi: 5.389 jiwa", "id", [("5.389", "displaced")]),
        ("Rescuers found the bodies of 11 climbers on Monday.", "en", [("11", "dead")]),
        (
            "It carried 50 passengers and 12 pilots and crew.",
            "en",
            [("50", "passengers"), ("12", "crew")],
        ),
        # the same measure in either language
        ("Sebanyak 11 pendaki ditemukan meninggal dunia.", "id", [("11", "dead")]),
    ],
)
def test_measure_is_what_the_figure_counts(
    text: str, language: str, expected: list[tuple[str, str]]
) -> None:
    assert _measures(text, language) == expected


def test_price_list_lines_measure_their_own_product() -> None:
    lines = [
        "- Pertalite: Rp7.650 menjadi Rp10.000 per liter",
        "- Solar subsidi: Rp5.150 menjadi Rp6.800 per liter",
        "Pertamax Turbo: dari Rp17.900 menjadi Rp15.900 per liter",
    ]
    measures = [{n.measure for n in _numbers(line)} for line in lines]
    # both prices of a line, the old and the new, are the one product's
    assert measures == [{"pertalite"}, {"solar subsidi"}, {"pertamax turbo"}]


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Ia menyebut 40 warga masih hilang, 39 di antaranya di Kecamatan Cugenang.", "39"),
        ("Dari jumlah itu, 34 orang meninggal di dalam stadion.", "34"),
        ("Two police officers were among the dead.", "Two"),
    ],
)
def test_a_part_of_another_figure_is_marked_as_a_part(text: str, figure: str) -> None:
    language = "en" if text.startswith("Two") else "id"
    found = {n.text: n.measure for n in _numbers(text, language)}
    assert found[figure] is not None and found[figure].endswith("(part)")


def test_a_forecast_is_another_measure_than_the_figure_itself() -> None:
    (forecast,) = _numbers("BI memperkirakan inflasi tahunan sebesar 5,88 persen.")
    (actual,) = _numbers("Inflasi tahunan tercatat sebesar 5,95 persen.")
    assert actual.measure == "year on year"
    assert forecast.measure == "year on year (forecast)"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Pesawat jenis Boeing 737-500 itu lepas landas dari Jakarta.", "id"),
        ("Kapal nelayan bersandar di dermaga Kepulauan Seribu.", "id"),
        ("Tim tamu kalah 2-3 dari tuan rumah.", "id"),
        ("Data BPBD hingga pukul 21.00 WIB belum berubah.", "id"),
        ("The quake struck at 0621 GMT on Monday.", "en"),
    ],
    ids=["model", "name", "score", "clock", "clock-zone"],
)
def test_codes_names_scores_and_clock_times_are_no_quantities(text: str, language: str) -> None:
    assert _numbers(text, language) == ()


def test_the_highest_of_several_is_not_the_figure_of_the_whole() -> None:
    # real pattern: the national monthly inflation and the highest city's, in two outlets
    (city,) = _numbers(
        "Kota Bukittinggi menjadi wilayah dengan inflasi tertinggi, yakni 1,87 persen secara bulanan."
    )
    (national,) = _numbers(
        "BPS mencatat inflasi September 2022 sebesar 1,17 persen secara bulanan."
    )
    assert national.measure == "month on month"
    assert city.measure == "month on month (ranked)"
    (toll,) = _numbers("The highest toll, 40 dead, was in Cugenang.", "en")
    assert toll.measure == "dead (ranked)"


def test_a_model_number_before_a_singular_noun_is_no_count() -> None:
    # "Boeing 737 passenger jet": a count of 737 would take the plural
    assert _numbers("A Boeing 737 passenger jet crashed into the Java Sea on Saturday.", "en") == ()
    assert _measures("The plane was carrying 50 passengers.", "en") == [("50", "passengers")]


def test_a_count_after_a_name_in_a_headline_is_kept() -> None:
    assert _measures("Korban Tewas Gempa Cianjur 252 Orang") == [("252", "dead")]


def test_a_minus_sign_makes_a_negative_figure() -> None:
    (found,) = _numbers("Inflasi terendah di Merauke -0,07 persen.")
    assert found.value == pytest.approx(-0.07)
    assert found.measure == "merauke"
