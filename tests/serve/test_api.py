"""The JSON API through an ASGI test client: the report (schema, parity with `selaras check`,
the seeds' quote drift), health, rules, the OpenAPI document, options, and every error code."""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from starlette.testclient import TestClient

from checker.config import Config
from checker.nli.labels import NLIScores
from checker.report.json_format import render_json
from checker.report.serialize import load_schema
from checker.rules import rule_ids
from checker.run import run_check
from checker.serve.errors import ERROR_CODES, ServeError
from checker.serve.settings import ServeSettings
from tests.checker.builders import ScriptedNLI

from .conftest import (
    BERITABARU,
    EXAMPLES,
    KONTAN,
    NOW,
    TOKEN,
    ClientFactory,
    examples_body,
    small_limits,
)

# A small article that reads as news: enough for a check to run, cheap to extract.
SHORT = (
    "Presiden Joko Widodo meresmikan Jembatan Kali Brantas di Kota Malang pada Senin (6/3/2023). "
    "Jembatan sepanjang 120 meter itu dibangun dengan biaya Rp 20 miliar, kata Wali Kota Malang."
)


@pytest.fixture(scope="module")
def draft_check(client: TestClient) -> Any:
    """The five examples checked through the API, KONTAN as the draft (once per module)."""
    return client.post("/v1/check", json=examples_body())


@pytest.fixture(scope="module")
def openapi(client: TestClient) -> dict[str, Any]:
    document: dict[str, Any] = client.get("/v1/openapi.json").json()
    return document


def component_validator(openapi: dict[str, Any], name: str) -> Draft202012Validator:
    """A validator of one component schema, its references resolved inside the document."""
    schema = {"$ref": f"#/components/schemas/{name}", "components": openapi["components"]}
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def error_of(response: Any) -> str:
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) >= {"code", "message"}
    assert "Traceback" not in response.text
    code: str = body["error"]["code"]
    assert response.status_code == ERROR_CODES[code][0]
    return code


# --- the report ----------------------------------------------------------------------------


def test_check_report_validates_against_the_report_schema(
    draft_check: Any, report_validator: Draft202012Validator, openapi: dict[str, Any]
) -> None:
    assert draft_check.status_code == 200
    assert draft_check.headers["content-type"].startswith("application/json")
    document = draft_check.json()
    report_validator.validate(document)
    component_validator(openapi, "Report").validate(document)
    assert document["mode"] == "draft" and document["draft"] == KONTAN.stem
    assert document["summary"]["by_kind"]["unsupported"] > 0


def test_check_finds_the_state_department_quote_drift(draft_check: Any) -> None:
    drifts = [f for f in draft_check.json()["findings"] if f["kind"] == "quote-drift"]
    errors = [f for f in drifts if f["severity"] == "error"]
    assert errors, drifts
    first = next(f for f in errors if "China mengklaim netral" in f["claim"]["text"])
    assert "Departemen Luar Negeri AS" in first["claim"]["text"]
    assert first["claim"]["path"] == KONTAN.name
    assert first["evidence"][0]["path"] == BERITABARU.name
    aspects = {d["aspect"]: d for d in first["differences"]}
    assert aspects["date"]["claim_value"] != aspects["date"]["evidence_value"]
    assert draft_check.headers["selaras-result"] == "fail"


def test_check_report_is_the_command_line_report(
    draft_check: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same articles through `run_check` (what `selaras check --format json` renders)
    give the same report, byte for byte apart from the run's duration."""
    monkeypatch.chdir(EXAMPLES[0].parent)
    sources = [path.name for path in EXAMPLES if path != KONTAN]
    report = run_check(
        sources,
        Config(),
        now=_now(),
        draft=KONTAN.relative_to(KONTAN.parent),
        backend=ScriptedNLI(),
    )
    expected, got = json.loads(render_json(report)), draft_check.json()
    for document in (expected, got):
        document["stats"].pop("seconds")
    assert got == expected


def _now() -> Any:
    from datetime import datetime

    return datetime.fromisoformat(NOW)


def test_check_corpus_mode_checks_every_article(client: TestClient) -> None:
    response = client.post("/v1/check", json=examples_body(draft=None))
    document = response.json()
    assert response.status_code == 200 and document["mode"] == "corpus"
    assert len(document["articles"]) == 5
    assert any(
        f["kind"] == "quote-drift" and f["severity"] == "error" for f in document["findings"]
    )


@pytest.mark.parametrize(
    ("options", "expect"),
    [
        ({"fail_on": "never"}, lambda doc, result: result == "pass"),
        (
            {"disable": ["quote-drift"]},
            lambda doc, result: doc["summary"]["by_kind"]["quote-drift"] == 0,
        ),
        (
            {"severity": {"quote-drift": "warning"}},
            lambda doc, result: (
                result == "pass"
                and {f["severity"] for f in doc["findings"] if f["kind"] == "quote-drift"}
                == {"warning"}
            ),
        ),
    ],
    ids=["fail_on", "disable", "severity"],
)
def test_check_options_change_the_check(
    client: TestClient, options: dict[str, Any], expect: Any
) -> None:
    response = client.post("/v1/check", json=examples_body(options=options))
    assert response.status_code == 200
    assert expect(response.json(), response.headers["selaras-result"])


def test_check_reads_metadata_fields_and_html(client: TestClient) -> None:
    page = f"<html><head><title>Jembatan</title></head><body><article><p>{SHORT}</p></article></body></html>"
    body = {
        "sources": [
            {"text": SHORT, "outlet": "Warta Malang", "published": "2023-03-06", "name": "a.md"},
            {"text": page, "format": "html", "outlet": "Kabar Jatim", "name": "b.html"},
        ],
        "now": NOW,
    }
    response = client.post("/v1/check", json=body)
    assert response.status_code == 200, response.text
    articles = {a["path"]: a for a in response.json()["articles"]}
    assert articles["a.md"]["outlet"] == "Warta Malang"
    assert articles["a.md"]["published"] == "2023-03-06"
    assert articles["b.html"]["outlet"] == "Kabar Jatim" and articles["b.html"]["id"] == "b"


def test_check_lists_an_unreadable_source_as_skipped(client: TestClient) -> None:
    response = client.post("/v1/check", json={"sources": [SHORT, "   "], "now": NOW})
    assert response.status_code == 200
    skipped = response.json()["skipped"]
    assert [s["source"] for s in skipped] == ["source-2"] and "empty" in skipped[0]["reason"]


# --- health, rules, OpenAPI ----------------------------------------------------------------


def test_health_names_the_model_version_and_load(
    client: TestClient, openapi: dict[str, Any]
) -> None:
    health = client.get("/v1/health").json()
    component_validator(openapi, "Health").validate(health)
    assert health["model"]["name"].startswith("test double")
    assert health["workers"]["workers"] == 1 and health["workers"]["running"] == 0
    assert health["limits"]["max_articles"] == 50


def test_rules_lists_every_rule_with_its_options(client: TestClient) -> None:
    rules = client.get("/v1/rules").json()
    assert [r["id"] for r in rules] == list(rule_ids())
    quote = next(r for r in rules if r["id"] == "quote-drift")
    assert quote["severity"] == "error" and quote["help"]
    assert quote["options"]["quote_similarity"] == {"default": 0.8, "minimum": 0.0, "maximum": 1.0}


def test_openapi_documents_every_route_and_error_code(
    client: TestClient, openapi: dict[str, Any]
) -> None:
    Draft202012Validator.check_schema(openapi["components"]["schemas"]["Report"])
    from checker.serve.api import ROUTES

    api_paths = {route.path for route in ROUTES}
    assert set(openapi["paths"]) == api_paths
    report = openapi["components"]["schemas"]["Report"]
    assert report["required"] == load_schema()["required"]
    assert set(report["$defs"]) == set(load_schema()["$defs"])
    error_enum = openapi["components"]["schemas"]["Error"]["properties"]["error"]
    assert error_enum["properties"]["code"]["enum"] == list(ERROR_CODES)
    documented = openapi["paths"]["/v1/check"]["post"]["responses"]
    for code, (status, _) in ERROR_CODES.items():
        if code not in ("not_found", "method_not_allowed"):
            assert f"`{code}`" in documented[str(status)]["description"], code
    assert "Retry-After" in documented["503"]["headers"]


def test_openapi_request_schema_accepts_the_examples(openapi: dict[str, Any]) -> None:
    validator = component_validator(openapi, "CheckRequest")
    validator.validate(examples_body())
    validator.validate(
        examples_body(options={"fail_on": "warning", "thresholds": {"contradiction": 0.9}})
    )


# --- errors: every documented code ---------------------------------------------------------

INVALID_BODIES: list[tuple[str, Any]] = [
    ("no sources", {}),
    ("empty sources", {"sources": []}),
    ("sources not a list", {"sources": "text"}),
    ("source a number", {"sources": [5]}),
    ("source without text", {"sources": [{"title": "x"}]}),
    ("outlet a number", {"sources": [{"text": SHORT, "outlet": 5}]}),
    ("unknown format", {"sources": [{"text": SHORT, "format": "pdf"}]}),
    ("unknown source field", {"sources": [{"text": SHORT, "path": "/etc/passwd"}]}),
    ("unknown field", {"sources": [SHORT], "paths": ["/etc"]}),
    ("flag not a bool", {"sources": [SHORT], "cross_check_sources": "yes"}),
    ("options a list", {"sources": [SHORT], "options": []}),
    ("draft a number", {"sources": [SHORT], "draft": 3}),
]


@pytest.mark.parametrize(("why", "body"), INVALID_BODIES, ids=[w for w, _ in INVALID_BODIES])
def test_invalid_request_is_400_and_invalid_by_the_schema_too(
    client: TestClient, openapi: dict[str, Any], why: str, body: Any
) -> None:
    assert error_of(client.post("/v1/check", json=body)) == "invalid_request"
    assert not component_validator(openapi, "CheckRequest").is_valid(body), why


@pytest.mark.parametrize("now", ["yesterday", "2026-01-01T00:00:00", 20260101])
def test_now_must_be_a_zoned_iso_time(client: TestClient, now: Any) -> None:
    response = client.post("/v1/check", json={"sources": [SHORT], "now": now})
    assert (
        error_of(response) == "invalid_request"
        and "ISO 8601" in response.json()["error"]["message"]
    )


@pytest.mark.parametrize(
    "body",
    [b"{", b'{"sources": ["x"]', b"\xff\xfe\x00garbage", b"[1, 2]", b'"text"', b"[" * 100_000],
)
def test_malformed_json_is_400(client: TestClient, body: bytes) -> None:
    response = client.post("/v1/check", content=body, headers={"content-type": "application/json"})
    assert error_of(response) == "malformed_json"


@pytest.mark.parametrize(
    ("options", "named"),
    [
        ({"model": "/tmp/model"}, "'model' is the server's setting"),
        ({"data_path": "/etc"}, "'data_path' is the server's setting"),
        ({"nope": 1}, "unknown key 'nope'"),
        ({"fail_on": "sometimes"}, "'fail_on'"),
        ({"top_k": 0}, "'top_k'"),
        ({"thresholds": {"entailment": 2}}, "thresholds.entailment"),
        ({"thresholds": {"nope": 0.5}}, "thresholds.nope"),
        ({"disable": ["no-such-rule"]}, "no-such-rule"),
        ({"severity": {"quote-drift": "fatal"}}, "severity.quote-drift"),
        ({"rules": {"quote-drift": {"nope": 1}}}, "rules.quote-drift.nope"),
        ({"rules": {"nli-contradiction": {"contradiction": 1.5}}}, "rules.nli-contradiction"),
    ],
)
def test_invalid_options_are_400_naming_the_key(
    client: TestClient, options: dict[str, Any], named: str
) -> None:
    response = client.post("/v1/check", json={"sources": [SHORT], "options": options})
    assert error_of(response) == "invalid_options"
    assert named in response.json()["error"]["message"]


def test_unknown_endpoint_and_wrong_method(client: TestClient) -> None:
    assert error_of(client.get("/v1/nope")) == "not_found"
    assert error_of(client.get("/v1/check")) == "method_not_allowed"


def test_only_json_is_accepted(client: TestClient) -> None:
    response = client.post(
        "/v1/check",
        content=json.dumps({"sources": [SHORT]}),
        headers={"content-type": "text/plain"},
    )
    assert error_of(response) == "unsupported_media_type"


def test_body_over_the_limit_is_413(make_client: ClientFactory) -> None:
    body = json.dumps({"sources": [SHORT * 20]}).encode()
    with make_client(settings=small_limits(max_body_bytes=1_000)) as small:
        declared = small.post(
            "/v1/check", content=body, headers={"content-type": "application/json"}
        )
        assert error_of(declared) == "body_too_large"
        chunks = (body[i : i + 300] for i in range(0, len(body), 300))  # no Content-Length
        streamed = small.post(
            "/v1/check", content=chunks, headers={"content-type": "application/json"}
        )
        assert error_of(streamed) == "body_too_large"
        assert small.post("/v1/check", json={"sources": [SHORT]}).status_code == 200


def test_too_many_articles_is_413(make_client: ClientFactory) -> None:
    with make_client(settings=small_limits(max_articles=2)) as small:
        response = small.post("/v1/check", json={"sources": [SHORT, SHORT], "draft": SHORT})
        assert error_of(response) == "too_many_articles"
        jsonl = "\n".join(json.dumps({"text": SHORT, "outlet": f"O{i}"}) for i in range(3))
        records = small.post("/v1/check", json={"sources": [{"text": jsonl, "format": "jsonl"}]})
        assert error_of(records) == "too_many_articles"  # counted again once read


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"sources": ["   ", "\n"]}, "nothing_checkable"),
        ({"sources": ["Home | News | Sport | Contact"]}, "nothing_checkable"),
        ({"sources": ["   "], "draft": SHORT}, "nothing_checkable"),
        ({"sources": [SHORT], "draft": "  "}, "draft_unreadable"),
        ({"sources": [SHORT], "options": {"languages": ["en"]}}, "nothing_checkable"),
    ],
    ids=["empty", "not-an-article", "draft-without-sources", "empty-draft", "other-language"],
)
def test_nothing_checkable_is_422(client: TestClient, body: dict[str, Any], code: str) -> None:
    response = client.post("/v1/check", json=body)
    assert error_of(response) == code


def test_token_is_required_on_every_api_call(make_client: ClientFactory) -> None:
    with make_client(settings=ServeSettings(token=TOKEN)) as guarded:
        for method, path in (
            ("GET", "/v1/health"),
            ("GET", "/v1/rules"),
            ("GET", "/v1/openapi.json"),
            ("POST", "/v1/check"),
        ):
            refused = guarded.request(method, path, json={"sources": [SHORT]})
            assert error_of(refused) == "unauthorized"
            assert refused.headers["www-authenticate"].startswith("Bearer")
        wrong = guarded.get("/v1/health", headers={"authorization": f"Bearer {TOKEN}x"})
        assert error_of(wrong) == "unauthorized"
        good = {"authorization": f"Bearer {TOKEN}"}
        assert guarded.get("/v1/health", headers=good).status_code == 200
        checked = guarded.post("/v1/check", json={"sources": [SHORT]}, headers=good)
        assert checked.status_code == 200


def test_wrong_host_and_cross_origin_posts_are_refused(client: TestClient) -> None:
    rebound = client.get("/v1/health", headers={"host": "attacker.example"})
    assert error_of(rebound) == "invalid_host"
    assert client.get("/v1/health", headers={"host": "localhost:8765"}).status_code == 200
    crossed = client.post(
        "/v1/check", json={"sources": [SHORT]}, headers={"origin": "http://attacker.example"}
    )
    assert error_of(crossed) == "cross_origin"
    same = client.post(
        "/v1/check", json={"sources": [SHORT]}, headers={"origin": "http://127.0.0.1:8765"}
    )
    assert same.status_code == 200


def test_any_host_is_answered_when_listening_beyond_loopback(make_client: ClientFactory) -> None:
    with make_client(settings=ServeSettings(host="0.0.0.0", token=TOKEN)) as exposed:
        response = exposed.get(
            "/v1/health",
            headers={"host": "checker.newsroom.example", "authorization": f"Bearer {TOKEN}"},
        )
        assert response.status_code == 200


class _Gated:
    """A stand-in service whose check waits until the test lets it go (for the queue test)."""

    def __init__(self) -> None:
        self.model = None
        self.started = threading.Event()
        self.go = threading.Event()

    def check(self, request: Any) -> Any:
        self.started.set()
        self.go.wait(timeout=30)
        raise ServeError("nothing_checkable", "released by the test")


def test_full_queue_is_503_with_retry_after(make_client: ClientFactory) -> None:
    gated = _Gated()
    with make_client(settings=ServeSettings(workers=1, queue=0), service=gated) as busy:
        first: list[Any] = []
        worker = threading.Thread(
            target=lambda: first.append(busy.post("/v1/check", json={"sources": [SHORT]}))
        )
        worker.start()
        assert gated.started.wait(timeout=30)
        refused = busy.post("/v1/check", json={"sources": [SHORT]})
        assert error_of(refused) == "queue_full"
        assert int(refused.headers["retry-after"]) >= 1
        gated.go.set()
        worker.join(timeout=30)
        assert first[0].status_code == 422  # the first one ran to its end
        assert (
            busy.post("/v1/check", json={"sources": [SHORT]}).status_code == 422
        )  # place free again


def test_check_over_the_time_limit_is_504(make_client: ClientFactory) -> None:
    with make_client(settings=small_limits(time_limit=1e-9)) as hurried:
        response = hurried.post("/v1/check", json={"sources": [SHORT, SHORT]})
        assert error_of(response) == "time_limit"
        assert "time limit" in response.json()["error"]["message"]


class _Broken:
    name = "test double: a model that fails"

    def predict(self, pairs: Sequence[tuple[str, str]], *, batch_size: int = 16) -> list[NLIScores]:
        raise RuntimeError("secret internals /srv/selaras/model.py line 42")


def test_internal_error_is_500_without_a_traceback(
    make_client: ClientFactory, caplog: pytest.LogCaptureFixture
) -> None:
    with make_client(backend=_Broken()) as broken:
        response = broken.post("/v1/check", json=examples_body())
    assert error_of(response) == "internal"
    assert "secret internals" not in response.text and "RuntimeError" not in response.text
    assert any("secret internals" in (r.exc_text or "") for r in caplog.records)


def test_unexpected_error_outside_a_check_is_500_json(make_client: ClientFactory) -> None:
    class Exploding:
        model = property(lambda self: (_ for _ in ()).throw(RuntimeError("boom")))

    with make_client(service=Exploding(), raise_server_exceptions=False) as broken:
        response = broken.get("/v1/health")
    assert error_of(response) == "internal" and "boom" not in response.text


def test_concurrent_checks_on_several_workers_give_the_same_report(
    make_client: ClientFactory, draft_check: Any
) -> None:
    """Reading and extraction of one check run beside another's: nothing is shared that
    could mix them up."""
    expected = draft_check.json()
    expected["stats"].pop("seconds")
    answers: list[Any] = []
    with make_client(settings=ServeSettings(workers=3, queue=8)) as pooled:
        threads = [
            threading.Thread(
                target=lambda: answers.append(pooled.post("/v1/check", json=examples_body()))
            )
            for _ in range(6)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    assert len(answers) == 6
    for answer in answers:
        document = answer.json()
        document["stats"].pop("seconds")
        assert document == expected
