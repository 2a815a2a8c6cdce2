"""`selaras claims PATH...`: the claims Selaras extracts from each article, as a table or JSON."""

from __future__ import annotations

import argparse
import json
import sys

from rich.console import Console
from rich.table import Table

from checker.cli import EXIT_OK
from checker.escape import one_line, printable
from claims.extract import ExtractedArticle, Extraction, extract_corpus
from claims.ingest import DEFAULT_INCLUDE, read_inputs, require_articles
from claims.serialize import to_jsonable
from claims.shape import NON_CLAIM_TAGS


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("claims", help="print the claims extracted from each article")
    parser.add_argument(
        "paths", nargs="+", metavar="PATH", help="files, directories, or - for stdin"
    )
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.add_argument(
        "--explain", action="store_true", help="also show what cleaning removed, and why"
    )
    add_input_options(parser)
    parser.set_defaults(run=run)


def add_input_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--include", action="append", default=None, metavar="GLOB")
    parser.add_argument("--exclude", action="append", default=[], metavar="GLOB")


def read_extraction(args: argparse.Namespace) -> Extraction:
    """Ingest and extract; exits 2 (via the error) only when nothing at all could be read."""
    include = tuple(args.include) if args.include else DEFAULT_INCLUDE
    corpus = read_inputs(args.paths, include=include, exclude=tuple(args.exclude))
    require_articles(corpus)
    return extract_corpus(corpus)


def run(args: argparse.Namespace) -> int:
    extraction = read_extraction(args)
    if args.format == "json":
        json.dump(
            _as_json(extraction, explain=args.explain), sys.stdout, ensure_ascii=False, indent=2
        )
        sys.stdout.write("\n")
    else:
        # article text is printed as text: never read as rich markup, controls made visible
        console = Console(highlight=False, soft_wrap=False, markup=False, emoji=False)
        for extracted in extraction.articles:
            _print_article(console, extracted, explain=args.explain)
        _print_skipped(console, extraction)
    return EXIT_OK


def _as_json(extraction: Extraction, *, explain: bool) -> dict[str, object]:
    articles = []
    for extracted in extraction.articles:
        entry = {
            "article": to_jsonable(extracted.article),
            "claims": to_jsonable(extracted.claims),
        }
        del entry["article"]["text"]  # type: ignore[index]
        if explain:
            entry["removed"] = to_jsonable(extracted.clean.removed)
        articles.append(entry)
    return {
        "articles": articles,
        "skipped": to_jsonable(extraction.skipped),
        "warnings": to_jsonable(extraction.warnings),
    }


def _print_article(console: Console, extracted: ExtractedArticle, *, explain: bool) -> None:
    a = extracted.article
    published = a.published.date().isoformat() if a.published else "no date"
    console.rule(
        one_line(f"{a.path}  ·  {a.outlet or 'unknown outlet'}  ·  {published}  ·  {a.language}")
    )
    table = Table(show_lines=False, expand=True)
    table.add_column("line", justify="right", no_wrap=True)
    table.add_column("claim", ratio=5)
    table.add_column("resolved", ratio=3)
    for claim in extracted.claims:
        table.add_row(str(claim.span.line), printable(claim.text), printable(_resolved(claim)))
    console.print(table)
    if explain:
        for removal in extracted.clean.removed:
            console.print(
                one_line(
                    f"  removed line {removal.span.line} [{removal.rule}] {removal.reason}: "
                    f"{removal.text[:80]!r}"
                )
            )


def _resolved(claim) -> str:  # type: ignore[no-untyped-def]
    kept = sorted(NON_CLAIM_TAGS.intersection(claim.tags))  # a subheading, stamp or table row
    parts = [f"not checked ({', '.join(kept)})"] if kept else []
    for d in claim.dates:
        value = d.value.isoformat() if d.value else "unresolved"
        flag = " (weekday mismatch)" if d.weekday_matches is False else ""
        parts.append(f"date {d.text!r} = {value}{flag}")
    for n in claim.numbers:
        parts.append(f"{n.kind.value} {n.value:g}{' ' + n.unit if n.unit else ''}")
    if claim.quote:
        kind = "quote" if claim.quote.direct else "reported"
        parts.append(
            f"{kind}: {claim.speaker or '?'}" + (f" via {claim.source}" if claim.source else "")
        )
    return "\n".join(parts)


def _print_skipped(console: Console, extraction: Extraction) -> None:
    for item in extraction.skipped:
        where = f"{item.source}:{item.line}" if item.line else item.source
        console.print(one_line(f"skipped {where}: {item.reason}"))
    for item in extraction.warnings:
        where = f"{item.source}:{item.line}" if item.line else item.source
        console.print(one_line(f"warning {where}: {item.reason}"))
