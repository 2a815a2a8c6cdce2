"""Language identification by stopword profile.

Every language with a ``claims/lang/<code>/stopwords.toml`` takes part: a text is in the
language whose commonest function words make up the largest share of its words, provided
that share is large enough and clearly ahead of the runner-up (thresholds in
``claims/lang/und/metadata.toml``, ``[language]``). Otherwise the answer is ``"und"``:
news text is full of names, numbers and quotes in other languages, and a wrong language
would send every later stage to the wrong word lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from claims.errors import LanguageResourceError
from claims.lang import UNIVERSAL, available_languages, load_resource

UNDETERMINED = UNIVERSAL
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_MAX_CHARS = 20_000  # the opening of a long text decides as well as the whole of it


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    """The outcome of detection and the evidence for it, for provenance and ``--explain``."""

    language: str  # a code from claims/lang, or "und"
    words: int  # words counted
    shares: tuple[
        tuple[str, float], ...
    ]  # (language, share of words that are its stopwords), best first

    def describe(self) -> str:
        """Plain words: the shares that decided, e.g. "id 38% of 120 words, en 3%"."""
        if not self.shares:
            return f"no stopword lists to compare ({self.words} words)"
        parts = [f"{code} {share:.0%}" for code, share in self.shares[:3]]
        parts[0] += f" of {self.words} words"
        return "stopword share: " + ", ".join(parts)


@dataclass(frozen=True, slots=True)
class _Thresholds:
    min_words: int
    min_share: float
    min_lead: float


def detect_language(text: str) -> str:
    """The code of the language ``text`` is written in (``"id"``, ``"en"``, ...), or ``"und"``."""
    return guess_language(text).language


def guess_language(text: str) -> LanguageGuess:
    """Detection with its evidence: the stopword share of every known language."""
    words = [w.lower() for w in _WORD.findall(text[:_MAX_CHARS])]
    profiles = _stopword_profiles()
    shares = sorted(
        ((code, _share(words, stopwords)) for code, stopwords in profiles.items()),
        key=lambda item: (-item[1], item[0]),
    )
    limits = _thresholds()
    language = UNDETERMINED
    if len(words) >= limits.min_words and shares:
        best, share = shares[0]
        runner_up = shares[1][1] if len(shares) > 1 else 0.0
        if share >= limits.min_share and share - runner_up >= limits.min_lead:
            language = best
    return LanguageGuess(language, len(words), tuple(shares))


def _share(words: list[str], stopwords: frozenset[str]) -> float:
    if not words:
        return 0.0
    return sum(word in stopwords for word in words) / len(words)


@cache
def _stopword_profiles() -> dict[str, frozenset[str]]:
    """Each available language's stopwords, lower case; languages without a list are left out."""
    profiles = {}
    for code in available_languages():
        if code == UNIVERSAL:
            continue
        words = load_resource(code, "stopwords").get("words", [])
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise LanguageResourceError(
                f"claims/lang/{code}/stopwords.toml: `words` must be a list of strings"
            )
        if words:
            profiles[code] = frozenset(w.lower() for w in words)
    return profiles


@cache
def _thresholds() -> _Thresholds:
    table = load_resource(UNIVERSAL, "metadata").get("language", {})
    try:
        return _Thresholds(
            int(table["min_words"]), float(table["min_share"]), float(table["min_lead"])
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise LanguageResourceError(
            f"claims/lang/und/metadata.toml: [language] needs min_words, min_share and "
            f"min_lead as numbers ({exc!r})"
        ) from exc
