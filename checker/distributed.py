"""The NLI stage on Ray (``selaras check --engine ray``): for corpora past one machine.

Judging pairs is the one stage whose cost is the model's, and every pair is judged alone, so
it is the stage worth spreading: :class:`RayNLI` is an NLI backend whose ``predict`` sends the
(premise, hypothesis) texts through Ray Data ``map_batches`` to a pool of actors, each of which
loads the model once. Extraction, pairing and the rules stay in the driver: they are cheap per
claim, and the rules need the whole corpus at hand.

Ray is an optional extra (``pip install 'selaras[ray]'``). Without ``address`` (or
``RAY_ADDRESS``) a local Ray is started for the run and stopped after it; with one, the run
joins that cluster, whose workers must have Selaras installed. Results equal the local
engine's: the same model scores the same texts, and scores come back in the input order.
"""

from __future__ import annotations

import importlib.util
import logging
import os
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from checker.errors import CheckerError
from checker.nli.base import DEFAULT_BATCH_SIZE, DEFAULT_MODEL_DIR, Pair
from checker.nli.labels import NLIScores

log = logging.getLogger(__name__)

INSTALL_HINT = "pip install 'selaras[ray]'"
ROWS_PER_BLOCK = 256  # texts per map_batches call: enough to fill a few model batches


class EngineError(CheckerError):
    """The Ray engine cannot run (Ray missing, the cluster unreachable)."""


def require_ray() -> None:
    """Fail at once, before anything is read, when Ray is not installed."""
    if importlib.util.find_spec("ray") is None:
        raise EngineError(
            f"--engine ray needs Ray, which is not installed; install it with `{INSTALL_HINT}` "
            "(or run without --engine ray)"
        )


class Judge:
    """A Ray Data actor: the model, loaded once per actor, scoring blocks of texts."""

    def __init__(self, model: str, batch_size: int, runtime: str | None) -> None:
        from checker.nli.registry import load_backend

        self.backend = load_backend(Path(model), runtime=runtime)
        self.batch_size = batch_size

    def __call__(self, block: dict[str, Any]) -> dict[str, Any]:
        import numpy as np

        pairs = list(zip(block["premise"].tolist(), block["hypothesis"].tolist(), strict=True))
        scores = self.backend.predict(pairs, batch_size=self.batch_size)
        return {
            "index": block["index"],
            "entailment": np.array([s.entailment for s in scores]),
            "neutral": np.array([s.neutral for s in scores]),
            "contradiction": np.array([s.contradiction for s in scores]),
        }


def _describe(model: str, runtime: str | None) -> tuple[str, str | None]:
    """The model's name and verdict-cache key, computed where the model loads (a worker)."""
    from checker.nli.cache import cache_key
    from checker.nli.registry import load_backend

    backend = load_backend(Path(model), runtime=runtime)
    return backend.name, cache_key(backend)


def _quiet_ray_data() -> None:
    """Ray's own progress lines and notices would drown the run's in a CI log: keep its errors."""
    import ray.data

    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    for name in ("ray", "ray.data"):
        logging.getLogger(name).setLevel(logging.ERROR)


class RayNLI:
    """An NLI backend whose work runs on Ray actors; use it as a context manager so that a
    Ray started for the run is stopped after it."""

    def __init__(
        self,
        model: Path | None = None,
        *,
        address: str | None = None,
        actors: int | None = None,
        runtime: str | None = None,
    ) -> None:
        require_ray()
        import ray

        self.model = str((model or DEFAULT_MODEL_DIR).resolve())
        self.runtime = runtime
        self.address = address or os.environ.get("RAY_ADDRESS") or None
        self._started_here = False
        if not ray.is_initialized():
            self._start(ray)
        cpus = int(ray.cluster_resources().get("CPU", 1))
        self.actors = max(1, actors or max(1, cpus // 2))
        self._cpus_per_actor = max(1.0, cpus / self.actors) if not address else 1.0
        describe = ray.remote(num_cpus=1)(_describe)
        # the report names the model, not where it ran: the findings are the same either way
        self.name, self._key = ray.get(describe.remote(self.model, self.runtime))
        log.info("NLI on %s, %d actor(s)", self.address or "a local Ray", self.actors)

    def _start(self, ray: Any) -> None:
        options: dict[str, Any] = {
            "include_dashboard": False,
            "log_to_driver": False,
            "logging_level": logging.ERROR,
        }
        if self.address:
            options["address"] = self.address
        else:
            options["num_cpus"] = os.cpu_count() or 1
            options["object_store_memory"] = 256 * 1024 * 1024  # texts and scores are small
        _quiet_ray_data()
        try:
            ray.init(**options)
        except Exception as exc:  # Ray raises ConnectionError, RuntimeError, ValueError...
            where = self.address or "locally"
            raise EngineError(f"cannot start Ray {where}: {exc}") from exc
        self._started_here = True

    def cache_key(self) -> str | None:
        """The key of the model the actors load: the same verdicts as the local engine's."""
        return self._key

    def predict(
        self, pairs: Sequence[Pair], *, batch_size: int = DEFAULT_BATCH_SIZE
    ) -> list[NLIScores]:
        if not pairs:
            return []
        import ray

        rows = [{"index": i, "premise": p, "hypothesis": h} for i, (p, h) in enumerate(pairs)]
        blocks = max(1, -(-len(rows) // ROWS_PER_BLOCK))
        scored = ray.data.from_items(rows, override_num_blocks=blocks).map_batches(
            Judge,
            fn_constructor_kwargs={
                "model": self.model,
                "batch_size": batch_size,
                "runtime": self.runtime,
            },
            batch_size=ROWS_PER_BLOCK,
            batch_format="numpy",
            compute=ray.data.ActorPoolStrategy(size=self.actors),
            num_cpus=self._cpus_per_actor,
        )
        results: list[NLIScores | None] = [None] * len(pairs)
        for row in scored.iter_rows():
            results[int(row["index"])] = NLIScores(
                entailment=float(row["entailment"]),
                neutral=float(row["neutral"]),
                contradiction=float(row["contradiction"]),
            )
        missing = [i for i, s in enumerate(results) if s is None]
        if missing:
            raise EngineError(f"Ray returned no score for {len(missing)} of {len(pairs)} pairs")
        return [s for s in results if s is not None]

    def close(self) -> None:
        """Stop the Ray this backend started (a cluster it joined keeps running)."""
        if self._started_here:
            import ray

            ray.shutdown()
            self._started_here = False

    def __enter__(self) -> RayNLI:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
