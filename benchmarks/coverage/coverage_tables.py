"""Markdown tables of the coverage benchmark: per rule, per language group, per story, and the
lists of false findings and missed gold items for reading one by one."""

from __future__ import annotations

from collections.abc import Sequence

from coverage_gold import PLANNED_RULES
from coverage_scoring import RuleCounts, StoryScore

GROUPS = ("id", "en", "mixed")


def ratio(part: int, whole: int) -> str:
    return f"{part / whole:.2f}" if whole else "–"


def per_100(part: int, whole: int) -> str:
    return f"{100 * part / whole:.2f}" if whole else "–"


def _table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def _sum_rules(scores: Sequence[StoryScore]) -> dict[str, RuleCounts]:
    rules: dict[str, RuleCounts] = {}
    for score in scores:
        for rule, counts in score.rules.items():
            rules[rule] = rules.get(rule, RuleCounts()) + counts
    return rules


def _rule_order(rules: Sequence[str], known: Sequence[str]) -> list[str]:
    order = [*known, *PLANNED_RULES]
    return sorted(rules, key=lambda r: (order.index(r) if r in order else len(order), r))


def rule_table(scores: Sequence[StoryScore], known: Sequence[str]) -> str:
    """Recall and precision per rule, and overall."""
    rules = _sum_rules(scores)
    header = (
        "rule", "status", "gold", "recalled", "recall", "caught (any rule)",
        "error+warning findings", "true", "over-severe", "precision",
    )  # fmt: skip
    rows = []
    for rule in _rule_order(list(rules), known):
        status = "exists" if rule in known else "planned" if rule in PLANNED_RULES else "?"
        rows.append(_rule_row(rule, status, rules[rule]))
    rows.append(_rule_row("**all**", "", sum(rules.values(), RuleCounts())))
    return _table(header, rows)


def _rule_row(name: str, status: str, c: RuleCounts) -> list[object]:
    return [
        name, status, c.gold, c.recalled, ratio(c.recalled, c.gold), c.caught,
        c.flagged, c.true, c.over_severe, ratio(c.true, c.flagged),
    ]  # fmt: skip


def group_table(scores: Sequence[StoryScore]) -> str:
    """The overall figures per language group (id, en, mixed) and for all stories."""
    header = (
        "group", "stories", "claims", "gold", "recalled", "recall", "caught (any rule)",
        "error+warning findings", "true", "precision", "false per 100 claims",
        "agreed facts", "corroborated", "contradicted",
    )  # fmt: skip
    rows = [
        _group_row(group, [s for s in scores if s.group == group])
        for group in GROUPS
        if any(s.group == group for s in scores)
    ]
    rows.append(_group_row("**all**", scores))
    return _table(header, rows)


def _group_row(name: str, scores: Sequence[StoryScore]) -> list[object]:
    c = sum((s.total for s in scores), RuleCounts())
    claims = sum(s.claims for s in scores)
    false = sum(len(s.false) for s in scores)
    agreed = sum(s.agreed for s in scores)
    corroborated = sum(s.corroborated for s in scores)
    return [
        name, len(scores), claims, c.gold, c.recalled, ratio(c.recalled, c.gold), c.caught,
        c.flagged, c.true, ratio(c.true, c.flagged), per_100(false, claims), agreed,
        f"{corroborated} ({ratio(corroborated, agreed)})", sum(s.contradicted for s in scores),
    ]  # fmt: skip


def story_table(scores: Sequence[StoryScore]) -> str:
    header = (
        "story", "group", "claims", "gold", "recalled", "caught", "findings", "true",
        "false", "agreed", "corroborated", "contradicted", "copies counted", "seconds",
    )  # fmt: skip
    rows = []
    for s in scores:
        c = s.total
        name = s.slug if s.error is None else f"{s.slug} (failed: {s.error})"
        rows.append([
            name, s.group, s.claims, c.gold, c.recalled, c.caught, c.flagged, c.true,
            len(s.false), s.agreed, s.corroborated, s.contradicted, s.copies_counted,
            f"{s.seconds:.1f}",
        ])  # fmt: skip
    return _table(header, rows)


def draft_notes(scores: Sequence[StoryScore]) -> str:
    unsupported = sum(s.unsupported for s in scores)
    on_agreed = sum(s.unsupported_on_agreed for s in scores)
    return (
        f"'unsupported' warnings: {on_agreed} on agreed facts (counted as false above), "
        f"{unsupported} on other draft claims (not judged: no gold says whether a source "
        "supports them)."
    )


def list_false(scores: Sequence[StoryScore]) -> str:
    lines = []
    for s in scores:
        for f, why in s.false:
            lines.append(f"- [{s.mode}] {s.slug}: {f.rule} ({f.severity}): {why}")
            lines += [f"    - {_clip(text)}" for text in f.shown]
    return "\n".join(lines) or "(none)"


def list_missed(scores: Sequence[StoryScore]) -> str:
    lines = []
    for s in scores:
        for gold, caught in s.missed:
            also = " (caught by another rule)" if caught else ""
            lines.append(f"- [{s.mode}] {s.slug}: {gold.rule} ({gold.severity}){also}")
            lines += [f"    - {p.article}: {p.text}" for p in gold.passages]
            lines.append(f"    - why: {gold.note}")
    return "\n".join(lines) or "(none)"


def _clip(text: str, limit: int = 240) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
