"""The backend for any local transformers sequence-classification NLI checkpoint (kind
``huggingface``: mDeBERTa, XLM-R XNLI, ...).

Only safetensors weights are loaded: a pickled ``pytorch_model.bin`` can run code when it is
unpickled, so a directory holding one is refused with the command that converts it. Pairs are
truncated to what the model can take: the configured length or the model's own maximum,
whichever is smaller.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import torch

from checker.errors import ModelError
from checker.nli.base import DEFAULT_BATCH_SIZE, HUGGINGFACE_KIND, Pair, predict_batched
from checker.nli.labels import NLIScores, label_order
from checker.nli.tensors import scores_from_logits

DEFAULT_MAX_LENGTH = 256
SAFETENSORS_WEIGHTS = ("model.safetensors", "model.safetensors.index.json")
PICKLED_SUFFIXES = (".bin", ".pt", ".pth", ".ckpt", ".pkl", ".pickle", ".h5", ".msgpack")
# RoBERTa-style models number positions from padding_idx + 1, so two rows are never inputs.
_POSITIONS_FROM_PADDING = frozenset({"roberta", "xlm-roberta", "camembert", "xlm-roberta-xl"})
_NO_TOKENIZER_LIMIT = 1_000_000  # transformers' "no limit" sentinel is far above this


class HuggingFaceNLI:
    """Any local transformers sequence-classification checkpoint whose id2label is NLI."""

    kind = HUGGINGFACE_KIND
    runtime = "torch"

    def __init__(self, path: Path, *, max_length: int = DEFAULT_MAX_LENGTH) -> None:
        from transformers import AutoModelForSequenceClassification, AutoTokenizer

        require_safetensors(path)
        self.name = f"huggingface ({path})"
        self.directory = path
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
            self.model = AutoModelForSequenceClassification.from_pretrained(
                str(path), local_files_only=True, use_safetensors=True
            )
        except (OSError, ValueError) as exc:
            raise ModelError(f"cannot load the checkpoint at {path}: {exc}") from exc
        self.labels = label_order(self.model.config.id2label)
        self.max_length = usable_length(self.model.config, self.tokenizer, max_length)
        self.model.eval()

    def predict(
        self, pairs: Sequence[Pair], *, batch_size: int = DEFAULT_BATCH_SIZE
    ) -> list[NLIScores]:
        return predict_batched(
            [len(premise) + len(hypothesis) for premise, hypothesis in pairs],
            batch_size,
            lambda rows: self._score([pairs[i] for i in rows]),
        )

    @torch.inference_mode()
    def _score(self, batch: list[Pair]) -> list[NLIScores]:
        encoded = self.tokenizer(
            [premise for premise, _ in batch],
            [hypothesis for _, hypothesis in batch],
            truncation=True,
            max_length=self.max_length,
            padding=True,
            return_tensors="pt",
        )
        return scores_from_logits(self.model(**encoded).logits, self.labels)

    def describe(self) -> list[tuple[str, str]]:
        return [
            ("parameters", f"{sum(p.numel() for p in self.model.parameters()):,}"),
            ("checkpoint", str(self.directory)),
            ("max length", f"{self.max_length} tokens"),
        ]


def require_safetensors(directory: Path) -> None:
    """Raise :class:`ModelError` unless ``directory`` holds safetensors weights."""
    if not directory.is_dir():
        raise ModelError(f"no NLI model at {directory}: not a directory")
    if any((directory / name).is_file() for name in SAFETENSORS_WEIGHTS):
        return
    found = sorted(p.name for p in directory.iterdir() if p.suffix in PICKLED_SUFFIXES)
    if not found:
        raise ModelError(
            f"no model.safetensors in {directory}; only safetensors weights are loaded"
        )
    raise ModelError(
        f"{directory}: only safetensors weights are loaded (found {', '.join(found)}); "
        'convert with `python -c "from transformers import AutoModelForSequenceClassification '
        f"as M; M.from_pretrained('{directory}').save_pretrained('{directory}', "
        'safe_serialization=True)"` on a machine where you trust the file, or with the '
        "safetensors project's convert.py"
    )


def usable_length(config: Any, tokenizer: Any, configured: int) -> int:
    """The longest input the model and its tokenizer accept, at most ``configured``."""
    limits = [configured]
    positions = getattr(config, "max_position_embeddings", None)
    if isinstance(positions, int) and positions > 0:
        if getattr(config, "model_type", "") in _POSITIONS_FROM_PADDING:
            positions -= int(getattr(config, "pad_token_id", None) or 0) + 1
        limits.append(positions)
    tokenizer_limit = getattr(tokenizer, "model_max_length", None)
    if isinstance(tokenizer_limit, int) and 0 < tokenizer_limit < _NO_TOKENIZER_LIMIT:
        limits.append(tokenizer_limit)
    return min(limits)
