"""Articles from a request, read in memory the way ``selaras check`` reads files.

A client sends text (or, from the page, uploaded files); nothing is ever read from the server's
disk and no value sent becomes a path. Each text goes through the same readers as a file of its
kind (front matter, HTML main text, JSON Lines records), the same decoding for uploaded bytes,
the same cleaning and metadata checks, so the API finds what the command line finds. Metadata
sent as fields is laid over what the text itself says (front matter, HTML metadata).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from types import MappingProxyType

from checker.serve.errors import ServeError
from claims.ingest.decode import decode, newlines
from claims.ingest.fields import with_metadata
from claims.ingest.jsonl import read_jsonl
from claims.ingest.markdown import read_markdown, read_text
from claims.ingest.reading import Reading
from claims.ingest.webpage import read_html
from claims.types import Corpus

Reader = Callable[[str, str, str, Reading], None]
READERS: Mapping[str, Reader] = MappingProxyType(
    {"markdown": read_markdown, "text": read_text, "html": read_html, "jsonl": read_jsonl}
)
"""Format name -> reader. ``markdown`` (the default) reads plain text too, and front matter."""
SUFFIX_FORMATS: Mapping[str, str] = MappingProxyType(
    {
        ".md": "markdown",
        ".markdown": "markdown",
        ".txt": "text",
        ".html": "html",
        ".htm": "html",
        ".jsonl": "jsonl",
    }
)
"""An uploaded file's format, by the ending of its name (as ``selaras check`` picks readers)."""


@dataclass(frozen=True, slots=True)
class SourceText:
    """One input as the client sent it: a name to show, its content and any metadata fields.

    ``content`` is text from a JSON field or a form's text box, or the bytes of an uploaded file
    (decoded as a file on disk would be). ``name`` labels it in the report; it is never a path.
    """

    name: str
    content: str | bytes
    format: str = "markdown"
    metadata: Mapping[str, str] = field(default_factory=dict)

    @property
    def stem(self) -> str:
        """The article id: the name without the ending of its format."""
        base, dot, suffix = self.name.rpartition(".")
        return base if dot and base and f".{suffix.lower()}" in SUFFIX_FORMATS else self.name


def read_sources(
    sources: Sequence[SourceText],
    draft: SourceText | None,
    *,
    max_bytes: int,
    today: date | None = None,
) -> tuple[Corpus, str | None]:
    """The corpus of ``sources`` and ``draft``, and the draft's article id (None without one).

    Unreadable sources are listed as skipped, as files are. Raises :class:`ServeError`
    (``draft_unreadable``) when the draft is not exactly one readable article.
    """
    reading = Reading(max_bytes, today)
    for source in sources:
        read_one(source, reading)
    draft_id = None
    if draft is not None:
        before = len(reading.articles)
        read_one(draft, reading)
        added = reading.articles[before:]
        if len(added) != 1:
            raise ServeError("draft_unreadable", _draft_problem(draft, reading, len(added)))
        draft_id = added[0].id
    return reading.corpus(), draft_id


def read_one(source: SourceText, reading: Reading) -> None:
    """Read ``source`` into ``reading``: its articles added, or it skipped with the reason."""
    name = source.name
    reader = READERS.get(source.format)
    if reader is None:
        reading.skip(
            name,
            "unsupported file type; upload .txt, .md, .html/.htm or .jsonl files, or paste the "
            "text",
        )
        return
    size = len(source.content) if isinstance(source.content, bytes) else _utf8_size(source.content)
    if size > reading.max_bytes:
        reading.skip(
            name,
            f"is {size:,} bytes, over the server's limit of {reading.max_bytes:,} per article; "
            "split it",
        )
        return
    text = (
        decode(source.content, name, reading)
        if isinstance(source.content, bytes)
        else newlines(source.content)
    )
    if text is None:
        return
    if not text.strip():
        reading.skip(name, "is empty; paste or upload the article text")
        return
    before = len(reading.articles)
    reader(reading.clean(text, name), name, source.stem, reading)
    if source.metadata:
        for index in range(before, len(reading.articles)):
            article = reading.articles[index]
            reading.articles[index] = replace(
                with_metadata(article, source.metadata, "request field", reading), id=article.id
            )


def _utf8_size(text: str) -> int:
    return len(text.encode("utf-8", errors="surrogatepass"))


def _draft_problem(draft: SourceText, reading: Reading, articles: int) -> str:
    if articles > 1:
        return f"the draft {draft.name!r} holds {articles} articles; send one draft"
    reasons = "; ".join(s.reason for s in reading.skipped if s.source == draft.name)
    return f"the draft {draft.name!r} could not be read" + (f": {reasons}" if reasons else "")
