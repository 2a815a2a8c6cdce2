"""Accuracy of an NLI model on IndoNLI (val, test_lay, test_expert) and the held-out drift set.

    python benchmarks/nli_accuracy.py [--model DIR] [--int8] [--write-metrics]

Prints accuracy, per-class precision/recall/F1 and the confusion matrix for each set. The test
files are read here and nowhere else: they are for reporting, never for training or tuning.
With --write-metrics the figures go to the model directory's metrics.json (read by
`selaras model info` and quoted in MODEL_CARD.md).
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

from checker.nli.base import DEFAULT_MODEL_DIR
from checker.nli.embedded import EmbeddedNLI
from checker.nli.labels import NLILabel
from checker.nli.registry import load_backend
from checker.nli.training.datasets import NLIExample, data_root, load_indonli, load_jsonl_pairs

HELDOUT_DRIFT = Path(__file__).parent / "data" / "drift_heldout.jsonl"


def evaluation_sets() -> dict[str, list[NLIExample]]:
    root = data_root() / "indonli"
    sets = {
        name: load_indonli(root / f"{name}.jsonl") for name in ("val", "test_lay", "test_expert")
    }
    if HELDOUT_DRIFT.is_file():
        sets["drift_heldout"] = load_jsonl_pairs(HELDOUT_DRIFT)
    return sets


def score(examples: list[NLIExample], predicted: list[NLILabel]) -> dict[str, object]:
    confusion = Counter((e.label.value, p.value) for e, p in zip(examples, predicted, strict=True))
    per_class = {}
    for label in NLILabel:
        tp = confusion[(label.value, label.value)]
        gold = sum(v for (g, _), v in confusion.items() if g == label.value)
        pred = sum(v for (_, p), v in confusion.items() if p == label.value)
        precision, recall = tp / pred if pred else 0.0, tp / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[label.value] = {
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "support": gold,
        }
    correct = sum(confusion[(lab.value, lab.value)] for lab in NLILabel)
    by_kind: dict[str, list[int]] = {}
    for e, p in zip(examples, predicted, strict=True):
        if e.source.startswith("perturb"):
            hits = by_kind.setdefault(e.kind or e.source, [0, 0])
            hits[0] += int(e.label is p)
            hits[1] += 1
    return {
        "n": len(examples),
        "accuracy": correct / len(examples),
        "per_class": per_class,
        "confusion": {
            g.value: {p.value: confusion[(g.value, p.value)] for p in NLILabel} for g in NLILabel
        },
        "by_kind": {k: v[0] / v[1] for k, v in sorted(by_kind.items())},
    }


def print_report(name: str, result: dict[str, object], seconds: float) -> None:
    print(
        f"\n## {name}: accuracy {result['accuracy']:.4f} on {result['n']} pairs ({seconds:.0f} s)"
    )
    print("| class | precision | recall | F1 | support |\n|---|---|---|---|---|")
    for label, row in result["per_class"].items():  # type: ignore[union-attr]
        print(
            f"| {label} | {row['precision']:.3f} | {row['recall']:.3f} | {row['f1']:.3f} | {row['support']} |"
        )
    print("\nconfusion (rows gold, columns predicted): E N C")
    for gold, row in result["confusion"].items():  # type: ignore[union-attr]
        print(
            f"  {gold[:1].upper()}: {row['entailment']:5d} {row['neutral']:5d} {row['contradiction']:5d}"
        )
    if result["by_kind"]:
        print(
            "by perturbation kind: "
            + ", ".join(f"{k} {v:.2f}" for k, v in result["by_kind"].items())
        )  # type: ignore[union-attr]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument(
        "--int8", action="store_true", help="torch dynamic int8 quantization of Linear layers"
    )
    parser.add_argument("--sets", nargs="*", default=None)
    parser.add_argument("--write-metrics", action="store_true")
    args = parser.parse_args()
    backend = load_backend(args.model)
    if args.int8 and isinstance(backend, EmbeddedNLI):
        backend.quantize_int8()
    results = {}
    for name, examples in evaluation_sets().items():
        if args.sets and name not in args.sets:
            continue
        started = time.perf_counter()
        scores = backend.predict([(e.premise, e.hypothesis) for e in examples], batch_size=32)
        results[name] = score(examples, [s.label for s in scores])
        print_report(name, results[name], time.perf_counter() - started)
    if args.write_metrics:
        directory = args.model or DEFAULT_MODEL_DIR
        key = "int8" if args.int8 else "fp32"
        path = directory / "metrics.json"
        metrics = (
            json.loads(path.read_text()) if path.is_file() else {"accuracy": {}, "details": {}}
        )
        for name, result in results.items():
            metrics["accuracy"][f"{name} ({key})"] = result["accuracy"]
            metrics["details"][f"{name} ({key})"] = result
        path.write_text(json.dumps(metrics, indent=2) + "\n")
        print(f"\nwrote {path}")


if __name__ == "__main__":
    main()
