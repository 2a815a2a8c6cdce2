"""Who published an article, from every signal its text and its name carry.

In order: the dateline ("BEIJING, KOMPAS.com -", "Jakarta (ANTARA) -", "OtomotifPlus.id -")
or a byline's credit ("By Jane Doe, Reuters"); the outlet printed before a publication stamp
("Kompas.com - 15/06/2022, 21:01 WIB"); the page's masthead when it is written like a domain
("KABARPASAR.COM"); the url's host; a masthead that the file's name or the url spells
("THE JAKARTA LEDGER" in "01_jakarta_ledger.txt"); and last the file's name itself. Each
result says where it came from. A name is taken from the text only where its shape or the
language's data says it is an outlet (a known outlet, a news agency, a domain), never a
weekday or a section name ("Senin, 03/10/2022", "Nasional | ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath
from urllib.parse import urlsplit

from claims.metadata_dates import HeadLine, quote, stamp_matches
from claims.metadata_rules import DOMAIN, MetadataRules
from claims.types import Article

_SEGMENTS = re.compile(r"\s+[-–—|]\s+|\s*\|\s*")
_STAMP_PREFIX = re.compile(r"\s*[-–—|,]\s*")
_FILE_WORDS = re.compile(r"[^\W_]+")
_ORDINAL_PREFIX = re.compile(r"^[\d\W_]+")


@dataclass(frozen=True, slots=True)
class Signal:
    """A value found in the text or the article's name, and the words that say where."""

    value: str
    source: str
    line: int = 0


def find_dateline(
    lines: list[HeadLine], rules: MetadataRules
) -> tuple[Signal | None, Signal | None, int | None]:
    """The first dateline's outlet (when it names one), its city, and the line it is on."""
    for pattern in rules.datelines:
        for line in lines:
            match = pattern.search(line.text)
            parts = _dateline_parts(match, rules) if match else None
            if match is None or parts is None:
                continue
            outlet, city = parts
            where = f"dateline, text line {line.number}: {quote(match.group(0))}"
            found = Signal(rules.canonical_outlet(outlet), where, line.number) if outlet else None
            return found, Signal(city, where, line.number) if city else None, line.number
    return None, None, None


def _dateline_parts(match: re.Match[str], rules: MetadataRules) -> tuple[str | None, str] | None:
    g = {k: v.strip() for k, v in match.groupdict().items() if v}
    if "credit" in g:  # a byline's credit: only a name that is recognisably an outlet
        return (g["credit"], "") if rules.is_recognisable_outlet(g["credit"]) else None
    if "left" not in g:
        return g.get("outlet"), g.get("city", "")
    pairs = ((g["right"], g["left"]), (g["left"], g["right"]))  # "CITY, OUTLET" is likelier
    for is_outlet in (rules.is_known_outlet, lambda name: bool(DOMAIN.search(name))):
        for outlet, city in pairs:
            if is_outlet(outlet) and not is_outlet(city):
                return outlet, city
    return None  # neither part is recognisably the outlet: leave both unset


def find_outlet(
    article: Article,
    lines: list[HeadLine],
    rules: MetadataRules,
    *,
    dateline: Signal | None,
    masthead: Signal | None,
) -> Signal | None:
    """The outlet from the strongest signal there is (see the module docstring), or None.
    ``masthead``: as :func:`find_masthead` gives it."""
    domain_like = masthead if masthead and DOMAIN.search(masthead.value) else None
    return (
        dateline
        or _stamp_outlet(lines, rules)
        or domain_like
        or _url_outlet(article, rules)
        or masthead
        or file_name_outlet(article, rules)
    )


def find_masthead(article: Article, lines: list[HeadLine], rules: MetadataRules) -> Signal | None:
    """The page's first line as the outlet's name: a domain-like first word ("KABARPASAR.COM -
    Berita ..."), or a short name without digits that the file's name or the url's host
    spells ("PACIFIC HERALD" in "05_pacific_herald.txt")."""
    if not lines:
        return None
    line = lines[0]
    where = f"the masthead, text line {line.number}: {quote(line.text)}"
    first_word = line.text.split()[0].rstrip(".,:;|-–—+")
    if DOMAIN.search(first_word) and not first_word.lower().startswith(("http", "www.")):
        return Signal(rules.canonical_outlet(first_word), where, line.number)
    name = _SEGMENTS.split(line.text, maxsplit=1)[0].strip()
    words = name.split()
    if not 1 <= len(words) <= rules.masthead_max_words or any(c.isdigit() for c in name):
        return None
    if rules.is_title_furniture(name) or rules.is_weekday(name) or name[-1] in ".!?:":
        return None
    if not _spelled_by_name(name, article):
        return None
    return Signal(rules.canonical_outlet(name), where + " (the file's name spells it)", line.number)


def _stamp_outlet(lines: list[HeadLine], rules: MetadataRules) -> Signal | None:
    """The outlet printed before a publication stamp: "Kompas.com - 15/06/2022, 21:01 WIB"."""
    for line, match, _ in stamp_matches(lines, rules):
        prefix = line.text[: match.start()].strip(" -–—|,")
        name = _STAMP_PREFIX.split(prefix)[0].strip() if prefix else ""
        if name and rules.is_recognisable_outlet(name) and not rules.is_weekday(name):
            where = f"publication stamp, text line {line.number}: {quote(line.text)}"
            return Signal(rules.canonical_outlet(name), where, line.number)
    return None


def _url_outlet(article: Article, rules: MetadataRules) -> Signal | None:
    host = (urlsplit(article.url or "").hostname or "").removeprefix("www.")
    return Signal(rules.canonical_outlet(host), f"the url's host {host!r}") if host else None


def _spelled_by_name(name: str, article: Article) -> bool:
    """Whether the file's name or the url's host spells ``name`` (spacing, case and words
    such as "The" aside): "THE JAKARTA LEDGER" and "01_jakarta_ledger.txt"."""
    own = [w.casefold() for w in _FILE_WORDS.findall(name)]
    for other in (_file_words(article), _FILE_WORDS.findall(urlsplit(article.url or "").netloc)):
        theirs = [w.casefold() for w in other if not w.isdigit()]
        joined, mine = "".join(theirs), "".join(own)
        if len(joined) >= 3 and (joined in mine or set(theirs) <= set(own)):
            return True
    return False


def file_name_outlet(article: Article, rules: MetadataRules) -> Signal | None:
    """The file's name as the outlet's, when it is a name ("03_meridian_news.txt"), not an id,
    a hash, a date or a word such as "draft"; never for a JSON Lines record or stdin."""
    words = _file_words(article)
    kept = [w for w in words if w.casefold() not in rules.file_name_skip and not w.isdigit()]
    too_short = sum(len(w) for w in kept) < rules.file_name_min_letters
    if too_short or any(c.isdigit() for w in kept for c in w):  # an id or a hash, not a name
        return None
    name = " ".join(w if any(c.isupper() for c in w) else w.capitalize() for w in kept)
    return Signal(name, f"the file's name {PurePath(article.path).name!r}")


def _file_words(article: Article) -> list[str]:
    path = PurePath(article.path)
    if article.path.startswith("<") or re.search(r"\.jsonl?:\d+$", article.path, re.IGNORECASE):
        return []
    stem = _ORDINAL_PREFIX.sub("", path.stem)
    return [w.rstrip("0123456789") or w for w in _FILE_WORDS.findall(stem)]
