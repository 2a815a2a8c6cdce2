"""The HTML report in a real headless browser (Debian's chromium, installed by .ci/run).

The report comes from the real pipeline on the example corpus plus an article whose text
carries a <script>; the browser renders it, a screenshot is taken, and the DOM after scripts
have run shows the quote-drift finding and no trace of the article's script having run.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from checker.cli import main

ROOT = Path(__file__).parents[3]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)"),
]
HOSTILE = (
    "Juru bicara itu mengatakan <script>document.documentElement.setAttribute('data-pwned', 'yes')</script> "
    "bahwa Presiden Xi Jinping menelepon Presiden Vladimir Putin pada Rabu (15/6/2022).\n"
)


def chromium(*args: str, profile: Path) -> subprocess.CompletedProcess[str]:
    command = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        f"--user-data-dir={profile}",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture(scope="module")
def report_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = tmp_path_factory.mktemp("corpus")
    for path in (ROOT / "examples").glob("*.txt"):
        shutil.copy(path, corpus / path.name)
    (corpus / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    out = tmp_path_factory.mktemp("html") / "report.html"
    argv = [
        "check",
        str(corpus),
        "--format",
        "html",
        "-o",
        str(out),
        "--now",
        "2026-01-01T00:00:00+00:00",
        "-q",
    ]
    assert main(argv) == 1  # the corpus has error-level drift
    return out


def test_browser_shows_the_quote_drift_and_takes_a_screenshot(
    report_html: Path, tmp_path: Path
) -> None:
    shot = tmp_path / "report.png"
    result = chromium(
        "--window-size=1280,2000",
        f"--screenshot={shot}",
        report_html.as_uri(),
        profile=tmp_path / "p1",
    )
    assert shot.is_file(), result.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    dom = chromium("--dump-dom", report_html.as_uri(), profile=tmp_path / "p2").stdout
    assert 'data-kind="quote-drift"' in dom
    assert "Departemen Luar Negeri AS" in dom and "30 December 2022" in dom


def test_article_script_never_runs_in_the_report(report_html: Path, tmp_path: Path) -> None:
    html = report_html.read_text(encoding="utf-8")
    assert "&lt;script&gt;document.documentElement" in html
    dom = chromium("--dump-dom", report_html.as_uri(), profile=tmp_path / "p3").stdout
    assert "<html" in dom and "&lt;script&gt;document.documentElement" in dom  # shown as text
    assert 'data-pwned="yes"' not in dom  # the attribute the script would have set
