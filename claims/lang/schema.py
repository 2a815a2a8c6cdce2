"""What a language data file may hold, checked key by key, and how layered files are joined.

Every section file (``boilerplate.toml``, ``dates.toml``, ...) has a schema: its keys and the
kind of value each takes. A key the schema does not name, or a value of the wrong kind, is a
:class:`LanguageResourceError` naming the file and the key, so a typo in a newsroom's own data
fails loudly instead of being ignored.

Files are joined most specific first (see :func:`merge`): lists are concatenated, tables are
joined key by key, and any other value is taken from the most specific file that sets it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from claims.errors import LanguageResourceError

# Leaf kinds. "number" is an int or a float; "regex" a string that compiles; "*_table" a table
# of free keys whose values are of the named kind.
STR, INT, NUMBER, BOOL, REGEX = "str", "int", "number", "bool", "regex"
STRS, REGEXES = "list of str", "list of regex"
STR_TABLE, NUMBER_TABLE, INT_TABLE, STRS_TABLE = (
    "table of str", "table of number", "table of int", "table of list of str",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Table:
    """A table with known keys; ``required`` keys must be present in every file that has it."""

    fields: Mapping[str, Spec]
    required: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True, slots=True)
class ArrayOf:
    """An array of tables (``[[rule]]``), each checked against ``item``."""

    item: Table


@dataclass(frozen=True, slots=True)
class Choice:
    """A string that must be one of ``options``."""

    options: tuple[str, ...]


Spec = str | Table | ArrayOf | Choice


def check(table: Mapping[str, Any], schema: Table, where: str) -> None:
    """Raise :class:`LanguageResourceError` unless ``table`` (file ``where``) fits ``schema``."""
    _check_table(table, schema, where, "")


def merge(tables: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Join checked tables, most specific first: lists concatenated in that order, tables
    joined key by key, other values from the first table that has them."""
    merged: dict[str, Any] = {}
    for table in reversed(tables):
        merged = _join(table, merged)
    return merged


def _join(specific: Mapping[str, Any], general: Mapping[str, Any]) -> dict[str, Any]:
    joined = dict(general)
    for key, value in specific.items():
        old = joined.get(key)
        if isinstance(value, list) and isinstance(old, list):
            joined[key] = [*value, *old]
        elif isinstance(value, dict) and isinstance(old, dict):
            joined[key] = _join(value, old)
        else:
            joined[key] = value
    return joined


def _check_table(table: Any, schema: Table, where: str, path: str) -> None:
    if not isinstance(table, dict):
        raise _error(where, path, f"must be a table, not {_kind(table)}")
    unknown = sorted(set(table) - set(schema.fields))
    if unknown:
        known = ", ".join(sorted(schema.fields))
        raise _error(where, _join_path(path, unknown[0]), f"unknown key (known keys: {known})")
    missing = sorted(schema.required - set(table))
    if missing:
        raise _error(where, path or "the file", f"needs {', '.join(missing)}")
    for key, value in table.items():
        _check_value(value, schema.fields[key], where, _join_path(path, key))


def _check_value(value: Any, spec: Spec, where: str, path: str) -> None:
    if isinstance(spec, Table):
        _check_table(value, spec, where, path)
    elif isinstance(spec, ArrayOf):
        if not isinstance(value, list):
            raise _error(where, path, f"must be an array of tables, not {_kind(value)}")
        for n, item in enumerate(value, start=1):
            _check_table(item, spec.item, where, f"{path} {n}")
    elif isinstance(spec, Choice):
        if value not in spec.options:
            raise _error(where, path, f"{value!r}: use one of {', '.join(spec.options)}")
    elif spec.startswith("table of "):
        if not isinstance(value, dict):
            raise _error(where, path, f"must be a table, not {_kind(value)}")
        for key, item in value.items():
            _check_leaf(item, spec.removeprefix("table of "), where, _join_path(path, key))
    else:
        _check_leaf(value, spec, where, path)


def _check_leaf(value: Any, spec: str, where: str, path: str) -> None:
    if spec.startswith("list of "):
        if not isinstance(value, list):
            raise _error(where, path, f"must be a list, not {_kind(value)}")
        for item in value:
            _check_leaf(item, spec.removeprefix("list of "), where, path)
        return
    fits = {
        STR: isinstance(value, str),
        REGEX: isinstance(value, str),
        INT: isinstance(value, int) and not isinstance(value, bool),
        NUMBER: isinstance(value, int | float) and not isinstance(value, bool),
        BOOL: isinstance(value, bool),
    }[spec]
    if not fits:
        raise _error(where, path, f"must be {_DESCRIBED[spec]}, not {_kind(value)} {value!r}")
    if spec == REGEX:
        try:
            re.compile(value)
        except re.error as exc:
            raise _error(where, path, f"bad regular expression: {exc}") from exc


_DESCRIBED = {
    STR: "a string",
    REGEX: "a regular expression (a string)",
    INT: "a whole number",
    NUMBER: "a number",
    BOOL: "true or false",
}


def _join_path(path: str, key: str) -> str:
    """``verbs.clause`` inside tables; ``rule 3: pattern`` inside the third of an array."""
    if not path:
        return key
    return f"{path}: {key}" if path[-1].isdigit() else f"{path}.{key}"


def _kind(value: Any) -> str:
    return {dict: "a table", list: "a list", str: "a string", bool: "a boolean"}.get(
        type(value), "a number" if isinstance(value, int | float) else type(value).__name__
    )


def _error(where: str, path: str, problem: str) -> LanguageResourceError:
    return LanguageResourceError(f"{where}: {path}: {problem}")
