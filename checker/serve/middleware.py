"""The gate every request passes: the Host and Origin it comes with, its token, its body size;
and the security headers every response leaves with.

Plain ASGI rather than Starlette's ``BaseHTTPMiddleware``, so a body is limited as it streams
in (a 2 GB upload is refused at its first bytes over the limit, never buffered).
"""

from __future__ import annotations

import hmac
from urllib.parse import urlsplit

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from checker.serve.errors import ServeError
from checker.serve.settings import ServeSettings

API_PREFIX = "/v1/"
# The page runs only its own script file; article text can never add script or style.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = (
    ("content-security-policy", CONTENT_SECURITY_POLICY),
    ("x-content-type-options", "nosniff"),
    # not no-referrer: with it browsers send "Origin: null" on the page's own form posts
    ("referrer-policy", "same-origin"),
    ("x-frame-options", "DENY"),
    ("cross-origin-resource-policy", "same-origin"),
)
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class Gate:
    """Refuses a wrong Host (DNS rebinding), a cross-origin POST, and an API call without the
    token; limits the body to ``max_body_bytes``; adds the security headers."""

    def __init__(self, app: ASGIApp, settings: ServeSettings) -> None:
        self.app = app
        self.settings = settings
        self.token = settings.token.encode() if settings.token else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        try:
            self._admit(scope, headers)
        except ServeError as refusal:
            response = JSONResponse(refusal.body(), refusal.status, refusal.headers)
            await response(scope, receive, _secured(send, scope))
            return
        limited = _limited(receive, headers, self.settings.limits.max_body_bytes)
        await self.app(scope, limited, _secured(send, scope))

    def _admit(self, scope: Scope, headers: Headers) -> None:
        host = headers.get("host", "")
        if (
            "*" not in self.settings.allowed_hosts
            and hostname(host) not in self.settings.allowed_hosts
        ):
            raise ServeError(
                "invalid_host", f"this server does not answer to the host {host[:100]!r}"
            )
        origin = headers.get("origin")
        cross = origin is not None and urlsplit(origin).netloc.lower() != host.lower()
        if scope["method"] not in _SAFE_METHODS and cross:
            raise ServeError("cross_origin", "a page of another origin may not post to this server")
        api = scope["path"].startswith(API_PREFIX)
        if (
            api
            and self.token is not None
            and not bearer_matches(headers.get("authorization"), self.token)
        ):
            raise ServeError(
                "unauthorized",
                "this server requires 'Authorization: Bearer TOKEN' on every /v1 call",
                headers={"WWW-Authenticate": 'Bearer realm="selaras"'},
            )


def bearer_matches(header: str | None, token: bytes) -> bool:
    """The ``Authorization`` header carries ``token`` (compared in constant time)."""
    scheme, _, given = (header or "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token)


def hostname(host: str) -> str:
    """The name or address of a Host header, without its port ("[::1]:8765" -> "[::1]")."""
    if host.startswith("["):
        return host[: host.find("]") + 1].lower()
    return host.rpartition(":")[0].lower() if ":" in host else host.lower()


def _limited(receive: Receive, headers: Headers, limit: int) -> Receive:
    """``receive`` that raises ``body_too_large`` once the body is over ``limit`` bytes (at
    once when Content-Length says so)."""
    declared = headers.get("content-length", "")
    seen = 0

    async def receive_limited() -> Message:
        nonlocal seen
        if declared.isdigit() and int(declared) > limit:
            raise _too_large(limit)
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise _too_large(limit)
        return message

    return receive_limited


def _too_large(limit: int) -> ServeError:
    return ServeError(
        "body_too_large",
        f"the request body is over the server's limit of {limit:,} bytes; send fewer or "
        "shorter articles (--max-body-bytes raises the limit)",
    )


def _secured(send: Send, scope: Scope) -> Send:
    """``send`` that adds the security headers, and no-store on everything but static files:
    drafts are unpublished text and must not linger in a cache."""
    static = scope["path"].startswith("/static/")

    async def send_secured(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = MutableHeaders(scope=message)
            for name, value in SECURITY_HEADERS:
                headers.setdefault(name, value)
            headers.setdefault("cache-control", "max-age=3600" if static else "no-store")
        await send(message)

    return send_secured
