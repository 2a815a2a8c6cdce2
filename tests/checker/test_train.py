"""`selaras model train` runs a few steps on the tiny shipped data (tests/data/nli), writes a model
that loads, and resumes from a checkpoint that is never unpickled."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch
from safetensors import safe_open

from checker.cli import main
from checker.errors import CheckerError
from checker.nli.base import EMBEDDED_KIND
from checker.nli.embedded import EmbeddedNLI
from checker.nli.labels import NLILabel
from checker.nli.registry import load_backend
from checker.nli.training.datasets import DATA_ENV

from .conftest import TEST_DATA

TINY_DATA = TEST_DATA / "nli"


def _train_argv(out: Path, max_steps: int) -> list[str]:
    return [
        "model",
        "train",
        "--out",
        str(out),
        "--max-steps",
        str(max_steps),
        "--eval-every",
        "2",
        "--eval-limit",
        "6",
        "--mnli-limit",
        "4",
        "--extra",
        str(TINY_DATA / "extra-en.jsonl"),
        "--batch-size",
        "8",
        "--threads",
        "1",
    ]


def _no_unpickling(*args: object, **kwargs: object) -> None:
    raise AssertionError("torch.load must not be used to resume")


@pytest.mark.slow
def test_train_writes_a_loadable_model_and_resumes_without_pickle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATA_ENV, str(TINY_DATA))
    monkeypatch.setattr(torch, "load", _no_unpickling)
    out = tmp_path / "run"
    assert main(_train_argv(out, 2)) == 0
    config = json.loads((out / "best" / "config.json").read_text())
    assert config["kind"] == EMBEDDED_KIND
    assert config["id2label"] == {"0": "entailment", "1": "neutral", "2": "contradiction"}
    backend = load_backend(out / "best")
    assert backend.kind == EMBEDDED_KIND  # on ONNX Runtime through the shared graph, or torch
    assert isinstance(load_backend(out / "best", runtime="torch"), EmbeddedNLI)
    scores = backend.predict([("Xi menelepon Putin pada Rabu.", "Xi menelepon Putin.")])
    assert scores[0].label in set(NLILabel)
    assert sum(scores[0].as_dict().values()) == pytest.approx(1.0, abs=1e-4)
    assert not (out / "checkpoint.pt").exists()
    assert json.loads((out / "checkpoint.json").read_text())["progress"]["step"] == 2
    with safe_open(str(out / "checkpoint.safetensors"), framework="pt") as handle:
        names = set(handle.keys())
    assert "rng" in names and any(n.startswith("optimizer.0.") for n in names)
    # a resumed run continues from the checkpoint's step instead of starting over
    argv = _train_argv(out, 3)
    assert main([*argv[:4], "--resume", *argv[4:]]) == 0
    progress = json.loads((out / "checkpoint.json").read_text())["progress"]
    assert progress["step"] == 3
    assert [h["step"] for h in progress["history"]] == [2, 3]


def test_resume_refuses_a_pickled_checkpoint(tmp_path: Path) -> None:
    from checker.nli.training.checkpoint import load_checkpoint

    (tmp_path / "checkpoint.pt").write_bytes(b"a pickle is never opened")
    with pytest.raises(CheckerError, match=r"checkpoint\.pt is a pickled checkpoint"):
        load_checkpoint(tmp_path, None, None, None)  # type: ignore[arg-type]
