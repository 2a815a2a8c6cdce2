"""Temperature scaling (checker/nli/calibration.py) and its use by the embedded backend.

The math is checked on synthetic logits whose true calibration is known; the backend on the
real shipped model, loaded from a copy of its directory whose config.json carries a temperature.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from checker.errors import ModelError
from checker.nli.base import DEFAULT_MODEL_DIR
from checker.nli.calibration import (
    TEMPERATURE_KEY,
    expected_calibration_error,
    fit_temperature,
    negative_log_likelihood,
    softmax,
    temperature_from_config,
)
from checker.nli.labels import NLILabel

PAIRS = [
    ("Presiden tiba di Jakarta pada Senin (15/6).", "Presiden tiba di Jakarta pada Senin."),
    ("Harga beras naik 10 persen bulan ini.", "Harga beras turun 10 persen bulan ini."),
    ("The minister met the ambassador on Friday.", "Menteri bertemu duta besar pada hari Jumat."),
]


def sampled_set(scale: float, *, rows: int = 6000, seed: int = 7) -> tuple[np.ndarray, np.ndarray]:
    """Labels drawn from softmax(z) and logits ``scale * z``: scale > 1 is over-confident,
    and the temperature that undoes it is ``scale``."""
    rng = np.random.default_rng(seed)
    true_logits = rng.normal(scale=1.5, size=(rows, 3))
    probs = softmax(true_logits)
    labels = np.array([rng.choice(3, p=row) for row in probs])
    return scale * true_logits, labels


@pytest.mark.parametrize("scale", [3.0, 0.5])
def test_fit_temperature_recovers_the_scale(scale: float) -> None:
    logits, labels = sampled_set(scale)
    fitted = fit_temperature(logits, labels)
    assert fitted == pytest.approx(scale, rel=0.1)


def test_fit_temperature_over_confident_set_gets_t_above_one_and_lower_ece() -> None:
    logits, labels = sampled_set(3.0)
    fitted = fit_temperature(logits, labels)
    before = expected_calibration_error(softmax(logits), labels)
    after = expected_calibration_error(softmax(logits, fitted), labels)
    assert fitted > 1.0
    assert before > 0.1
    assert after < before / 3
    assert negative_log_likelihood(logits, labels, fitted) < negative_log_likelihood(logits, labels)


def test_fit_temperature_is_the_nll_minimum() -> None:
    logits, labels = sampled_set(2.0, rows=2000, seed=3)
    fitted = fit_temperature(logits, labels)
    best = negative_log_likelihood(logits, labels, fitted)
    for nearby in (fitted * 0.97, fitted * 1.03):
        assert best < negative_log_likelihood(logits, labels, nearby)


def test_softmax_temperature_keeps_the_winner_and_flattens() -> None:
    logits = np.array([[2.0, 0.5, -1.0], [-0.3, 0.1, 3.0]])
    plain, flat = softmax(logits), softmax(logits, 2.0)
    assert np.array_equal(plain.argmax(axis=1), flat.argmax(axis=1))
    assert np.all(flat.max(axis=1) < plain.max(axis=1))
    assert np.allclose(flat.sum(axis=1), 1.0)
    assert np.allclose(softmax(logits, 1.0), plain)


def test_ece_of_perfectly_calibrated_bins_is_zero() -> None:
    # 10 rows at confidence 0.8 with 8 right, 5 rows at 0.6 with 3 right
    probs = [[0.8, 0.1, 0.1]] * 10 + [[0.3, 0.6, 0.1]] * 5
    labels = [0] * 8 + [1] * 2 + [1] * 3 + [2] * 2
    assert expected_calibration_error(probs, labels) == pytest.approx(0.0, abs=1e-12)


def test_ece_weights_each_bin_by_its_rows() -> None:
    # bin at 0.9: always right (gap 0.1, 3 rows); bin at 0.5: never right (gap 0.5, 1 row)
    probs = [[0.9, 0.05, 0.05]] * 3 + [[0.5, 0.25, 0.25]]
    labels = [0, 0, 0, 1]
    assert expected_calibration_error(probs, labels) == pytest.approx((3 * 0.1 + 0.5) / 4)


def test_ece_of_confident_wrong_answers_is_their_confidence() -> None:
    assert expected_calibration_error([[0.95, 0.05]] * 4, [1] * 4) == pytest.approx(0.95)


@pytest.mark.parametrize(
    "call",
    [
        lambda: fit_temperature([[1.0, 2.0]], [0, 1]),
        lambda: fit_temperature([[1.0, 2.0]], [2]),
        lambda: fit_temperature([[1.0, math.inf]], [0]),
        lambda: expected_calibration_error([[0.5, 0.5]], [0], bins=0),
        lambda: softmax([[1.0, 2.0]], 0.0),
    ],
)
def test_bad_inputs_raise_value_error(call: Callable[[], object]) -> None:
    with pytest.raises(ValueError):
        call()


def test_temperature_from_config_defaults_to_one() -> None:
    assert temperature_from_config({}, Path("config.json")) == 1.0
    assert temperature_from_config({TEMPERATURE_KEY: 1.7}, Path("config.json")) == 1.7


@pytest.mark.parametrize("value", [0, -1.0, "2", True, math.nan, math.inf, None])
def test_temperature_from_config_rejects_bad_values(value: object) -> None:
    with pytest.raises(ModelError, match=r"config\.json"):
        temperature_from_config({TEMPERATURE_KEY: value}, Path("config.json"))


# --- the embedded backend ------------------------------------------------------------------


def model_copy(directory: Path, temperature: float | None) -> Path:
    """The shipped model's directory with ``temperature`` in its config.json, or none at all
    when None (the weights are linked, not copied)."""
    directory.mkdir()
    config = json.loads((DEFAULT_MODEL_DIR / "config.json").read_text(encoding="utf-8"))
    config.pop(TEMPERATURE_KEY, None)
    if temperature is not None:
        config[TEMPERATURE_KEY] = temperature
    (directory / "config.json").write_text(json.dumps(config), encoding="utf-8")
    (directory / "model.safetensors").symlink_to(DEFAULT_MODEL_DIR / "model.safetensors")
    return directory


@pytest.fixture(scope="module")
def load_with_temperature(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from checker.nli.embedded import EmbeddedNLI

    def load(temperature: float | None) -> EmbeddedNLI:
        folder = tmp_path_factory.mktemp("model") / f"t{temperature}"
        return EmbeddedNLI(model_copy(folder, temperature))

    return load


def probability_rows(backend) -> list[list[float]]:  # type: ignore[no-untyped-def]
    return [[s.probability(label) for label in NLILabel] for s in backend.predict(PAIRS)]


@pytest.mark.slow
def test_embedded_temperature_one_is_identical_to_none(load_with_temperature) -> None:  # type: ignore[no-untyped-def]
    without = load_with_temperature(None)
    assert without.temperature == 1.0
    assert probability_rows(load_with_temperature(1.0)) == probability_rows(without)


@pytest.mark.slow
def test_the_shipped_model_applies_its_fitted_temperature(embedded_backend) -> None:  # type: ignore[no-untyped-def]
    config = json.loads((DEFAULT_MODEL_DIR / "config.json").read_text(encoding="utf-8"))
    assert embedded_backend.temperature == config[TEMPERATURE_KEY] > 1.0
    rows = probability_rows(embedded_backend)
    assert np.allclose(
        rows, softmax(embedded_backend.logits(PAIRS), config[TEMPERATURE_KEY]), atol=1e-6
    )


@pytest.mark.slow
def test_embedded_logits_give_the_predicted_probabilities(load_with_temperature) -> None:  # type: ignore[no-untyped-def]
    plain = load_with_temperature(None)
    assert np.allclose(softmax(plain.logits(PAIRS)), probability_rows(plain), atol=1e-6)


@pytest.mark.slow
def test_embedded_temperature_two_flattens(load_with_temperature) -> None:  # type: ignore[no-untyped-def]
    plain_backend, flat_backend = load_with_temperature(None), load_with_temperature(2.0)
    plain, flat = (
        np.array(probability_rows(plain_backend)),
        np.array(probability_rows(flat_backend)),
    )
    assert np.array_equal(plain.argmax(axis=1), flat.argmax(axis=1))
    assert np.all(flat.max(axis=1) < plain.max(axis=1))
    assert np.allclose(flat, softmax(plain_backend.logits(PAIRS), 2.0), atol=1e-6)
    assert ("temperature", "2 (probabilities calibrated)") in flat_backend.describe()
