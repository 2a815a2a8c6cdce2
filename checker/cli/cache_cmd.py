"""`selaras cache stats|clear`: look at or empty the cache `selaras check` keeps (the model's
verdicts and the claims extracted from each article)."""

from __future__ import annotations

import argparse
from contextlib import suppress
from pathlib import Path

from checker.claim_store import ClaimStore
from checker.cli import EXIT_OK, UsageError
from checker.nli.cache import CACHE_ENV, VerdictCache, default_cache_path, refuse_special_file

_FILES = ("", "-wal", "-shm", "-journal", ".corrupt")  # .corrupt: a file set aside


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("cache", help="show or clear the verdict cache")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    for name, run, summary in (
        ("stats", stats_command, "where the cache is, its size and rows per model"),
        (
            "clear",
            clear_command,
            "delete the cache file (the next check extracts and judges everything)",
        ),
    ):
        action = actions.add_parser(name, help=summary)
        action.add_argument(
            "--cache",
            type=Path,
            default=None,
            metavar="PATH",
            help=f"the cache file (default: ${CACHE_ENV}, else the user cache folder)",
        )
        action.set_defaults(run=run)


def _path(args: argparse.Namespace) -> Path:
    """The cache file named or the default one; never a device or a folder."""
    path: Path = args.cache if args.cache is not None else default_cache_path()
    try:
        refuse_special_file(path)
    except OSError as exc:
        raise UsageError(str(exc)) from exc
    return path


def stats_command(args: argparse.Namespace) -> int:
    path = _path(args)
    if not path.exists():
        print(f"path: {path}\nno cache yet (`selaras check` creates it)")
        return EXIT_OK
    cache = VerdictCache(path)  # a damaged file is rebuilt here, with a warning
    try:
        stats = cache.stats()
    finally:
        cache.close()
    print(f"path: {stats.path}")
    print(f"size: {stats.size_bytes:,} bytes")
    print(f"rows: {stats.rows:,}")
    for model, rows in stats.rows_per_model:
        print(f"  {rows:>10,}  {model}")
    store = ClaimStore(path)
    try:
        print(f"claim extractions: {store.count():,} (one per article version and anchoring day)")
    finally:
        store.close()
    return EXIT_OK


def clear_command(args: argparse.Namespace) -> int:
    """Delete the file and its WAL: a run still holding it open keeps its own copy until it
    ends, so clearing never breaks a check in progress."""
    path = _path(args)
    removed = 0
    for suffix in _FILES:
        with suppress(FileNotFoundError):
            target = path.with_name(path.name + suffix)
            removed += target.stat().st_size
            target.unlink()
    print(f"cleared {path} ({removed:,} bytes)" if removed else f"no cache at {path}")
    return EXIT_OK
