"""What each rule (one per :class:`FindingKind`) means, in words every report format shares."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from checker.types import FindingKind, Severity


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule's display name, one-line summary and the longer help an editor reads."""

    kind: FindingKind
    name: str
    summary: str
    help: str


RULES: Mapping[FindingKind, Rule] = {
    rule.kind: rule
    for rule in (
        Rule(
            FindingKind.QUOTE_DRIFT,
            "QuoteDrift",
            "The same quotation is tied to a different date, occasion or speaker.",
            "Two outlets carry the same words from the same speaker but attach them to a "
            "different day, event or source. One of them may have re-dated an old quote.",
        ),
        Rule(
            FindingKind.DATE_DRIFT,
            "DateDrift",
            "The same statement about the same event is given different dates.",
            "Outlets agree on what happened but not on when. Check the date against the "
            "primary source before publishing.",
        ),
        Rule(
            FindingKind.NUMBER_DRIFT,
            "NumberDrift",
            "The same statement is given different figures.",
            "An amount, count, percentage or ordinal differs between outlets reporting the "
            "same statement. Check which figure the source gave.",
        ),
        Rule(
            FindingKind.ATTRIBUTION_DRIFT,
            "AttributionDrift",
            "The same words are attributed to different people or sources.",
            "Outlets put the same statement in different mouths. Check who said it.",
        ),
        Rule(
            FindingKind.WEEKDAY_MISMATCH,
            "WeekdayMismatch",
            "A weekday does not match the calendar date it is written with.",
            "The text names a weekday and a date that fall on different days, so one of "
            "the two is wrong.",
        ),
        Rule(
            FindingKind.NLI_CONTRADICTION,
            "NLIContradiction",
            "The NLI model judges two claims about the same event to contradict each other.",
            "A claim and a passage from another outlet cannot both be true, according to the "
            "natural-language-inference model. Read both and decide which is right.",
        ),
        Rule(
            FindingKind.UNSUPPORTED,
            "Unsupported",
            "A claim in the draft is not supported by any article in the corpus.",
            "No article in the corpus entails this claim from the draft. It may be new "
            "information, or it may be wrong; find a source for it.",
        ),
        Rule(
            FindingKind.SINGLE_SOURCE,
            "SingleSource",
            "A claim rests on a single outlet; no independent outlet reports it.",
            "Only one outlet reports this claim. That is not an error, but it is worth "
            "corroborating before repeating it.",
        ),
    )
}


def rule_for(kind: FindingKind) -> Rule:
    return RULES[kind]


SEVERITY_ORDER: tuple[Severity, ...] = (Severity.ERROR, Severity.WARNING, Severity.INFO)
"""Most severe first: the order reports group and count findings in."""
