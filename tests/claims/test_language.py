"""Tests for claims.language: stopword-profile detection, "und" when unsure."""

from __future__ import annotations

from pathlib import Path

import pytest

from claims.lang import available_languages, load_language
from claims.language import detect_language, guess_language


@pytest.mark.parametrize("name", [f"{n:03d}" for n in range(5)])
def test_detect_language_examples_are_indonesian(examples_dir: Path, name: str) -> None:
    (path,) = examples_dir.glob(f"{name}_*.txt")
    assert detect_language(path.read_text(encoding="utf-8")) == "id"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Presiden mengatakan pada hari Rabu bahwa pembicaraan akan dilanjutkan "
            "setelah pertemuan di Beijing.",
            "id",
        ),
        ("Kremlin mengatakan kedua pemimpin sepakat untuk meningkatkan kerja sama.", "id"),
        (
            "The president said on Wednesday that the talks would continue after the "
            "summit in Beijing.",
            "en",
        ),
        ("China claims to be neutral, but its behaviour makes clear it is still investing.", "en"),
    ],
)
def test_detect_language_short_news_sentences(text: str, expected: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t",
        "15/06/2022 21:01 12345 678",
        "Xi Jinping Vladimir Putin Beijing Moskow Kremlin CCTV",  # names only
        "Der Präsident sagte am Mittwoch, dass die Gespräche nach dem Gipfel weitergehen.",
    ],
)
def test_detect_language_unsure_is_und(text: str) -> None:
    assert detect_language(text) == "und"


def test_guess_language_compares_every_language_with_stopwords() -> None:
    with_lists = {code for code in available_languages() if load_language(code).stopwords.words}
    guess = guess_language("Presiden berbicara dengan Putin melalui telepon pada hari Rabu.")
    assert {"id", "en"} <= with_lists
    assert {code for code, _ in guess.shares} == with_lists
    assert guess.shares[0][0] == "id"
    assert "id" in guess.describe() and "words" in guess.describe()


def test_stopword_lists_share_no_word() -> None:
    lists = [load_language(code).stopwords.words for code in available_languages()]
    for i, words in enumerate(lists):
        for other in lists[i + 1 :]:
            assert not words & other
