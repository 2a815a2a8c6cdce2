"""A request's options over the server's configuration: the config file's keys and checks,
given keys replacing the server's, tables merged key by key, server settings refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.config import Config, parse_config
from checker.rules.name_drift import RULE as NAME_DRIFT
from checker.rules.nli_contradiction import RULE as NLI_CONTRADICTION
from checker.rules.quote_drift import RULE as QUOTE_DRIFT
from checker.serve.errors import ServeError
from checker.serve.options import SERVER_ONLY, request_config
from checker.types import Severity

SERVER = parse_config(
    {
        "fail_on": "warning",
        "disable": ["nli-contradiction"],
        "severity": {"attribution-drift": "error"},
        "thresholds": {"entailment": 0.6, "contradiction": 0.9},
        "rules": {"name-drift": {"min_letters": 5, "letters_per_edit": 5}},
        "top_k": 7,
        "max_bytes": 1000,
    },
    "server.toml",
)


def test_no_options_is_the_server_configuration() -> None:
    assert request_config(SERVER, {}) == SERVER


def test_given_keys_replace_and_tables_merge() -> None:
    config = request_config(
        SERVER,
        {
            "fail_on": "error",
            "disable": [],
            "severity": {"quote-drift": "warning"},
            "thresholds": {"near_duplicate": 0.8, "quote_similarity": 0.9},
            "rules": {"name-drift": {"min_letters": 6}},
        },
    )
    assert config.fail_on == "error" and config.disable == frozenset()
    assert config.severity == {"attribution-drift": Severity.ERROR, "quote-drift": Severity.WARNING}
    assert config.thresholds.entailment == 0.6 and config.thresholds.near_duplicate == 0.8
    assert config.options_for(QUOTE_DRIFT).quote_similarity == 0.9
    assert config.options_for(NLI_CONTRADICTION).contradiction == 0.9  # the server's, kept
    names = config.options_for(NAME_DRIFT)
    assert names.min_letters == 6 and names.letters_per_edit == 5
    assert config.pairing.top_k == 7 and config.max_bytes == 1000


def test_statement_overlap_and_top_k() -> None:
    config = request_config(Config(), {"thresholds": {"statement_overlap": 0.7}, "top_k": 3})
    assert config.matching.statement_overlap == 0.7 and config.pairing.top_k == 3


@pytest.mark.parametrize("key", SERVER_ONLY)
def test_server_settings_are_not_a_requests_to_set(key: str) -> None:
    with pytest.raises(ServeError, match=f"'{key}' is the server's setting") as caught:
        request_config(SERVER, {key: "anything"})
    assert caught.value.code == "invalid_options"


def test_the_data_path_of_the_server_is_kept(tmp_path: Path) -> None:
    server = Config(data_path=tmp_path, model=tmp_path)
    config = request_config(server, {"fail_on": "never"})
    assert config.data_path == tmp_path and config.model == tmp_path


def test_same_option_in_two_places_is_refused_as_in_the_file() -> None:
    with pytest.raises(ServeError, match="set the same option"):
        request_config(
            Config(),
            {
                "thresholds": {"contradiction": 0.9},
                "rules": {"nli-contradiction": {"contradiction": 0.7}},
            },
        )
