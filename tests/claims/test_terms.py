"""Tests for claims.terms: the word patterns, content-word sets and overlap measures."""

from __future__ import annotations

import pytest

from claims.terms import TOKEN, WORD, content_words, jaccard, overlap, words


def test_words_are_casefolded_letter_runs() -> None:
    assert words("Covid-19 melanda G20, kata WHO.") == ["covid", "melanda", "g", "kata", "who"]
    assert words("Xi dan Putin berbicara", min_letters=4) == ["putin", "berbicara"]


def test_word_keeps_apostrophes_inside_and_token_keeps_digits() -> None:
    assert WORD.findall("don't Jum’at 'quoted'") == ["don't", "Jum’at", "quoted"]
    assert TOKEN.findall("G20, Covid-19!") == ["G20", "Covid", "19"]


def test_content_words_drop_stopwords_and_single_letters() -> None:
    found = content_words("Xi dan Putin berbicara di Beijing, a b", frozenset({"dan", "di"}))
    assert found == {"xi", "putin", "berbicara", "beijing"}


@pytest.mark.parametrize(
    ("a", "b", "expected_overlap", "expected_jaccard"),
    [
        ({"a", "b"}, {"a", "b", "c", "d"}, 1.0, 0.5),
        ({"a", "b", "c"}, {"c", "d"}, 0.5, 0.25),
        ({"a"}, {"b"}, 0.0, 0.0),
        (set(), {"a"}, 0.0, 0.0),
        (set(), set(), 0.0, 0.0),
    ],
)
def test_overlap_and_jaccard(
    a: set[str], b: set[str], expected_overlap: float, expected_jaccard: float
) -> None:
    assert overlap(a, b) == expected_overlap
    assert jaccard(frozenset(a), frozenset(b)) == expected_jaccard
