"""`selaras check` and `selaras baseline`: the whole pipeline over a folder of articles or a draft."""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from contextlib import nullcontext
from datetime import UTC, datetime
from pathlib import Path

from checker.baseline import apply_baseline, exit_status, load_baseline, write_baseline
from checker.cli import EXIT_OK, UsageError
from checker.cli.claims_cmd import add_input_options
from checker.config import FAIL_ON, Config, find_config, load_config
from checker.drift import DriftOptions
from checker.pairing import PairingOptions
from checker.pipeline import CheckOptions, check
from checker.types import Report
from claims.extract import extract_corpus
from claims.ingest import read_inputs, require_articles


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
    parser.set_defaults(run=run_check)
    base = sub.add_parser(
        "baseline", help="record today's findings so that CI fails only on new ones"
    )
    _common(base)
    base.add_argument("-o", "--output", type=Path, required=True, help="baseline file to write")
    base.set_defaults(run=run_baseline, draft=None, cross_check_sources=False)


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
    parser.add_argument("--batch-size", type=int, default=None)
    parser.add_argument("--top-k", type=int, default=None, help="candidate partners per claim")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    parser.add_argument(
        "--now", default=None, help="the run's time, ISO 8601 (for reproducible reports)"
    )
    add_input_options(parser)


def settings(args: argparse.Namespace) -> Config:
    """The configuration file's values with the command line's on top."""
    config = load_config(args.config if args.config else find_config(Path.cwd()))
    overrides = {
        "model": args.model,
        "batch_size": args.batch_size,
        "top_k": args.top_k,
        "fail_on": getattr(args, "fail_on", None),
        "format": getattr(args, "format", None),
    }
    config = dataclasses.replace(config, **{k: v for k, v in overrides.items() if v is not None})
    if config.batch_size < 1 or config.top_k < 1:
        raise UsageError("--batch-size and --top-k must be at least 1")
    return config


def build_report(args: argparse.Namespace, config: Config) -> Report:
    from checker.nli.backends import load_backend

    paths = list(args.paths) + ([str(args.draft)] if args.draft else [])
    options = {"exclude": tuple(args.exclude) or config.exclude}
    include = tuple(args.include or ()) or config.include
    if include:
        options["include"] = include
    corpus = require_articles(read_inputs(paths, **options))
    draft_id = _draft_id(corpus, args.draft) if args.draft else None
    extraction = extract_corpus(corpus)
    backend = load_backend(config.model)
    t = config.thresholds
    check_options = CheckOptions(
        pairing=PairingOptions(top_k=config.top_k),
        drift=DriftOptions(
            quote_similarity=t.get("quote_similarity", 0.8),
            statement_overlap=t.get("statement_overlap", 0.6),
        ),
        contradiction_threshold=t.get("contradiction", 0.8),
        entailment_threshold=t.get("entailment", 0.5),
        batch_size=config.batch_size,
        severities=config.severity,
        disabled=config.disable,
        draft_id=draft_id,
        cross_check_sources=args.cross_check_sources,
    )
    with _progress(args) as status:
        say = (lambda text: status.update(f"selaras: {text}")) if status else None
        return check(extraction, backend, options=check_options, now=_now(args.now), progress=say)


def _draft_id(corpus, draft: Path) -> str:  # type: ignore[no-untyped-def]
    for article in corpus.articles:
        if Path(article.path) == draft:
            return str(article.id)
    reasons = "; ".join(s.reason for s in corpus.skipped if Path(s.source) == draft)
    raise UsageError(f"the draft {draft} could not be read" + (f": {reasons}" if reasons else ""))


def _progress(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    if args.quiet or os.environ.get("CI") or not sys.stderr.isatty():
        return nullcontext(None)
    from rich.console import Console

    return Console(stderr=True).status("selaras: reading")


def _now(value: str | None) -> datetime:
    if value is None:
        return datetime.now(UTC).replace(microsecond=0)
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise UsageError(
            f"--now must be an ISO 8601 time such as 2026-01-01T00:00:00+00:00, got {value!r}"
        ) from None


def run_check(args: argparse.Namespace) -> int:
    from checker.report import render
    from checker.report.terminal import render_terminal

    config = settings(args)
    report = build_report(args, config)
    if args.baseline:
        report = apply_baseline(report, load_baseline(args.baseline))
    if config.format == "terminal" and args.output is None and sys.stdout.isatty():
        text = render_terminal(report, color=True, width=min(140, os.get_terminal_size().columns))
    else:
        text = render(report, config.format)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return exit_status(report, config.fail_on)


def run_baseline(args: argparse.Namespace) -> int:
    report = build_report(args, settings(args))
    count = write_baseline(report, args.output)
    print(f"selaras: {count} findings recorded in {args.output}", file=sys.stderr)
    return EXIT_OK
