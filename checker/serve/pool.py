"""The worker pool: checks run on a few threads, a bounded number wait, the rest are told to
come back later.

A check is CPU work (extraction and pairing in Python, the model in torch). Running every
request at once would share the cores between them all and make each one slow; instead
``workers`` checks run, ``queue`` more wait their turn, and a request beyond that is refused at
once with 503 and a ``Retry-After`` estimated from recent checks. The model is shared by the
workers and called by one at a time (:class:`GuardedBackend`): torch already spreads one
batch over every core, and concurrent calls would only fight over them.

A check cannot be killed from outside its thread, so the time limit is kept by the check
itself (:class:`Deadline`): it is looked at between pipeline stages and between slices of
model work, and the check stops with :class:`~checker.serve.errors.TimeLimitExceeded`.
"""

from __future__ import annotations

import asyncio
import math
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

from checker.nli.base import DEFAULT_BATCH_SIZE, NLIBackend, Pair
from checker.nli.labels import NLIScores
from checker.serve.errors import QueueFull, TimeLimitExceeded

T = TypeVar("T")
MODEL_SLICE = 256  # pairs per model call between two looks at the deadline


@dataclass(frozen=True, slots=True)
class PoolStats:
    workers: int
    queue: int
    running: int
    waiting: int
    mean_seconds: float | None  # of recent checks; None before the first


class CheckPool:
    """At most ``workers`` jobs at once and ``queue`` waiting; :meth:`run` refuses the rest."""

    def __init__(self, workers: int, queue: int) -> None:
        self.workers = workers
        self.queue = queue
        self._executor = ThreadPoolExecutor(workers, thread_name_prefix="selaras-check")
        self._lock = threading.Lock()  # the counts change on the event loop and on workers
        self._admitted = 0
        self._running = 0
        self._mean: float | None = None

    async def run(self, job: Callable[[], T]) -> T:
        """``job()`` on a worker thread, once one is free; raises :class:`QueueFull` at once
        when every worker and queue place is taken."""
        with self._lock:
            if self._admitted >= self.workers + self.queue:
                raise QueueFull(self._retry_after())
            self._admitted += 1
        try:
            future = self._executor.submit(self._timed, job)
        except BaseException:
            self._release(None)
            raise
        # Released when the job ends, not when the caller stops waiting: a client that hangs up
        # does not stop its check, and the place stays taken until the thread is free.
        future.add_done_callback(self._release)
        return await asyncio.wrap_future(future)

    def stats(self) -> PoolStats:
        with self._lock:
            waiting = self._admitted - self._running
            return PoolStats(self.workers, self.queue, self._running, waiting, self._mean)

    def shutdown(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)

    def _timed(self, job: Callable[[], T]) -> T:
        with self._lock:
            self._running += 1
        started = time.perf_counter()
        try:
            return job()
        finally:
            seconds = time.perf_counter() - started
            with self._lock:
                self._running -= 1
                self._mean = seconds if self._mean is None else 0.8 * self._mean + 0.2 * seconds

    def _release(self, _: Future[Any] | None) -> None:
        with self._lock:
            self._admitted -= 1

    def _retry_after(self) -> int:
        """Seconds until a place is likely free: the queue ahead, shared by the workers."""
        mean = self._mean if self._mean is not None else 5.0
        return max(1, math.ceil(mean * self._admitted / self.workers))


class Deadline:
    """The time limit of one check, counted from when a worker starts it."""

    def __init__(self, limit: float) -> None:
        self.limit = limit
        self.started = time.monotonic()

    def check(self, stage: str) -> None:
        """Raise :class:`TimeLimitExceeded` when the limit has passed; ``stage`` says where."""
        if time.monotonic() - self.started > self.limit:
            raise TimeLimitExceeded(self.limit, stage)


class GuardedBackend:
    """The shared model, called by one check at a time and in slices between deadline checks.

    Slices are large (:data:`MODEL_SLICE` pairs), so a check of a few articles makes one
    call, exactly as ``selaras check`` does, and its scores are the command line's.
    """

    def __init__(self, backend: NLIBackend, lock: threading.Lock, deadline: Deadline) -> None:
        self.backend = backend
        self.name = backend.name
        self._lock = lock
        self._deadline = deadline

    def predict(
        self, pairs: Sequence[Pair], *, batch_size: int = DEFAULT_BATCH_SIZE
    ) -> list[NLIScores]:
        scores: list[NLIScores] = []
        for start in range(0, len(pairs), MODEL_SLICE):
            self._deadline.check("judging pairs with the model")
            with self._lock:
                scores += self.backend.predict(
                    pairs[start : start + MODEL_SLICE], batch_size=batch_size
                )
        return scores
