"""number-drift: the same statement with a different amount, count, percentage or ordinal.

Figures are compared only about the same measured thing (checker/figures.py); a later
figure of a developing count is an update (updated-figure, info), not this error.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from checker.developing import Update, as_update
from checker.figures import FigureDifference, figure_differences, shared_measures
from checker.findings import describe
from checker.rules.base import NoOptions, Rule, RuleContext
from checker.rules.compare import same_statement
from checker.types import Difference, Finding, Pair, Severity
from claims.lang import load_language

_ONE_REPORT = 0.8  # overlap of content words above which two claims read as one report


def detect(pair: Pair, ctx: RuleContext) -> Iterator[Finding]:
    """The same statement with a different amount, count, percentage or ordinal."""
    compared = compare_figures(pair, ctx)
    if compared is None or not compared.conflicts:
        return
    diffs = differences(compared.conflicts)
    ea, eb = ctx.evidence(pair.claim), ctx.evidence(pair.other)
    listed = "; ".join(f"{d.claim_value} against {d.evidence_value}" for d in diffs)
    yield RULE.finding(
        ea,
        [eb],
        f"{describe(ea)} and {describe(eb)} report the same statement with different figures: {listed}.",
        confidence=compared.similarity,
        differences=diffs,
    )


@dataclass(frozen=True, slots=True)
class Compared:
    """The figures two claims give differently, split into conflicts and updates."""

    similarity: float
    conflicts: tuple[FigureDifference, ...]
    updates: tuple[tuple[FigureDifference, Update], ...]


def compare_figures(pair: Pair, ctx: RuleContext) -> Compared | None:
    """What number-drift and updated-figure both look at: two claims about the same event that
    make the same statement, or both count the same thing of a developing story."""
    a, b = pair.claim, pair.other
    if not (a.numbers and b.numbers) or not ctx.events.same_event(a, b):
        return None
    la, lb = ctx.language(a), ctx.language(b)
    similarity = same_wording = same_statement(a, b, ctx)
    if not similarity:
        known = frozenset(load_language(la).numbers.measures)
        if not shared_measures(a, b, known):
            return None
        similarity = ctx.matching.statement_overlap  # the same measured thing, said otherwise
    diffs = figure_differences(a, b, la, lb)
    if not diffs:
        return None
    day = ctx.events.event_of(a).date
    conflicts, updates = [], []
    for diff in diffs:
        update = as_update(diff, a, b, ctx.articles, day, same_wording=same_wording >= _ONE_REPORT)
        if update is not None:
            updates.append((diff, update))
        elif diff.left and diff.right and not diff.summed:
            conflicts.append(diff)
    return Compared(similarity, tuple(conflicts), tuple(updates))


def differences(found: Sequence[FigureDifference]) -> list[Difference]:
    """One difference per measure: "162" against "62"."""
    return [
        Difference(
            d.kind.value,
            ", ".join(n.text for n in d.left),
            ", ".join(n.text for n in d.right),
        )
        for d in found
    ]


RULE: Rule[Pair, NoOptions] = Rule(
    id="number-drift",
    name="NumberDrift",
    severity=Severity.ERROR,
    scope="pair",
    summary="The same statement is given different figures.",
    help="An amount, count, percentage or ordinal differs between outlets reporting the "
    "same statement. Check which figure the source gave.",
    detect=detect,
    options=NoOptions(),
)
