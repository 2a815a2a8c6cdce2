"""time-drift (checker/rules/time_drift.py) on claims really extracted from short articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.rules import time_drift
from checker.types import Finding, Severity

from .builders import Story, corpus_findings, extract_stories

DAY = "2023-03-04"


def _findings(tmp_path: Path, first: str, second: str, *, language: str = "id") -> list[Finding]:
    extraction = extract_stories(
        tmp_path,
        Story("a", first, "Kabar Utara", DAY, language),
        Story("b", second, "Warta Kota", DAY, language),
    )
    return corpus_findings(extraction, time_drift.RULE)


@pytest.mark.parametrize(
    ("first", "second", "was", "now"),
    [
        (
            "Gempa terjadi pukul 10.15 WIB dan merusak puluhan rumah di Sukabumi.",
            "Gempa terjadi pukul 11.50 WIB dan merobohkan sekolah di Sukabumi.",
            "pukul 10.15 WIB",
            "pukul 11.50 WIB",
        ),
        (  # one hour apart: the same clock reading on two zones
            "Tarif baru jalan tol berlaku mulai pukul 15.30 WIB pada hari Sabtu.",
            "Tarif baru jalan tol berlaku mulai pukul 15.30 WITA pada hari Sabtu.",
            "pukul 15.30 WIB",
            "pukul 15.30 WITA",
        ),
        (  # the same day, night against the small hours: a day apart
            "Kebakaran melanda gudang pasar pada Sabtu (4/3/2023) malam.",
            "Kebakaran melanda gudang pasar pada Sabtu (4/3/2023) dini hari.",
            "malam",
            "dini hari",
        ),
    ],
)
def test_time_drift_flags_the_same_happening_at_another_time(
    tmp_path: Path, first: str, second: str, was: str, now: str
) -> None:
    (found,) = _findings(tmp_path, first, second)
    assert found.kind == "time-drift" and found.severity is Severity.WARNING
    assert [(d.claim_value, d.evidence_value) for d in found.differences] == [(was, now)]


def test_time_drift_flags_a_clock_time_in_english(tmp_path: Path) -> None:
    (found,) = _findings(
        tmp_path,
        "A strong earthquake struck the island at 2:21 p.m. on Saturday, officials said.",
        "The earthquake struck the island at 1:21 p.m. on Saturday, toppling houses.",
        language="en",
    )
    assert found.differences[0].claim_value == "2:21 p.m."


@pytest.mark.parametrize(
    ("first", "second", "language"),
    [
        # one moment on two clocks
        (
            "Tarif baru jalan tol berlaku mulai pukul 14.30 WIB pada hari Sabtu.",
            "Tarif baru jalan tol berlaku mulai pukul 15.30 WITA pada hari Sabtu.",
            "id",
        ),
        # an approximate time may be a little off
        (
            "Api baru bisa dipadamkan sekitar pukul 02.00 WIB setelah enam jam.",
            "Api baru bisa dipadamkan pukul 02.19 WIB setelah enam jam.",
            "id",
        ),
        # the time a count stood at is no time of the event
        (
            "Hingga pukul 21.00 WIB, BPBD mencatat 40 rumah rusak akibat gempa.",
            "Hingga pukul 23.00 WIB, BPBD mencatat 40 rumah rusak akibat gempa.",
            "id",
        ),
        # with no day named, a night and the small hours may be one night
        (
            "Kebakaran melanda gudang pasar pada malam hari.",
            "Kebakaran melanda gudang pasar pada dini hari.",
            "id",
        ),
        # two happenings of one sentence, each at its own time
        (
            "Pesawat lepas landas pukul 14.36 WIB dan hilang kontak pukul 14.40 WIB.",
            "Menurut menara, pesawat lepas landas pukul 14.36 WIB dari Cengkareng.",
            "id",
        ),
        # "02:36" without am or pm, in a language with both, may be 2:36 pm
        (
            "The plane took off from the capital at 2:36 p.m. in heavy rain.",
            "The plane took off from the capital at 02:36 in heavy rain.",
            "en",
        ),
    ],
)
def test_time_drift_never_flags_times_that_can_both_be_right(
    tmp_path: Path, first: str, second: str, language: str
) -> None:
    assert _findings(tmp_path, first, second, language=language) == []
