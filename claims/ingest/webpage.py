"""HTML pages: the main text by trafilatura, title, url and site name from the page's metadata,
the date by htmldate.

Where trafilatura finds no main text, or fails (a page nested thousands of levels deep exhausts
its recursion), the page's visible text outside navigation, headers and footers is read
instead by a flat, non-recursive walk, with a warning that page furniture may remain.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime
from html.parser import HTMLParser

from claims.ingest.article_check import NOT_AN_ARTICLE
from claims.ingest.fields import with_metadata
from claims.ingest.reading import Reading
from claims.types import Article, Provenance

log = logging.getLogger(__name__)

# Elements whose text is never article text.
_HIDDEN = frozenset(
    "script style noscript template head nav header footer aside form button select "  # noqa: SIM905
    "svg iframe object canvas".split()
)
# Elements that end a line of text.
_BLOCKS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 section article main blockquote pre table tr td th "  # noqa: SIM905
    "dd dt dl figcaption hr".split()
)
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())  # noqa: SIM905


def read_html(text: str, name: str, stem: str, reading: Reading) -> None:
    """The page's main text by trafilatura; title, url and site name from its metadata."""
    body = _main_text(text, name, reading)
    if body is None:
        reading.skip(
            name,
            f"{NOT_AN_ARTICLE}: the page shows no text (only markup, styles or scripts); "
            "if it holds an article, save the article's text as .txt",
        )
        return
    body = reading.wrap(body, name)
    fields, found = _page_metadata(text, name, reading)
    article = with_metadata(
        Article(id=stem, path=name, text=body), fields, "html metadata", reading
    )
    if found and article.published is None:
        note = Provenance("published", found, inferred=True, source="htmldate, from the page")
        article = replace(
            article, published=datetime.fromisoformat(found), provenance=(*article.provenance, note)
        )
    reading.add(article)


def _main_text(page: str, name: str, reading: Reading) -> str | None:
    # Imported here: trafilatura takes a while to load, and most runs read no HTML.
    import trafilatura

    try:
        body = trafilatura.extract(page, include_comments=False, include_tables=False)
    except Exception as exc:  # a third-party parser on untrusted markup
        log.info("%s: trafilatura failed (%s: %s)", name, type(exc).__name__, exc)
        why = f"trafilatura failed on the page ({type(exc).__name__})"
    else:
        if body and body.strip():
            return str(body)
        why = "trafilatura found no main text"
    visible = visible_text(page)
    if not visible:
        return None
    reading.warn(
        name,
        f"{why}; the page's visible text outside navigation, header and footer was read "
        "instead, so some page furniture may remain",
    )
    return visible


def _page_metadata(
    page: str, name: str, reading: Reading
) -> tuple[dict[str, str | None], str | None]:
    """Title, url and site name, and htmldate's publication date (ISO), as far as they can be
    read; a page that makes the readers fail is read without them, with a warning."""
    import htmldate
    import trafilatura

    try:
        meta = trafilatura.extract_metadata(page)
        fields = {"title": meta.title, "url": meta.url, "outlet": meta.sitename} if meta else {}
        found = htmldate.find_date(page, original_date=True, outputformat="%Y-%m-%dT%H:%M:%S")
    except Exception as exc:  # a third-party parser on untrusted markup
        reading.warn(
            name,
            f"the page's metadata could not be read ({type(exc).__name__}); its title, url, "
            "outlet and date are inferred from the text",
        )
        return {}, None
    return fields, found


def visible_text(page: str) -> str:
    """The text of ``page`` outside hidden elements, a line per block, by a flat parse that
    no nesting depth can break."""
    collector = _TextCollector()
    collector.feed(page)
    collector.close()
    lines = (" ".join(line.split()) for line in "".join(collector.parts).split("\n"))
    return "\n".join(line for line in lines if line)


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0  # depth inside elements whose text is not article text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN and tag not in _VOID:
            self.hidden += 1
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)
