"""The `selaras` command.

Exit codes are a contract: 0 nothing at or above the threshold, 1 findings, 2 usage,
configuration, input or internal error, 130 interrupted (Ctrl-C). Anything unexpected is
reported in one line and exits 2, never 1, which CI would read as "findings"; ``--debug``
shows the traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from checker.errors import CheckerError
from claims import __version__
from claims.errors import ClaimsError

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130
log = logging.getLogger("selaras")


class UsageError(Exception):
    """Bad command-line usage; main() prints it and exits 2."""


def build_parser() -> argparse.ArgumentParser:
    from checker.cli import cache_cmd, claims_cmd, model_cmd, nli_cmd, serve_cmd

    parser = argparse.ArgumentParser(
        prog="selaras",
        description="Cross-source fact-consistency checker for news.",
    )
    parser.add_argument("--version", action="version", version=f"selaras {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")
    parser.add_argument(
        "--debug", action="store_true", help="show the traceback of an internal error"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in (claims_cmd, nli_cmd, model_cmd, cache_cmd, serve_cmd):
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
    except (UsageError, ClaimsError, CheckerError) as exc:
        _error(str(exc))
        return EXIT_ERROR
    except KeyboardInterrupt:
        _error("interrupted; no report was written")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:  # an unwritable output, a baseline that is a folder, a full disk
        _traceback(args)
        where = f" {exc.filename}" if exc.filename else ""
        _error(f"cannot use{where}: {exc.strerror or exc}")
        return EXIT_ERROR
    except Exception as exc:
        _traceback(args)
        _error(
            f"internal error: {type(exc).__name__}: {exc} "
            "(run again with --debug for the traceback, and please report it)"
        )
        return EXIT_ERROR


def _traceback(args: argparse.Namespace) -> None:
    if args.debug:
        import traceback

        traceback.print_exc(file=sys.stderr)


def _error(message: str) -> None:
    from checker.escape import one_line

    print(f"selaras: error: {one_line(message)}", file=sys.stderr)
