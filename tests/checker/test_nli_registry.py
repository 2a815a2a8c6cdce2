"""The backend registry: the kind in config.json picks the backend, a Hugging Face config is
recognised explicitly, loaded backends are cached, and the interface imports no torch."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest

from checker.errors import ModelError
from checker.nli import registry
from checker.nli.base import (
    DEFAULT_MODEL_DIR,
    EMBEDDED_KIND,
    HUGGINGFACE_KIND,
    Pair,
    length_sorted_batches,
    predict_batched,
)
from checker.nli.labels import NLIScores
from checker.nli.registry import BackendEntry, entry_for, load_backend, read_model_config

ROOT = Path(__file__).parents[2]
TORCH_FREE = (
    "checker.nli.base",
    "checker.nli.registry",
    "checker.nli.labels",
    "checker.nli.training.train_options",
)


def test_interface_modules_import_neither_torch_nor_transformers() -> None:
    code = (
        "import importlib, json, sys\n"
        f"for name in {TORCH_FREE!r}: importlib.import_module(name)\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('torch', 'transformers'))\n"
        "print(json.dumps(heavy))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert json.loads(done.stdout) == []


def test_the_shipped_model_names_its_kind() -> None:
    config = read_model_config(DEFAULT_MODEL_DIR)
    assert config["kind"] == EMBEDDED_KIND
    assert entry_for(config, DEFAULT_MODEL_DIR).target == "checker.nli.embedded:EmbeddedNLI"


@pytest.mark.parametrize(
    ("config", "kind"),
    [
        ({"kind": HUGGINGFACE_KIND, "base_sha256": "x"}, HUGGINGFACE_KIND),  # kind wins
        ({"architectures": ["BertForSequenceClassification"]}, HUGGINGFACE_KIND),
        ({"model_type": "xlm-roberta", "id2label": {}}, HUGGINGFACE_KIND),
        ({"base_sha256": "abc", "id2label": {}}, EMBEDDED_KIND),  # saved before "kind"
    ],
)
def test_entry_for_follows_kind_then_explicit_recognition(
    config: dict[str, Any], kind: str, tmp_path: Path
) -> None:
    assert entry_for(config, tmp_path).kind == kind


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"kind": "onnx-someday"}, r"unknown model kind 'onnx-someday' \(known: huggingface, "),
        ({"id2label": {"0": "entailment"}, "note": "base_sha256"}, r"has no 'kind'"),
    ],
)
def test_entry_for_refuses_unknown_or_unrecognised_configs(
    config: dict[str, Any], message: str, tmp_path: Path
) -> None:
    with pytest.raises(ModelError, match=message):
        entry_for(config, tmp_path)


@pytest.mark.parametrize("text", ["{not json", "[1, 2]"])
def test_a_broken_config_is_a_model_error(tmp_path: Path, text: str) -> None:
    (tmp_path / "config.json").write_text(text)
    with pytest.raises(ModelError, match=r"config\.json"):
        load_backend(tmp_path)


class LengthBackend:
    """A backend for the registry test: entailment grows with the premise's length."""

    loads = 0

    def __init__(self, directory: Path) -> None:
        LengthBackend.loads += 1
        self.name = f"length ({directory.name})"
        self.batches: list[list[int]] = []

    def predict(self, pairs: Sequence[Pair], *, batch_size: int = 16) -> list[NLIScores]:
        def score(rows: list[int]) -> list[NLIScores]:
            self.batches.append(rows)
            return [_scores(len(pairs[i][0])) for i in rows]

        return predict_batched([len(p) for p, _ in pairs], batch_size, score)


def _scores(length: int) -> NLIScores:
    entailment = length / (length + 1)
    return NLIScores(entailment, 1.0 - entailment, 0.0)


def test_a_new_backend_is_one_entry_and_loads_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = BackendEntry("length", f"{__name__}:LengthBackend", "test backend")
    monkeypatch.setattr(
        registry, "BACKENDS", MappingProxyType({**registry.BACKENDS, "length": entry})
    )
    (tmp_path / "config.json").write_text(json.dumps({"kind": "length"}))
    first = load_backend(tmp_path)
    assert load_backend(tmp_path / ".") is first
    assert isinstance(first, LengthBackend) and LengthBackend.loads == 1
    pairs = [("ccc", "h"), ("a", "h"), ("bbbbb", "h"), ("dd", "h")]
    assert first.predict(pairs, batch_size=2) == [_scores(len(p)) for p, _ in pairs]
    assert first.batches == [[1, 3], [0, 2]]  # shortest first, results back in input order


def test_predict_batched_keeps_input_order_and_validates_batch_size() -> None:
    calls: list[list[int]] = []

    def score(rows: list[int]) -> list[NLIScores]:
        calls.append(rows)
        return [_scores(i) for i in rows]

    assert predict_batched([4, 2, 9], 1, score) == [_scores(0), _scores(1), _scores(2)]
    assert calls == [[1], [0], [2]]
    assert predict_batched([], 8, score) == []
    assert length_sorted_batches([3, 3, 1], 5) == [[2, 0, 1]]
    with pytest.raises(ValueError, match="batch_size must be at least 1"):
        predict_batched([1], 0, score)
