"""The command line end to end through main(argv): exit codes, formats, baselines, configuration."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from checker.cli import main

from .conftest import NOW, ROOT

EXAMPLES = ROOT / "examples"
pytestmark = pytest.mark.slow


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_check_examples_finds_the_state_department_quote_drift(examples_report_json: Path) -> None:
    report = json.loads(examples_report_json.read_text())
    drifts = [
        f
        for f in report["findings"]
        if f["kind"] == "quote-drift"
        and f["severity"] == "error"
        and "netral" in f["claim"]["text"]
    ]
    assert drifts, "the State Department quote drift between 000 and 002 was not reported"
    finding = drifts[0]
    sides = {
        finding["claim"]["article_id"][:3],
        *(e["article_id"][:3] for e in finding["evidence"]),
    }
    assert sides == {"000", "002"}
    aspects = {d["aspect"]: d for d in finding["differences"]}
    assert (
        "date" in aspects
        and "June 2022" in aspects["date"]["claim_value"] + aspects["date"]["evidence_value"]
    )
    assert "30 December 2022" in aspects["date"]["claim_value"] + aspects["date"]["evidence_value"]
    outlets = {finding["claim"]["outlet"], *(e["outlet"] for e in finding["evidence"])}
    assert outlets == {"KONTAN.CO.ID", "Beritabaru.co"}


def test_check_examples_does_not_contradict_the_december_call_with_the_june_call(
    examples_report_json: Path,
) -> None:
    report = json.loads(examples_report_json.read_text())
    for f in report["findings"]:
        if f["kind"] in ("date-drift", "nli-contradiction", "number-drift"):
            sides = {f["claim"]["article_id"][:3], *(e["article_id"][:3] for e in f["evidence"])}
            assert "002" not in sides or sides == {"002"}, f


def test_check_examples_corroborates_the_second_phone_call(examples_report_json: Path) -> None:
    report = json.loads(examples_report_json.read_text())
    second_call = [
        c
        for c in report["corroboration"]
        if "kedua" in c["claim"]["text"] and "Februari" in c["claim"]["text"]
    ]
    outlets = {c["claim"]["outlet"] or c["claim"]["article_id"] for c in second_call}
    outlets |= {o for c in second_call for o in c["outlets"]}
    assert len(outlets) >= 3, second_call


@pytest.mark.parametrize(("fail_on", "expected"), [("error", 1), ("warning", 1), ("never", 0)])
def test_exit_code_follows_fail_on(
    fail_on: str, expected: int, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        ["check", str(EXAMPLES), "--format", "line", "--fail-on", fail_on, "--now", NOW, "-q"],
        capsys,
    )
    assert code == expected
    assert ":quote-drift:" in out


def test_exit_code_is_zero_without_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text(
        "Presiden Xi Jinping menelepon Presiden Vladimir Putin pada Rabu (15/6/2022).\n"
    )
    code, out, _ = run(["check", str(tmp_path), "--format", "json", "--now", NOW, "-q"], capsys)
    assert code == 0
    assert json.loads(out)["findings"] == []


def test_baseline_makes_known_findings_not_count(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    baseline = tmp_path / "baseline.json"
    code, _, err = run(["baseline", str(EXAMPLES), "-o", str(baseline), "-q"], capsys)
    assert code == 0 and "findings recorded" in err
    assert json.loads(baseline.read_text())["findings"]
    code, out, _ = run(
        [
            "check",
            str(EXAMPLES),
            "--baseline",
            str(baseline),
            "--format",
            "json",
            "--now",
            NOW,
            "-q",
        ],
        capsys,
    )
    report = json.loads(out)
    assert code == 0
    assert report["summary"]["baselined"] == len(report["findings"]) > 0


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("fail_onn = 'error'\n", "unknown key 'fail_onn'"),
        ("[thresholds]\ncontradiction = 2\n", "thresholds.contradiction"),
        ("format = 'pdf'\n", "'format' must be one of terminal"),  # before the model loads
        ("[rules.quote-drift]\nquote_similarity = 'high'\n", "rules.quote-drift.quote_similarity"),
    ],
)
def test_configuration_errors_exit_2_naming_key_and_file(
    tmp_path: Path, config: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "selaras.toml"
    path.write_text(config)
    code, _, err = run(["check", str(EXAMPLES), "--config", str(path), "-q"], capsys)
    assert code == 2
    assert message in err and str(path) in err


def test_config_file_is_found_in_the_working_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "selaras.toml").write_text('fail_on = "never"\nformat = "github"\n')
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        code, out, _ = run(["check", str(EXAMPLES), "--now", NOW, "-q"], capsys)
    finally:
        os.chdir(cwd)
    assert code == 0
    assert out.startswith("::")


def test_nothing_readable_exits_2_and_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "empty.txt").write_text("   \n")
    code, _, err = run(
        ["check", str(tmp_path / "empty.txt"), str(tmp_path / "missing.txt"), "-q"], capsys
    )
    assert code == 2
    assert "empty.txt" in err or "missing.txt" in err


def test_bad_file_is_listed_and_the_rest_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    code, out, _ = run(
        [
            "check",
            str(EXAMPLES),
            str(tmp_path / "binary.txt"),
            "--format",
            "json",
            "--now",
            NOW,
            "-q",
            "--fail-on",
            "never",
        ],
        capsys,
    )
    report = json.loads(out)
    assert code == 0
    assert [s["source"] for s in report["skipped"]] == [str(tmp_path / "binary.txt")]
    assert len(report["articles"]) == 5


def test_draft_mode_reports_the_drifted_and_unsupported_claims(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(
        "---\ntitle: Draf\noutlet: Redaksi Kita\npublished: 2022-06-16\n---\n"
        "Presiden China Xi Jinping menelepon Presiden Rusia Vladimir Putin pada Rabu (15/6/2022).\n\n"
        "Itu adalah percakapan melalui telepon ketiga antara kedua pemimpin sejak Putin melancarkan invasi ke Ukraina pada 24 Februari.\n\n"
        "Kedua pemimpin juga sepakat membangun jembatan baru di Laut Bering tahun depan.\n"
    )
    code, out, _ = run(
        ["check", str(EXAMPLES), "--draft", str(draft), "--format", "json", "--now", NOW, "-q"],
        capsys,
    )
    report = json.loads(out)
    assert report["mode"] == "draft"
    assert {f["claim"]["article_id"] for f in report["findings"]} == {"draft"}
    kinds = {f["kind"] for f in report["findings"]}
    assert "number-drift" in kinds, report["findings"]
    assert "unsupported" in kinds
    assert code == 1


def test_claims_command_prints_claims_and_explains_removals(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(
        ["claims", str(EXAMPLES / "003_4c1271fe611ef779.txt"), "--format", "json", "--explain"],
        capsys,
    )
    data = json.loads(out)
    assert code == 0
    rules = {r["rule"] for r in data["articles"][0]["removed"]}
    assert {"duplicate-line", "baca-juga"} <= rules
    texts = [c["text"] for c in data["articles"][0]["claims"]]
    assert sum("Keduanya dikabarkan melakukan komunikasi via telepon" in t for t in texts) == 1


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 2
    assert main(["check", str(EXAMPLES), "--format", "pdf"]) == 2
    assert main(["nope"]) == 2
