"""The bad-input matrix through `selaras check`: every run ends with a report.

The same cases as tests/claims/test_bad_inputs.py (the ingestion level), given on the command
line next to one good article: the command exits 0 or 1 (never 2: something was readable, and
never a crash), writes the JSON report, checks the good article and lists the bad input with its
reason. Then the command-line failures that must stop a run *before* any work, with exit 2 and a
message that names what is wrong.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from checker.cli import EXIT_ERROR, main
from tests.claims.test_bad_inputs import CASES, GOOD, Case

pytestmark = pytest.mark.slow
NOW = "2026-11-23T12:00:00+00:00"


def _cases() -> list[object]:
    as_root = os.geteuid() == 0
    return [
        pytest.param(
            case,
            id=name,
            marks=[pytest.mark.skip(reason="root can read any folder")]
            if name == "unreadable-folder" and as_root
            else [],
        )
        for name, case in CASES.items()
    ]


@pytest.mark.parametrize("case", _cases())
def test_check_lists_the_bad_input_and_checks_the_good_article(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "in"
    work.mkdir()
    bad = case.make(work)
    if bad.stdin is not None:
        monkeypatch.setattr(sys, "stdin", bad.stdin)
    out = tmp_path / "report.json"
    args = ["check", str(GOOD), bad.given, "--format", "json", "-o", str(out), "--now", NOW, "-q"]
    assert main(args) in (0, 1)
    report = json.loads(out.read_text(encoding="utf-8"))
    assert str(GOOD) in [a["path"] for a in report["articles"]]
    listed = report["skipped"] if case.outcome == "skipped" else report["warnings"]
    assert any(e["source"] == bad.source and case.reason in e["reason"] for e in listed), listed


def _config(tmp_path: Path, text: str) -> str:
    path = tmp_path / "selaras.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["-o", "/nonexistent/dir/out.json"], "/nonexistent/dir does not exist"),
        (["-o", "."], "is a directory"),
        (["--baseline", "."], "cannot read the baseline"),
        (["--baseline", "missing-baseline.json"], "no such baseline file"),
        (["--now", "yesterday"], "--now must be an ISO 8601 time"),
        (["--max-bytes", "0"], "--max-bytes must be at least 1"),
        (["--data-path", "no-such-folder"], "is not a folder"),
    ],
)
def test_bad_command_line_fails_before_any_work(
    extra: list[str],
    message: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    import checker.run

    def no_work(*args: object, **kwargs: object) -> None:
        raise AssertionError("the run started before the command line was checked")

    monkeypatch.setattr(checker.run, "_run", no_work)
    monkeypatch.chdir(tmp_path)
    assert main(["check", str(GOOD), *extra]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_bad_format_in_config_names_key_and_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _config(tmp_path, 'format = "pdf"\n')
    assert main(["check", str(GOOD), "--config", config]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert "'format'" in err and config in err


def test_language_in_front_matter_is_never_a_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    evil = tmp_path / "evil"
    (evil / "id").mkdir(parents=True)
    (evil / "id" / "boilerplate.toml").write_text('[[line]]\npattern = ".*"\n', encoding="utf-8")
    article = tmp_path / "a.md"
    article.write_text(
        f"---\nlanguage: ../../../../{evil}\noutlet: Kompas\n---\n" + GOOD.read_text("utf-8"),
        encoding="utf-8",
    )
    out = tmp_path / "r.json"
    assert main(["check", str(article), "--format", "json", "-o", str(out), "--now", NOW]) in (0, 1)
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["stats"]["claims"] > 10  # the article was checked, not emptied by evil data
    assert any("language" in w["reason"] for w in report["warnings"])


def test_workflow_commands_in_front_matter_and_file_names_stay_inert(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = GOOD.read_text("utf-8")
    article = tmp_path / "x\n::error file=a::owned.md"
    article.write_text(
        '---\noutlet: "Kompas\\n::warning file=README.md,line=1::x\\u001b[2J"\n---\n' + text,
        encoding="utf-8",
    )
    for fmt in ("terminal", "line", "markdown", "github"):
        main(["check", str(GOOD), str(article), "--format", fmt, "--now", NOW, "-q"])
        out = capsys.readouterr().out
        assert "\x1b" not in out
        for line in out.splitlines():
            if fmt == "github" and line.startswith(("::error ", "::warning ", "::notice ")):
                continue
            assert not line.lstrip().startswith("::"), (fmt, line)
