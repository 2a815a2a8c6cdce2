"""The claims package's exception hierarchy."""

from __future__ import annotations


class ClaimsError(Exception):
    """Base class for every error raised by :mod:`claims`."""


class InputError(ClaimsError):
    """An input (file, line, stream) that cannot be read as an article.

    The message names the input (and the line, when there is one) and says what to do.
    """

    def __init__(self, source: str, reason: str, *, line: int | None = None) -> None:
        self.source = source
        self.reason = reason
        self.line = line
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {reason}")


class LanguageResourceError(ClaimsError):
    """A per-language data file is missing or malformed."""
