"""Temperature scaling for the NLI model's probabilities, and the error it is judged by.

A classifier trained with cross-entropy is usually over-confident: its top probability says 0.95
where it is right 80% of the time. Dividing every logit by one temperature T > 1 softens the
probabilities without changing which label wins (Guo et al., "On Calibration of Modern Neural
Networks", 2017). T is fitted on the selection set by minimising the negative log-likelihood,
never on a held-out or test set, and applied by the embedded backend when its config.json
carries ``"temperature"``.

Torch-free (numpy only), so benchmarks and tests can use it without loading a model.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from checker.errors import ModelError

TEMPERATURE_KEY = "temperature"
"""The key of a model directory's config.json that holds the fitted temperature."""
DEFAULT_TEMPERATURE = 1.0
LOG_T_BOUNDS = (math.log(0.05), math.log(20.0))
_GOLDEN = (math.sqrt(5.0) - 1.0) / 2.0

__all__ = [
    "DEFAULT_TEMPERATURE",
    "TEMPERATURE_KEY",
    "expected_calibration_error",
    "fit_temperature",
    "negative_log_likelihood",
    "softmax",
    "temperature_from_config",
]


def _logit_matrix(logits: ArrayLike) -> NDArray[np.float64]:
    matrix = np.asarray(logits, dtype=np.float64)
    if matrix.ndim != 2 or matrix.shape[0] == 0 or matrix.shape[1] < 2:
        raise ValueError(
            f"expected an (n, classes) array with n >= 1, classes >= 2, got {matrix.shape}"
        )
    if not np.all(np.isfinite(matrix)):
        raise ValueError("logits must be finite")
    return matrix


def _label_vector(labels: ArrayLike, rows: int, classes: int) -> NDArray[np.int64]:
    vector = np.asarray(labels, dtype=np.int64)
    if vector.shape != (rows,):
        raise ValueError(f"expected {rows} labels, got shape {vector.shape}")
    if vector.min() < 0 or vector.max() >= classes:
        raise ValueError(f"labels must be column indices in 0..{classes - 1}")
    return vector


def softmax(logits: ArrayLike, temperature: float = DEFAULT_TEMPERATURE) -> NDArray[np.float64]:
    """Row-wise softmax of ``logits / temperature`` (shifted by the row maximum, so it never
    overflows)."""
    if not temperature > 0:
        raise ValueError(f"temperature must be positive, got {temperature}")
    scaled = _logit_matrix(logits) / temperature
    exp = np.exp(scaled - scaled.max(axis=1, keepdims=True))
    return np.asarray(exp / exp.sum(axis=1, keepdims=True), dtype=np.float64)


def negative_log_likelihood(
    logits: ArrayLike, labels: ArrayLike, temperature: float = DEFAULT_TEMPERATURE
) -> float:
    """Mean -log p(gold) under ``softmax(logits / temperature)``: the quantity T minimises."""
    matrix = _logit_matrix(logits) / temperature
    gold = _label_vector(labels, *matrix.shape)
    top = matrix.max(axis=1)
    log_norm = top + np.log(np.exp(matrix - top[:, None]).sum(axis=1))
    return float(np.mean(log_norm - matrix[np.arange(len(gold)), gold]))


def fit_temperature(
    logits: ArrayLike, labels: ArrayLike, *, tolerance: float = 1e-5, max_steps: int = 200
) -> float:
    """The temperature in [0.05, 20] that minimises the NLL of ``labels`` (column indices).

    A golden-section search over log T: the NLL is convex in 1/T, so it has one minimum along
    log T too, and the search needs neither gradients nor torch.
    """
    matrix = _logit_matrix(logits)
    gold = _label_vector(labels, *matrix.shape)

    def loss(log_t: float) -> float:
        return negative_log_likelihood(matrix, gold, math.exp(log_t))

    low, high = LOG_T_BOUNDS
    left, right = high - _GOLDEN * (high - low), low + _GOLDEN * (high - low)
    loss_left, loss_right = loss(left), loss(right)
    for _ in range(max_steps):
        if high - low < tolerance:
            break
        if loss_left <= loss_right:
            high, right, loss_right = right, left, loss_left
            left = high - _GOLDEN * (high - low)
            loss_left = loss(left)
        else:
            low, left, loss_left = left, right, loss_right
            right = low + _GOLDEN * (high - low)
            loss_right = loss(right)
    return math.exp((low + high) / 2.0)


def expected_calibration_error(probs: ArrayLike, labels: ArrayLike, bins: int = 15) -> float:
    """ECE: the gap between confidence (top probability) and accuracy, averaged over
    ``bins`` equal-width confidence bins weighted by how many rows fall in each.

    0 means that among the pairs the model gives 0.8, 80% are right, and so on for every bin.
    """
    if bins < 1:
        raise ValueError(f"bins must be at least 1, got {bins}")
    matrix = np.asarray(probs, dtype=np.float64)
    if matrix.ndim != 2 or matrix.shape[0] == 0:
        raise ValueError(f"expected an (n, classes) array with n >= 1, got {matrix.shape}")
    gold = _label_vector(labels, *matrix.shape)
    confidence = matrix.max(axis=1)
    correct = (matrix.argmax(axis=1) == gold).astype(np.float64)
    # bin b holds confidences in (b/bins, (b+1)/bins]; a confidence of exactly 0 joins bin 0
    which = np.clip(np.ceil(confidence * bins).astype(np.int64) - 1, 0, bins - 1)
    total = 0.0
    for b in range(bins):
        members = which == b
        count = int(members.sum())
        if count:
            gap = abs(float(correct[members].mean()) - float(confidence[members].mean()))
            total += gap * count
    return total / len(gold)


def temperature_from_config(config: Mapping[str, Any], path: Path) -> float:
    """The ``temperature`` of a model's config.json (``path`` names it in errors); 1.0 when the
    key is absent, so models saved before calibration behave exactly as before."""
    value = config.get(TEMPERATURE_KEY, DEFAULT_TEMPERATURE)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ModelError(f"{path}: {TEMPERATURE_KEY!r} must be a number, got {value!r}")
    if not (math.isfinite(value) and value > 0):
        raise ModelError(f"{path}: {TEMPERATURE_KEY!r} must be positive and finite, got {value}")
    return float(value)
