"""The editor's page at ``/``: paste or upload a draft and its sources, check, read the report.

Server-rendered with the report's jinja2 environment (autoescape on, so article text is
escaped everywhere) and one small script file that only adds conveniences (another source box,
a busy note): the form posts and the report shows without any script at all. The page shows
the same findings as the API, drawn from the same check.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import PureWindowsPath
from typing import Any

from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from checker.report.html import corroboration_rows, environment, finding_view
from checker.report.plain import plain_report
from checker.report.serialize import SEVERITY_ORDER, ordered_findings, severity_counts
from checker.serve.errors import ServeError
from checker.serve.inputs import SUFFIX_FORMATS, SourceText
from checker.serve.middleware import bearer_matches
from checker.serve.requests import METADATA_FIELDS, CheckRequest, clean_name, unique_names
from checker.serve.state import AppState, app_state
from checker.types import Report
from claims import __version__

PAGE_TEMPLATE = "serve_page.html.j2"
EMPTY_SOURCES = 3  # source boxes on a fresh page; the page's script adds more
STATIC = {"serve.css": "text/css", "serve.js": "text/javascript"}


@dataclass(slots=True)
class Box:
    """One article box of the form as the editor filled it, to show it filled again."""

    text: str = ""
    metadata: dict[str, str] = field(default_factory=dict)

    def source(self, name: str) -> SourceText:
        return SourceText(
            name, self.text, "markdown", {k: v for k, v in self.metadata.items() if v}
        )


@dataclass(slots=True)
class PageForm:
    draft: Box = field(default_factory=Box)
    sources: list[Box] = field(default_factory=list)
    cross_check: bool = False
    uploads: list[str] = field(default_factory=list)


async def show(request: Request) -> Response:
    return _page(app_state(request), PageForm(), None, None)


async def submit(request: Request) -> Response:
    """Check what the form holds; any refusal is shown on the page, with its status code."""
    state = app_state(request)
    form = PageForm()
    try:
        data = await request.form(
            max_files=state.settings.limits.max_articles + 1,
            max_part_size=state.settings.limits.max_body_bytes,
        )
        form = await _read_form(data)
        _check_token(state, data)
        wanted = await _request(state, form, data)
        report = await state.run(wanted, plain_report)
    except ServeError as refusal:
        return _page(state, form, None, refusal)
    return _page(state, form, report, None)


def _check_token(state: AppState, data: FormData) -> None:
    token = state.settings.token
    given = data.get("token")
    if token and not (isinstance(given, str) and bearer_matches(f"Bearer {given}", token.encode())):
        raise ServeError("unauthorized", "this server needs its token; type it in the Token box")


async def _read_form(data: FormData) -> PageForm:
    form = PageForm(draft=_box(data, "draft"), cross_check=data.get("cross_check_sources") == "on")
    indices = sorted({int(k.split("-")[1]) for k in data if _is_source_field(k)})
    form.sources = [_box(data, f"source-{i}") for i in indices]
    return form


def _is_source_field(key: str) -> bool:
    parts = key.split("-")
    return len(parts) == 3 and parts[0] == "source" and parts[1].isdigit() and len(parts[1]) < 4


def _box(data: FormData, prefix: str) -> Box:
    def text(key: str) -> str:
        value = data.get(f"{prefix}-{key}")
        return value if isinstance(value, str) else ""

    return Box(text("text"), {k: text(k).strip() for k in METADATA_FIELDS})


async def _request(state: AppState, form: PageForm, data: FormData) -> CheckRequest:
    """The check the form asks for: pasted boxes, then uploaded files."""
    sources = [
        box.source(f"source-{number}")
        for number, box in enumerate(form.sources, 1)
        if box.text.strip()
    ]
    for upload in data.getlist("source-files"):
        if isinstance(upload, UploadFile) and upload.filename:
            sources.append(await _uploaded(upload))
            form.uploads.append(sources[-1].name)
    draft = form.draft.source("draft") if form.draft.text.strip() else None
    draft_file = data.get("draft-file")
    if isinstance(draft_file, UploadFile) and draft_file.filename:
        if draft is not None:
            raise ServeError("invalid_request", "give the draft as text or as a file, not both")
        draft = await _uploaded(draft_file)
        form.uploads.append(draft.name)
    if not sources:
        raise ServeError("invalid_request", "paste or upload at least one source")
    return CheckRequest(
        unique_names(sources), draft, state.config, cross_check_sources=form.cross_check
    )


async def _uploaded(upload: UploadFile) -> SourceText:
    """An uploaded file, read by the reader its name's ending picks (none: it is skipped)."""
    name = clean_name(PureWindowsPath(upload.filename or "").name, "upload")
    suffix = "." + name.rpartition(".")[2].lower() if "." in name else ""
    return SourceText(name, await upload.read(), SUFFIX_FORMATS.get(suffix, ""))


def _page(
    state: AppState, form: PageForm, report: Report | None, error: ServeError | None
) -> Response:
    while len(form.sources) < EMPTY_SOURCES:
        form.sources.append(Box())
    context: dict[str, Any] = {
        "form": form,
        "metadata_fields": METADATA_FIELDS,
        "token_required": state.settings.token is not None,
        "limits": state.settings.limits,
        "version": __version__,
        "error": error,
        "report": report_view(report) if report else None,
    }
    html = environment().get_template(PAGE_TEMPLATE).render(context)
    status = error.status if error else 200
    return HTMLResponse(html, status, error.headers if error else None)


def report_view(report: Report) -> dict[str, Any]:
    """What the page's report shows: findings (the draft's unsupported claims apart),
    corroboration per claim, the articles read and the inputs skipped."""
    views = [finding_view(i, f) for i, f in enumerate(ordered_findings(report), start=1)]
    return {
        "report": report,
        "findings": [v for v in views if v["kind"] != "unsupported"],
        "unsupported": [v for v in views if v["kind"] == "unsupported"],
        "severities": [s.value for s in SEVERITY_ORDER],
        "severity_counts": severity_counts(report),
        "corroboration": corroboration_rows(report),
    }


async def static(request: Request) -> Response:
    """The page's own script and style, from the package (a fixed list, never a path)."""
    name = request.path_params["name"]
    if name not in STATIC:
        raise ServeError("not_found", f"no static file {name[:100]!r}")
    body = files("checker.serve").joinpath("static", name).read_bytes()
    return Response(body, media_type=STATIC[name])


async def no_icon(request: Request) -> Response:
    """Browsers ask for an icon; there is none, and saying so quietly keeps their log clean."""
    return Response(status_code=204)


ROUTES = [
    Route("/", show, methods=["GET"]),
    Route("/favicon.ico", no_icon, methods=["GET"]),
    Route("/", submit, methods=["POST"]),
    Route("/static/{name}", static, methods=["GET"]),
]
