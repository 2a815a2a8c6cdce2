"""`selaras serve`: the checker as a local HTTP service with an editor's page.

The model is loaded before the server starts listening, so the first request is as fast as
the rest and a missing model is an error at start (exit 2), not on the first check.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from pathlib import Path

from checker.cli import EXIT_OK, UsageError
from checker.config import Config, data_folder, find_config, load_config

TOKEN_ENV = "SELARAS_TOKEN"
THREADS_ENV = "SELARAS_THREADS"  # the ONNX backend's thread count (checker.nli.onnx_backend)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from checker.serve.settings import DEFAULT_HOST, DEFAULT_PORT, Limits, ServeSettings

    limits, defaults = Limits(), ServeSettings()
    parser = sub.add_parser(
        "serve", help="a local HTTP API and editor's page (the model stays loaded)"
    )
    parser.add_argument("--host", default=DEFAULT_HOST, help=f"default {DEFAULT_HOST} (loopback)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"default {DEFAULT_PORT}")
    parser.add_argument("--model", type=Path, default=None, help="NLI model directory")
    parser.add_argument(
        "--config", type=Path, default=None, help="selaras.toml or pyproject.toml ([tool.selaras])"
    )
    parser.add_argument(
        "--data-path", type=Path, default=None, metavar="DIR", help="your own language data"
    )
    parser.add_argument(
        "--token",
        default=None,
        help=f"bearer token every /v1 call must carry (default: ${TOKEN_ENV}; prefer the "
        "variable, a command line is visible to other users)",
    )
    parser.add_argument(
        "--insecure",
        action="store_true",
        help="allow a host other than loopback without a token (a proxy in front checks callers)",
    )
    parser.add_argument("--workers", type=int, default=defaults.workers, help="checks at once")
    parser.add_argument(
        "--queue", type=int, default=defaults.queue, help="checks that may wait; more get 503"
    )
    parser.add_argument("--max-body-bytes", type=int, default=limits.max_body_bytes, metavar="N")
    parser.add_argument(
        "--max-articles",
        type=int,
        default=limits.max_articles,
        metavar="N",
        help="sources and draft of one check",
    )
    parser.add_argument(
        "--max-bytes",
        type=int,
        default=None,
        metavar="N",
        help="largest article (default 5,000,000)",
    )
    parser.add_argument(
        "--time-limit",
        type=float,
        default=limits.time_limit,
        metavar="SECONDS",
        help="work per check (queue wait not counted); over it is a 504",
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=None,
        metavar="N",
        help="CPU threads of the model (default: one per core; sets $SELARAS_THREADS); on a "
        "machine busy with other work, 1 is often faster",
    )
    parser.set_defaults(run=serve_command)


def server_config(args: argparse.Namespace) -> Config:
    """The configuration file's values with the command line's on top."""
    config = load_config(args.config if args.config else find_config(Path.cwd()))
    overrides = {
        "model": args.model,
        "max_bytes": args.max_bytes,
        "data_path": data_folder(args.data_path, Path.cwd(), "--data-path")
        if args.data_path
        else None,
    }
    return dataclasses.replace(config, **{k: v for k, v in overrides.items() if v is not None})


def serve_command(args: argparse.Namespace) -> int:
    import uvicorn

    from checker.nli.registry import load_backend
    from checker.serve.app import create_app
    from checker.serve.service import Service, model_info
    from checker.serve.settings import Limits, ServeSettings

    limits = Limits(args.max_body_bytes, args.max_articles, args.time_limit)
    settings = ServeSettings(
        host=args.host,
        port=args.port,
        token=args.token or os.environ.get(TOKEN_ENV) or None,
        insecure=args.insecure,
        workers=args.workers,
        queue=args.queue,
        limits=limits,
    )
    config = server_config(args)
    print("selaras: loading the NLI model", file=sys.stderr)
    if args.threads is not None:
        _set_threads(args.threads)
    backend = load_backend(config.model, runtime=config.runtime)
    torch = sys.modules.get("torch")
    if args.threads is not None and torch is not None:
        torch.set_num_threads(args.threads)
    service = Service(
        backend, model_info(backend, config.model), limits.max_articles, limits.time_limit
    )
    app = create_app(service, settings, config)
    shown = f"[{args.host}]" if ":" in args.host else args.host
    print(
        f"selaras: serving http://{shown}:{args.port}/ (model {backend.name}, "
        f"{settings.workers} worker(s), queue {settings.queue}"
        f"{', token required' if settings.token else ''})",
        file=sys.stderr,
    )
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        log_level="info" if args.verbose else "warning",
        server_header=False,
        proxy_headers=False,
    )
    return EXIT_OK


def _set_threads(threads: int) -> None:
    """Model threads: $SELARAS_THREADS, read by the ONNX runtime when it loads the model (torch
    is set after loading, above)."""
    if threads < 1:
        raise UsageError("--threads must be at least 1")
    os.environ[THREADS_ENV] = str(threads)
