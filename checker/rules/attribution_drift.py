"""attribution-drift: the same statement credited to different speakers or carried via
different sources.

A quotation, or a position, credited to another person is a warning. A reported fact with a
figure or a time of day ("Menteri Perhubungan mengatakan pesawat lepas landas pukul 14.36 WIB"
against "Juru Bicara Kementerian Perhubungan menjelaskan pesawat lepas landas pukul 14.36 WIB")
is relayed by several officials on real coverage: two of them giving it is no error, so it is
an info note.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.findings import describe
from checker.rules import quote_drift
from checker.rules.base import NoOptions, Rule, RuleContext
from checker.rules.compare import attribution_differences, same_statement
from checker.types import Finding, Pair, Severity
from claims.types import Claim


def detect(pair: Pair, ctx: RuleContext) -> Iterator[Finding]:
    """The same statement credited to different speakers, or carried via different sources."""
    a, b = pair.claim, pair.other
    quoted = quote_drift.same_quotation(a, b, ctx) if a.quote and b.quote else 0.0
    if quoted and quote_drift.occasion_differences(a, b, ctx):
        return  # a quotation moved to another day or occasion: quote drift reports it all
    similarity = quoted or same_statement(a, b, ctx)
    if not similarity:
        return
    diffs = attribution_differences(a, b, ctx)
    if quoted and not any(d.aspect == "speaker" for d in diffs):
        return  # the same quotation carried via another outlet: quote drift's note
    if not diffs:
        return
    ea, eb = ctx.evidence(a), ctx.evidence(b)
    speaker = any(d.aspect == "speaker" for d in diffs) and not (
        _relayed_fact(a) and _relayed_fact(b)
    )
    credited = "; ".join(f"{d.aspect}: {d.claim_value} against {d.evidence_value}" for d in diffs)
    yield RULE.finding(
        ea,
        [eb],
        f"{describe(ea)} and {describe(eb)} credit the same statement differently ({credited}).",
        confidence=similarity,
        differences=diffs,
        severity=Severity.WARNING if speaker else Severity.INFO,
    )


def _relayed_fact(claim: Claim) -> bool:
    """An indirect statement of a figure written in digits or a time of day: what any official
    may relay ("kedua pemimpin sepakat", both leaders agreed, is a position, not a figure)."""
    direct = claim.quote is not None and claim.quote.direct
    figures = any(ch.isdigit() for n in claim.numbers for ch in n.text)
    return not direct and (figures or bool(claim.times))


RULE: Rule[Pair, NoOptions] = Rule(
    id="attribution-drift",
    name="AttributionDrift",
    severity=Severity.WARNING,
    scope="pair",
    summary="The same words are attributed to different people or sources.",
    help="Outlets put the same statement in different mouths. Check who said it.",
    detect=detect,
    options=NoOptions(),
)
