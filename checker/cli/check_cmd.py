"""`selaras check` and `selaras baseline`: the whole pipeline over a folder of articles or a draft."""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from contextlib import AbstractContextManager, nullcontext
from datetime import UTC, datetime
from pathlib import Path

from checker.atomic import check_writable, write_atomic
from checker.baseline import apply_baseline, exit_status, load_baseline, write_baseline
from checker.cli import EXIT_OK, UsageError
from checker.cli.claims_cmd import add_input_options
from checker.config import FAIL_ON, Config, data_folder, find_config, load_config
from checker.distributed import require_ray
from checker.nli.cache import CACHE_ENV, default_cache_path
from checker.nli.registry import RUNTIMES
from checker.progress import BarProgress, LogProgress, Progress
from checker.run import Engine, run_check
from checker.types import Report


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from checker.report import FORMATS

    parser = sub.add_parser("check", help="cross-check articles (or a draft against its sources)")
    _common(parser)
    parser.add_argument(
        "--draft",
        type=Path,
        default=None,
        help="pre-publication mode: check this draft against PATHs",
    )
    parser.add_argument(
        "--cross-check-sources",
        action="store_true",
        help="in draft mode, also check sources against each other",
    )
    parser.add_argument("--format", choices=FORMATS, default=None)
    parser.add_argument(
        "-o", "--output", type=Path, default=None, help="write the report here (default: stdout)"
    )
    parser.add_argument(
        "--fail-on",
        choices=FAIL_ON,
        default=None,
        help="exit 1 on findings at or above this (default: error)",
    )
    parser.add_argument(
        "--baseline", type=Path, default=None, help="only findings not in this baseline count"
    )
    parser.set_defaults(run=check_command)
    base = sub.add_parser(
        "baseline", help="record today's findings so that CI fails only on new ones"
    )
    _common(base)
    base.add_argument("-o", "--output", type=Path, required=True, help="baseline file to write")
    base.set_defaults(run=baseline_command, draft=None, cross_check_sources=False)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="+", metavar="PATH", help="files, directories, or - for stdin"
    )
    parser.add_argument(
        "--config", type=Path, default=None, help="selaras.toml or pyproject.toml ([tool.selaras])"
    )
    parser.add_argument(
        "--model", type=Path, default=None, help="NLI model directory (default: embedded)"
    )
    parser.add_argument(
        "--runtime",
        choices=RUNTIMES,
        default=None,
        help="NLI runtime (default: $SELARAS_RUNTIME, else auto: ONNX Runtime, else torch)",
    )
    parser.add_argument("--batch-size", type=int, default=None)
    parser.add_argument(
        "--max-bytes",
        type=int,
        default=None,
        metavar="N",
        help="skip inputs larger than N bytes (default 5,000,000)",
    )
    parser.add_argument(
        "--data-path",
        type=Path,
        default=None,
        metavar="DIR",
        help="your own language data (outlet furniture, aliases, verbs), searched first",
    )
    parser.add_argument("--top-k", type=int, default=None, help="candidate partners per claim")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    add_cache_options(parser)
    add_engine_options(parser)
    parser.add_argument(
        "--now", default=None, help="the run's time, ISO 8601 (for reproducible reports)"
    )
    add_input_options(parser)


def add_cache_options(parser: argparse.ArgumentParser) -> None:
    cached = parser.add_mutually_exclusive_group()
    cached.add_argument(
        "--cache",
        type=Path,
        default=None,
        metavar="PATH",
        help=f"verdict cache file (default: ${CACHE_ENV}, else the user cache folder)",
    )
    cached.add_argument(
        "--no-cache", action="store_true", help="judge every pair again and store nothing"
    )


def add_engine_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--engine",
        choices=("local", "ray"),
        default="local",
        help="where the NLI model judges pairs: this process (default) or Ray actors "
        "(pip install 'selaras[ray]')",
    )
    parser.add_argument(
        "--ray-address",
        default=None,
        metavar="ADDR",
        help="with --engine ray: the cluster to join (default: $RAY_ADDRESS, else a local Ray "
        "started for the run)",
    )
    parser.add_argument(
        "--ray-actors",
        type=int,
        default=None,
        metavar="N",
        help="with --engine ray: model actors (default: half the cluster's CPUs)",
    )


def engine_of(args: argparse.Namespace) -> Engine:
    """The engine the command line asks for; Ray's absence is an error before any work."""
    if args.engine == "local":
        if args.ray_address or args.ray_actors:
            raise UsageError("--ray-address and --ray-actors need --engine ray")
        return Engine()
    if args.ray_actors is not None and args.ray_actors < 1:
        raise UsageError("--ray-actors must be at least 1")
    require_ray()
    return Engine("ray", address=args.ray_address, actors=args.ray_actors)


def cache_path(args: argparse.Namespace) -> Path | None:
    """The verdict cache this run uses: None with --no-cache, else --cache or the default."""
    if args.no_cache:
        return None
    return args.cache if args.cache is not None else default_cache_path()


def settings(args: argparse.Namespace) -> Config:
    """The configuration file's values with the command line's on top."""
    config = load_config(args.config if args.config else find_config(Path.cwd()))
    for name in ("batch_size", "top_k", "max_bytes"):
        if getattr(args, name) is not None and getattr(args, name) < 1:
            raise UsageError(f"--{name.replace('_', '-')} must be at least 1")
    overrides = {
        "model": args.model,
        "runtime": args.runtime,
        "batch_size": args.batch_size,
        "max_bytes": args.max_bytes,
        "data_path": data_folder(args.data_path, Path.cwd(), "--data-path")
        if args.data_path
        else None,
        "fail_on": getattr(args, "fail_on", None),
        "format": getattr(args, "format", None),
        "include": tuple(args.include or ()) or None,
        "exclude": tuple(args.exclude) or None,
        "pairing": dataclasses.replace(config.pairing, top_k=args.top_k) if args.top_k else None,
    }
    return dataclasses.replace(config, **{k: v for k, v in overrides.items() if v is not None})


def build_report(args: argparse.Namespace, config: Config, now: datetime) -> Report:
    with _progress(args) as progress:
        return run_check(
            args.paths,
            config,
            now=now,
            draft=args.draft,
            cross_check_sources=args.cross_check_sources,
            progress=progress,
            cache=cache_path(args),
            engine=engine_of(args),
        )


def _progress(args: argparse.Namespace) -> AbstractContextManager[Progress | None]:
    """Bars per stage on a terminal; on CI or into a pipe, a plain line per stage and per tenth
    of a long stage (a CI job silent for minutes looks hung, and some are killed for it);
    nothing with --quiet."""
    if args.quiet:
        return nullcontext(None)
    if os.environ.get("CI") or not sys.stderr.isatty():
        return nullcontext(LogProgress(emit=_to_stderr))
    return BarProgress()


def _to_stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _now(value: str | None) -> datetime:
    if value is None:
        return datetime.now(UTC).replace(microsecond=0)
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise UsageError(
            f"--now must be an ISO 8601 time such as 2026-01-01T00:00:00+00:00, got {value!r}"
        ) from None


def check_command(args: argparse.Namespace) -> int:
    from checker.report import render
    from checker.report.terminal import render_terminal

    # everything that can be wrong with the command is found before the model runs
    config = settings(args)
    now = _now(args.now)
    known = load_baseline(args.baseline) if args.baseline else None
    if args.output:
        check_writable(args.output)
    report = build_report(args, config, now)
    if known is not None:
        report = apply_baseline(report, known)
    if config.format == "terminal" and args.output is None and sys.stdout.isatty():
        text = render_terminal(report, color=True, width=min(140, os.get_terminal_size().columns))
    else:
        text = render(report, config.format)
    if args.output:
        write_atomic(args.output, text)
    else:
        sys.stdout.write(text)
    return exit_status(report, config.fail_on)


def baseline_command(args: argparse.Namespace) -> int:
    config, now = settings(args), _now(args.now)
    check_writable(args.output)
    report = build_report(args, config, now)
    count = write_baseline(report, args.output)
    print(f"selaras: {count} findings recorded in {args.output}", file=sys.stderr)
    return EXIT_OK
