"""What a figure measures and how exact it is, from the words around it.

"162 orang meninggal dunia" counts the dead, "Harga Pertalite dari semula Rp 7.650" prices
Pertalite, "lebih dari 13.400 warga" is a lower bound and "sekitar 61 ribu" an approximation.
The words come from the language's ``numbers.toml``: ``[measures]`` (what is counted, in words
shared across languages), ``[number_bounds]`` and ``[measure_rules]``. A figure is compared only
with a figure of the same measure (checker/figures.py), so nothing here needs to be sure:
a measure it cannot tell is None.

Search order for one figure, within its clause (up to punctuation, "dan"/"and", a reporting
verb or another figure): a measure word after it ("162 orang meninggal"), the noun right after
it that is no counting word ("42.000 tiket"), a measure word before it ("korban meninggal
tercatat 16 orang"), the measure of the figure it changes from ("dari Rp7.650 menjadi Rp10.000"),
and the names just before it ("Pertalite: Rp7.650", "di Merauke 0,07 persen").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from claims.lang import LanguageData
from claims.measure_words import MeasureWords, measure_words
from claims.types import Qualifier

_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|[,;()\[\]\"“”!?|–—]|\.(?=\s|$)|\s-\s|:")
_RIGHT_WORDS, _LEFT_WORDS, _NAMES, _QUALIFIERS = 8, 20, 3, 2
PART = " (part)"  # added to the measure of a figure that is a part of another


@dataclass(frozen=True, slots=True)
class _Token:
    start: int
    end: int
    kind: str  # "word", "stop" (punctuation, a boundary word), "verb" (reporting), "colon",
    # "figure" or "masked"
    text: str = ""


def qualifier_before(text: str, start: int, language: LanguageData) -> Qualifier:
    """How exact the figure starting at ``start`` is, from the words just before it."""
    before = text[max(0, start - 40) : start]
    for qualifier, pattern in measure_words(language).bounds:
        if pattern.search(before):
            return qualifier
    return Qualifier.EXACT


def unit_of(word: str | None, language: LanguageData) -> str | None:
    """The unit a word names ("kilometer" and "km" are "km"), or None."""
    return measure_words(language).units.get(word.casefold()) if word else None


@dataclass(frozen=True, slots=True)
class Measured:
    """What one figure measures, and the names (a product, a place) it is about."""

    measure: str | None
    scope: tuple[str, ...]


def measures(
    text: str,
    figures: Sequence[tuple[int, int]],
    masked: Sequence[tuple[int, int]],
    language: LanguageData,
) -> list[Measured]:
    """The measure of each figure (spans in ``text``), None where the words do not say."""
    words = measure_words(language)
    tokens = _tokens(text, figures, masked, words)
    index = {(t.start, t.end): i for i, t in enumerate(tokens) if t.kind == "figure"}
    headline = _is_headline(tokens)
    found: list[Measured] = []
    for span in figures:
        k = index[span]
        right = _window(tokens, k, +1, _RIGHT_WORDS)
        left = _window(tokens, k, -1, _LEFT_WORDS)
        scope = () if headline else _scope(left, right, words)
        measure = _measure(text, tokens, k, (left, right), words, found)
        if measure is None and not (right and right[0].text.casefold() in words.classifiers):
            measure = " ".join(scope)  # a product or place: "Pertalite: Rp7.650", "di Merauke"
        if measure and _is_part(text, tokens[k], left, right, words):
            measure += PART
        elif measure and (area := _subarea(right, words)):
            measure += f" ({area})"  # "14 orang meninggal di Kecamatan Pronojiwo"
        if measure:
            measure = _with_mode(text, measure, left, words)
        if measure and _ranked(text, span[0], measure, scope, words):
            measure = f"{measure.partition(' (')[0]} (ranked)"
        found.append(Measured(measure or None, scope))
    return found


def _ranked(text: str, start: int, measure: str, scope: Sequence[str], words: MeasureWords) -> bool:
    """A superlative before the figure in its sentence ("Kota Bukittinggi menjadi wilayah
    dengan inflasi tertinggi, yakni 1,87 persen"): the figure of one of several, not of the
    whole; unless the figure is already named by what it is about ("terendah di Merauke")."""
    if words.ranking is None or measure == " ".join(scope):
        return False
    return bool(words.ranking.search(text, 0, start))


def _measure(
    text: str,
    tokens: Sequence[_Token],
    k: int,
    windows: tuple[Sequence[_Token], Sequence[_Token]],
    words: MeasureWords,
    found: Sequence[Measured],
) -> str | None:
    left, right = windows
    unit = bool(right) and right[0].text.casefold() in words.units
    return (
        _named(text, right, words, first=True, developing=True)
        or _label(text, tokens, k, words)
        or _named(text, left[-2:], words, first=False, developing=True)  # "the bodies of 11"
        or _named(text, right, words, first=True)
        or _head(right, words)
        or (None if unit else _named(text, left, words, first=False))
        or _inherited(tokens, k, words, found[-1].measure if found else None)
    )


def _label(text: str, tokens: Sequence[_Token], k: int, words: MeasureWords) -> str | None:
    """The label of a list line: "- Rumah rusak: 2.272 unit", "Pertalite: Rp7.650"."""
    if k == 0 or tokens[k - 1].kind != "colon":
        return None
    label = _window(tokens, k - 1, -1, _RIGHT_WORDS)
    if not label:
        return None
    named = _named(text, label, words, first=False)
    return named or " ".join(_words_of(label, words)) or None


def _with_mode(text: str, measure: str, left: Sequence[_Token], words: MeasureWords) -> str:
    """ "inflation (forecast)": a forecast, a target or an earlier value is another figure."""
    start = left[0].start if left else None
    if measure.endswith(")"):
        return measure  # a part, or the mode of the figure it changes from
    for mode, pattern in words.modes:
        if pattern.match(text) or (start is not None and pattern.search(text, start, left[-1].end)):
            return f"{measure} ({mode})"
    return measure


def _window(tokens: Sequence[_Token], k: int, step: int, limit: int) -> list[_Token]:
    """The tokens next to figure ``k`` in one direction, up to the end of its clause."""
    out: list[_Token] = []
    i = k + step
    while 0 <= i < len(tokens) and len(out) < limit:
        token = tokens[i]
        if token.kind in ("stop", "figure") or token.kind == ("colon" if step > 0 else "verb"):
            break  # a reporting verb ends the words before a figure: "BNPB mencatat 62"
        if token.kind in ("word", "verb"):
            out.append(token)
        i += step
    return out if step > 0 else out[::-1]


def _named(
    text: str,
    window: Sequence[_Token],
    words: MeasureWords,
    *,
    first: bool,
    developing: bool = False,
) -> str | None:
    """A measure word in the window: after a figure the first, before it the nearest; only
    a measure of a developing story when ``developing`` ("11 pendaki ... meninggal")."""
    if not window:
        return None
    hits = [
        words.measure_of[" ".join(m.group(0).casefold().split())]  # a line break inside
        for m in words.measures.finditer(text, window[0].start, window[-1].end)
    ]
    if not first:
        hits.reverse()
    if developing:
        hits = [h for h in hits if h in words.developing]
    return hits[0] if hits else None


def _head(right: Sequence[_Token], words: MeasureWords) -> str | None:
    """The noun right after the figure, past counting words, with the words that qualify it
    ("2.345 rumah rusak berat", "2.272 unit rumah" -> rumah)."""
    for i, token in enumerate(right):
        word = token.text.casefold()
        if word in words.classifiers:
            continue
        if word in words.units or word in words.generic:
            return None
        qualifiers = []
        for following in right[i + 1 : i + 1 + _QUALIFIERS]:
            if following.text.casefold() in words.ignored:
                break
            qualifiers.append(following.text.casefold())
        return " ".join([word, *qualifiers])
    return None


def _words_of(tokens: Sequence[_Token], words: MeasureWords) -> list[str]:
    return [t.text.casefold() for t in tokens if t.text.casefold() not in words.ignored]


def _inherited(
    tokens: Sequence[_Token], k: int, words: MeasureWords, previous: str | None
) -> str | None:
    """The measure of the figure this one changes from: "dari Rp7.650 menjadi Rp10.000"."""
    i = k - 1
    while i >= 0 and (tokens[i].kind in ("word", "masked") or tokens[i].text == ","):
        i -= 1
    if i < 0 or tokens[i].kind != "figure" or previous is None:
        return None
    between = [t.text.casefold() for t in tokens[i + 1 : k] if t.kind == "word"]
    if not any(w in words.change for w in between) or not all(
        w in words.change or w in words.ignored or w in words.units for w in between
    ):
        return None
    return previous.partition(" (")[0]  # its mode ("earlier") is its own


def _scope(left: Sequence[_Token], right: Sequence[_Token], words: MeasureWords) -> tuple[str, ...]:
    """Capitalised names just before the figure ("Pertalite", "di Merauke") or after a place
    word after it ("di Kecamatan Cugenang"), casefolded."""
    before = [t for t in left if _is_name(t, words)][-_NAMES:]
    after: list[_Token] = []
    for i, token in enumerate(right[:-1]):
        if token.text.casefold() in words.place_markers:
            after = [t for t in right[i + 1 :] if _is_name(t, words)][:_NAMES]
            break
    return tuple(t.text.casefold() for t in (*before, *after))


def _subarea(right: Sequence[_Token], words: MeasureWords) -> str | None:
    """A district or village the figure is counted in ("di Kecamatan Pronojiwo"): a count of
    one part of the area, not of the whole event."""
    for i, token in enumerate(right[:-2]):
        if token.text.casefold() in words.place_markers:
            kind = right[i + 1].text.casefold()
            if kind in words.subareas:
                return f"{kind} {right[i + 2].text.casefold()}"
    return None


def _is_name(token: _Token, words: MeasureWords) -> bool:
    return token.text[:1].isupper() and token.text.casefold() not in words.ignored


def _is_part(
    text: str, figure: _Token, left: Sequence[_Token], right: Sequence[_Token], words: MeasureWords
) -> bool:
    """A part of another figure: "termasuk 7 anak", "Dari jumlah itu, 34 ...", "39 di
    antaranya", "dua di antara korban tewas"."""
    if left and words.subset.search(text, left[0].start, figure.start):
        return True
    if words.opening.match(text):
        return True
    end = right[-1].end if right else figure.end
    return bool(words.partitive.search(text, figure.end, end))


def _is_headline(tokens: Sequence[_Token]) -> bool:
    """Title case: most words after the first capitalised, so capitals name nothing."""
    letters = [t.text for t in tokens if t.kind == "word" and len(t.text) > 3][1:]
    return len(letters) >= 3 and sum(w[:1].isupper() for w in letters) / len(letters) > 0.6


def _tokens(
    text: str,
    figures: Sequence[tuple[int, int]],
    masked: Sequence[tuple[int, int]],
    words: MeasureWords,
) -> list[_Token]:
    taken = [(s, e, "figure") for s, e in figures] + [(s, e, "masked") for s, e in masked]
    out = [_Token(s, e, kind) for s, e, kind in taken]
    spans = sorted((s, e) for s, e, _ in taken)  # figures and masked spans never overlap
    i = 0
    for match in _TOKEN.finditer(text):
        s, e = match.span()
        while i < len(spans) and spans[i][1] <= s:
            i += 1
        if i < len(spans) and spans[i][0] < e:
            continue  # inside a figure or a date
        word = match.group(0)
        if word[0].isalpha():
            folded = word.casefold()
            kind = "stop" if folded in words.stops else "verb" if folded in words.verbs else "word"
        else:
            kind = "colon" if word == ":" else "stop"
        out.append(_Token(s, e, kind, word))
    return sorted(out, key=lambda t: t.start)
