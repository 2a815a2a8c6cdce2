"""Standard input (``-``): the article text, with front matter allowed, as bytes when it can.

Bytes are decoded as a file's are (byte-order marks, binary refused, detected encodings), so
random bytes piped in are refused with a reason instead of reaching the pipeline as lone
surrogates; a text-only stream (a test's ``StringIO``) is read as text and cleaned.
"""

from __future__ import annotations

from typing import TextIO

from claims.ingest.decode import decode, newlines
from claims.ingest.markdown import read_markdown
from claims.ingest.reading import Reading

STDIN = "-"
NAME = "<stdin>"


def read_stdin(stream: TextIO, reading: Reading) -> None:
    """Read ``stream`` as one article, up to ``reading.max_bytes``."""
    limit = reading.max_bytes
    buffer = getattr(stream, "buffer", None)
    try:
        raw: bytes | str = buffer.read(limit + 1) if buffer is not None else stream.read(limit + 1)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        reading.skip(NAME, f"cannot be read as text ({exc}); pipe UTF-8 text")
        return
    if len(raw) > limit:
        reading.skip(
            NAME,
            f"is over the limit of {limit:,} {'bytes' if isinstance(raw, bytes) else 'characters'}"
            "; split it, or raise the limit (--max-bytes)",
        )
        return
    text = decode(raw, NAME, reading) if isinstance(raw, bytes) else newlines(raw)
    if text is None:
        return
    if not text.strip():
        reading.skip(NAME, "is empty; pipe the article text in, or leave out -")
        return
    read_markdown(reading.clean(text, NAME), NAME, "stdin", reading)
