"""BM25 over claims as arrays, for candidate pairing (checker/pairing.py).

Each claim's distinct terms are kept in first-seen order with their BM25 weights (a ragged
table of rows), beside an inverted index from terms to claims. Scores of many (query, claim)
pairs are computed together, a block of query claims at a time: a Python loop per pair took
minutes at 1,000 articles.

Every score is summed term by term in the query's term order, as :meth:`ClaimIndex.score`
does, so that it is the same float whatever the block: candidates whose scores tie must tie
here too, since ties break on the score and then on the claim.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from checker.similarity import stopwords
from claims.types import Claim

if TYPE_CHECKING:
    from checker.pairing import PairingOptions

_WORD = re.compile(r"[^\W_]+", re.UNICODE)

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
Positions = npt.NDArray[np.signedinteger[Any]]  # (query, term) -> position, -1 when absent
Slots = npt.NDArray[np.int32]


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


def ranges(starts: Ints, lengths: Ints) -> Ints:
    """``arange(start, start + length)`` for each pair, end to end."""
    shift = starts - np.cumsum(lengths) + lengths
    return np.repeat(shift, lengths) + np.arange(int(lengths.sum()))


@dataclass(frozen=True, slots=True)
class Rows:
    """A ragged table: row ``i`` is ``ids[indptr[i]:indptr[i + 1]]`` (compressed sparse rows)."""

    indptr: Ints
    ids: Ints

    @classmethod
    def of(cls, rows: Sequence[Sequence[int]]) -> Rows:
        lengths = np.fromiter((len(r) for r in rows), dtype=np.int64, count=len(rows))
        ids = np.fromiter((i for r in rows for i in r), dtype=np.int64, count=int(lengths.sum()))
        return cls(np.concatenate([[0], np.cumsum(lengths)]), ids)

    def lengths(self, rows: Ints | slice = slice(None)) -> Ints:
        return self.indptr[1:][rows] - self.indptr[:-1][rows]

    def entries(self, rows: Ints, cap: int | None = None) -> tuple[Ints, Ints]:
        """For each entry of the given rows (the first ``cap`` of each): the index of its row
        in ``rows`` and its index in ``ids``."""
        lengths = self.lengths(rows) if cap is None else np.minimum(self.lengths(rows), cap)
        return np.repeat(np.arange(len(rows)), lengths), ranges(self.indptr[rows], lengths)

    def transposed(self, width: int) -> Rows:
        """Row ``j`` lists the rows holding ``j``, in row order: an inverted index."""
        owner = np.repeat(np.arange(len(self.indptr) - 1), self.lengths())
        counts = np.bincount(self.ids, minlength=width)
        return Rows(
            np.concatenate([[0], np.cumsum(counts)]), owner[np.argsort(self.ids, kind="stable")]
        )


class ClaimIndex:
    """BM25 over claims: each claim's distinct terms (first seen first) with their weights,
    the inverted index, and every claim's score against itself."""

    def __init__(
        self, claims: Sequence[Claim], languages: Sequence[str], options: PairingOptions
    ) -> None:
        self.claims = claims
        self.options = options
        counts = [Counter(claim_terms(c, lang)) for c, lang in zip(claims, languages, strict=True)]
        vocabulary: dict[str, int] = {}
        self.terms = Rows.of(
            [[vocabulary.setdefault(t, len(vocabulary)) for t in c] for c in counts]
        )
        self.postings = self.terms.transposed(len(vocabulary))
        self.idf = _idf(self.postings.lengths(), len(claims))
        self.weights = self._weights(counts)
        self.articles: Ints = np.unique([c.article_id for c in claims], return_inverse=True)[1]
        self.alike, self.kinds = _alike(counts)
        self.self_scores = self._self_scores()

    def _weights(self, counts: Sequence[Counter[str]]) -> Floats:
        """Each entry's BM25 weight, by the same operations in the same order as a scalar
        BM25 (``idf * tf * (k1 + 1) / (tf + norm)``), so the same floats."""
        k1, b = self.options.k1, self.options.b
        tf = np.fromiter((n for c in counts for n in c.values()), np.float64, len(self.terms.ids))
        lengths = [sum(c.values()) for c in counts]
        average = sum(lengths) / max(1, len(lengths))
        norm = k1 * (1 - b + b * np.array(lengths, dtype=np.float64) / max(1e-9, average))
        owner = np.repeat(np.arange(len(counts)), self.terms.lengths())
        weights: Floats = self.idf[self.terms.ids] * tf * (k1 + 1) / (tf + norm[owner])
        return weights

    def score(self, query: int, doc: int) -> float:
        """BM25 of ``doc`` for the distinct terms of ``query``, summed in their order."""
        start, stop = self.terms.indptr[doc], self.terms.indptr[doc + 1]
        terms, weights = self.terms.ids[start:stop], self.weights[start:stop]
        found = dict(zip(terms.tolist(), weights.tolist(), strict=True))
        total = 0.0
        for term in self.terms.ids[self.terms.indptr[query] : self.terms.indptr[query + 1]]:
            total += found.get(int(term), 0.0)
        return total

    def _self_scores(self) -> Floats:
        """Every claim's score against itself, summed in term order (as :meth:`score`)."""
        lengths = self.terms.lengths()
        totals = np.zeros(len(lengths))
        for position in range(int(lengths.max(initial=0))):
            rows = np.flatnonzero(lengths > position)
            totals[rows] += self.weights[self.terms.indptr[rows] + position]
        return totals

    def position_table(self, rows: int) -> Positions:
        """Scratch for :meth:`pair_scores`: -1 per (query of a block of ``rows``, term)."""
        longest = int(self.terms.lengths().max(initial=0))
        dtype = np.int16 if longest < 2**15 else np.int32  # int16: a radix sort by position
        return np.full((rows, len(self.idf)), -1, dtype=dtype)

    def pair_scores(self, queries: Ints, docs: Ints, table: Positions) -> Floats:
        """``score(q, d)`` for each pair, to the bit; the queries must lie within
        ``len(table)`` consecutive claims (a block).

        Each doc term is looked up in ``table``, (query - first query, term) -> the term's
        position in the query, and the hits are added one query position at a time, so every
        sum runs in query order. ``table`` is left as it came, all -1.
        """
        if len(queries) == 0:
            return np.zeros(0)
        first = int(queries.min())
        block = np.arange(first, int(queries.max()) + 1)
        owner, own = self.terms.entries(block)
        table[owner, self.terms.ids[own]] = own - self.terms.indptr[block][owner]
        pair_of, entries = self.terms.entries(docs)
        position = table[queries[pair_of] - first, self.terms.ids[entries]]
        table[owner, self.terms.ids[own]] = -1
        hit = position >= 0
        pair_of, entries, position = pair_of[hit], entries[hit], position[hit]
        order = np.argsort(position, kind="stable")
        bounds = np.searchsorted(position[order], np.arange(int(position.max(initial=-1)) + 2))
        totals = np.zeros(len(queries))
        for start, stop in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True):
            at = order[start:stop]  # a pair has one hit per position: no index twice here
            totals[pair_of[at]] += self.weights[entries[at]]
        return totals

    def rarest_terms(self, queries: Ints) -> tuple[Ints, Ints]:
        """Each query's ``query_terms`` rarest terms (first seen first among equals), as
        (index in ``queries``, term)."""
        owner, entries = self.terms.entries(queries)
        order = np.lexsort((entries, -self.idf[self.terms.ids[entries]], owner))
        owner, entries = owner[order], entries[order]
        kept = np.arange(len(owner)) - runs(owner)[0] < self.options.query_terms
        return owner[kept], self.terms.ids[entries[kept]]


def _idf(frequencies: Ints, n: int) -> Floats:
    """BM25 idf per term, by math.log (numpy's log may differ in the last bit)."""
    distinct, inverse = np.unique(frequencies, return_inverse=True)
    values = [math.log(1 + (n - int(df) + 0.5) / (int(df) + 0.5)) for df in distinct]
    return np.array(values, dtype=np.float64)[inverse]


def _alike(counts: Sequence[Counter[str]]) -> tuple[Ints, int]:
    """A number per claim, the same for claims with the same term counts (which every query
    scores alike: wire copy, a sentence retold word for word), and how many numbers."""
    numbers: dict[frozenset[tuple[str, int]], int] = {}
    found = [numbers.setdefault(frozenset(c.items()), len(numbers)) for c in counts]
    return np.array(found, dtype=np.int64), len(numbers)


def runs(groups: Ints) -> tuple[Ints, Ints]:
    """For sorted ``groups``: each item's run of equal values, as the index of its first and
    of its last item."""
    if len(groups) == 0:
        return groups, groups
    bounds = np.flatnonzero(np.concatenate([[True], groups[1:] != groups[:-1], [True]]))
    lengths = np.diff(bounds)
    return np.repeat(bounds[:-1], lengths), np.repeat(bounds[1:] - 1, lengths)


def firsts(queries: Ints, values: Ints, width: int, scratch: Slots) -> Ints:
    """The first item of each distinct (query, value) pair, in order. ``scratch`` holds a
    slot per (query - least query, value): each item writes its number there and one of each
    set of repeats reads its own back, so this takes time linear in the items."""
    numbers, winners = _claim_slots(queries, values, width, scratch)
    return np.flatnonzero(winners == numbers)


def distinct(queries: Ints, values: Ints, width: int, scratch: Slots) -> tuple[Ints, Ints]:
    """:func:`firsts`, and for every item the number of its pair among them."""
    numbers, winners = _claim_slots(queries, values, width, scratch)
    first = winners == numbers
    return np.flatnonzero(first), (np.cumsum(first) - 1)[winners]


def _claim_slots(queries: Ints, values: Ints, width: int, scratch: Slots) -> tuple[Slots, Slots]:
    """Each item's number, and the number that its (query, value) slot holds once every item
    has written its own there: one of the items of each pair."""
    if len(queries) == 0:
        return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int32)
    keys = (queries - queries.min()) * width + values
    numbers = np.arange(len(keys), dtype=np.int32)
    scratch[keys] = numbers
    return numbers, scratch[keys]
