"""updated-figure: a later figure of a developing count (a toll that rose), not an error.

A death toll of 58 at noon and 64 in the evening is an update. Both times are shown so that an
editor can check the earlier figure is not presented as the current one. Which figures are
updates is decided in checker/developing.py.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.developing import FigureTime
from checker.findings import describe
from checker.rules.base import NoOptions, Rule, RuleContext
from checker.rules.number_drift import compare_figures, differences
from checker.types import Difference, Finding, Pair, Severity


def detect(pair: Pair, ctx: RuleContext) -> Iterator[Finding]:
    """Figures of a developing count that changed between two articles' times."""
    compared = compare_figures(pair, ctx)
    if compared is None or not compared.updates:
        return
    ea, eb = ctx.evidence(pair.claim), ctx.evidence(pair.other)
    parts, times = [], []
    for diff, update in compared.updates:
        (shown,) = differences([diff])
        first, second = _when(update.first), _when(update.second)
        parts.append(
            f"{update.measure}: {shown.claim_value} ({first}) and {shown.evidence_value} ({second})"
        )
        times.append(Difference("time", first, second))
    later = compared.updates[0][1].later
    order = (
        f"{describe(ctx.evidence(later))} is the later account"
        if later is not None
        else "the order of the two counts is not given"
    )
    yield RULE.finding(
        ea,
        [eb],
        f"{describe(ea)} and {describe(eb)} give figures of a developing count at different "
        f"times: {'; '.join(parts)}; {order}. Check that the earlier figure is not reported as "
        "the current one.",
        confidence=compared.similarity,
        differences=[*differences([d for d, _ in compared.updates]), *times],
    )


def _when(time: FigureTime | None) -> str:
    return time.describe() if time else "time not given"


RULE: Rule[Pair, NoOptions] = Rule(
    id="updated-figure",
    name="UpdatedFigure",
    severity=Severity.INFO,
    scope="pair",
    summary="A developing count (dead, injured, missing) has a later figure elsewhere.",
    help="Outlets published a count of a developing story at different times, and the later "
    "one differs: an update, not an error. Make sure the earlier figure is not given as the "
    "current one, and say when each figure stood.",
    detect=detect,
    options=NoOptions(),
)
