"""`selaras nli` end to end with the shipped model: JSON Lines in, JSON Lines out."""

from __future__ import annotations

import io
import json
import sys

import pytest

from checker.cli import main

pytestmark = pytest.mark.slow

PAIRS = [
    {
        "id": "date",
        "premise": "Presiden Xi Jinping berbicara dengan Presiden Vladimir Putin melalui telepon pada Rabu, 15 Juni 2022.",
        "hypothesis": "Presiden Xi Jinping berbicara dengan Presiden Vladimir Putin melalui telepon pada Jumat, 30 Desember 2022.",
    },
    {
        "id": "paraphrase",
        "premise": "China bersedia mengintensifkan koordinasi strategis dengan Rusia, kata Xi.",
        "hypothesis": "Xi mengatakan Beijing siap meningkatkan koordinasi strategis dengan Rusia.",
    },
]


def test_nli_judges_a_date_contradiction_and_passes_fields_through(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    lines = [json.dumps(p) for p in PAIRS]
    lines.insert(1, "{not json")
    lines.insert(2, json.dumps({"premise": "tanpa hipotesis"}))
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(lines) + "\n"))
    assert main(["nli", "-", "--batch-size", "2"]) == 0
    out, _ = capsys.readouterr()
    rows = {r["id"]: r for r in map(json.loads, out.splitlines())}
    assert set(rows) == {"date", "paraphrase"}
    assert rows["date"]["label"] == "contradiction"
    assert rows["paraphrase"]["label"] != "contradiction"
    assert set(rows["date"]["probs"]) == {"entailment", "neutral", "contradiction"}
    assert sum(rows["date"]["probs"].values()) == pytest.approx(1.0, abs=1e-3)
    assert "<stdin>:2: not valid JSON" in caplog.text  # reported on stderr by the CLI's logging
    assert "<stdin>:3: needs string fields 'premise' and 'hypothesis'" in caplog.text


def test_nli_with_a_missing_model_fails_fast(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text(json.dumps(PAIRS[0]) + "\n")
    assert main(["nli", str(pairs), "--model", str(tmp_path / "nowhere")]) == 2
    assert "no NLI model at" in capsys.readouterr().err


def test_model_info_reports_checksums_and_figures(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["model", "info"]) == 0
    out = capsys.readouterr().out
    assert "sha256 verified" in out and "parameters:" in out
    assert "test_lay" in out


def test_nli_replaces_lone_surrogates_and_invalid_utf8_on_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    good = json.dumps(PAIRS[1]).encode()
    hostile = b'{"premise": "Xi \\ud800 berbicara", "hypothesis": "Xi berbicara \xff\xfe"}'
    deep = b"[" * 100_000
    stream = io.TextIOWrapper(io.BytesIO(b"\n".join([hostile, deep, good]) + b"\n"))
    monkeypatch.setattr(sys, "stdin", stream)
    assert main(["nli", "-"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 2  # the deeply nested line is skipped, not the run
    assert rows[0]["premise"] == "Xi \ufffd berbicara"
    assert rows[0]["hypothesis"].endswith("\ufffd\ufffd")
