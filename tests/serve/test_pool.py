"""The worker pool: at most workers + queue admitted, the rest refused with a retry estimate,
places released when a job ends; the deadline and the guarded model."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Sequence

import pytest

from checker.nli.labels import NLIScores
from checker.serve.errors import QueueFull, TimeLimitExceeded
from checker.serve.pool import MODEL_SLICE, CheckPool, Deadline, GuardedBackend
from tests.checker.builders import NEUTRAL


def test_pool_admits_workers_plus_queue_and_refuses_the_rest() -> None:
    pool = CheckPool(workers=1, queue=1)
    go = threading.Event()

    def wait_then_first() -> str:
        go.wait(10)
        return "first"

    async def scenario() -> tuple[list[str], int]:
        first = asyncio.ensure_future(pool.run(wait_then_first))
        second = asyncio.ensure_future(pool.run(lambda: "second"))
        await asyncio.sleep(0.05)
        stats = pool.stats()
        assert (stats.running, stats.waiting) == (1, 1)
        with pytest.raises(QueueFull) as refused:
            await pool.run(lambda: "third")
        go.set()
        results = list(await asyncio.gather(first, second))
        return results, int(refused.value.headers["Retry-After"])

    try:
        results, retry = asyncio.run(scenario())
    finally:
        pool.shutdown()
    assert results == ["first", "second"] and retry >= 1
    stats = pool.stats()
    assert (stats.running, stats.waiting) == (0, 0) and stats.mean_seconds is not None


def test_pool_releases_a_place_when_the_job_fails() -> None:
    pool = CheckPool(workers=1, queue=0)

    def fail() -> None:
        raise ValueError("job failed")

    async def scenario() -> str:
        with pytest.raises(ValueError):
            await pool.run(fail)
        return await pool.run(lambda: "next")

    try:
        assert asyncio.run(scenario()) == "next"
    finally:
        pool.shutdown()


def test_deadline_names_the_stage_it_stopped_at() -> None:
    Deadline(60).check("reading")  # well within
    late = Deadline(0.001)
    time.sleep(0.01)
    with pytest.raises(TimeLimitExceeded, match="stopped while pairing") as caught:
        late.check("pairing")
    assert caught.value.status == 504


class _Counting:
    name = "test double: counting NLI (not a model)"

    def __init__(self) -> None:
        self.calls: list[int] = []

    def predict(self, pairs: Sequence[tuple[str, str]], *, batch_size: int = 16) -> list[NLIScores]:
        self.calls.append(len(pairs))
        return [NEUTRAL] * len(pairs)


def test_guarded_backend_calls_the_model_in_slices_in_order() -> None:
    inner = _Counting()
    guarded = GuardedBackend(inner, threading.Lock(), Deadline(60))
    pairs = [(f"p{i}", f"h{i}") for i in range(MODEL_SLICE + 10)]
    assert len(guarded.predict(pairs)) == len(pairs)
    assert inner.calls == [MODEL_SLICE, 10] and guarded.name == inner.name
    small = GuardedBackend(inner, threading.Lock(), Deadline(60))
    small.predict(pairs[:40])
    assert inner.calls[-1] == 40  # a small check is one call, as on the command line


def test_guarded_backend_stops_at_the_deadline() -> None:
    inner = _Counting()
    late = Deadline(0.001)
    time.sleep(0.01)
    with pytest.raises(TimeLimitExceeded):
        GuardedBackend(inner, threading.Lock(), late).predict([("a", "b")])
    assert inner.calls == []
