"""`selaras model train` runs a few steps on a tiny slice and writes a model that loads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch

from checker.cli import main
from checker.nli.backends import EmbeddedNLI
from checker.nli.labels import NLILabel


@pytest.mark.slow
def test_train_writes_a_loadable_model_and_resumes(tmp_path: Path) -> None:
    out = tmp_path / "run"
    argv = [
        "model",
        "train",
        "--out",
        str(out),
        "--max-steps",
        "2",
        "--eval-every",
        "2",
        "--eval-limit",
        "8",
        "--indonli-limit",
        "24",
        "--mnli-limit",
        "8",
        "--batch-size",
        "8",
        "--threads",
        "1",
    ]
    assert main(argv) == 0
    config = json.loads((out / "best" / "config.json").read_text())
    assert config["id2label"] == {"0": "entailment", "1": "neutral", "2": "contradiction"}
    backend = EmbeddedNLI(out / "best")
    scores = backend.predict(
        [("Xi menelepon Putin pada Rabu.", "Xi menelepon Putin.")], batch_size=1
    )
    assert scores[0].label in set(NLILabel)
    assert sum(scores[0].as_dict().values()) == pytest.approx(1.0, abs=1e-4)
    assert torch.load(out / "checkpoint.pt", weights_only=False)["state"]["step"] == 2
    # a resumed run continues from the checkpoint's step instead of starting over
    resumed = [*argv[:4], "--resume", *argv[4:]]
    resumed[resumed.index("--max-steps") + 1] = "3"
    assert main(resumed) == 0
    state = torch.load(out / "checkpoint.pt", weights_only=False)["state"]
    assert state["step"] == 3
    assert [h["step"] for h in state["history"]] == [2, 3]
