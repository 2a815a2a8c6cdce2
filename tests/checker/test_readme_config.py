"""The configuration example in the README is valid configuration (docs that cannot rot)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from checker.config import parse_config

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_configuration_example_parses(tmp_path: Path) -> None:
    block = re.search(r"```toml\n(\[tool\.selaras\].*?)```", README.read_text("utf-8"), re.S)
    assert block, "README has no [tool.selaras] example"
    table = tomllib.loads(block.group(1))["tool"]["selaras"]
    (tmp_path / table["data_path"]).mkdir()
    config = parse_config(table, str(tmp_path / "pyproject.toml"))
    assert config.data_path == tmp_path / table["data_path"]
    assert config.languages == tuple(table["languages"])
    assert "nli-contradiction" in config.disable
    assert config.runtime == table["runtime"]
