"""The exit-code contract of `selaras`: an unexpected failure is 2 with one line, never 1."""

from __future__ import annotations

import argparse

import pytest

from checker.cli import EXIT_ERROR, EXIT_INTERRUPTED, claims_cmd, main


def _failing(exc: BaseException):  # type: ignore[no-untyped-def]
    def run(args: argparse.Namespace) -> int:
        raise exc

    return run


@pytest.mark.parametrize(
    "exc",
    [RuntimeError("boom\n::warning::x"), KeyError("k"), RecursionError(), MemoryError()],
)
def test_unexpected_error_exits_2_with_one_line(
    exc: BaseException, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(claims_cmd, "run", _failing(exc))
    assert main(["claims", "x.txt"]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("selaras: error: internal error:")
    assert "Traceback" not in err and "--debug" in err


def test_debug_shows_the_traceback_and_still_exits_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(claims_cmd, "run", _failing(RuntimeError("boom")))
    assert main(["--debug", "claims", "x.txt"]) == EXIT_ERROR
    assert "Traceback" in capsys.readouterr().err


def test_ctrl_c_exits_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(claims_cmd, "run", _failing(KeyboardInterrupt()))
    assert main(["claims", "x.txt"]) == EXIT_INTERRUPTED
    assert "interrupted" in capsys.readouterr().err


def test_os_error_names_the_path(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(
        claims_cmd, "run", _failing(IsADirectoryError(21, "Is a directory", "base.json"))
    )
    assert main(["claims", "x.txt"]) == EXIT_ERROR
    assert "base.json: Is a directory" in capsys.readouterr().err.replace("cannot use ", "")
