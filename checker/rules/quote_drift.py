"""quote-drift: the same quotation tied to a different date, occasion, speaker, source or wording."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from checker.findings import describe, long_date
from checker.rules.base import Rule, RuleContext, option
from checker.rules.compare import attribution_differences, plain, quote_similarity, word_changes
from checker.types import Difference, Evidence, Finding, Pair, Severity
from claims.types import Claim

IDENTICAL = 0.97  # above this, two quotations are word for word the same


@dataclass(frozen=True, slots=True)
class QuoteDriftOptions:
    quote_similarity: float = option(0.8, low=0.0, high=1.0)  # fuzzy match of normalised quotes


def same_quotation(a: Claim, b: Claim, ctx: RuleContext) -> float:
    """How alike two direct quotations are, or 0 below the rule's ``quote_similarity``."""
    similarity = quote_similarity(a, b, ctx)
    return similarity if similarity >= ctx.options(RULE).quote_similarity else 0.0


def detect(pair: Pair, ctx: RuleContext) -> Iterator[Finding]:
    """The same quotation with a different date, event, speaker, source or wording."""
    a, b = pair.claim, pair.other
    similarity = same_quotation(a, b, ctx)
    if not similarity or not (a.quote and b.quote):
        return
    ea, eb = ctx.evidence(a), ctx.evidence(b)
    diffs = occasion_differences(a, b, ctx)
    if not diffs and any(d.aspect == "speaker" for d in attribution_differences(a, b, ctx)):
        return  # the same words on the same occasion in another mouth: attribution drift
    diffs += attribution_differences(a, b, ctx)
    for was, now in word_changes(plain(a.quote.text), plain(b.quote.text))[:6]:
        diffs.append(Difference("wording", was or "(nothing)", now or "(nothing)"))
    aspects = {d.aspect for d in diffs}
    serious = aspects & {"date", "event", "speaker"}
    if not serious and "source" not in aspects and similarity >= IDENTICAL:
        return  # the same quote, the same occasion, the same source: corroboration, not drift
    # a re-dated or re-attributed quote is an error; re-worded (often translation) or carried
    # via another outlet only is a note
    yield RULE.finding(
        ea,
        [eb],
        _explanation(a, ea, eb, diffs),
        confidence=similarity,
        differences=diffs,
        severity=Severity.ERROR if serious else Severity.INFO,
    )


def occasion_differences(a: Claim, b: Claim, ctx: RuleContext) -> list[Difference]:
    """The day and the event two claims are tied to, where they differ."""
    ea, eb = ctx.evidence(a), ctx.evidence(b)
    diffs = []
    if ea.date and eb.date and ea.date != eb.date:
        diffs.append(Difference("date", long_date(ea.date), long_date(eb.date)))
    event_a, event_b = ctx.events.event_of(a), ctx.events.event_of(b)
    if event_a.id != event_b.id:
        diffs.append(Difference("event", event_a.id, event_b.id))
    return diffs


def _explanation(a: Claim, ea: Evidence, eb: Evidence, diffs: list[Difference]) -> str:
    who = a.speaker or "an unnamed speaker"
    text = (
        f"The same quotation from {who} appears in {describe(ea)}, tied to {long_date(ea.date)}, "
        f"and in {describe(eb)}, tied to {long_date(eb.date)}."
    )
    aspects = sorted({d.aspect for d in diffs})
    if aspects:
        text += " What differs: " + ", ".join(aspects) + "."
    if "date" in aspects or "event" in aspects:
        text += " One outlet may have re-dated an older quote or attached it to another occasion."
    return text


RULE: Rule[Pair, QuoteDriftOptions] = Rule(
    id="quote-drift",
    name="QuoteDrift",
    severity=Severity.ERROR,
    scope="pair",
    summary="The same quotation is tied to a different date, occasion or speaker.",
    help="Two outlets carry the same words from the same speaker but attach them to a "
    "different day, event or source. One of them may have re-dated an old quote.",
    detect=detect,
    options=QuoteDriftOptions(),
)
