"""Small tensor helpers the torch backends and training share: padding, pooling, softmax."""

from __future__ import annotations

from collections.abc import Sequence

import torch

from checker.nli.labels import NLILabel, NLIScores


def pad_batch(ids: Sequence[Sequence[int]], pad_id: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Right-pad to the batch's longest sequence: (input_ids, attention_mask)."""
    width = max(len(row) for row in ids)
    input_ids = torch.full((len(ids), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(ids), width), dtype=torch.long)
    for i, row in enumerate(ids):
        input_ids[i, : len(row)] = torch.tensor(row, dtype=torch.long)
        mask[i, : len(row)] = 1
    return input_ids, mask


def mean_pool(hidden: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    weights = mask.unsqueeze(-1).to(hidden.dtype)
    return (hidden * weights).sum(dim=1) / weights.sum(dim=1).clamp(min=1.0)


def scores_from_logits(logits: torch.Tensor, labels: Sequence[NLILabel]) -> list[NLIScores]:
    """Softmax each row; output position i is ``labels[i]``."""
    probs = torch.softmax(logits.float(), dim=-1).tolist()
    return [NLIScores(**{label.value: row[i] for i, label in enumerate(labels)}) for row in probs]
