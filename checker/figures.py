"""Figures two claims give for the same measured thing, and where they disagree.

A figure is compared only with a figure of the same kind (count, money, percentage, ordinal),
unit (a currency, "km") and measure (what it counts: "dead", "pertalite"; see
:mod:`claims.measures`), so the price of one product is never the "drift" of another's in a
price list, and lists align item by item. Two figures agree when the values they allow meet:
"lebih dari 40" allows 41, "sekitar 61 ribu" allows 61.350, "1,2" allows 1,17. Where one side's
measure is unknown, figures are compared only when each claim has exactly one figure of that
kind and unit.

number-drift (errors) and updated-figure (later figures of a developing count, info) both read
:func:`figure_differences`; the rules and corroboration must agree on which figures differ.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import combinations

from claims.lang import load_language
from claims.measures import PART, unit_of
from claims.types import Claim, NumberKind, NumberMention, Qualifier

Key = tuple[str, str | None]  # (kind, unit)
_BOUNDS = (Qualifier.MORE_THAN, Qualifier.AT_LEAST, Qualifier.AT_MOST, Qualifier.LESS_THAN)


@dataclass(frozen=True, slots=True)
class FigureDifference:
    """Figures of one measure that one claim gives and the other contradicts."""

    kind: NumberKind
    measure: str | None
    left: tuple[NumberMention, ...]  # the first claim's figures the second does not allow
    right: tuple[NumberMention, ...]
    summed: bool = False  # one side's figure is the sum of the other's ("10 children" against
    # "7 children and 3 babies"): no conflict, though it may still be an update

    @property
    def developing(self) -> str | None:
        """The measure, without the mark of a part ("dead (part)" -> "dead")."""
        return self.measure.removesuffix(PART) if self.measure else None


def figure_differences(
    a: Claim, b: Claim, language_a: str, language_b: str
) -> list[FigureDifference]:
    """The measures on which two claims give figures that cannot both hold. A difference may
    be one-sided: "revised the toll to 125 from 174" against "174" gives 125 on one side
    only (a claim that names the change itself; only an update, never a conflict)."""
    ga, gb = _grouped(a, language_a), _grouped(b, language_b)
    data = load_language(language_a).numbers
    found = []
    for key in ga.keys() & gb.keys():
        for measure, left, right in _aligned(ga[key], gb[key], frozenset(data.developing)):
            only_left = _unmatched(left, right, data.approximation)
            only_right = _unmatched(right, left, data.approximation)
            if only_left or only_right:
                summed = _summed(only_left, gb[key]) or _summed(only_right, ga[key])
                found.append(
                    FigureDifference(NumberKind(key[0]), measure, only_left, only_right, summed)
                )
    return found


def _summed(figures: Sequence[NumberMention], others: Sequence[NumberMention]) -> bool:
    """Whether the one figure is the sum of two or three of the other claim's figures."""
    if len(figures) != 1:
        return False
    target = figures[0].value
    values = [n.value for n in others]
    return any(abs(sum(c) - target) < 1e-9 for size in (2, 3) for c in combinations(values, size))


def shared_measures(a: Claim, b: Claim, known: frozenset[str]) -> set[str]:
    """The measures both claims give a whole figure of, named by a measure word (``known``)
    or by a name ("pertalite"): a bare noun ("suara") may count different things."""

    def named(claim: Claim) -> set[str]:
        return {
            n.measure for n in claim.numbers if n.measure and (n.measure in known or _by_name(n))
        }

    return named(a) & named(b)


def _by_name(n: NumberMention) -> bool:
    return bool(n.scope) and n.measure == " ".join(n.scope)


def _unmatched(
    figures: Sequence[NumberMention], others: Sequence[NumberMention], tolerance: float
) -> tuple[NumberMention, ...]:
    return tuple(n for n in figures if not any(_agree(n, m, tolerance) for m in others))


def _grouped(claim: Claim, language: str) -> dict[Key, list[NumberMention]]:
    groups: dict[Key, list[NumberMention]] = defaultdict(list)
    for n in claim.numbers:
        unit = n.unit if n.kind is NumberKind.MONEY else unit_of(n.unit, load_language(language))
        groups[(n.kind.value, unit)].append(n)
    return groups


def _aligned(
    left: Sequence[NumberMention], right: Sequence[NumberMention], developing: frozenset[str]
) -> Iterator[tuple[str | None, list[NumberMention], list[NumberMention]]]:
    """The figures of each measure on both sides; unknown measures only one to one. The
    names a toll is about are not compared: "West Java" and "Cianjur" count the same dead."""
    for measure in {n.measure for n in left if n.measure} & {n.measure for n in right}:
        ls = [n for n in left if n.measure == measure]
        rs = [n for n in right if n.measure == measure]
        if measure.removesuffix(PART) in developing or _same_scope(ls, rs):
            yield measure, ls, rs
    if len(left) == 1 and len(right) == 1 and None in (left[0].measure, right[0].measure):
        known = left[0].measure or right[0].measure
        if known is None or not known.endswith(")"):  # never a part, forecast or earlier value
            yield None, list(left), list(right)


def _same_scope(left: Sequence[NumberMention], right: Sequence[NumberMention]) -> bool:
    """False when both sides name what the figures are about and the names differ
    ("Lapas Kelas I Tangerang" against "Blok C2")."""
    sa = {w for n in left for w in n.scope}
    sb = {w for n in right for w in n.scope}
    return not (sa and sb) or bool(sa & sb)


def _agree(x: NumberMention, y: NumberMention, tolerance: float) -> bool:
    """Whether two figures can both hold. Two bounds of one kind compare by value: "lebih
    dari 5.000" and "lebih dari 15.000" are two accounts of one figure, not both true."""
    if x.qualifier is y.qualifier and x.qualifier in _BOUNDS:
        return abs(x.value - y.value) <= x.rounding + y.rounding
    lx, hx = x.interval(tolerance)
    ly, hy = y.interval(tolerance)
    overlap = min(hx, hy) - max(lx, ly)
    # ranges that only touch ("1,5" and "1,6" rounded) differ; a figure on a bound agrees
    return overlap > 0 or (overlap == 0 and (lx == hx or ly == hy))
