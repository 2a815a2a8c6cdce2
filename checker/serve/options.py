"""A request's ``options``: the keys of ``[tool.selaras]`` that belong to one check.

The API accepts what the configuration file accepts, validated by the same code
(:func:`checker.config.parse_config`), so a value is right or wrong in both places alike. The
options are laid over the server's configuration: ``fail_on``, ``top_k``, ``languages`` and
``disable`` replace the server's, while ``severity``, ``thresholds`` and ``rules`` change only
the keys given. What reaches the server's disk or sets up the server (the model, the data
folder, input globs, size limits, batch size, output format) is not a request's to set.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from checker.config import RULE_THRESHOLDS, Config, Thresholds, parse_config
from checker.errors import ConfigError
from checker.rules import get_rule
from checker.serve.errors import ServeError

REQUEST_OPTIONS = ("fail_on", "top_k", "languages", "disable", "severity", "thresholds", "rules")
SERVER_ONLY = ("model", "data_path", "include", "exclude", "max_bytes", "batch_size", "format")
_THRESHOLD_FIELDS = frozenset(f.name for f in dataclasses.fields(Thresholds))


def request_config(server: Config, options: Mapping[str, Any]) -> Config:
    """The server's configuration with a request's ``options`` laid over it.

    Raises :class:`ServeError` (``invalid_options``) naming the key, as the config file does.
    """
    for key in options:
        if key in SERVER_ONLY:
            raise ServeError(
                "invalid_options",
                f"options: '{key}' is the server's setting (its --config or command line); "
                "a request cannot set it",
            )
        if key not in REQUEST_OPTIONS:
            raise ServeError(
                "invalid_options",
                f"options: unknown key {key!r} (known: {', '.join(REQUEST_OPTIONS)})",
            )
    try:
        given = parse_config(dict(options), "options")
    except ConfigError as exc:
        raise ServeError("invalid_options", str(exc)) from None
    return _overlay(server, given, options)


def _overlay(server: Config, given: Config, options: Mapping[str, Any]) -> Config:
    """``server`` with the values ``options`` named taken from ``given`` (their parsed form)."""
    changes: dict[str, Any] = {
        key: getattr(given, key) for key in ("fail_on", "languages", "disable") if key in options
    }
    if "top_k" in options:
        changes["pairing"] = dataclasses.replace(server.pairing, top_k=given.pairing.top_k)
    if "severity" in options:
        changes["severity"] = {**server.severity, **given.severity}
    thresholds: Mapping[str, Any] = options.get("thresholds", {})
    named = {k: getattr(given.thresholds, k) for k in thresholds if k in _THRESHOLD_FIELDS}
    if named:
        changes["thresholds"] = dataclasses.replace(server.thresholds, **named)
    if "statement_overlap" in thresholds:
        overlap = given.matching.statement_overlap
        changes["matching"] = dataclasses.replace(server.matching, statement_overlap=overlap)
    rule_options = dict(server.rule_options)
    for rule_id, names in _rule_options_given(options).items():
        chosen = given.rule_options[rule_id]
        base: Any = rule_options.get(rule_id, get_rule(rule_id).options)
        rule_options[rule_id] = dataclasses.replace(
            base, **{name: getattr(chosen, name) for name in names}
        )
    changes["rule_options"] = rule_options
    return dataclasses.replace(server, **changes)


def _rule_options_given(options: Mapping[str, Any]) -> dict[str, set[str]]:
    """Rule id -> the option names the request set, in ``[rules.<id>]`` or ``[thresholds]``."""
    named: dict[str, set[str]] = {}
    for rule_id, table in options.get("rules", {}).items():
        named.setdefault(rule_id, set()).update(table)
    for key, (rule_id, name) in RULE_THRESHOLDS.items():
        if key in options.get("thresholds", {}):
            named.setdefault(rule_id, set()).add(name)
    return named
