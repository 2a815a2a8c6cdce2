"""Tests for claims.lang: one LanguageData per tag, checked sections, a user data folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from claims.clean import clean_article
from claims.entities import find_entities
from claims.errors import LanguageResourceError
from claims.extract import extract_corpus, independent_clauses
from claims.lang import (
    UNIVERSAL,
    available_languages,
    configure,
    load_language,
    normalise_tag,
)
from claims.lang.schema import merge
from claims.metadata_rules import metadata_rules
from claims.quotes import find_quotes
from claims.types import Article, Corpus, Sentence

PROMO = "Dukung jurnalisme berkualitas dengan berlangganan Harian Contoh hari ini"
STORY = (
    "Presiden Xi Jinping berbicara dengan Presiden Vladimir Putin melalui telepon pada Rabu, "
    "kata juru bicara Kremlin kepada wartawan di Moskow."
)


def _write(folder: Path, relative: str, text: str) -> Path:
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def newsroom(tmp_path: Path) -> Path:
    """A user data folder with an outlet's furniture line, an alias, a verb and an outlet."""
    _write(
        tmp_path,
        "id/boilerplate.toml",
        '[[rule]]\nid = "subscribe-promo"\nreason = "the outlet\'s subscription promotion"\n'
        "pattern = '''^dukung jurnalisme berkualitas\\b'''\n",
    )
    _write(
        tmp_path,
        "id/entities.toml",
        '[[entity]]\ncanonical = "China"\nkind = "GPE"\naliases = ["Negeri Tirai Bambu"]\n',
    )
    _write(tmp_path, "id/quotes.toml", '[verbs]\nquote = ["sergah"]\n')
    _write(
        tmp_path,
        "und/metadata.toml",
        '[[outlet]]\nname = "Harian Contoh"\naliases = ["HarianContoh"]\ndomains = ["contoh.id"]\n',
    )
    return tmp_path


@pytest.fixture
def configured(newsroom: Path) -> Iterator[Path]:
    previous = configure(newsroom)
    yield newsroom
    configure(previous)


@pytest.mark.parametrize(
    ("tag", "code"),
    [
        ("id", "id"),
        ("id-ID", "id"),
        ("ID", "id"),
        ("id_ID", "id"),
        (" en-GB ", "en"),
        ("fil", "fil"),
        ("", UNIVERSAL),
        ("x", UNIVERSAL),
        ("english", UNIVERSAL),
        ("12", UNIVERSAL),
        ("../../tmp/evil", UNIVERSAL),
        ("id/../../etc", UNIVERSAL),
    ],
)
def test_normalise_tag_primary_subtag_or_und(tag: str, code: str) -> None:
    assert normalise_tag(tag) == code


def test_load_language_one_object_per_code() -> None:
    assert load_language("id-ID") is load_language("id") is load_language("ID")
    assert load_language("id").code == "id"


def test_load_language_never_reads_a_path_from_the_tag(tmp_path: Path) -> None:
    evil = _write(tmp_path, "evil/quotes.toml", "this is = not [valid toml")
    for tag in (str(evil.parent), "../" * 12 + str(evil.parent).lstrip("/")):
        language = load_language(tag)
        assert language.code == UNIVERSAL
        assert all(str(tmp_path) not in f for f in language.files)
    # a folder in the user data folder is used only when its name is a language code
    assert load_language("evil", tmp_path).code == UNIVERSAL


def test_unknown_code_gets_universal_data_only() -> None:
    language = load_language("zz")
    assert language.code == "zz"
    assert language.files and all(f.startswith("claims/lang/und/") for f in language.files)
    assert not language.quotes.quote_verbs and not language.stopwords.words


@pytest.mark.parametrize("code", available_languages())
def test_every_packaged_language_loads(code: str) -> None:
    language = load_language(code)
    assert language.boilerplate.rules and language.metadata.head_lines > 0
    assert language.dates.patterns and language.clauses.joiners
    if code != UNIVERSAL:
        assert language.stopwords.words and language.quotes.quote_verbs


@pytest.mark.parametrize(
    ("relative", "text", "problem"),
    [
        ("id/quotes.toml", '[verbs]\nquotes = ["x"]\n', "verbs.quotes: unknown key"),
        ("id/quotes.toml", '[speakers]\nmax_words = "8"\n', "speakers.max_words: must be a whole"),
        ("id/entities.toml", '[[entity]]\ncanonical = "X"\n', "entity 1: needs kind"),
        ("id/dates.toml", "[[patterns]]\nkind = 'day'\nregex = '(?P<day'\n", "patterns 1: regex"),
        ("und/clauses.toml", 'joiners = "; "\n', "joiners: must be a list"),
        ("id/stopword.toml", "words = []\n", "not a language data file"),
        ("id/segment.toml", "abbreviations = [\n", "not valid TOML"),
    ],
)
def test_user_file_errors_name_the_file_and_key(
    tmp_path: Path, relative: str, text: str, problem: str
) -> None:
    path = _write(tmp_path, relative, text)
    with pytest.raises(LanguageResourceError) as caught:
        load_language("id", tmp_path)
    assert str(caught.value).startswith(f"{path}: ")
    assert problem in str(caught.value)


def test_missing_data_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(LanguageResourceError, match="does not exist"):
        load_language("id", tmp_path / "nowhere")
    with pytest.raises(LanguageResourceError, match="does not exist"):
        configure(tmp_path / "nowhere")


def test_merge_lists_concatenated_tables_joined_values_most_specific() -> None:
    user = {"rule": [{"id": "u"}], "names": {"min_words": 3}, "window": 2}
    packaged = {"rule": [{"id": "p"}], "names": {"min_words": 2, "connectors": ["bin"]}}
    universal = {"rule": [{"id": "x"}], "window": 8}
    assert merge([user, packaged, universal]) == {
        "rule": [{"id": "u"}, {"id": "p"}, {"id": "x"}],
        "names": {"min_words": 3, "connectors": ["bin"]},
        "window": 2,
    }


def test_user_furniture_rule_removes_the_outlets_line(newsroom: Path) -> None:
    article = Article(id="a", path="a.txt", text=f"{STORY}\n{PROMO}\n", language="id")
    plain = clean_article(article)
    own = clean_article(article, language=load_language("id", newsroom))
    assert [p.text for p in plain.passages] == [STORY, PROMO]
    assert [p.text for p in own.passages] == [STORY]
    assert [(r.text, r.rule) for r in own.removed] == [(PROMO, "subscribe-promo")]
    packaged_ids = [rule.id for rule in load_language("id").boilerplate.rules]
    assert [rule.id for rule in load_language("id", newsroom).boilerplate.rules] == [
        "subscribe-promo",
        *packaged_ids,
    ]


def test_user_alias_names_the_entity_and_packaged_aliases_stay(newsroom: Path) -> None:
    text = "Negeri Tirai Bambu dan Tiongkok"
    article = Article(id="a", path="a.txt", text=text, language="id")
    found = find_entities(text, start=0, article=article, language=load_language("id", newsroom))
    assert [(m.text, m.canonical) for m in found] == [
        ("Negeri Tirai Bambu", "China"),
        ("Tiongkok", "China"),
    ]
    plain = find_entities(text, start=0, article=article)
    assert ("Negeri Tirai Bambu", "China") not in [(m.text, m.canonical) for m in plain]


def test_user_reporting_verb_and_outlet_are_added(newsroom: Path) -> None:
    text = "“Kami tidak akan mundur,” sergah Putin."
    article = Article(id="a", path="a.txt", text=text, language="id")
    sentence = Sentence(text, article.span(0, len(text)))
    (quote,) = find_quotes(sentence, article, language=load_language("id", newsroom))
    assert (quote.speaker, quote.verb) == ("Putin", "sergah")
    rules = metadata_rules(load_language("id", newsroom))
    assert rules.canonical_outlet("contoh.id") == "Harian Contoh"
    assert rules.canonical_outlet("kompas.com") == "Kompas.com"  # packaged outlets stay


def test_configure_sets_the_data_folder_for_the_whole_pipeline(configured: Path) -> None:
    article = Article(id="a", path="a.txt", text=f"{STORY}\n{PROMO}\n", language="id-ID")
    assert load_language("id") is load_language("id", configured)
    (extracted,) = extract_corpus(Corpus((article,))).articles
    assert [c.text for c in extracted.claims] == [STORY]
    assert "id" in available_languages(configured)


def test_extract_corpus_takes_a_data_folder(newsroom: Path) -> None:
    article = Article(id="a", path="a.txt", text=f"{STORY}\n{PROMO}\n", language="id")
    (plain,) = extract_corpus(Corpus((article,))).articles
    (own,) = extract_corpus(Corpus((article,)), data_path=newsroom).articles
    assert len(plain.claims) == 2 and [c.text for c in own.claims] == [STORY]


def test_independent_clauses_same_for_every_form_of_the_tag() -> None:
    text = (
        "Pemerintah China menyatakan dukungan penuh kepada Rusia, tetapi para diplomat Barat "
        "meragukan janji itu akan ditepati."
    )
    sentence = Sentence(text, Article(id="s", path="s.txt", text=text).span(0, len(text)))
    spans = {tag: list(independent_clauses(sentence, tag)) for tag in ("id", "id-ID", "ID")}
    assert len(spans["id"]) == 2
    assert spans["id-ID"] == spans["ID"] == spans["id"]


def test_joined_settings_are_checked_once(tmp_path: Path) -> None:
    path = _write(tmp_path, "und/boilerplate.toml", "[duplicates]\nmin_ratio = 2\n")
    with pytest.raises(LanguageResourceError, match="min_ratio must be in") as caught:
        load_language("und", tmp_path)
    assert str(caught.value).startswith(f"{path} + claims/lang/und/boilerplate.toml: ")


def test_user_settings_win_over_packaged_ones(tmp_path: Path) -> None:
    _write(tmp_path, "und/clauses.toml", 'min_claim_words = 4\njoiners = [", lalu "]\n')
    clauses = load_language("id", tmp_path).clauses
    assert clauses.min_claim_words == 4  # the newsroom's und/ over claims/lang/id/
    assert clauses.joiners[0] == ", lalu " and "; " in clauses.joiners
    assert load_language("id").clauses.min_claim_words == 3
