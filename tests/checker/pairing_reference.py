"""The per-pair pairing loop that checker/pairing.py replaced, kept as the reference.

A dict of term counts per claim, BM25 summed one (query, candidate) pair at a time, exactly as
the loop was before pairing ran on arrays. tests/checker/test_pairing_vectorised.py asserts
that the array version gives the same pairs, scores and count of candidates considered, and
benchmarks/pairing_speed.py times the two. Too slow for large corpora: minutes at 1,000
articles.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence

from checker.pairing import PairingOptions, claim_terms, named_measures, spread_over_articles
from claims.types import Claim

Found = tuple[list[tuple[str, str, float]], int]


class ReferenceIndex:
    """BM25 over claims as the per-pair loop computed it."""

    def __init__(
        self, claims: Sequence[Claim], languages: Sequence[str], options: PairingOptions
    ) -> None:
        self.options = options
        self.terms = [
            Counter(claim_terms(c, lang)) for c, lang in zip(claims, languages, strict=True)
        ]
        self.lengths = [sum(t.values()) for t in self.terms]
        self.average = sum(self.lengths) / max(1, len(self.lengths))
        self.postings: dict[str, list[int]] = defaultdict(list)
        for i, counts in enumerate(self.terms):
            for term in counts:
                self.postings[term].append(i)
        n = len(claims)
        self.idf = {
            t: math.log(1 + (n - len(p) + 0.5) / (len(p) + 0.5)) for t, p in self.postings.items()
        }

    def score(self, query: int, doc: int) -> float:
        k1, b = self.options.k1, self.options.b
        norm = k1 * (1 - b + b * self.lengths[doc] / max(1e-9, self.average))
        doc_terms = self.terms[doc]
        total = 0.0
        for term in self.terms[query]:
            tf = doc_terms.get(term, 0)
            if tf:
                total += self.idf[term] * tf * (k1 + 1) / (tf + norm)
        return total

    def candidates(self, query: int) -> set[int]:
        rare = sorted(self.terms[query], key=lambda t: -self.idf[t])[: self.options.query_terms]
        found: set[int] = set()
        for term in rare:
            found.update(self.postings[term][: self.options.posting_cap])
        return found


def reference_measure_pairs(
    claims: Sequence[Claim], languages: Sequence[str], index: ReferenceIndex, limit: int
) -> dict[tuple[int, int], float]:
    by_measure: dict[str, list[int]] = defaultdict(list)
    measures = [named_measures(c, lang) for c, lang in zip(claims, languages, strict=True)]
    for i, found in enumerate(measures):
        for measure in found:
            by_measure[measure].append(i)
    chosen: dict[tuple[int, int], float] = {}
    for i, claim in enumerate(claims):
        if not measures[i] or limit <= 0:
            continue
        self_score = index.score(i, i) or 1.0
        ranked = sorted(
            {
                (index.score(i, j) / self_score, j)
                for measure in measures[i]
                for j in by_measure[measure][: index.options.posting_cap]
                if claims[j].article_id != claim.article_id
            },
            reverse=True,
        )
        best_per_article: dict[str, tuple[float, int]] = {}
        for item in ranked:
            best_per_article.setdefault(claims[item[1]].article_id, item)
        for relative, j in sorted(best_per_article.values(), reverse=True)[:limit]:
            chosen[(min(i, j), max(i, j))] = relative
    return chosen


def reference_pairs(
    claims: Sequence[Claim], languages: Sequence[str], options: PairingOptions
) -> Found:
    """The per-pair loop: (claim id, claim id, score) of each pair in order, and considered."""
    index = ReferenceIndex(claims, languages, options)
    chosen: dict[tuple[int, int], float] = {}
    considered = 0
    for i, claim in enumerate(claims):
        self_score = index.score(i, i)
        if self_score <= 0:
            continue
        scored = []
        for j in index.candidates(i):
            if claims[j].article_id == claim.article_id:
                continue
            considered += 1
            relative = index.score(i, j) / self_score
            if relative >= options.min_relative_score:
                scored.append((relative, j))
        for relative, j in spread_over_articles(
            sorted(scored, reverse=True), claims, options.top_k
        ):
            key = (min(i, j), max(i, j))
            chosen[key] = max(chosen.get(key, 0.0), relative)
    measured = reference_measure_pairs(claims, languages, index, options.measure_partners)
    for key, relative in measured.items():
        chosen.setdefault(key, relative)
    return [(claims[a].id, claims[b].id, s) for (a, b), s in sorted(chosen.items())], considered
