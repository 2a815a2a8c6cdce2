"""Resumable training state without pickle: tensors in safetensors, everything else in JSON.

``checkpoint.safetensors`` holds the trainable weights, the optimizer's tensors and torch's RNG
state; ``checkpoint.json`` the step, the best accuracy so far, the evaluation history and the
optimizer's and scheduler's plain settings. Loading never unpickles anything, so a checkpoint
from elsewhere cannot run code.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import torch
from safetensors import safe_open
from safetensors.torch import load_file, save_file

from checker.errors import CheckerError
from checker.nli.cross_encoder import CrossEncoderNLI

TENSORS_FILE = "checkpoint.safetensors"
STATE_FILE = "checkpoint.json"
PICKLED_FILE = "checkpoint.pt"  # what earlier versions wrote; never loaded
FORMAT = 1
_MODEL, _OPTIMIZER, _RNG = "model.", "optimizer.", "rng"


@dataclass(slots=True)
class Progress:
    """How far a run has got: updated after every step and evaluation."""

    step: int = 0
    best: float = -1.0
    history: list[dict[str, float]] = field(default_factory=list)


def save_checkpoint(
    directory: Path,
    model: CrossEncoderNLI,
    optimizer: torch.optim.Optimizer,
    schedule: torch.optim.lr_scheduler.LRScheduler,
    progress: Progress,
) -> None:
    """Write both files (each through a temporary name, then renamed into place)."""
    tensors = {_MODEL + k: v.contiguous() for k, v in model.trainable_state().items()}
    saved = optimizer.state_dict()
    plain: dict[str, dict[str, Any]] = {}
    for index, values in saved["state"].items():
        plain[str(index)] = {}
        for key, value in values.items():
            if isinstance(value, torch.Tensor):
                tensors[f"{_OPTIMIZER}{index}.{key}"] = value.contiguous()
            else:
                plain[str(index)][key] = value
    tensors[_RNG] = torch.get_rng_state()
    state = {
        "format": FORMAT,
        "progress": asdict(progress),
        "optimizer": {"param_groups": saved["param_groups"], "state": plain},
        "schedule": schedule.state_dict(),
    }
    directory.mkdir(parents=True, exist_ok=True)
    tensors_tmp = directory / (TENSORS_FILE + ".tmp")
    save_file(tensors, str(tensors_tmp), metadata={"step": str(progress.step)})
    state_tmp = directory / (STATE_FILE + ".tmp")
    state_tmp.write_text(json.dumps(state, indent=1) + "\n", encoding="utf-8")
    os.replace(tensors_tmp, directory / TENSORS_FILE)
    os.replace(state_tmp, directory / STATE_FILE)


def load_checkpoint(
    directory: Path,
    model: CrossEncoderNLI,
    optimizer: torch.optim.Optimizer,
    schedule: torch.optim.lr_scheduler.LRScheduler,
) -> Progress | None:
    """Restore a run saved by :func:`save_checkpoint`; ``None`` when there is none."""
    tensors_path, state_path = directory / TENSORS_FILE, directory / STATE_FILE
    if not (tensors_path.is_file() and state_path.is_file()):
        if (directory / PICKLED_FILE).is_file():
            raise CheckerError(
                f"{directory / PICKLED_FILE} is a pickled checkpoint from an earlier Selaras; it "
                "is not loaded (unpickling can run code): start a new run with another --out"
            )
        return None
    state = _read_state(state_path)
    progress = Progress(**state["progress"])
    with safe_open(str(tensors_path), framework="pt") as handle:
        saved_step = (handle.metadata() or {}).get("step")
    if saved_step != str(progress.step):
        raise CheckerError(
            f"{tensors_path} (step {saved_step}) and {state_path} (step {progress.step}) are "
            "from different steps; the run was interrupted while saving: start a new run"
        )
    tensors = load_file(str(tensors_path))
    model_state = {k[len(_MODEL) :]: v for k, v in tensors.items() if k.startswith(_MODEL)}
    model.load_state_dict(model_state, strict=False)
    optimizer.load_state_dict(_optimizer_state(state["optimizer"], tensors))
    schedule.load_state_dict(state["schedule"])
    torch.set_rng_state(tensors[_RNG])
    return progress


def _read_state(path: Path) -> dict[str, Any]:
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise CheckerError(f"cannot read the checkpoint {path}: {exc}") from exc
    if not isinstance(state, dict) or state.get("format") != FORMAT:
        raise CheckerError(f"{path} is not a Selaras checkpoint (format {FORMAT})")
    return state


def _optimizer_state(plain: dict[str, Any], tensors: dict[str, torch.Tensor]) -> dict[str, Any]:
    """The optimizer's state_dict again: its tensors put back, JSON lists back to tuples."""
    state: dict[int, dict[str, Any]] = {
        int(i): dict(values) for i, values in plain["state"].items()
    }
    for name, tensor in tensors.items():
        if name.startswith(_OPTIMIZER):
            index, _, key = name[len(_OPTIMIZER) :].partition(".")
            state.setdefault(int(index), {})[key] = tensor
    groups = [
        {k: tuple(v) if isinstance(v, list) and k != "params" else v for k, v in group.items()}
        for group in plain["param_groups"]
    ]
    return {"state": state, "param_groups": groups}
