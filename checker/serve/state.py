"""What every request handler shares: the service, its pool, settings and configuration."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from starlette.requests import Request

from checker.config import Config
from checker.serve.errors import ServeError
from checker.serve.pool import CheckPool
from checker.serve.requests import CheckRequest
from checker.serve.service import Service
from checker.serve.settings import ServeSettings
from checker.types import Report

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(slots=True)
class AppState:
    service: Service
    pool: CheckPool
    settings: ServeSettings
    config: Config  # the server's; a request's options are laid over it

    async def run(self, request: CheckRequest, render: Callable[[Report], T]) -> T:
        """``render`` of the report of ``request``, both done on a worker thread.

        A failure that is not the request's fault is logged with its traceback here and
        answered as ``internal``: the client never sees a traceback.
        """
        limit = self.settings.limits.max_articles
        if request.inputs > limit:
            raise ServeError(
                "too_many_articles",
                f"{request.inputs} articles sent, over the server's limit of {limit}; send fewer",
            )

        def job() -> T:
            return render(self.service.check(request))

        try:
            return await self.pool.run(job)
        except ServeError:
            raise
        except Exception as exc:
            log.error("check failed", exc_info=exc)
            raise ServeError(
                "internal",
                "internal error while checking; the server's log has the details "
                "(please report it)",
            ) from None


def app_state(request: Request) -> AppState:
    state: AppState = request.app.state.selaras
    return state
