"""Candidate pairs across articles: BM25 over content words, entities, numbers and dates.

Each claim is compared only with the claims that share one of its rarest terms (an inverted
index, with each posting list read up to a cap), and keeps its top-k partners from other
articles. Pairs therefore grow linearly with the corpus, not quadratically.

The top-k are spread over outlets: a claim first keeps its best partner in each of the other
articles (best articles first), and only then a second partner from the same article. On real
coverage one outlet often tells a fact twice (lead and body), and plain top-k spent every slot
on that outlet, so the outlet that gave a different figure was never compared.

Claims that give a figure of one named measure ("the dead", "climbers", "pertalite") are also
paired across articles whatever else they say: "total pendaki tercatat 70 orang" and "ada 75
pendaki yang berada di gunung" share too few words for BM25, but they are the two accounts of
one figure that an editor wants compared. Each claim keeps its best such partner per measure
and other article, at most ``measure_partners`` in all, so this also grows linearly.

All of it runs on arrays, a block of query claims at a time (checker/claim_index.py): the
candidates of a block are gathered, deduplicated, scored and ranked together. The pairs and
scores are those of the per-pair loop this replaced, to the bit
(tests/checker/test_pairing_vectorised.py keeps that loop to compare).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from checker.claim_index import (
    ClaimIndex,
    Floats,
    Ints,
    Rows,
    Slots,
    claim_terms,
    distinct,
    firsts,
    ranges,
    runs,
)
from checker.types import Pair
from claims.lang import load_language
from claims.types import Claim

__all__ = [
    "ClaimIndex",
    "PairingOptions",
    "candidate_pairs",
    "claim_terms",
    "named_measures",
    "spread_over_articles",
]

_BLOCK = 64  # query claims handled together
_SCRATCH = 1 << 23  # slots per block: (query, claim) int32 and (query, term) positions

Mask = npt.NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class PairingOptions:
    top_k: int = 5
    query_terms: int = 12  # the rarest terms of a claim used to find candidates
    posting_cap: int = 400  # postings read per term; bounds the work per claim
    min_relative_score: float = 0.25  # candidate score / the claim's score against itself
    measure_partners: int = 4  # extra partners per claim that give a figure of the same measure
    k1: float = 1.2
    b: float = 0.75


def spread_over_articles(
    ranked: Sequence[tuple[float, int]], claims: Sequence[Claim], top_k: int
) -> list[tuple[float, int]]:
    """Up to ``top_k`` of ``ranked`` (best first): the best of each article first, then the rest."""
    firsts: list[tuple[float, int]] = []
    rest: list[tuple[float, int]] = []
    seen: set[str] = set()
    for item in ranked:
        article = claims[item[1]].article_id
        (rest if article in seen else firsts).append(item)
        seen.add(article)
    return (firsts + rest)[:top_k]


def named_measures(claim: Claim, language: str) -> set[str]:
    """The measures a claim gives a whole figure of, named by a measure word of its language
    or by a name ("pertalite"); bare nouns ("suara") may count different things."""
    known = load_language(language).numbers.measures
    return {
        n.measure
        for n in claim.numbers
        if n.measure and (n.measure in known or (n.scope and n.measure == " ".join(n.scope)))
    }


@dataclass(frozen=True, slots=True)
class Chosen:
    """Partners chosen by query claims: (query, partner, relative score), queries ascending."""

    queries: Ints
    partners: Ints
    scores: Floats

    @classmethod
    def join(cls, parts: Sequence[tuple[Ints, Ints, Floats]]) -> Chosen:
        if not parts:
            return cls(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0))
        return cls(*(np.concatenate(column) for column in zip(*parts, strict=True)))

    def keys(self, n: int) -> Ints:
        """Each pair as one number, the same whichever claim chose it."""
        low, high = np.minimum(self.queries, self.partners), np.maximum(self.queries, self.partners)
        return low * n + high


class _Blocks:
    """Query claims in blocks, with the scratch a block needs (allocated once)."""

    def __init__(self, index: ClaimIndex) -> None:
        self.index = index
        self.n = len(index.claims)
        self.size = max(1, min(_BLOCK, _SCRATCH // max(1, self.n, len(index.idf))))
        self.slots: Slots = np.zeros(self.size * self.n, dtype=np.int32)
        self.table = index.position_table(self.size)

    def __iter__(self) -> Iterator[Ints]:
        for start in range(0, self.n, self.size):
            yield np.arange(start, min(self.n, start + self.size))

    def candidates(self, queries: Ints, lists: Rows, keys: Ints, owner: Ints) -> tuple[Ints, Ints]:
        """Each query with the claims of other articles in the first ``posting_cap`` of the
        ``lists`` of its ``keys`` (``owner``: the query's index in ``queries``), once each."""
        lengths = np.minimum(lists.lengths(keys), self.index.options.posting_cap)
        local = np.repeat(owner, lengths)
        docs = lists.ids[ranges(lists.indptr[keys], lengths)]
        kept = firsts(local, docs, self.n, self.slots)
        found, docs = queries[local[kept]], docs[kept]
        other = self.index.articles[found] != self.index.articles[docs]
        return found[other], docs[other]

    def scores(self, queries: Ints, docs: Ints) -> Floats:
        """``score(q, d)`` for each pair, each query scored once per distinct doc text."""
        kept, pair_of = distinct(queries, self.index.alike[docs], self.index.kinds, self.slots)
        return self.index.pair_scores(queries[kept], docs[kept], self.table)[pair_of]

    def ranked(self, queries: Ints, docs: Ints, relative: Floats) -> Ints:
        """The order of distinct (query, doc) items by query, then best first as
        ``sorted((score, doc), reverse=True)`` ranks them: one sort of a key (query, score
        level, doc), below (queries in the block * claims) ** 2, so within 64 bits."""
        if len(queries) == 0:
            return queries
        levels, level = np.unique(relative, return_inverse=True)
        worse = len(levels) - 1 - level  # 0 for the best score
        key = ((queries - queries.min()) * len(levels) + worse) * self.n + (self.n - 1 - docs)
        return np.argsort(key)

    def first_per_article(self, queries: Ints, docs: Ints) -> Mask:
        """For ranked items: whether each is the first of its (query, article)."""
        if len(queries) == 0:
            return np.zeros(0, dtype=np.bool_)
        articles = self.index.articles
        keys = (queries - queries.min()) * (int(articles.max()) + 1) + articles[docs]
        numbers = np.arange(len(keys), dtype=np.int32)
        self.slots[keys] = len(keys)
        np.minimum.at(self.slots, keys, numbers)
        return self.slots[keys] == numbers


def _rank_in_runs(groups: Ints, chosen: Mask) -> tuple[Ints, Ints]:
    """For sorted ``groups``: each item's rank among the chosen items of its run (meaningful
    where chosen), and how many items of its run are chosen."""
    first, last = runs(groups)
    upto: Ints = np.cumsum(chosen, dtype=np.int64)  # chosen items up to and including each
    before: Ints = upto[first] - chosen[first]
    return upto - before - 1, upto[last] - before


def _spread_top_k(
    blocks: _Blocks, queries: Ints, docs: Ints, relative: Floats
) -> tuple[Ints, Ints, Floats]:
    """Per query, :func:`spread_over_articles` of its candidates ranked best first."""
    order = blocks.ranked(queries, docs, relative)
    queries, docs, relative = queries[order], docs[order], relative[order]
    first = blocks.first_per_article(queries, docs)
    rank_first, articles = _rank_in_runs(queries, first)
    rank_rest, _ = _rank_in_runs(queries, ~first)
    top_k = blocks.index.options.top_k
    kept = np.where(first, rank_first < top_k, rank_rest < top_k - articles)
    return queries[kept], docs[kept], relative[kept]


def _bm25_partners(blocks: _Blocks) -> tuple[Chosen, int]:
    """Each claim's top-k partners by relative BM25 among its candidates, and how many
    candidates were scored."""
    index, options = blocks.index, blocks.index.options
    parts, considered = [], 0
    for block in blocks:
        queries = block[index.self_scores[block] > 0]
        owner, terms = index.rarest_terms(queries)
        found, docs = blocks.candidates(queries, index.postings, terms, owner)
        considered += len(found)
        relative = blocks.scores(found, docs) / index.self_scores[found]
        kept = relative >= options.min_relative_score
        parts.append(_spread_top_k(blocks, found[kept], docs[kept], relative[kept]))
    return Chosen.join(parts), considered


def _measure_partners(blocks: _Blocks, languages: Sequence[str], limit: int) -> Chosen:
    """For each claim, the best-scoring claim of each other article that gives a figure of the
    same named measure, up to ``limit`` partners, spread over articles."""
    if limit <= 0:
        return Chosen.join([])
    index, names = blocks.index, dict[str, int]()
    measures = Rows.of(
        [
            [names.setdefault(m, len(names)) for m in sorted(named_measures(c, lang))]
            for c, lang in zip(index.claims, languages, strict=True)
        ]
    )
    by_measure = measures.transposed(len(names))
    parts = []
    for block in blocks:
        owner, entries = measures.entries(block)
        found, docs = blocks.candidates(block, by_measure, measures.ids[entries], owner)
        self_scores = index.self_scores[found]
        relative = blocks.scores(found, docs) / np.where(self_scores == 0, 1.0, self_scores)
        order = blocks.ranked(found, docs, relative)
        found, docs, relative = found[order], docs[order], relative[order]
        best = blocks.first_per_article(found, docs)
        kept = best & (_rank_in_runs(found, best)[0] < limit)
        parts.append((found[kept], docs[kept], relative[kept]))
    return Chosen.join(parts)


def _last_of_runs(groups: Ints) -> Mask:
    """For sorted ``groups``: True at the last item of each run of equal values."""
    return np.concatenate([groups[1:] != groups[:-1], [True]]) if len(groups) else groups == 0


def _merge(bm25: Chosen, measured: Chosen, n: int) -> tuple[Ints, Floats]:
    """Each chosen pair once, keyed as :meth:`Chosen.keys`: a pair both claims chose keeps
    the higher BM25 score; a same-measure pair BM25 did not choose keeps the score of the
    later claim that chose it."""
    keys = bm25.keys(n)
    order = np.lexsort((bm25.scores, keys))
    last = _last_of_runs(keys[order])
    keys, scores = keys[order][last], bm25.scores[order][last]
    extra = measured.keys(n)
    order = np.lexsort((measured.queries, extra))
    last = _last_of_runs(extra[order])
    extra, extra_scores = extra[order][last], measured.scores[order][last]
    new = ~np.isin(extra, keys, assume_unique=True)
    keys = np.concatenate([keys, extra[new]])
    order = np.argsort(keys)
    return keys[order], np.concatenate([scores, extra_scores[new]])[order]


def candidate_pairs(
    claims: Sequence[Claim], languages: Sequence[str], *, options: PairingOptions | None = None
) -> tuple[list[Pair], int]:
    """Top-k cross-article partners per claim, each unordered pair once, and how many were scored."""
    options = options or PairingOptions()
    blocks = _Blocks(ClaimIndex(claims, languages, options))
    bm25, considered = _bm25_partners(blocks)
    measured = _measure_partners(blocks, languages, options.measure_partners)
    keys, scores = _merge(bm25, measured, len(claims))
    low, high = np.divmod(keys, max(1, len(claims)))
    pairs = [
        Pair(claims[a], claims[b], score)
        for a, b, score in zip(low.tolist(), high.tolist(), scores.tolist(), strict=True)
    ]
    return pairs, considered
