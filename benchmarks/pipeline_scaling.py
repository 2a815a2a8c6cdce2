"""How the whole pipeline grows with the corpus: claims, pairs and time per stage.

    python benchmarks/pipeline_scaling.py [--model DIR] [--max 100] [--seed 7] [--rerun N]

Runs checker.run.run_check with the real NLI model (loaded once) on 10 and 100
(and, with --max 1000, 1000) generated articles from benchmarks/corpus.py: the examples
retold by many outlets, paragraphs reordered and now and then a number changed. Pairing keeps
top-k partners per claim from an inverted index, so pairs judged per claim should stay flat
and time should grow linearly. The generated articles repeat the examples' sentences, so many
pairs are textually identical and judged once: NLI pairs per second counts model calls.

With --rerun N, N generated articles are checked with an empty verdict cache (cold), then one
article is edited (a figure changed in one sentence) and the corpus is checked again with the
cache: what a newsroom's CI does on every change.
"""

from __future__ import annotations

import argparse
import logging
import shlex
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from corpus import write_corpus

from checker.config import Config
from checker.nli.base import NLIBackend, Pair
from checker.nli.cache import cache_key
from checker.nli.labels import NLIScores
from checker.nli.registry import load_backend
from checker.run import run_check

log = logging.getLogger("pipeline_scaling")
SIZES = (10, 100, 1000)
NOW = datetime(2026, 1, 1, tzinfo=UTC)
CHECK_STARTS = "grouping events"  # the first stage after extraction (checker.pipeline.check)


class TimedNLI:
    """An NLI backend that counts the pairs it judges and the seconds it spends on them."""

    def __init__(self, backend: NLIBackend) -> None:
        self.backend = backend
        self.name = backend.name
        self.pairs = 0
        self.seconds = 0.0

    def predict(self, pairs: Sequence[Pair], *, batch_size: int = 16) -> list[NLIScores]:
        started = time.perf_counter()
        scores = self.backend.predict(pairs, batch_size=batch_size)
        self.seconds += time.perf_counter() - started
        self.pairs += len(pairs)
        return scores

    def cache_key(self) -> str | None:
        """The wrapped model's key: timing it changes none of its verdicts."""
        return cache_key(self.backend)


@dataclass(frozen=True, slots=True)
class Row:
    articles: int
    claims: int
    considered: int
    judged: int
    nli_calls: int  # (premise, hypothesis) texts the model scored: both directions, deduplicated
    extraction_s: float
    check_s: float  # pairing, NLI and the detectors
    nli_s: float

    def cells(self) -> list[str]:
        return [
            str(self.articles),
            str(self.claims),
            str(self.considered),
            str(self.judged),
            f"{self.judged / max(1, self.claims):.2f}",
            f"{self.extraction_s:.1f}",
            f"{self.check_s:.1f}",
            f"{self.nli_s:.1f}",
            str(self.nli_calls),
            f"{self.nli_calls / self.nli_s:.1f}" if self.nli_s else "–",
            f"{1000 * (self.extraction_s + self.check_s) / max(1, self.claims):.0f}",
        ]


HEADER = (
    "| articles | claims | pairs considered | pairs judged | judged per claim | extraction s "
    "| pairing+NLI s | of which NLI s | NLI calls | NLI pairs/s | ms per claim |\n"
    "|---|---|---|---|---|---|---|---|---|---|---|"
)


def measure(count: int, backend: NLIBackend, *, seed: int, batch_size: int) -> Row:
    timed = TimedNLI(backend)
    stages: dict[str, float] = {}  # when each stage began, from run_check's progress messages

    def mark(stage: str) -> None:
        stages.setdefault(stage, time.perf_counter())

    with tempfile.TemporaryDirectory() as tmp:
        write_corpus(Path(tmp), count, seed=seed)
        started = time.perf_counter()
        report = run_check(
            [tmp],
            Config(batch_size=batch_size),
            now=NOW,
            backend=timed,
            progress=mark,
            today=date(2026, 1, 1),
        )
        checked = time.perf_counter()
    extracted = stages[CHECK_STARTS]
    s = report.stats
    return Row(
        s.articles,
        s.claims,
        s.pairs_considered,
        s.pairs_judged,
        timed.pairs,
        extracted - started,
        checked - extracted,
        timed.seconds,
    )


@dataclass(frozen=True, slots=True)
class Rerun:
    articles: int
    claims: int
    cold_s: float
    cold_calls: int
    warm_s: float
    warm_calls: int


def _edit_one_article(folder: Path) -> Path:
    """Change the first figure of the first article that has one: a new claim text to judge."""
    for path in sorted(folder.rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for digit in "123456789":
            if digit in text:
                path.write_text(text.replace(digit, "7" if digit != "7" else "8", 1), "utf-8")
                return path
    raise RuntimeError(f"no article with a figure under {folder}")


def measure_rerun(count: int, backend: NLIBackend, *, seed: int, batch_size: int) -> Rerun:
    """Cold check with an empty cache, then the same corpus with one article edited."""
    timings: list[tuple[float, int, int]] = []
    with tempfile.TemporaryDirectory() as tmp:
        corpus, cache = Path(tmp) / "corpus", Path(tmp) / "verdicts.sqlite3"
        write_corpus(corpus, count, seed=seed)
        for run in ("cold", "warm"):
            if run == "warm":
                log.info("edited %s", _edit_one_article(corpus).name)
            timed = TimedNLI(backend)
            started = time.perf_counter()
            report = run_check(
                [str(corpus)],
                Config(batch_size=batch_size),
                now=NOW,
                backend=timed,
                today=date(2026, 1, 1),
                cache=cache,
            )
            timings.append((time.perf_counter() - started, timed.pairs, report.stats.claims))
            log.info("%s run: %.1f s, %d model calls", run, timings[-1][0], timed.pairs)
    (cold_s, cold_calls, claims), (warm_s, warm_calls, _) = timings
    return Rerun(count, claims, cold_s, cold_calls, warm_s, warm_calls)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--model", type=Path, default=None, help="NLI model directory")
    parser.add_argument("--max", type=int, default=100, choices=SIZES, help="largest corpus")
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument(
        "--rerun", type=int, default=None, metavar="N", help="cold and one-edit rerun at N articles"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    started = time.perf_counter()
    backend = load_backend(args.model)
    rows = []
    for count in (n for n in SIZES if n <= args.max):
        rows.append(measure(count, backend, seed=args.seed, batch_size=args.batch_size))
        log.info("%d articles done", count)
    print(f"## Pipeline scaling ({backend.name})\n")
    print(HEADER)
    for row in rows:
        print("| " + " | ".join(row.cells()) + " |")
    if args.rerun:
        r = measure_rerun(args.rerun, backend, seed=args.seed, batch_size=args.batch_size)
        print(
            "\n| articles | claims | cold s (empty cache) | model calls | rerun after one edit s | model calls |"
        )
        print("|---|---|---|---|---|---|")
        print(
            f"| {r.articles} | {r.claims} | {r.cold_s:.1f} | {r.cold_calls} | {r.warm_s:.1f} "
            f"| {r.warm_calls} |"
        )
    given = sys.argv[1:] if argv is None else list(argv)
    print(f"\nWall time: {time.perf_counter() - started:.1f} s")
    print(f"Command: `{shlex.join(['python', 'benchmarks/pipeline_scaling.py', *given])}`")
    return 0


if __name__ == "__main__":
    sys.exit(main())
