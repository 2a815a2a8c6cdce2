"""Fixtures for the service tests: an app over a test-double model, a client on loopback, the
example articles as a request body, and the report schema's validator.

The API's own behaviour (errors, limits, options, reading) does not depend on what the model
says, so most tests run on ``ScriptedNLI`` (a TEST DOUBLE, see tests/checker/builders.py);
quote drift is a structured check and is found with it too. The tests that load the real
model are marked slow and live in test_real_model.py and test_page_browser.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from starlette.testclient import TestClient

from checker.config import Config
from checker.nli.base import NLIBackend
from checker.report.serialize import load_schema
from checker.serve.app import create_app
from checker.serve.service import ModelInfo, Service
from checker.serve.settings import Limits, ServeSettings
from tests.checker.builders import ScriptedNLI

ROOT = Path(__file__).parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))
KONTAN, BERITABARU = EXAMPLES[0], EXAMPLES[2]  # the State Department quote, June vs December
BASE_URL = "http://127.0.0.1:8765"
FAKE_MODEL = ModelInfo("test double: scripted NLI (not a model)", None, "none")
TOKEN = "s3cret-token-for-tests-0123456789"
NOW = "2026-01-01T00:00:00+00:00"

ClientFactory = Callable[..., AbstractContextManager[TestClient]]


def examples_body(draft: Path | None = KONTAN, **extra: Any) -> dict[str, Any]:
    """A check of the five examples by name, ``draft`` as the draft (None: corpus mode)."""
    sources = [
        {"name": path.name, "text": path.read_text(encoding="utf-8")}
        for path in EXAMPLES
        if path != draft
    ]
    body: dict[str, Any] = {"sources": sources, "now": NOW, **extra}
    if draft is not None:
        body["draft"] = {"name": draft.name, "text": draft.read_text(encoding="utf-8")}
    return body


@contextmanager
def serve(
    *,
    backend: NLIBackend | None = None,
    settings: ServeSettings | None = None,
    config: Config | None = None,
    model: ModelInfo = FAKE_MODEL,
    service: Any = None,
    **client_options: Any,
) -> Iterator[TestClient]:
    """A test client of the service on loopback (its lifespan run), over ``backend`` (or over
    a stand-in ``service``, for tests of the pool around it)."""
    settings = settings or ServeSettings()
    service = service or Service(
        backend or ScriptedNLI(),
        model,
        settings.limits.max_articles,
        settings.limits.time_limit,
    )
    app = create_app(service, settings, config or Config())
    with TestClient(app, base_url=BASE_URL, **client_options) as client:
        yield client


@pytest.fixture
def make_client() -> ClientFactory:
    return serve


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    """A client with the default settings over the test double, shared by a module's tests."""
    with serve() as shared:
        yield shared


@pytest.fixture(scope="session")
def report_validator() -> Draft202012Validator:
    return Draft202012Validator(load_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def small_limits(**changes: Any) -> ServeSettings:
    return ServeSettings(limits=Limits(**changes))
