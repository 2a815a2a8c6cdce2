"""The API over the shipped NLI model (loaded once for the module): the health check names the
model and its checksum, and a draft check of the examples finds the State Department quote
drift, with the same report `selaras check` gives."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from starlette.testclient import TestClient

from checker.config import Config
from checker.nli.base import DEFAULT_MODEL_DIR, NLIBackend
from checker.nli.registry import load_backend
from checker.report.json_format import render_json
from checker.run import run_check
from checker.serve.service import model_info

from .conftest import BERITABARU, EXAMPLES, KONTAN, NOW, examples_body, serve

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def backend() -> NLIBackend:
    return load_backend(None)  # cached per process: the browser test reuses it


@pytest.fixture(scope="module")
def real_client(backend: NLIBackend) -> Iterator[TestClient]:
    with serve(backend=backend, model=model_info(backend, None)) as client:
        yield client


@pytest.fixture(scope="module")
def timed_check(real_client: TestClient) -> tuple[Any, float]:
    started = time.perf_counter()
    response = real_client.post("/v1/check", json=examples_body())
    return response, time.perf_counter() - started


def test_health_names_the_shipped_model_and_its_checksum(real_client: TestClient) -> None:
    health = real_client.get("/v1/health").json()
    shipped = json.loads((DEFAULT_MODEL_DIR / "config.json").read_text(encoding="utf-8"))
    assert health["model"]["name"] == shipped["name"]
    assert health["model"]["weights_sha256"] == shipped["weights_sha256"]
    assert health["model"]["runtime"]


def test_real_check_finds_the_quote_drift(
    timed_check: tuple[Any, float], report_validator: Draft202012Validator
) -> None:
    response, seconds = timed_check
    assert response.status_code == 200
    document = response.json()
    report_validator.validate(document)
    drift = [
        f
        for f in document["findings"]
        if f["kind"] == "quote-drift"
        and f["severity"] == "error"
        and "Departemen Luar Negeri AS" in f["claim"]["text"]
    ]
    assert drift and drift[0]["evidence"][0]["path"] == BERITABARU.name
    assert document["model"] == load_backend(None).name
    assert seconds < 60, f"a 5-article draft check took {seconds:.1f} s"


def test_real_check_is_the_command_line_report(
    timed_check: tuple[Any, float], backend: NLIBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The guarded, shared model gives the scores the command line's model gives."""
    monkeypatch.chdir(KONTAN.parent)
    report = run_check(
        [p.name for p in EXAMPLES if p != KONTAN],
        Config(),
        now=datetime.fromisoformat(NOW),
        draft=KONTAN.relative_to(KONTAN.parent),
        backend=backend,
    )
    expected, got = json.loads(render_json(report)), timed_check[0].json()
    for document in (expected, got):
        document["stats"].pop("seconds")
    assert got == expected
