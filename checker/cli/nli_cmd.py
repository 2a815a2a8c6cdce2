"""`selaras nli`: judge JSON Lines of premise/hypothesis pairs with the configured NLI model."""

from __future__ import annotations

import argparse
import io
import json
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from checker.cli import EXIT_ERROR, EXIT_OK, UsageError
from claims.ingest import clean_text

log = logging.getLogger(__name__)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("nli", help="judge premise/hypothesis pairs (JSON Lines in and out)")
    parser.add_argument("file", nargs="?", default="-", help="JSON Lines file, or - for stdin")
    parser.add_argument(
        "--model", type=Path, default=None, help="model directory (default: embedded)"
    )
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument(
        "-o", "--output", type=Path, default=None, help="write here instead of stdout"
    )
    parser.set_defaults(run=run)


def read_pairs(stream: TextIO, source: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (line number, record) for well-formed lines; log and skip the others."""
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, RecursionError, ValueError) as exc:
            log.warning("%s:%d: not valid JSON (%s); line skipped", source, number, exc)
            continue
        if not isinstance(record, dict) or not all(
            isinstance(record.get(k), str) and record[k].strip() for k in ("premise", "hypothesis")
        ):
            log.warning(
                "%s:%d: needs string fields 'premise' and 'hypothesis'; line skipped",
                source,
                number,
            )
            continue
        # lone surrogates ("\\ud800" is valid JSON) cannot reach the tokenizer or the output
        yield number, {k: clean_text(v) if isinstance(v, str) else v for k, v in record.items()}


def run(args: argparse.Namespace) -> int:
    from checker.nli.registry import load_backend

    if args.batch_size < 1:
        raise UsageError(f"--batch-size must be at least 1, got {args.batch_size}")
    if args.file == "-":
        raw = getattr(sys.stdin, "buffer", None)  # bytes, so that non-UTF-8 input is replaced
        stdin = io.TextIOWrapper(raw, encoding="utf-8", errors="replace") if raw else sys.stdin
        records = list(read_pairs(stdin, "<stdin>"))
    else:
        path = Path(args.file)
        if not path.is_file():
            raise UsageError(f"{path}: no such file")
        with path.open(encoding="utf-8", errors="replace") as stream:
            records = list(read_pairs(stream, str(path)))
    backend = load_backend(args.model)
    scores = backend.predict(
        [(r["premise"], r["hypothesis"]) for _, r in records], batch_size=args.batch_size
    )
    out = args.output.open("w", encoding="utf-8") if args.output else sys.stdout
    try:
        for (_, record), score in zip(records, scores, strict=True):
            record = {**record, "probs": score.as_dict(), "label": score.label.value}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        if args.output:
            out.close()
    return EXIT_OK if records or args.file == "-" else EXIT_ERROR
