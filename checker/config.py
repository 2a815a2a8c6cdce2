"""Configuration from ``[tool.selaras]`` in pyproject.toml or from selaras.toml.

The records here (with the options records of the pairing stage, the shared matching measure
and each rule, which they carry) hold the only defaults of every setting. Command-line options
override the file. An unknown key or a bad value is a ConfigError that names the key and the
file, so a typo never silently turns a check off, and it is raised before any work is done.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.errors import ConfigError
from checker.nli.base import DEFAULT_BATCH_SIZE
from checker.pairing import PairingOptions
from checker.rules.base import OptionsT, Rule, options_of
from checker.rules.compare import Matching
from checker.rules.registry import all_rules, rule_ids
from checker.types import Severity
from claims.ingest import DEFAULT_MAX_BYTES

FAIL_ON = ("error", "warning", "never")
KEYS = (
    "model",
    "runtime",
    "fail_on",
    "format",
    "batch_size",
    "top_k",
    "include",
    "exclude",
    "languages",
    "data_path",
    "max_bytes",
    "thresholds",
    "severity",
    "disable",
    "rules",
)
# `thresholds` keys that set a rule's option: (rule id, option)
RULE_THRESHOLDS = {
    "contradiction": ("nli-contradiction", "contradiction"),
    "quote_similarity": ("quote-drift", "quote_similarity"),
}


@dataclass(frozen=True, slots=True)
class Thresholds:
    """The NLI cut-offs that belong to no single rule."""

    entailment: float = 0.5  # another outlet's claim that entails this surely corroborates
    contradiction_note: float = 0.5  # a drift finding notes the model agrees from here on
    duplicate_contradiction: float = 0.5  # near-duplicate wording corroborates only below this
    near_duplicate: float = 0.75  # "the same statement" score of near-duplicate wording


@dataclass(frozen=True, slots=True)
class Config:
    source: str = "defaults"
    model: Path | None = None
    runtime: str | None = None  # the NLI runtime (None: $SELARAS_RUNTIME, else the fastest)
    fail_on: str = "error"
    format: str = "terminal"
    batch_size: int = DEFAULT_BATCH_SIZE
    pairing: PairingOptions = field(default_factory=PairingOptions)  # `top_k` sets pairing.top_k
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()  # check only articles in these languages (empty: all)
    data_path: Path | None = None  # a newsroom's own language data, searched before the packaged
    max_bytes: int = DEFAULT_MAX_BYTES  # inputs larger than this are skipped, with the reason
    thresholds: Thresholds = field(default_factory=Thresholds)
    matching: Matching = field(
        default_factory=Matching
    )  # `thresholds.statement_overlap` sets its overlap
    severity: dict[str, Severity] = field(default_factory=dict)  # rule id -> severity
    disable: frozenset[str] = frozenset()  # rule ids
    rule_options: dict[str, object] = field(default_factory=dict)  # rule id -> options record

    def options_for(self, rule: Rule[Any, OptionsT]) -> OptionsT:
        """The options chosen for ``rule`` (its defaults where the configuration sets none)."""
        return options_of(rule, self.rule_options)


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
    for key in table:
        if key not in KEYS:
            raise ConfigError(f"{source}: unknown key '{key}' (known: {', '.join(sorted(KEYS))})")
    values: dict[str, Any] = {"source": source}
    if "model" in table:
        values["model"] = Path(_typed(table, "model", str, source))
    if "runtime" in table:
        from checker.nli.registry import RUNTIMES  # torch-free

        values["runtime"] = _choice(table, "runtime", RUNTIMES, source)
    if "fail_on" in table:
        values["fail_on"] = _choice(table, "fail_on", FAIL_ON, source)
    if "format" in table:
        from checker.report import FORMATS  # the renderers: loaded only to check a format

        values["format"] = _choice(table, "format", FORMATS, source)
    if "batch_size" in table:
        values["batch_size"] = _positive(table, "batch_size", source)
    if "max_bytes" in table:
        values["max_bytes"] = _positive(table, "max_bytes", source)
    if "data_path" in table:
        values["data_path"] = data_folder(
            Path(_typed(table, "data_path", str, source)), Path(source).parent, source
        )
    if "top_k" in table:
        values["pairing"] = PairingOptions(top_k=_positive(table, "top_k", source))
    for key in ("include", "exclude", "languages"):
        if key in table:
            items = _typed(table, key, list, source)
            if not all(isinstance(i, str) for i in items):
                raise ConfigError(f"{source}: '{key}' must be a list of strings")
            values[key] = tuple(items)
    values["severity"] = _severities(_table(table, "severity", source), source)
    if "disable" in table:
        values["disable"] = frozenset(
            _rule_id(k, "disable", source) for k in _typed(table, "disable", list, source)
        )
    values.update(
        _thresholds(_table(table, "thresholds", source), _table(table, "rules", source), source)
    )
    return Config(**values)


def data_folder(path: Path, base: Path, source: str) -> Path:
    """``path`` (relative to ``base``, the configuration file's folder), which must be a folder."""
    folder = path if path.is_absolute() else base / path
    if not folder.is_dir():
        raise ConfigError(f"{source}: 'data_path' {folder} is not a folder")
    return folder


def _table(table: dict[str, Any], key: str, source: str) -> dict[str, Any]:
    value = table.get(key, {})
    if not isinstance(value, dict):
        raise ConfigError(f"{source}: '{key}' must be a table")
    return value


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


def _positive(table: dict[str, Any], key: str, source: str) -> int:
    value: int = _typed(table, key, int, source)
    if value < 1:
        raise ConfigError(f"{source}: '{key}' must be at least 1, got {value}")
    return value


def _thresholds(given: dict[str, Any], rules: dict[str, Any], source: str) -> dict[str, Any]:
    """Config values from [thresholds] and [rules.<id>]: the NLI cut-offs, the matching measure
    and each rule's options."""
    known = (*(f.name for f in dataclasses.fields(Thresholds)), "statement_overlap")
    known += tuple(RULE_THRESHOLDS)
    for key in given:
        if key not in known:
            raise ConfigError(
                f"{source}: unknown key 'thresholds.{key}' (known: {', '.join(known)})"
            )
    numbers = {k: _number(f"thresholds.{k}", v, (0.0, 1.0), source) for k, v in given.items()}
    names = {f.name for f in dataclasses.fields(Thresholds)}
    out: dict[str, Any] = {
        "thresholds": Thresholds(**{k: v for k, v in numbers.items() if k in names}),
        "rule_options": {
            rule_id: _rule_options(rule_id, options, source)
            for rule_id, options in _rule_tables(rules, numbers, source).items()
        },
    }
    if "statement_overlap" in numbers:
        out["matching"] = Matching(statement_overlap=numbers["statement_overlap"])
    return out


def _rule_tables(
    rules: dict[str, Any], thresholds: dict[str, float], source: str
) -> dict[str, dict[str, Any]]:
    """[rules.<id>] tables, with the [thresholds] keys that set a rule's option added in; an
    option set in both places is an error."""
    tables: dict[str, dict[str, Any]] = {}
    for rule_id, options in rules.items():
        if not isinstance(options, dict):
            raise ConfigError(f"{source}: 'rules.{rule_id}' must be a table")
        tables[rule_id] = dict(options)
    for key, (rule_id, name) in RULE_THRESHOLDS.items():
        if key not in thresholds:
            continue
        if name in tables.get(rule_id, {}):
            raise ConfigError(
                f"{source}: 'thresholds.{key}' and 'rules.{rule_id}.{name}' set the same "
                "option; keep one"
            )
        tables.setdefault(rule_id, {})[name] = thresholds[key]
    return tables


def _rule_options(rule_id: str, given: dict[str, Any], source: str) -> object:
    rule = next((r for r in all_rules() if r.id == rule_id), None)
    if rule is None:
        raise ConfigError(
            f"{source}: 'rules.{rule_id}' names an unknown rule (known: {', '.join(rule_ids())})"
        )
    fields = {f.name: f for f in dataclasses.fields(rule.options)}
    values = {}
    for key, value in given.items():
        if key not in fields:
            known = ", ".join(fields) or "none; this rule has no options"
            raise ConfigError(f"{source}: unknown key 'rules.{rule_id}.{key}' (known: {known})")
        default = getattr(rule.options, key)
        limits = fields[key].metadata.get("range")
        values[key] = _option(f"rules.{rule_id}.{key}", value, default, limits, source)
    return dataclasses.replace(rule.options, **values)


def _option(where: str, value: Any, default: Any, limits: Any, source: str) -> Any:
    if isinstance(default, float) or (isinstance(default, int) and not isinstance(default, bool)):
        number = _number(where, value, limits, source)
        if isinstance(default, int) and not number.is_integer():
            raise ConfigError(f"{source}: '{where}' must be a whole number, got {value!r}")
        return type(default)(number)
    if not isinstance(value, type(default)):
        raise ConfigError(f"{source}: '{where}' must be {type(default).__name__}, got {value!r}")
    return value


def _number(where: str, value: Any, limits: tuple[float, float] | None, source: str) -> float:
    low, high = limits or (float("-inf"), float("inf"))
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        within = f" from {low} to {high}" if limits else ""
        raise ConfigError(f"{source}: '{where}' must be a number{within}, got {value!r}")
    return float(value)


def _severities(table: dict[str, Any], source: str) -> dict[str, Severity]:
    out = {}
    for key, value in table.items():
        rule_id = _rule_id(key, "severity", source)
        try:
            out[rule_id] = Severity(value)
        except ValueError:
            raise ConfigError(
                f"{source}: 'severity.{key}' must be error, warning or info, got {value!r}"
            ) from None
    return out


def _rule_id(name: Any, where: str, source: str) -> str:
    if name not in rule_ids():
        raise ConfigError(
            f"{source}: '{where}' names an unknown finding kind {name!r} "
            f"(known: {', '.join(rule_ids())})"
        )
    return str(name)
