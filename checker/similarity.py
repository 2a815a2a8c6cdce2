"""How alike two claims are as statements, with their dates and numbers left out.

Detectors ask "do these two claims say the same thing, apart from the date (or number)?";
this answers with the overlap of content words. Words inside date and number mentions are
left out, and an entity counts as one term whatever alias names it (China, Beijing and
Tiongkok are all ``ent:china``).
"""

from __future__ import annotations

import re
from functools import cache

from claims.lang import merged_resource
from claims.types import Claim

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@cache
def stopwords(language: str) -> frozenset[str]:
    table = merged_resource(language.split("-")[0], "stopwords")
    return frozenset(w.casefold() for w in table.get("words", ()))


def _masked_text(claim: Claim) -> str:
    """The claim's text with entity, date and number mentions blanked out."""
    chars = list(claim.text)
    base = claim.span.start
    for mention in (*claim.entities, *claim.dates, *claim.numbers):
        for i in range(max(0, mention.span.start - base), min(len(chars), mention.span.end - base)):
            chars[i] = " "
    return "".join(chars)


def content_words(claim: Claim, language: str) -> frozenset[str]:
    """Casefolded content words outside mentions, plus one term per entity."""
    stop = stopwords(language)
    words = {w.casefold() for w in _WORD.findall(_masked_text(claim))}
    words = {w for w in words if len(w) > 1 and w not in stop}
    return frozenset(words | {f"ent:{e.canonical.casefold()}" for e in claim.entities})


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Overlap coefficient: shared words over the smaller set (1.0 when one contains the other)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0
