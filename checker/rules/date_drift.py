"""date-drift: the same statement about the same event, given different calendar days."""

from __future__ import annotations

from collections.abc import Iterator

from checker.events import day_dates
from checker.findings import describe, long_date
from checker.rules.base import NoOptions, Rule, RuleContext
from checker.rules.compare import same_statement
from checker.types import Difference, Finding, Pair, Severity


def detect(pair: Pair, ctx: RuleContext) -> Iterator[Finding]:
    """The same statement about the same event, given different calendar days."""
    a, b = pair.claim, pair.other
    if not ctx.events.same_event(a, b):
        return
    da, db = set(day_dates(a)), set(day_dates(b))
    if not da or not db or not (da - db) or not (db - da):
        return
    similarity = same_statement(a, b, ctx)
    if not similarity:
        return
    ea, eb = ctx.evidence(a), ctx.evidence(b)
    was = ", ".join(long_date(d) for d in sorted(da - db))
    now = ", ".join(long_date(d) for d in sorted(db - da))
    yield RULE.finding(
        ea,
        [eb],
        f"{describe(ea)} and {describe(eb)} report the same statement about the same event "
        f"with different dates: {was} against {now}.",
        confidence=similarity,
        differences=[Difference("date", was, now)],
    )


RULE: Rule[Pair, NoOptions] = Rule(
    id="date-drift",
    name="DateDrift",
    severity=Severity.ERROR,
    scope="pair",
    summary="The same statement about the same event is given different dates.",
    help="Outlets agree on what happened but not on when. Check the date against the "
    "primary source before publishing.",
    detect=detect,
    options=NoOptions(),
)
