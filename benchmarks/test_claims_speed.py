"""pytest-benchmark suite for the text pipeline: `make bench` (or pytest benchmarks --benchmark-enable)."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus import EXAMPLES, write_corpus  # type: ignore[import-not-found]

from claims.extract import extract_corpus
from claims.ingest import read_inputs


def test_extract_examples(benchmark) -> None:  # type: ignore[no-untyped-def]
    extraction = benchmark(lambda: extract_corpus(read_inputs([str(EXAMPLES)])))
    assert len(extraction.articles) == 5


@pytest.mark.parametrize("count", [100])
def test_extract_generated(benchmark, tmp_path: Path, count: int) -> None:  # type: ignore[no-untyped-def]
    write_corpus(tmp_path, count)
    extraction = benchmark.pedantic(lambda: extract_corpus(read_inputs([str(tmp_path)])), rounds=3)
    assert len(extraction.articles) == count
