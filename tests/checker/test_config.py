"""Configuration: [tool.selaras] and selaras.toml, with errors that name the key and the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.config import Config, Thresholds, find_config, load_config, parse_config
from checker.errors import ConfigError
from checker.rules import get_rule
from checker.rules.compare import Matching
from checker.rules.nli_contradiction import NLIContradictionOptions
from checker.rules.quote_drift import QuoteDriftOptions
from checker.types import Severity


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_pyproject_table_is_read(tmp_path: Path) -> None:
    path = write(
        tmp_path / "pyproject.toml",
        '[project]\nname = "x"\n[tool.selaras]\nfail_on = "warning"\ntop_k = 3\n'
        'exclude = ["drafts/*"]\n[tool.selaras.thresholds]\ncontradiction = 0.9\n'
        '[tool.selaras.severity]\nattribution-drift = "error"\n',
    )
    config = load_config(path)
    assert (config.fail_on, config.pairing.top_k, config.exclude) == ("warning", 3, ("drafts/*",))
    assert config.options_for(get_rule("nli-contradiction")) == NLIContradictionOptions(0.9)
    assert config.thresholds == Thresholds()
    assert config.severity == {"attribution-drift": Severity.ERROR}


def test_find_config_prefers_selaras_toml_and_walks_up(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.selaras]\ntop_k = 2\n")
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    assert find_config(nested) == tmp_path / "pyproject.toml"
    write(tmp_path / "a" / "selaras.toml", "top_k = 4\n")
    assert find_config(nested) == tmp_path / "a" / "selaras.toml"


def test_pyproject_without_table_is_not_a_config(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    assert find_config(tmp_path) is None or find_config(tmp_path) != tmp_path / "pyproject.toml"
    assert load_config(None) == Config()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("fail_om = 'error'\n", r"unknown key 'fail_om'"),
        ("fail_on = 'sometimes'\n", r"'fail_on' must be one of error, warning, never"),
        ("top_k = 0\n", r"'top_k' must be at least 1"),
        ("batch_size = 'big'\n", r"'batch_size' must be int"),
        (
            "[thresholds]\ncontradiction = 1.5\n",
            r"'thresholds.contradiction' must be a number from 0.0 to 1.0",
        ),
        ("[thresholds]\nnli = 0.5\n", r"unknown key 'thresholds.nli'"),
        (
            "[severity]\nquote-drift = 'fatal'\n",
            r"'severity.quote-drift' must be error, warning or info",
        ),
        ("disable = ['typo-drift']\n", r"unknown finding kind 'typo-drift'"),
        ("disable = ['single-source']\n", r"unknown finding kind 'single-source'"),
        ("format = 'pdf'\n", r"'format' must be one of terminal, json, .*, got 'pdf'"),
        (
            "[rules.typo-drift]\nquote_similarity = 0.5\n",
            r"'rules.typo-drift' names an unknown rule",
        ),
        (
            "[rules.quote-drift]\nsimilarity = 0.5\n",
            r"unknown key 'rules.quote-drift.similarity' \(known: quote_similarity\)",
        ),
        ("[rules.date-drift]\nx = 1\n", r"'rules.date-drift.x' \(known: none"),
        (
            "[rules.quote-drift]\nquote_similarity = 1.2\n",
            r"'rules.quote-drift.quote_similarity' must be a number from 0.0 to 1.0",
        ),
        ("[rules]\nquote-drift = 0.8\n", r"'rules.quote-drift' must be a table"),
        (
            "[thresholds]\nquote_similarity = 0.9\n[rules.quote-drift]\nquote_similarity = 0.7\n",
            r"'thresholds.quote_similarity' and 'rules.quote-drift.quote_similarity' set the same",
        ),
        ("top_k = [\n", r"not valid TOML"),
    ],
)
def test_bad_configuration_names_key_and_file(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path / "selaras.toml", text)
    with pytest.raises(ConfigError, match=message) as raised:
        load_config(path)
    assert str(path) in str(raised.value)


def test_rule_options_are_set_per_rule(tmp_path: Path) -> None:
    path = write(tmp_path / "selaras.toml", "[rules.quote-drift]\nquote_similarity = 0.9\n")
    config = load_config(path)
    assert config.options_for(get_rule("quote-drift")) == QuoteDriftOptions(quote_similarity=0.9)
    assert config.options_for(get_rule("nli-contradiction")) == NLIContradictionOptions()


def test_documented_threshold_keys_map_to_rule_options_and_matching(tmp_path: Path) -> None:
    path = write(
        tmp_path / "selaras.toml",
        "[thresholds]\nquote_similarity = 0.85\nstatement_overlap = 0.7\ncontradiction = 0.75\n"
        "entailment = 0.6\ncontradiction_note = 0.4\nduplicate_contradiction = 0.3\n"
        "near_duplicate = 0.9\n",
    )
    config = load_config(path)
    assert config.options_for(get_rule("quote-drift")).quote_similarity == 0.85
    assert config.options_for(get_rule("nli-contradiction")).contradiction == 0.75
    assert config.matching == Matching(statement_overlap=0.7)
    assert config.thresholds == Thresholds(
        entailment=0.6, contradiction_note=0.4, duplicate_contradiction=0.3, near_duplicate=0.9
    )


def test_defaults_live_in_the_records() -> None:
    config = Config()
    assert config.thresholds == Thresholds() and config.matching == Matching()
    assert config.options_for(get_rule("quote-drift")) == get_rule("quote-drift").options
    assert (config.format, config.fail_on, config.languages) == ("terminal", "error", ())


def test_languages_and_format_are_read(tmp_path: Path) -> None:
    path = write(tmp_path / "selaras.toml", 'languages = ["id"]\nformat = "sarif"\n')
    config = load_config(path)
    assert (config.languages, config.format) == (("id",), "sarif")


def test_the_runtime_key_is_checked_and_reaches_the_model_loader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from checker.cli import main

    from .test_cache import CountingNLI

    with pytest.raises(ConfigError, match="runtime"):
        parse_config({"runtime": "gpu"}, "selaras.toml")
    assert parse_config({"runtime": "torch"}, "selaras.toml").runtime == "torch"
    asked: list[str | None] = []

    def loader(path: Path | None, *, runtime: str | None = None) -> CountingNLI:
        asked.append(runtime)
        return CountingNLI()

    monkeypatch.setattr("checker.run.load_backend", loader)
    (tmp_path / "selaras.toml").write_text('runtime = "onnx-int8"\n', encoding="utf-8")
    examples = Path(__file__).parents[2] / "examples"
    argv = ["check", str(examples), "-q", "--no-cache", "--fail-on", "never", "--format", "json"]
    assert main([*argv, "--config", str(tmp_path / "selaras.toml")]) == 0
    assert main([*argv, "--config", str(tmp_path / "selaras.toml"), "--runtime", "torch"]) == 0
    assert asked == ["onnx-int8", "torch"]
