"""Per-language data: one :class:`LanguageData` per language code, read from TOML files.

Data lives in ``claims/lang/<code>/<section>.toml`` (``und/`` holds what is
language-independent) and, optionally, in a user data folder of the same layout that is
searched first (see :mod:`claims.lang.data` for how files are joined). Code asks for a
language with :func:`load_language` and reads the section it needs; it never hard-codes a
language and never builds a path from a tag.
"""

from __future__ import annotations

from claims.lang.data import (
    UNIVERSAL,
    LanguageData,
    as_language,
    available_languages,
    clear_cache,
    configure,
    configured_data_path,
    load_language,
    normalise_tag,
)

__all__ = [
    "UNIVERSAL",
    "LanguageData",
    "as_language",
    "available_languages",
    "clear_cache",
    "configure",
    "configured_data_path",
    "load_language",
    "normalise_tag",
]
