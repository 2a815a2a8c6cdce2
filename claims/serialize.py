"""Plain JSON-able forms of the records (dataclasses, dates, enums), for JSON output, and the
records back from them (for caches)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from functools import cache
from types import UnionType
from typing import Any, Union, get_args, get_origin, get_type_hints


def to_jsonable(value: Any) -> Any:
    """Recursively turn records into dicts, dates into ISO strings and enums into their values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    return value


def from_jsonable(kind: Any, data: Any) -> Any:
    """The record of type ``kind`` that :func:`to_jsonable` turned into ``data``.

    Decoding follows the declared field types (records, tuples, ``X | None``, enums, dates),
    so what comes back is the same frozen record, equal to the original. It reads JSON
    written by this version of Selaras: the extraction cache's values.
    """
    return _decoder(kind)(data)


Decoder = Callable[[Any], Any]


@cache
def _decoder(kind: Any) -> Decoder:
    """A decoding function per declared type, built once (the claims of a big corpus are many)."""
    origin = get_origin(kind)
    if origin in (Union, UnionType):
        return _optional(kind)
    if origin is tuple:
        return _tuple(get_args(kind))
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return _record(kind)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind
    if kind is datetime:
        return datetime.fromisoformat
    if kind is date:
        return date.fromisoformat
    if kind is float:
        return float
    if kind in (int, str, bool, Any):
        return _same
    raise TypeError(f"cannot decode {kind!r}")


def _same(value: Any) -> Any:
    return value


def _optional(kind: Any) -> Decoder:
    others = [arg for arg in get_args(kind) if arg is not type(None)]
    if len(others) != 1:
        raise TypeError(f"cannot decode the union {kind!r}")
    inner = _decoder(others[0])
    return lambda value: None if value is None else inner(value)


def _tuple(args: tuple[Any, ...]) -> Decoder:
    if len(args) == 2 and args[1] is Ellipsis:
        item = _decoder(args[0])
        return lambda values: tuple(item(v) for v in values)
    items = [_decoder(arg) for arg in args]
    return lambda values: tuple(d(v) for d, v in zip(items, values, strict=True))


def _record(kind: type) -> Decoder:
    hints = get_type_hints(kind)
    fields = [(f.name, _decoder(hints[f.name])) for f in dataclasses.fields(kind) if f.init]
    return lambda data: kind(**{name: decode(data[name]) for name, decode in fields})
