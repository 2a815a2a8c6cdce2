"""Quotes in a sentence: direct quotations and reported speech, who spoke and who is cited.

Quotation marks are punctuation, the same in every language (:mod:`claims.quotes.marks`);
reporting verbs, outlet markers, pronouns and speaker titles come from the language's
``quotes`` section (:mod:`claims.quotes.attribution`); :mod:`claims.quotes.find` puts them
together.
"""

from __future__ import annotations

from claims.quotes.find import find_quotes, normalise_quote

__all__ = ["find_quotes", "normalise_quote"]
