"""Untrusted text printed on a terminal or a CI log line: visible controls, single lines."""

from __future__ import annotations

import pytest

from checker.escape import inert_lines, one_line, printable, safe_line_start


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b[2J clear", "\\x1b[2J clear"),
        (
            "\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\",
            "\\x1b]8;;http://x\\x1b\\link\\x1b]8;;\\x1b\\",
        ),
        ("bell\x07", "bell\\x07"),
        ("c1\x9b31m", "c1\\x9b31m"),
        ("rtl\u202etxt", "rtl\\u202etxt"),
        ("lone \ud800 surrogate", "lone \ufffd surrogate"),
    ],
)
def test_printable_shows_control_characters(raw: str, shown: str) -> None:
    assert printable(raw) == shown


def test_printable_keeps_line_breaks_and_normalises_carriage_returns() -> None:
    assert printable("a\r\nb\rc\nd\te") == "a\nb\nc\nd\te"


@pytest.mark.parametrize(
    "raw", ["Kompas\n::warning file=README.md,line=1::x", "a\r::error::x", "a\u2028::x"]
)
def test_one_line_cannot_start_a_workflow_command(raw: str) -> None:
    shown = one_line(raw)
    assert "\n" not in shown and "\r" not in shown and "\u2028" not in shown
    assert not any(line.lstrip().startswith("::") for line in shown.splitlines())


def test_one_line_shows_breaks_visibly() -> None:
    assert one_line("Kompas\nTV") == "Kompas\\nTV"


def test_safe_line_start_defuses_only_workflow_commands() -> None:
    assert safe_line_start("::warning::x") == "\\::warning::x"
    assert safe_line_start("   ::error::x") == "   \\::error::x"
    assert safe_line_start("plain :: text") == "plain :: text"


def test_inert_lines_keeps_line_structure() -> None:
    assert inert_lines("a\n::x\nb") == "a\n\\::x\nb"
    assert inert_lines("a\n") == "a\n"
