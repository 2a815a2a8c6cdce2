"""How alike two claims are as statements, with their dates and numbers left out.

Detectors ask "do these two claims say the same thing, apart from the date (or number)?";
this answers with the overlap of content words. Words inside date, number and time mentions are
left out, and an entity counts as one term whatever alias names it (China, Beijing and
Tiongkok are all ``ent:china``). The word pattern, term sets and measures live in
:mod:`claims.terms`; this module applies them to claims.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from claims import terms
from claims.lang import LanguageData, as_language, configured_data_path
from claims.terms import jaccard, overlap
from claims.types import Claim

__all__ = ["content_words", "jaccard", "overlap", "stopwords"]


def stopwords(language: str | LanguageData) -> frozenset[str]:
    """The language's stopwords, casefolded."""
    return as_language(language).stopwords.words


def _masked_text(claim: Claim) -> str:
    """The claim's text with entity, date, number and time mentions blanked out."""
    chars = list(claim.text)
    base = claim.span.start
    mentions = (claim.entities, claim.dates, claim.numbers, claim.times)
    spans = [m.span for found in mentions for m in found]
    for span in spans:
        for i in range(max(0, span.start - base), min(len(chars), span.end - base)):
            chars[i] = " "
    return "".join(chars)


def content_words(claim: Claim, language: str | LanguageData) -> frozenset[str]:
    """Casefolded content words outside mentions, plus one term per entity.

    Cached per claim and language data folder: a claim is compared in every pair it is in,
    by several rules."""
    return _content_words(claim, language, configured_data_path())


@lru_cache(maxsize=1 << 17)
def _content_words(
    claim: Claim, language: str | LanguageData, data_path: Path | None
) -> frozenset[str]:
    words = terms.content_words(_masked_text(claim), stopwords(language))
    return frozenset(words | terms.entity_terms(claim.entities))
