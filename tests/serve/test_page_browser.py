"""The editor's page in a real headless Chromium (Debian's, driven by Playwright; no browser
download): the server runs on loopback with the shipped model, the test pastes the five
examples with one as the draft, adds a source box, runs the check and reads the State
Department quote drift; an article carrying script never runs it, and the page asks for
nothing beyond the server."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from checker.config import Config
from checker.nli.registry import load_backend
from checker.serve.app import create_app
from checker.serve.service import Service, model_info
from checker.serve.settings import ServeSettings

from .conftest import EXAMPLES, KONTAN

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
playwright = pytest.importorskip("playwright.sync_api", reason="playwright is in the dev extra")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)"),
]
HOSTILE = (
    "Juru bicara itu mengatakan <script>window.pwned = 'script'</script> bahwa Presiden Xi "
    "Jinping menelepon Presiden Vladimir Putin pada Rabu (15/6/2022). "
    '<img src="x" onerror="window.pwned = \'img\'"> <svg onload="window.pwned = \'svg\'"></svg>'
    " Percakapan itu berlangsung selama satu jam, kata Kremlin."
)
TIMEOUT_MS = 180_000


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """The service on a free loopback port, in a thread, over the shipped model."""
    import uvicorn

    backend = load_backend(None)
    settings = ServeSettings()
    service = Service(backend, model_info(backend, None), 50, settings.limits.time_limit)
    app = create_app(service, settings, Config())
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    running = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=running.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert running.started, "the server did not start"
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=30)
    listener.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright.sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    """A fresh page whose requests anywhere but the server are recorded and refused."""
    context = browser.new_context()
    elsewhere: list[str] = []

    def only_the_server(route: Any) -> None:
        if route.request.url.startswith(server):
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    context.route("**/*", only_the_server)
    tab = context.new_page()
    tab.elsewhere = elsewhere
    yield tab
    context.close()


def paste_and_check(page: Any, server: str, draft: str, sources: list[str]) -> None:
    page.goto(server + "/")
    page.fill("textarea[name=draft-text]", draft)
    for index, text in enumerate(sources):
        if page.locator(f"textarea[name=source-{index}-text]").count() == 0:
            page.click("#add-source")  # works only if the page's script ran under its policy
        page.fill(f"textarea[name=source-{index}-text]", text)
    page.click("#run")
    page.wait_for_selector("#report", timeout=TIMEOUT_MS)


def test_editor_pastes_the_examples_and_reads_the_quote_drift(
    page: Any, server: str, tmp_path: Path
) -> None:
    sources = [p.read_text(encoding="utf-8") for p in EXAMPLES if p != KONTAN]
    paste_and_check(page, server, KONTAN.read_text(encoding="utf-8"), sources)
    assert page.locator("fieldset.source").count() == 4  # three boxes, one added
    drift = page.locator('article.finding[data-kind="quote-drift"][data-severity="error"]')
    assert drift.count() >= 1
    claim = drift.first.locator(".claim").inner_text()
    evidence = drift.first.locator(".evidence").inner_text()
    assert "KONTAN.CO.ID" in claim and "Departemen Luar Negeri AS" in claim
    assert "Beritabaru.co" in evidence and "Departemen Luar Negeri AS" in evidence
    assert drift.first.locator("mark").count() >= 2  # what differs, highlighted
    assert page.locator("#unsupported li").count() > 0
    assert page.locator("#corroboration tbody tr").count() > 0
    shot = tmp_path / "page.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert page.elsewhere == []  # offline: nothing asked of anywhere but the server


def test_script_in_an_article_never_runs(page: Any, server: str) -> None:
    problems: list[str] = []

    def dismiss(dialog: Any) -> None:
        problems.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    paste_and_check(page, server, HOSTILE, [EXAMPLES[1].read_text(encoding="utf-8")])
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert problems == []
    shown = page.locator("#report").inner_text()
    assert (
        "<script>window.pwned = 'script'</script>" in shown
        or "<script>" in page.locator("textarea[name=draft-text]").input_value()
    )
    assert page.locator("#report script, #report img, #report svg").count() == 0
    assert page.elsewhere == []
