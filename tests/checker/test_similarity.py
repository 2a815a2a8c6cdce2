"""Statement similarity (checker/similarity.py): content words without dates and numbers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from checker.similarity import content_words, jaccard, overlap
from claims.extract import Extraction

from .builders import Story, claim_with, day_in, entity_in, extract_stories, make_claim, number_in

AID_CHINA = "China mengumumkan bantuan senilai US$ 1 miliar untuk Rusia pada Rabu (15/6/2022)."
AID_BEIJING = "Beijing mengumumkan bantuan senilai US$ 2 miliar untuk Rusia pada Kamis (16/6/2022)."
WHEAT = "Tiongkok mengirim 5.000 ton gandum ke Moskow pekan lalu."


@pytest.fixture(scope="module")
def aid(tmp_path_factory: pytest.TempPathFactory) -> Extraction:
    body = "\n\n".join([AID_CHINA, AID_BEIJING, WHEAT])
    return extract_stories(tmp_path_factory.mktemp("aid"), Story("a", body, "Kontan", "2022-06-17"))


def _words(extraction: Extraction, snippet: str) -> frozenset[str]:
    return content_words(claim_with(extraction, "a", snippet), "id")


@pytest.mark.parametrize(
    ("snippet", "absent"),
    [
        ("China mengumumkan", {"rabu", "miliar", "us", "1", "15", "2022"}),
        ("Beijing mengumumkan", {"kamis", "miliar", "beijing", "rusia"}),
        ("Tiongkok mengirim", {"tiongkok", "moskow", "000"}),
    ],
)
def test_content_words_leave_out_dates_numbers_and_entity_names(
    aid: Extraction, snippet: str, absent: set[str]
) -> None:
    words = _words(aid, snippet)
    assert not words & absent
    assert {"ent:china", "ent:russia"} <= words


def test_content_words_aliases_are_one_term(aid: Extraction) -> None:
    # China/Beijing and 1/2 billion, 15/16 June: as statements, only the date and figure differ
    assert _words(aid, "China mengumumkan") == _words(aid, "Beijing mengumumkan")
    assert _words(aid, "China mengumumkan") == {
        "mengumumkan",
        "bantuan",
        "senilai",
        "ent:china",
        "ent:russia",
    }


@pytest.mark.parametrize("language", ["id", "en", "und"])
def test_content_words_drop_stopwords_and_single_letters(language: str) -> None:
    text = "Dia dan the a x menolak bahwa perang itu berat"
    words = content_words(make_claim(text), language)
    assert "x" not in words
    assert {"menolak", "perang", "berat"} <= words
    if language == "id":
        assert not words & {"dan", "bahwa", "itu"}
    if language == "en":
        assert "the" not in words


def test_content_words_mask_uses_article_offsets() -> None:
    # mentions carry article offsets; the claim starts at 500, not 0
    text = "Putin menelepon Beijing pada 15 Juni tentang 300 tank"
    start = 500
    claim = make_claim(
        text,
        start=start,
        dates=(day_in(text, "15 Juni", date(2022, 6, 15), start=start),),
        numbers=(number_in(text, "300", 300, start=start),),
        entities=(),
    )
    words = content_words(claim, "id")
    assert not words & {"15", "juni", "300"}
    assert {"putin", "menelepon", "beijing", "tank"} <= words


def test_content_words_entity_alias_counts_once() -> None:
    text = "Beijing dan Tiongkok membantah laporan itu"
    claim = make_claim(
        text,
        entities=(entity_in(text, "Beijing", "China"), entity_in(text, "Tiongkok", "China")),
    )
    words = content_words(claim, "id")
    assert "ent:china" in words
    assert not words & {"beijing", "tiongkok"}


SETS = {
    "empty": frozenset(),
    "abc": frozenset("abc"),
    "ab": frozenset("ab"),
    "xyz": frozenset("xyz"),
    "abcd": frozenset("abcd"),
}


@pytest.mark.parametrize(
    ("left", "right", "expected_overlap", "expected_jaccard"),
    [
        ("empty", "empty", 0.0, 0.0),
        ("empty", "abc", 0.0, 0.0),
        ("abc", "abc", 1.0, 1.0),
        ("ab", "abcd", 1.0, 0.5),  # one inside the other: overlap says "same", jaccard does not
        ("abc", "xyz", 0.0, 0.0),
        ("abc", "abcd", 1.0, 0.75),
        ("ab", "abc", 1.0, 2 / 3),
    ],
)
def test_overlap_and_jaccard_edge_cases(
    left: str, right: str, expected_overlap: float, expected_jaccard: float
) -> None:
    a, b = SETS[left], SETS[right]
    assert overlap(a, b) == pytest.approx(expected_overlap)
    assert overlap(b, a) == pytest.approx(expected_overlap)
    assert jaccard(a, b) == pytest.approx(expected_jaccard)
    assert jaccard(b, a) == pytest.approx(expected_jaccard)


def test_overlap_partial_is_shared_over_smaller() -> None:
    assert overlap(frozenset("abcd"), frozenset("cdefgh")) == pytest.approx(2 / 4)
    assert jaccard(frozenset("abcd"), frozenset("cdefgh")) == pytest.approx(2 / 8)


def test_content_words_real_paraphrase_overlaps(tmp_path: Path) -> None:
    first = "Kedua pemimpin sepakat untuk meningkatkan kerja sama ekonomi dalam menghadapi sanksi Barat."
    second = "Kedua pemimpin sepakat meningkatkan kerja sama ekonomi untuk menghadapi sanksi Barat yang melanggar hukum."
    other = "Harga beras di pasar tradisional Surabaya naik tajam menjelang hari raya."
    extraction = extract_stories(
        tmp_path, Story("a", "\n\n".join([first, second, other]), "Kontan")
    )
    a, b, c = (_words(extraction, s) for s in (first[:-1], second[:-1], other[:-1]))
    assert overlap(a, b) >= 0.8
    assert overlap(a, c) == 0.0
