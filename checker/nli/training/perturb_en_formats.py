"""The English entailment edit that writes a number or a date another way with the same value:
"15,000" -> "15000" or "15 thousand", "1.2 million" -> "1,200,000", "$5" -> "5 dollars",
"58%" -> "58 percent", "three" -> "3", "June 15, 2022" -> "15 June 2022" -> "15/6/2022".

A numeric date is only written or read where its order is certain: "15/6/2022" (15 cannot be a
month), never "5/6/2022" (May 6 or June 5).
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator, Mapping

from checker.nli.training.perturb_en_lexicon import EnglishLexicon, alternation
from checker.nli.training.perturb_en_numbers import (
    NUMERIC_DATE,
    count_matches,
    month_spellings,
    spelled_date_patterns,
)
from checker.nli.training.perturb_lexicon import (
    WORD_RIGHT,
    Candidate,
    apply_one,
    next_word,
    ordinary_word,
    previous_word,
    word_pattern,
)

GROUPED_FROM = 10_000  # below this, "1500" and "1,500" are both usual; above it commas are
SMALL_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight"}
SMALL_WORDS |= {9: "nine", 10: "ten", 11: "eleven", 12: "twelve"}


def _scaled(value: int, scales: Mapping[str, int]) -> str | None:
    """``value`` with the largest scale word it reaches, when two decimals at most are needed."""
    for word, scale in sorted(scales.items(), key=lambda item: -item[1]):
        if value >= scale and (value * 100) % scale == 0:
            hundredths = value * 100 // scale
            whole, fraction = divmod(hundredths, 100)
            decimals = f".{fraction:02d}".rstrip("0") if fraction else ""
            return f"{whole}{decimals} {word}"
    return None


def _count_candidates(text: str, lex: EnglishLexicon) -> Iterator[Candidate]:
    scales: Mapping[str, int] = lex["numbers"]["scales"]
    not_after = set(lex["numbers"]["not_after"])
    for match in count_matches(text, lex):
        if match["dec"] or previous_word(text, match.start()) in not_after:
            continue
        digits = match["int"]
        value = int(digits.replace(",", ""))
        following = next_word(text, match.end()).strip(".,;:")
        if value >= GROUPED_FROM:
            yield (
                match.start(),
                match.end(),
                digits.replace(",", "") if "," in digits else f"{value:,}",
            )
        if value >= 1000 and following not in scales and (scaled := _scaled(value, scales)):
            yield match.start(), match.end(), scaled
        before = text[match.start() - 1 : match.start()]
        if value in SMALL_WORDS and before not in "$£€" and re.fullmatch(r"[a-z]+", following):
            yield match.start(), match.end(), SMALL_WORDS[value]


def _scale_candidates(text: str, lex: EnglishLexicon) -> Iterator[Candidate]:
    scales: Mapping[str, int] = lex["numbers"]["scales"]
    pattern = rf"(?<![\w.,])(\d+)(?:\.(\d+))? ({alternation(scales)}){WORD_RIGHT}"
    for match in re.finditer(pattern, text):
        decimals = match[2] or ""
        value = int(match[1] + decimals) * scales[match[3]] // 10 ** len(decimals)
        if value * 10 ** len(decimals) == int(match[1] + decimals) * scales[match[3]]:
            yield match.start(), match.end(), f"{value:,}"


def _currency_candidates(text: str, lex: EnglishLexicon) -> Iterator[Candidate]:
    numbers = lex["numbers"]
    prefixes: Mapping[str, str] = numbers["currency_prefixes"]
    suffixes: Mapping[str, str] = numbers["scale_suffixes"]
    scales = alternation(numbers["scales"])
    pattern = re.compile(
        rf"(?<![\w$])(?P<cur>{alternation(prefixes)})(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)"
        rf"(?:(?P<suf>{alternation(suffixes)})\b| (?P<scale>{scales})\b)?(?![\w.,]\d|\w)"
    )
    for match in pattern.finditer(text):
        scale = suffixes[match["suf"]] if match["suf"] else match["scale"]
        if match["num"] == "1" and not scale:
            continue  # "1 dollars"
        amount = f"{match['num']} {scale}" if scale else match["num"]
        yield match.start(), match.end(), f"{amount} {prefixes[match['cur']]}"
        if match["suf"]:
            yield match.start(), match.end(), f"{match['cur']}{amount}"
    words: Mapping[str, str] = numbers["currency_words"]
    pattern = re.compile(
        rf"(?<![\w.,$£€])(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)(?: (?P<scale>{scales}))? "
        rf"(?P<word>{alternation(words)}){WORD_RIGHT}"
    )
    for match in pattern.finditer(text):
        scale = f" {match['scale']}" if match["scale"] else ""
        yield match.start(), match.end(), f"{words[match['word']]}{match['num']}{scale}"


def _percent_candidates(text: str, lex: EnglishLexicon) -> Iterator[Candidate]:
    words = lex["numbers"]["percent_words"]
    for match in re.finditer(r"(?<![\w.,])(\d+(?:\.\d+)?)%", text):
        yield match.start(), match.end(), f"{match[1]} {words[0]}"
    for match in re.finditer(
        rf"(?<![\w.,])(\d+(?:\.\d+)?) (?:{alternation(words)}){WORD_RIGHT}", text
    ):
        yield match.start(), match.end(), f"{match[1]}%"


def _word_candidates(text: str, lex: EnglishLexicon) -> Iterator[Candidate]:
    words: Mapping[str, int] = lex["numbers"]["words"]
    for match in word_pattern(tuple(words), fold_first=True).finditer(text):
        if match[0][:1].islower() and ordinary_word(text, match.start()):
            yield match.start(), match.end(), str(words[match[0]])


def _date_candidates(text: str, lex: EnglishLexicon) -> Iterator[Candidate]:
    """Spelled dates in the other order, as numbers where the order is certain, and back."""
    spellings = month_spellings(lex)
    months = list(lex["calendar"]["months"])
    month_day, day_month = spelled_date_patterns(lex)
    year_after = re.compile(r",? (\d{4})(?![\w/])")
    for match in month_day.finditer(text):
        day, month = int(match["d"]), spellings[match["mon"]]
        year = year_after.match(text, match.end())
        end = year.end() if year else match.end()
        start = match.start("mon")
        yield start, end, f"{day} {month}" + (f" {year[1]}" if year else "")
        if year and 12 < day <= 31:
            yield start, end, f"{day}/{months.index(month) + 1}/{year[1]}"
    for match in day_month.finditer(text):
        day, month = int(match["d"]), spellings[match["mon"]]
        year = re.compile(r" (\d{4})(?![\w/])").match(text, match.end())
        end = year.end() if year else match.end()
        yield match.start("d"), end, f"{month} {day}" + (f", {year[1]}" if year else "")
        if year and 12 < day <= 31:
            yield match.start("d"), end, f"{day}/{months.index(month) + 1}/{year[1]}"
    for match in NUMERIC_DATE.finditer(text):
        a, b, digits = int(match["a"]), int(match["b"]), match["y"]
        if len(digits) != 4:
            continue
        if 12 < a <= 31 and 1 <= b <= 12:
            yield match.start(), match.end(), f"{a} {months[b - 1]} {digits}"
        elif 12 < b <= 31 and 1 <= a <= 12:
            yield match.start(), match.end(), f"{months[a - 1]} {b}, {digits}"


def edit_number_format(text: str, lex: EnglishLexicon, rng: random.Random) -> str | None:
    """Write a number or date another way with the same value (see the module docstring)."""
    candidates = [
        *_count_candidates(text, lex),
        *_scale_candidates(text, lex),
        *_currency_candidates(text, lex),
        *_percent_candidates(text, lex),
        *_word_candidates(text, lex),
        *_date_candidates(text, lex),
    ]
    return apply_one(text, candidates, rng)
