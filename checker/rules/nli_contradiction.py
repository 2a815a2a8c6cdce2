"""nli-contradiction: the NLI model judges two claims about the same event to contradict each
other, and no structured rule explains it.

A verdict-scoped rule: it sees only the judged pairs on which no pair rule found anything.
Two tallies of a developing count tied to different days ("the toll has risen to 131" on
Wednesday, "police denied it had passed 125" on Tuesday) read as contradictory to the model, but
they are an update: updated-figure reports them when their figures differ.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from checker.findings import describe
from checker.rules.base import Rule, RuleContext, option
from checker.rules.compare import tallies_of_one_count
from checker.types import Finding, Severity, Verdict


@dataclass(frozen=True, slots=True)
class NLIContradictionOptions:
    contradiction: float = option(0.8, low=0.0, high=1.0)  # both directions must reach it


def detect(verdict: Verdict, ctx: RuleContext) -> Iterator[Finding]:
    """A contradiction at or above the threshold between claims about the same event."""
    a, b = verdict.pair.claim, verdict.pair.other
    if verdict.contradiction < ctx.options(RULE).contradiction or not ctx.events.same_event(a, b):
        return
    if tallies_of_one_count(a, b, ctx) and ctx.events.context_date(a) != ctx.events.context_date(b):
        return
    ea, eb = ctx.evidence(a), ctx.evidence(b)
    yield RULE.finding(
        ea,
        [eb],
        f"The NLI model judges that {describe(ea)} and {describe(eb)} contradict each other "
        f"(probability {verdict.contradiction:.2f}); no date, number, quote or attribution "
        "check explains it, so read both passages.",
        confidence=verdict.contradiction,
    )


RULE: Rule[Verdict, NLIContradictionOptions] = Rule(
    id="nli-contradiction",
    name="NLIContradiction",
    severity=Severity.WARNING,
    scope="verdict",
    summary="The NLI model judges two claims about the same event to contradict each other.",
    help="A claim and a passage from another outlet cannot both be true, according to the "
    "natural-language-inference model. Read both and decide which is right.",
    detect=detect,
    options=NLIContradictionOptions(),
)
