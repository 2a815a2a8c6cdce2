"""HTML output: golden files, escaping, self-containment, filters, highlights and links."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from checker.report.html import highlight, render_html
from checker.rules import rule_ids
from checker.types import Report, Severity

from .conftest import CheckGolden


class Page(HTMLParser):
    """Every start tag with its attributes, and the text of each <script>."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)

    def all(self, tag: str, **wanted: str) -> list[dict[str, str | None]]:
        return [
            a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in wanted.items())
        ]


@pytest.fixture(scope="module")
def html(full_report: Report) -> str:
    return render_html(full_report)


@pytest.fixture(scope="module")
def page(html: str) -> Page:
    return Page(html)


def test_html_matches_golden(named_report: tuple[str, Report], check_golden: CheckGolden) -> None:
    name, report = named_report
    check_golden(f"{name}.html", render_html(report))


def test_html_escapes_article_text(html: str, page: Page) -> None:
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&#34;sumber&#34; &amp; &#39;pejabat&#39;" in html
    assert "<td>Draf &lt;b&gt;berita&lt;/b&gt;</td>" in html
    assert len(page.scripts) == 1 and "alert" not in page.scripts[0]


def test_html_is_self_contained(html: str, page: Page) -> None:
    for tag, attrs in page.tags:
        for name in ("src", "href"):
            value = attrs.get(name) or ""
            assert not re.match(r"(?i)\s*(https?:|//|javascript:)", value), (tag, value)
    assert not page.all("link") and not page.all("img") and not page.all("iframe")
    assert all(attrs.get("src") is None for tag, attrs in page.tags if tag == "script")


def test_html_has_filters_for_every_kind_and_severity(page: Page) -> None:
    kinds = [a["value"] for a in page.all("input", name="kind", type="checkbox")]
    severities = [a["value"] for a in page.all("input", name="severity", type="checkbox")]
    assert kinds == list(rule_ids())
    assert severities == ["error", "warning", "info"]
    assert page.all("fieldset", id="filters")


def test_html_shows_every_finding_without_script(page: Page, full_report: Report) -> None:
    assert len(page.all("section", id="findings")) == 1
    findings = [a for t, a in page.tags if "finding" in (a.get("class") or "").split()]
    assert len(findings) == len(full_report.findings)
    assert not any("hidden" in a for a in findings)
    assert {a["data-severity"] for a in findings} == {s.value for s in Severity}
    assert {a["data-kind"] for a in findings} == set(rule_ids())


@pytest.mark.parametrize(
    "fragment",
    [
        "pada <mark>Rabu (15/6)</mark> meyakinkan",
        "pada <mark>Kamis (16/6)</mark> meyakinkan",
        "Kantongi <mark>US$ 98 miliar</mark> dari",
        "kantongi <mark>US$ 97 miliar</mark> &amp;",
        "Departemen Luar Negeri AS, <mark>Jumat (30/12)</mark>.",
    ],
)
def test_html_marks_differing_values(html: str, fragment: str) -> None:
    assert fragment in html


@pytest.mark.parametrize(
    "href",
    [
        "examples/000_ec27902bce71dca6.txt#L29",
        "drafts/draft%20%26%20notes.md#L3",
        "feeds/wire%2C2022.jsonl%3A3#L1",
    ],
)
def test_html_links_each_passage_to_its_line(page: Page, href: str) -> None:
    assert page.all("a", href=href)


def test_html_lists_corroboration_inputs_and_stats(html: str, page: Page) -> None:
    rows = [a for t, a in page.tags if t == "tr" and a.get("class") == "single"]
    assert len(rows) == 2
    assert "2 of 4 claims are reported by at least one other outlet" in html
    assert "invalid JSON: Expecting &#39;,&#39; delimiter" in html
    assert "no outlet found in the text" in html
    for fact in ("selaras-nli-e5-small", "2024-06-15T08:30:00+07:00", "120 considered, 35 judged"):
        assert fact in html


@pytest.mark.parametrize(
    ("text", "values", "expected"),
    [
        ("a <b> a", ["a"], "<mark>a</mark> &lt;b&gt; <mark>a</mark>"),
        ("x <i> y", ["<i>"], "x <mark>&lt;i&gt;</mark> y"),
        ("Rp 5 juta, Rp 5", ["Rp 5", "Rp 5 juta"], "<mark>Rp 5 juta</mark>, <mark>Rp 5</mark>"),
        ("Senin & SENIN", ["senin"], "<mark>Senin</mark> &amp; <mark>SENIN</mark>"),
        ("mark <mark>", ["mark"], "<mark>mark</mark> &lt;<mark>mark</mark>&gt;"),
        ("Xinjiang dan Xi", ["Xi"], "Xinjiang dan <mark>Xi</mark>"),
        ("US$ 2 miliar.", ["US$ 2"], "<mark>US$ 2</mark> miliar."),
        ("nothing here", [], "nothing here"),
        ("blank", ["", "  "], "blank"),
    ],
)
def test_highlight_escapes_then_marks(text: str, values: list[str], expected: str) -> None:
    assert str(highlight(text, values)) == expected
