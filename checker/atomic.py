"""Writing reports and baselines so that a reader never sees half a file.

A report is written to a temporary file in the same folder, flushed to disk and renamed over
the target: a kill or Ctrl-C during the write leaves the old file (or none), never a truncated
one, and two runs writing the same path each leave a whole report (the last rename wins).
Whether the output can be written at all is checked before any work starts
(:func:`check_writable`), so a typo in ``-o`` does not cost a model run.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from checker.errors import CheckerError


class OutputError(CheckerError):
    """An output path that cannot be written; the message names it and says why."""


def check_writable(path: Path) -> None:
    """Fail now, naming ``path``, if a file could not be written there later."""
    if path.is_dir():
        raise OutputError(f"{path}: is a directory; give a file name for the output")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"{path}: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"{path}: the folder {folder} is not writable")
    if path.exists() and not os.access(path, os.W_OK):
        raise OutputError(f"{path}: the file exists and is not writable")


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` whole or not at all."""
    check_writable(path)
    folder = path.parent if str(path.parent) else Path(".")
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask()
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:  # including KeyboardInterrupt: never leave the temporary behind
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
