"""Quotation marks: where quotations open and close, and the sentence with them masked.

Quotation marks are punctuation, the same in every language. Straight and curly double marks,
guillemets and low-high pairs are read; a single mark between letters is an apostrophe.
"""

from __future__ import annotations

from collections.abc import Iterable

MASK = "\ufffc"  # stands for every character of a quotation in a masked sentence
TRIM = " \t\n\r\xa0,;:."  # stripped from both ends of a quotation or clause
_DOUBLE = {"“": "”“", "„": "“”", "«": "»", "”": "”", '"': '"'}
_SINGLE = {"‘": "’", "'": "'"}
_UNAMBIGUOUS = "“„«"  # openers that never close, so their quotation may run to the sentence end


def quoted_regions(text: str) -> list[tuple[int, int, int]]:
    """Quotations as (opening mark, end, 1 if closed else 0); singles inside doubles are text."""
    regions: list[tuple[int, int, int]] = []
    i = 0
    while i < len(text):
        closers = _DOUBLE.get(text[i]) or _SINGLE.get(text[i])
        if closers is None or not _opens(text, i):
            i += 1
            continue
        j = _closing(text, i + 1, closers, single=text[i] in _SINGLE)
        if j is not None:
            regions.append((i, j + 1, 1))
            i = j + 1
        elif text[i] in _UNAMBIGUOUS:
            regions.append((i, len(text), 0))
            break
        else:
            i += 1
    return regions


def _opens(text: str, i: int) -> bool:
    following = text[i + 1 : i + 2]
    if not following or following.isspace():
        return False
    return text[i] in _UNAMBIGUOUS or i == 0 or text[i - 1].isspace() or text[i - 1] in "([{/–—-"


def _closing(text: str, start: int, closers: str, *, single: bool) -> int | None:
    for k in range(start, len(text)):
        # A single mark between letters is an apostrophe ("Jum'at"), not a closing quote.
        if text[k] in closers and not (single and text[k + 1 : k + 2].isalpha()):
            return k
    return None


def mask_quotations(text: str, regions: Iterable[tuple[int, int, int]]) -> str:
    chars = list(text)
    for a, b, _closed in regions:
        chars[a:b] = MASK * (b - a)
    return "".join(chars)


def trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in TRIM:
        a += 1
    while b > a and text[b - 1] in TRIM:
        b -= 1
    return a, b
