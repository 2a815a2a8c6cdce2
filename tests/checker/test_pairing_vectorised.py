"""Vectorised pairing (checker/pairing.py) gives exactly the pairs of the per-pair loop it replaced.

The loop is kept in pairing_reference.py. The array version must choose the same pairs with
the same scores (to the bit: ties between candidates break on the score), and count the same
candidates as considered: on the examples, on every real-pattern coverage story alone and all
together, and on a generated corpus of 100 articles where the examples are retold by 20
outlets each, so that many candidates score exactly alike.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest

from checker import pairing
from checker.pairing import PairingOptions, candidate_pairs, claim_terms
from claims.extract import Extraction
from claims.shape import is_checkable
from claims.types import Claim, Span

from .builders import example_extraction, read_and_extract
from .pairing_reference import Found, ReferenceIndex, reference_pairs

ROOT = Path(__file__).parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus import write_corpus  # noqa: E402

COVERAGE = ROOT / "benchmarks" / "coverage"
STORIES = sorted(p for p in COVERAGE.iterdir() if (p / "gold.toml").is_file())


def vectorised_pairs(
    claims: Sequence[Claim], languages: Sequence[str], options: PairingOptions
) -> Found:
    pairs, considered = candidate_pairs(claims, languages, options=options)
    return [(p.claim.id, p.other.id, p.score) for p in pairs], considered


def checked_claims(extraction: Extraction) -> tuple[list[Claim], list[str]]:
    """The claims the pipeline pairs (no headings, tables, stamps) and their languages."""
    languages = {e.article.id: e.article.language for e in extraction.articles}
    claims = [c for c in extraction.claims if is_checkable(c)]
    return claims, [languages[c.article_id] for c in claims]


def generated_claims(count: int, tmp: Path) -> tuple[list[Claim], list[str]]:
    return checked_claims(read_and_extract(write_corpus(tmp / f"generated-{count}", count)))


@cache
def story_claims(story: Path) -> tuple[list[Claim], list[str]]:
    return checked_claims(read_and_extract([story]))


def assert_same_pairs(
    claims: Sequence[Claim], languages: Sequence[str], options: PairingOptions
) -> Found:
    found = vectorised_pairs(claims, languages, options)
    assert found == reference_pairs(claims, languages, options)
    return found


OPTIONS = {
    "default": PairingOptions(),
    "few-terms-short-postings": PairingOptions(query_terms=2, posting_cap=3),
    "top-1-no-measures": PairingOptions(top_k=1, measure_partners=0),
    "keep-every-score": PairingOptions(min_relative_score=0.0, measure_partners=1),
    "flat-bm25": PairingOptions(top_k=8, k1=0.5, b=0.0, min_relative_score=0.5),
}


@pytest.mark.parametrize("options", OPTIONS.values(), ids=OPTIONS.keys())
def test_vectorised_pairs_equal_reference_on_examples(options: PairingOptions) -> None:
    claims, languages = checked_claims(example_extraction())
    pairs, considered = assert_same_pairs(claims, languages, options)
    assert pairs and considered >= len(pairs)


@pytest.mark.parametrize("story", STORIES, ids=[s.name for s in STORIES])
def test_vectorised_pairs_equal_reference_on_coverage_story(story: Path) -> None:
    claims, languages = story_claims(story)
    pairs, _ = assert_same_pairs(claims, languages, PairingOptions())
    assert pairs


def test_vectorised_pairs_equal_reference_on_all_coverage_stories_at_once() -> None:
    """Fourteen stories in two languages as one corpus: idf over both, claims of other
    stories among the candidates."""
    claims: list[Claim] = []
    languages: list[str] = []
    for story in STORIES:
        more, tags = story_claims(story)
        claims += more
        languages += tags
    for options in (PairingOptions(), PairingOptions(query_terms=4, posting_cap=10)):
        assert_same_pairs(claims, languages, options)


@pytest.mark.slow  # extraction of 100 articles and the per-pair loop: about 15 s
def test_vectorised_pairs_equal_reference_on_generated_corpus(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    claims, languages = generated_claims(100, tmp_path_factory.mktemp("corpus"))
    options = PairingOptions()
    pairs, _ = assert_same_pairs(claims, languages, options)
    postings = ReferenceIndex(claims, languages, options).postings.values()
    assert max(len(p) for p in postings) > options.posting_cap  # the cap is reached
    # the examples are retold by 20 outlets each: many pairs score exactly alike
    assert len({score for *_, score in pairs}) < len(pairs) / 2


@pytest.mark.parametrize("block", [1, 3, 64])
def test_vectorised_pairs_do_not_depend_on_block_size(
    block: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    claims, languages = checked_claims(example_extraction())
    options = PairingOptions(query_terms=3, posting_cap=5)
    monkeypatch.setattr(pairing, "_BLOCK", block)
    assert vectorised_pairs(claims, languages, options) == reference_pairs(
        claims, languages, options
    )


def test_vectorised_pairs_claims_without_terms_are_skipped() -> None:
    """A claim of stopwords only has no terms: it scores 0 against itself, finds nothing and
    shares no term by which another claim could find it."""
    texts = {
        "a#1": "Gempa Cianjur menewaskan 162 orang.",
        "a#2": "Itu dan yang.",
        "b#1": "Gempa di Cianjur menewaskan 62 orang.",
        "c#1": "Dan itu yang.",
    }
    claims = [Claim(i, i.split("#")[0], t, Span(0, len(t), 1)) for i, t in texts.items()]
    languages = ["id"] * len(claims)
    assert claim_terms(claims[1], "id") == []
    pairs, _ = assert_same_pairs(claims, languages, PairingOptions())
    assert [(a, b) for a, b, _ in pairs] == [("a#1", "b#1")]


def test_vectorised_pairs_empty_corpus() -> None:
    assert candidate_pairs([], []) == ([], 0)


def test_reference_index_and_claim_index_score_alike() -> None:
    claims, languages = checked_claims(example_extraction())
    options = replace(PairingOptions(), k1=1.5)
    reference = ReferenceIndex(claims, languages, options)
    index = pairing.ClaimIndex(claims, languages, options)
    for i in range(0, len(claims), 7):
        for j in range(0, len(claims), 5):
            assert index.score(i, j) == reference.score(i, j)
        assert index.self_scores[i] == reference.score(i, i)
