"""Judge candidate pairs with an NLI backend, in both directions, in one batched call.

Identical (premise, hypothesis) texts are judged once: syndicated wire copy makes many pairs
textually the same, and the model's answer cannot differ between them. The texts go to the
model in chunks of similar length, so that a long run can show how far it has got, an
interrupted run keeps (in the verdict cache) what it has judged, and batches pad little.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from checker.nli.base import DEFAULT_BATCH_SIZE
from checker.progress import Progress, advance
from checker.types import Pair, Verdict

if TYPE_CHECKING:
    from checker.nli.base import NLIBackend
    from checker.nli.labels import NLIScores

CHUNK = 1024  # (premise, hypothesis) texts per call to the backend


def judge(
    pairs: Sequence[Pair],
    backend: NLIBackend,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Progress | None = None,
) -> list[Verdict]:
    """A Verdict per pair: ``forward`` takes the other claim as premise, ``backward`` the reverse."""
    wanted = [(p.other.text, p.claim.text) for p in pairs] + [
        (p.claim.text, p.other.text) for p in pairs
    ]
    unique = sorted(dict.fromkeys(wanted), key=lambda texts: len(texts[0]) + len(texts[1]))
    scores: dict[tuple[str, str], NLIScores] = {}
    for start in range(0, len(unique), CHUNK):
        chunk = unique[start : start + CHUNK]
        scores.update(zip(chunk, backend.predict(chunk, batch_size=batch_size), strict=True))
        advance(progress, len(scores), len(unique))
    return [
        Verdict(
            pair,
            scores[(pair.other.text, pair.claim.text)],
            scores[(pair.claim.text, pair.other.text)],
        )
        for pair in pairs
    ]
