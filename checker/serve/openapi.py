"""The OpenAPI 3.1 document of the API, served at ``/v1/openapi.json``.

Built from the sources of truth rather than written beside them: the error codes from
:data:`~checker.serve.errors.ERROR_CODES`, the rules and their options from the rule registry,
the option keys from :mod:`checker.serve.options`, and the report from the JSON report's own
schema (embedded whole, its internal references rewritten to point into this document, since
few OpenAPI tools resolve an embedded schema's ``$id``).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from checker.config import FAIL_ON, RULE_THRESHOLDS, Thresholds
from checker.report.serialize import load_schema
from checker.rules import all_rules
from checker.rules.base import option_fields
from checker.serve.errors import ERROR_CODES
from checker.serve.inputs import READERS
from checker.serve.requests import METADATA_FIELDS
from claims import __version__

SEVERITIES = ["error", "warning", "info"]
_ANY = ("invalid_host", "unauthorized", "internal")  # what any call may meet
_CODES_OF = {
    "/v1/check": tuple(ERROR_CODES),
    "/v1/health": _ANY,
    "/v1/rules": _ANY,
    "/v1/openapi.json": _ANY,
}


def openapi_document() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Selaras",
            "version": __version__,
            "summary": "Cross-source fact-consistency checks for news drafts and articles.",
            "description": _DESCRIPTION,
        },
        "servers": [{"url": "/"}],
        "paths": _paths(),
        "components": {
            "schemas": {
                "CheckRequest": _check_request(),
                "Article": _article(),
                "Options": _options(),
                "Error": _error(),
                "Health": _health(),
                "Rule": _rule(),
                "Report": embedded(load_schema(), "#/components/schemas/Report"),
            },
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
        "security": [{"bearer": []}, {}],
    }


_DESCRIPTION = (
    "Check a draft against its sources (or articles against each other) for quotes, dates, "
    "numbers and attributions that drift, and see how many outlets corroborate each claim. "
    "A server started with --token requires `Authorization: Bearer TOKEN` on every /v1 call. "
    'Errors are JSON objects `{"error": {"code", "message"}}` with a stable code: '
    + "; ".join(f"`{code}` ({status}): {why}" for code, (status, why) in ERROR_CODES.items())
    + "."
)


def embedded(schema: Any, at: str) -> Any:
    """``schema`` placed at the JSON pointer ``at``: its local references (``#/$defs/x``)
    rewritten to ``at/$defs/x``, its ``$id`` and ``$schema`` dropped (the document's apply)."""
    if isinstance(schema, list):
        return [embedded(item, at) for item in schema]
    if not isinstance(schema, dict):
        return schema
    out = {}
    for key, value in schema.items():
        if key in ("$id", "$schema"):
            continue
        if key == "$ref" and isinstance(value, str) and value.startswith("#/"):
            out[key] = at + value[1:]
        else:
            out[key] = embedded(value, at)
    return out


def _paths() -> dict[str, Any]:
    check = {
        "post": {
            "operationId": "check",
            "summary": "Check articles, or a draft against its sources",
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": _ref("CheckRequest")}},
            },
            "responses": {
                "200": {
                    "description": "The report, exactly as `selaras check --format json` writes it.",
                    "headers": {
                        "Selaras-Result": {
                            "description": "`fail` when a finding is at or above fail_on, else `pass`.",
                            "schema": {"enum": ["pass", "fail"]},
                        }
                    },
                    "content": {"application/json": {"schema": _ref("Report")}},
                },
                **_errors("/v1/check"),
            },
        }
    }
    return {
        "/v1/check": check,
        "/v1/health": _get("health", "The service, its version and the model loaded", "Health"),
        "/v1/rules": _get(
            "rules",
            "The finding rules: id, severity, help and options",
            {"type": "array", "items": _ref("Rule")},
        ),
        "/v1/openapi.json": _get("openapi", "This document", {"type": "object"}),
    }


def _get(operation: str, summary: str, schema: str | dict[str, Any]) -> dict[str, Any]:
    body = _ref(schema) if isinstance(schema, str) else schema
    return {
        "get": {
            "operationId": operation,
            "summary": summary,
            "responses": {
                "200": {"description": summary, "content": {"application/json": {"schema": body}}},
                **_errors(f"/v1/{operation}" if operation != "openapi" else "/v1/openapi.json"),
            },
        }
    }


def _errors(path: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    wanted = [c for c in _CODES_OF[path] if c not in ("not_found", "method_not_allowed")]
    for status in sorted({str(ERROR_CODES[c][0]) for c in wanted}):
        codes = [c for c in wanted if str(ERROR_CODES[c][0]) == status]
        response: dict[str, Any] = {
            "description": "; ".join(f"`{c}`: {ERROR_CODES[c][1]}" for c in codes),
            "content": {"application/json": {"schema": _ref("Error")}},
        }
        if status == "503":
            response["headers"] = {
                "Retry-After": {"description": "Seconds to wait.", "schema": {"type": "integer"}}
            }
        out[status] = response
    return out


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _check_request() -> dict[str, Any]:
    article = {"oneOf": [{"type": "string", "minLength": 0}, _ref("Article")]}
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["sources"],
        "properties": {
            "sources": {
                "type": "array",
                "minItems": 1,
                "items": article,
                "description": "The articles: each its text (front matter allowed), or an object.",
            },
            "draft": {
                "oneOf": [{"type": "null"}, *article["oneOf"]],
                "description": "Pre-publication mode: only the draft's claims are checked, "
                "against the sources; unsupported claims are reported.",
            },
            "options": _ref("Options"),
            "cross_check_sources": {
                "type": "boolean",
                "default": False,
                "description": "In draft mode, check the sources against each other too.",
            },
            "now": {
                "type": "string",
                "format": "date-time",
                "description": "The report's time (default: when the check runs).",
            },
        },
    }


def _article() -> dict[str, Any]:
    properties: dict[str, Any] = {
        "text": {"type": "string", "description": "The article text."},
        "name": {"type": "string", "description": "A label for the report (never a path)."},
        "format": {"enum": list(READERS), "default": "markdown"},
    }
    properties.update({k: {"type": "string"} for k in METADATA_FIELDS})
    properties["published"]["description"] = "The publication date, e.g. 2022-06-15."
    properties["language"]["description"] = "A language tag (id, en); detected when not given."
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["text"],
        "properties": properties,
    }


def _options() -> dict[str, Any]:
    ids = [rule.id for rule in all_rules()]
    thresholds = [f.name for f in dataclasses.fields(Thresholds)]
    thresholds += ["statement_overlap", *RULE_THRESHOLDS]
    unit = {"type": "number", "minimum": 0, "maximum": 1}
    return {
        "type": "object",
        "additionalProperties": False,
        "description": "The keys of [tool.selaras] a request may set, checked as the "
        "configuration file's are. Given keys replace the server's; severity, thresholds and "
        "rules change only the keys given.",
        "properties": {
            "fail_on": {"enum": list(FAIL_ON)},
            "top_k": {"type": "integer", "minimum": 1},
            "languages": {"type": "array", "items": {"type": "string"}},
            "disable": {"type": "array", "items": {"enum": ids}},
            "severity": {
                "type": "object",
                "propertyNames": {"enum": ids},
                "additionalProperties": {"enum": SEVERITIES},
            },
            "thresholds": {
                "type": "object",
                "additionalProperties": False,
                "properties": {name: unit for name in thresholds},
            },
            "rules": {
                "type": "object",
                "additionalProperties": False,
                "properties": {rule.id: _rule_options(rule.options) for rule in all_rules()},
            },
        },
    }


def _rule_options(options: object) -> dict[str, Any]:
    properties = {}
    for f in option_fields(options):
        low, high = f.metadata.get("range", (None, None))
        schema: dict[str, Any] = {"type": "number", "default": getattr(options, f.name)}
        if low is not None:
            schema |= {"minimum": low, "maximum": high}
        properties[f.name] = schema
    return {"type": "object", "additionalProperties": False, "properties": properties}


def _error() -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["error"],
        "additionalProperties": False,
        "properties": {
            "error": {
                "type": "object",
                "required": ["code", "message"],
                "additionalProperties": False,
                "properties": {
                    "code": {"enum": list(ERROR_CODES)},
                    "message": {"type": "string"},
                    "details": {"type": "object"},
                },
            }
        },
    }


def _health() -> dict[str, Any]:
    nullable = {"type": ["string", "null"]}
    return {
        "type": "object",
        "required": ["status", "version", "model", "workers", "limits"],
        "properties": {
            "status": {"const": "ok"},
            "version": {"type": "string"},
            "model": {
                "type": "object",
                "required": ["name", "weights_sha256", "runtime"],
                "properties": {
                    "name": {"type": "string"},
                    "weights_sha256": nullable,
                    "runtime": {"type": "string"},
                },
            },
            "workers": {
                "type": "object",
                "description": "Checks running and waiting now, and the pool's size.",
                "properties": {
                    k: {"type": "integer"} for k in ("workers", "queue", "running", "waiting")
                },
            },
            "limits": {
                "type": "object",
                "properties": {
                    "max_body_bytes": {"type": "integer"},
                    "max_articles": {"type": "integer"},
                    "max_article_bytes": {"type": "integer"},
                    "time_limit": {"type": "number"},
                },
            },
        },
    }


def _rule() -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["id", "name", "severity", "scope", "summary", "help", "options"],
        "properties": {
            "id": {"type": "string"},
            "name": {"type": "string"},
            "severity": {"enum": SEVERITIES},
            "scope": {"type": "string"},
            "summary": {"type": "string"},
            "help": {"type": "string"},
            "options": {"type": "object", "additionalProperties": {"type": "object"}},
        },
    }


def rules_document() -> list[dict[str, Any]]:
    """``GET /v1/rules``: each rule with its default severity, help and options."""
    return [
        {
            "id": rule.id,
            "name": rule.name,
            "severity": rule.severity.value,
            "scope": rule.scope,
            "summary": rule.summary,
            "help": rule.help,
            "options": {f.name: _option(rule.options, f) for f in option_fields(rule.options)},
        }
        for rule in all_rules()
    ]


def _option(options: object, f: dataclasses.Field[Any]) -> dict[str, Any]:
    low, high = f.metadata.get("range", (None, None))
    return {"default": getattr(options, f.name), "minimum": low, "maximum": high}
