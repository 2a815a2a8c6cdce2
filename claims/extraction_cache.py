"""Claims extracted earlier, found again by what they were extracted from.

A rerun over a folder where one article changed should extract one article. An article's
claims depend on its cleaned text and metadata, the day relative dates resolve against, the
language data and the extraction code; the key is a hash of all of these, so a changed article,
a new outlet rule in a user data folder or a new Selaras version each miss the cache and are
extracted again. Nothing is ever trusted that was not written under the same key.

The values are the claims as JSON (:mod:`claims.serialize`), never pickles: a cache file is
data, and a CI cache shared between jobs must not be a way to run code.

Storage is the caller's (the checker keeps it in its cache file); this module only needs a
:class:`ClaimStore`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from functools import cache
from pathlib import Path
from typing import Protocol

from claims.lang import configured_data_path
from claims.serialize import from_jsonable, to_jsonable
from claims.types import Claim, CleanArticle

_PACKAGE = Path(__file__).parent


class ClaimStore(Protocol):
    """Where extracted claims are kept between runs, by key."""

    def get_claims(self, keys: Sequence[bytes]) -> Mapping[bytes, bytes]: ...

    def put_claims(self, values: Mapping[bytes, bytes]) -> None: ...


@cache
def code_fingerprint() -> str:
    """A hash of the extraction code and the packaged language data: any change to either, in
    a release or in a working copy, gives new keys."""
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*")):
        if path.suffix in (".py", ".toml") and path.is_file():
            digest.update(str(path.relative_to(_PACKAGE)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def data_fingerprint(data_path: Path | None) -> str:
    """A hash of a user language data folder's files (none: the empty string)."""
    if data_path is None or not data_path.is_dir():
        return ""
    digest = hashlib.sha256()
    for path in sorted(data_path.rglob("*.toml")):
        digest.update(str(path.relative_to(data_path)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def claims_key(clean: CleanArticle, anchor: date | None, data: str) -> bytes:
    """The key of ``clean``'s claims resolved against ``anchor`` with language data ``data``
    (a :func:`data_fingerprint`)."""
    source = json.dumps(
        [code_fingerprint(), data, anchor.isoformat() if anchor else None, to_jsonable(clean)],
        ensure_ascii=False,
        sort_keys=True,
    )
    return hashlib.sha256(source.encode("utf-8")).digest()


def current_data_fingerprint(data_path: Path | None = None) -> str:
    """The fingerprint of the data folder in use: ``data_path``, else the configured one."""
    return data_fingerprint(data_path if data_path is not None else configured_data_path())


def encode_claims(claims: Sequence[Claim]) -> bytes:
    return json.dumps(to_jsonable(list(claims)), ensure_ascii=False).encode("utf-8")


def decode_claims(value: bytes) -> tuple[Claim, ...]:
    """The claims stored under a key; ``ValueError`` (or ``TypeError``/``KeyError``) when the
    value is not what this version writes, which the caller treats as a miss."""
    return from_jsonable(tuple[Claim, ...], json.loads(value.decode("utf-8")))


class CachedExtraction:
    """Claims from the store where it has them, extracted (and then stored) where it has not.

    Without a store it extracts every time. ``prefetch`` reads the keys of a whole corpus in
    one query; ``flush`` writes what was extracted in one transaction.
    """

    def __init__(self, store: ClaimStore | None, data_path: Path | None = None) -> None:
        self.store = store
        self.data = current_data_fingerprint(data_path) if store is not None else ""
        self.known: dict[bytes, bytes] = {}
        self.fresh: dict[bytes, bytes] = {}
        self.hits = 0
        self.misses = 0

    def prefetch(self, items: Sequence[tuple[CleanArticle, date | None]]) -> None:
        if self.store is not None and items:
            keys = [claims_key(clean, anchor, self.data) for clean, anchor in items]
            self.known.update(self.store.get_claims(keys))

    def claims(
        self, clean: CleanArticle, anchor: date | None, extract: Callable[[], tuple[Claim, ...]]
    ) -> tuple[Claim, ...]:
        """``clean``'s claims against ``anchor``: stored ones, else ``extract()``'s."""
        if self.store is None:
            return extract()
        key = claims_key(clean, anchor, self.data)
        stored = self.known.get(key) or self.fresh.get(key)
        if stored is not None:
            try:
                found = decode_claims(stored)
            except (ValueError, TypeError, KeyError):
                found = None  # written by something else under our key: extract again
            if found is not None:
                self.hits += 1
                return found
        self.misses += 1
        extracted = extract()
        self.fresh[key] = encode_claims(extracted)
        return extracted

    def flush(self) -> None:
        if self.store is not None and self.fresh:
            self.store.put_claims(self.fresh)
            self.known.update(self.fresh)
            self.fresh = {}
