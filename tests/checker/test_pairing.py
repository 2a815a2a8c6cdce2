"""Candidate pairs (checker/pairing.py): across articles only, once each, top-k, linear growth."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from checker.pairing import (
    ClaimIndex,
    PairingOptions,
    candidate_pairs,
    claim_terms,
    named_measures,
    spread_over_articles,
)
from checker.types import Pair
from claims.extract import Extraction
from claims.types import Claim, Span

from .builders import (
    ID_000,
    ID_002,
    Story,
    claim_with,
    example_extraction,
    extract_stories,
    read_and_extract,
    write_example_copies,
)


def _pairs(extraction: Extraction, options: PairingOptions | None = None) -> tuple[list[Pair], int]:
    claims = list(extraction.claims)
    languages = {e.article.id: e.article.language for e in extraction.articles}
    return candidate_pairs(claims, [languages[c.article_id] for c in claims], options=options)


def _same_measure(pair: Pair) -> bool:
    """Whether a pair gives figures of one named measure (the examples are Indonesian)."""
    return bool(named_measures(pair.claim, "id") & named_measures(pair.other, "id"))


def _chosen_by(
    claims: Sequence[Claim], languages: Sequence[str], options: PairingOptions
) -> set[frozenset[str]]:
    """Reference: each claim's own top-k partners from other articles, by BM25 over the index."""
    index = ClaimIndex(claims, languages, options)
    wanted: set[frozenset[str]] = set()
    for i, claim in enumerate(claims):
        self_score = index.score(i, i)
        if self_score <= 0:
            continue
        others = [j for j in range(len(claims)) if claims[j].article_id != claim.article_id]
        ranked = sorted(((index.score(i, j) / self_score, j) for j in others), reverse=True)
        ranked = [(s, j) for s, j in ranked if s >= options.min_relative_score]
        best_per_article: dict[str, tuple[float, int]] = {}
        for s, j in ranked:
            best_per_article.setdefault(claims[j].article_id, (s, j))
        firsts = sorted(best_per_article.values(), reverse=True)
        rest = [item for item in ranked if item not in firsts]
        wanted |= {frozenset({claim.id, claims[j].id}) for _, j in (firsts + rest)[: options.top_k]}
    return wanted


def test_candidate_pairs_examples_are_across_articles_and_unique() -> None:
    pairs, considered = _pairs(example_extraction())
    assert pairs
    assert all(p.claim.article_id != p.other.article_id for p in pairs)
    keys = [frozenset({p.claim.id, p.other.id}) for p in pairs]
    assert len(set(keys)) == len(keys)
    assert considered >= len(pairs)


@pytest.mark.parametrize("top_k", [1, 2, 5])
def test_candidate_pairs_examples_are_each_claims_top_k(top_k: int) -> None:
    # with every term used as a query term, candidate generation is exhaustive, so the pairs
    # must be exactly the union of each claim's own top-k partners from other articles
    extraction = example_extraction()
    options = PairingOptions(top_k=top_k, query_terms=10_000, measure_partners=0)
    pairs, _ = _pairs(extraction, options)
    claims = list(extraction.claims)
    assert {frozenset({p.claim.id, p.other.id}) for p in pairs} == _chosen_by(
        claims, ["id"] * len(claims), options
    )
    assert len(pairs) <= top_k * len(claims)


@pytest.mark.parametrize("top_k", [1, 2, 5])
def test_candidate_pairs_default_query_terms_bounded_by_top_k(top_k: int) -> None:
    extraction = example_extraction()
    options = PairingOptions(top_k=top_k)
    pairs, _ = _pairs(extraction, options)
    assert 0 < len(pairs) <= (top_k + options.measure_partners) * len(extraction.claims)
    assert all(p.score >= options.min_relative_score or _same_measure(p) for p in pairs)


def test_candidate_pairs_state_department_quotes_are_paired() -> None:
    extraction = example_extraction()
    june = claim_with(extraction, ID_000, "China mengklaim netral")
    december = claim_with(extraction, ID_002, "Beijing mengklaim netral")
    pairs, _ = _pairs(extraction)
    found = [p for p in pairs if {p.claim.id, p.other.id} == {june.id, december.id}]
    assert len(found) == 1
    assert found[0].score >= 0.5


def test_candidate_pairs_one_article_gives_none(tmp_path: Path) -> None:
    body = "\n\n".join(
        [
            "Presiden Xi Jinping berbicara dengan Presiden Vladimir Putin melalui telepon.",
            "Presiden Xi Jinping berbicara lagi dengan Presiden Vladimir Putin melalui telepon.",
        ]
    )
    pairs, considered = _pairs(extract_stories(tmp_path, Story("a", body, "Kontan")))
    assert pairs == [] and considered == 0


def test_candidate_pairs_unrelated_claims_not_paired(tmp_path: Path) -> None:
    extraction = extract_stories(
        tmp_path,
        Story(
            "a",
            "Presiden Xi Jinping berbicara dengan Presiden Vladimir Putin melalui telepon.",
            "Kontan",
        ),
        Story(
            "b",
            "Harga beras di pasar tradisional Surabaya naik tajam menjelang hari raya.",
            "Tempo",
        ),
    )
    assert _pairs(extraction) == ([], 0)


def test_claim_terms_carry_entities_numbers_and_dates() -> None:
    extraction = example_extraction()
    claim = claim_with(extraction, ID_002, "Komentar itu dikeluarkan")
    terms = claim_terms(claim, "id")
    assert "date:2022-12-30" in terms
    assert "ent:us state department" in terms
    assert "itu" not in terms  # a stopword


@pytest.mark.parametrize("copies", [1, 2, 4], ids=["5-articles", "10-articles", "20-articles"])
def test_candidate_pairs_grow_linearly_with_copies(tmp_path: Path, copies: int) -> None:
    options = PairingOptions()
    extraction = read_and_extract(write_example_copies(tmp_path, copies))
    assert len(extraction.articles) == 5 * copies
    pairs, _ = _pairs(extraction, options)
    claims = len(extraction.claims)
    # each claim keeps at most top_k partners (and a few of the same measure): pairs per
    # claim is bounded, whatever N is
    assert len(pairs) / claims <= options.top_k + options.measure_partners
    assert all(p.claim.article_id != p.other.article_id for p in pairs)
    if copies > 1:  # a copy's claims have partners in every other copy of the same article
        assert len(pairs) / claims >= 1.0


def test_spread_over_articles_takes_each_outlets_best_before_a_second_partner() -> None:
    """An outlet that tells a fact twice (lead and body) must not take every slot from the
    outlet that gives a different figure."""
    texts = {
        "b#1": "Gempa Cianjur menewaskan 162 orang, kata Gubernur Ridwan Kamil Senin.",
        "b#2": "Gubernur Ridwan Kamil: gempa Cianjur menewaskan 162 orang.",
        "c#1": "Gempa di Cianjur menewaskan 62 orang, menurut Ridwan Kamil.",
    }
    claims = [Claim(i, i.split("#")[0], t, Span(0, len(t), 1)) for i, t in texts.items()]
    ranked = [(0.9, 0), (0.8, 1), (0.5, 2)]
    assert spread_over_articles(ranked, claims, 2) == [(0.9, 0), (0.5, 2)]
    assert spread_over_articles(ranked, claims, 3) == [(0.9, 0), (0.5, 2), (0.8, 1)]
    assert spread_over_articles(ranked, claims, 1) == [(0.9, 0)]


def test_two_accounts_of_one_figure_are_paired_though_worded_apart(tmp_path: Path) -> None:
    # real pattern (Marapi, 2023): the climbers on the mountain, 70 from the booking system in
    # one outlet and 75 from the rescue agency in another, in sentences sharing few words
    extraction = extract_stories(
        tmp_path,
        Story(
            "a",
            "Menurut data pendaftaran daring, total pendaki tercatat 70 orang pada hari itu. "
            "Tim SAR gabungan terus menyisir jalur pendakian di lereng selatan.",
        ),
        Story(
            "b",
            "Kepala Basarnas Padang menyebut ada 75 pendaki yang berada di gunung saat erupsi "
            "terjadi. Cuaca buruk menghambat proses evakuasi sepanjang sore.",
        ),
    )
    seventy = claim_with(extraction, "a", "70 orang")
    seventy_five = claim_with(extraction, "b", "75 pendaki")
    without, _ = _pairs(extraction, PairingOptions(measure_partners=0))
    pairs, _ = _pairs(extraction)
    wanted = frozenset({seventy.id, seventy_five.id})
    assert wanted not in {frozenset({p.claim.id, p.other.id}) for p in without}
    assert wanted in {frozenset({p.claim.id, p.other.id}) for p in pairs}


def _retold(articles: int, text: str) -> list[Claim]:
    """The same sentence in ``articles`` articles, one claim each."""
    return [Claim(f"a{i}#1", f"a{i}", text, Span(0, len(text), 1)) for i in range(articles)]


def test_candidate_pairs_equal_scores_keep_the_later_claims() -> None:
    # every partner scores 1.0: ties break on the claim, later first, as sorted(reverse=True)
    claims = _retold(7, "Gempa Cianjur menewaskan warga desa Sukamaju.")
    options = PairingOptions(top_k=2, measure_partners=0)
    pairs, considered = candidate_pairs(claims, ["id"] * len(claims), options=options)
    wanted = {
        frozenset({i, j})
        for i in range(len(claims))
        for j in sorted(set(range(len(claims))) - {i})[-options.top_k :]
    }
    assert {
        frozenset({int(p.claim.article_id[1:]), int(p.other.article_id[1:])}) for p in pairs
    } == wanted
    assert all(p.score == 1.0 for p in pairs)
    assert considered == len(claims) * (len(claims) - 1)


def test_candidate_pairs_posting_cap_limits_the_claims_read_per_term() -> None:
    # one posting list per term, all alike: only the first posting_cap claims are ever read
    claims = _retold(9, "Gempa Cianjur menewaskan warga desa Sukamaju.")
    options = PairingOptions(posting_cap=3, measure_partners=0)
    pairs, considered = candidate_pairs(claims, ["id"] * len(claims), options=options)
    first = {c.id for c in claims[: options.posting_cap]}
    assert all(p.claim.id in first or p.other.id in first for p in pairs)
    # each claim reads the first three; a claim among them skips itself
    assert considered == options.posting_cap * len(claims) - options.posting_cap
