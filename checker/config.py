"""Configuration from ``[tool.selaras]`` in pyproject.toml or from selaras.toml.

Command-line options override the file. An unknown key or a bad value is a ConfigError that
names the key and the file, so a typo never silently turns a check off.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.errors import ConfigError
from checker.types import FindingKind, Severity

FAIL_ON = ("error", "warning", "never")
THRESHOLDS = {
    "contradiction": (0.0, 1.0),
    "entailment": (0.0, 1.0),
    "quote_similarity": (0.0, 1.0),
    "statement_overlap": (0.0, 1.0),
}


@dataclass(frozen=True, slots=True)
class Config:
    source: str = "defaults"
    model: Path | None = None
    fail_on: str = "error"
    format: str = "terminal"
    batch_size: int = 16
    top_k: int = 5
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    thresholds: dict[str, float] = field(default_factory=dict)
    severity: dict[FindingKind, Severity] = field(default_factory=dict)
    disable: frozenset[FindingKind] = frozenset()


def find_config(start: Path) -> Path | None:
    """selaras.toml, else a pyproject.toml with [tool.selaras], in ``start`` or a parent."""
    for folder in (start, *start.parents):
        if (folder / "selaras.toml").is_file():
            return folder / "selaras.toml"
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "selaras" in _read(pyproject).get("tool", {}):
            return pyproject
    return None


def load_config(path: Path | None) -> Config:
    if path is None:
        return Config()
    if not path.is_file():
        raise ConfigError(f"{path}: no such configuration file")
    raw = _read(path)
    table = raw.get("tool", {}).get("selaras", {}) if path.name == "pyproject.toml" else raw
    return parse_config(table, str(path))


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from exc


def parse_config(table: dict[str, Any], source: str) -> Config:
    known = set(Config.__dataclass_fields__) - {"source"}
    for key in table:
        if key not in known:
            raise ConfigError(f"{source}: unknown key '{key}' (known: {', '.join(sorted(known))})")
    values: dict[str, Any] = {"source": source}
    if "model" in table:
        values["model"] = Path(_typed(table, "model", str, source))
    if "fail_on" in table:
        values["fail_on"] = _choice(table, "fail_on", FAIL_ON, source)
    if "format" in table:
        values["format"] = _typed(table, "format", str, source)
    for key in ("batch_size", "top_k"):
        if key in table:
            value = _typed(table, key, int, source)
            if value < 1:
                raise ConfigError(f"{source}: '{key}' must be at least 1, got {value}")
            values[key] = value
    for key in ("include", "exclude", "languages"):
        if key in table:
            items = _typed(table, key, list, source)
            if not all(isinstance(i, str) for i in items):
                raise ConfigError(f"{source}: '{key}' must be a list of strings")
            values[key] = tuple(items)
    values["thresholds"] = _thresholds(table.get("thresholds", {}), source)
    values["severity"] = _severities(table.get("severity", {}), source)
    if "disable" in table:
        values["disable"] = frozenset(
            _kind(k, "disable", source) for k in _typed(table, "disable", list, source)
        )
    return Config(**values)


def _typed(table: dict[str, Any], key: str, kind: type, source: str) -> Any:
    value = table[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ConfigError(f"{source}: '{key}' must be {kind.__name__}, got {value!r}")
    return value


def _choice(table: dict[str, Any], key: str, choices: tuple[str, ...], source: str) -> str:
    value = _typed(table, key, str, source)
    if value not in choices:
        raise ConfigError(f"{source}: '{key}' must be one of {', '.join(choices)}, got {value!r}")
    return value


def _thresholds(table: Any, source: str) -> dict[str, float]:
    if not isinstance(table, dict):
        raise ConfigError(f"{source}: 'thresholds' must be a table")
    out = {}
    for key, value in table.items():
        if key not in THRESHOLDS:
            raise ConfigError(
                f"{source}: unknown key 'thresholds.{key}' (known: {', '.join(THRESHOLDS)})"
            )
        low, high = THRESHOLDS[key]
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not low <= value <= high
        ):
            raise ConfigError(
                f"{source}: 'thresholds.{key}' must be a number from {low} to {high}, got {value!r}"
            )
        out[key] = float(value)
    return out


def _severities(table: Any, source: str) -> dict[FindingKind, Severity]:
    if not isinstance(table, dict):
        raise ConfigError(f"{source}: 'severity' must be a table")
    out = {}
    for key, value in table.items():
        kind = _kind(key, "severity", source)
        try:
            out[kind] = Severity(value)
        except ValueError:
            raise ConfigError(
                f"{source}: 'severity.{key}' must be error, warning or info, got {value!r}"
            ) from None
    return out


def _kind(name: Any, where: str, source: str) -> FindingKind:
    try:
        return FindingKind(name)
    except ValueError:
        kinds = ", ".join(k.value for k in FindingKind)
        raise ConfigError(
            f"{source}: '{where}' names an unknown finding kind {name!r} (known: {kinds})"
        ) from None
