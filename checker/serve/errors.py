"""The service's errors: each has an HTTP status and a stable code that clients branch on.

The codes are a contract, like the command line's exit codes: a CMS plug-in tells "the request
was wrong" (4xx, do not retry) from "the server is busy" (503, retry after ``Retry-After``).
:data:`ERROR_CODES` is the one list; the OpenAPI document and the README are built from it.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from checker.errors import CheckerError

# code -> (HTTP status, when it happens)
ERROR_CODES: Mapping[str, tuple[int, str]] = MappingProxyType(
    {
        "malformed_json": (400, "the body is not a JSON object (or not UTF-8)"),
        "invalid_request": (400, "a field is missing, of the wrong type or not known"),
        "invalid_options": (400, "an option is unknown or out of range (as in the config file)"),
        "invalid_host": (400, "the Host header is not one this server answers to"),
        "unauthorized": (401, "a token is configured and the request lacks it or has another"),
        "cross_origin": (403, "a POST from a page of another origin (Origin header)"),
        "not_found": (404, "no such endpoint"),
        "method_not_allowed": (405, "the endpoint does not take this method"),
        "unsupported_media_type": (415, "POST /v1/check takes application/json only"),
        "body_too_large": (413, "the body is over the server's max_body_bytes"),
        "too_many_articles": (413, "sources and draft together are over max_articles"),
        "nothing_checkable": (422, "no article could be read, or a draft came with no source"),
        "draft_unreadable": (422, "the draft given could not be read as an article"),
        "queue_full": (503, "every worker is busy and the queue is full; see Retry-After"),
        "time_limit": (504, "the check ran longer than the server's time_limit"),
        "internal": (500, "a bug; the server logs the traceback, the client never sees it"),
    }
)


class ServeError(CheckerError):
    """An error answered to the client as ``{"error": {"code", "message"}}``."""

    def __init__(
        self,
        code: str,
        message: str,
        *,
        details: object = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        if code not in ERROR_CODES:
            raise ValueError(f"unknown error code {code!r}")
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details
        self.headers = dict(headers or {})

    @property
    def status(self) -> int:
        return ERROR_CODES[self.code][0]

    def body(self) -> dict[str, object]:
        error: dict[str, object] = {"code": self.code, "message": self.message}
        if self.details is not None:
            error["details"] = self.details
        return {"error": error}


class QueueFull(ServeError):
    """Every worker busy and every queue place taken; the client should retry later."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(
            "queue_full",
            f"the server is busy (every worker and queue place taken); retry in {retry_after} s",
            headers={"Retry-After": str(retry_after)},
        )


class TimeLimitExceeded(ServeError):
    """A check stopped at a stage boundary because it ran past the time limit."""

    def __init__(self, limit: float, stage: str) -> None:
        super().__init__(
            "time_limit",
            f"the check ran past the server's time limit of {limit:g} s (stopped while {stage});"
            " send fewer or shorter articles, or ask for a higher --time-limit",
        )
