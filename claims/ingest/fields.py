"""Explicit metadata (front matter, JSON Lines fields, HTML markup) checked onto an article.

Every value is untrusted: it is made one clean line (no control characters or line breaks), a
value longer than its field's limit (:data:`MAX_FIELD_CHARS`) is cut to it with a warning, a
value that is not a single scalar is ignored with a warning, and ``language`` must be a
well-formed tag whose primary subtag Selaras has data for, or it is ignored (with a warning)
and detected from the text instead. No value is ever used as a path.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import date, datetime
from typing import Any

import dateparser

from claims.ingest.reading import Reading
from claims.ingest.sanitize import clean_field, shown
from claims.lang import UNIVERSAL, available_languages
from claims.types import Article, Provenance

METADATA_KEYS = ("id", "title", "outlet", "url", "published", "language", "dateline")
_ALIASES = {"date": "published", "source": "outlet", "lang": "language"}
# Longer values are cut to these, with a warning (a headline, an outlet's name, a url); a
# language tag or a date longer than its limit is not one, and is ignored with a warning.
MAX_FIELD_CHARS = {
    "id": 200,
    "title": 500,
    "outlet": 200,
    "url": 2_000,
    "dateline": 200,
    "language": 35,
    "published": 100,
}
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")
_EXPLICIT_DATE: dict[str, Any] = {
    "STRICT_PARSING": True,  # day, month and year
    "DATE_ORDER": "DMY",
    "PARSERS": ["timestamp", "custom-formats", "absolute-time"],  # not "kemarin", "yesterday"
}


def with_metadata(
    article: Article, fields: Mapping[Any, Any], source: str, reading: Reading
) -> Article:
    """``article`` with the explicit metadata in ``fields``, each recorded as given."""
    values: dict[str, Any] = {}
    for raw_key, raw in fields.items():
        key = _ALIASES.get(str(raw_key).lower(), str(raw_key).lower())
        if key not in METADATA_KEYS or key in values or raw is None:
            continue
        named = f"{source} {shown(raw_key)}"
        if not isinstance(raw, str | int | float | date):
            reading.warn_about(article, f"{named} is not a single value; it was ignored")
            continue
        value = _field_value(key, raw, named, article, reading)
        if value is not None:
            values[key] = value
    notes = [
        Provenance(k, v.isoformat() if isinstance(v, datetime) else v, False, source)
        for k, v in values.items()
        if k != "id"
    ]
    return replace(article, **values, provenance=(*article.provenance, *notes))


def _field_value(
    key: str, raw: str | float | date, named: str, article: Article, reading: Reading
) -> str | datetime | None:
    """The checked value of one field, or None (with a warning where it was not empty)."""
    if key == "published" and isinstance(raw, date):
        return published(raw)
    if key == "language":  # checked as given, so that the warning shows it as given
        given = str(raw).strip()
        return language_tag(given, named, article, reading) if given else None
    text = clean_field(str(raw))
    if not text:
        return None
    limit = MAX_FIELD_CHARS[key]
    if key == "published":
        value = published(text) if len(text) <= limit else None
        if value is None:
            reading.warn_about(article, f"{named} is not a date; it was ignored")
        return value
    if len(text) > limit:
        reading.warn_about(
            article, f"{named} is {len(text):,} characters long; cut to the first {limit:,}"
        )
        text = text[:limit].rstrip()
    return text


def language_tag(text: str, named: str, article: Article, reading: Reading) -> str | None:
    """``text`` as a lower-case tag ("id", "en-gb") if it is one Selaras knows, else None.

    The tag picks data folders by name, so nothing but a well-formed tag is ever accepted.
    """
    tag = text.replace("_", "-").lower()
    primary = tag.split("-")[0]
    known = [code for code in available_languages() if code != UNIVERSAL]
    well_formed = len(text) <= MAX_FIELD_CHARS["language"] and LANGUAGE_TAG.fullmatch(text)
    if well_formed and primary in known:
        return tag
    if well_formed and primary == UNIVERSAL:
        return None  # "und": not known, so detected, which is what was asked
    reading.warn_about(
        article,
        f"{named} value {shown(text)} is not a language tag Selaras knows "
        f"({', '.join(known)}); the language is detected from the text instead",
    )
    return None


def published(raw: object) -> datetime | None:
    """An explicit publication date as local (naive) time; relative phrases are not dates here."""
    if isinstance(raw, datetime):
        return raw.replace(tzinfo=None)
    if isinstance(raw, date):
        return datetime(raw.year, raw.month, raw.day)
    text = str(raw).strip()
    try:
        return datetime.fromisoformat(text).replace(tzinfo=None)
    except ValueError:
        pass
    languages = [code for code in available_languages() if code != UNIVERSAL]
    try:
        parsed = dateparser.parse(text, languages=languages, settings=_EXPLICIT_DATE)
    except (ValueError, OverflowError):
        return None
    return parsed.replace(tzinfo=None) if parsed else None
