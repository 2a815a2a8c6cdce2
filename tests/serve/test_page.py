"""The editor's page through the test client: the form, the report beside the passages,
escaping of article text, uploads, refusals shown on the page, and the page's own assets.

The page in a real browser (typing, clicking, script policy) is test_page_browser.py.
"""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from starlette.testclient import TestClient

from checker.serve.settings import ServeSettings

from .conftest import EXAMPLES, KONTAN, TOKEN, ClientFactory

HOSTILE = (
    "Juru bicara itu mengatakan <script>document.title='pwned'</script> bahwa Presiden Xi Jinping "
    'menelepon Presiden Vladimir Putin pada Rabu (15/6/2022). <img src=x onerror="alert(1)"> '
    "Percakapan itu berlangsung selama satu jam, kata Kremlin."
)


def form_of(draft: str | None, sources: list[str], **extra: str) -> dict[str, str]:
    data = {f"source-{i}-text": text for i, text in enumerate(sources)}
    if draft is not None:
        data["draft-text"] = draft
    return {**data, **extra}


def example_form() -> dict[str, str]:
    sources = [p.read_text(encoding="utf-8") for p in EXAMPLES if p != KONTAN]
    return form_of(KONTAN.read_text(encoding="utf-8"), sources)


@pytest.fixture(scope="module")
def checked_page(client: TestClient) -> Any:
    return client.post("/", data=example_form())


def test_page_is_a_form_with_no_inline_script_or_style(client: TestClient) -> None:
    response = client.get("/")
    page = response.text
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "default-src 'none'" in policy
    assert re.findall(r"<script\b[^>]*>", page) == ['<script src="/static/serve.js" defer>']
    assert "<style" not in page and " style=" not in page
    assert not re.search(r"\son[a-z]+=", page)  # no inline event handlers
    assert 'name="draft-text"' in page and 'name="source-0-text"' in page
    assert 'name="token"' not in page  # no token configured
    assert "http://" not in page and "https://" not in page  # nothing from elsewhere


def test_page_assets_are_served_from_the_package(client: TestClient) -> None:
    script = client.get("/static/serve.js")
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]
    assert "add-source" in script.text
    assert client.get("/static/serve.css").status_code == 200
    for name in ("app.py", "..%2Fapp.py", "serve.js.map"):
        assert client.get(f"/static/{name}").status_code == 404


def test_checked_page_shows_the_quote_drift_beside_both_passages(checked_page: Any) -> None:
    assert checked_page.status_code == 200
    page = checked_page.text
    findings = re.findall(r'<article class="finding"[^>]*data-kind="([a-z-]+)"', page)
    assert "quote-drift" in findings and "unsupported" not in findings
    first = page[page.index('data-kind="quote-drift"') :]
    first = first[: first.index("</article>")]
    claim, evidence = first.split('<div class="evidence">')
    assert "KONTAN.CO.ID" in claim and "juru bicara Departemen Luar Negeri AS" in claim
    assert "Beritabaru.co" in evidence and "Departemen Luar Negeri AS" in evidence
    assert "<mark>" in claim and "<mark>" in evidence  # what differs is highlighted


def test_checked_page_lists_unsupported_claims_and_corroboration(checked_page: Any) -> None:
    page = checked_page.text
    unsupported = page[page.index('id="unsupported"') : page.index('id="corroboration"')]
    assert unsupported.count('class="unsupported"') > 0
    table = page[page.index('id="corroboration"') :]
    assert table.count("<tr") > 2


def test_checked_page_keeps_the_pasted_text(checked_page: Any) -> None:
    page = checked_page.text
    draft = re.search(r'<textarea name="draft-text"[^>]*>(.*?)</textarea>', page, re.S)
    assert draft is not None
    assert html.unescape(draft.group(1)) == KONTAN.read_text(encoding="utf-8")


def test_article_markup_is_shown_as_text_never_as_markup(client: TestClient) -> None:
    hostile_name = "<b>bold</b>.md"
    sources = [HOSTILE, EXAMPLES[1].read_text(encoding="utf-8")]
    response = client.post("/", data=form_of(None, sources, **{"source-0-outlet": hostile_name}))
    page = response.text
    assert response.status_code == 200
    assert "<script>document.title" not in page and "<img src=x" not in page
    assert "<b>bold</b>" not in page
    assert "&lt;script&gt;document.title=" in page  # kept, as text, in the box and the report
    assert "&lt;b&gt;bold&lt;/b&gt;" in page


def test_uploaded_files_are_read_by_their_kind(client: TestClient) -> None:
    files = [
        ("source-files", (p.name, p.read_bytes(), "text/plain")) for p in EXAMPLES if p != KONTAN
    ]
    files.append(("source-files", ("notes.docx", b"PK\x03\x04 binary", "application/octet-stream")))
    files.append(
        ("draft-file", (KONTAN.name, KONTAN.read_text("utf-8").encode("utf-16"), "text/plain"))
    )
    response = client.post("/", files=files)
    page = response.text
    assert response.status_code == 200
    assert 'data-kind="quote-drift"' in page
    assert f"<code>{KONTAN.stem}</code>" in page  # the draft, decoded from UTF-16 with its BOM
    skipped = page[page.index('id="inputs"') :]
    assert "notes.docx" in skipped and "unsupported file type" in skipped
    assert "UTF-16" in skipped  # the decoding is reported as a warning


@pytest.mark.parametrize(
    ("data", "status", "code"),
    [
        ({}, 400, "invalid_request"),
        (form_of(None, ["   "]), 400, "invalid_request"),
        (form_of("  ", ["Home | News | Sport | Contact"]), 422, "nothing_checkable"),
    ],
    ids=["empty form", "blank source", "no article"],
)
def test_refusals_are_shown_on_the_page(
    client: TestClient, data: dict[str, str], status: int, code: str
) -> None:
    response = client.post("/", data=data)
    assert response.status_code == status
    assert 'id="error"' in response.text and code in response.text
    assert 'name="draft-text"' in response.text  # the form is there to fix and resend


def test_page_over_the_body_limit_is_413_on_the_page(make_client: ClientFactory) -> None:
    from .conftest import small_limits

    with make_client(settings=small_limits(max_body_bytes=2_000)) as small:
        response = small.post("/", data=form_of(None, ["x" * 5_000]))
    assert response.status_code == 413 and "body_too_large" in response.text


def test_page_asks_for_the_token_when_the_server_has_one(make_client: ClientFactory) -> None:
    data = example_form()
    with make_client(settings=ServeSettings(token=TOKEN)) as guarded:
        assert 'name="token"' in guarded.get("/").text
        refused = guarded.post("/", data=data)
        assert refused.status_code == 401 and "unauthorized" in refused.text
        assert KONTAN.read_text("utf-8")[:40] in html.unescape(refused.text)  # text kept
        wrong = guarded.post("/", data={**data, "token": TOKEN + "x"})
        assert wrong.status_code == 401
        accepted = guarded.post("/", data={**data, "token": TOKEN})
        assert accepted.status_code == 200 and 'data-kind="quote-drift"' in accepted.text
