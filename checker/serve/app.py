"""The ASGI application: the API, the page, the gate in front of them and the error handlers.

Starlette rather than FastAPI: FastAPI's gift is request models and an OpenAPI document
generated from pydantic classes, but here the report already has its JSON Schema and the
options already have their validation (the configuration file's), so models would restate
both and bring pydantic along. Starlette is the toolkit FastAPI is built on; uvicorn runs it.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from checker.config import Config
from checker.serve import api, page
from checker.serve.errors import ServeError
from checker.serve.middleware import Gate
from checker.serve.pool import CheckPool
from checker.serve.service import Service
from checker.serve.settings import ServeSettings
from checker.serve.state import AppState
from claims.lang import configure

log = logging.getLogger(__name__)
_HTTP_CODES = {404: "not_found", 405: "method_not_allowed", 413: "body_too_large"}


def create_app(service: Service, settings: ServeSettings, config: Config) -> Starlette:
    """The service over ``service`` (its model loaded already), answering as ``settings`` say;
    ``config`` is the server's configuration, which requests' options are laid over."""
    pool = CheckPool(settings.workers, settings.queue)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        previous = configure(config.data_path)  # the newsroom's language data, for every check
        try:
            yield
        finally:
            pool.shutdown()
            configure(previous)

    app = Starlette(
        routes=[*api.ROUTES, *page.ROUTES],
        middleware=[Middleware(Gate, settings=settings)],
        exception_handlers={
            ServeError: _serve_error,
            HTTPException: _http_error,
            Exception: _internal_error,
        },
        lifespan=lifespan,
    )
    app.state.selaras = AppState(service, pool, settings, config)
    return app


async def _serve_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ServeError)
    return JSONResponse(exc.body(), exc.status, exc.headers)


async def _http_error(request: Request, exc: Exception) -> Response:
    """Starlette's own refusals (no route, wrong method) in the API's error shape."""
    assert isinstance(exc, HTTPException)
    code = _HTTP_CODES.get(exc.status_code, "invalid_request")  # e.g. a malformed multipart body
    where = f"{request.method} {request.url.path[:200]}"
    message = {
        "not_found": f"no such endpoint: {where}",
        "method_not_allowed": f"{where}: the endpoint does not take {request.method}",
    }.get(code, f"{where}: {exc.detail}")
    refusal = ServeError(code, message, headers=dict(exc.headers or {}))
    return JSONResponse(refusal.body(), refusal.status, refusal.headers)


async def _internal_error(request: Request, exc: Exception) -> Response:
    """The last net: logged with its traceback, answered without one."""
    log.error("internal error on %s %s", request.method, request.url.path, exc_info=exc)
    refusal = ServeError("internal", "internal error; the server's log has the details")
    return JSONResponse(refusal.body(), refusal.status)
