"""Report renderers: one pure function ``Report -> str`` per output format, registered by name.

The run's time is in the report (``Report.generated_at``), never read from the clock here, so
that the same report renders to the same bytes and golden files can be compared exactly.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from checker.errors import CheckerError
from checker.report.github import render_github
from checker.report.html import render_html
from checker.report.json_format import render_json
from checker.report.junit import render_junit
from checker.report.line import render_line
from checker.report.markdown import render_markdown
from checker.report.sarif import render_sarif
from checker.report.terminal import render_terminal
from checker.types import Report

Renderer = Callable[[Report], str]

RENDERERS: dict[str, Renderer] = {
    "terminal": render_terminal,
    "json": render_json,
    "markdown": render_markdown,
    "html": render_html,
    "sarif": render_sarif,
    "junit": render_junit,
    "github": render_github,
    "line": render_line,
}
FORMATS: tuple[str, ...] = tuple(RENDERERS)

EXTENSIONS: Mapping[str, str] = {
    "terminal": "txt",
    "json": "json",
    "markdown": "md",
    "html": "html",
    "sarif": "sarif",
    "junit": "xml",
    "github": "txt",
    "line": "txt",
}
"""A conventional file extension per format, for ``--output`` defaults and golden files."""


class UnknownFormatError(CheckerError):
    """A report format that no renderer is registered for."""


def render(report: Report, fmt: str) -> str:
    """Render ``report`` in the format named ``fmt`` (one of :data:`FORMATS`)."""
    try:
        renderer = RENDERERS[fmt]
    except KeyError:
        raise UnknownFormatError(
            f"unknown report format {fmt!r}; choose one of: {', '.join(FORMATS)}"
        ) from None
    return renderer(report)


__all__ = ["EXTENSIONS", "FORMATS", "RENDERERS", "Renderer", "UnknownFormatError", "render"]
