"""Per-language data (boilerplate patterns, abbreviations, reporting verbs, aliases).

Data lives in ``claims/lang/<code>/<name>.toml``; code asks for it by language and name and
never hard-codes one language. ``und/`` holds what is language-independent.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

from claims.errors import LanguageResourceError

UNIVERSAL = "und"


def available_languages() -> tuple[str, ...]:
    root = resources.files(__name__)
    return tuple(
        sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("_"))
    )


@cache
def load_resource(language: str, name: str) -> dict[str, Any]:
    """The table ``claims/lang/<language>/<name>.toml``, or an empty table if that file is absent.

    Raises :class:`LanguageResourceError` when the file exists but is not valid TOML.
    """
    path = resources.files(__name__).joinpath(language, f"{name}.toml")
    if not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise LanguageResourceError(f"claims/lang/{language}/{name}.toml: {exc}") from exc


def merged_resource(language: str, name: str) -> dict[str, Any]:
    """The universal table updated with the language's own (language keys win)."""
    merged = dict(load_resource(UNIVERSAL, name))
    merged.update(load_resource(language, name))
    return merged
