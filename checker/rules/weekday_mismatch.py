"""weekday-mismatch: a weekday that does not fall on the date written beside it."""

from __future__ import annotations

from collections.abc import Iterator

from checker.findings import describe
from checker.rules.base import NoOptions, Rule, RuleContext
from checker.types import Difference, Finding, Severity
from claims.types import Claim


def detect(claim: Claim, ctx: RuleContext) -> Iterator[Finding]:
    """A weekday that does not fall on the date written beside it, e.g. "Rabu (16/6/2022)"."""
    for mention in claim.dates:
        if mention.weekday_matches is False and mention.value is not None:
            e = ctx.evidence(claim)
            actual = mention.value.strftime("%A")
            yield RULE.finding(
                e,
                [],
                f"In {describe(e)}, '{mention.text}' names a weekday that does not match the date: "
                f"{mention.value.isoformat()} is a {actual}. {mention.note}".strip(),
                confidence=1.0,
                differences=[Difference("weekday", mention.text, actual)],
            )


RULE: Rule[Claim, NoOptions] = Rule(
    id="weekday-mismatch",
    name="WeekdayMismatch",
    severity=Severity.WARNING,
    scope="claim",
    summary="A weekday does not match the calendar date it is written with.",
    help="The text names a weekday and a date that fall on different days, so one of "
    "the two is wrong.",
    detect=detect,
    options=NoOptions(),
)
