"""Finding rules: one module per rule (id, default severity, scope, help, options, detect) and
the registry that holds the one list of them (:mod:`checker.rules.registry`)."""

from __future__ import annotations

from checker.rules.base import CorpusCheck, DraftCheck, NoOptions, Rule, RuleContext, Scope
from checker.rules.registry import (
    UnknownRuleError,
    all_rules,
    get_rule,
    rule_ids,
    rules_of,
)

__all__ = [
    "CorpusCheck",
    "DraftCheck",
    "NoOptions",
    "Rule",
    "RuleContext",
    "Scope",
    "UnknownRuleError",
    "all_rules",
    "get_rule",
    "rule_ids",
    "rules_of",
]
