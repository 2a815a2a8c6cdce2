"""location-drift (checker/rules/location_drift.py) on claims really extracted from short articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.rules import location_drift
from checker.types import Finding, Severity

from .builders import Story, corpus_findings, extract_stories

DAY = "2024-03-24"


def _findings(tmp_path: Path, first: str, second: str) -> list[Finding]:
    extraction = extract_stories(
        tmp_path,
        Story("a", first, "Kabar Bandung", DAY),
        Story("b", second, "Warta Priangan", DAY),
    )
    return corpus_findings(extraction, location_drift.RULE)


@pytest.mark.parametrize(
    ("first", "second", "was", "now"),
    [
        (  # one village, two districts
            "Longsor menimbun rumah warga di Desa Cibenda, Kecamatan Cipongkor, Minggu pagi.",
            "Tim SAR mencari korban longsor di Desa Cibenda, Kecamatan Cililin, sejak Minggu.",
            "Cibenda in Cipongkor (district)",
            "Cibenda in Cililin (district)",
        ),
        (  # a city and a regency of one name are two places
            "Laga itu digelar di Stadion Si Jalak Harupat, Kabupaten Bandung, Minggu malam.",
            "Ribuan suporter memadati Stadion Si Jalak Harupat, Kota Bandung, Minggu malam.",
            "Si Jalak Harupat in Bandung (regency)",
            "Si Jalak Harupat in Bandung (city)",
        ),
    ],
)
def test_location_drift_flags_a_place_put_within_two_places(
    tmp_path: Path, first: str, second: str, was: str, now: str
) -> None:
    (found,) = _findings(tmp_path, first, second)
    assert found.kind == "location-drift" and found.severity is Severity.WARNING
    assert [(d.claim_value, d.evidence_value) for d in found.differences] == [(was, now)]


def test_location_drift_flags_the_same_statement_in_another_building(tmp_path: Path) -> None:
    (found,) = _findings(
        tmp_path,
        "Presiden melantik tiga menteri baru dalam upacara di Istana Negara, Jakarta, Minggu.",
        "Presiden melantik tiga menteri baru dalam upacara di Istana Bogor, Jawa Barat, Minggu.",
    )
    assert [(d.claim_value, d.evidence_value) for d in found.differences] == [
        ("Istana Negara", "Istana Bogor")
    ]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # more specific, not elsewhere: a village within the district the other names
        (
            "Longsor menimbun rumah warga di Desa Cibenda, Kecamatan Cipongkor, Minggu pagi.",
            "Longsor menimbun rumah warga di Kecamatan Cipongkor, Minggu pagi.",
        ),
        # two statements, two buildings
        (
            "Presiden melantik tiga menteri baru dalam upacara di Istana Negara, Jakarta.",
            "Sore harinya Presiden menerima duta besar Jepang di Istana Bogor, Jawa Barat.",
        ),
        # places of no stated kind never compare: the highest and the lowest are two statements
        (
            "Menurut BPS, harga beras tertinggi tercatat di Manokwari pada Maret.",
            "Menurut BPS, harga beras terendah tercatat di Pangkalpinang pada Maret.",
        ),
        # one name written longer or shorter is one place
        (
            "Lapas Kelas I Cipinang dihuni 3.000 warga binaan menurut data terbaru.",
            "Lapas Cipinang dihuni 3.000 warga binaan menurut data terbaru kementerian.",
        ),
    ],
)
def test_location_drift_never_flags_a_more_specific_or_another_statement(
    tmp_path: Path, first: str, second: str
) -> None:
    assert _findings(tmp_path, first, second) == []


def test_location_drift_lets_an_article_that_names_both_versions_stand(tmp_path: Path) -> None:
    found = _findings(
        tmp_path,
        "Tim SAR mencari korban di Desa Cibenda, Kecamatan Cipongkor. Desa Cibenda, Kecamatan "
        "Cililin, juga terdampak.",
        "Tim SAR mencari korban longsor di Desa Cibenda, Kecamatan Cililin, sejak Minggu.",
    )
    assert found == []
