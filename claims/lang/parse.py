"""How each section file is read: its schema (keys and kinds of value) and its builder.

:func:`claims.lang.data.load_language` checks every file against its section's schema (an
unknown key or a wrong kind of value is an error naming the file and the key), joins a
section's files most specific first, and hands the result to the section's builder.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from claims.errors import LanguageResourceError
from claims.lang.schema import (
    BOOL,
    INT,
    INT_TABLE,
    NUMBER,
    NUMBER_TABLE,
    REGEX,
    REGEXES,
    STR,
    STR_TABLE,
    STRS,
    STRS_TABLE,
    ArrayOf,
    Choice,
    Spec,
    Table,
)
from claims.lang.sections import (
    DATE_KINDS,
    DATE_STAMP_KINDS,
    ENTITY_KINDS,
    BoilerplateRule,
    BoilerplateSection,
    ClausesSection,
    DatePatternSpec,
    DatesSection,
    EntitiesSection,
    EntityEntry,
    MetadataSection,
    NamesSection,
    NumbersSection,
    OutletEntry,
    PlacesSection,
    PublishedPattern,
    QuotesSection,
    SegmentationSection,
    StopwordsSection,
    TimesSection,
)


def _each(kind: Spec, names: str) -> dict[str, Spec]:
    """The same kind for several keys: ``_each(STRS, "clause quote")``."""
    return dict.fromkeys(names.split(), kind)


def _table(required: str = "", /, **fields: Spec) -> Table:
    return Table(fields, frozenset(required.split()))


_SEGMENT = _table(
    **_each(STRS, "common_abbreviations abbreviations sent_starters"),
    dateline_max_words=INT,
    wrapped_lines=_table(
        min_chars=INT, **_each(NUMBER, "min_share headline_share"), list_item=REGEX
    ),
)
_CLAUSES = _table(
    joiners=STRS,
    **_each(INT, "min_words min_claim_words"),
    non_claims=_table(**_each(INT, "heading_max_words question_max_words stamp_max_words")),
)
_DATES = _table(
    **_each(STRS, "past_markers future_markers future_cues approx as_of recurrence"),
    parts=STR_TABLE,
    extra_names=STRS_TABLE,
    relative=STR_TABLE,
    patterns=ArrayOf(_table("kind regex", kind=Choice(DATE_KINDS), regex=REGEX, gate=REGEX)),
)
_NUMBERS = _table(
    **_each(STR, "thousands_separator decimal_separator"),
    **_each(NUMBER_TABLE, "words multipliers adders scales"),
    ordinal_words=INT_TABLE,
    **_each(STR_TABLE, "currency_symbols currencies"),
    number_rules=_table(
        ordinal_patterns=REGEXES,
        collective_ordinals=BOOL,
        **_each(STRS, "percent_words skip_phrases function_words"),
        approximation=NUMBER,
    ),
    **_each(STRS_TABLE, "number_bounds measures units modes"),
    measure_rules=_table(
        **_each(
            STRS,
            "classifiers generic_words subset_markers partitive change_words boundary_words "
            "developing fluctuating revision_words update_words ranking_words",
        )
    ),
)
_QUOTES = _table(
    verbs=_table(
        **_each(STRS, "clause quote impersonal complementisers"),
        pronoun_suffix=STR,
        complementiser_window=INT,
    ),
    outlets=_table(**_each(STRS, "name_after name_before source_after source_before media_words")),
    speakers=_table(
        **_each(STRS, "pronouns titles skip trailing stops alias_words"), max_words=INT
    ),
)
_ENTITIES = _table(
    names=_table(
        **_each(STRS, "not_names connectors"),
        **_each(INT, "min_words headline_words"),
        headline_share=NUMBER,
    ),
    entity=ArrayOf(
        _table("canonical kind", canonical=STR, kind=Choice(ENTITY_KINDS), aliases=STRS)
    ),
)
_BOILERPLATE = _table(
    rule=ArrayOf(
        _table(
            "id reason pattern",
            **_each(STR, "id reason"),
            pattern=REGEX,
            **_each(BOOL, "ignore_case opens_list name_line_before"),
            max_words=INT,
        )
    ),
    duplicates=_table(**_each(STR, "rule reason"), min_ratio=NUMBER),
    headline_list=_table(**_each(STR, "rule reason"), story_min_words=INT, story_end=REGEX),
    byline_name=_table(reason=STR, **_each(INT, "min_words max_words")),
    outlet_furniture=_table(**_each(STR, "rule reason"), min_articles=INT),
)
_METADATA = _table(
    title_skip=REGEXES,
    head=_table(lines=INT),
    language=_table(min_words=INT, **_each(NUMBER, "min_share min_lead")),
    title=_table(**_each(INT, "min_words max_words story_min_words")),
    dateline=ArrayOf(_table("regex", regex=REGEX)),
    published=ArrayOf(_table("kind regex", kind=Choice(DATE_STAMP_KINDS), regex=REGEX)),
    outlet=ArrayOf(_table("name", name=STR, **_each(STRS, "aliases domains"))),
    stamp=_table(
        **_each(INT, "max_words header_max_days"),
        time=REGEX,
        **_each(STRS, "byline_words update_words"),
    ),
    masthead=_table(max_words=INT),
    file_name=_table(skip=STRS, min_letters=INT),
)
_STOPWORDS = _table(words=STRS)
_TIMES = _table(
    clock=_table(**_each(STRS, "cues am pm approximate as_of local")),
    statements=_table(**_each(STRS, "breaks happened")),
    zones=NUMBER_TABLE,
    reference_zones=STRS,
    periods=STR_TABLE,
)
_PLACES = _table(**_each(STR_TABLE, "before after of"), markers=STRS, tiers=INT_TABLE)
_NAMES = _table(**_each(STRS, "titles generic joiners"), spellings=STR_TABLE)
_PERIOD = re.compile(r"(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})")


def _segmentation(t: Mapping[str, Any], files: str) -> SegmentationSection:
    wrapped = _needs(t, _SEGMENT, "wrapped_lines", files)
    return SegmentationSection(
        abbreviations=(*t.get("common_abbreviations", ()), *t.get("abbreviations", ())),
        sent_starters=tuple(t.get("sent_starters", ())),
        dateline_max_words=t.get("dateline_max_words", 6),
        wrap_min_chars=wrapped["min_chars"],
        wrap_min_share=float(wrapped["min_share"]),
        wrap_headline_share=float(wrapped["headline_share"]),
        list_item=wrapped["list_item"],
    )


def _clauses(t: Mapping[str, Any], files: str) -> ClausesSection:
    non_claims = _needs(t, _CLAUSES, "non_claims", files)
    return ClausesSection(
        joiners=tuple(dict.fromkeys(t.get("joiners", [";"]))),  # each once, in order
        min_words=t.get("min_words", 5),
        min_claim_words=t.get("min_claim_words", 3),
        heading_max_words=non_claims["heading_max_words"],
        question_max_words=non_claims["question_max_words"],
        stamp_max_words=non_claims["stamp_max_words"],
    )


def _dates(t: Mapping[str, Any], files: str) -> DatesSection:
    patterns = (
        DatePatternSpec(p["kind"], p["regex"], p.get("gate")) for p in t.get("patterns", ())
    )
    return DatesSection(
        names={key: tuple(names) for key, names in t.get("extra_names", {}).items()},
        past_markers=tuple(t.get("past_markers", ())),
        future_markers=tuple(t.get("future_markers", ())),
        future_cues=tuple(t.get("future_cues", ())),
        approx=tuple(t.get("approx", ())),
        as_of=tuple(t.get("as_of", ())),
        recurrence=tuple(t.get("recurrence", ())),
        parts=dict(t.get("parts", {})),
        relative=dict(t.get("relative", {})),
        patterns=tuple(patterns),
        files=files,
    )


def _numbers(t: Mapping[str, Any], files: str) -> NumbersSection:
    rules, measure = t.get("number_rules", {}), t.get("measure_rules", {})
    return NumbersSection(
        thousands=t.get("thousands_separator", ""),
        decimal=t.get("decimal_separator", ""),
        words={k: float(v) for k, v in t.get("words", {}).items()},
        multipliers={k: float(v) for k, v in t.get("multipliers", {}).items()},
        adders={k: float(v) for k, v in t.get("adders", {}).items()},
        scales={k: float(v) for k, v in t.get("scales", {}).items()},
        ordinals=dict(t.get("ordinal_words", {})),
        currencies={**t.get("currency_symbols", {}), **t.get("currencies", {})},
        ordinal_patterns=tuple(rules.get("ordinal_patterns", ())),
        collective_ordinals=rules.get("collective_ordinals", False),
        percent_words=tuple(rules.get("percent_words", ())),
        skip_phrases=tuple(rules.get("skip_phrases", ())),
        function_words=tuple(rules.get("function_words", ())),
        bounds=_lists(t.get("number_bounds", {})),
        measures=_lists(t.get("measures", {})),
        units=_lists(t.get("units", {})),
        modes=_lists(t.get("modes", {})),
        **{key: tuple(measure.get(key, ())) for key in _MEASURE_RULES},
        approximation=float(rules.get("approximation", 0.05)),
    )


_MEASURE_RULES = [
    "classifiers",
    "generic_words",
    "subset_markers",
    "partitive",
    "change_words",
    "boundary_words",
    "developing",
    "fluctuating",
    "revision_words",
    "update_words",
    "ranking_words",
]


def _lists(table: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    return {key: tuple(words) for key, words in table.items()}


def _quotes(t: Mapping[str, Any], files: str) -> QuotesSection:
    verbs, outlets, speakers = (t.get(k, {}) for k in ("verbs", "outlets", "speakers"))
    return QuotesSection(
        clause_verbs=tuple(verbs.get("clause", ())),
        quote_verbs=tuple(verbs.get("quote", ())),
        pronoun_suffix=verbs.get("pronoun_suffix", ""),
        impersonal=tuple(verbs.get("impersonal", ())),
        complementisers=tuple(verbs.get("complementisers", ())),
        complementiser_window=verbs.get("complementiser_window", 8),
        name_after=tuple(outlets.get("name_after", ())),
        name_before=tuple(outlets.get("name_before", ())),
        source_after=tuple(outlets.get("source_after", ())),
        source_before=tuple(outlets.get("source_before", ())),
        media_words=tuple(outlets.get("media_words", ())),
        pronouns=tuple(speakers.get("pronouns", ())),
        titles=tuple(speakers.get("titles", ())),
        skip=tuple(speakers.get("skip", ())),
        trailing=tuple(speakers.get("trailing", ())),
        stops=tuple(speakers.get("stops", ())),
        alias_words=tuple(speakers.get("alias_words", ())),
        max_words=speakers.get("max_words", 8),
    )


def _entities(t: Mapping[str, Any], files: str) -> EntitiesSection:
    names = t.get("names", {})
    entries = tuple(
        EntityEntry(e["canonical"], e["kind"], tuple(e.get("aliases", ())))
        for e in t.get("entity", ())
    )
    for entry in entries:
        if not all(name.strip() for name in (entry.canonical, *entry.aliases)):
            raise LanguageResourceError(f"{files}: entity {entry.canonical!r} has a blank name")
    return EntitiesSection(
        entities=entries,
        not_names=tuple(names.get("not_names", ())),
        connectors=tuple(names.get("connectors", ())),
        min_words=names.get("min_words", 2),
        headline_share=float(names.get("headline_share", 0.6)),
        headline_words=names.get("headline_words", 5),
    )


def _boilerplate(t: Mapping[str, Any], files: str) -> BoilerplateSection:
    dup, lst, name, fur = (
        _needs(t, _BOILERPLATE, key, files)
        for key in ("duplicates", "headline_list", "byline_name", "outlet_furniture")
    )
    if not 0 < dup["min_ratio"] <= 1:
        raise LanguageResourceError(f"{files}: duplicates.min_ratio must be in (0, 1]")
    for template, values in (
        (dup["reason"], {"line": 1}),
        (lst["reason"], {"marker": "", "line": 1}),
        (name["reason"], {"label": "", "line": 1}),
    ):
        try:  # a bad placeholder fails here, once, not on the first article that needs it
            template.format(**values)
        except (KeyError, IndexError, ValueError) as exc:
            raise LanguageResourceError(f"{files}: bad placeholder in {template!r}") from exc
    return BoilerplateSection(
        rules=tuple(_rule(raw) for raw in t.get("rule", ())),
        duplicate_rule=dup["rule"],
        duplicate_reason=dup["reason"],
        min_ratio=float(dup["min_ratio"]),
        headline_rule=lst["rule"],
        headline_reason=lst["reason"],
        story_min_words=lst["story_min_words"],
        story_end=lst["story_end"],
        name_reason=name["reason"],
        name_words=(name["min_words"], name["max_words"]),
        furniture_rule=fur["rule"],
        furniture_reason=fur["reason"],
        furniture_min_articles=fur["min_articles"],
    )


def _rule(raw: Mapping[str, Any]) -> BoilerplateRule:
    switches = (raw.get(key, False) for key in ("opens_list", "name_line_before"))
    max_words = raw.get("max_words")
    return BoilerplateRule(
        raw["id"], raw["reason"], raw["pattern"], raw.get("ignore_case", True), max_words, *switches
    )


def _metadata(t: Mapping[str, Any], files: str) -> MetadataSection:
    head, detection, title, stamp, masthead, file_name = (
        _needs(t, _METADATA, k, files)
        for k in ("head", "language", "title", "stamp", "masthead", "file_name")
    )
    return MetadataSection(
        title_skip=tuple(t.get("title_skip", ())),
        datelines=tuple(d["regex"] for d in t.get("dateline", ())),
        published=tuple(PublishedPattern(p["kind"], p["regex"]) for p in t.get("published", ())),
        outlets=tuple(
            OutletEntry(o["name"], tuple(o.get("aliases", ())), tuple(o.get("domains", ())))
            for o in t.get("outlet", ())
        ),
        head_lines=head["lines"],
        title_words=(title["min_words"], title["max_words"]),
        story_min_words=title["story_min_words"],
        detection_min_words=detection["min_words"],
        detection_min_share=float(detection["min_share"]),
        detection_min_lead=float(detection["min_lead"]),
        stamp_max_words=stamp["max_words"],
        header_max_days=stamp["header_max_days"],
        time=stamp["time"],
        byline_words=tuple(stamp["byline_words"]),
        update_words=tuple(stamp["update_words"]),
        masthead_max_words=masthead["max_words"],
        file_name_skip=tuple(file_name["skip"]),
        file_name_min_letters=file_name["min_letters"],
        files=files,
    )


def _stopwords(t: Mapping[str, Any], files: str) -> StopwordsSection:
    return StopwordsSection(frozenset(w.casefold() for w in t.get("words", ())))


def _times(t: Mapping[str, Any], files: str) -> TimesSection:
    clock = t.get("clock", {})
    return TimesSection(
        **{key: tuple(clock.get(key, ())) for key in ("cues", "am", "pm", "approximate")},
        as_of=tuple(clock.get("as_of", ())),
        local=tuple(clock.get("local", ())),
        breaks=tuple(t.get("statements", {}).get("breaks", ())),
        happened=tuple(t.get("statements", {}).get("happened", ())),
        zones={k: float(v) for k, v in t.get("zones", {}).items()},
        reference_zones=tuple(t.get("reference_zones", ())),
        periods={k: _period(k, v, files) for k, v in t.get("periods", {}).items()},
    )


def _period(word: str, written: str, files: str) -> tuple[int, int]:
    """Minutes from midnight of "18:00-02:00": (1080, 1560), an end past midnight past 1440."""
    match = _PERIOD.fullmatch(written.strip())
    if match is None:
        raise LanguageResourceError(f"{files}: periods.{word} must be written HH:MM-HH:MM")
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    if max(h1, h2) > 24 or max(m1, m2) > 59:
        raise LanguageResourceError(f"{files}: periods.{word} is not a time of day")
    start, end = h1 * 60 + m1, h2 * 60 + m2
    return start, end if end > start else end + 1440


def _places(t: Mapping[str, Any], files: str) -> PlacesSection:
    return PlacesSection(
        before=dict(t.get("before", {})),
        after=dict(t.get("after", {})),
        of=dict(t.get("of", {})),
        markers=tuple(t.get("markers", ())),
        tiers=dict(t.get("tiers", {})),
    )


def _names(t: Mapping[str, Any], files: str) -> NamesSection:
    return NamesSection(
        titles=frozenset(w.casefold() for w in t.get("titles", ())),
        generic=tuple(t.get("generic", ())),
        spellings={k.casefold(): v.casefold() for k, v in t.get("spellings", {}).items()},
        joiners=tuple(t.get("joiners", ())),
    )


def _needs(table: Mapping[str, Any], schema: Table, key: str, files: str) -> Mapping[str, Any]:
    """A settings table that the joined files must fill in completely (every key its schema
    names: a language file may set some of them, und/ sets the rest)."""
    found = table.get(key, {})
    spec = schema.fields[key]
    missing = [name for name in spec.fields if name not in found] if isinstance(spec, Table) else []
    if missing:
        raise LanguageResourceError(f"{files}: [{key}] needs {', '.join(missing)}")
    return found


Builder = Callable[[Mapping[str, Any], str], Any]

# file name (without .toml) -> (the attribute of LanguageData, its schema, its builder)
SECTIONS: dict[str, tuple[str, Table, Builder]] = {
    "segment": ("segmentation", _SEGMENT, _segmentation),
    "clauses": ("clauses", _CLAUSES, _clauses),
    "dates": ("dates", _DATES, _dates),
    "numbers": ("numbers", _NUMBERS, _numbers),
    "quotes": ("quotes", _QUOTES, _quotes),
    "entities": ("entities", _ENTITIES, _entities),
    "boilerplate": ("boilerplate", _BOILERPLATE, _boilerplate),
    "metadata": ("metadata", _METADATA, _metadata),
    "stopwords": ("stopwords", _STOPWORDS, _stopwords),
    "times": ("times", _TIMES, _times),
    "places": ("places", _PLACES, _places),
    "names": ("names", _NAMES, _names),
}
