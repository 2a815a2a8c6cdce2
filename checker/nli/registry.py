"""Which backend loads a model directory, chosen by the ``kind`` in its config.json.

Each kind is one :class:`BackendEntry` in :data:`BACKENDS`; its module is imported only when a
model of that kind is loaded, so importing this module (or :mod:`checker.nli.base`) never
imports torch or transformers. Adding a backend is adding one entry.

A directory without ``kind`` is recognised explicitly, never by searching the file's text: a
Hugging Face config (``architectures`` or ``model_type``) is ``huggingface``; a config with
``base_sha256`` and no such keys is an embedded model saved before ``kind`` was written.

A kind may run on more than one runtime. The embedded model runs on ONNX Runtime when it can
(onnxruntime installed and a graph that fits the weights: several times faster, same scores)
and on torch otherwise; ``runtime=`` or $SELARAS_RUNTIME (``auto``, ``torch``, ``onnx``,
``onnx-int8``) forces one, and a forced runtime that cannot run is an error, never a fallback.
"""

from __future__ import annotations

import importlib
import json
import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, cast

from checker.errors import ModelError
from checker.nli.base import (
    CONFIG_FILE,
    DEFAULT_MODEL_DIR,
    EMBEDDED_KIND,
    HUGGINGFACE_KIND,
    KIND_KEY,
    NLIBackend,
)

ModelConfigJSON = Mapping[str, Any]
log = logging.getLogger(__name__)

RUNTIME_ENV = "SELARAS_RUNTIME"
AUTO, TORCH = "auto", "torch"
RUNTIMES = (AUTO, TORCH, "onnx", "onnx-int8")


class RuntimeUnavailable(ModelError):
    """A runtime cannot run this model directory: its library or its files are missing."""


def _never(config: ModelConfigJSON) -> bool:
    return False


def _is_huggingface(config: ModelConfigJSON) -> bool:
    return "architectures" in config or "model_type" in config


def _is_unkinded_embedded(config: ModelConfigJSON) -> bool:
    return "base_sha256" in config and not _is_huggingface(config)


@dataclass(frozen=True, slots=True)
class BackendEntry:
    """One kind of model directory and the class that loads it.

    ``target`` is ``"module:attribute"`` (the attribute may be dotted), a callable taking the
    directory that runs the model on torch; ``runtimes`` name other runtimes' callables, and
    ``auto`` lists those tried, in order, before torch when no runtime is forced.
    ``recognises`` says whether a config.json without ``kind`` is of this kind.
    """

    kind: str
    target: str
    summary: str
    recognises: Callable[[ModelConfigJSON], bool] = _never
    runtimes: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    auto: tuple[str, ...] = ()

    def load(self, directory: Path, runtime: str = AUTO) -> NLIBackend:
        """The backend on ``runtime``; with ``auto``, the first of :attr:`auto` that can run
        here, else torch (the reason is logged and kept as the backend's ``runtime_reason``)."""
        if runtime == TORCH:
            return _construct(self.target, directory)
        if runtime != AUTO:
            if runtime not in self.runtimes:
                raise ModelError(
                    f"a {self.kind} model runs on {', '.join([TORCH, *self.runtimes])}, "
                    f"not {runtime} (set by {RUNTIME_ENV} or the caller)"
                )
            return _construct(self.runtimes[runtime], directory)
        reasons = []
        for name in self.auto:
            try:
                return _construct(self.runtimes[name], directory)
            except RuntimeUnavailable as exc:
                reasons.append(f"{name}: {exc}")
        backend = _construct(self.target, directory)
        if reasons:
            reason = "; ".join(reasons)
            log.info("NLI model %s runs on torch (%s)", directory, reason)
            backend.runtime_reason = reason  # type: ignore[attr-defined]
        return backend


def _construct(target: str, directory: Path) -> NLIBackend:
    module_name, _, attribute = target.partition(":")
    try:
        factory: Any = importlib.import_module(module_name)
    except ImportError as exc:
        raise RuntimeUnavailable(
            f"{exc.name or exc} is not installed (pip install it, or run on {TORCH})"
        ) from exc
    for name in attribute.split("."):
        factory = getattr(factory, name)
    return cast(NLIBackend, factory(directory))


BACKENDS: Mapping[str, BackendEntry] = MappingProxyType(
    {
        entry.kind: entry
        for entry in (
            BackendEntry(
                EMBEDDED_KIND,
                "checker.nli.embedded:EmbeddedNLI",
                "the e5-small cross-encoder that ships with Selaras, or one trained by it",
                _is_unkinded_embedded,
                runtimes=MappingProxyType(
                    {
                        "onnx": "checker.nli.onnx_backend:OnnxNLI",
                        "onnx-int8": "checker.nli.onnx_backend:OnnxNLI.int8",
                    }
                ),
                auto=("onnx",),
            ),
            BackendEntry(
                HUGGINGFACE_KIND,
                "checker.nli.huggingface:HuggingFaceNLI",
                "a local transformers sequence-classification checkpoint (safetensors)",
                _is_huggingface,
            ),
        )
    }
)


def read_model_config(directory: Path) -> dict[str, Any]:
    """The parsed config.json of a model directory; :class:`ModelError` when there is none."""
    if not directory.is_dir():
        raise ModelError(
            f"no NLI model at {directory}; run `selaras model path` to see where the embedded "
            "one is looked for"
        )
    path = directory / CONFIG_FILE
    if not path.is_file():
        raise ModelError(
            f"no NLI model at {directory}: {CONFIG_FILE} is missing; pass a directory holding "
            f"{CONFIG_FILE} and safetensors weights (and, for a Hugging Face checkpoint, its "
            "tokenizer files)"
        )
    try:
        config = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"cannot read {path}: {exc}") from exc
    if not isinstance(config, dict):
        raise ModelError(f"{path} is not a JSON object")
    return config


def entry_for(config: ModelConfigJSON, directory: Path) -> BackendEntry:
    """The entry for ``config``: its explicit ``kind``, else the one that recognises it."""
    known = ", ".join(sorted(BACKENDS))
    kind = config.get(KIND_KEY)
    if kind is not None:
        if kind not in BACKENDS:
            raise ModelError(
                f"{directory / CONFIG_FILE}: unknown model kind {kind!r} (known: {known})"
            )
        return BACKENDS[kind]
    for entry in BACKENDS.values():
        if entry.recognises(config):
            return entry
    raise ModelError(
        f"{directory / CONFIG_FILE} has no {KIND_KEY!r} and is not a Hugging Face config "
        f"(no 'architectures' or 'model_type'); add \"{KIND_KEY}\": one of {known}"
    )


def requested_runtime(runtime: str | None = None) -> str:
    """``runtime``, else $SELARAS_RUNTIME, else ``auto``; :class:`ModelError` if unknown."""
    chosen = runtime or os.environ.get(RUNTIME_ENV, "").strip() or AUTO
    if chosen not in RUNTIMES:
        raise ModelError(f"unknown NLI runtime {chosen!r} (known: {', '.join(RUNTIMES)})")
    return chosen


def load_backend(path: Path | None = None, *, runtime: str | None = None) -> NLIBackend:
    """The backend for ``path`` (default: the embedded model) on ``runtime`` (default:
    $SELARAS_RUNTIME, else the fastest that runs here), loaded once per process."""
    directory = (DEFAULT_MODEL_DIR if path is None else path).resolve()
    key = (directory, requested_runtime(runtime))
    if key not in _LOADED:
        entry = entry_for(read_model_config(directory), directory)
        _LOADED[key] = entry.load(directory, key[1])
    return _LOADED[key]


_LOADED: dict[tuple[Path, str], NLIBackend] = {}
