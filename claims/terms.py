"""Words and term sets: what counts as a word, which words carry content, how sets overlap.

One home for the word patterns the pipeline compares texts with: language detection counts
stopwords among :data:`WORD` matches, claims and events are compared on :func:`content_words`
with :func:`overlap` and :func:`jaccard`, quotes on :data:`TOKEN` runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from claims.types import EntityMention

LETTERS = re.compile(r"[^\W\d_]+")  # a run of letters: "Covid-19" gives "Covid"
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")  # letters, apostrophes inside: "don't"
TOKEN = re.compile(r"[^\W_]+")  # letters and digits: "G20", "19"


def words(text: str, *, min_letters: int = 1) -> list[str]:
    """The casefolded runs of letters in ``text`` that have at least ``min_letters`` letters."""
    return [w.casefold() for w in LETTERS.findall(text) if len(w) >= min_letters]


@lru_cache(maxsize=1 << 16)
def content_words(text: str, stopwords: frozenset[str]) -> frozenset[str]:
    """The casefolded words of ``text`` that carry content: not stopwords, not single letters.

    Cached: the rules ask for the same claim's words once per pair it is in (a claim is in up
    to ten pairs), and a frozenset of stopwords hashes once.
    """
    return frozenset(w for w in words(text) if len(w) > 1 and w not in stopwords)


def entity_terms(entities: Iterable[EntityMention]) -> set[str]:
    """One term per entity, whatever alias names it: China, Beijing and Tiongkok are all
    ``ent:china``."""
    return {f"ent:{e.canonical.casefold()}" for e in entities}


def overlap(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> float:
    """Overlap coefficient: shared terms over the smaller set (1.0 when one contains the other)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def jaccard(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> float:
    """Shared terms over all terms (0.0 for two empty sets)."""
    return len(a & b) / len(a | b) if a or b else 0.0
