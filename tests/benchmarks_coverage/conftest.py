"""The coverage benchmark's helpers live in benchmarks/coverage/ and import each other as
top-level modules, as benchmarks/coverage_benchmark.py runs them."""

from __future__ import annotations

import sys
from pathlib import Path

COVERAGE = Path(__file__).parents[2] / "benchmarks" / "coverage"
sys.path.insert(0, str(COVERAGE))
