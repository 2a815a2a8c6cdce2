"""The one list of finding rules. Configuration, severities, report metadata, the JSON schema's
kind list (checked by a test) and the pipeline all read it.

Adding a rule: a module in this package defining ``RULE``, one line below, and tests.
Consumers call :func:`all_rules` and :func:`get_rule` when they need the list, never copy it at
import time, so that every one of them sees the same rules.
"""

from __future__ import annotations

from typing import Any

from checker.errors import CheckerError
from checker.rules import (
    attribution_drift,
    date_drift,
    location_drift,
    name_drift,
    nli_contradiction,
    number_drift,
    quote_drift,
    time_drift,
    unsupported,
    updated_figure,
    weekday_mismatch,
)
from checker.rules.base import Rule, Scope

# In the order reports list rules and count findings per rule.
RULES: tuple[Rule[Any, Any], ...] = (
    quote_drift.RULE,
    date_drift.RULE,
    number_drift.RULE,
    updated_figure.RULE,
    attribution_drift.RULE,
    weekday_mismatch.RULE,
    name_drift.RULE,
    location_drift.RULE,
    time_drift.RULE,
    nli_contradiction.RULE,
    unsupported.RULE,
)


class UnknownRuleError(CheckerError):
    """A rule id that no registered rule has."""


def all_rules() -> tuple[Rule[Any, Any], ...]:
    return RULES


def rule_ids() -> tuple[str, ...]:
    return tuple(rule.id for rule in RULES)


def get_rule(rule_id: str) -> Rule[Any, Any]:
    for rule in RULES:
        if rule.id == rule_id:
            return rule
    raise UnknownRuleError(f"unknown rule {rule_id!r} (known: {', '.join(rule_ids())})")


def rules_of(scope: Scope) -> tuple[Rule[Any, Any], ...]:
    return tuple(rule for rule in RULES if rule.scope == scope)
