"""Configuration: [tool.selaras] and selaras.toml, with errors that name the key and the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.config import Config, find_config, load_config
from checker.errors import ConfigError
from checker.types import FindingKind, Severity


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
    assert (config.fail_on, config.top_k, config.exclude) == ("warning", 3, ("drafts/*",))
    assert config.thresholds == {"contradiction": 0.9}
    assert config.severity == {FindingKind.ATTRIBUTION_DRIFT: Severity.ERROR}


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
        ("top_k = [\n", r"not valid TOML"),
    ],
)
def test_bad_configuration_names_key_and_file(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path / "selaras.toml", text)
    with pytest.raises(ConfigError, match=message) as raised:
        load_config(path)
    assert str(path) in str(raised.value)
