"""The JSON API under ``/v1``: check, health, rules and the OpenAPI document."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from checker.baseline import exit_status
from checker.report.json_format import render_json
from checker.serve.errors import ServeError
from checker.serve.openapi import openapi_document, rules_document
from checker.serve.requests import parse_check
from checker.serve.state import app_state
from claims import __version__


async def check(request: Request) -> Response:
    """``POST /v1/check``: the report as ``selaras check --format json`` writes it."""
    state = app_state(request)
    media = request.headers.get("content-type", "").partition(";")[0].strip().lower()
    if media != "application/json":
        raise ServeError(
            "unsupported_media_type",
            f"send the request as application/json, not {media or 'no Content-Type'!r}",
        )
    body = await request.body()
    wanted = parse_check(body, state.config)
    fail_on = wanted.config.fail_on
    text, failed = await state.run(
        wanted, lambda report: (render_json(report), exit_status(report, fail_on))
    )
    return Response(
        text,
        media_type="application/json",
        headers={"Selaras-Result": "fail" if failed else "pass"},
    )


async def health(request: Request) -> Response:
    """``GET /v1/health``: alive, its version, which model (with its checksum), its load."""
    state = app_state(request)
    model = state.service.model
    pool = state.pool.stats()
    limits = state.settings.limits
    return JSONResponse(
        {
            "status": "ok",
            "version": __version__,
            "model": {
                "name": model.name,
                "weights_sha256": model.weights_sha256,
                "runtime": model.runtime,
            },
            "workers": {
                "workers": pool.workers,
                "queue": pool.queue,
                "running": pool.running,
                "waiting": pool.waiting,
            },
            "limits": {
                "max_body_bytes": limits.max_body_bytes,
                "max_articles": limits.max_articles,
                "max_article_bytes": state.config.max_bytes,
                "time_limit": limits.time_limit,
            },
        }
    )


async def rules(request: Request) -> Response:
    return JSONResponse(rules_document())


async def openapi(request: Request) -> Response:
    return JSONResponse(openapi_document())


ROUTES = [
    Route("/v1/check", check, methods=["POST"]),
    Route("/v1/health", health, methods=["GET"]),
    Route("/v1/rules", rules, methods=["GET"]),
    Route("/v1/openapi.json", openapi, methods=["GET"]),
]
