"""Bad inputs at the ingestion level, one matrix: each bad input is given next to one good article;
the good article must be read, and the bad input listed, skipped or warned about, with a reason
that names it (and its line), or read with a warning where it can be repaired.

The command line's exit codes for the same inputs are checked by the CLI tests.
"""

from __future__ import annotations

import io
import json
import os
import random
import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TextIO

import pytest

from claims.ingest import MAX_FIELD_CHARS, MAX_LINE_CHARS, clean_text, jsonl, read_inputs
from claims.ingest.read import READERS
from claims.ingest.sanitize import wrap_long_lines
from claims.types import Article, Corpus, Skipped

from .conftest import EXAMPLES, SEED_TODAY

GOOD = EXAMPLES / "000_ec27902bce71dca6.txt"
STORY = (
    "Presiden Xi Jinping berbicara dengan Presiden Vladimir Putin melalui telepon, kata media.\n"
)
SENTENCE = "Menteri mengatakan bahwa kafe di Jakarta akan dibuka kembali pekan depan, kata dia. "


@dataclass(frozen=True)
class Bad:
    """A bad input as given to ``read_inputs``, and what the skip or warning must name."""

    given: str  # the path, or "-" for standard input
    source: str  # the source named by the skip or warning
    read: tuple[str, ...] = ()  # articles that must still be read from it (their paths)
    stdin: TextIO | None = None


@dataclass(frozen=True)
class Case:
    make: Callable[[Path], Bad]
    outcome: Literal["skipped", "warned"]
    reason: str  # words the reason must hold
    line: int | None = None
    check: Callable[[Article], bool] | None = None  # on each article read from the bad input


def _file(name: str, content: str | bytes) -> Callable[[Path], Bad]:
    def make(tmp: Path) -> Bad:
        path = tmp / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return Bad(str(path), str(path))

    return make


def _readable(name: str, content: str | bytes) -> Callable[[Path], Bad]:
    """A bad file that can be repaired: it is read, with a warning."""
    write = _file(name, content)

    def make(tmp: Path) -> Bad:
        bad = write(tmp)
        return Bad(bad.given, bad.source, read=(bad.given,))

    return make


def _jsonl(name: str, lines: list[str], read: tuple[int, ...]) -> Callable[[Path], Bad]:
    def make(tmp: Path) -> Bad:
        path = tmp / name
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return Bad(str(path), str(path), read=tuple(f"{path}:{n}" for n in read))

    return make


def _stdin(content: str | bytes) -> Callable[[Path], Bad]:
    def make(tmp: Path) -> Bad:
        stream: TextIO
        if isinstance(content, bytes):
            stream = io.TextIOWrapper(io.BytesIO(content), encoding="utf-8")
        else:
            stream = io.StringIO(content)
        read = () if isinstance(content, bytes) else ("<stdin>",)
        return Bad("-", "<stdin>", read=read, stdin=stream)

    return make


def _missing(tmp: Path) -> Bad:
    return Bad(str(tmp / "hilang.txt"), str(tmp / "hilang.txt"))


def _oversized(tmp: Path) -> Bad:
    path = tmp / "besar.txt"
    with path.open("wb") as stream:
        stream.truncate(6_000_000)  # sparse: over the default limit, without writing 6 MB
    return Bad(str(path), str(path))


def _file_symlink_loop(tmp: Path) -> Bad:
    folder = tmp / "tautan"
    folder.mkdir()
    (folder / "b.txt").symlink_to("a.txt")
    (folder / "a.txt").symlink_to("b.txt")
    (folder / "baik.txt").write_text(STORY, encoding="utf-8")
    return Bad(str(folder), str(folder / "a.txt"), read=(str(folder / "baik.txt"),))


def _folder_symlink_cycle(tmp: Path) -> Bad:
    folder = tmp / "siklus"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "naik").symlink_to("..")
    (folder / "sub" / "baik.txt").write_text(STORY, encoding="utf-8")
    return Bad(str(folder), str(folder / "sub" / "naik"), read=(str(folder / "sub" / "baik.txt"),))


def _broken_symlink(tmp: Path) -> Bad:
    (tmp / "putus.txt").symlink_to("tidak-ada.txt")
    return Bad(str(tmp / "putus.txt"), str(tmp / "putus.txt"))


def _fifo(in_folder: bool) -> Callable[[Path], Bad]:
    def make(tmp: Path) -> Bad:
        folder = tmp / "pipa"
        folder.mkdir()
        os.mkfifo(folder / "antre.txt")
        given = folder if in_folder else folder / "antre.txt"
        return Bad(str(given), str(folder / "antre.txt"))

    return make


def _socket_in_folder(tmp: Path) -> Bad:
    folder = tmp / "soket"
    folder.mkdir()
    (folder / "baik.md").write_text(STORY, encoding="utf-8")
    path = folder / "s.txt"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()  # the socket file stays
    return Bad(str(folder), str(path), read=(str(folder / "baik.md"),))


def _unreadable_folder(tmp: Path) -> Bad:
    folder = tmp / "tertutup"
    (folder / "rahasia").mkdir(parents=True)
    (folder / "rahasia" / "a.txt").write_text(STORY, encoding="utf-8")
    (folder / "baik.txt").write_text(STORY, encoding="utf-8")
    (folder / "rahasia").chmod(0)
    return Bad(str(folder), str(folder / "rahasia"), read=(str(folder / "baik.txt"),))


ALIAS_BOMB = (
    "---\n"
    + 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    + "".join(f"{c}: &{c} [{','.join(['*' + chr(ord(c) - 1)] * 9)}]\n" for c in "bcdefghi")
    + "title: *i\n---\n"
    + STORY
)
DEEP = 100_000
DEEP_HTML = (
    "<html><body>" + "<div>" * 2000 + f"<p>{SENTENCE}</p>" * 3 + "</div>" * 2000 + "</body></html>"
)
RANDOM_BYTES = random.Random(14).randbytes(2000) + b"\x00"


def _one_line(article: Article) -> bool:
    return all(len(line) <= MAX_LINE_CHARS for line in article.text.split("\n"))


CASES: dict[str, Case] = {
    "missing": Case(_missing, "skipped", "no such file"),
    "empty": Case(_file("kosong.txt", " \n"), "skipped", "is empty"),
    "binary": Case(
        _file("gambar.txt", b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(40))), "skipped", "binary"
    ),
    "unsupported": Case(
        _file("dokumen.pdf", "%PDF-1.4 " + STORY), "skipped", "unsupported file type"
    ),
    "latin-1": Case(
        _readable("lama.txt", (SENTENCE + "Café Señor.\n").encode("cp1252")),
        "warned",
        "decoded as cp1252",
    ),
    "utf-16-bom": Case(
        _readable("utf16.txt", (SENTENCE * 3).encode("utf-16")),
        "warned",
        "UTF-16 (byte-order mark)",
    ),
    "utf-16-no-bom": Case(
        _readable("tanpa-bom.txt", (SENTENCE * 3).encode("utf-16-le")),
        "warned",
        "UTF-16-LE without a byte-order mark",
        check=lambda a: a.text.startswith("Menteri"),
    ),
    "utf-16-be-no-bom": Case(
        _readable("tanpa-bom-be.md", (SENTENCE * 3).encode("utf-16-be")),
        "warned",
        "UTF-16-BE without a byte-order mark",
        check=lambda a: a.text.startswith("Menteri"),
    ),
    "oversized": Case(_oversized, "skipped", "over the limit of 5,000,000"),
    "jsonl-malformed": Case(
        _jsonl(
            "umpan.jsonl",
            ['{"text": "' + SENTENCE + '"}', '{"text": ', '{"text": "' + SENTENCE + '"}'],
            read=(1, 3),
        ),
        "skipped",
        "not valid JSON",
        line=2,
    ),
    "jsonl-deep": Case(
        _jsonl(
            "dalam.jsonl",
            [
                '{"text": "' + SENTENCE + '"}',
                "[" * DEEP + "]" * DEEP,
                '{"text": "' + SENTENCE + '"}',
            ],
            read=(1, 3),
        ),
        "skipped",
        "nested too deeply",
        line=2,
    ),
    "jsonl-huge-int": Case(
        _jsonl("angka.jsonl", ['{"text": "' + SENTENCE + '", "id": ' + "9" * 5000 + "}"], read=()),
        "skipped",
        "JSON cannot hold",
        line=1,
    ),
    "jsonl-surrogates": Case(
        _jsonl(
            "pengganti.jsonl",
            [
                json.dumps(
                    {"text": SENTENCE + "\ud800", "title": "Judul \udfff", "outlet": "A\ud83d"}
                )
            ],
            read=(1,),
        ),
        "warned",
        "U+FFFD",
        line=1,
        check=lambda a: "\ufffd" in a.text and a.title == "Judul \ufffd",
    ),
    "jsonl-bad-language": Case(
        _jsonl(
            "bahasa.jsonl",
            [json.dumps({"text": SENTENCE * 3, "language": "../../etc/passwd\x1b[31m"})],
            read=(1,),
        ),
        "warned",
        "'language' value '../../etc/passwd\\x1b[31m' is not a language tag",
        line=1,
        check=lambda a: a.language in ("id", "und"),
    ),
    "jsonl-long-title": Case(
        _jsonl(
            "judul.jsonl", [json.dumps({"text": SENTENCE, "title": "Judul " * 5000})], read=(1,)
        ),
        "warned",
        "cut to the first 500",
        line=1,
        check=lambda a: len(a.title or "") <= MAX_FIELD_CHARS["title"],
    ),
    "yaml-invalid": Case(
        _readable("rusak.md", "---\ntitle: [unclosed\n---\n" + STORY), "warned", "not valid YAML"
    ),
    "yaml-month-13": Case(
        _readable("bulan.md", "---\npublished: 2022-13-45\n---\n" + STORY),
        "warned",
        "month must be in 1..12",
    ),
    "yaml-deep": Case(
        _readable("dalam.md", "---\ntitle: " + "[" * 5000 + "]" * 5000 + "\n---\n" + STORY),
        "warned",
        "nested too deeply",
    ),
    "yaml-not-scalar": Case(
        _readable("daftar.md", "---\ntitle: [a, b]\noutlet: !!binary AAAA\n---\n" + STORY),
        "warned",
        "'title' is not a single value",
    ),
    "yaml-alias-bomb": Case(
        _file("bom.md", ALIAS_BOMB),
        "skipped",
        "front matter uses YAML aliases, which are not allowed",
    ),
    "yaml-bad-language": Case(
        _readable("bahasa.md", "---\nlanguage: ../../../tmp/x\n---\n" + STORY),
        "warned",
        "not a language tag Selaras knows",
    ),
    "html-deep": Case(
        _readable("dalam.html", DEEP_HTML),
        "warned",
        "visible text",
        check=lambda a: "kafe di Jakarta" in a.text,
    ),
    "long-line": Case(
        _readable("panjang.txt", SENTENCE * 20_000),
        "warned",
        f"line 1 is {len(SENTENCE) * 20_000:,} characters long",
        check=_one_line,
    ),
    "symlink-loop": Case(_file_symlink_loop, "skipped", "symlink loop"),
    "folder-symlink-cycle": Case(_folder_symlink_cycle, "skipped", "symlink loop"),
    "broken-symlink": Case(_broken_symlink, "skipped", "broken symlink"),
    "fifo-given": Case(_fifo(in_folder=False), "skipped", "named pipe (FIFO)"),
    "fifo-in-folder": Case(_fifo(in_folder=True), "skipped", "named pipe (FIFO)"),
    "socket-in-folder": Case(_socket_in_folder, "skipped", "is a socket"),
    "character-device": Case(
        lambda tmp: Bad("/dev/null", "/dev/null"), "skipped", "character device"
    ),
    "unreadable-folder": Case(_unreadable_folder, "skipped", "permission denied"),
    "stdin-random-bytes": Case(_stdin(RANDOM_BYTES), "skipped", "binary"),
    "stdin-surrogates": Case(
        _stdin(SENTENCE + "\udcff\udc80 kata dia."),
        "warned",
        "U+FFFD",
        check=lambda a: "\ufffd" in a.text,
    ),
}


def _params() -> Iterator[object]:
    as_root = os.geteuid() == 0
    for name, case in CASES.items():
        marks = []
        if name == "unreadable-folder" and as_root:
            marks.append(pytest.mark.skip(reason="root can read any folder"))
        yield pytest.param(case, id=name, marks=marks)


def _names(entry: Skipped, source: str) -> bool:
    return entry.source == source


def _encodable(corpus: Corpus) -> bool:
    """Every string ingestion hands on encodes as UTF-8 (no lone surrogates survive)."""
    texts = [f for a in corpus.articles for f in (a.id, a.path, a.text, a.title, a.outlet, a.url)]
    texts += [t for s in (*corpus.skipped, *corpus.warnings) for t in (s.source, s.reason)]
    for text in texts:
        if text is not None:
            text.encode("utf-8")
    return True


@pytest.mark.parametrize("case", list(_params()))
def test_bad_input_is_listed_with_reason_and_good_article_read(case: Case, tmp_path: Path) -> None:
    bad = case.make(tmp_path)
    corpus = read_inputs([str(GOOD), bad.given], stdin=bad.stdin, today=SEED_TODAY)
    listed = corpus.skipped if case.outcome == "skipped" else corpus.warnings
    hits = [e for e in listed if _names(e, bad.source) and case.reason in e.reason]
    assert hits, f"no {case.outcome} entry for {bad.source} with {case.reason!r}: {listed}"
    if case.line is not None:
        assert [e.line for e in hits] == [case.line]
    assert [a.path for a in corpus.articles] == [str(GOOD), *bad.read]
    assert not [s for s in corpus.skipped if s.source == str(GOOD)]
    from_bad = corpus.articles[1:]
    assert case.check is None or (from_bad and all(case.check(a) for a in from_bad))
    assert _encodable(corpus)


def test_unlistable_folder_is_skipped_even_as_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The unreadable-folder case, for runs as root (which can list any folder)."""
    bad = _unreadable_folder(tmp_path)
    Path(bad.source).chmod(0o755)
    real_scandir = os.scandir

    def scandir(path: os.PathLike[str]) -> Iterator[os.DirEntry[str]]:
        if Path(path) == Path(bad.source):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr("claims.ingest.folders.os.scandir", scandir)
    corpus = read_inputs([bad.given], today=SEED_TODAY)
    assert [(s.source, s.reason.split(";")[0]) for s in corpus.skipped] == [
        (bad.source, "cannot be listed (permission denied)")
    ]
    assert [a.path for a in corpus.articles] == list(bad.read)


def test_internal_error_in_one_file_skips_only_that_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(text: str, name: str, stem: str, reading: object) -> None:
        raise KeyError("bug")

    monkeypatch.setitem(READERS, ".md", broken)  # type: ignore[index]
    (tmp_path / "a.md").write_text(STORY, encoding="utf-8")
    corpus = read_inputs([str(tmp_path / "a.md"), str(GOOD)], today=SEED_TODAY)
    (skipped,) = corpus.skipped
    assert skipped.source == str(tmp_path / "a.md")
    assert "internal error while reading (KeyError: 'bug')" in skipped.reason
    assert [a.path for a in corpus.articles] == [str(GOOD)]


def test_internal_error_in_one_record_skips_only_that_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = jsonl.with_metadata

    def fails_on_line_2(article: Article, *args: object) -> Article:
        if article.path.endswith(":2"):
            raise RecursionError("too deep")
        return real(article, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(jsonl, "with_metadata", fails_on_line_2)
    path = tmp_path / "umpan.jsonl"
    path.write_text("\n".join(json.dumps({"text": SENTENCE}) for _ in range(3)), encoding="utf-8")
    corpus = read_inputs([str(path)], today=SEED_TODAY)
    assert [(s.line, "RecursionError: too deep" in s.reason) for s in corpus.skipped] == [(2, True)]
    assert [a.path for a in corpus.articles] == [f"{path}:1", f"{path}:3"]


def test_max_bytes_bounds_files_and_stdin(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    stream = io.TextIOWrapper(io.BytesIO(STORY.encode()), encoding="utf-8")
    corpus = read_inputs([str(tmp_path / "a.txt"), "-"], stdin=stream, max_bytes=50)
    assert [(s.source, "over the limit of 50" in s.reason) for s in corpus.skipped] == [
        (str(tmp_path / "a.txt"), True),
        ("<stdin>", True),
    ]
    assert len(read_inputs([str(tmp_path / "a.txt")], max_bytes=len(STORY)).articles) == 1


def test_undecodable_file_name_is_shown_escaped(tmp_path: Path) -> None:
    name = os.fsdecode(b"berita-\xff.txt")  # not UTF-8: carried as a lone surrogate
    (tmp_path / name).write_text(STORY, encoding="utf-8")
    (article,) = read_inputs([str(tmp_path)], today=SEED_TODAY).articles
    assert article.path == f"{tmp_path}/berita-\\xff.txt" and article.id == "berita-\\xff"


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        ("a\ud800b", "a\ufffdb"),
        ("\udcff\x00", "\ufffd\ufffd"),
        ("kafe 😀 «ok»\n", "kafe 😀 «ok»\n"),
    ],
)
def test_clean_text_replaces_only_what_cannot_be_encoded(text: str, cleaned: str) -> None:
    assert clean_text(text) == cleaned
    clean_text(text).encode("utf-8")


def test_wrap_long_lines_breaks_at_sentence_ends_and_keeps_every_word() -> None:
    line = SENTENCE * 300  # 25,200 characters, sentences of 84
    text, wrapped = wrap_long_lines("judul\n" + line + "\nakhir", 10_000)
    lines = text.split("\n")
    assert [(w.line, w.length, w.pieces) for w in wrapped] == [(2, len(line), 3)]
    assert all(len(x) <= 10_000 for x in lines)
    assert all(x.rstrip().endswith("kata dia.") for x in lines[1:4])  # whole sentences
    assert " ".join(lines[1:4]) == line and lines[0] == "judul" and lines[-1] == "akhir"
    unbroken = "x" * 25_000  # no space at all: cut hard, nothing lost
    assert "".join(wrap_long_lines(unbroken, 10_000)[0].split("\n")) == unbroken
