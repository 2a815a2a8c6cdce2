"""English drift perturbations: each kind on news-style sentences, the patterns each must leave
alone, determinism, the balanced set builder, the command line and the word-list checks."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from checker.errors import CheckerError
from checker.nli.labels import NLILabel
from checker.nli.training.datasets import configured_data_root
from checker.nli.training.perturb import token_diff
from checker.nli.training.perturb_en import (
    PERTURBATION_KINDS,
    PERTURBATIONS,
    firing_rates,
    generate,
    main,
    ntrex_heldout_sentences,
    perturb_english,
)
from checker.nli.training.perturb_en_lexicon import DATA_FILE, load_english_lexicon

C, E = NLILabel.CONTRADICTION, NLILabel.ENTAILMENT
LEX = load_english_lexicon()
WEEKDAY = "|".join(LEX["calendar"]["weekdays"])
STATE = "|".join(p.name for p in LEX.places if p.pool == "states")
SURNAME = "|".join(p.short for p in LEX.people)
FULL_NAME = "|".join(p.full for p in LEX.people)
SMALL_WORD = "|".join(w for w, v in LEX["numbers"]["words"].items() if v <= 12)
NTREX = configured_data_root() / "parallel" / "ntrex128"

# (sentence, kind, tokens removed from the premise, pattern the added tokens must match)
TOKEN_EDITS = [
    # days after the 28th: the month cannot move too ("June 30" -> "February 30")
    ("The summit was held on June 30 in Singapore.", "date", ("30",), r"2[7-9]"),
    ("Troops fired on the crowd on Oct. 29, 1968, witnesses said.", "date", ("29,",), r"2[6-8],"),
    ("The album was released in March.", "date", ("March.",), r"(February|April)\."),
    ("The court is expected to rule on Friday.", "weekday", ("Friday.",), rf"({WEEKDAY})\."),
    (
        "Ash has fallen on the city since Monday's eruption.",
        "weekday",
        ("Monday's",),
        rf"({WEEKDAY})'s",
    ),
    ("The volcano has been active since 1994.", "year", ("1994.",), r"199[1-7]\."),
    ("The plane crashed with 47 passengers on board.", "number", ("47",), r"\d+"),
    ("The deal is worth $1.2 billion to the company.", "number", ("$1.2",), r"\$\d\.\d"),
    ("The bill contained six fights on the main card.", "number", ("six",), SMALL_WORD),
    ("The 35-year-old was taken to hospital.", "number", ("35-year-old",), r"\d+-year-old"),
    ("It was his second goal of the season.", "ordinal", ("second",), r"third"),
    ("Hamilton finished 3rd in the race in Sochi.", "ordinal", ("3rd",), r"4th"),
    ("Melrose began the second half well.", "ordinal", ("second",), r"first"),
    ('"The toll is still rising," Mr Nugroho said.', "speaker", ("Mr", "Nugroho"), FULL_NAME),
    ('"It is a disaster," said Pelosi.', "speaker", ("Pelosi.",), rf"({SURNAME})\."),
    (
        "The man was charged, according to Dan Bennett.",
        "speaker",
        ("Dan", "Bennett."),
        rf"({FULL_NAME})\.",
    ),
    ("The talks will go ahead, according to NATO.", "speaker", ("NATO.",), r"(the )?[A-Z][\w ]*\."),
    ("She was detained in Texas.", "entity", ("Texas.",), rf"({STATE})\."),
    ("Spain's Jon Rahm beat Tiger Woods.", "entity", ("Spain's",), r"(the )?[A-Z][\w .]*'s"),
    ("The ship is making its way to Palu.", "negation", (), r"not"),
    ("Patches can be found offshore of the county.", "negation", ("can",), r"cannot"),
    (
        "The government did not approve the plan.",
        "negation",
        ("did", "not", "approve"),
        r"approved",
    ),
    ("He wasn't at the meeting in Leeds.", "negation", ("wasn't",), r"was"),
    ("I have never hidden my politics.", "negation", ("never",), r""),
    ("Shares rose 5% on the news.", "antonym", ("rose",), r"fell"),
    ("The ruling party won the election.", "antonym", ("won",), r"lost"),
    ("Sales were up 6.6 per cent for the month.", "antonym", ("up",), r"down"),
    ("An increase in prices was reported.", "antonym", ("An", "increase"), r"A decrease"),
    ("The company employs 15,000 people.", "number_format", ("15,000",), r"15000|15 thousand"),
    ("Fox won with 2.4 million viewers.", "number_format", ("2.4", "million"), r"2,400,000"),
    ("Tickets cost $5 each.", "number_format", ("$5",), r"5 dollars"),
    ("The fall was 1.8 per cent in June.", "number_format", ("1.8", "per", "cent"), r"1\.8%"),
    ("The three envoys returned home.", "number_format", ("three",), r"3"),
    ("The minister said the plan was ready.", "synonym", ("said",), r"stated"),
    ("The energy released was about 200 times larger.", "synonym", ("about",), r"approximately"),
    ("The fire killed 58 people in the city.", "synonym", ("people",), r"persons"),
]

# (sentence, kind, the whole hypothesis)
REWRITES = [
    (
        "The bill was signed on 15/6/2022 in Skopje.",
        "number_format",
        "The bill was signed on 15 June 2022 in Skopje.",
    ),
    (
        '"The toll is still rising," agency spokesman Sutopo Purwo Nugroho said.',
        "reported",
        "Agency spokesman Sutopo Purwo Nugroho said that the toll is still rising.",
    ),
    (
        'HMC chief Mike Buchanan said: "Parents and teachers cannot find these accounts."',
        "reported",
        "HMC chief Mike Buchanan said that parents and teachers cannot find these accounts.",
    ),
    (
        '"Aguero is struggling with problems in his feet," manager Pep Guardiola told reporters.',
        "reported",
        "Manager Pep Guardiola told reporters that Aguero is struggling with problems in his feet.",
    ),
    (
        "The US stance has drawn backlash from Germany, which has reaffirmed its commitment to the project.",
        "drop_clause",
        "The US stance has drawn backlash from Germany.",
    ),
    (
        "A tsunami also struck western Donggala in 1996, killing nine.",
        "drop_clause",
        "A tsunami also struck western Donggala in 1996.",
    ),
    (
        "The hospital ship is making its way to Palu, but it will take three days to arrive.",
        "drop_clause",
        "The hospital ship is making its way to Palu.",
    ),
]

# (sentence, kind that must not fire): no pattern, or a pattern the edit must leave alone
NO_EDIT = [
    ("Theresa May said the deal was dead.", "date"),  # "May" the name
    ("The storm hit the coast at night.", "date"),
    ("He bought the Sunday Times on his way home.", "weekday"),
    ("Sales collapsed on Black Friday this year.", "weekday"),
    ("The 2018 season was his best so far.", "number"),  # a year, not a count
    ("More than 1,000 people were killed in the quake.", "number"),  # an estimate
    ("Between 30 and 43 percent of voters would take part.", "number"),  # a range
    ("Britain triggered Article 50 that spring.", "number"),  # a label
    ("He is not the first artist to change his name.", "ordinal"),  # negated
    ("At first, the plan looked simple enough to them.", "ordinal"),
    ("A second later the roof of the building collapsed.", "ordinal"),
    ("Police said the suspect fled the scene.", "speaker"),  # no name
    ("Smith did not say when the vote would be held.", "speaker"),  # negated
    ('"I had a breakdown," recalled Ms. Schroeder about the campaign.', "speaker"),  # title
    ("Reporters from the New York Times waited outside.", "entity"),  # inside a name
    ("The Bank of England raised rates again.", "entity"),
    ("US officials arrived on time for the talks.", "entity"),  # an adjective
    ("She was not detained in Texas.", "entity"),  # negated
    ("Some people were injured in the blast.", "negation"),  # quantified subject
    ("If the plan fails, the minister will resign.", "negation"),  # conditional
    ("He denied that he was involved in the scheme.", "negation"),
    ("The man who was arrested is in court today.", "negation"),  # relative clause first
    ("Mickelson has 18 wins and 20 losses.", "negation"),  # "has" is no auxiliary here
    ("Is this the end of the road for the party?", "negation"),
    ("He fell ill last year and never recovered.", "antonym"),
    ("Shares did not rise 5% on Monday.", "antonym"),  # negated: no clean opposite
    ("After all, the team played well in the end.", "antonym"),
    ("They swept up long ball after long ball.", "antonym"),
    ("North Korea pledged to dismantle a missile site.", "antonym"),  # a name
    ("That said, the plan has critics.", "synonym"),
    ('"We will win this election," he said.', "reported"),  # first person
    ('"Is this the end?" she asked.', "reported"),
    ('"Such an out of touch advert," someone added.', "reported"),  # no verb
    ("The storm hit the coast, and three people died.", "drop_clause"),  # ", and"
    ("The vote will go ahead, if the courts allow it.", "drop_clause"),  # a condition
    ("The fire was put out quickly, officials said.", "drop_clause"),  # attribution
    ("He made sure that the flight, which was on the runway, was able to leave.", "drop_clause"),
    ("In the end, it was their defence which carried the home side to victory.", "drop_clause"),
]


def _edit(sentence: str, kind: str, seed: int = 0) -> tuple[str, NLILabel] | None:
    found = [
        (h, label) for h, label, k in perturb_english(sentence, random.Random(seed)) if k == kind
    ]
    return found[0] if found else None


@pytest.mark.parametrize(("sentence", "kind", "removed", "added"), TOKEN_EDITS)
def test_perturb_english_changes_expected_tokens(
    sentence: str, kind: str, removed: tuple[str, ...], added: str
) -> None:
    for seed in range(5):
        edit = _edit(sentence, kind, seed)
        assert edit is not None, (kind, seed)
        hypothesis, label = edit
        assert label is PERTURBATIONS[kind][0]
        gone, new = token_diff(sentence, hypothesis)
        assert gone == removed, hypothesis
        assert re.fullmatch(added, " ".join(new)), hypothesis
        if label is C:
            assert gone != new


@pytest.mark.parametrize(("sentence", "kind", "hypothesis"), REWRITES)
def test_perturb_english_rewrites_sentence(sentence: str, kind: str, hypothesis: str) -> None:
    assert _edit(sentence, kind) == (hypothesis, E)


@pytest.mark.parametrize(("sentence", "kind"), NO_EDIT)
def test_perturb_english_leaves_unmatched_kind_alone(sentence: str, kind: str) -> None:
    assert all(_edit(sentence, kind, seed) is None for seed in range(5))


def test_hand_written_cases_cover_every_kind() -> None:
    covered = {case[1] for case in TOKEN_EDITS} | {case[1] for case in REWRITES}
    assert covered == set(PERTURBATION_KINDS)
    assert {case[1] for case in NO_EDIT} == set(PERTURBATION_KINDS) - {"year", "number_format"}


def test_years_are_never_counts() -> None:
    sentence = "The war began in 2011 and ended in 2014 in the north."
    for seed in range(10):
        kinds = {k for _, _, k in perturb_english(sentence, random.Random(seed))}
        assert "number" not in kinds and "number_format" not in kinds
        hypothesis, label = _edit(sentence, "year", seed) or ("", E)
        assert label is C
        assert token_diff(sentence, hypothesis)[0] in (("2011",), ("2014",))


def test_date_edit_keeps_weekday_in_step() -> None:
    weekdays = list(LEX["calendar"]["weekdays"])
    for seed in range(20):
        hypothesis, _ = _edit("The vote was held on Monday, June 15 in Skopje.", "date", seed) or (
            "",
            C,
        )
        match = re.search(rf"({WEEKDAY}), June (\d+)", hypothesis)
        if match is None:  # the month moved instead
            assert re.search(r"Monday, (May|July) 15", hypothesis)
            continue
        shift = int(match[2]) - 15
        assert shift != 0
        assert weekdays.index(match[1]) == (weekdays.index("Monday") + shift) % 7


def test_month_edit_never_repeats_a_month_of_the_sentence() -> None:
    made = set()
    for seed in range(12):
        hypothesis, _ = _edit(
            "Quakes hit Sumatra in late March and early April.", "date", seed
        ) or ("", E)
        made.add(hypothesis)
    assert made == {
        "Quakes hit Sumatra in late February and early April.",
        "Quakes hit Sumatra in late March and early May.",
    }


def test_edits_keep_capitalisation() -> None:
    hypothesis, _ = _edit("Before the vote, the party won the seat.", "antonym", 0) or ("", C)
    assert hypothesis[:1].isupper() and hypothesis.split()[0] in ("After", "Before")
    for seed in range(5):
        hypothesis, _ = _edit("Two people were arrested in London.", "number", seed) or ("", C)
        assert hypothesis[:1].isupper() and hypothesis.split()[0] != "Two"


def test_perturb_english_is_deterministic_and_changes_the_sentence() -> None:
    sentence = "Shares rose 5% on Monday after the bank said it had hired 58 people in Texas."
    first = perturb_english(sentence, random.Random(7))
    assert first == perturb_english(sentence, random.Random(7))
    assert len({kind for _, _, kind in first}) == len(first) >= 6
    for hypothesis, label, kind in first:
        assert hypothesis != sentence and label is PERTURBATIONS[kind][0]


def test_date_formats_keep_the_same_day() -> None:
    made = {
        _edit("The bill was signed on June 15, 2022.", "number_format", seed) for seed in range(12)
    }
    assert {h for h, _ in filter(None, made)} == {
        "The bill was signed on 15 June 2022.",
        "The bill was signed on 15/6/2022.",
    }
    ambiguous = {
        _edit("The bill was signed on June 5, 2022.", "number_format", seed) for seed in range(8)
    }
    assert {h for h, _ in filter(None, ambiguous)} == {"The bill was signed on 5 June 2022."}


def test_entity_keeps_final_period_of_abbreviation() -> None:
    for seed in range(8):
        hypothesis, _ = _edit(
            "The course is the first of its kind in the U.S.", "entity", seed
        ) or ("", C)
        assert hypothesis.endswith(".") and not hypothesis.endswith("..")
        assert "U.S." not in hypothesis


def test_no_edit_on_sentence_without_patterns() -> None:
    assert perturb_english("Bats eat insects at night", random.Random(0)) == []
    assert perturb_english("   ", random.Random(0)) == []


SENTENCES = [
    "Shares rose 5% on Monday after the bank said it had hired 58 people in Texas.",
    "The vote was held on June 15, 2022 in London, officials said.",
    '"The toll is still rising," Mr Nugroho said.',
    "The company employs 15,000 people in Britain, which is its largest market.",
    "It was his second goal of the season on Friday.",
]


def test_generate_caps_kinds_and_sentences_and_is_deterministic() -> None:
    made = generate(SENTENCES * 2, seed=13, source="perturb-en/test", per_sentence=2, per_kind=2)
    assert made == generate(
        SENTENCES, seed=13, source="perturb-en/test", per_sentence=2, per_kind=2
    )
    assert made != generate(
        SENTENCES, seed=14, source="perturb-en/test", per_sentence=2, per_kind=2
    )
    per_premise: dict[str, int] = {}
    per_kind: dict[str, int] = {}
    for example in made:
        per_premise[example.premise] = per_premise.get(example.premise, 0) + 1
        per_kind[example.kind] = per_kind.get(example.kind, 0) + 1
        assert example.label is PERTURBATIONS[example.kind][0]
        assert example.source == "perturb-en/test"
    assert max(per_premise.values()) <= 2 and max(per_kind.values()) <= 2
    assert len(per_premise) == len(SENTENCES) and len(per_kind) >= 6


def test_cli_builds_pairs_from_sentence_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "news.txt"
    source.write_text("\n".join(SENTENCES) + "\n\n", encoding="utf-8")
    out = tmp_path / "pairs.jsonl"
    assert main(["--input", str(source), "--out", str(out), "--seed", "13", "--limit", "3"]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert 0 < len(rows) <= 3 * 3
    assert {row["premise"] for row in rows} <= set(SENTENCES[:3])
    assert {row["source"] for row in rows} == {"perturb-en/news"}
    assert f"total          all            {len(rows):>6}" in capsys.readouterr().out


def test_cli_reports_missing_input(tmp_path: Path) -> None:
    out = tmp_path / "pairs.jsonl"
    assert main(["--input", str(tmp_path / "absent.txt"), "--out", str(out)]) == 2
    assert not out.exists()


def test_word_lists_reject_unknown_keys(tmp_path: Path) -> None:
    text = DATA_FILE.read_text(encoding="utf-8").replace("[ordinals]\n", "[ordinals]\nwordz = []\n")
    path = tmp_path / "perturb_en_data.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CheckerError, match=r"perturb_en_data\.toml.*\[ordinals\].*wordz"):
        load_english_lexicon(path)


@pytest.fixture(scope="module")
def ntrex_english() -> list[str]:
    if not (NTREX / "NTREX-128_newstest2019-src.eng.txt").is_file():
        pytest.skip(f"NTREX-128 not found under {NTREX}")
    return (NTREX / "NTREX-128_newstest2019-src.eng.txt").read_text(encoding="utf-8").splitlines()


def test_every_kind_fires_on_real_news(ntrex_english: list[str]) -> None:
    rates = firing_rates(ntrex_english[:600])
    assert all(rate > 0 for rate in rates.values()), rates
    assert rates["negation"] > 0.1 and rates["number"] > 0.05


def test_heldout_sentences_come_from_heldout_documents(ntrex_english: list[str]) -> None:
    from checker.nli.training.mix import held_out_document

    documents = (NTREX / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").splitlines()
    held = {
        e
        for d, e in zip(documents, ntrex_english, strict=True)
        if held_out_document(d.split("\t")[0])
    }
    sentences = ntrex_heldout_sentences()
    assert sentences and {" ".join(s.split()) for s in sentences} <= {
        " ".join(e.split()) for e in held
    }
    assert len(sentences) < len(ntrex_english) / 3
