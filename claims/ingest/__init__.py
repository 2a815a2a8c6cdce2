"""Ingestion: files, directories and standard input read into a :class:`Corpus` of articles.

Formats: ``.txt``; ``.md`` with optional YAML front matter (title, outlet, url, published,
language, id, dateline); ``.html``/``.htm`` (main text by trafilatura, date by htmldate);
``.jsonl`` (one article per line); ``-`` for standard input (text, front matter allowed).
Bad input never stops the run: each unreadable input (a file, a JSON Lines line, a folder that
cannot be listed, a pipe or device, a symlink loop) becomes a :class:`Skipped` with a reason
that names it (and the line) and says what to do, and the rest is read. What could be read
only with a repair (an encoding guessed, invalid characters replaced, a field cut to its
limit, an unknown language tag dropped) is read, with a warning. An input that is not an
article (no line reads as a sentence: a page of links or tags; a page of only styles and
scripts) is skipped with a reason that starts "not an article:" (``article_check``). Metadata
is inferred once everything is read, so that a year-less date can take the run's year. Only
:func:`require_articles`, which the command line calls, raises :class:`InputError`, when
nothing at all could be read.

Modules: ``read`` (entry points, file checks), ``folders`` (directory walks), ``decode`` (bytes to
text), ``sanitize`` (invalid characters, long lines), ``fields`` (metadata checks), and one
reader per format: ``markdown`` (text and front matter), ``jsonl``, ``webpage``, ``stdin``.
"""

from __future__ import annotations

from claims.ingest.fields import MAX_FIELD_CHARS, METADATA_KEYS
from claims.ingest.folders import DEFAULT_INCLUDE, WALK_IGNORED, walk
from claims.ingest.read import DEFAULT_MAX_BYTES, read_inputs, require_articles
from claims.ingest.reading import MAX_LINE_CHARS
from claims.ingest.sanitize import clean_text
from claims.ingest.stdin import STDIN

__all__ = [
    "DEFAULT_INCLUDE",
    "DEFAULT_MAX_BYTES",
    "MAX_FIELD_CHARS",
    "MAX_LINE_CHARS",
    "METADATA_KEYS",
    "STDIN",
    "WALK_IGNORED",
    "clean_text",
    "read_inputs",
    "require_articles",
    "walk",
]
