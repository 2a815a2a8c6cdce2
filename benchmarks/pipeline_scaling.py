"""How the whole pipeline grows with the corpus: time and peak memory per stage, cold and warm.

    python benchmarks/pipeline_scaling.py [--sizes 100 1000] [--engines local ray]
                                          [--model DIR] [--seed 4] [--no-plot]

For each size, a corpus is generated (benchmarks/corpus.py: the examples retold by many
outlets, paragraphs reordered, now and then a figure changed) and, for each engine, checked by
`checker.run.run_check` with the real NLI model in a fresh process (so that peak RSS is the
run's own):

- cold: an empty cache (verdicts and extracted claims);
- warm: one article edited (a figure changed in one sentence), then the same corpus checked
  again with the cache of the cold run, as a newsroom's CI does on every change.

Printed: a table per run (claims, pairs considered and judged per claim, model calls, seconds
per stage, ms per article, peak RSS), and whether the Ray engine's findings equal the local
engine's. Results are merged into benchmarks/results/pipeline_scaling.json (keyed by size,
engine and run, so that a 10,000-article run done once in the background adds to them), from
which benchmarks/pipeline_scaling.png is drawn: time per article and pairs per claim against
corpus size. The model's load time is measured apart and not in the stages; with the Ray
engine the actors load their model inside the judging stage, and RSS is the driver's.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import shlex
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from corpus import write_corpus

from checker.config import Config
from checker.nli.base import NLIBackend, Pair
from checker.nli.cache import cache_key
from checker.nli.labels import NLIScores

HERE = Path(__file__).parent
RESULTS = HERE / "results" / "pipeline_scaling.json"
PLOT = HERE / "pipeline_scaling.png"
NOW = datetime(2026, 1, 1, tzinfo=UTC)
STAGES = ("reading", "extracting", "grouping", "pairing", "judging", "comparing", "cross-checking")


class TimedNLI:
    """An NLI backend that counts the texts it judges (cache misses) and the seconds it takes."""

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


@dataclass
class StageClock:
    """A progress reporter that records when each stage ends and the peak RSS by then."""

    seconds: dict[str, float] = field(default_factory=dict)
    peak_mb: dict[str, float] = field(default_factory=dict)
    _stage: str | None = None
    _since: float = 0.0

    def __call__(self, text: str) -> None:
        self._close()
        self._stage, self._since = text.split(" ")[0], time.perf_counter()

    def _close(self) -> None:
        if self._stage is not None:
            self.seconds[self._stage] = time.perf_counter() - self._since
            self.peak_mb[self._stage] = _peak_mb()

    def finish(self) -> None:
        self._close()
        self._stage = None


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(corpus: Path, cache: Path, engine: str, model: Path | None) -> dict[str, Any]:
    """One check in this process: load the model, run, report the figures as a dict."""
    from checker.distributed import RayNLI
    from checker.nli.registry import load_backend
    from checker.run import run_check

    started = time.perf_counter()
    backend: Any = RayNLI(model) if engine == "ray" else load_backend(model)
    load_s = time.perf_counter() - started
    timed, clock = TimedNLI(backend), StageClock()
    started = time.perf_counter()
    report = run_check(
        [str(corpus)],
        Config(),
        now=NOW,
        backend=timed,
        progress=clock,
        today=date(2026, 1, 1),
        cache=cache,
    )
    clock.finish()
    check_s = time.perf_counter() - started
    if engine == "ray":
        backend.close()
    s = report.stats
    findings = sorted(f"{f.fingerprint} {f.severity.value}" for f in report.findings)
    return {
        "articles": s.articles,
        "claims": s.claims,
        "considered": s.pairs_considered,
        "judged": s.pairs_judged,
        "model_calls": timed.pairs,
        "nli_s": round(timed.seconds, 1),
        "load_s": round(load_s, 1),
        "check_s": round(check_s, 1),
        "stages_s": {k: round(v, 1) for k, v in clock.seconds.items()},
        "peak_rss_mb": round(_peak_mb()),
        "stage_peak_mb": {k: round(v) for k, v in clock.peak_mb.items()},
        "findings": len(findings),
        "findings_sha256": hashlib.sha256("\n".join(findings).encode()).hexdigest()[:16],
        "runtime": getattr(getattr(backend, "backend", backend), "runtime", "?"),
    }


def _run_child(corpus: Path, cache: Path, engine: str, model: Path | None) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", str(corpus), str(cache), engine]
    if model:
        command += ["--model", str(model)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{shlex.join(command)} failed:\n{done.stderr[-3000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _edit_one_article(folder: Path) -> tuple[Path, str]:
    """Change the first figure of the first article that has one; returns it and its text."""
    for path in sorted(p for p in folder.rglob("*") if p.suffix in (".txt", ".md")):
        text = path.read_text(encoding="utf-8")
        start = text.index("\n---\n", 4) + 5 if text.startswith("---\n") else 0
        head, body = text[:start], text[start:]  # never the front matter's date
        for digit in "123456789":
            if digit in body:
                edited = body.replace(digit, "7" if digit != "7" else "8", 1)
                path.write_text(head + edited, "utf-8")
                return path, text
    raise RuntimeError(f"no article with a figure under {folder}")


def measure(
    size: int,
    engines: Sequence[str],
    *,
    seed: int,
    model: Path | None,
    per_story: int,
    warm: bool = True,
) -> list[dict[str, Any]]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        write_corpus(corpus, size, seed=seed, per_story=per_story or None)
        for engine in engines:
            cache = Path(tmp) / f"cache-{engine}.sqlite3"
            cold = _run_child(corpus, cache, engine, model)
            print(f"  {size} {engine} cold: {cold['check_s']} s", file=sys.stderr, flush=True)
            rows.append({"size": size, "engine": engine, "run": "cold", **cold})
            if not warm:
                continue
            edited, original = _edit_one_article(corpus)
            again = _run_child(corpus, cache, engine, model)
            edited.write_text(original, encoding="utf-8")
            print(f"  {size} {engine} warm: {again['check_s']} s", file=sys.stderr, flush=True)
            rows.append({"size": size, "engine": engine, "run": "warm (one edit)", **again})
    return rows


def merge(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The stored results with these rows in place of those of the same size/engine/run."""
    stored = json.loads(RESULTS.read_text()) if RESULTS.is_file() else []
    key = lambda r: (r["size"], r["engine"], r["run"])  # noqa: E731
    fresh = {key(r) for r in rows}
    merged = [r for r in stored if key(r) not in fresh] + list(rows)
    merged.sort(key=key)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(merged, indent=1) + "\n")
    return merged


def table(rows: Sequence[dict[str, Any]]) -> str:
    head = (
        "| articles | engine | run | claims | considered / claim | judged / claim | model calls "
        "| " + " | ".join(f"{s} s" for s in STAGES) + " | total s | ms / article | peak RSS MB |"
    )
    lines = [head, "|" + "---|" * (11 + len(STAGES))]
    for r in rows:
        stages = [f"{r['stages_s'].get(s, 0):.1f}" for s in STAGES]
        lines.append(
            f"| {r['size']:,} | {r['engine']} | {r['run']} | {r['claims']:,} "
            f"| {r['considered'] / max(1, r['claims']):.0f} | {r['judged'] / max(1, r['claims']):.2f} "
            f"| {r['model_calls']:,} | " + " | ".join(stages) + f" | {r['check_s']:.1f} "
            f"| {1000 * r['check_s'] / max(1, r['articles']):.0f} | {r['peak_rss_mb']:,} |"
        )
    return "\n".join(lines)


def same_findings(rows: Sequence[dict[str, Any]]) -> list[str]:
    """For each size and run measured on both engines, whether their findings are equal."""
    out = []
    by = {(r["size"], r["run"], r["engine"]): r for r in rows}
    for size, run, engine in sorted(by):
        if engine == "ray" and (size, run, "local") in by:
            local, ray = by[(size, run, "local")], by[(size, run, "ray")]
            same = local["findings_sha256"] == ray["findings_sha256"]
            out.append(
                f"{size:,} articles, {run}: Ray findings {'==' if same else '!='} local "
                f"({ray['findings']} vs {local['findings']}); Ray overhead "
                f"{ray['check_s'] + ray['load_s'] - local['check_s'] - local['load_s']:+.1f} s "
                "(start, actors loading the model, scheduling)"
            )
    return out


def plot(rows: Sequence[dict[str, Any]]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2))
    series = sorted({(r["engine"], r["run"]) for r in rows})
    for engine, run in series:
        points = sorted((r["size"], r) for r in rows if (r["engine"], r["run"]) == (engine, run))
        sizes = [p[0] for p in points]
        left.plot(
            sizes,
            [1000 * r["check_s"] / r["articles"] for _, r in points],
            marker="o",
            label=f"{engine}, {run}",
        )
        if run == "cold":
            right.plot(
                sizes,
                [r["judged"] / r["claims"] for _, r in points],
                marker="o",
                label=f"judged ({engine})",
            )
            right.plot(
                sizes,
                [r["considered"] / r["claims"] / 100 for _, r in points],
                marker="s",
                linestyle="--",
                label=f"considered / 100 ({engine})",
            )
    left.set(xscale="log", xlabel="articles", ylabel="ms per article", title="Time per article")
    right.set(xscale="log", xlabel="articles", ylabel="pairs per claim", title="Pairs per claim")
    for axis in (left, right):
        axis.grid(True, alpha=0.3)
        axis.legend(fontsize=8)
        axis.set_ylim(bottom=0)
    figure.suptitle("Selaras pipeline scaling (2 CPU cores; generated corpus)")
    figure.tight_layout()
    figure.savefig(PLOT, dpi=110)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--engines", nargs="+", choices=("local", "ray"), default=["local"])
    parser.add_argument("--model", type=Path, default=None, help="NLI model directory")
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument(
        "--per-story",
        type=int,
        default=20,
        help="articles per story (default 20, as a news day; 0: five stories retold by all)",
    )
    parser.add_argument("--no-plot", action="store_true")
    parser.add_argument("--cold-only", action="store_true", help="skip the one-edit rerun")
    parser.add_argument(
        "--child", nargs=3, metavar=("CORPUS", "CACHE", "ENGINE"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.child:
        corpus, cache, engine = args.child
        print(json.dumps(child(Path(corpus), Path(cache), engine, args.model)))
        return 0
    started = time.perf_counter()
    rows = [
        r
        for size in args.sizes
        for r in measure(
            size,
            args.engines,
            seed=args.seed,
            model=args.model,
            per_story=args.per_story,
            warm=not args.cold_only,
        )
    ]
    merged = merge(rows)
    print("## Pipeline scaling (this run)\n")
    print(table(rows))
    for line in same_findings(rows):
        print(f"\n{line}")
    if not args.no_plot:
        plot(merged)
        print(f"\nPlot of every stored result: {PLOT.relative_to(HERE.parent)}")
    given = sys.argv[1:] if argv is None else list(argv)
    print(f"\nWall time: {time.perf_counter() - started:.1f} s")
    print(f"Command: `{shlex.join(['python', 'benchmarks/pipeline_scaling.py', *given])}`")
    return 0


if __name__ == "__main__":
    sys.exit(main())
