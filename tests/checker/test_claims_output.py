"""`selaras claims` prints article text as text: no rich markup, no terminal controls."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.cli import EXIT_OK, main

HOSTILE = (
    "Jakarta (ANTARA) - Menteri Keuangan menyebut anggaran naik [/bold] menjadi "
    "Rp 2 triliun pada Senin (3/10/2022) \x1b[2J dan \x1b]8;;http://x\x1b\\tautan\x1b]8;;\x1b\\ "
    "kata pejabat itu kepada wartawan di Jakarta.\n"
)


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_claims_prints_hostile_text_without_markup_or_escapes(
    tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "a\x1b[31m.txt"
    article.write_text(HOSTILE, encoding="utf-8")
    assert main(["claims", str(article), "--format", fmt]) == EXIT_OK
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert "anggaran" in out
    if fmt == "table":
        assert "[/bold]" in out  # shown as the text it is, not read as markup
        assert "\\x1b[2J" in out
