"""The renderer registry: every format by name, pure and deterministic."""

from __future__ import annotations

import dataclasses
from datetime import datetime

import pytest

from checker.errors import CheckerError
from checker.report import EXTENSIONS, FORMATS, RENDERERS, UnknownFormatError, render
from checker.types import Report


def test_formats_lists_every_renderer_with_an_extension() -> None:
    assert set(FORMATS) == {
        "terminal",
        "json",
        "markdown",
        "html",
        "sarif",
        "junit",
        "github",
        "line",
    }
    assert set(EXTENSIONS) == set(RENDERERS)


@pytest.mark.parametrize("fmt", FORMATS)
def test_render_dispatches_to_the_named_renderer(fmt: str, full_report: Report) -> None:
    assert render(full_report, fmt) == RENDERERS[fmt](full_report)


@pytest.mark.parametrize("fmt", FORMATS)
def test_render_is_deterministic_and_newline_terminated(fmt: str, full_report: Report) -> None:
    first, second = render(full_report, fmt), render(full_report, fmt)
    assert first == second
    assert first.endswith("\n")


@pytest.mark.parametrize("fmt", ["terminal", "json", "markdown", "html", "sarif", "junit"])
def test_render_takes_the_time_from_the_report(fmt: str, full_report: Report) -> None:
    later = dataclasses.replace(full_report, generated_at=datetime(2031, 1, 2, 3, 4))
    assert "2031-01-02" in render(later, fmt)
    assert "2031-01-02" not in render(full_report, fmt)


def test_render_unknown_format_names_the_choices(full_report: Report) -> None:
    with pytest.raises(UnknownFormatError, match="choose one of: terminal, json") as caught:
        render(full_report, "pdf")
    assert isinstance(caught.value, CheckerError)
