"""Whether a text read is an article at all: a page of links, tags or headings is not.

An article has at least one line that reads as a sentence: long enough (the universal cleaning
data's ``story_min_words``, ``und/boilerplate.toml``) and with a word that ends a sentence
("... kata dia.", "... said on Monday."), wherever in the line it stands. A tag page, a list of
headlines or a menu has none, and checking it would only turn headings into claims. Such an
input is skipped with a reason that starts "not an article:", so the report names it.
"""

from __future__ import annotations

import re

from claims.clean import boilerplate_for
from claims.lang import UNIVERSAL

NOT_AN_ARTICLE = "not an article"
_SENTENCE_END = re.compile(r"""(?<=[^\W_]|[)\]"'”’»])[.!?…]["'”’»)\]]*(?=\s|$)""")


def not_an_article(text: str) -> str | None:
    """Why ``text`` is not an article, or None when at least one line reads as a sentence."""
    least = boilerplate_for(UNIVERSAL).story_min_words
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if any(len(line.split()) >= least and _SENTENCE_END.search(line) for line in lines):
        return None
    return (
        f"{NOT_AN_ARTICLE}: none of its {len(lines)} line(s) reads as a sentence (a page of "
        "links, tags or headings?); no claims are taken from it"
    )
