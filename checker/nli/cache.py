"""A verdict cache: NLI scores kept in SQLite so that a rerun judges only new or changed pairs.

Each row is keyed by sha256 over (the model's key, the normalised premise, the normalised
hypothesis), so a different model, checkpoint or temperature never shares a row. The file is in
WAL mode with a busy timeout, so concurrent runs can share it; a file that is not a database,
is damaged or was written by another schema version is moved aside and rebuilt, never trusted.
A cache that cannot be opened or written is a warning, never a failed run: the model is the
truth and the cache only saves time.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import stat
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from checker.nli.base import CONFIG_FILE, DEFAULT_BATCH_SIZE, NLIBackend, Pair
from checker.nli.labels import NLIScores

__all__ = [
    "CACHE_ENV",
    "SCHEMA_VERSION",
    "CacheStats",
    "CachedBackend",
    "VerdictCache",
    "cache_key",
    "default_cache_path",
    "normalise",
    "open_cache",
    "pair_key",
    "with_cache",
]

log = logging.getLogger(__name__)

CACHE_ENV = "SELARAS_CACHE"
CACHE_FILE = "verdicts.sqlite3"
SCHEMA_VERSION = "1"
BUSY_TIMEOUT_MS = 30_000
_LOOKUP_CHUNK = 500  # well under SQLite's limit on bound variables
_SIDE_FILES = ("-wal", "-shm", "-journal")
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS models (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE)",
    "CREATE TABLE IF NOT EXISTS verdicts ("
    " key BLOB PRIMARY KEY, model INTEGER NOT NULL REFERENCES models(id),"
    " entailment REAL NOT NULL, neutral REAL NOT NULL, contradiction REAL NOT NULL"
    ") WITHOUT ROWID",
)


def default_cache_path() -> Path:
    """$SELARAS_CACHE, else $XDG_CACHE_HOME/selaras/verdicts.sqlite3, else ~/.cache/selaras/...

    An environment variable wins so that CI and tests can keep the cache out of a home folder.
    """
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    root = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
    return root / "selaras" / CACHE_FILE


def normalise(text: str) -> str:
    """NFC with whitespace runs collapsed: the same sentence re-saved or re-wrapped is a hit."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def pair_key(model_key: str, premise: str, hypothesis: str) -> bytes:
    """The row key: sha256 of an unambiguous encoding (JSON) of the three parts."""
    encoded = json.dumps([model_key, normalise(premise), normalise(hypothesis)], ensure_ascii=False)
    return hashlib.sha256(encoded.encode("utf-8")).digest()


def cache_key(backend: NLIBackend) -> str | None:
    """What identifies the scores a backend gives, or None when nothing stable does.

    A backend may say it itself (a ``cache_key`` attribute); an embedded model is its verified
    weights and base checksums, temperature, input length and quantization (float32 on torch or
    ONNX Runtime share a key: their scores differ by float noise, ~1e-6); another backend is
    its name with the checksum of its directory's config.json. A model held only in memory
    (during training) has no stable key and is never cached.
    """
    own = getattr(backend, "cache_key", None)
    if own is not None:
        return str(own()) if callable(own) else str(own)
    config = getattr(backend, "config", None)
    weights = getattr(config, "weights_sha256", "")
    if weights:
        if str(getattr(backend, "directory", "")) == "<in memory>":
            return None
        quantized = getattr(backend, "quantization", None)  # the ONNX backend says it
        if quantized is None:  # torch: quantize_int8() appends " int8" to the name
            quantized = "int8" if backend.name.endswith(" int8") else ""
        quantized = f" {quantized}" if quantized else ""
        return (
            f"embedded weights={weights} base={getattr(config, 'base_sha256', '')} "
            f"temperature={getattr(backend, 'temperature', 1.0)!r} "
            f"max_length={getattr(config, 'max_length', '')}{quantized}"
        )
    directory = getattr(backend, "directory", None)
    if isinstance(directory, Path) and (directory / CONFIG_FILE).is_file():
        digest = hashlib.sha256((directory / CONFIG_FILE).read_bytes()).hexdigest()
        return f"{backend.name} config={digest}"
    return None


class CacheCorrupt(Exception):
    """The file is not a verdict cache of this version; it is moved aside and rebuilt."""


@dataclass(frozen=True, slots=True)
class CacheStats:
    path: Path
    size_bytes: int
    rows: int
    rows_per_model: tuple[tuple[str, int], ...]


class VerdictCache:
    """The SQLite file of verdicts, opened (and if need be rebuilt) on construction.

    Raises ``sqlite3.Error`` or ``OSError`` when the file cannot be opened at all (a folder
    that cannot be written, a lock held past the busy timeout); :func:`open_cache` turns those
    into a warning.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        refuse_special_file(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = self._connect()
        except CacheCorrupt as exc:
            log.warning("verdict cache %s %s; moved it aside and started a new one", path, exc)
            self._move_aside()
            self._db = self._connect()

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        try:
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            _check_and_create(db)
        except sqlite3.OperationalError as exc:
            db.close()
            if "not a database" in str(exc) or "malformed" in str(exc):
                raise CacheCorrupt(f"is not a readable database ({exc})") from exc
            raise  # locked past the timeout, read-only, disk full: not the file's fault
        except sqlite3.DatabaseError as exc:
            db.close()
            raise CacheCorrupt(f"is damaged ({exc})") from exc
        except CacheCorrupt:
            db.close()
            raise
        return db

    def _move_aside(self) -> None:
        """Rename the bad file to ``<name>.corrupt`` (one kept for a look) and drop its WAL."""
        with suppress(FileNotFoundError):
            self.path.replace(self.path.with_name(self.path.name + ".corrupt"))
        for suffix in _SIDE_FILES:
            with suppress(FileNotFoundError):
                self.path.with_name(self.path.name + suffix).unlink()

    def close(self) -> None:
        self._db.close()

    def lookup(self, model_key: str, keys: Sequence[bytes]) -> dict[bytes, NLIScores]:
        """The stored scores of those ``keys`` that are in the cache for ``model_key``."""
        found: dict[bytes, NLIScores] = {}
        model = self._db.execute("SELECT id FROM models WHERE key = ?", (model_key,)).fetchone()
        if model is None:
            return found
        for start in range(0, len(keys), _LOOKUP_CHUNK):
            chunk = keys[start : start + _LOOKUP_CHUNK]
            rows = self._db.execute(
                "SELECT key, entailment, neutral, contradiction FROM verdicts "
                f"WHERE model = ? AND key IN ({','.join('?' * len(chunk))})",
                (model[0], *chunk),
            )
            for key, entailment, neutral, contradiction in rows:
                found[key] = NLIScores(entailment, neutral, contradiction)
        return found

    def store(self, model_key: str, scores: dict[bytes, NLIScores]) -> None:
        """Add verdicts in one transaction; a row another run wrote first is kept (same model,
        same text, same scores)."""
        with self._transaction():
            self._db.execute("INSERT OR IGNORE INTO models (key) VALUES (?)", (model_key,))
            (model,) = self._db.execute(
                "SELECT id FROM models WHERE key = ?", (model_key,)
            ).fetchone()
            self._db.executemany(
                "INSERT OR IGNORE INTO verdicts VALUES (?, ?, ?, ?, ?)",
                [
                    (key, model, s.entailment, s.neutral, s.contradiction)
                    for key, s in scores.items()
                ],
            )

    def stats(self) -> CacheStats:
        per_model = self._db.execute(
            "SELECT models.key, COUNT(verdicts.key) FROM models "
            "LEFT JOIN verdicts ON verdicts.model = models.id GROUP BY models.id ORDER BY 2 DESC"
        ).fetchall()
        rows = sum(count for _, count in per_model)
        size = sum(
            p.stat().st_size
            for p in (self.path, self.path.with_name(self.path.name + "-wal"))
            if p.exists()
        )
        return CacheStats(self.path, size, rows, tuple((k, int(n)) for k, n in per_model))

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        _begin(self._db)
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")


def _begin(db: sqlite3.Connection) -> None:
    """BEGIN IMMEDIATE: take the write lock now, so the busy timeout applies to waiting for it."""
    db.execute("BEGIN IMMEDIATE")


def _check_and_create(db: sqlite3.Connection) -> None:
    """Check the file and make it a cache of this version; :class:`CacheCorrupt` if it cannot
    be trusted (damaged, or tables without our version)."""
    db.execute("PRAGMA journal_mode = WAL").fetchone()
    (verdict,) = db.execute("PRAGMA quick_check").fetchone()
    if verdict != "ok":
        raise CacheCorrupt(f"failed its integrity check ({verdict})")
    _begin(db)
    try:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
        if tables and "meta" not in tables:
            raise CacheCorrupt("is not a Selaras verdict cache")
        for statement in _SCHEMA:
            db.execute(statement)
        db.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
        row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
    if row is None or row[0] != SCHEMA_VERSION:
        found = "none" if row is None else row[0]
        raise CacheCorrupt(f"has schema version {found}, this Selaras writes {SCHEMA_VERSION}")


def refuse_special_file(path: Path) -> None:
    """Raise ``OSError`` unless ``path`` is a regular file or absent. ``--cache /dev/null``
    (a natural way to ask for no cache) must never be opened as a database, let alone moved
    aside or deleted as a damaged one: run as root, that would replace the device."""
    with suppress(FileNotFoundError):
        if not stat.S_ISREG(path.stat().st_mode):
            raise OSError(f"{path} is not a regular file; give a file path or --no-cache")


def open_cache(path: Path) -> VerdictCache | None:
    """The cache at ``path``, or None with one warning when it cannot be used at all."""
    try:
        return VerdictCache(path)
    except (OSError, sqlite3.Error, CacheCorrupt) as exc:
        log.warning("cannot use the verdict cache %s (%s); running without it", path, exc)
        return None


class CachedBackend:
    """An NLI backend that answers from the cache and asks the wrapped one only about misses.

    Misses are judged in one ``predict`` call and stored in one transaction. A cache error in
    the middle of a run is warned about once; from then on every pair goes to the model.
    """

    def __init__(self, backend: NLIBackend, cache: VerdictCache, model_key: str) -> None:
        self.backend = backend
        self.cache: VerdictCache | None = cache
        self.model_key = model_key
        self.name = backend.name
        self.hits = 0
        self.misses = 0

    def predict(
        self, pairs: Sequence[Pair], *, batch_size: int = DEFAULT_BATCH_SIZE
    ) -> list[NLIScores]:
        keys = [pair_key(self.model_key, premise, hypothesis) for premise, hypothesis in pairs]
        known = self._lookup(keys)
        wanted: dict[bytes, Pair] = {}
        for key, pair in zip(keys, pairs, strict=True):
            if key not in known:
                wanted.setdefault(key, pair)
        self.hits += len(keys) - sum(1 for key in keys if key not in known)
        self.misses += len(wanted)
        if wanted:
            judged = self.backend.predict(list(wanted.values()), batch_size=batch_size)
            fresh = dict(zip(wanted, judged, strict=True))
            self._store(fresh)
            known.update(fresh)
        log.info("verdict cache: %d pairs from the cache, %d judged", self.hits, self.misses)
        return [known[key] for key in keys]

    def _lookup(self, keys: list[bytes]) -> dict[bytes, NLIScores]:
        if self.cache is None:
            return {}
        try:
            return self.cache.lookup(self.model_key, keys)
        except sqlite3.Error as exc:
            self._give_up(exc)
            return {}

    def _store(self, scores: dict[bytes, NLIScores]) -> None:
        if self.cache is None:
            return
        try:
            self.cache.store(self.model_key, scores)
        except sqlite3.Error as exc:
            self._give_up(exc)

    def _give_up(self, exc: sqlite3.Error) -> None:
        assert self.cache is not None
        log.warning(
            "verdict cache %s failed (%s); the rest of this run goes without it",
            self.cache.path,
            exc,
        )
        with suppress(sqlite3.Error):
            self.cache.close()
        self.cache = None


def with_cache(backend: NLIBackend, path: Path) -> NLIBackend:
    """``backend`` behind the cache at ``path``; the backend itself when it has no stable key
    or the cache cannot be opened (with a warning)."""
    key = cache_key(backend)
    if key is None:
        log.info("the NLI backend %s has no stable key; its verdicts are not cached", backend.name)
        return backend
    cache = open_cache(path)
    return backend if cache is None else CachedBackend(backend, cache, key)
