"""The Hugging Face backend: label mapping from id2label, safetensors only, the model's own length
limit, batching, and failing fast on bad paths."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import torch

from checker.cli import main
from checker.errors import CheckerError, ModelError
from checker.nli.base import length_sorted_batches
from checker.nli.huggingface import HuggingFaceNLI
from checker.nli.labels import NLILabel
from checker.nli.registry import load_backend

NLI_LABELS = {0: "entailment", 1: "neutral", 2: "contradiction"}
WORDS = ["<s>", "<pad>", "</s>", "<unk>", "China", "Rusia", "netral", "mendukung", "tidak"]


def tiny_checkpoint(
    directory: Path,
    id2label: dict[int, str],
    favoured: int,
    *,
    model_type: str = "xlm-roberta",
    positions: int = 64,
) -> Path:
    """A real (tiny, random) classifier on disk, in safetensors, whose output ``favoured``
    always wins: XLM-R (positions counted from padding + 1) or BERT (from 0)."""
    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import (
        BertConfig,
        BertForSequenceClassification,
        PreTrainedTokenizerFast,
        XLMRobertaConfig,
        XLMRobertaForSequenceClassification,
    )

    backend = Tokenizer(models.WordLevel({w: i for i, w in enumerate(WORDS)}, unk_token="<unk>"))
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
    shape = {
        "vocab_size": len(WORDS),
        "hidden_size": 16,
        "num_hidden_layers": 1,
        "num_attention_heads": 2,
        "intermediate_size": 32,
        "max_position_embeddings": positions,
        "pad_token_id": 1,
        "id2label": id2label,
        "label2id": {v: k for k, v in id2label.items()},
    }
    if model_type == "bert":
        bert = BertForSequenceClassification(BertConfig(**shape))
        model, bias = bert, bert.classifier.bias
    else:
        xlmr = XLMRobertaForSequenceClassification(XLMRobertaConfig(**shape))
        model, bias = xlmr, xlmr.classifier.out_proj.bias
    with torch.no_grad():
        bias.zero_()
        bias[favoured] = 50.0
    model.save_pretrained(directory, safe_serialization=True)
    tokenizer.save_pretrained(directory)
    return directory


@pytest.mark.parametrize(
    ("id2label", "favoured", "expected"),
    [
        (NLI_LABELS, 2, NLILabel.CONTRADICTION),
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
    with pytest.raises(ModelError, match=r"no NLI model at"):
        load_backend(make(tmp_path))
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize("pickled", ["pytorch_model.bin", "model.pt"])
def test_huggingface_backend_refuses_pickled_weights(tmp_path: Path, pickled: str) -> None:
    tiny_checkpoint(tmp_path, NLI_LABELS, 0)
    (tmp_path / "model.safetensors").unlink()
    (tmp_path / pickled).write_bytes(b"never unpickled")
    message = rf"only safetensors weights are loaded \(found {pickled}\); convert with"
    with pytest.raises(CheckerError, match=message):
        load_backend(tmp_path)


@pytest.mark.parametrize(
    ("model_type", "positions", "usable"),
    [("bert", 64, 64), ("xlm-roberta", 64, 62), ("bert", 512, 256)],
)
def test_huggingface_backend_truncates_to_the_models_positions(
    tmp_path: Path, model_type: str, positions: int, usable: int
) -> None:
    backend = load_backend(
        tiny_checkpoint(tmp_path, NLI_LABELS, 1, model_type=model_type, positions=positions)
    )
    assert isinstance(backend, HuggingFaceNLI)
    assert backend.max_length == usable
    long_premise = " ".join(["China mendukung Rusia"] * 150)  # 450 tokens
    scores = backend.predict([(long_premise, "China netral"), ("China", "tidak")], batch_size=2)
    assert [s.label for s in scores] == [NLILabel.NEUTRAL, NLILabel.NEUTRAL]


def test_model_info_describes_a_huggingface_checkpoint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tiny_checkpoint(tmp_path, NLI_LABELS, 0, model_type="bert")
    assert main(["model", "info", "--model", str(tmp_path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"model:      huggingface ({tmp_path.resolve()})"
    assert out[1] == "runtime:    torch"
    assert out[3] == f"checkpoint: {tmp_path.resolve()}"
    assert out[4] == "max length: 64 tokens"
    assert out[2].startswith("parameters: ") and int(out[2].split()[1].replace(",", "")) > 1000


def test_length_sorted_batches_cover_every_pair_once() -> None:
    batches = length_sorted_batches([5, 1, 3, 9, 2], 2)
    assert sorted(i for b in batches for i in b) == [0, 1, 2, 3, 4]
    assert batches[0] == [1, 4]
    with pytest.raises(ValueError, match="batch_size"):
        length_sorted_batches([1], 0)
