"""The measures rules share: "the same statement", "the same quotation", changed words, and
who a claim credits.

They compare two claims from different articles; every rule that asks one of these questions
asks it here, so that the rules agree on the answer.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from checker.similarity import content_words, jaccard, overlap
from checker.types import Difference
from claims.entities import canonical_entity, match_aliases
from claims.lang import load_language
from claims.quotes import normalise_quote
from claims.types import Claim

if TYPE_CHECKING:
    from checker.rules.base import RuleContext


@dataclass(frozen=True, slots=True)
class Matching:
    """When two claims make the same statement (dates and numbers aside)."""

    statement_overlap: float = 0.6  # content-word overlap
    statement_jaccard: float = 0.3
    min_words: int = 4  # fewer content words (or quoted words) never match


def same_statement(a: Claim, b: Claim, ctx: RuleContext) -> float:
    """How surely two claims make the same statement, dates and numbers aside (0 when not)."""
    wa, wb = content_words(a, ctx.language(a)), content_words(b, ctx.language(b))
    if min(len(wa), len(wb)) < ctx.matching.min_words:
        return 0.0
    o, j = overlap(wa, wb), jaccard(wa, wb)
    if o < ctx.matching.statement_overlap or j < ctx.matching.statement_jaccard:
        return 0.0
    return o


def quote_similarity(a: Claim, b: Claim, ctx: RuleContext) -> float:
    """Fuzzy similarity of two direct quotations (0 unless both claims quote words directly)."""
    if not (a.quote and b.quote and a.quote.direct and b.quote.direct):
        return 0.0
    qa = normalise_quote(a.quote.text, language=ctx.language(a))
    qb = normalise_quote(b.quote.text, language=ctx.language(b))
    if not qa or not qb or min(len(qa.split()), len(qb.split())) < ctx.matching.min_words:
        return 0.0
    return _text_ratio(qa, qb)


@lru_cache(maxsize=1 << 15)
def _text_ratio(a: str, b: str) -> float:
    """difflib's similarity of two normalised quotations, cached: one quotation retold by many
    outlets meets the same wording in pair after pair, and difflib is the costly part."""
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def word_changes(a: str, b: str) -> list[tuple[str, str]]:
    """The words that differ between two wordings, as (in a, in b) pairs."""
    wa, wb = a.split(), b.split()
    changes = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, wa, wb, autojunk=False).get_opcodes():
        if op != "equal":
            changes.append((" ".join(wa[i1:i2]), " ".join(wb[j1:j2])))
    return changes


def tallies_of_one_count(a: Claim, b: Claim, ctx: RuleContext) -> bool:
    """Whether both claims give a figure of one developing count (the dead, the missing):
    statements of such a count made on different days are updates of each other."""

    def counts(claim: Claim) -> set[str]:
        developing = set(load_language(ctx.language(claim)).numbers.developing)
        measures = (n.measure.partition(" (")[0] for n in claim.numbers if n.measure)
        return {m for m in measures if m in developing}

    return bool(counts(a) & counts(b))


def attribution_differences(a: Claim, b: Claim, ctx: RuleContext) -> list[Difference]:
    """The speaker and the cited source, where the two claims surely name different parties."""
    diffs = []
    language = ctx.language(a)
    said_a, said_b = _credited(a, b, language), _credited(b, a, language)
    if _different_parties(said_a, said_b, language):
        diffs.append(Difference("speaker", said_a or "", said_b or ""))
    if _different_parties(a.source, b.source, language) and not _cites_both(a, b):
        diffs.append(Difference("source", a.source or "", b.source or ""))
    return diffs


def _cites_both(a: Claim, b: Claim) -> bool:
    """Whether either claim also names the other's cited outlet: "Menurut CCTV, seperti
    Channel News Asia lansir, ..." cites both outlets, whichever one the parser kept."""
    ta, tb = f" {plain(a.text)} ", f" {plain(b.text)} "
    return bool(b.source and f" {plain(b.source)} " in ta) or bool(
        a.source and f" {plain(a.source)} " in tb
    )


def _credited(claim: Claim, other: Claim, language: str) -> str | None:
    """Who a claim credits: its speaker; failing that, its cited outlet, but only where the
    other claim credits an institution ("menurut CCTV" against "kata Kremlin"). Against a
    person, an outlet is only passing the person's words on ("Menurut CCTV, Xi ...").
    """
    if claim.speaker or not claim.source or not other.speaker:
        return claim.speaker
    party = _party(other.speaker, language)
    return claim.source if party and party[1] != "PERSON" else None


def _different_parties(x: str | None, y: str | None, language: str) -> bool:
    """True only when both name a party and they are surely different ones.

    Known names compare by canonical entity ("Xi" = "Presiden Xi Jinping"), except a person
    against a country: "pemimpin China itu" resolves to China, which does not say who spoke. Unknown names compare by their words ("juru bicara" is within "seorang juru bicara").
    """
    if not x or not y:
        return False
    px, py = _party(x, language), _party(y, language)
    if px and py:
        return {px[1], py[1]} != {"PERSON", "GPE"} and px[0] != py[0]
    if px or py:
        return False
    wx, wy = set(plain(x).split()), set(plain(y).split())
    if min(len(wx), len(wy)) < 2:
        return False  # a bare pronoun or one-word description identifies no one
    return not (wx <= wy or wy <= wx)


def _party(name: str, language: str) -> tuple[str, str] | None:
    """(canonical name, kind) of a speaker or source, or None when it names nothing known."""
    canonical = canonical_entity(name, language=language)
    if canonical is None:
        return None
    kinds = {m.kind for m in match_aliases(name, language=language) if m.canonical == canonical}
    return canonical, (kinds.pop() if len(kinds) == 1 else "?")


def plain(text: str) -> str:
    """Casefolded words only, punctuation as spaces."""
    return " ".join("".join(c if c.isalnum() else " " for c in text.casefold()).split())
