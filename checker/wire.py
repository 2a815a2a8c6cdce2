"""Copies of one wire story: two outlets that ran the same agency story are one source.

Regional sites often carry an ANTARA or Reuters story with a new headline and a few words
changed. Two articles are copies when they credit the same news agency (a ``MEDIA`` entity of
the gazetteer, as in "Jakarta (ANTARA) -") and share most of their content words (70 % of the
shorter one's; independent reports of one event share about half). Corroboration counts a
story's copies as one outlet and never lets one copy back another (checker/corroboration.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations

from checker.similarity import stopwords
from claims import terms
from claims.entities import find_entities
from claims.types import Article

COPY_SHARE = 0.7  # content words shared (of the shorter article) by copies of one story
_CREDIT_SPAN = 600  # characters at either end of an article where a wire credit stands


@dataclass(frozen=True, slots=True)
class WireStory:
    """Articles that carry one wire story, and the agency they credit."""

    agency: str
    articles: tuple[str, ...]  # article ids, in the order given


def wire_stories(articles: Iterable[Article]) -> tuple[WireStory, ...]:
    """The groups of two or more articles that are copies of one story."""
    found = list(articles)
    credited: dict[str, list[Article]] = {}
    for article in found:
        for name in _agencies(article):
            credited.setdefault(name, []).append(article)
    words: dict[str, frozenset[str]] = {}
    group = {a.id: a.id for a in found}
    agency: dict[str, str] = {}
    for name, crediting in sorted(credited.items()):  # only articles crediting one agency
        for a, b in combinations(crediting, 2):
            root_a, root_b = _root(group, a.id), _root(group, b.id)
            if root_a == root_b:
                continue  # already one story: comparing their words changes nothing
            if a.id not in words:
                words[a.id] = _content(a)
            if b.id not in words:
                words[b.id] = _content(b)
            if _share(words[a.id], words[b.id]) >= COPY_SHARE:
                group[root_b] = root_a
                agency[root_a] = agency.get(root_a) or agency.get(root_b) or name
    members: dict[str, list[str]] = {}
    for a in found:
        members.setdefault(_root(group, a.id), []).append(a.id)
    return tuple(
        WireStory(agency[root], tuple(ids)) for root, ids in members.items() if len(ids) > 1
    )


def story_of(stories: Iterable[WireStory]) -> Mapping[str, WireStory]:
    """Each copied article's story, by article id."""
    return {article: story for story in stories for article in story.articles}


def _content(article: Article) -> frozenset[str]:
    return terms.content_words(article.text, stopwords(article.language))


def _agencies(article: Article) -> set[str]:
    """The news agencies an article credits where credits stand: its opening (the dateline,
    "Jakarta (ANTARA) -") and its close ("Pewarta: Tim ANTARA")."""
    text = article.text
    ends = (text[:_CREDIT_SPAN], text[-_CREDIT_SPAN:]) if len(text) > 2 * _CREDIT_SPAN else (text,)
    found = [e for part in ends for e in find_entities(part, start=0, article=article)]
    return {e.canonical for e in found if e.kind == "MEDIA"}


def _share(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _root(group: dict[str, str], article: str) -> str:
    """The article that stands for ``article``'s story (union-find, with path halving)."""
    while group[article] != article:
        group[article] = group[group[article]]
        article = group[article]
    return article
