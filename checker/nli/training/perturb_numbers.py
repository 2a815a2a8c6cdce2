"""Perturbations of dates, weekdays, years, counts and ordinals.

Each ``edit_*`` function returns the sentence with one edit applied, or None when its pattern
does not occur. The contradiction edits change the value; :func:`edit_number_format` rewrites
a number in another form with the same value ("5.000" -> "5 ribu").
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator

from checker.nli.training.perturb_lexicon import (
    WORD_LEFT,
    WORD_RIGHT,
    Candidate,
    Lexicon,
    apply_one,
    like,
    lookup,
    next_word,
    ordinary_word,
    previous_word,
    word_pattern,
)

NUMBER = re.compile(
    r"(?:(?<=Rp)|(?<![\w/.,:$€-]))(?P<int>\d{1,3}(?:\.\d{3})+|\d+)(?:,(?P<dec>\d+))?"
    r"(?![\w/:-]|[.,]\d)"
)
YEAR = re.compile(r"(?<![\w.,:-])(?P<y>1[89]\d\d|20\d\d)(?![\w:-]|[.,]\d)")
SHIFTS = (-3, -2, -1, 1, 2, 3)


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _weekdays(lex: Lexicon) -> tuple[list[str], dict[str, str]]:
    names = list(lex.calendar["weekdays"])
    return names, dict(lex.calendar.get("weekday_variants", {}))


def _shift_weekday(lex: Lexicon, name: str | None, delta: int) -> str:
    if not name:
        return ""
    names, variants = _weekdays(lex)
    index = names.index(variants.get(name, name))
    return names[(index + delta) % 7]


def _day_shift(day: int, rng: random.Random) -> int:
    options = [day + k for k in SHIFTS if 1 <= day + k <= max(28, day)]
    return day + rng.choice([k for k in SHIFTS if day + k in options])


def _date_candidates(text: str, lex: Lexicon, rng: random.Random) -> Iterator[Candidate]:
    names, variants = _weekdays(lex)
    weekday = _alternation(names + list(variants))
    months = list(lex.calendar["months"])
    numeric = re.compile(
        rf"(?:(?P<wd>{weekday}),? \()?(?<![\w/.])(?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})"
        rf"(?P<y>/\d{{2,4}})?(?![\w/])"
    )
    for match in numeric.finditer(text):
        day, month = int(match["d"]), int(match["m"])
        if not (1 <= day <= 31 and 1 <= month <= 12):
            continue
        new_day = _day_shift(day, rng)
        prefix = f"{_shift_weekday(lex, match['wd'], new_day - day)} (" if match["wd"] else ""
        digits = f"{new_day:0{len(match['d'])}d}/{match['m']}{match['y'] or ''}"
        yield match.start(), match.end(), prefix + digits
    spelled = re.compile(
        rf"(?:(?P<wd>{weekday})(?P<sep>,? ))?(?<![\w.,/])(?P<d>\d{{1,2}}) "
        rf"(?P<mon>{_alternation(months)}){WORD_RIGHT}"
    )
    for match in spelled.finditer(text):
        day = int(match["d"])
        new_day = _day_shift(day, rng)
        shifted = _shift_weekday(lex, match["wd"], new_day - day)
        prefix = f"{shifted}{match['sep']}" if match["wd"] else ""
        yield match.start(), match.end(), f"{prefix}{new_day} {match['mon']}"
    for match in re.finditer(rf"(?<!\d ){WORD_LEFT}(?:{_alternation(months)}){WORD_RIGHT}", text):
        index = months.index(match[0])
        yield match.start(), match.end(), months[(index + rng.choice((-1, 1))) % 12]


def edit_date(text: str, lex: Lexicon, rng: random.Random) -> str | None:
    """Move a date: "Rabu (15/6)" -> "Kamis (16/6)", "15 Juni" -> "13 Juni", "Juni" -> "Juli"."""
    return apply_one(text, list(_date_candidates(text, lex, rng)), rng)


def edit_weekday(text: str, lex: Lexicon, rng: random.Random) -> str | None:
    """Swap a weekday that stands without a date ("pada hari Jumat" -> "pada hari Senin")."""
    names, variants = _weekdays(lex)
    blocked = tuple(lex.calendar.get("weekday_not_before", ()))
    candidates = []
    for match in word_pattern(tuple(names + list(variants))).finditer(text):
        after = text[match.end() :]
        if re.match(r",? \(?\d", after) or next_word(text, match.end()).startswith(blocked):
            continue
        current = variants.get(match[0], match[0])
        others = [name for name in names if name != current]
        candidates.append((match.start(), match.end(), rng.choice(others)))
    return apply_one(text, candidates, rng)


def edit_year(text: str, lex: Lexicon, rng: random.Random) -> str | None:
    """Change a year ("2022" -> "2021"), also inside a numeric date ("15/6/2022")."""
    candidates = []
    for match in YEAR.finditer(text):
        year = int(match["y"])
        candidates.append((match.start(), match.end(), str(year + rng.choice(SHIFTS))))
    return apply_one(text, candidates, rng)


def _format_int(value: int, dotted: bool) -> str:
    return f"{value:,}".replace(",", ".") if dotted else str(value)


def _count_matches(text: str, lex: Lexicon) -> Iterator[re.Match[str]]:
    """Digit numbers that are counts or amounts: not years, dates, clock times, article numbers."""
    months = tuple(lex.calendar["months"])
    not_after = set(lex.numbers.get("not_after", ()))
    for match in NUMBER.finditer(text):
        if YEAR.fullmatch(match[0]) or next_word(text, match.end()).rstrip(".,;)") in months:
            continue
        if previous_word(text, match.start()) in not_after or text[match.end() :].startswith("/"):
            continue
        yield match


def _changed_count(value: int, rng: random.Random) -> int:
    magnitude = 10 ** (len(str(value)) - 1)
    options = [value + k * magnitude for k in (1, 2, 3, 5, 10)]
    options += [value - k * magnitude for k in (1, 2) if value - k * magnitude > 0]
    return rng.choice(options)


def edit_number(text: str, lex: Lexicon, rng: random.Random) -> str | None:
    """Change a count or amount: "5.000" -> "15.000", "US$ 1 miliar" -> "US$ 2 miliar",
    "empat bulan" -> "enam bulan"."""
    candidates: list[Candidate] = []
    for match in _count_matches(text, lex):
        value = int(match["int"].replace(".", ""))
        changed = _changed_count(value, rng)
        new = _format_int(changed, "." in match["int"] or changed >= 1_000)
        candidates.append((match.start("int"), match.end("int"), new))
    words: dict[str, int] = dict(lex.numbers["words"])
    for match in word_pattern(tuple(words), fold_first=True).finditer(text):
        if not ordinary_word(text, match.start()):
            continue
        value = lookup(words, match[0])
        same_band = [w for w, v in words.items() if v != value and (v <= 11) == (value <= 11)]
        candidates.append((match.start(), match.end(), like(match[0], rng.choice(same_band))))
    return apply_one(text, candidates, rng)


def _ordinal_candidates(text: str, lex: Lexicon) -> Iterator[Candidate]:
    ordinals = list(lex.ordinals["words"])
    followers = set(lex.ordinals.get("ke_followed_by", ()))
    for match in word_pattern(tuple(ordinals), fold_first=True).finditer(text):
        if not ordinary_word(text, match.start()):
            continue
        index = ordinals.index(match[0].lower())
        after = next_word(text, match.end())
        punctuated = text[match.end() : match.end() + 1] in ("", ".", ",", ";", ":", ")", '"', "”")
        if index == 0:
            usable = not (punctuated and match.start() == 0)
        else:
            usable = (
                punctuated or after in followers or previous_word(text, match.start()) == "yang"
            )
        if usable:
            new = ordinals[index + 1] if index + 1 < len(ordinals) else ordinals[index - 1]
            yield match.start(), match.end(), like(match[0], new)
    for match in re.finditer(r"(?<![\w-])ke-(\d+)(?!\w)", text):
        yield match.start(1), match.end(1), str(int(match[1]) + 1)


def edit_ordinal(text: str, lex: Lexicon, rng: random.Random) -> str | None:
    """Move an ordinal one place ("kedua" -> "ketiga", "ke-2" -> "ke-3"); collective uses such
    as "kedua negara" ("both countries") are left alone."""
    return apply_one(text, list(_ordinal_candidates(text, lex)), rng)


def _scaled(value: int, scales: dict[str, int]) -> str | None:
    """``value`` written with a scale word ("2,5 juta"), when one decimal at most is needed."""
    for word, scale in sorted(scales.items(), key=lambda item: -item[1]):
        if value >= scale and (value * 10) % scale == 0:
            whole, tenth = divmod(value * 10 // scale, 10)
            return f"{whole},{tenth} {word}" if tenth else f"{whole} {word}"
    return None


def _format_candidates(text: str, lex: Lexicon) -> Iterator[Candidate]:
    scales: dict[str, int] = dict(lex.numbers["scales"])
    scale_words = "|".join(scales)
    percent = lex.numbers.get("percent_word", "persen")
    for match in _count_matches(text, lex):
        after = next_word(text, match.end()).rstrip(".,;:)")
        if "." in match["int"] and not match["dec"] and after not in scales:
            scaled = _scaled(
                int(match["int"].replace(".", "")),
                {k: v for k, v in scales.items() if v <= 1_000_000},
            )
            if scaled:
                yield match.start(), match.end(), scaled
        if after == percent:
            yield match.start(), match.end() + 1 + len(percent), f"{match[0]}%"
    small = {k: v for k, v in scales.items() if v <= 1_000_000}
    for match in re.finditer(rf"(?<![\w.,])(\d+)(?:,(\d))? ({'|'.join(small)}){WORD_RIGHT}", text):
        value = int(match[1]) * small[match[3]] + int(match[2] or 0) * small[match[3]] // 10
        yield match.start(), match.end(), _format_int(value, True)
    for match in re.finditer(r"(?<![\w.,])(\d+(?:[.,]\d+)*)%", text):
        yield match.start(), match.end(), f"{match[1]} {percent}"
    words: dict[str, int] = dict(lex.numbers["words"])
    for match in word_pattern(tuple(words), fold_first=True).finditer(text):
        compound = next_word(text, match.end()) in lex.numbers.get("compound_followers", ())
        if ordinary_word(text, match.start()) and not compound:
            yield match.start(), match.end(), _format_int(lookup(words, match[0]), True)
    prefixes: dict[str, str] = dict(lex.numbers.get("currency_prefixes", {}))
    alternation = "|".join(re.escape(p) for p in sorted(prefixes, key=len, reverse=True))
    amount = rf"(?P<amount>\d+(?:[.,]\d+)*(?: (?:{scale_words}))?){WORD_RIGHT}"
    for match in re.finditer(rf"(?<!\w)(?P<cur>{alternation}) ?{amount}", text):
        yield match.start(), match.end(), f"{match['amount']} {prefixes[match['cur']]}"


def edit_number_format(text: str, lex: Lexicon, rng: random.Random) -> str | None:
    """Write a number another way with the same value: "5.000" -> "5 ribu", "1,5 juta" ->
    "1.500.000", "10 persen" -> "10%", "US$ 1 miliar" -> "1 miliar dolar AS"."""
    return apply_one(text, list(_format_candidates(text, lex)), rng)
