"""What a sentence is on the page: a statement to check, or a subheading kept for context.

A question standing alone as a short line ("Berapa korban di tiap kecamatan?"), a line that
introduces a list ("Berikut rinciannya:") and a short line with no figure and no closing
punctuation ("1. Diduga tersambar petir") are subheadings: they organise the story and state
nothing an editor would check: their claims carry the tag ``heading``. A line that is a
publication stamp or a dated byline ("Nasional | Selasa, 22/11/2022 20:15 WIB", "Ditulis oleh
Nama, 7 Oktober 2022") is the page's metadata: tag ``metadata``; its date is the article's,
not an event's. A row of a table ("| Prabowo-Gibran | 96.214.691 | 58,59 |") is tagged ``table``:
its figures mean what its column headings say, which the row does not. The checker never
pairs, flags or counts a claim with a tag of
:data:`NON_CLAIM_TAGS`, and events do not take their day from it. Limits come from the
language's ``[non_claims]`` (``clauses.toml``). Photo captions never get this far: cleaning
removes them as furniture.
"""

from __future__ import annotations

import re

from claims.lang import LanguageData
from claims.metadata_dates import HeadLine, stamp_matches
from claims.metadata_rules import metadata_rules
from claims.types import Article, Claim, Sentence

NON_CLAIM_TAGS = frozenset({"caption", "heading", "fragment", "metadata", "table", "too-long"})
_QUOTE_MARKS = '"“”«»„'
_CLOSED = re.compile(r"""[.!?…]["'”’»)\]*_]*$""")
_LETTER = re.compile(r"[^\W\d_]")


def is_checkable(claim: Claim) -> bool:
    """Whether ``claim`` states something to check (no non-claim tag)."""
    return not NON_CLAIM_TAGS.intersection(claim.tags)


def shape_tags(sentence: Sentence, article: Article, language: LanguageData) -> tuple[str, ...]:
    """``("heading",)`` for a subheading, ``("metadata",)`` for a stamp or a dated byline,
    ``("table",)`` for a table row (see the module docstring), else ``()``."""
    if not _stands_alone(sentence, article):
        return ()
    rules = language.clauses
    line = _line_of(sentence, article).strip()
    if len(line) > 1 and line[0] == line[-1] == "|":
        return ("table",)
    text = sentence.text.strip(" *_#>")
    stamp = HeadLine(sentence.span.line, text)
    if any(stamp_matches([stamp], metadata_rules(language), max_words=rules.stamp_max_words)):
        return ("metadata",)
    words = len(text.split())
    if any(mark in text for mark in _QUOTE_MARKS):
        return ()
    if text.endswith("?") and words <= rules.question_max_words:
        return ("heading",)
    if text.endswith(":"):
        return ("heading",)
    short = words <= rules.heading_max_words and not any(ch.isdigit() for ch in text)
    if short and not _CLOSED.search(text):
        return ("heading",)
    return ()


def _stands_alone(sentence: Sentence, article: Article) -> bool:
    """Whether the sentence is all of its line (a list number or bullet before it aside)."""
    line = _line_of(sentence, article)
    start = article.text.rfind("\n", 0, sentence.span.start) + 1
    before = line[: sentence.span.start - start]
    after = line[sentence.span.end - start :]
    return not _LETTER.search(before) and not after.strip(" *_")


def _line_of(sentence: Sentence, article: Article) -> str:
    """The source line(s) the sentence stands on, from the start of its first line to the end
    of its last."""
    text = article.text
    start = text.rfind("\n", 0, sentence.span.start) + 1
    end = text.find("\n", sentence.span.end)
    return text[start : end if end >= 0 else len(text)]
