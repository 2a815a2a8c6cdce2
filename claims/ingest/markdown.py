"""Markdown and plain text, with optional YAML front matter between ``---`` lines as metadata.

Front matter is parsed by a safe loader that refuses YAML aliases (a few lines of nested
aliases expand to billions of nodes: the "billion laughs"), and only when it is of a size
metadata can have; a file whose front matter uses aliases is skipped, one whose front matter
is otherwise unreadable is read without it, with a warning.
"""

from __future__ import annotations

from typing import Any

import yaml

from claims.ingest.fields import with_metadata
from claims.ingest.reading import Reading
from claims.types import Article

MAX_FRONT_MATTER_CHARS = 20_000


class _AliasRefused(Exception):
    """Front matter used a YAML alias."""


class _NoAliasLoader(yaml.SafeLoader):  # type: ignore[misc]
    """PyYAML's safe loader, less aliases: an alias raises before any node is shared."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            raise _AliasRefused
        return super().compose_node(parent, index)


def read_text(text: str, name: str, stem: str, reading: Reading) -> None:
    reading.add(Article(id=stem, path=name, text=reading.wrap(text, name)))


def read_markdown(text: str, name: str, stem: str, reading: Reading) -> None:
    """Markdown (or stdin) text, with the YAML front matter between ``---`` lines as metadata."""
    lines = text.split("\n")
    end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() in ("---", "...")), None)
    if lines[0].strip() != "---" or end is None:
        read_text(text, name, stem, reading)
        return
    body = "\n".join(lines[end + 1 :])
    if not body.strip():
        reading.skip(name, "has front matter but no article text after it; add the text")
        return
    try:
        fields = front_matter("\n".join(lines[1:end]), name, reading)
    except _AliasRefused:
        reading.skip(
            name,
            "front matter uses YAML aliases, which are not allowed; write each value out "
            "(remove the '&anchor' and '*alias' marks)",
        )
        return
    body = reading.wrap(body, name, first_line=end + 2)
    article = Article(id=stem, path=name, text=body, first_line=end + 2)
    reading.add(with_metadata(article, fields, "front matter", reading))


def front_matter(source: str, name: str, reading: Reading) -> dict[Any, Any]:
    """The fields of the front matter, or {} with a warning that says why it was ignored.

    Raises :class:`_AliasRefused` when it uses an alias.
    """
    if len(source) > MAX_FRONT_MATTER_CHARS:
        reading.warn(
            name,
            f"front matter is {len(source):,} characters long, over {MAX_FRONT_MATTER_CHARS:,}"
            " (metadata is a few short fields); its fields were ignored",
        )
        return {}
    try:
        fields = yaml.load(source, Loader=_NoAliasLoader) or {}
    except yaml.YAMLError as exc:
        problem = " ".join(str(exc).split())
        reading.warn(name, f"front matter is not valid YAML ({problem}); its fields were ignored")
        return {}
    except RecursionError:
        reading.warn(name, "front matter is nested too deeply to read; its fields were ignored")
        return {}
    except (ValueError, TypeError, OverflowError) as exc:  # e.g. a timestamp with month 13
        reading.warn(
            name, f"front matter has a value YAML cannot hold ({exc}); its fields were ignored"
        )
        return {}
    if not isinstance(fields, dict):
        reading.warn(name, "front matter is not a mapping of fields; it was ignored")
        return {}
    return fields
