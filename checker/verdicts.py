"""Judge candidate pairs with an NLI backend, in both directions, in one batched call.

Identical (premise, hypothesis) texts are judged once: syndicated wire copy makes many pairs
textually the same, and the model's answer cannot differ between them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from checker.nli.base import DEFAULT_BATCH_SIZE
from checker.types import Pair, Verdict

if TYPE_CHECKING:
    from checker.nli.base import NLIBackend


def judge(
    pairs: Sequence[Pair], backend: NLIBackend, *, batch_size: int = DEFAULT_BATCH_SIZE
) -> list[Verdict]:
    """A Verdict per pair: ``forward`` takes the other claim as premise, ``backward`` the reverse."""
    wanted = [(p.other.text, p.claim.text) for p in pairs] + [
        (p.claim.text, p.other.text) for p in pairs
    ]
    unique = list(dict.fromkeys(wanted))
    scores = (
        dict(zip(unique, backend.predict(unique, batch_size=batch_size), strict=True))
        if unique
        else {}
    )
    return [
        Verdict(
            pair,
            scores[(pair.other.text, pair.claim.text)],
            scores[(pair.claim.text, pair.other.text)],
        )
        for pair in pairs
    ]
