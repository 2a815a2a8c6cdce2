"""Options of `selaras model train`, kept apart from the training code so that the command line
can describe them without importing torch.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class TrainConfig:
    out: Path
    seed: int = 13
    epochs: float = 1.0
    batch_size: int = 16
    lr: float = 4e-5
    warmup: float = 0.06
    max_length: int = 160
    eval_every: int = 200
    eval_limit: int = 600
    max_steps: int | None = None
    mnli_limit: int = 4000
    extra: tuple[Path, ...] = ()
    threads: int = 2
    init: Path | None = None  # start from a saved model (a second training stage) instead of e5
    indonli_limit: int | None = None
    val: Path | None = None  # JSONL selection set; the score is the mean accuracy per source


def add_train_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out",
        type=Path,
        required=True,
        help="run folder: checkpoint.safetensors and .json, best/",
    )
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--epochs", type=float, default=1.0)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--lr", type=float, default=4e-5)
    parser.add_argument("--max-length", type=int, default=160)
    parser.add_argument("--eval-every", type=int, default=200, help="steps between val evaluations")
    parser.add_argument(
        "--eval-limit", type=int, default=600, help="IndoNLI val pairs per evaluation"
    )
    parser.add_argument("--max-steps", type=int, default=None)
    parser.add_argument("--mnli-limit", type=int, default=4000, help="MNLI-id pairs mixed in")
    parser.add_argument("--indonli-limit", type=int, default=None, help="IndoNLI train pairs used")
    parser.add_argument("--extra", type=Path, action="append", default=[], help="more JSONL pairs")
    parser.add_argument(
        "--val",
        type=Path,
        default=None,
        help="JSONL pairs for model selection (mean accuracy per source) instead of IndoNLI val",
    )
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--init", type=Path, default=None, help="continue from a saved model")
    parser.add_argument(
        "--resume", action="store_true", help="continue from the checkpoint in --out"
    )


def config_from_args(args: argparse.Namespace) -> tuple[TrainConfig, bool]:
    fields = set(TrainConfig.__dataclass_fields__)
    values = {k: v for k, v in vars(args).items() if k in fields}
    values["extra"] = tuple(values.get("extra", ()))
    return TrainConfig(**values), bool(args.resume)
