"""English contradiction edits of dates, weekdays, years, counts and ordinals.

Each ``edit_*`` function returns the sentence with one value changed, or None when no value of
its kind occurs where the change is certain to contradict: estimates ("more than 1,000"),
ranges ("10 to 12"), labels ("Article 50") and ambiguous words ("May", "at first") are left
alone.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator, Mapping

from checker.nli.training.perturb_en_lexicon import (
    EnglishLexicon,
    alternation,
    blocked_spans,
    ends_with_phrase,
    inside,
    mentioned,
)
from checker.nli.training.perturb_lexicon import (
    WORD_LEFT,
    Candidate,
    apply_one,
    like,
    next_word,
    ordinary_word,
    previous_word,
    word_pattern,
)

SHIFTS = (-3, -2, -1, 1, 2, 3)
YEAR = re.compile(
    r"(?<![\w.,:$£€/-])(?P<y>(?:19|20)\d\d)(?![\w/:%–-]|[.,]\d"
    r"| (?:thousand|million|billion|percent|per cent)\b)"
)
NUMBER = re.compile(
    r"(?<![\w/.,:&+–-])(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<dec>\d+))?"
    r"(?!(?!-years?-old\b)[\w/:&+–-]|[.,]\d|['’]\w)"
)
NUMERIC_DATE = re.compile(r"(?<![\w/.,])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})(?![\w/])")
RANGE_WORDS = ("to", "or", "and", "-", "–")
CURRENCY_BEFORE = re.compile(r"(?:US|A|C|NZ|HK)?[$£€]$")


def ordinal_suffix(day: int) -> str:
    """ "st", "nd", "rd" or "th" for ``day``."""
    if 11 <= day % 100 <= 13:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def month_spellings(lex: EnglishLexicon) -> dict[str, str]:
    """Each month spelling (full or abbreviated) -> the full month name."""
    calendar = lex["calendar"]
    return {m: m for m in calendar["months"]} | dict(calendar["month_abbreviations"])


def _weekday_shift(lex: EnglishLexicon, name: str | None, delta: int) -> str:
    names = list(lex["calendar"]["weekdays"])
    return names[(names.index(name) + delta) % 7] if name else ""


def _new_day(day: int, rng: random.Random, top: int = 28) -> int:
    options = [day + k for k in SHIFTS if 1 <= day + k <= max(top, day)]
    return rng.choice(options)


def spelled_date_patterns(lex: EnglishLexicon) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """("June 15", "15 June") patterns, each with an optional weekday before."""
    weekday = alternation(lex["calendar"]["weekdays"])
    months = alternation(month_spellings(lex))
    month_day = re.compile(
        rf"(?:(?P<wd>{weekday})(?P<sep>,? ))?{WORD_LEFT}(?P<mon>{months}) "
        rf"(?P<d>\d{{1,2}})(?P<suf>st|nd|rd|th)?(?![\w:]|[.,]\d)"
    )
    day_month = re.compile(
        rf"(?:(?P<wd>{weekday})(?P<sep>,? ))?(?<![\w.,/$£€])(?P<d>\d{{1,2}})(?P<suf>st|nd|rd|th)? "
        rf"(?P<of>of )?(?P<mon>{months})(?![\w'’-])"
    )
    return month_day, day_month


def _shifted_day(
    text: str, match: re.Match[str], lex: EnglishLexicon, rng: random.Random
) -> Candidate:
    """The day of a spelled date moved, with its weekday (when given) kept in step."""
    day = int(match["d"])
    new = _new_day(day, rng)
    digits = f"{new}{ordinal_suffix(new) if match['suf'] else ''}"
    start, end = match.start("d"), match.end("suf") if match["suf"] else match.end("d")
    if not match["wd"]:
        return start, end, digits
    weekday = _weekday_shift(lex, match["wd"], new - day)
    return match.start("wd"), end, weekday + text[match.end("wd") : start] + digits


def _day_candidates(text: str, lex: EnglishLexicon, rng: random.Random) -> Iterator[Candidate]:
    for pattern in spelled_date_patterns(lex):
        for match in pattern.finditer(text):
            if 1 <= int(match["d"]) <= 31:
                yield _shifted_day(text, match, lex, rng)
    for match in NUMERIC_DATE.finditer(text):
        a, b = int(match["a"]), int(match["b"])
        if not (1 <= a <= 31 and 1 <= b <= 31) or (a > 12 and b > 12):
            continue
        year = match["y"]
        if b > 12:  # month/day
            yield match.start(), match.end(), f"{a}/{_new_day(b, rng)}/{year}"
        else:  # day/month, or ambiguous: any change of the first part moves the date
            yield match.start(), match.end(), f"{_new_day(a, rng, 28 if a > 12 else 12)}/{b}/{year}"


def _month_candidates(text: str, lex: EnglishLexicon, rng: random.Random) -> Iterator[Candidate]:
    calendar = lex["calendar"]
    months = list(calendar["months"])
    spellings = month_spellings(lex)
    after = set(calendar["month_after"])
    for match in re.finditer(rf"{WORD_LEFT}(?:{alternation(spellings)})(?![\w'’-])", text):
        before, following = previous_word(text, match.start()), next_word(text, match.end())
        day_after = re.match(r"\d{1,2}(?:st|nd|rd|th)?(?!\d)", following)
        day_before = re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?", before)
        year_after = re.match(r"(?:19|20)\d\d\b", following)
        numbered = bool(day_after or day_before or year_after)
        full = spellings[match[0]]
        if full in calendar["months_needing_number"] or match[0] != full:
            if not numbered:
                continue
        elif not numbered and before.lower() not in after:
            continue
        if following[:1].isupper() or (not numbered and following[:1].isdigit()):
            continue
        day_match = day_after or day_before
        if day_match and int(re.sub(r"\D", "", day_match[0])) > 28:
            continue
        index = months.index(full)
        neighbours = [months[(index + k) % 12] for k in (-1, 1)]
        fresh = [m for m in neighbours if not mentioned(text, (m,))]
        if fresh:  # "late March and early April" must not become "late April and early April"
            yield match.start(), match.end(), rng.choice(fresh)


def edit_date(text: str, lex: EnglishLexicon, rng: random.Random) -> str | None:
    """Move a date: "June 15" -> "June 13", "Monday, 15 June" -> "Tuesday, 16 June",
    "15/6/2022" -> "17/6/2022", "in June" -> "in July"."""
    candidates = list(_day_candidates(text, lex, rng)) + list(_month_candidates(text, lex, rng))
    return apply_one(text, candidates, rng)


def edit_weekday(text: str, lex: EnglishLexicon, rng: random.Random) -> str | None:
    """Swap a weekday that stands without a date ("on Friday" -> "on Monday"); weekdays inside
    names ("Black Friday", "Mail on Sunday") are left alone."""
    calendar = lex["calendar"]
    names = list(calendar["weekdays"])
    held = [m.span() for n in calendar["weekday_names"] for m in re.finditer(re.escape(n), text)]
    months = alternation(month_spellings(lex))
    pattern = re.compile(rf"{WORD_LEFT}(?:{alternation(names)})(?=['’]s\b|(?![\w'’-]))")
    candidates = []
    for match in pattern.finditer(text):
        if inside(held, match.start(), match.end()):
            continue
        if re.match(rf",? (?:\(?\d|(?:{months}) \d|the \d)", text[match.end() :]):
            continue  # a dated weekday belongs to the date edit
        if re.match(r" [A-Z]", text[match.end() :]):
            continue  # part of a title ("Sunday Morning", "Friday Night Lights")
        others = [n for n in names if n != match[0] and not mentioned(text, (n,))]
        if others:
            candidates.append((match.start(), match.end(), rng.choice(others)))
    return apply_one(text, candidates, rng)


def edit_year(text: str, lex: EnglishLexicon, rng: random.Random) -> str | None:
    """Change a year between 1900 and 2099 by one to three ("in 2016" -> "in 2018"), also inside
    a numeric date; not a season span ("2018-19") or an amount ("$2000")."""
    not_after = set(lex["numbers"]["not_after"])
    candidates = [
        (m.start(), m.end(), str(int(m["y"]) + rng.choice(SHIFTS)))
        for m in YEAR.finditer(text)
        if previous_word(text, m.start()) not in not_after
    ]
    return apply_one(text, candidates, rng)


def _hedged(text: str, start: int, end: int, lex: EnglishLexicon) -> bool:
    """Whether the number at ``start:end`` is an estimate, a bound or one end of a range."""
    numbers = lex["numbers"]
    before = CURRENCY_BEFORE.sub("", text[:start]).rstrip()
    if ends_with_phrase(before, numbers["hedges"]):
        return True
    scales = alternation([*numbers["scales"], *numbers["scale_suffixes"]])
    after = re.sub(rf"^ ?(?:{scales})\b", "", text[end:])
    if after.startswith(tuple(numbers["hedges_after"])):
        return True
    tokens_before = before.split()[-2:]
    tokens_after = after.split()[:2]
    numeric = re.compile(rf"[$£€]?\d|(?:{alternation(numbers['words'])}|one)\b", re.IGNORECASE)
    return (
        len(tokens_before) == 2
        and tokens_before[1].lower() in RANGE_WORDS
        and bool(numeric.match(tokens_before[0]))
    ) or (
        len(tokens_after) == 2
        and tokens_after[0].lower() in RANGE_WORDS
        and bool(numeric.match(tokens_after[1]))
    )


def count_matches(text: str, lex: EnglishLexicon) -> Iterator[re.Match[str]]:
    """Digit numbers that are counts or amounts: not years, days of a month or labels."""
    months = set(month_spellings(lex))
    not_after = set(lex["numbers"]["not_after"])
    for match in NUMBER.finditer(text):
        digits = match["int"]
        if "," not in digits and not match["dec"] and 1000 <= int(digits) <= 2099:
            continue  # written like a year
        before, after = previous_word(text, match.start()), next_word(text, match.end())
        if before in months or after.rstrip(".,;:)") in months or before in not_after:
            continue
        yield match


def _changed_count(value: int, rng: random.Random) -> int:
    magnitude = 10 ** (len(str(value)) - 1)
    options = [value + k * magnitude for k in (1, 2, 3, 5, 10)]
    options += [value - k * magnitude for k in (1, 2) if value - k * magnitude > 1]
    return rng.choice(options)


def _changed_decimal(match: re.Match[str], rng: random.Random) -> str:
    places = len(match["dec"])
    units = int(match["int"].replace(",", "") + match["dec"])
    options = [units + k for k in (1, 2, 3, 5, -1, -2) if units + k > 0]
    new = rng.choice(options)
    whole, fraction = divmod(new, 10**places)
    grouped = f"{whole:,}" if "," in match["int"] else str(whole)
    return f"{grouped}.{fraction:0{places}d}"


def _digit_candidates(text: str, lex: EnglishLexicon, rng: random.Random) -> Iterator[Candidate]:
    for match in count_matches(text, lex):
        if _hedged(text, match.start(), match.end(), lex):
            continue
        if match["dec"]:
            yield match.start(), match.end(), _changed_decimal(match, rng)
            continue
        value = int(match["int"].replace(",", ""))
        if value < 2:
            continue  # "1 person" cannot become "3 person"
        new = _changed_count(value, rng)
        grouped = "," in match["int"] or (value < 1000 <= new)
        yield match.start(), match.end(), f"{new:,}" if grouped else str(new)


def _word_candidates(text: str, lex: EnglishLexicon, rng: random.Random) -> Iterator[Candidate]:
    words: Mapping[str, int] = lex["numbers"]["words"]
    for match in word_pattern(tuple(words), fold_first=True).finditer(text):
        if not ordinary_word(text, match.start()) or _hedged(text, match.start(), match.end(), lex):
            continue
        value = words[match[0].lower()]
        band = [w for w, v in words.items() if v != value and (v <= 12) == (value <= 12)]
        yield match.start(), match.end(), like(match[0], rng.choice(band))


def edit_number(text: str, lex: EnglishLexicon, rng: random.Random) -> str | None:
    """Change a count or amount: "58 people" -> "68 people", "$1.2 billion" -> "$1.5 billion",
    "three years" -> "five years". Years, dates, estimates and ranges are left alone."""
    candidates = list(_digit_candidates(text, lex, rng)) + list(_word_candidates(text, lex, rng))
    return apply_one(text, candidates, rng)


def _moved_ordinal(index: int, count: int, noun: str, lex: EnglishLexicon) -> int | None:
    """The neighbouring ordinal: the next one, or the previous one where the next cannot be
    ("the second half" -> "the first half")."""
    top = min(count, int(lex["ordinals"]["bounded"].get(noun.lower(), count)))
    if index + 1 < top:
        return index + 1
    return index - 1 if index >= 1 else None


def _ordinal_candidates(text: str, lex: EnglishLexicon) -> Iterator[Candidate]:
    table = lex["ordinals"]
    words = list(table["words"])
    determiners = set(table["determiners"])
    held = blocked_spans(text, [re.escape(p) for p in table["blocked"]])
    for match in word_pattern(tuple(words), fold_first=True).finditer(text):
        before, after = previous_word(text, match.start()), next_word(text, match.end())
        possessive = before.endswith(("'s", "’s"))
        if not ordinary_word(text, match.start()) or inside(held, match.start(), match.end()):
            continue
        if before.lower() not in determiners and not possessive:
            continue
        noun = after.strip('.,;:!?"”)')
        if not re.fullmatch(r"[a-z][a-z-]*", noun) or noun in table["not_before"]:
            continue
        moved = _moved_ordinal(words.index(match[0].lower()), len(words), noun, lex)
        if moved is not None:
            yield match.start(), match.end(), like(match[0], words[moved])
    months = set(month_spellings(lex))
    for match in re.finditer(r"(?<![\w.,/-])(\d+)(st|nd|rd|th)(?![\w-])", text):
        before, after = previous_word(text, match.start()), next_word(text, match.end())
        if before in months or after.rstrip(".,") in months or after == "of":
            continue
        number = int(match[1])
        moved = _moved_ordinal(number - 1, 10**6, after.strip(".,;:"), lex)
        if moved is not None:
            yield match.start(), match.end(), f"{moved + 1}{ordinal_suffix(moved + 1)}"


def edit_ordinal(text: str, lex: EnglishLexicon, rng: random.Random) -> str | None:
    """Move an ordinal one place ("his second goal" -> "his third goal", "the 20th century" ->
    "the 21st century"); adverbs and idioms ("at first", "a second later") are left alone."""
    return apply_one(text, list(_ordinal_candidates(text, lex)), rng)
