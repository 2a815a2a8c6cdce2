"""What every NLI backend shares, without torch: the interface, the model-directory vocabulary
and the length-sorted batching loop.

A backend turns (premise, hypothesis) pairs into :class:`NLIScores`. It sorts pairs by length
so that each batch pads little, and maps outputs to labels through the model's own
``id2label`` (:func:`label_order`), never by position. Which backend loads a directory is
decided in :mod:`checker.nli.registry`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

from checker.nli.labels import NLILabel, NLIScores, label_order

__all__ = [
    "CONFIG_FILE",
    "DEFAULT_BATCH_SIZE",
    "DEFAULT_MODEL_DIR",
    "EMBEDDED_KIND",
    "HUGGINGFACE_KIND",
    "KIND_KEY",
    "DescribedBackend",
    "NLIBackend",
    "NLILabel",
    "NLIScores",
    "Pair",
    "label_order",
    "length_sorted_batches",
    "predict_batched",
]

DEFAULT_MODEL_DIR = Path(__file__).parent / "model"
CONFIG_FILE = "config.json"
KIND_KEY = "kind"
"""The key of a model directory's config.json that names its backend."""
EMBEDDED_KIND = "selaras-e5-cross-encoder"
HUGGINGFACE_KIND = "huggingface"
DEFAULT_BATCH_SIZE = 16
Pair = tuple[str, str]


class NLIBackend(Protocol):
    name: str

    def predict(
        self, pairs: Sequence[Pair], *, batch_size: int = DEFAULT_BATCH_SIZE
    ) -> list[NLIScores]: ...


@runtime_checkable
class DescribedBackend(NLIBackend, Protocol):
    """A backend that can say what it is for `selaras model info`."""

    def describe(self) -> list[tuple[str, str]]:
        """(field, value) lines: parameters, checksums, figures..."""
        ...


def length_sorted_batches(lengths: Sequence[int], batch_size: int) -> list[list[int]]:
    """Indices grouped into batches of ``batch_size``, shortest first, each index once."""
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    order = sorted(range(len(lengths)), key=lengths.__getitem__)
    return [order[i : i + batch_size] for i in range(0, len(order), batch_size)]


def predict_batched(
    lengths: Sequence[int],
    batch_size: int,
    score_rows: Callable[[list[int]], Sequence[NLIScores]],
) -> list[NLIScores]:
    """Score items in length-sorted batches and return the scores in the items' own order.

    ``lengths[i]`` is item i's length (tokens, or characters as a proxy); ``score_rows`` scores
    the items at the given indices, in that order.
    """
    results: list[NLIScores | None] = [None] * len(lengths)
    for rows in length_sorted_batches(lengths, batch_size):
        for index, score in zip(rows, score_rows(rows), strict=True):
            results[index] = score
    return [score for score in results if score is not None]
