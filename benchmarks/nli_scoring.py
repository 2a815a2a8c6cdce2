"""Scoring for `benchmarks/nli_accuracy.py`: accuracy, per-class figures, confusion matrices,
breakdowns per kind and per language direction, the task figures of issue 15, and the
temperature fit with its calibration error; numpy only, no torch.

A result is a plain JSON object because it is written as is into the model's metrics.json.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from checker.nli.calibration import (
    expected_calibration_error,
    fit_temperature,
    negative_log_likelihood,
    softmax,
)
from checker.nli.labels import NLILabel
from checker.nli.training.datasets import NLIExample

E, N, C = NLILabel.ENTAILMENT, NLILabel.NEUTRAL, NLILabel.CONTRADICTION
Result = dict[str, Any]
UNKNOWN_DIRECTION = "unknown"
LABELS = tuple(NLILabel)  # the column order of every logit matrix here


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Function words frequent in one language and absent from the other: enough to tell which side
# of a translation pair is English, by comparing the two sides (see `direction`).
ENGLISH_WORDS = _word_set(
    "the a an of and to in is are was were be been being for on that with by at from it its "
    "he she they his her their this these those has have had will would not as said but or "
    "which who after about i you we my your our there what can do does did very so than more "
    "also if when into over"
)
INDONESIAN_WORDS = _word_set(
    "yang dan di ke dari ini itu dengan untuk tidak adalah pada akan dalam sebagai oleh bahwa "
    "telah atau juga mereka kami saya kita ia dia tersebut sudah ada bisa karena saat lebih "
    "sangat tapi tetapi namun seperti hanya para bagi agar jika kalau belum masih apa aku "
    "sekali banyak setelah menjadi kata"
)
_WORD = re.compile(r"[^\W\d_]+")


def english_lean(text: str) -> int:
    """English function words minus Indonesian ones in ``text``: > 0 leans English."""
    words = _WORD.findall(text.lower())
    return sum(w in ENGLISH_WORDS for w in words) - sum(w in INDONESIAN_WORDS for w in words)


def direction(premise: str, hypothesis: str) -> str:
    """ "id-en" (Indonesian premise, English hypothesis), "en-id", or "unknown".

    For pairs known to be cross-lingual: the side that leans more English is the English one,
    so a short sentence with few function words is still placed by its partner.
    """
    lean = english_lean(premise) - english_lean(hypothesis)
    return "en-id" if lean > 0 else "id-en" if lean < 0 else UNKNOWN_DIRECTION


def _rate(hits: Sequence[bool]) -> float:
    return sum(hits) / len(hits)


def _per_class(confusion: Counter[tuple[NLILabel, NLILabel]]) -> dict[str, dict[str, float]]:
    out = {}
    for label in NLILabel:
        tp = confusion[(label, label)]
        gold = sum(v for (g, _), v in confusion.items() if g is label)
        pred = sum(v for (_, p), v in confusion.items() if p is label)
        precision, recall = tp / pred if pred else 0.0, tp / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out[label.value] = {"precision": precision, "recall": recall, "f1": f1, "support": gold}
    return out


def _group_accuracy(
    examples: Sequence[NLIExample], predicted: Sequence[NLILabel], key: Callable[[NLIExample], str]
) -> dict[str, list[bool]]:
    groups: dict[str, list[bool]] = {}
    for e, p in zip(examples, predicted, strict=True):
        groups.setdefault(key(e), []).append(e.label is p)
    return dict(sorted(groups.items()))


def _binary_group(examples: Sequence[NLIExample]) -> Callable[[NLIExample], str]:
    """Name pairs by their kind when each kind has one gold label ("paraphrase",
    "non-paraphrase"), else by the gold label."""
    labels_of: dict[str, set[NLILabel]] = {}
    for e in examples:
        labels_of.setdefault(e.kind, set()).add(e.label)
    if all(kind and len(labels) == 1 for kind, labels in labels_of.items()):
        return lambda e: e.kind
    return lambda e: e.label.value


def binary_figures(
    examples: Sequence[NLIExample], predicted: Sequence[NLILabel]
) -> dict[str, float]:
    """ "Entailment or not" figures for a set without gold contradictions (PAWS-ID, STS, WReTE),
    where a non-paraphrase judged contradiction is not wrong: binary accuracy, and per kind
    the share judged entailment (gold entailment) or not entailment (gold neutral)."""
    rows = list(zip(examples, predicted, strict=True))
    if {e.label for e in examples} != {E, N}:
        return {}
    figures = {
        "binary accuracy (entailment or not)": _rate([(e.label is E) == (p is E) for e, p in rows])
    }
    name_of = _binary_group(examples)
    groups: dict[str, list[bool]] = {}
    for e, p in rows:
        verdict = "entailment" if e.label is E else "not-entailment"
        groups.setdefault(f"{name_of(e)} judged {verdict}", []).append((e.label is E) == (p is E))
    figures.update({name: _rate(hits) for name, hits in sorted(groups.items())})
    return figures


def translation_figures(
    examples: Sequence[NLIExample], predicted: Sequence[NLILabel]
) -> dict[str, float]:
    """For translation pairs: translations judged entailment, perturbed translations (a fact
    changed on one side) judged contradiction."""
    rows = list(zip(examples, predicted, strict=True))
    figures: dict[str, float] = {}
    translations = [p is E for e, p in rows if e.kind == "translation"]
    if translations:
        figures["translation judged entailment"] = _rate(translations)
    perturbed = [p is C for e, p in rows if e.kind.startswith("perturbed-")]
    if perturbed:
        figures["perturbed translation judged contradiction"] = _rate(perturbed)
    return figures


def score(
    examples: Sequence[NLIExample], predicted: Sequence[NLILabel], *, cross_lingual: bool = False
) -> Result:
    """Accuracy, per-class precision/recall/F1, confusion (rows gold), accuracy per kind, the
    task figures and, for cross-lingual sets, accuracy and figures per language direction."""
    if not examples:
        raise ValueError("cannot score an empty set")
    confusion = Counter((e.label, p) for e, p in zip(examples, predicted, strict=True))
    by_kind = (
        _group_accuracy(examples, predicted, lambda e: e.kind)
        if any(e.kind for e in examples)
        else {}
    )
    result: Result = {
        "n": len(examples),
        "accuracy": sum(confusion[(lab, lab)] for lab in NLILabel) / len(examples),
        "per_class": _per_class(confusion),
        "confusion": {g.value: {p.value: confusion[(g, p)] for p in NLILabel} for g in NLILabel},
        "by_kind": {kind or "(none)": _rate(hits) for kind, hits in by_kind.items()},
        "kind_support": {kind or "(none)": len(hits) for kind, hits in by_kind.items()},
        "figures": translation_figures(examples, predicted),
    }
    if cross_lingual:
        result["by_direction"] = _by_direction(examples, predicted)
    else:  # a translation sample without contradictions is still no binary task
        result["figures"] = binary_figures(examples, predicted) | result["figures"]
    return result


def _by_direction(examples: Sequence[NLIExample], predicted: Sequence[NLILabel]) -> Result:
    split: dict[str, tuple[list[NLIExample], list[NLILabel]]] = {}
    for e, p in zip(examples, predicted, strict=True):
        rows, preds = split.setdefault(direction(e.premise, e.hypothesis), ([], []))
        rows.append(e)
        preds.append(p)
    return {
        name: {
            "n": len(rows),
            "accuracy": _rate([e.label is p for e, p in zip(rows, preds, strict=True)]),
            "figures": translation_figures(rows, preds),
        }
        for name, (rows, preds) in sorted(split.items())
    }


def render_report(name: str, result: Result, seconds: float) -> str:
    """The Markdown-ish block printed for one set."""
    rate = result["n"] / seconds if seconds > 0 else 0.0
    lines = [
        f"\n## {name}: accuracy {result['accuracy']:.4f} on {result['n']} pairs "
        f"({seconds:.1f} s, {rate:.1f} pairs/s)",
        "| class | precision | recall | F1 | support |",
        "|---|---|---|---|---|",
    ]
    for label, row in result["per_class"].items():
        lines.append(
            f"| {label} | {row['precision']:.3f} | {row['recall']:.3f} | {row['f1']:.3f} | {row['support']} |"
        )
    lines.append("\nconfusion (rows gold, columns predicted): E N C")
    for gold, row in result["confusion"].items():
        lines.append(f"  {gold[:1].upper()}: " + " ".join(f"{row[p.value]:5d}" for p in NLILabel))
    if result["by_kind"]:
        lines.append(
            "by kind (accuracy, pairs): "
            + ", ".join(
                f"{k} {v:.3f} ({result['kind_support'][k]})" for k, v in result["by_kind"].items()
            )
        )
    lines += [f"{figure}: {value:.4f}" for figure, value in result["figures"].items()]
    for way, part in result.get("by_direction", {}).items():
        figures = "".join(f", {f} {v:.4f}" for f, v in part["figures"].items())
        lines.append(
            f"direction {way} (premise-hypothesis language): {part['n']} pairs, accuracy {part['accuracy']:.4f}{figures}"
        )
    return "\n".join(lines)


def render_summary(results: dict[str, Result], skipped: dict[str, str]) -> str:
    """One line per set, skipped sets with their reason, in the order they were run; the ECE
    at the fitted temperature too when there is one."""
    fitted = any("ece_calibrated" in r for r in results.values())
    extra = (" ECE fitted |", "---|") if fitted else ("", "")
    lines = [
        "\n## summary",
        f"| set | pairs | accuracy | ECE |{extra[0]} seconds |",
        f"|---|---|---|---|{extra[1]}---|",
    ]
    for name, r in results.items():
        after = f" {r['ece_calibrated']:.4f} |" if fitted else ""
        lines.append(
            f"| {name} | {r['n']} | {r['accuracy']:.4f} | {r['ece']:.4f} |{after} {r['seconds']} |"
        )
    lines += [f"| {name} | skipped: {reason} |" for name, reason in skipped.items()]
    return "\n".join(lines)


# --- calibration ---------------------------------------------------------------------------


def gold_indices(examples: Sequence[NLIExample]) -> NDArray[np.int64]:
    return np.array([LABELS.index(e.label) for e in examples], dtype=np.int64)


@dataclass(frozen=True, slots=True)
class SetRun:
    """One set as the model saw it: its pairs, their logits and the seconds the model took."""

    examples: list[NLIExample]
    logits: NDArray[np.float64]
    seconds: float

    def predicted(self) -> list[NLILabel]:
        return [LABELS[i] for i in self.logits.argmax(axis=1)]

    def ece(self, temperature: float) -> float:
        return expected_calibration_error(
            softmax(self.logits, temperature), gold_indices(self.examples)
        )


@dataclass(frozen=True, slots=True)
class Calibration:
    """A temperature fitted on the selection set, with the fit's before/after figures."""

    temperature: float
    before: float  # the temperature the model applies today
    pairs: int
    nll_before: float
    nll_after: float
    ece_before: float
    ece_after: float


def calibrate(fit_set: SetRun, current: float) -> Calibration:
    gold = gold_indices(fit_set.examples)
    fitted = fit_temperature(fit_set.logits, gold)
    return Calibration(
        temperature=fitted,
        before=current,
        pairs=len(gold),
        nll_before=negative_log_likelihood(fit_set.logits, gold, current),
        nll_after=negative_log_likelihood(fit_set.logits, gold, fitted),
        ece_before=fit_set.ece(current),
        ece_after=fit_set.ece(fitted),
    )


def calibration_line(result: Result, current: float, calibration: Calibration | None) -> str:
    line = f"ECE (15 bins) at temperature {current:g}: {result['ece']:.4f}"
    if calibration is not None:
        line += f"; at the fitted {calibration.temperature:.4f}: {result['ece_calibrated']:.4f}"
    return line
