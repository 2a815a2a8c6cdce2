"""Accuracy of an NLI model on every evaluation set: IndoNLI (val, test_lay, test_expert), the
held-out drift sets (Indonesian, and English when built), the hand-written news pairs
(benchmarks/data/news_pairs.jsonl) and the v2 held-out sets written by
`python -m checker.nli.training.mix` (SNLI test, PAWS-ID test, STS 2016, FEVER test, WReTE test,
cross-lingual pairs).

    python benchmarks/nli_accuracy.py [--model DIR] [--runtime torch|onnx|onnx-int8] [--int8]
                                      [--sets val,xling] [--limit N] [--calibrate]
                                      [--write-metrics]

Prints, per set, accuracy, per-class precision/recall/F1, the confusion matrix, accuracy per
kind, the task figures (PAWS-ID "entailment or not", translations judged entailment, perturbed
translations judged contradiction), per language direction for the cross-lingual set, per
language pair ("langs") for the news pairs, the expected calibration error, and the time taken.
A set whose file is missing is reported as skipped with what builds it.

The test and held-out files are read here and nowhere else: they are for reporting, never for
training or tuning. `--calibrate` fits the softmax temperature on benchmarks/data/v2/val.jsonl
(the selection set) and prints the ECE before and after on every set. With --write-metrics the
figures (and the fitted temperature) go to the model directory's metrics.json, read by
`selaras model info` and quoted in MODEL_CARD.md; the temperature takes effect once it is added
to the model's config.json, as the printed line says.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from nli_scoring import (
    LABELS,
    Calibration,
    Result,
    SetRun,
    calibrate,
    calibration_line,
    render_report,
    render_summary,
    score,
)
from numpy.typing import NDArray

from checker.errors import CheckerError
from checker.nli.base import DEFAULT_MODEL_DIR, NLIBackend
from checker.nli.calibration import DEFAULT_TEMPERATURE, TEMPERATURE_KEY
from checker.nli.labels import NLILabel
from checker.nli.training.datasets import (
    DATA_ENV,
    NLIExample,
    configured_data_root,
    load_indonli,
    load_jsonl_pairs,
)

BENCH_DATA = Path(__file__).parent / "data"
V2_DIR = BENCH_DATA / "v2"
V2_VAL = V2_DIR / "val.jsonl"
MIX_HINT = "run python -m checker.nli.training.mix"
INDONLI_SETS = ("val", "test_lay", "test_expert")
V2_HELDOUT_SETS = ("snli_test", "paws_id_test", "sts_2016", "fever_test", "wrete_test", "xling")
CROSS_LINGUAL_SETS = frozenset({"xling"})
NEWS_PAIRS = BENCH_DATA / "news_pairs.jsonl"
LANGS_FIELD = "langs"
EXIT_OK, EXIT_USAGE = 0, 2


@dataclass(frozen=True, slots=True)
class EvalSet:
    """One evaluation file; ``missing`` says what builds it when it is absent."""

    name: str
    path: Path
    load: Callable[[Path], list[NLIExample]]
    missing: str
    cross_lingual: bool = False
    by_langs: bool = False  # rows carry "langs", appended to each source by load_news_pairs


def known_sets() -> list[EvalSet]:
    """Every set this benchmark knows, in report order, whether or not its file exists."""
    indonli = configured_data_root() / "indonli"
    sets = [
        EvalSet(
            n,
            indonli / f"{n}.jsonl",
            load_indonli,
            f"set {DATA_ENV} to the folder holding indonli/",
        )
        for n in INDONLI_SETS
    ]
    sets.append(
        EvalSet(
            "drift_heldout",
            BENCH_DATA / "drift_heldout.jsonl",
            load_jsonl_pairs,
            "run python -m checker.nli.training.perturb --split heldout --seed 13 --limit 600",
        )
    )
    sets.append(
        EvalSet(
            "drift_heldout_en",
            BENCH_DATA / "drift_heldout_en.jsonl",
            load_jsonl_pairs,
            "the English drift held-out set is not built yet",
        )
    )
    sets.append(
        EvalSet(
            "news_pairs",
            NEWS_PAIRS,
            load_news_pairs,
            "the hand-written news pairs are not in this checkout",
            by_langs=True,
        )
    )
    present = {p.stem for p in (V2_DIR / "heldout").glob("*.jsonl")}
    for name in [*V2_HELDOUT_SETS, *sorted(present - set(V2_HELDOUT_SETS))]:
        path = V2_DIR / "heldout" / f"{name}.jsonl"
        sets.append(EvalSet(name, path, load_jsonl_pairs, MIX_HINT, name in CROSS_LINGUAL_SETS))
    return sets


def load_news_pairs(path: Path) -> list[NLIExample]:
    """The hand-written news pairs, each source ending in its row's language pair
    ("news-pairs/id-en": Indonesian premise, English hypothesis). The source is the one field
    that stays with a pair through --limit sampling, so the per-langs figures can read it."""
    examples = load_jsonl_pairs(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = [(number, json.loads(line)) for number, line in enumerate(lines, 1) if line.strip()]
    tagged = []
    for example, (number, row) in zip(examples, rows, strict=True):
        langs = row.get(LANGS_FIELD)
        if not isinstance(langs, str) or not langs:
            raise CheckerError(f"{path}:{number}: missing field {LANGS_FIELD!r}")
        tagged.append(dataclasses.replace(example, source=f"{example.source}/{langs}"))
    return tagged


def langs_figures(
    examples: Sequence[NLIExample], predicted: Sequence[NLILabel]
) -> dict[str, float]:
    """Accuracy per language pair of pairs loaded by :func:`load_news_pairs`: the part of the
    source after its last slash. Kept in the figures so that metrics.json records them too."""
    hits: dict[str, list[bool]] = {}
    for example, label in zip(examples, predicted, strict=True):
        langs = example.source.rpartition("/")[2]
        hits.setdefault(langs, []).append(example.label is label)
    return {f"accuracy on {langs} pairs": sum(h) / len(h) for langs, h in sorted(hits.items())}


def sample(examples: list[NLIExample], limit: int | None, seed: str) -> list[NLIExample]:
    """At most ``limit`` pairs, drawn with a fixed seed and kept in file order."""
    if limit is None or len(examples) <= limit:
        return examples
    keep = sorted(random.Random(seed).sample(range(len(examples)), limit))
    return [examples[i] for i in keep]


def model_logits(
    backend: NLIBackend, pairs: Sequence[tuple[str, str]], batch_size: int
) -> NDArray[np.float64]:
    """(n, 3) scores in :data:`LABELS` order whose softmax is the model's probabilities.

    The embedded backend gives raw logits (before its temperature); any other backend gives log
    probabilities, which differ from its logits by a constant per row, so softmax and
    temperature scaling treat them the same.
    """
    raw_logits = getattr(backend, "logits", None)
    if callable(raw_logits):
        return np.asarray(raw_logits(pairs, batch_size=batch_size), dtype=np.float64)
    scores = backend.predict(pairs, batch_size=batch_size)
    return np.log(np.array([[max(s.probability(lab), 1e-45) for lab in LABELS] for s in scores]))


def run_set(backend: NLIBackend, examples: list[NLIExample], batch_size: int) -> SetRun:
    started = time.perf_counter()
    logits = model_logits(backend, [(e.premise, e.hypothesis) for e in examples], batch_size)
    return SetRun(examples, logits, time.perf_counter() - started)


def evaluate(
    entry: EvalSet, set_run: SetRun, current: float, calibration: Calibration | None
) -> Result:
    """The set's scores plus its ECE at the model's temperature (and at the fitted one)."""
    predicted = set_run.predicted()
    result = score(set_run.examples, predicted, cross_lingual=entry.cross_lingual)
    if entry.by_langs:
        result["figures"] |= langs_figures(set_run.examples, predicted)
    result["seconds"] = round(set_run.seconds, 1)
    result["ece"] = set_run.ece(current)
    if calibration is not None:
        result["ece_calibrated"] = set_run.ece(calibration.temperature)
    return result


def update_metrics(
    metrics: dict[str, Any], results: dict[str, Result], key: str, calibration: Calibration | None
) -> dict[str, Any]:
    """metrics.json with this run's figures merged in. "accuracy" stays a flat name -> float
    map (what `selaras model info` prints); everything else goes under "details"."""
    metrics.setdefault("accuracy", {})
    metrics.setdefault("details", {})
    for name, result in results.items():
        metrics["accuracy"][f"{name} ({key})"] = result["accuracy"]
        for figure, value in result["figures"].items():
            metrics["accuracy"][f"{name}: {figure} ({key})"] = value
        metrics["details"][f"{name} ({key})"] = result
    if calibration is not None:
        metrics[TEMPERATURE_KEY] = calibration.temperature
        metrics["calibration"] = {
            "fitted_on": "benchmarks/data/v2/val.jsonl",
            "pairs": calibration.pairs,
            "variant": key,
            "temperature_before": calibration.before,
            "nll": {"before": calibration.nll_before, "after": calibration.nll_after},
            "ece": {
                "val.jsonl (fit)": {
                    "before": calibration.ece_before,
                    "after": calibration.ece_after,
                },
                **{
                    n: {"before": r["ece"], "after": r["ece_calibrated"]}
                    for n, r in results.items()
                },
            },
        }
    return metrics


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--model", type=Path, default=None, help="model directory (default: the embedded one)"
    )
    parser.add_argument(
        "--runtime",
        choices=("torch", "onnx", "onnx-int8"),
        default=None,
        help="the embedded model's runtime (default: $SELARAS_RUNTIME, else the fastest)",
    )
    parser.add_argument(
        "--int8",
        action="store_true",
        help="torch dynamic int8 quantization of Linear layers (implies --runtime torch)",
    )
    parser.add_argument(
        "--sets", nargs="+", default=None, help="names, comma- or space-separated (default: all)"
    )
    parser.add_argument(
        "--limit", type=int, default=None, help="at most N pairs per set (seeded sample)"
    )
    parser.add_argument("--seed", type=int, default=13, help="seed of the --limit sample")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument(
        "--calibrate",
        action="store_true",
        help="fit the temperature on benchmarks/data/v2/val.jsonl",
    )
    parser.add_argument("--write-metrics", action="store_true")
    args = parser.parse_args(argv)
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be at least 1")
    if args.write_metrics and args.limit is not None:
        parser.error("--write-metrics records the model's figures: run it without --limit")
    if args.int8:
        if args.runtime not in (None, "torch"):
            parser.error("--int8 is torch's quantization; for ONNX use --runtime onnx-int8")
        args.runtime = "torch"
    args.sets = [n for arg in args.sets for n in arg.split(",") if n] if args.sets else None
    return args


def chosen_sets(names: list[str] | None) -> list[EvalSet]:
    known = known_sets()
    if names is None:
        return known
    by_name = {s.name: s for s in known}
    unknown = [n for n in names if n not in by_name]
    if unknown:
        raise CheckerError(f"unknown set(s) {', '.join(unknown)}; known: {', '.join(by_name)}")
    return [by_name[n] for n in names]


def load_model(args: argparse.Namespace) -> tuple[NLIBackend, float]:
    """The backend (int8 when asked) and the temperature it applies."""
    from checker.nli.embedded import EmbeddedNLI
    from checker.nli.registry import load_backend

    backend = load_backend(args.model, runtime=args.runtime)
    if args.int8:
        if not isinstance(backend, EmbeddedNLI):
            raise CheckerError("--int8 applies to the embedded model only")
        backend.quantize_int8()
    return backend, float(getattr(backend, "temperature", DEFAULT_TEMPERATURE))


def fit_on_selection_set(
    backend: NLIBackend, args: argparse.Namespace, current: float
) -> Calibration:
    if not V2_VAL.is_file():
        raise CheckerError(f"no {V2_VAL} to fit the temperature on; {MIX_HINT}")
    examples = sample(load_jsonl_pairs(V2_VAL), args.limit, f"{args.seed}:v2_val")
    fitted = calibrate(run_set(backend, examples, args.batch_size), current)
    print(
        f"\ntemperature fitted on {V2_VAL.name} ({fitted.pairs} pairs): {fitted.temperature:.4f} "
        f"(was {current:g}); NLL {fitted.nll_before:.4f} -> {fitted.nll_after:.4f}, "
        f"ECE {fitted.ece_before:.4f} -> {fitted.ece_after:.4f}"
    )
    return fitted


def write_metrics(
    directory: Path, results: dict[str, Result], key: str, calibration: Calibration | None
) -> None:
    path = directory / "metrics.json"
    metrics = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    path.write_text(
        json.dumps(update_metrics(metrics, results, key, calibration), indent=2) + "\n",
        encoding="utf-8",
    )
    print(f"\nwrote {path}")


def config_advice(directory: Path, calibration: Calibration, backend: NLIBackend) -> str:
    """The line that makes the fitted temperature take effect, or why it would not."""
    if not hasattr(backend, TEMPERATURE_KEY):
        return f"this backend ({backend.name}) applies no temperature; nothing to add"
    return f'add to {directory / "config.json"}: "{TEMPERATURE_KEY}": {calibration.temperature:.4f}'


def metrics_variant(args: argparse.Namespace) -> str:
    """The suffix of this run's figures in metrics.json: float32 on any runtime is "fp32" (the
    runtimes agree to float noise); each int8 scheme has its own."""
    if args.int8:
        return "int8"
    return "onnx-int8" if args.runtime == "onnx-int8" else "fp32"


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    sets = chosen_sets(args.sets)
    backend, current = load_model(args)
    print(
        f"model {backend.name} on {getattr(backend, 'runtime', 'torch')} loaded in "
        f"{time.perf_counter() - started:.1f} s (temperature {current:g})"
    )
    calibration = fit_on_selection_set(backend, args, current) if args.calibrate else None
    results: dict[str, Result] = {}
    skipped: dict[str, str] = {}
    for entry in sets:
        if not entry.path.is_file():
            skipped[entry.name] = f"{entry.missing} ({entry.path} not found)"
            print(f"\n## {entry.name}: skipped: {skipped[entry.name]}")
            continue
        examples = sample(entry.load(entry.path), args.limit, f"{args.seed}:{entry.name}")
        set_run = run_set(backend, examples, args.batch_size)
        results[entry.name] = evaluate(entry, set_run, current, calibration)
        print(render_report(entry.name, results[entry.name], set_run.seconds))
        print(calibration_line(results[entry.name], current, calibration))
    print(render_summary(results, skipped))
    directory = args.model or DEFAULT_MODEL_DIR
    if args.write_metrics:
        write_metrics(directory, results, metrics_variant(args), calibration)
    if calibration is not None:
        print(config_advice(directory, calibration, backend))
    print(f"\ntotal {time.perf_counter() - started:.1f} s")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        return run(args)
    except CheckerError as exc:
        print(f"nli_accuracy: {exc}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    raise SystemExit(main())
