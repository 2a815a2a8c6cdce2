"""``POST /v1/check`` bodies: JSON in, a checked :class:`CheckRequest` out, or a 400 that says
which field is wrong and how.

Fields are checked strictly (an unknown key is an error, as in the configuration file), so a
typo in a CMS plug-in shows at once instead of silently checking something else. The shape is
described for clients by the OpenAPI document (:mod:`checker.serve.openapi`); a test keeps the
two in step.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from checker.config import Config
from checker.serve.errors import ServeError
from checker.serve.inputs import READERS, SourceText
from checker.serve.options import request_config
from claims.ingest.sanitize import clean_field

REQUEST_FIELDS = ("sources", "draft", "options", "cross_check_sources", "now")
SOURCE_FIELDS = ("text", "name", "format", "title", "outlet", "url", "published", "language")
METADATA_FIELDS = ("title", "outlet", "url", "published", "language")
MAX_NAME_CHARS = 200


@dataclass(frozen=True, slots=True)
class CheckRequest:
    """One check to run: the inputs, the configuration for it and the report's time."""

    sources: tuple[SourceText, ...]
    draft: SourceText | None = None
    config: Config = field(default_factory=Config)
    cross_check_sources: bool = False
    now: datetime | None = None  # the report's time; None: when the check runs

    @property
    def inputs(self) -> int:
        return len(self.sources) + (self.draft is not None)


def parse_check(body: bytes, server: Config) -> CheckRequest:
    """The request in ``body`` (UTF-8 JSON), its options laid over ``server``."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError, ValueError) as exc:
        raise ServeError(
            "malformed_json", f"the body is not valid UTF-8 JSON ({_short(exc)})"
        ) from None
    if not isinstance(data, dict):
        raise ServeError("malformed_json", "the body must be a JSON object with 'sources'")
    _known(data, REQUEST_FIELDS, "the request")
    sources = _required(data, "sources", list, "the request")
    if not sources:
        raise _invalid("'sources' is empty; send at least one article")
    options = {} if data.get("options") is None else data["options"]
    if not isinstance(options, dict):
        raise _invalid("'options' must be an object (the keys of [tool.selaras])")
    draft = data.get("draft")
    return CheckRequest(
        sources=unique_names(
            [source_text(s, f"sources[{i}]", f"source-{i + 1}") for i, s in enumerate(sources)]
        ),
        draft=None if draft is None else source_text(draft, "draft", "draft"),
        config=request_config(server, options),
        cross_check_sources=_flag(data, "cross_check_sources"),
        now=_now(data.get("now")),
    )


def source_text(value: object, where: str, default_name: str) -> SourceText:
    """One article of the request: a string (its text) or an object with ``text``."""
    if isinstance(value, str):
        return SourceText(default_name, value)
    if not isinstance(value, dict):
        raise _invalid(f"{where} must be a string (the article text) or an object with 'text'")
    _known(value, SOURCE_FIELDS, where)
    text = _required(value, "text", str, where)
    for key in ("name", "format", *METADATA_FIELDS):
        if value.get(key) is not None and not isinstance(value[key], str):
            raise _invalid(f"{where}.{key} must be a string")
    kind = value.get("format") or "markdown"
    if kind not in READERS:
        raise _invalid(f"{where}.format must be one of {', '.join(READERS)}, got {kind!r}")
    metadata = {k: value[k] for k in METADATA_FIELDS if value.get(k)}
    return SourceText(clean_name(value.get("name"), default_name), text, kind, metadata)


def clean_name(name: str | None, default: str) -> str:
    """A label fit for the report: one clean line of limited length, or ``default``."""
    cleaned = clean_field(name or "")[:MAX_NAME_CHARS].strip()
    return cleaned or default


def unique_names(sources: Sequence[SourceText]) -> tuple[SourceText, ...]:
    """``sources`` with a repeated name numbered (``name (2)``), so every passage is findable."""
    seen: set[str] = set()
    out = []
    for source in sources:
        name, n = source.name, 1
        while name in seen:
            n += 1
            name = f"{source.name} ({n})"
        seen.add(name)
        out.append(source if name == source.name else _renamed(source, name))
    return tuple(out)


def _renamed(source: SourceText, name: str) -> SourceText:
    return SourceText(name, source.content, source.format, source.metadata)


def _known(data: Mapping[str, Any], known: Sequence[str], where: str) -> None:
    for key in data:
        if key not in known:
            raise _invalid(f"{where} has an unknown field {key!r} (known: {', '.join(known)})")


def _required(data: Mapping[str, Any], key: str, kind: type, where: str) -> Any:
    if key not in data:
        raise _invalid(f"{where} lacks '{key}'")
    if not isinstance(data[key], kind):
        raise _invalid(f"{where}.{key} must be {'an array' if kind is list else 'a string'}")
    return data[key]


def _flag(data: Mapping[str, Any], key: str) -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        raise _invalid(f"'{key}' must be true or false")
    return value


def _now(value: object) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is None:
        raise _invalid(
            "'now' must be an ISO 8601 time with a zone, such as 2026-01-01T00:00:00+00:00"
        )
    return parsed


def _invalid(message: str) -> ServeError:
    return ServeError("invalid_request", message)


def _short(exc: Exception) -> str:
    return " ".join(str(exc).split())[:200]
