"""Directory walks: the files a directory holds, in sorted order, and the folders that could not
be walked, with the reason.

Symbolic links to folders are followed, each folder at most once, so a link that leads back to
an enclosing folder (a cycle) ends the walk there with a reason instead of recursing forever.
A folder that cannot be listed (no permission) is reported, never silently dropped.
"""

from __future__ import annotations

import fnmatch
import logging
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from claims.ingest.sanitize import display_path

log = logging.getLogger(__name__)

DEFAULT_INCLUDE = ("*.txt", "*.md", "*.markdown", "*.html", "*.htm", "*.jsonl")
# Never read in a directory walk (a file given by path is always tried): hidden files and
# folders, and READMEs, which describe a folder of articles rather than being one.
WALK_IGNORED = (".*", "readme", "readme.*")


@dataclass(frozen=True, slots=True)
class Unwalked:
    """A folder the walk did not enter, and why. ``repeated``: a second way into a folder that
    is walked anyway (its files are not lost), which is a warning rather than a skip."""

    path: Path
    reason: str
    repeated: bool = False


def walk(root: Path, *, include: Sequence[str], exclude: Sequence[str] = ()) -> Iterator[Path]:
    """Files under ``root`` in sorted order that ``include`` keeps and ``exclude`` does not drop.

    Globs match, case-insensitively, the path relative to ``root`` or any of its parts (so
    ``drafts`` excludes a folder); hidden entries and READMEs are never walked. Folders that
    cannot be walked are logged; :func:`walk_entries` also yields them.
    """
    for entry in walk_entries(root, include=include, exclude=exclude):
        if isinstance(entry, Path):
            yield entry
        else:
            log.warning("%s: %s", entry.path, entry.reason)


def walk_entries(
    root: Path, *, include: Sequence[str], exclude: Sequence[str] = ()
) -> Iterator[Path | Unwalked]:
    """As :func:`walk`, with an :class:`Unwalked` for each folder that was not walked."""
    walked: dict[tuple[int, int], Path] = {}
    stack = [root]
    while stack:
        folder = stack.pop()
        problem = _enter(folder, walked)
        if problem is not None:
            yield problem
            continue
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            yield Unwalked(folder, f"cannot be listed ({os_problem(exc)}); check its permissions")
            continue
        subfolders: list[Path] = []
        for entry in entries:
            if _matches(entry.name, WALK_IGNORED):
                continue
            path = Path(folder, entry.name)
            if _is_dir(entry):
                if not _matches(entry.name, exclude):
                    subfolders.append(path)
            elif _wanted(path.relative_to(root).as_posix(), include, exclude):
                yield path
        stack.extend(reversed(subfolders))


def _enter(folder: Path, walked: dict[tuple[int, int], Path]) -> Unwalked | None:
    """Why ``folder`` is not walked (it was already), or None after recording it as walked."""
    try:
        info = folder.stat()
    except OSError as exc:
        return Unwalked(folder, f"cannot be walked ({os_problem(exc)})")
    key = (info.st_dev, info.st_ino)
    first = walked.get(key)
    if first is None:
        walked[key] = folder
        return None
    if first == folder or first in folder.parents:
        return Unwalked(
            folder,
            f"symlink loop: it leads back to {display_path(first)}, which encloses it; "
            "not walked again",
        )
    return Unwalked(
        folder,
        f"is the same folder as {display_path(first)} (reached through a symlink); read once",
        repeated=True,
    )


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()  # follows links; a broken or looping link is not a folder
    except OSError:
        return False


def _wanted(rel: str, include: Sequence[str], exclude: Sequence[str]) -> bool:
    name = rel.rsplit("/", 1)[-1]
    return _matches(rel, include, name) and not _matches(rel, exclude, *rel.split("/"))


def _matches(text: str, globs: Sequence[str], *more: str) -> bool:
    names = [s.lower() for s in (text, *more)]
    return any(fnmatch.fnmatchcase(n, g.lower()) for g in globs for n in names)


def os_problem(exc: OSError) -> str:
    """The operating system's words for ``exc`` ("permission denied")."""
    return (exc.strerror or type(exc).__name__).lower()
