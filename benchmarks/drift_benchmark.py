"""How well Selaras finds planted drift, and how often it cries wolf: precision and recall per kind.

    python benchmarks/drift_benchmark.py [--model DIR] [--seed N] [--cases N] [--controls N]

Each case is the five example articles plus a copy of one of them under another outlet's name,
with exactly one sentence edited: a planted drift (a quote moved to another day, a date, a
number or ordinal, a speaker or cited outlet, a weekday that no longer fits its date) or a
control whose edit keeps the facts (an alias, another speech verb, a synonym, a reordered
clause, or no edit). Every case runs the real pipeline (checker.run.run_check) with the real
NLI model, loaded once; pairs already judged in an earlier case are not judged
again. A planted case is recalled when a finding of the planted kind covers the edited
sentence; precision counts, per kind, the new findings on the copy that cover the edit.
Controls give false findings per 100 claims of the copy. See drift_cases.py and
drift_scoring.py for the details.
"""

from __future__ import annotations

import argparse
import logging
import shlex
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from drift_cases import (
    COPY_STEM,
    TODAY,
    Plan,
    example_paths,
    make_copies,
    plan_cases,
    write_copy,
)
from drift_edits import PLANTING_RULES
from drift_scoring import CachedNLI, CaseResult, Totals, baseline_keys, score_case

from checker.config import Config
from checker.nli.registry import load_backend
from checker.rules import rule_ids
from checker.run import run_check
from checker.types import Report

log = logging.getLogger("drift_benchmark")
NOW = datetime(2026, 1, 1, tzinfo=UTC)


def run(plan: Plan, model: Path | None, *, batch_size: int) -> tuple[list[CaseResult], CachedNLI]:
    """Run the baseline and every case through the real pipeline; score each case."""
    examples = example_paths()
    backend = CachedNLI(load_backend(model))
    config = Config(batch_size=batch_size)

    def checked(paths: list[Path]) -> Report:
        return run_check(paths, config, now=NOW, backend=backend, today=TODAY)

    known = baseline_keys(checked(examples))
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for number, case in enumerate(plan.cases, start=1):
            started, judged = time.perf_counter(), len(backend.scores)
            report = checked([*examples, write_copy(case.text, Path(tmp))])
            # corroboration lists every claim checked: in corpus mode, every claim of the copy
            claims = sum(c.claim.article_id == COPY_STEM for c in report.corroboration)
            results.append(score_case(case, report, known, extra=COPY_STEM, claims=claims))
            log.info(
                "%d/%d %s: %s (%d new NLI pairs, %.1f s)",
                number,
                len(plan.cases),
                case.name,
                _outcome(results[-1]),
                len(backend.scores) - judged,
                time.perf_counter() - started,
            )
    return results, backend


def _outcome(result: CaseResult) -> str:
    kinds = ", ".join(sorted(f.kind for f in result.hits)) or "nothing on the edit"
    return f"{kinds}; {len(result.new) - len(result.hits)} other new finding(s)"


def summary_table(totals: Totals, plan: Plan) -> str:
    rows = [
        "| kind | planted | recalled | recall | caught (any kind) | precision | new findings (planted cases) | false in controls | sites | short |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for kind in rule_ids():
        planted = totals.planted[kind]
        if not (planted or totals.flagged[kind] or totals.control_false[kind]):
            continue
        recall = f"{totals.recalled[kind] / planted:.2f}" if planted else "–"
        caught = f"{totals.caught[kind]}/{planted}" if planted else "–"
        precision = totals.precision(kind)
        rows.append(
            f"| {kind} | {planted or '–'} | {totals.recalled[kind] if planted else '–'} | {recall} "
            f"| {caught} | {'–' if precision is None else f'{precision:.2f}'} "
            f"| {totals.flagged[kind]} | {totals.control_false[kind]} "
            f"| {plan.sites.get(kind, '–')} | {plan.short.get(kind, '–')} |"
        )
    return "\n".join(rows)


def case_table(results: Sequence[CaseResult]) -> str:
    rows = [
        "| case | example | rule | edit | on the edit | other new |",
        "|---|---|---|---|---|---|",
    ]
    for r in results:
        e = r.case.edit
        edit = f"{e.old!r} → {e.new!r}" if e.rule != "reorder" else "clause moved"
        rows.append(
            f"| {r.case.name} | {r.case.base[:3]} | {e.rule} | {edit} "
            f"| {', '.join(sorted(f.kind for f in r.hits)) or '—'} "
            f"| {', '.join(sorted(f.kind for f in r.new if f not in r.hits)) or '—'} |"
        )
    return "\n".join(rows)


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--model", type=Path, default=None, help="NLI model directory (default: the embedded model)"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cases", type=int, default=10, help="planted cases per kind")
    parser.add_argument(
        "--controls", type=int, default=None, help="controls (default: twice --cases)"
    )
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--details", action="store_true", help="also print one row per case")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    started = time.perf_counter()
    controls = 2 * args.cases if args.controls is None else args.controls
    plan = plan_cases(
        make_copies(example_paths()), seed=args.seed, per_kind=args.cases, controls=controls
    )
    results, backend = run(plan, args.model, batch_size=args.batch_size)
    totals = Totals()
    for result in results:
        totals.add(result)
    seconds = time.perf_counter() - started
    given = sys.argv[1:] if argv is None else list(argv)
    print(f"## Drift benchmark ({backend.name})\n")
    print(summary_table(totals, plan))
    print(
        f"\nControls: {totals.controls} cases, {sum(totals.control_false.values())} false "
        f"finding(s) on {totals.control_claims} claims of the copy = "
        f"{totals.false_per_100_claims:.2f} per 100 claims."
    )
    print(
        f"Planted cases: {sum(totals.planted.values())} over {len(PLANTING_RULES)} kinds; "
        f"edits refused as not real: {sum(plan.refused.values())}. "
        f"NLI pairs judged: {len(backend.scores)} (each distinct pair once)."
    )
    print(f"Wall time: {seconds:.1f} s")
    print(f"Command: `{shlex.join(['python', 'benchmarks/drift_benchmark.py', *given])}`")
    if args.details:
        print("\n" + case_table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
