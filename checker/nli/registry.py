"""Which backend loads a model directory, chosen by the ``kind`` in its config.json.

Each kind is one :class:`BackendEntry` in :data:`BACKENDS`; its module is imported only when a
model of that kind is loaded, so importing this module (or :mod:`checker.nli.base`) never
imports torch or transformers. Adding a backend is adding one entry.

A directory without ``kind`` is recognised explicitly, never by searching the file's text: a
Hugging Face config (``architectures`` or ``model_type``) is ``huggingface``; a config with
``base_sha256`` and no such keys is an embedded model saved before ``kind`` was written.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
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


def _never(config: ModelConfigJSON) -> bool:
    return False


def _is_huggingface(config: ModelConfigJSON) -> bool:
    return "architectures" in config or "model_type" in config


def _is_unkinded_embedded(config: ModelConfigJSON) -> bool:
    return "base_sha256" in config and not _is_huggingface(config)


@dataclass(frozen=True, slots=True)
class BackendEntry:
    """One kind of model directory and the class that loads it.

    ``target`` is ``"module:attribute"``, a callable taking the directory; ``recognises`` says
    whether a config.json without ``kind`` is of this kind.
    """

    kind: str
    target: str
    summary: str
    recognises: Callable[[ModelConfigJSON], bool] = _never

    def load(self, directory: Path) -> NLIBackend:
        module_name, _, attribute = self.target.partition(":")
        factory = getattr(importlib.import_module(module_name), attribute)
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


def load_backend(path: Path | None = None) -> NLIBackend:
    """The backend for ``path`` (default: the embedded model), loaded once per process."""
    directory = (DEFAULT_MODEL_DIR if path is None else path).resolve()
    if directory not in _LOADED:
        entry = entry_for(read_model_config(directory), directory)
        _LOADED[directory] = entry.load(directory)
    return _LOADED[directory]


_LOADED: dict[Path, NLIBackend] = {}
