"""`--engine ray`: a clear error without Ray, and on a local Ray the same findings as local."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest

from checker.cli import EXIT_ERROR, main
from checker.config import Config
from checker.distributed import RayNLI
from checker.run import run_check

from .conftest import NOW, ROOT

EXAMPLES = ROOT / "examples"
HAS_RAY = importlib.util.find_spec("ray") is not None


def test_engine_ray_without_ray_fails_at_once_saying_how_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = importlib.util.find_spec

    def no_ray(name: str, *args: Any) -> Any:
        return None if name == "ray" else real(name, *args)

    monkeypatch.setattr(importlib.util, "find_spec", no_ray)

    def never(path: Path | None, **_: object) -> None:
        raise AssertionError("the model must not load when the engine cannot run")

    monkeypatch.setattr("checker.run.load_backend", never)
    code = main(["check", str(EXAMPLES), "--engine", "ray", "-q"])
    assert code == EXIT_ERROR
    err = capsys.readouterr().err
    assert "pip install 'selaras[ray]'" in err
    assert "--engine ray" in err


def test_ray_options_without_the_ray_engine_are_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["check", str(EXAMPLES), "--ray-address", "ray://head:10001", "-q"])
    assert code == EXIT_ERROR
    assert "--engine ray" in capsys.readouterr().err


def _findings(report: Any) -> list[tuple[str, str, str, float]]:
    return [
        (f.fingerprint, f.kind, f.severity.value, round(f.confidence, 4)) for f in report.findings
    ]


@pytest.mark.slow
@pytest.mark.skipif(not HAS_RAY, reason="Ray is not installed (pip install 'selaras[ray]')")
def test_a_local_ray_gives_the_findings_of_the_local_engine(embedded_backend: Any) -> None:
    import ray

    local = run_check([EXAMPLES], Config(), now=NOW, backend=embedded_backend)
    with RayNLI(actors=1) as distributed:
        assert ray.is_initialized()
        assert distributed.cache_key() is not None
        remote = run_check([EXAMPLES], Config(), now=NOW, backend=distributed)
    assert not ray.is_initialized()  # the Ray started for the run is stopped after it
    assert remote.model == local.model
    assert _findings(remote) == _findings(local)
    assert any(f.kind == "quote-drift" for f in remote.findings)
    assert remote.stats.pairs_judged == local.stats.pairs_judged
