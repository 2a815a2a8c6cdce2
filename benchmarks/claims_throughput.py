"""Claim extraction throughput: articles and claims per second, on one core.

    python benchmarks/claims_throughput.py [--articles 1000]

Runs ingestion, cleaning, segmentation and extraction (dates, numbers, quotes, entities) on
the example corpus and on a generated corpus, pinned to one CPU, after one warm-up pass.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from corpus import EXAMPLES, write_corpus  # type: ignore[import-not-found]

from claims.extract import extract_corpus
from claims.ingest import read_inputs


def measure(paths: list[str]) -> tuple[int, int, float]:
    started = time.perf_counter()
    extraction = extract_corpus(read_inputs(paths))
    seconds = time.perf_counter() - started
    return len(extraction.articles), len(extraction.claims), seconds


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    measure([str(EXAMPLES)])  # warm-up: language data, regexes, dateparser caches
    with tempfile.TemporaryDirectory() as tmp:
        write_corpus(Path(tmp), args.articles)
        for name, paths in (
            ("examples (5 articles)", [str(EXAMPLES)]),
            (f"generated ({args.articles} articles)", [tmp]),
        ):
            articles, claims, seconds = measure(paths)
            print(
                f"{name}: {articles} articles, {claims} claims in {seconds:.2f} s -> "
                f"{articles / seconds:.1f} articles/s, {claims / seconds:.0f} claims/s (1 core)"
            )


if __name__ == "__main__":
    main()
