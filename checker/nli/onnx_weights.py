"""How the shipped ONNX graphs name their weights, and how those weights are rebuilt at load.

The graphs in ``checker/nli/model/*.onnx`` hold the computation only. Every weight is an
initializer whose data is left out (marked external) and whose name says how to rebuild it from
the model directory's ``model.safetensors`` (fp16, read as float32):

- ``KEY``: the tensor stored under KEY;
- ``KEY^T``: its transpose (torch keeps Linear weights as [out, in]; MatMul wants [in, out]);
- ``NAME_quantized``, ``NAME_scale``, ``NAME_zero_point``: NAME ([in, out]) in symmetric int8
  with one scale per output column, as onnxruntime's per-channel dynamic quantization writes
  it (scale = max |column| / 127, zero point 0).

So the 43 MB of weights exist once, in safetensors, and one graph serves every e5-small
cross-encoder with the same tensor names and shapes (the shipped model and any trained one).
Numpy only: no torch, no onnx package.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
from numpy.typing import NDArray

from checker.errors import ModelError

TRANSPOSED = "^T"
QUANTIZED, SCALE, ZERO_POINT = "_quantized", "_scale", "_zero_point"
INT8_MAX = 127
WEIGHTS_LOCATION = "model.safetensors"
"""What a graph's left-out initializers name as their external data: where they come from."""


def split_quantized(name: str) -> tuple[str, str]:
    """(the float initializer's name, the quantized part) or (name, "") when not quantized."""
    for part in (QUANTIZED, SCALE, ZERO_POINT):
        if name.endswith(part):
            return name[: -len(part)], part
    return name, ""


def weight_key(name: str) -> str:
    """The safetensors key an initializer is built from."""
    base, _ = split_quantized(name)
    return base.removesuffix(TRANSPOSED)


def float_weight(name: str, tensors: Mapping[str, NDArray[np.generic]]) -> NDArray[np.float32]:
    """A float initializer (``KEY`` or ``KEY^T``) from the stored tensors."""
    key = name.removesuffix(TRANSPOSED)
    if key not in tensors:
        raise ModelError(f"the ONNX graph needs the tensor {key!r}, which the weights lack")
    array = np.asarray(tensors[key], dtype=np.float32)
    return np.ascontiguousarray(array.T) if name.endswith(TRANSPOSED) else array


def quantize_int8(weight: NDArray[np.float32]) -> tuple[NDArray[np.int8], NDArray[np.float32]]:
    """Symmetric int8 per output column of an [in, out] matrix: (round(w / scale) clipped to
    +-127, scale = max |column| / 127; a zero column gets scale 1)."""
    absmax = np.max(np.abs(weight), axis=0)
    scale = np.where(absmax > 0, absmax / np.float32(INT8_MAX), np.float32(1.0))
    scale = scale.astype(np.float32)
    quantized = np.clip(np.round(weight / scale), -INT8_MAX, INT8_MAX).astype(np.int8)
    return quantized, scale


def initializer_values(
    names: Iterable[str], tensors: Mapping[str, NDArray[np.generic]]
) -> dict[str, NDArray[np.generic]]:
    """Every named initializer rebuilt from ``tensors`` (each weight quantized once)."""
    values: dict[str, NDArray[np.generic]] = {}
    quantized: dict[str, tuple[NDArray[np.int8], NDArray[np.float32]]] = {}
    for name in names:
        base, part = split_quantized(name)
        if not part:
            values[name] = float_weight(name, tensors)
            continue
        if base not in quantized:
            quantized[base] = quantize_int8(float_weight(base, tensors))
        q, scale = quantized[base]
        if part == QUANTIZED:
            values[name] = q
        elif part == SCALE:
            values[name] = scale
        else:
            values[name] = np.zeros(scale.shape, dtype=np.int8)
    return values
