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
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from checker.similarity import stopwords
from checker.types import Pair
from claims.lang import load_language
from claims.types import Claim

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class PairingOptions:
    top_k: int = 5
    query_terms: int = 12  # the rarest terms of a claim used to find candidates
    posting_cap: int = 400  # postings read per term; bounds the work per claim
    min_relative_score: float = 0.25  # candidate score / the claim's score against itself
    measure_partners: int = 4  # extra partners per claim that give a figure of the same measure
    k1: float = 1.2
    b: float = 0.75


def claim_terms(claim: Claim, language: str) -> list[str]:
    """Content words, plus entity, number and date terms that survive paraphrase."""
    stop = stopwords(language)
    words = [w.casefold() for w in _WORD.findall(claim.text)]
    terms = [w for w in words if len(w) > 1 and w not in stop and not w.isdigit()]
    terms += [f"ent:{e.canonical.casefold()}" for e in claim.entities]
    terms += [f"num:{n.kind.value}:{n.value:g}" for n in claim.numbers]
    # what a figure counts ("measure:dead"), weighted: claims counting one thing are worth pairing
    terms += [f"measure:{n.measure}" for n in claim.numbers if n.measure] * 3
    terms += [f"date:{d.value.isoformat()}" for d in claim.dates if d.value]
    return terms


class ClaimIndex:
    """BM25 over claims, with an inverted index for candidate generation."""

    def __init__(
        self, claims: Sequence[Claim], languages: Sequence[str], options: PairingOptions
    ) -> None:
        self.claims = claims
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


def measure_pairs(
    claims: Sequence[Claim], languages: Sequence[str], index: ClaimIndex, limit: int
) -> dict[tuple[int, int], float]:
    """For each claim, the best-scoring claim of each other article that gives a figure of the
    same named measure, up to ``limit`` partners, spread over articles."""
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
        for item in ranked:  # best first: the first of each article is its best
            best_per_article.setdefault(claims[item[1]].article_id, item)
        for relative, j in sorted(best_per_article.values(), reverse=True)[:limit]:
            chosen[(min(i, j), max(i, j))] = relative
    return chosen


def candidate_pairs(
    claims: Sequence[Claim], languages: Sequence[str], *, options: PairingOptions | None = None
) -> tuple[list[Pair], int]:
    """Top-k cross-article partners per claim, each unordered pair once, and how many were scored."""
    options = options or PairingOptions()
    index = ClaimIndex(claims, languages, options)
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
    for key, relative in measure_pairs(claims, languages, index, options.measure_partners).items():
        chosen.setdefault(key, relative)
    pairs = [Pair(claims[a], claims[b], score) for (a, b), score in sorted(chosen.items())]
    return pairs, considered
