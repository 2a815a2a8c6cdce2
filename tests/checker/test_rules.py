"""The rule registry (checker/rules): one list that config, reports, the schema and the pipeline read.

The last tests register an example rule, as a new rule module would, and follow it through
configuration, severity, report metadata and the pipeline, with no other line changed.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import pkgutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest

import checker.rules
from checker.config import parse_config
from checker.errors import ConfigError
from checker.pipeline import check
from checker.report import render
from checker.report.serialize import load_schema
from checker.rules import Rule, RuleContext, all_rules, get_rule, registry, rule_ids
from checker.rules.base import SCOPES, option
from checker.types import Finding, Report, RunStats, Severity
from claims.types import Claim

from .builders import ScriptedNLI, example_extraction

NOW = datetime(2026, 1, 1, 12, 0)


def test_registry_ids_names_and_texts_are_complete_and_unique() -> None:
    rules = all_rules()
    assert len({r.id for r in rules}) == len({r.name for r in rules}) == len(rules)
    for rule in rules:
        assert rule.scope in SCOPES
        assert rule.summary.endswith(".") and rule.help.endswith(".")
        assert dataclasses.is_dataclass(rule.options), rule.id
        assert get_rule(rule.id) is rule


def test_every_rule_module_is_registered() -> None:
    shared = {"base", "compare", "registry"}
    modules = [m.name for m in pkgutil.iter_modules(checker.rules.__path__) if m.name not in shared]
    registered = [importlib.import_module(f"checker.rules.{m}").RULE for m in modules]
    assert sorted(r.id for r in registered) == sorted(rule_ids())


def test_json_schema_kind_lists_match_the_registry() -> None:
    schema = load_schema()
    assert schema["$defs"]["kind"]["enum"] == list(rule_ids())
    by_kind = schema["properties"]["summary"]["properties"]["by_kind"]
    assert by_kind["required"] == list(rule_ids())


def test_get_rule_unknown_id_names_the_known_ones() -> None:
    with pytest.raises(checker.rules.UnknownRuleError, match="known: quote-drift, date-drift"):
        get_rule("single-source")


# --- an example rule, registered the way a new module would be -----------------------------


@dataclass(frozen=True, slots=True)
class LongClaimOptions:
    max_words: int = option(40, low=1, high=1000)


def detect_long_claim(claim: Claim, ctx: RuleContext) -> Iterator[Finding]:
    words = len(claim.text.split())
    if words > ctx.options(LONG_CLAIM).max_words:
        e = ctx.evidence(claim)
        yield LONG_CLAIM.finding(e, [], f"{words} words in one sentence.", confidence=1.0)


LONG_CLAIM: Rule[Claim, LongClaimOptions] = Rule(
    id="long-claim",
    name="LongClaim",
    severity=Severity.INFO,
    scope="claim",
    summary="A sentence is too long to check well.",
    help="Split it in two.",
    detect=detect_long_claim,
    options=LongClaimOptions(),
)


@pytest.fixture
def with_example_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "RULES", (*registry.RULES, LONG_CLAIM))


def test_example_rule_is_unknown_until_registered() -> None:
    with pytest.raises(ConfigError, match="unknown finding kind 'long-claim'"):
        parse_config({"severity": {"long-claim": "error"}}, "test.toml")


@pytest.mark.usefixtures("with_example_rule")
def test_example_rule_is_configurable() -> None:
    config = parse_config(
        {"severity": {"long-claim": "error"}, "rules": {"long-claim": {"max_words": 12}}},
        "test.toml",
    )
    assert config.severity == {"long-claim": Severity.ERROR}
    assert config.options_for(LONG_CLAIM) == LongClaimOptions(max_words=12)
    with pytest.raises(ConfigError, match=r"'rules\.long-claim\.max_words' must be a number"):
        parse_config({"rules": {"long-claim": {"max_words": 0}}}, "test.toml")


@pytest.mark.usefixtures("with_example_rule")
def test_example_rule_is_in_the_report_metadata() -> None:
    report = Report((), (), (), (), (), RunStats(0, 0, 0, 0, 0.0), "m", "0.1.0", NOW)
    sarif = json.loads(render(report, "sarif"))["runs"][0]["tool"]["driver"]["rules"]
    assert sarif[-1]["id"] == "long-claim"
    assert sarif[-1]["defaultConfiguration"]["level"] == "note"
    assert sarif[-1]["help"]["text"] == "Split it in two."
    assert json.loads(render(report, "json"))["summary"]["by_kind"]["long-claim"] == 0
    assert 'value="long-claim"' in render(report, "html")


@pytest.mark.usefixtures("with_example_rule")
def test_example_rule_runs_in_the_pipeline_with_its_options_and_severity() -> None:
    def long_claims(**table: Any) -> list[Finding]:
        config = parse_config(table, "test.toml")
        report = check(example_extraction(), ScriptedNLI(), now=NOW, config=config)
        return [f for f in report.findings if f.kind == "long-claim"]

    default = long_claims()
    shorter = long_claims(rules={"long-claim": {"max_words": 20}}, severity={"long-claim": "error"})
    assert default and len(shorter) > len(default)
    assert all(len(f.claim.text.split()) > 40 for f in default)
    assert {f.severity for f in default} == {Severity.INFO}
    assert {f.severity for f in shorter} == {Severity.ERROR}
    assert long_claims(disable=["long-claim"]) == []


@pytest.mark.parametrize("focus", [None, "a3"])
def test_article_pairs_by_group_are_the_same_pairs_in_order_without_the_rest(
    focus: str | None,
) -> None:
    from checker.rules.base import CorpusCheck

    ids = [f"a{i}" for i in range(12)]
    event = {article: int(article[1:]) % 3 for article in ids}
    corpus = CorpusCheck({article: () for article in ids}, focus)
    every = list(corpus.article_pairs())
    grouped = list(corpus.article_pairs(group=event.__getitem__))
    assert grouped == [(a, b) for a, b in every if event[a] == event[b]]
    assert grouped and len(grouped) < len(every)
    listed = set(every)
    for a in ids:
        for b in ids:
            assert corpus.compares(a, b) == ((a, b) in listed)
