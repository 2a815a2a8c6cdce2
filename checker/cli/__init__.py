"""The `selaras` command.

Exit codes are a contract: 0 nothing at or above the threshold, 1 findings, 2 usage or
internal error.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from checker.errors import CheckerError
from claims import __version__
from claims.errors import ClaimsError

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
log = logging.getLogger("selaras")


class UsageError(Exception):
    """Bad command-line usage; main() prints it and exits 2."""


def build_parser() -> argparse.ArgumentParser:
    from checker.cli import claims_cmd, model_cmd, nli_cmd

    parser = argparse.ArgumentParser(
        prog="selaras",
        description="Cross-source fact-consistency checker for news.",
    )
    parser.add_argument("--version", action="version", version=f"selaras {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in (claims_cmd, nli_cmd, model_cmd):
        module.register(sub)
    _register_optional(sub)
    return parser


def _register_optional(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Commands whose modules arrive with later stages of the pipeline."""
    import importlib

    for name in ("check_cmd", "baseline_cmd"):
        try:
            module = importlib.import_module(f"checker.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"checker.cli.{name}":
                raise
            continue
        module.register(sub)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors and 0 on --help
        return int(exc.code or 0)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="selaras: %(levelname)s: %(message)s",
        stream=sys.stderr,
    )
    try:
        return int(args.run(args))
    except UsageError as exc:
        print(f"selaras: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except (ClaimsError, CheckerError) as exc:
        print(f"selaras: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_OK
