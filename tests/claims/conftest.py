"""Shared fixtures for the claims tests: the example corpus, read once through ingestion."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from claims.ingest import read_inputs
from claims.types import Article

EXAMPLES = Path(__file__).parents[2] / "examples"
# Year inference counts back from "today"; pinned so the seeds read the same in any year.
SEED_TODAY = date(2026, 1, 1)

WriteFile = Callable[[str, "str | bytes"], Path]


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def seed_articles() -> tuple[Article, ...]:
    """The five example articles as ingestion reads them (metadata inferred), in file order."""
    paths = sorted(str(p) for p in EXAMPLES.glob("*.txt"))
    return read_inputs(paths, today=SEED_TODAY).articles


@pytest.fixture
def write_file(tmp_path: Path) -> WriteFile:
    """``write_file("a/b.txt", text_or_bytes)``: a file under a fresh temporary folder."""

    def write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write
