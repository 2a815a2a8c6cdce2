"""The entry points: :func:`read_inputs` over paths, directories and ``-``, and
:func:`require_articles` for the command line.

Only regular files are read; a path is looked at (``os.stat``) before it is opened, so a named
pipe, a socket or a device is skipped with its kind named instead of hanging the run. Any
failure in reading one input, a bug included, skips that input with the exception named.
"""

from __future__ import annotations

import errno
import logging
import os
import stat
import sys
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TextIO

from claims.errors import InputError
from claims.ingest.decode import decode
from claims.ingest.folders import DEFAULT_INCLUDE, Unwalked, os_problem, walk_entries
from claims.ingest.jsonl import read_jsonl
from claims.ingest.markdown import read_markdown, read_text
from claims.ingest.reading import Reading
from claims.ingest.sanitize import display_path
from claims.ingest.stdin import NAME as STDIN_NAME
from claims.ingest.stdin import STDIN, read_stdin
from claims.ingest.webpage import read_html
from claims.types import Corpus

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 5_000_000
Reader = Callable[[str, str, str, Reading], None]  # (text, name, id stem, reading)
READERS: Mapping[str, Reader] = {
    ".txt": read_text,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".html": read_html,
    ".htm": read_html,
    ".jsonl": read_jsonl,
}
_STDIN_KEY = (-1, -1)  # standard input's place among the (device, inode) pairs read
_KINDS = (
    (stat.S_ISFIFO, "named pipe (FIFO)"),
    (stat.S_ISSOCK, "socket"),
    (stat.S_ISBLK, "block device"),
    (stat.S_ISCHR, "character device"),
    (stat.S_ISDIR, "directory"),
)


def read_inputs(
    paths: Sequence[str],
    *,
    include: Sequence[str] = DEFAULT_INCLUDE,
    exclude: Sequence[str] = (),
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: TextIO | None = None,
    today: date | None = None,
) -> Corpus:
    """Read every input into a :class:`Corpus`; unreadable ones are listed in ``skipped``.

    ``paths``: files, directories (walked recursively in sorted order, keeping files whose
    relative path or name matches an ``include`` glob and no ``exclude`` glob), or ``"-"`` for
    ``stdin`` (default ``sys.stdin``). A file over ``max_bytes`` is skipped. ``today`` bounds
    date inference (default: today).
    """
    reading = Reading(max_bytes, today)
    seen: dict[tuple[int, int], str] = {}
    for given in paths:
        try:
            if given == STDIN:
                _read_stdin_once(stdin if stdin is not None else sys.stdin, reading, seen)
            else:
                _read_path(given, include, exclude, reading, seen)
        except Exception as exc:  # one bad input must never stop the rest
            log.exception("%s: could not be read", display_path(given))
            reading.skip(display_path(given), _internal(exc))
    return reading.corpus()


def require_articles(corpus: Corpus) -> Corpus:
    """``corpus`` unchanged when it holds at least one article.

    Raises :class:`InputError` when nothing could be read, so the command line can exit 2.
    """
    if corpus.articles:
        return corpus
    if not corpus.skipped:
        raise InputError("input", "no inputs given; name files, directories, or - for stdin")
    first = corpus.skipped[0]
    where = f"{first.source}:{first.line}" if first.line else first.source
    raise InputError(
        "input",
        f"no article could be read ({len(corpus.skipped)} input(s) skipped; "
        f"first: {where}: {first.reason})",
    )


def _read_stdin_once(stream: TextIO, reading: Reading, seen: dict[tuple[int, int], str]) -> None:
    if _STDIN_KEY in seen:
        reading.warn(STDIN_NAME, "given more than once; read only the first time")
        return
    seen[_STDIN_KEY] = STDIN_NAME
    read_stdin(stream, reading)


def _read_path(
    given: str,
    include: Sequence[str],
    exclude: Sequence[str],
    reading: Reading,
    seen: dict[tuple[int, int], str],
) -> None:
    path = Path(given)
    try:
        is_dir = stat.S_ISDIR(path.stat().st_mode)
    except (OSError, ValueError) as exc:
        reading.skip(display_path(given), _stat_problem(path, exc))
        return
    if not is_dir:
        _read_one(path, reading, seen)
        return
    found = 0
    for entry in walk_entries(path, include=include, exclude=exclude):
        if isinstance(entry, Unwalked):
            record = reading.warn if entry.repeated else reading.skip
            record(display_path(entry.path), entry.reason)
            found += 1
        else:
            _read_one(entry, reading, seen)
            found += 1
    if not found:
        reading.skip(
            display_path(given),
            f"the directory holds no files matching {', '.join(include)}"
            " (minus --exclude); check the path and the globs",
        )


def _read_one(path: Path, reading: Reading, seen: dict[tuple[int, int], str]) -> None:
    """Read one file, if it is a regular file not read before; any failure skips it alone."""
    name = display_path(path)
    try:
        info = path.stat()
    except (OSError, ValueError) as exc:
        reading.skip(name, _stat_problem(path, exc))
        return
    kind = next((kind for test, kind in _KINDS if test(info.st_mode)), None)
    if kind is not None or not stat.S_ISREG(info.st_mode):
        reading.skip(
            name,
            f"is a {kind or 'special file'}, not a regular file; only regular files are read "
            "(pipe a stream to - instead)",
        )
        return
    key = (info.st_dev, info.st_ino)
    if key in seen:
        reading.warn(name, "given more than once; read only the first time")
        return
    seen[key] = name
    try:
        _read_file(path, name, info.st_size, reading)
    except Exception as exc:  # one bad file must never stop the rest
        log.exception("%s: could not be read", name)
        reading.skip(name, _internal(exc))


def _read_file(path: Path, name: str, size: int, reading: Reading) -> None:
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        reading.skip(
            name,
            f"unsupported file type {path.suffix or '(no extension)'!r}; give "
            ".txt, .md, .html/.htm or .jsonl files, or convert it to one",
        )
        return
    data = b""
    if size <= reading.max_bytes:
        try:
            with path.open("rb") as stream:
                data = stream.read(reading.max_bytes + 1)
        except OSError as exc:
            reading.skip(name, f"cannot be read ({os_problem(exc)}); check its permissions")
            return
    if size > reading.max_bytes or len(data) > reading.max_bytes:
        reading.skip(
            name,
            f"is {max(size, len(data)):,} bytes, over the limit of {reading.max_bytes:,}; "
            "split it, or raise the limit (--max-bytes)",
        )
        return
    text = decode(data, name, reading)
    if text is None:
        return
    if not text.strip():
        reading.skip(name, "is empty (nothing but whitespace); remove it or add the article text")
        return
    reader(reading.clean(text, name), name, display_path(path.stem), reading)


def _stat_problem(path: Path, exc: OSError | ValueError) -> str:
    """Why ``path`` cannot be looked at, in words that say what to do."""
    if isinstance(exc, ValueError):  # a NUL in the name
        return f"is not a usable path ({exc})"
    if exc.errno == errno.ELOOP:
        return "symlink loop: the link leads, through links, back to itself; fix or remove it"
    if exc.errno == errno.ENOENT:
        if os.path.islink(path):
            return "broken symlink: what it points to does not exist; fix or remove the link"
        return "no such file or directory; check the path"
    return f"cannot be read ({os_problem(exc)}); check the path and its permissions"


def _internal(exc: Exception) -> str:
    return f"internal error while reading ({type(exc).__name__}: {exc}); please report it"
