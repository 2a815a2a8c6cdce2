"""One object per language: every section of its data, read, checked and joined once.

Where the data comes from, most specific first:

1. ``<data_path>/<code>/<section>.toml`` and then ``<data_path>/und/<section>.toml``: a user
   data folder (a newsroom's own outlets, aliases, reporting verbs), when one is given or
   configured; its ``und/`` holds what the newsroom wants in every language;
2. ``claims/lang/<code>/<section>.toml``: the packaged language;
3. ``claims/lang/und/<section>.toml``: what holds in every language.

A folder holds one file per section it changes: ``segment``, ``clauses``, ``dates``,
``numbers``, ``quotes``, ``entities``, ``boilerplate``, ``metadata``, ``stopwords``, ``times``,
``places`` or ``names`` (``.toml``),
with the keys of the packaged file of that name; any other key or file name is an error.
Files are joined as :func:`claims.lang.schema.merge` says: lists are concatenated (the more
specific entries first, so a user's furniture rule or alias is tried before the packaged
ones), tables are joined key by key, and single values come from the most specific file. A
user file therefore adds to the packaged data and can change a setting, but cannot remove a
packaged entry.

A tag is reduced once, here, to its primary subtag (``"id-ID"``, ``"ID"``, ``"id_ID"`` ->
``"id"``). A tag that is not a well-formed code (``^[a-z]{2,3}$`` once reduced, for example
``"../../tmp/evil"``) is read as ``"und"``: the universal data, never an error, because
article metadata is untrusted input. A code is used as a folder name only when that folder
exists in the package or the user data folder.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from claims.errors import LanguageResourceError
from claims.lang.parse import SECTIONS
from claims.lang.schema import check, merge
from claims.lang.sections import (
    BoilerplateSection,
    ClausesSection,
    DatesSection,
    EntitiesSection,
    MetadataSection,
    NamesSection,
    NumbersSection,
    PlacesSection,
    QuotesSection,
    SegmentationSection,
    StopwordsSection,
    TimesSection,
)

UNIVERSAL = "und"
_CODE = re.compile(r"[a-z]{2,3}")
_PACKAGE = "claims.lang"
_configured: Path | None = None


@dataclass(frozen=True, slots=True, eq=False)
class LanguageData:
    """Everything the text pipeline knows about one language, section by section."""

    code: str  # the primary subtag ("id"), or "und"
    files: tuple[str, ...]  # every file read, most specific first
    segmentation: SegmentationSection
    clauses: ClausesSection
    dates: DatesSection
    numbers: NumbersSection
    quotes: QuotesSection
    entities: EntitiesSection
    boilerplate: BoilerplateSection
    metadata: MetadataSection
    stopwords: StopwordsSection
    times: TimesSection
    places: PlacesSection
    names: NamesSection


@cache
def normalise_tag(tag: str) -> str:
    """The primary subtag of a language tag, lower case; ``"und"`` when it is not a code.

    Cached: the rules ask for a claim's language data once per comparison, and a corpus has
    only a handful of tags."""
    primary = re.split(r"[-_]", tag.strip(), maxsplit=1)[0].lower()
    return primary if _CODE.fullmatch(primary) else UNIVERSAL


def load_language(tag: str, data_path: str | Path | None = None) -> LanguageData:
    """The data for ``tag``, with ``data_path`` (default: the configured folder) searched first.

    Cached per (language code, data folder). Raises :class:`LanguageResourceError` when a
    file is not valid TOML, has a key its section does not know, or a value of the wrong kind.
    """
    folder = _folder(data_path) if data_path is not None else _configured
    return _load(normalise_tag(tag), folder)


def as_language(language: str | LanguageData) -> LanguageData:
    """``language`` itself, or the data for a tag."""
    return language if isinstance(language, LanguageData) else load_language(language)


def configure(data_path: str | Path | None) -> Path | None:
    """Set the user data folder used when :func:`load_language` is given none (None: only
    the packaged data). Returns the folder set before, so a caller can put it back."""
    global _configured
    previous = _configured
    _configured = _folder(data_path) if data_path is not None else None
    return previous


def configured_data_path() -> Path | None:
    return _configured


def available_languages(data_path: str | Path | None = None) -> tuple[str, ...]:
    """The packaged language codes (``und`` included), plus those of ``data_path`` if given."""
    codes = set(_packaged_codes())
    if data_path is not None:
        codes.update(_user_codes(_folder(data_path)))
    return tuple(sorted(codes))


def clear_cache() -> None:
    """Forget loaded languages, so edited data files are read again."""
    _load.cache_clear()
    _packaged_codes.cache_clear()
    _read_packaged.cache_clear()


@cache
def _load(code: str, folder: Path | None) -> LanguageData:
    layers = list(_layers(code, folder))
    sections: dict[str, Any] = {}
    for name, (attribute, schema, build) in SECTIONS.items():
        tables = []
        for where, table in ((w, t.get(name)) for w, t in layers):
            if table is not None:
                check(table, schema, f"{where}/{name}.toml")
                tables.append((f"{where}/{name}.toml", table))
        files = " + ".join(w for w, _ in tables) or f"no {name}.toml"
        sections[attribute] = build(merge([t for _, t in tables]), files)
    read = tuple(f"{where}/{name}.toml" for where, tables in layers for name in tables)
    return LanguageData(code, read, **sections)


def _layers(code: str, folder: Path | None) -> Iterator[tuple[str, dict[str, dict[str, Any]]]]:
    """(where, {section: table}) for each folder holding data for ``code``, most specific first."""
    codes = tuple(dict.fromkeys((code, UNIVERSAL)))
    if folder is not None:
        user = _user_codes(folder)
        for layer_code in (c for c in codes if c in user):
            yield str(folder / layer_code), _read_user(folder / layer_code)
    for layer_code in (c for c in codes if c in _packaged_codes()):
        yield f"claims/lang/{layer_code}", _read_packaged(layer_code)


@cache
def _packaged_codes() -> tuple[str, ...]:
    root = resources.files(_PACKAGE)
    return tuple(p.name for p in root.iterdir() if p.is_dir() and _CODE.fullmatch(p.name))


def _user_codes(folder: Path) -> tuple[str, ...]:
    return tuple(p.name for p in folder.iterdir() if p.is_dir() and _CODE.fullmatch(p.name))


@cache
def _read_packaged(code: str) -> dict[str, dict[str, Any]]:
    tables = {}
    for entry in sorted(resources.files(_PACKAGE).joinpath(code).iterdir(), key=_name):
        if entry.name.endswith(".toml"):
            where = f"claims/lang/{code}/{entry.name}"
            tables[_section_name(entry.name, where)] = _parse(entry.read_text("utf-8"), where)
    return tables


def _name(entry: Any) -> str:
    return str(entry.name)


def _read_user(directory: Path) -> dict[str, dict[str, Any]]:
    tables = {}
    for path in sorted(directory.glob("*.toml")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise LanguageResourceError(f"{path}: cannot be read: {exc}") from exc
        tables[_section_name(path.name, str(path))] = _parse(text, str(path))
    return tables


def _section_name(file_name: str, where: str) -> str:
    name = file_name.removesuffix(".toml")
    if name not in SECTIONS:
        known = ", ".join(f"{n}.toml" for n in SECTIONS)
        raise LanguageResourceError(f"{where}: not a language data file (known: {known})")
    return name


def _parse(text: str, where: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LanguageResourceError(f"{where}: not valid TOML: {exc}") from exc


def _folder(data_path: str | Path) -> Path:
    if not str(data_path).strip():
        raise LanguageResourceError("the language data folder is an empty path; give a folder")
    folder = Path(data_path).expanduser().resolve()
    if not folder.is_dir():
        raise LanguageResourceError(
            f"language data folder {folder} does not exist or is not a folder; it should hold "
            "one folder per language code (id/, en/, und/) with files such as entities.toml"
        )
    return folder
