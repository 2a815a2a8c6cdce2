"""JSON Lines: one article per line, a ``"text"`` and optional metadata fields.

A bad line (not JSON, nested too deeply, no text, or one that trips a bug) is skipped with
its line number, and every other line is still read.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from claims.ingest.decode import newlines
from claims.ingest.fields import with_metadata
from claims.ingest.reading import Reading
from claims.types import Article

log = logging.getLogger(__name__)


def read_jsonl(text: str, name: str, stem: str, reading: Reading) -> None:
    """One article per line; a bad line is skipped with its number and the others are read."""
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            _read_record(line, number, name, stem, reading)
        except Exception as exc:  # one bad record must never stop the rest of the file
            log.exception("%s:%d: could not be read", name, number)
            reading.skip(
                name,
                f"internal error while reading the record ({type(exc).__name__}: {exc}); "
                "please report it",
                number,
            )


def _read_record(line: str, number: int, name: str, stem: str, reading: Reading) -> None:
    record = _record(line, number, name, reading)
    if record is None:
        return
    body = reading.clean(newlines(record["text"]), name, number)
    body = reading.wrap(body, name, record=number)
    article = Article(id=f"{stem}-{number}", path=f"{name}:{number}", text=body)
    reading.add(with_metadata(article, record, "jsonl field", reading))


def _record(line: str, number: int, name: str, reading: Reading) -> dict[Any, Any] | None:
    """The line's JSON object if it has a text, or None after skipping the line with the reason."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        reason = f"not valid JSON ({exc.msg} at column {exc.colno}); fix or remove the line"
    except RecursionError:
        reason = "nested too deeply to read (arrays or objects inside each other); fix the line"
    except ValueError as exc:  # e.g. an integer of more digits than Python converts
        reason = f"has a value JSON cannot hold here ({exc}); fix or remove the line"
    else:
        body = record.get("text") if isinstance(record, dict) else None
        if isinstance(body, str) and body.strip():
            return record  # type: ignore[no-any-return]
        reason = 'the record has no "text" (a non-empty string); add it'
    reading.skip(name, reason, number)
    return None
