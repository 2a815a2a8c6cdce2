"""Candidate pairing as the corpus grows: the array version against the per-pair loop it replaced.

    python benchmarks/pairing_speed.py [--sizes 100 1000] [--old-max 1000] [--repeat 3]
        [--seed 4] [--cache DIR] [--memory]

Each size is a generated corpus (benchmarks/corpus.py: the examples retold by many outlets),
read and extracted as ``selaras check`` does, and its checkable claims are paired by
checker.pairing.candidate_pairs. Printed per size: claims, seconds of the per-pair loop
(tests/checker/pairing_reference.py, up to --old-max articles) and of the array version (CPU
seconds, best of --repeat), of which building the index (terms, weights, postings), time per
claim, candidates considered and pairs kept per claim, and whether both gave the same pairs.
With --memory, the array version runs once more under tracemalloc for its peak allocation.

The generated corpus repeats each example's sentences in every retelling, so posting lists
reach their cap (400) and candidates per claim grow until they do. Extracting 10,000 articles
takes about 25 minutes on one core: --cache DIR keeps the extracted claims as pickles.
"""

from __future__ import annotations

import argparse
import logging
import pickle
import shlex
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar

from corpus import write_corpus  # type: ignore[import-not-found]

from checker.pairing import ClaimIndex, PairingOptions, candidate_pairs
from claims.extract import extract_corpus
from claims.ingest import read_inputs
from claims.shape import is_checkable
from claims.types import Claim

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.checker.pairing_reference import reference_pairs

log = logging.getLogger("pairing_speed")
TODAY = date(2026, 1, 1)  # bounds year inference, so that every run extracts the same claims
Claims = tuple[list[Claim], list[str]]
Found = tuple[list[tuple[str, str, float]], int]
T = TypeVar("T")


def extract(count: int, seed: int) -> Claims:
    """The checkable claims of ``count`` generated articles, with their languages."""
    with tempfile.TemporaryDirectory() as tmp:
        write_corpus(Path(tmp), count, seed=seed)
        extraction = extract_corpus(read_inputs([tmp], today=TODAY))
    languages = {e.article.id: e.article.language for e in extraction.articles}
    claims = [c for c in extraction.claims if is_checkable(c)]
    return claims, [languages[c.article_id] for c in claims]


def claims_for(count: int, seed: int, cache: Path | None) -> Claims:
    """:func:`extract`, kept under ``cache`` (when given) for the next run."""
    path = cache / f"claims-{count}-seed{seed}.pkl" if cache else None
    if path and path.is_file():
        with path.open("rb") as file:
            found: Claims = pickle.load(file)
            return found
    started = time.perf_counter()
    found = extract(count, seed)
    log.info("%d articles extracted in %.0f s", count, time.perf_counter() - started)
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as file:
            pickle.dump(found, file)
    return found


def cpu_seconds(run: Callable[[], T], repeat: int = 1) -> tuple[float, T]:
    """The least CPU time of ``repeat`` runs (the machine may be shared), and the result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.process_time()
        result = run()
        best = min(best, time.process_time() - started)
    assert result is not None
    return best, result


def new_pairs(claims: Sequence[Claim], languages: Sequence[str]) -> Found:
    pairs, considered = candidate_pairs(claims, languages)
    return [(p.claim.id, p.other.id, p.score) for p in pairs], considered


def peak_mb(claims: Sequence[Claim], languages: Sequence[str]) -> float:
    tracemalloc.start()
    candidate_pairs(claims, languages)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


@dataclass(frozen=True, slots=True)
class Row:
    articles: int
    claims: int
    old_s: float | None
    new_s: float
    index_s: float
    considered: int
    pairs: int
    same: bool | None
    peak_mb: float | None

    def cells(self) -> list[str]:
        per_claim = max(1, self.claims)
        return [
            str(self.articles),
            str(self.claims),
            "–" if self.old_s is None else f"{self.old_s:.1f}",
            f"{self.new_s:.2f}",
            f"{self.index_s:.2f}",
            "–" if self.old_s is None else f"{self.old_s / self.new_s:.0f}x",
            f"{1000 * self.new_s / per_claim:.3f}",
            f"{self.considered / per_claim:.0f}",
            f"{self.pairs / per_claim:.2f}",
            "–" if self.same is None else ("yes" if self.same else "NO"),
            "–" if self.peak_mb is None else f"{self.peak_mb:.0f}",
        ]


HEADER = (
    "| articles | claims | per-pair loop s | arrays s | of which index s | speed-up "
    "| arrays ms per claim | considered per claim | pairs per claim | same pairs | peak MB |\n"
    "|---|---|---|---|---|---|---|---|---|---|---|"
)


def measure(count: int, args: argparse.Namespace) -> Row:
    claims, languages = claims_for(count, args.seed, args.cache)
    new_s, (pairs, considered) = cpu_seconds(lambda: new_pairs(claims, languages), args.repeat)
    index_s, _ = cpu_seconds(lambda: ClaimIndex(claims, languages, PairingOptions()))
    old_s, same = None, None
    if count <= args.old_max:
        old_s, old = cpu_seconds(lambda: reference_pairs(claims, languages, PairingOptions()))
        same = old == (pairs, considered)
    peak = peak_mb(claims, languages) if args.memory else None
    log.info("%d articles done", count)
    return Row(count, len(claims), old_s, new_s, index_s, considered, len(pairs), same, peak)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000], help="articles")
    parser.add_argument("--old-max", type=int, default=1000, help="largest size for the loop")
    parser.add_argument("--repeat", type=int, default=3, help="runs of the array version")
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--cache", type=Path, default=None, help="folder for extracted claims")
    parser.add_argument("--memory", action="store_true", help="peak allocation (tracemalloc)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    rows = [measure(count, args) for count in args.sizes]
    print("## Candidate pairing: per-pair loop vs arrays (CPU seconds)\n")
    print(HEADER)
    for row in rows:
        print("| " + " | ".join(row.cells()) + " |")
    given = sys.argv[1:] if argv is None else list(argv)
    print(f"\nCommand: `{shlex.join(['python', 'benchmarks/pairing_speed.py', *given])}`")
    return 0 if all(row.same is not False for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
