"""Text made safe to carry through the pipeline: encodable, one-line where it must be, bounded.

Untrusted text can hold what Python strings allow but nothing downstream can use: lone UTF-16
surrogates (a JSON ``"\\ud800"`` escape, undecodable bytes read with ``surrogateescape``) make
tokenizers and report writers raise, and NUL characters break XML and C libraries. They are
replaced once, at ingestion, with U+FFFD. Metadata values are single lines; article lines are
bounded so that one absurd line cannot become one absurd sentence.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

REPLACEMENT = "\ufffd"
_INVALID = re.compile("[\ud800-\udfff\x00]")
# Control characters (C0, DEL, C1) and the Unicode line and paragraph separators.
_NOT_ON_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_SENTENCE_BREAK = re.compile(r"""[.!?…]["'”’»)\]]*\s""")


def clean_text(text: str) -> str:
    """``text`` with every lone surrogate and NUL replaced by U+FFFD, so it encodes as UTF-8.

    Use it on any text that comes from outside (files, JSON, standard input) before it reaches
    a tokenizer or a report; it changes nothing else, so offsets and line numbers stay valid.
    """
    return _INVALID.sub(REPLACEMENT, text)


def count_invalid(text: str) -> int:
    """How many characters :func:`clean_text` would replace."""
    return len(_INVALID.findall(text))


def clean_field(value: str) -> str:
    """A metadata value as one clean line: controls and line breaks become spaces, runs of
    white space one space, ends stripped."""
    return " ".join(_NOT_ON_ONE_LINE.sub(" ", clean_text(value)).split())


def display_path(path: os.PathLike[str] | str) -> str:
    """A file name fit to show: bytes that are not UTF-8 (kept by the file system as
    surrogate escapes) shown as ``\\xNN``, never carried on as lone surrogates."""
    name = os.fspath(path)
    try:
        return os.fsencode(name).decode("utf-8", "backslashreplace")
    except (UnicodeError, ValueError):
        return clean_text(name)


def shown(value: object, limit: int = 60) -> str:
    """An untrusted value quoted for a message: escaped by ``repr`` and cut to ``limit``."""
    text = clean_text(str(value))
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


@dataclass(frozen=True, slots=True)
class WrappedLine:
    """A line of the text that was over the limit: its number, length and the lines it became."""

    line: int
    length: int
    pieces: int


def wrap_long_lines(text: str, limit: int) -> tuple[str, tuple[WrappedLine, ...]]:
    """``text`` with every line longer than ``limit`` broken into lines of at most ``limit``.

    A line is broken after the last sentence end in the second half of the window, else at the
    last white space there (which the line break replaces), else hard at ``limit``.
    """
    if len(text) <= limit:
        return text, ()
    out: list[str] = []
    wrapped: list[WrappedLine] = []
    for number, line in enumerate(text.split("\n"), 1):
        if len(line) <= limit:
            out.append(line)
            continue
        pieces = list(_pieces(line, limit))
        wrapped.append(WrappedLine(number, len(line), len(pieces)))
        out.extend(pieces)
    return "\n".join(out), tuple(wrapped)


def _pieces(line: str, limit: int) -> list[str]:
    pieces: list[str] = []
    start = 0
    while len(line) - start > limit:
        cut, skip = _break(line, start, start + limit)
        pieces.append(line[start:cut])
        start = cut + skip
    pieces.append(line[start:])
    return pieces


def _break(line: str, start: int, end: int) -> tuple[int, int]:
    """Where to break ``line[start:end]``: the cut and how many characters the break replaces."""
    low = start + (end - start) // 2
    sentences = list(_SENTENCE_BREAK.finditer(line, low, end))
    if sentences:
        return sentences[-1].end() - 1, 1
    space = max(line.rfind(c, low, end) for c in (" ", "\t", "\f", "\v", "\xa0"))
    if space > start:
        return space, 1
    return end, 0
