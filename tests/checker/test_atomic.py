"""Reports are written whole or not at all, and an unwritable output fails before any work."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from checker.atomic import OutputError, check_writable, write_atomic


def test_write_atomic_replaces_the_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")
    write_atomic(target, "new ✓")
    assert target.read_text(encoding="utf-8") == "new ✓"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_write_atomic_leaves_the_old_file_when_interrupted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")

    def interrupted(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary left


@pytest.mark.parametrize(
    ("name", "message"),
    [("missing/out.json", "does not exist"), (".", "is a directory")],
)
def test_check_writable_names_the_problem(tmp_path: Path, name: str, message: str) -> None:
    with pytest.raises(OutputError, match=message):
        check_writable(tmp_path / name)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to a read-only folder")
def test_check_writable_refuses_a_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(OutputError, match="not writable"):
            check_writable(folder / "out.json")
    finally:
        folder.chmod(0o700)
