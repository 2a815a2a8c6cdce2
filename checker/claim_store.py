"""Extracted claims kept in the verdict cache's file, so that a rerun extracts only what changed.

The file is checked (and, if damaged or foreign, rebuilt) by :class:`checker.nli.cache.
VerdictCache` first; the claims live in their own table beside the verdicts, so `selaras cache
clear` clears both and `selaras cache stats` counts both. Keys and values come from
:mod:`claims.extraction_cache` (a hash of everything extraction depends on; the claims as JSON).
A database error in the middle of a run is one warning, and the run goes on extracting.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from pathlib import Path
from typing import Any, TypeVar

from checker.nli.cache import BUSY_TIMEOUT_MS, open_cache

log = logging.getLogger(__name__)

TABLE = "claims_v1"  # a new encoding of claims is a new table; old rows are never read
_CHUNK = 500
T = TypeVar("T")


class ClaimStore:
    """The claims table of a cache file (see :class:`claims.extraction_cache.ClaimStore`)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = sqlite3.connect(
            path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None
        )
        self._db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        self._db.execute(
            f"CREATE TABLE IF NOT EXISTS {TABLE} (key BLOB PRIMARY KEY, value BLOB NOT NULL)"
        )

    def get_claims(self, keys: Sequence[bytes]) -> Mapping[bytes, bytes]:
        found: dict[bytes, bytes] = {}
        for start in range(0, len(keys), _CHUNK):
            chunk = keys[start : start + _CHUNK]

            def read(db: sqlite3.Connection, chunk: Sequence[bytes] = chunk) -> list[Any]:
                marks = ",".join("?" * len(chunk))
                query = f"SELECT key, value FROM {TABLE} WHERE key IN ({marks})"
                return db.execute(query, chunk).fetchall()

            found.update((bytes(k), bytes(v)) for k, v in self._run(read) or [])
        return found

    def put_claims(self, values: Mapping[bytes, bytes]) -> None:
        def write(db: sqlite3.Connection) -> None:
            db.execute("BEGIN IMMEDIATE")
            try:
                db.executemany(f"INSERT OR REPLACE INTO {TABLE} VALUES (?, ?)", values.items())
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

        self._run(write)

    def count(self) -> int:
        rows = self._run(lambda db: db.execute(f"SELECT COUNT(*) FROM {TABLE}").fetchone())
        return int(rows[0]) if rows else 0

    def _run(self, work: Callable[[sqlite3.Connection], T]) -> T | None:
        if self._db is None:
            return None
        try:
            return work(self._db)
        except sqlite3.Error as exc:
            log.warning(
                "claims cache %s failed (%s); the rest of this run extracts without it",
                self.path,
                exc,
            )
            self.close()
            return None

    def close(self) -> None:
        if self._db is not None:
            with suppress(sqlite3.Error):
                self._db.close()
            self._db = None


def open_claim_store(path: Path) -> ClaimStore | None:
    """The claims table of the cache at ``path``, or None (with the verdict cache's warning)
    when the file cannot be used."""
    checked = open_cache(path)  # checks the file; rebuilds it when damaged or foreign
    if checked is None:
        return None
    checked.close()
    try:
        return ClaimStore(path)
    except sqlite3.Error as exc:
        log.warning("cannot keep claims in %s (%s); extracting without it", path, exc)
        return None
