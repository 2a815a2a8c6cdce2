"""NLI backends: label mapping from id2label, batching, and failing fast on bad paths."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import torch

from checker.errors import ModelError
from checker.nli.backends import HuggingFaceNLI, length_sorted_batches, load_backend
from checker.nli.labels import NLILabel


def tiny_checkpoint(directory: Path, id2label: dict[int, str], favoured: int) -> Path:
    """A real (tiny, random) XLM-R classifier on disk whose output ``favoured`` always wins."""
    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import (
        PreTrainedTokenizerFast,
        XLMRobertaConfig,
        XLMRobertaForSequenceClassification,
    )

    words = ["<s>", "<pad>", "</s>", "<unk>", "China", "Rusia", "netral", "mendukung", "tidak"]
    backend = Tokenizer(models.WordLevel({w: i for i, w in enumerate(words)}, unk_token="<unk>"))
    backend.pre_tokenizer = pre_tokenizers.Whitespace()
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=backend,
        bos_token="<s>",
        eos_token="</s>",
        pad_token="<pad>",
        unk_token="<unk>",
        sep_token="</s>",
        cls_token="<s>",
    )
    config = XLMRobertaConfig(
        vocab_size=len(words),
        hidden_size=16,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=32,
        max_position_embeddings=64,
        id2label=id2label,
        label2id={v: k for k, v in id2label.items()},
    )
    model = XLMRobertaForSequenceClassification(config)
    with torch.no_grad():
        model.classifier.out_proj.bias.zero_()
        model.classifier.out_proj.bias[favoured] = 50.0
    model.save_pretrained(directory)
    tokenizer.save_pretrained(directory)
    return directory


@pytest.mark.parametrize(
    ("id2label", "favoured", "expected"),
    [
        ({0: "entailment", 1: "neutral", 2: "contradiction"}, 2, NLILabel.CONTRADICTION),
        ({0: "CONTRADICTION", 1: "NEUTRAL", 2: "ENTAILMENT"}, 2, NLILabel.ENTAILMENT),
        ({0: "neutral", 1: "contradiction", 2: "entailment"}, 0, NLILabel.NEUTRAL),
    ],
)
def test_huggingface_backend_maps_outputs_through_id2label(
    tmp_path: Path, id2label: dict[int, str], favoured: int, expected: NLILabel
) -> None:
    backend = load_backend(tiny_checkpoint(tmp_path, id2label, favoured))
    assert isinstance(backend, HuggingFaceNLI)
    scores = backend.predict(
        [("China mendukung Rusia", "China netral"), ("China", "tidak")], batch_size=1
    )
    assert [s.label for s in scores] == [expected, expected]
    assert scores[0].probability(expected) > 0.99
    assert sum(scores[0].as_dict().values()) == pytest.approx(1.0, abs=1e-4)


def test_huggingface_backend_rejects_a_checkpoint_without_nli_labels(tmp_path: Path) -> None:
    tiny_checkpoint(tmp_path, {0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2"}, 0)
    with pytest.raises(ModelError, match="not an NLI label set"):
        load_backend(tmp_path)


@pytest.mark.parametrize("make", [lambda p: p / "missing", lambda p: p])
def test_a_bad_model_path_fails_at_once(tmp_path: Path, make) -> None:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    with pytest.raises(ModelError, match=r"no (NLI model|Hugging Face checkpoint) at"):
        load_backend(make(tmp_path))
    assert time.perf_counter() - started < 1.0


def test_length_sorted_batches_cover_every_pair_once() -> None:
    batches = length_sorted_batches([5, 1, 3, 9, 2], 2)
    assert sorted(i for b in batches for i in b) == [0, 1, 2, 3, 4]
    assert batches[0] == [1, 4]
    with pytest.raises(ValueError, match="batch_size"):
        length_sorted_batches([1], 0)
