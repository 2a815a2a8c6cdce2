"""Ingestion: files, directories and standard input read into a :class:`Corpus` of articles.

Formats: ``.txt``; ``.md`` with optional YAML front matter (title, outlet, url, published,
language, id, dateline); ``.html``/``.htm`` (main text by trafilatura, date by htmldate);
``.jsonl`` (one article per line); ``-`` for standard input (text, front matter allowed).
Bad input never stops the run: each unreadable input becomes a :class:`Skipped` with a reason
that names the file (and line) and says what to do, and the rest is read. Only
:func:`require_articles`, which the command line calls, raises :class:`InputError`, when
nothing at all could be read.
"""

from __future__ import annotations

import codecs
import fnmatch
import json
import logging
import os
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

import dateparser
import yaml
from charset_normalizer import from_bytes

from claims.errors import InputError
from claims.lang import UNIVERSAL, available_languages
from claims.metadata import infer_metadata
from claims.types import Article, Corpus, Provenance, Skipped

log = logging.getLogger(__name__)

DEFAULT_INCLUDE = ("*.txt", "*.md", "*.markdown", "*.html", "*.htm", "*.jsonl")
# Never read in a directory walk (a file given by path is always tried): hidden files and
# folders, and READMEs, which describe a folder of articles rather than being one.
WALK_IGNORED = (".*", "readme", "readme.*")
STDIN = "-"
METADATA_KEYS = ("id", "title", "outlet", "url", "published", "language", "dateline")
_ALIASES = {"date": "published", "source": "outlet", "lang": "language"}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Windows-1252 is the commonest legacy encoding of Latin-script news; charset-normalizer often
# ties it with cp1250/cp1257 on short texts, so among near-equal candidates it is preferred.
_PREFERRED_LEGACY = ("cp1252", "latin_1", "iso8859_15")
_MAX_CHAOS = 0.25  # charset-normalizer's "mess" above which a decoding is not trusted
_CONTROL_BYTES = frozenset(range(32)) - {9, 10, 12, 13, 27}
_CONVERT = "convert it to UTF-8 (e.g. `iconv -f ENCODING -t UTF-8 FILE`)"


@dataclass(slots=True)
class _Reading:
    """What a run has read so far (mutable, private to one call of :func:`read_inputs`)."""

    max_bytes: int
    today: date | None
    articles: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[Skipped] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)

    def skip(self, source: str, reason: str, line: int | None = None) -> None:
        log.info("skipped %s%s: %s", source, f":{line}" if line else "", reason)
        self.skipped.append(Skipped(source, reason, line))

    def warn(self, source: str, reason: str, line: int | None = None) -> None:
        self.warnings.append(Skipped(source, reason, line))

    def warn_about(self, article: Article, reason: str) -> None:
        """A warning on ``article``, placed at its file and, for a JSON Lines record, its line."""
        source, _, line = article.path.rpartition(":")
        if source.lower().endswith(".jsonl") and line.isdigit():
            self.warn(source, reason, int(line))
        else:
            self.warn(article.path, reason)

    def add(self, article: Article) -> None:
        """Infer what metadata is missing, make the id unique, and warn when there is no date."""
        article = infer_metadata(article, today=self.today)
        unique, n = article.id, 1
        while unique in self.ids:
            n += 1
            unique = f"{article.id}-{n}"
        if unique != article.id:
            self.warn_about(
                article, f"id {article.id!r} is taken by an earlier article; this one is {unique!r}"
            )
            article = replace(article, id=unique)
        self.ids.add(unique)
        if article.published is None:
            self.warn_about(article, _undated_reason(article))
        self.articles.append(article)


def read_inputs(
    paths: Sequence[str],
    *,
    include: Sequence[str] = DEFAULT_INCLUDE,
    exclude: Sequence[str] = (),
    max_bytes: int = 5_000_000,
    stdin: TextIO | None = None,
    today: date | None = None,
) -> Corpus:
    """Read every input into a :class:`Corpus`; unreadable ones are listed in ``skipped``.

    ``paths``: files, directories (walked recursively in sorted order, keeping files whose
    relative path or name matches an ``include`` glob and no ``exclude`` glob), or ``"-"`` for
    ``stdin`` (default ``sys.stdin``). ``today`` bounds date inference (default: today).
    """
    reading = _Reading(max_bytes, today)
    seen: set[Path] = set()
    for given in paths:
        if given == STDIN:
            _read_stdin(stdin if stdin is not None else sys.stdin, reading)
            continue
        path = Path(given)
        if path.is_dir():
            files = list(walk(path, include=include, exclude=exclude))
            if not files:
                reading.skip(
                    given,
                    f"the directory holds no files matching {', '.join(include)}"
                    " (minus --exclude); check the path and the globs",
                )
        elif path.exists():
            files = [path]
        else:
            reading.skip(given, "no such file or directory; check the path")
            continue
        for file in files:
            if file.resolve() in seen:
                reading.warn(str(file), "given more than once; read only the first time")
                continue
            seen.add(file.resolve())
            _read_guarded(file, reading)
    return Corpus(tuple(reading.articles), tuple(reading.skipped), tuple(reading.warnings))


def _read_guarded(file: Path, reading: _Reading) -> None:
    """Read one file; a fault in reading it (a bug included) skips that file, never the run."""
    try:
        _read_file(file, reading)
    except Exception as exc:  # one bad file must never stop the rest
        log.exception("%s: could not be read", file)
        reading.skip(
            str(file),
            f"internal error while reading ({type(exc).__name__}: {exc}); please report it",
        )


def require_articles(corpus: Corpus) -> Corpus:
    """``corpus`` unchanged when it holds at least one article.

    Raises :class:`InputError` when nothing could be read, so the command line can exit 2.
    """
    if corpus.articles:
        return corpus
    if not corpus.skipped:
        raise InputError("input", "no inputs given; name files, directories, or - for stdin")
    first = corpus.skipped[0]
    where = f"{first.source}:{first.line}" if first.line else first.source
    raise InputError(
        "input",
        f"no article could be read ({len(corpus.skipped)} input(s) skipped; "
        f"first: {where}: {first.reason})",
    )


def walk(root: Path, *, include: Sequence[str], exclude: Sequence[str] = ()) -> Iterator[Path]:
    """Files under ``root`` in sorted order that ``include`` keeps and ``exclude`` does not drop.

    Globs match, case-insensitively, the path relative to ``root`` or any of its parts (so
    ``drafts`` excludes a folder); hidden entries and READMEs are never walked.
    """
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not _matches(d, WALK_IGNORED))
        for name in sorted(names):
            path = Path(folder, name)
            rel = path.relative_to(root).as_posix()
            parts = rel.split("/")
            if _matches(name, WALK_IGNORED) or not _matches(rel, include, name):
                continue
            if not _matches(rel, exclude, *parts):
                yield path


def _matches(text: str, globs: Sequence[str], *more: str) -> bool:
    names = [s.lower() for s in (text, *more)]
    return any(fnmatch.fnmatchcase(n, g.lower()) for g in globs for n in names)


def _read_file(path: Path, reading: _Reading) -> None:
    name = str(path)
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        reading.skip(
            name,
            f"unsupported file type {path.suffix or '(no extension)'!r}; give "
            ".txt, .md, .html/.htm or .jsonl files, or convert it to one",
        )
        return
    try:
        size = path.stat().st_size
        if size > reading.max_bytes:
            reading.skip(
                name,
                f"is {size:,} bytes, over the limit of {reading.max_bytes:,}; "
                "split it, or raise the limit (--max-bytes)",
            )
            return
        data = path.read_bytes()
    except OSError as exc:
        reading.skip(name, f"cannot be read ({exc.strerror or exc}); check its permissions")
        return
    text = _decode(data, name, reading)
    if text is None:
        return
    if not text.strip():
        reading.skip(name, "is empty (nothing but whitespace); remove it or add the article text")
        return
    reader(text, name, path.stem, reading)


def _decode(data: bytes, name: str, reading: _Reading) -> str | None:
    """The text of ``data`` with newlines normalised, or None (and a skip) if it is not text."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            reading.warn(name, f"is {codec.upper()} (byte-order mark), not UTF-8; read as such")
            return _newlines(data.decode(codec, errors="replace").lstrip("\ufeff"))
    sample = data[:8192]
    if b"\x00" in sample or sum(b in _CONTROL_BYTES for b in sample) > len(sample) * 0.1:
        reading.skip(
            name,
            "is a binary file (NUL or control bytes), not text; give the "
            "article as .txt, .md, .html or .jsonl",
        )
        return None
    try:
        return _newlines(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        pass
    encoding = _detect_encoding(data)
    if encoding is None:
        reading.skip(name, f"is not UTF-8 and its encoding could not be told; {_CONVERT}")
        return None
    reading.warn(
        name,
        f"is not UTF-8; decoded as {encoding} (detected by charset-normalizer). "
        f"Check the text, or {_CONVERT}",
    )
    return _newlines(data.decode(encoding))


def _detect_encoding(data: bytes) -> str | None:
    matches = [m for m in from_bytes(data) if m.chaos <= _MAX_CHAOS]
    if not matches:
        return None
    best = min(m.chaos for m in matches)
    for candidate in _PREFERRED_LEGACY:
        for match in matches:
            if match.chaos <= best + 0.1 and candidate in match.could_be_from_charset:
                return candidate
    return matches[0].encoding


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_text(text: str, name: str, stem: str, reading: _Reading) -> None:
    reading.add(Article(id=stem, path=name, text=text))


def _read_markdown(text: str, name: str, stem: str, reading: _Reading) -> None:
    """Markdown (or stdin) text, with the YAML front matter between ``---`` lines as metadata."""
    lines = text.split("\n")
    end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() in ("---", "...")), None)
    if lines[0].strip() != "---" or end is None:
        reading.add(Article(id=stem, path=name, text=text))
        return
    try:
        fields = yaml.safe_load("\n".join(lines[1:end])) or {}
    except yaml.YAMLError as exc:
        problem = " ".join(str(exc).split())
        reading.warn(name, f"front matter is not valid YAML ({problem}); its fields were ignored")
        fields = {}
    if not isinstance(fields, dict):
        reading.warn(name, "front matter is not a mapping of fields; it was ignored")
        fields = {}
    body = "\n".join(lines[end + 1 :])
    if not body.strip():
        reading.skip(name, "has front matter but no article text after it; add the text")
        return
    article = Article(id=stem, path=name, text=body, first_line=end + 2)
    reading.add(_with_metadata(article, fields, "front matter", reading))


def _read_jsonl(text: str, name: str, stem: str, reading: _Reading) -> None:
    """One article per line; a bad line is skipped with its number and the others are read."""
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            reading.skip(
                name,
                f"not valid JSON ({exc.msg} at column {exc.colno}); fix or remove the line",
                number,
            )
            continue
        body = record.get("text") if isinstance(record, dict) else None
        if not isinstance(body, str) or not body.strip():
            reading.skip(name, 'the record has no "text" (a non-empty string); add it', number)
            continue
        article = Article(id=f"{stem}-{number}", path=f"{name}:{number}", text=_newlines(body))
        reading.add(_with_metadata(article, record, "jsonl field", reading))


def _read_html(text: str, name: str, stem: str, reading: _Reading) -> None:
    """The page's main text by trafilatura; title, url and site name from its metadata."""
    # Imported here: trafilatura and htmldate take a while to load, and most runs read no HTML.
    import htmldate
    import trafilatura

    body = trafilatura.extract(text, include_comments=False, include_tables=False)
    if not body or not body.strip():
        reading.skip(name, "no main text found in the HTML page; save the article text as .txt")
        return
    meta = trafilatura.extract_metadata(text)
    fields = {"title": meta.title, "url": meta.url, "outlet": meta.sitename} if meta else {}
    article = _with_metadata(
        Article(id=stem, path=name, text=body), fields, "html metadata", reading
    )
    found = htmldate.find_date(text, original_date=True, outputformat="%Y-%m-%dT%H:%M:%S")
    if found and article.published is None:
        note = Provenance("published", found, inferred=True, source="htmldate, from the page")
        article = replace(
            article, published=datetime.fromisoformat(found), provenance=(*article.provenance, note)
        )
    reading.add(article)


def _read_stdin(stream: TextIO, reading: _Reading) -> None:
    try:
        text = stream.read(reading.max_bytes + 1)
    except (OSError, UnicodeDecodeError) as exc:
        reading.skip("<stdin>", f"cannot be read as text ({exc}); pipe UTF-8 text")
        return
    if len(text) > reading.max_bytes:
        reading.skip(
            "<stdin>",
            f"is over the limit of {reading.max_bytes:,} characters; "
            "split it, or raise the limit (--max-bytes)",
        )
    elif not text.strip():
        reading.skip("<stdin>", "is empty; pipe the article text in, or leave out -")
    else:
        _read_markdown(_newlines(text), "<stdin>", "stdin", reading)


_READERS: Mapping[str, Callable[[str, str, str, _Reading], None]] = {
    ".txt": _read_text,
    ".md": _read_markdown,
    ".markdown": _read_markdown,
    ".html": _read_html,
    ".htm": _read_html,
    ".jsonl": _read_jsonl,
}


def _with_metadata(
    article: Article, fields: Mapping[str, Any], source: str, reading: _Reading
) -> Article:
    """``article`` with the explicit metadata in ``fields``, each recorded as given."""
    values: dict[str, Any] = {}
    for raw_key, raw in fields.items():
        key = _ALIASES.get(str(raw_key).lower(), str(raw_key).lower())
        if key not in METADATA_KEYS or key in values or raw is None or not str(raw).strip():
            continue
        if key == "published" and (raw := _published(raw)) is None:
            reading.warn_about(article, f"{source} '{raw_key}' is not a date; it was ignored")
            continue
        values[key] = raw if key == "published" else str(raw).strip()
    if "language" in values:
        values["language"] = values["language"].lower()
    notes = [
        Provenance(k, v.isoformat() if isinstance(v, datetime) else v, False, source)
        for k, v in values.items()
        if k != "id"
    ]
    return replace(article, **values, provenance=(*article.provenance, *notes))


def _published(raw: object) -> datetime | None:
    """An explicit publication date as local (naive) time; relative phrases are not dates here."""
    if isinstance(raw, datetime):
        return raw.replace(tzinfo=None)
    if isinstance(raw, date):
        return datetime(raw.year, raw.month, raw.day)
    try:
        return datetime.fromisoformat(str(raw).strip()).replace(tzinfo=None)
    except ValueError:
        pass
    languages = [code for code in available_languages() if code != UNIVERSAL]
    parsed = dateparser.parse(str(raw), languages=languages, settings=_EXPLICIT_DATE)
    return parsed.replace(tzinfo=None) if parsed else None


_EXPLICIT_DATE: dict[str, Any] = {
    "STRICT_PARSING": True,  # day, month and year
    "DATE_ORDER": "DMY",
    "PARSERS": ["timestamp", "custom-formats", "absolute-time"],  # not "kemarin", "yesterday"
}


def _undated_reason(article: Article) -> str:
    why = next((p.source for p in article.provenance if p.field == "published"), "")
    return (
        f"no publication date ({why}); dates relative to it ('kemarin', 'Rabu') stay "
        "unresolved. Add 'published: YYYY-MM-DD' (front matter or JSON Lines) to set it"
    )
