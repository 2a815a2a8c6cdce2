"""Language identification by stopword profile.

Every language with a ``stopwords`` section (``claims/lang/<code>/stopwords.toml``, or one in
the user data folder) takes part: a text is in the language whose commonest function words
make up the largest share of its words, provided that share is large enough and clearly ahead
of the runner-up (thresholds in ``claims/lang/und/metadata.toml``, ``[language]``). Otherwise
the answer is ``"und"``: news text is full of names, numbers and quotes in other languages,
and a wrong language would send every later stage to the wrong word lists.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from claims.lang import UNIVERSAL, available_languages, configured_data_path, load_language
from claims.terms import WORD

UNDETERMINED = UNIVERSAL
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


def detect_language(text: str, *, data_path: Path | None = None) -> str:
    """The code of the language ``text`` is written in (``"id"``, ``"en"``, ...), or ``"und"``."""
    return guess_language(text, data_path=data_path).language


def guess_language(text: str, *, data_path: Path | None = None) -> LanguageGuess:
    """Detection with its evidence: the stopword share of every known language.

    ``data_path``: a user language data folder (default: the configured one).
    """
    folder = data_path if data_path is not None else configured_data_path()
    words = [w.casefold() for w in WORD.findall(text[:_MAX_CHARS])]
    shares = sorted(
        ((code, _share(words, stopwords)) for code, stopwords in _profiles(folder).items()),
        key=lambda item: (-item[1], item[0]),
    )
    limits = load_language(UNIVERSAL, folder).metadata
    language = UNDETERMINED
    if len(words) >= limits.detection_min_words and shares:
        best, share = shares[0]
        runner_up = shares[1][1] if len(shares) > 1 else 0.0
        enough = share >= limits.detection_min_share
        if enough and share - runner_up >= limits.detection_min_lead:
            language = best
    return LanguageGuess(language, len(words), tuple(shares))


def _share(words: list[str], stopwords: frozenset[str]) -> float:
    if not words:
        return 0.0
    return sum(word in stopwords for word in words) / len(words)


@cache
def _profiles(folder: Path | None) -> Mapping[str, frozenset[str]]:
    """Each available language's stopwords; languages without a list are left out."""
    profiles = {}
    for code in available_languages(folder):
        if code != UNIVERSAL and (words := load_language(code, folder).stopwords.words):
            profiles[code] = words
    return profiles
