"""A report made safe for text outputs: no control character from an article gets through.

Every string in a report that may come from outside (article text, outlets, titles, paths,
skip reasons and the explanations built from them) has its control characters shown visibly,
once, before rendering, and for the terminal and ``line`` formats is also put on one line: no
renderer then has to remember it, and a new field is covered without a change here. JSON and
SARIF need neither (JSON escapes control characters itself and keeps the text exact).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar

from checker.escape import inert_lines, one_line, printable
from checker.types import Report

T = TypeVar("T")


def plain_report(report: Report) -> Report:
    """``report`` with every string on one line and free of terminal control characters."""
    return _map_strings(report, one_line)


def visible_report(report: Report) -> Report:
    """``report`` with control characters shown visibly; line breaks kept."""
    return _map_strings(report, printable)


def _map_strings(value: T, fix: Callable[[str], str]) -> T:
    result: Any = value
    if isinstance(value, str):
        result = fix(value)
    elif isinstance(value, tuple):
        result = tuple(_map_strings(v, fix) for v in value)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: _map_strings(getattr(value, f.name), fix)
            for f in dataclasses.fields(value)
            if isinstance(getattr(value, f.name), str | tuple) or _is_record(getattr(value, f.name))
        }
        result = dataclasses.replace(value, **changes)
    return result  # type: ignore[no-any-return]


def _is_record(value: object) -> bool:
    return dataclasses.is_dataclass(value) and not isinstance(value, type)


__all__ = ["inert_lines", "plain_report", "visible_report"]
