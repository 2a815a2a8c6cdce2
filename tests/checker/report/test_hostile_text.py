"""Hostile article text in every output format: nothing reaches a terminal, CI log or PR comment.

Every string of a full report (texts, outlets, paths, explanations, skip reasons) carries a
payload of the attacks seen in real probing: GitHub workflow commands after a line break,
terminal escape sequences (screen clear, OSC 8 hyperlinks), rich markup, raw HTML, Markdown
code-span breakouts and @mentions.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterator
from typing import Any, TypeVar
from xml.etree import ElementTree as ET

import pytest
from markdown_it import MarkdownIt

from checker.report import FORMATS, render
from checker.types import Report

T = TypeVar("T")
PAYLOAD = (
    "\n::warning file=README.md,line=1::owned\r\n::set-env name=X::1"
    "\x1b[2J\x1b]8;;http://evil.example/\x1b\\click\x1b]8;;\x1b\\ [/bold] [red]x"
    " <img src=x onerror=alert(1)><script>alert(2)</script> `` a `` ``` @octocat @org/team"
    " \u202eevil \x07\x9b31m"
)
KEEP = {"kind", "fingerprint", "mode", "model", "version"}


def _poison(value: T) -> T:
    out: Any = value
    if isinstance(value, str):
        out = value + PAYLOAD
    elif isinstance(value, tuple):
        out = tuple(_poison(v) for v in value)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = dataclasses.replace(
            value,
            **{
                f.name: _poison(getattr(value, f.name))
                for f in dataclasses.fields(value)
                if f.name not in KEEP
                and (
                    isinstance(getattr(value, f.name), str | tuple)
                    or dataclasses.is_dataclass(getattr(value, f.name))
                )
            },
        )
    return out  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def hostile(full_report: Report) -> Report:
    return _poison(full_report)


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_output_carries_an_escape_or_a_workflow_command(hostile: Report, fmt: str) -> None:
    text = render(hostile, fmt)
    assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text
    assert "\u202e" not in text
    for line in text.splitlines():
        if fmt == "github" and line.startswith(("::error ", "::warning ", "::notice ")):
            continue  # the format's own annotations; their data is escaped (tested below)
        assert not line.lstrip().startswith("::"), (fmt, line)


def test_github_annotations_are_one_line_each(hostile: Report) -> None:
    lines = render(hostile, "github").splitlines()
    commands = [line for line in lines if line.startswith("::")]
    assert len(commands) == len(lines)  # no article text on a line of its own
    assert all("::set-env" not in line.split("::", 2)[1] for line in commands)


def test_markdown_has_no_raw_html_links_or_mentions_from_articles(hostile: Report) -> None:
    text = render(hostile, "markdown")
    parser = MarkdownIt("commonmark", {"html": True})
    html = parser.render(text)
    assert "<script" not in html and "<img" not in html
    tokens = parser.parse(text)
    raw = [
        t.content
        for block in tokens
        for t in [block, *(block.children or [])]
        if t.type in {"html_inline", "html_block"}
    ]
    assert all(
        r.strip()
        in {"<details><summary>Claims and the outlets that back them</summary>", "</details>"}
        for r in raw
    ), raw
    outside_code = re.sub(r"<code>.*?</code>", "", html, flags=re.S)  # no mentions in code
    assert "@octocat" not in outside_code and "@org/team" not in outside_code


def test_markdown_code_spans_survive_backtick_runs(hostile: Report) -> None:
    html = MarkdownIt("commonmark", {"html": True}).render(render(hostile, "markdown"))
    # every path is shown whole inside one code span
    for item in hostile.skipped:
        assert item.source.split("\n")[0] in html


def test_json_and_sarif_keep_the_text_exact(hostile: Report) -> None:
    for fmt in ("json", "sarif"):
        strings = list(_strings(json.loads(render(hostile, fmt))))
        assert any(s.endswith(PAYLOAD) for s in strings), fmt


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def test_junit_and_html_stay_well_formed(hostile: Report) -> None:
    ET.fromstring(render(hostile, "junit"))
    html = render(hostile, "html")
    assert "<script>alert(2)" not in html and "<img src=x" not in html
