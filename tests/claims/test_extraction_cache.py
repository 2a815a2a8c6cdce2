"""Claims kept between runs: found again only for an unchanged article, language data and code."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

from claims.extract import extract_corpus
from claims.extraction_cache import (
    CachedExtraction,
    claims_key,
    data_fingerprint,
    decode_claims,
    encode_claims,
)
from claims.ingest import read_inputs
from claims.serialize import from_jsonable, to_jsonable
from claims.types import Article, Claim, Corpus

ROOT = Path(__file__).parents[2]
EXAMPLES = ROOT / "examples"


class DictStore:
    """An in-memory ClaimStore that counts reads and writes."""

    def __init__(self) -> None:
        self.values: dict[bytes, bytes] = {}
        self.reads = 0
        self.writes = 0

    def get_claims(self, keys: Sequence[bytes]) -> Mapping[bytes, bytes]:
        self.reads += 1
        return {k: self.values[k] for k in keys if k in self.values}

    def put_claims(self, values: Mapping[bytes, bytes]) -> None:
        self.writes += 1
        self.values.update(values)


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return read_inputs([str(EXAMPLES)])


def test_every_claim_of_the_examples_survives_the_round_trip(corpus: Corpus) -> None:
    found = extract_corpus(corpus).claims
    assert any(c.quote for c in found) and any(c.numbers for c in found)
    assert any(d.value for c in found for d in c.dates)
    back = decode_claims(encode_claims(found))
    assert back == found
    assert all(isinstance(c, Claim) for c in back)


def test_from_jsonable_restores_dates_enums_and_optional_fields(corpus: Corpus) -> None:
    article = corpus.articles[0]
    assert article.published is not None
    assert from_jsonable(Article, json.loads(json.dumps(to_jsonable(article)))) == article


def test_a_second_run_extracts_nothing_and_gives_the_same_claims(
    corpus: Corpus, extractions: list[str]
) -> None:
    store = DictStore()
    first = extract_corpus(corpus, cache=CachedExtraction(store))
    assert len(extractions) == len(corpus.articles)
    extractions.clear()
    cache = CachedExtraction(store)
    second = extract_corpus(corpus, cache=cache)
    assert extractions == []
    assert second.claims == first.claims
    assert cache.hits == len(corpus.articles) and cache.misses == 0
    assert store.reads == 2  # one query per run, not one per article


def test_only_the_edited_article_is_extracted_again(corpus: Corpus, extractions: list[str]) -> None:
    store = DictStore()
    extract_corpus(corpus, cache=CachedExtraction(store))
    extractions.clear()
    edited = corpus.articles[2]
    changed = dataclasses.replace(edited, text=edited.text.replace("2022", "2023", 1))
    articles = tuple(changed if a is edited else a for a in corpus.articles)
    rerun = extract_corpus(
        dataclasses.replace(corpus, articles=articles), cache=CachedExtraction(store)
    )
    assert extractions == [edited.id]
    fresh = extract_corpus(dataclasses.replace(corpus, articles=articles))
    assert rerun.claims == fresh.claims


def test_other_language_data_or_another_anchor_gives_another_key(
    corpus: Corpus, tmp_path: Path
) -> None:
    clean = extract_corpus(corpus).articles[0].clean
    (tmp_path / "id").mkdir()
    (tmp_path / "id" / "outlets.toml").write_text("[outlets]\n", encoding="utf-8")
    own = data_fingerprint(tmp_path)
    assert own and own != data_fingerprint(None)
    keys = {
        claims_key(clean, None, ""),
        claims_key(clean, None, own),
        claims_key(clean, clean.article.published.date() if clean.article.published else None, ""),
    }
    assert len(keys) == 3
    (tmp_path / "id" / "outlets.toml").write_text("[outlets]\n# edited\n", encoding="utf-8")
    assert data_fingerprint(tmp_path) != own


def test_a_value_that_does_not_decode_is_extracted_again(
    corpus: Corpus, extractions: list[str]
) -> None:
    store = DictStore()
    extract_corpus(corpus, cache=CachedExtraction(store))
    for key in store.values:
        store.values[key] = b'{"not": "claims"}'
    extractions.clear()
    rerun = extract_corpus(corpus, cache=CachedExtraction(store))
    assert len(extractions) == len(corpus.articles)
    assert rerun.claims == extract_corpus(corpus).claims
