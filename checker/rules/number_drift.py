"""number-drift: the same statement with a different amount, count, percentage or ordinal."""

from __future__ import annotations

from collections.abc import Iterator

from checker.findings import describe
from checker.rules.base import NoOptions, Rule, RuleContext
from checker.rules.compare import same_statement
from checker.types import Difference, Finding, Pair, Severity
from claims.types import NumberMention


def detect(pair: Pair, ctx: RuleContext) -> Iterator[Finding]:
    """The same statement with a different amount, count, percentage or ordinal."""
    a, b = pair.claim, pair.other
    if not ctx.events.same_event(a, b) or not (a.numbers and b.numbers):
        return
    similarity = same_statement(a, b, ctx)
    if not similarity:
        return
    diffs = list(_number_differences(a.numbers, b.numbers))
    if not diffs:
        return
    ea, eb = ctx.evidence(a), ctx.evidence(b)
    listed = "; ".join(f"{d.claim_value} against {d.evidence_value}" for d in diffs)
    yield RULE.finding(
        ea,
        [eb],
        f"{describe(ea)} and {describe(eb)} report the same statement with different figures: {listed}.",
        confidence=similarity,
        differences=diffs,
    )


def _number_differences(
    left: tuple[NumberMention, ...], right: tuple[NumberMention, ...]
) -> Iterator[Difference]:
    def groups(numbers: tuple[NumberMention, ...]) -> dict[tuple[str, str], dict[float, str]]:
        out: dict[tuple[str, str], dict[float, str]] = {}
        for n in numbers:
            out.setdefault((n.kind.value, (n.unit or "").casefold()), {})[n.value] = n.text
        return out

    ga, gb = groups(left), groups(right)
    for key in ga.keys() & gb.keys():
        only_a = {v: t for v, t in ga[key].items() if v not in gb[key]}
        only_b = {v: t for v, t in gb[key].items() if v not in ga[key]}
        if only_a and only_b:
            yield Difference(key[0], ", ".join(only_a.values()), ", ".join(only_b.values()))


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
