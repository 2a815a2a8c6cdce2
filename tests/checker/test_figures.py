"""Figures about the same thing (checker/figures.py), updates of a developing count
(checker/developing.py) and the two rules that read them: number-drift and updated-figure.

Every case writes short Indonesian or English articles (one per outlet, with the publication
time in the front matter), extracts their claims and runs the rule on the pair of claims that
carry the figures, in both orders. The texts are written for these tests after patterns of
real coverage: price lists, tolls that rise through the day, two agencies the same evening,
a corrected toll, rounded and bounded figures, sums.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.figures import figure_differences
from checker.rules.number_drift import detect as detect_number_drift
from checker.rules.updated_figure import detect as detect_updated_figure
from checker.types import Pair, Severity
from claims.types import Claim

from .builders import Story, claim_with, drift_context, extract_stories

LEAD = "Gempa bermagnitudo 5,6 mengguncang Kabupaten Cianjur, Jawa Barat, pada Senin (21/11/2022)."
LEAD_EN = "A magnitude 5.6 earthquake struck Cianjur in West Java on Monday, November 21, 2022."
NOON, EVENING, NEXT_DAY = (
    "2022-11-21T12:10:00+07:00",
    "2022-11-21T19:40:00+07:00",
    "2022-11-22T09:00:00+07:00",
)
NIGHT, LATE_NIGHT = "2022-11-21T21:00:00+07:00", "2022-11-21T23:56:00+07:00"
BOTH_ORDERS = pytest.mark.parametrize("swap", [False, True], ids=["a-b", "b-a"])


def _pair(
    tmp_path: Path,
    first: str,
    second: str,
    *,
    published: tuple[str, str] = (NOON, NOON),
    language: str = "id",
    swap: bool = False,
) -> tuple[Pair, object]:
    lead = LEAD_EN if language == "en" else LEAD
    extraction = extract_stories(
        tmp_path,
        Story("a", f"{lead}\n\n{first}", "Warta Priangan", published[0], language),
        Story("b", f"{lead}\n\n{second}", "Kabar Bandung", published[1], language),
    )
    a, b = claim_with(extraction, "a", first[:25]), claim_with(extraction, "b", second[:25])
    return (Pair(b, a, 1.0) if swap else Pair(a, b, 1.0)), drift_context(extraction)


def _kinds(tmp_path: Path, first: str, second: str, **kwargs: object) -> list[tuple[str, Severity]]:
    pair, ctx = _pair(tmp_path, first, second, **kwargs)  # type: ignore[arg-type]
    found = [*detect_number_drift(pair, ctx), *detect_updated_figure(pair, ctx)]  # type: ignore[arg-type]
    return [(f.kind, f.severity) for f in found]


def _differ(first: Claim, second: Claim, language: str = "id") -> bool:
    return any(d.left and d.right for d in figure_differences(first, second, language, language))


# --- which figures are compared ------------------------------------------------------------


@BOTH_ORDERS
def test_price_list_lines_of_other_products_are_never_drift(tmp_path: Path, swap: bool) -> None:
    first = "- Pertalite naik dari Rp 7.650 per liter menjadi Rp 10.000 per liter"
    second = "Harga Solar subsidi dari Rp 5.150 per liter naik menjadi Rp 6.800 per liter."
    assert _kinds(tmp_path, first, second, swap=swap) == []


@BOTH_ORDERS
def test_one_product_at_another_price_is_drift_whatever_the_spacing(
    tmp_path: Path, swap: bool
) -> None:
    first = "Harga Pertalite naik dari Rp7.560 per liter menjadi Rp10.000 per liter."
    second = "- Pertalite: Rp 7.650 menjadi Rp 10.000 per liter"
    pair, ctx = _pair(tmp_path, first, second, swap=swap)
    (found,) = detect_number_drift(pair, ctx)  # type: ignore[arg-type]
    assert found.severity is Severity.ERROR
    values = {found.differences[0].claim_value, found.differences[0].evidence_value}
    assert values == {"Rp7.560", "Rp 7.650"}


@pytest.mark.parametrize(
    ("first", "second", "differ"),
    [
        (
            "Tim SAR mengevakuasi 41 warga dari lokasi longsor.",
            "Tim SAR mengevakuasi lebih dari 40 warga dari lokasi longsor.",
            False,
        ),
        (
            "Sebanyak 61.350 warga mengungsi ke sejumlah posko.",
            "Sekitar 61 ribu warga mengungsi ke sejumlah posko.",
            False,
        ),
        (
            "Inflasi tahunan September tercatat 5,95 persen.",
            "Inflasi tahunan September tercatat 5,9 persen.",
            False,
        ),
        (
            "Tim SAR mengevakuasi 75 pendaki dari gunung itu.",
            "Tim SAR mengevakuasi 70 pendaki dari gunung itu.",
            True,
        ),
        ("Sebanyak 75 pendaki naik ke gunung itu.", "Sekitar 70 pendaki naik ke gunung itu.", True),
    ],
    ids=["more-than", "about", "rounded", "exact", "about-too-far"],
)
def test_bounds_approximations_and_rounding_agree_within_their_range(
    tmp_path: Path, first: str, second: str, differ: bool
) -> None:
    pair, _ = _pair(tmp_path, first, second)
    assert _differ(pair.claim, pair.other) is differ


def test_a_sum_of_the_other_claims_figures_is_no_drift(tmp_path: Path) -> None:
    first = "Pesawat itu membawa 50 penumpang, termasuk 10 anak, dan 12 awak."
    second = "Pesawat itu membawa 50 penumpang, 7 anak dan 3 bayi, serta 12 awak."
    assert _kinds(tmp_path, first, second) == []


# --- updates of a developing count ----------------------------------------------------------


@BOTH_ORDERS
def test_a_toll_that_rose_by_the_evening_is_an_update_not_an_error(
    tmp_path: Path, swap: bool
) -> None:
    first = "BNPB mencatat 58 orang meninggal dunia akibat gempa tersebut."
    second = "BNPB mencatat 64 orang meninggal dunia akibat gempa tersebut."
    found = _kinds(tmp_path, first, second, published=(NOON, EVENING), swap=swap)
    assert found == [("updated-figure", Severity.INFO)]


def test_an_update_shows_both_times(tmp_path: Path) -> None:
    first = "BNPB mencatat 58 orang meninggal dunia akibat gempa tersebut."
    second = "BNPB mencatat 64 orang meninggal dunia akibat gempa tersebut."
    pair, ctx = _pair(tmp_path, first, second, published=(NOON, EVENING))
    (found,) = detect_updated_figure(pair, ctx)  # type: ignore[arg-type]
    assert "12:10" in found.explanation and "19:40" in found.explanation
    assert ("time", "Monday 21 November 2022, 12:10", "Monday 21 November 2022, 19:40") in [
        (d.aspect, d.claim_value, d.evidence_value) for d in found.differences
    ]


@BOTH_ORDERS
def test_two_counts_as_of_the_same_time_stay_an_error(tmp_path: Path, swap: bool) -> None:
    first = "Hingga pukul 18.00 WIB, BNPB mencatat 27 orang meninggal dunia."
    second = "Hingga pukul 18.00 WIB, BPBD mencatat 29 orang meninggal dunia."
    found = _kinds(tmp_path, first, second, published=(EVENING, EVENING), swap=swap)
    assert found == [("number-drift", Severity.ERROR)]


@BOTH_ORDERS
def test_a_toll_that_fell_hours_later_without_a_correction_is_an_error(
    tmp_path: Path, swap: bool
) -> None:
    first = "Data BPBD mencatat 162 orang meninggal dunia akibat gempa."
    second = "Data BNPB mencatat 62 orang meninggal dunia akibat gempa."
    found = _kinds(tmp_path, first, second, published=(NIGHT, LATE_NIGHT), swap=swap)
    assert found == [("number-drift", Severity.ERROR)]


def test_a_lower_toll_the_next_day_is_taken_for_a_revision(tmp_path: Path) -> None:
    first = "Data BPBD mencatat 174 orang meninggal dunia dalam tragedi itu."
    second = "Data polisi mencatat 125 orang meninggal dunia dalam tragedi itu."
    found = _kinds(tmp_path, first, second, published=(NOON, NEXT_DAY))
    assert found == [("updated-figure", Severity.INFO)]


def test_a_corrected_lower_toll_is_an_update(tmp_path: Path) -> None:
    first = "Polisi menyebut 129 orang meninggal dunia dalam tragedi itu."
    second = "Polisi mengoreksi jumlah korban meninggal dunia menjadi 125 orang setelah verifikasi."
    found = _kinds(tmp_path, first, second, published=(NOON, EVENING))
    assert found == [("updated-figure", Severity.INFO)]


def test_an_update_in_english_across_days(tmp_path: Path) -> None:
    first = "The death toll from the earthquake stands at 162, officials said."
    second = "The death toll from the earthquake has risen to 252, officials said."
    found = _kinds(tmp_path, first, second, published=(EVENING, NEXT_DAY), language="en")
    assert found == [("updated-figure", Severity.INFO)]


def test_a_count_that_is_no_developing_measure_is_never_an_update(tmp_path: Path) -> None:
    first = "Sebanyak 250 personel pemadam kebakaran dikerahkan ke lokasi."
    second = "Sebanyak 260 personel pemadam kebakaran dikerahkan ke lokasi."
    found = _kinds(tmp_path, first, second, published=(NOON, NEXT_DAY))
    assert found == [("number-drift", Severity.ERROR)]


@pytest.mark.parametrize(
    ("second", "expected"),
    [
        # the same statement with another figure, the same day: one report, a slip
        ("BNPB mencatat 31 orang masih hilang akibat gempa tersebut.", "number-drift"),
        # another report of the count, worded apart, the same day: two counts
        (
            "Tim SAR gabungan terus mencari 151 orang yang masih hilang di lokasi longsor.",
            "updated-figure",
        ),
    ],
    ids=["same-statement", "worded-apart"],
)
def test_counts_of_one_day_with_no_time(tmp_path: Path, second: str, expected: str) -> None:
    first = "BNPB mencatat 27 orang masih hilang akibat gempa tersebut."
    found = _kinds(tmp_path, first, second, published=("2022-11-22", "2022-11-22"))
    assert [kind for kind, _ in found] == [expected]


def test_a_claim_that_names_the_revision_itself_is_an_update(tmp_path: Path) -> None:
    first = "At least 174 people were killed in the crush at the stadium, officials said."
    second = "Police revised the death toll from the crush at the stadium to 125 from 174."
    found = _kinds(tmp_path, first, second, published=(NOON, EVENING), language="en")
    assert found == [("updated-figure", Severity.INFO)]
