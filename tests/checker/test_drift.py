"""Drift rules (checker/rules/*_drift.py, weekday_mismatch.py), each on claims really extracted from small Indonesian articles.

Every case writes two short articles (one per outlet), extracts their claims, pairs the two
claims that carry the statement, and runs one detector on the pair, in both orders.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from checker.nli.labels import NLIScores
from checker.rules import RuleContext
from checker.rules.attribution_drift import detect as detect_attribution_drift
from checker.rules.compare import quote_similarity, same_statement, word_changes
from checker.rules.date_drift import detect as detect_date_drift
from checker.rules.nli_contradiction import detect as detect_nli_contradiction
from checker.rules.number_drift import detect as detect_number_drift
from checker.rules.quote_drift import detect as detect_quote_drift
from checker.rules.weekday_mismatch import detect as detect_weekday_mismatch
from checker.types import Finding, Pair, Severity, Verdict
from claims.extract import Extraction

from .builders import (
    DECEMBER_CALL,
    JUNE_CALL,
    Story,
    claim_with,
    drift_context,
    extract_stories,
)

Detector = Callable[[Pair, RuleContext], Iterator[Finding]]
SPOKESMAN = "kata juru bicara Departemen Luar Negeri AS."
QUOTE = '"Kami akan terus mendukung kedaulatan dan keamanan negara sahabat kami,"'
DEALS = "kedua pemimpin sepakat untuk memperluas kerja sama di bidang energi, keuangan, industri dan transportasi"
Occasion = tuple[str, str]  # (publication day, the article's lead sentence)
JUNE: Occasion = ("2022-06-15", JUNE_CALL)
DECEMBER: Occasion = ("2022-12-30", DECEMBER_CALL)


def _extract(
    tmp_path: Path, first: str, second: str, *, occasions: tuple[Occasion, Occasion] = (JUNE, JUNE)
) -> Extraction:
    """Two articles: each opens with its occasion's lead, then the statement under test."""
    (day_a, lead_a), (day_b, lead_b) = occasions
    return extract_stories(
        tmp_path,
        Story("a", f"{lead_a}\n\n{first}", "Kontan", day_a),
        Story("b", f"{lead_b}\n\n{second}", "Tempo", day_b),
    )


def _run(
    detector: Detector,
    tmp_path: Path,
    first: str,
    second: str,
    *,
    occasions: tuple[Occasion, Occasion] = (JUNE, JUNE),
    swap: bool = False,
) -> list[Finding]:
    extraction = _extract(tmp_path, first, second, occasions=occasions)
    a, b = (claim_with(extraction, name, text[:30]) for name, text in (("a", first), ("b", second)))
    pair = Pair(b, a, 1.0) if swap else Pair(a, b, 1.0)
    return list(detector(pair, drift_context(extraction)))


BOTH_ORDERS = pytest.mark.parametrize("swap", [False, True], ids=["a-b", "b-a"])


# --- quote drift ---------------------------------------------------------------------------


@BOTH_ORDERS
def test_quote_drift_same_quote_other_occasion_is_error_naming_both_dates(
    tmp_path: Path, swap: bool
) -> None:
    quote = f"{QUOTE} {SPOKESMAN}"
    found = _run(detect_quote_drift, tmp_path, quote, quote, occasions=(JUNE, DECEMBER), swap=swap)
    assert len(found) == 1
    finding = found[0]
    assert (finding.kind, finding.severity) == ("quote-drift", Severity.ERROR)
    assert "Wednesday 15 June 2022" in finding.explanation
    assert "Friday 30 December 2022" in finding.explanation
    aspects = {d.aspect for d in finding.differences}
    assert {"date", "event"} <= aspects
    assert {finding.claim.article_id, finding.evidence[0].article_id} == {"a", "b"}


def test_quote_drift_same_quote_same_occasion_is_no_finding(tmp_path: Path) -> None:
    quote = f"{QUOTE} {SPOKESMAN}"
    assert _run(detect_quote_drift, tmp_path, quote, quote) == []


@BOTH_ORDERS
def test_quote_drift_wording_only_is_info(tmp_path: Path, swap: bool) -> None:
    reworded = QUOTE.replace("terus", "selalu")
    found = _run(
        detect_quote_drift, tmp_path, f"{QUOTE} {SPOKESMAN}", f"{reworded} {SPOKESMAN}", swap=swap
    )
    assert [f.severity for f in found] == [Severity.INFO]
    wording = {(d.claim_value, d.evidence_value) for d in found[0].differences}
    assert wording == ({("selalu", "terus")} if swap else {("terus", "selalu")})
    assert {d.aspect for d in found[0].differences} == {"wording"}


def test_same_quote_other_speaker_same_occasion_is_attribution_drift(tmp_path: Path) -> None:
    """The same words on the same occasion in another mouth: attribution drift (a warning), not
    quote drift, which is for a quotation moved to another day or occasion."""
    first, second = f"{QUOTE} kata Xi.", f"{QUOTE} kata Putin."
    assert _run(detect_quote_drift, tmp_path, first, second) == []
    found = _run(detect_attribution_drift, tmp_path, first, second)
    assert [(f.kind, f.severity) for f in found] == [("attribution-drift", Severity.WARNING)]
    assert ("speaker", "Xi", "Putin") in {
        (d.aspect, d.claim_value, d.evidence_value) for d in found[0].differences
    }


def test_same_quote_other_speaker_other_day_is_quote_drift_only(tmp_path: Path) -> None:
    first, second = f"{QUOTE} kata Xi.", f"{QUOTE} kata Putin."
    moved = (JUNE, DECEMBER)
    found = _run(detect_quote_drift, tmp_path, first, second, occasions=moved)
    assert [(f.kind, f.severity) for f in found] == [("quote-drift", Severity.ERROR)]
    assert {"date", "speaker"} <= {d.aspect for d in found[0].differences}
    assert _run(detect_attribution_drift, tmp_path, first, second, occasions=moved) == []


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            "Juru bicara Departemen Luar Negeri AS mengatakan bahwa China akan terus mendukung kedaulatan dan keamanan Rusia.",
            "Juru bicara Departemen Luar Negeri AS mengatakan bahwa China akan terus mendukung kedaulatan dan keamanan Rusia.",
        ),
        (
            '"China akan terus mendukung kedaulatan dan keamanan Rusia," kata juru bicara Departemen Luar Negeri AS.',
            "Juru bicara Departemen Luar Negeri AS mengatakan bahwa China akan terus mendukung kedaulatan dan keamanan Rusia.",
        ),
    ],
    ids=["both-reported", "direct-and-reported"],
)
def test_quote_drift_reported_statement_is_never_quote_drift(
    tmp_path: Path, first: str, second: str
) -> None:
    extraction = _extract(tmp_path, first, second, occasions=(JUNE, DECEMBER))
    a, b = claim_with(extraction, "a", first[:30]), claim_with(extraction, "b", second[:30])
    assert b.quote is not None and not b.quote.direct  # extraction did see a reported statement
    ctx = drift_context(extraction)
    assert quote_similarity(a, b, ctx) == 0.0
    assert list(detect_quote_drift(Pair(a, b, 1.0), ctx)) == []


# --- date drift ----------------------------------------------------------------------------

CALL_ON = "Presiden Xi Jinping menelepon Presiden Vladimir Putin untuk membahas kerja sama ekonomi pada {}."


@BOTH_ORDERS
def test_date_drift_same_statement_other_day_same_event_is_error(
    tmp_path: Path, swap: bool
) -> None:
    occasions = (
        JUNE,
        ("2022-06-16", "Kedua pemimpin membahas perang di Ukraina dan sanksi Barat."),
    )
    found = _run(
        detect_date_drift,
        tmp_path,
        CALL_ON.format("Rabu (15/6/2022)"),
        CALL_ON.format("Kamis (16/6/2022)"),
        occasions=occasions,
        swap=swap,
    )
    assert [(f.kind, f.severity) for f in found] == [("date-drift", Severity.ERROR)]
    dates = {found[0].differences[0].claim_value, found[0].differences[0].evidence_value}
    assert dates == {"Wednesday 15 June 2022", "Thursday 16 June 2022"}


@pytest.mark.parametrize(
    ("second_day", "occasions"),
    [("Rabu (15/6/2022)", (JUNE, JUNE)), ("Jumat (30/12/2022)", (JUNE, DECEMBER))],
    ids=["same-day", "other-event"],
)
def test_date_drift_same_day_or_other_event_is_no_finding(
    tmp_path: Path, second_day: str, occasions: tuple[Occasion, Occasion]
) -> None:
    found = _run(
        detect_date_drift,
        tmp_path,
        CALL_ON.format("Rabu (15/6/2022)"),
        CALL_ON.format(second_day),
        occasions=occasions,
    )
    assert found == []


def test_date_drift_relative_week_published_days_apart_is_no_finding(tmp_path: Path) -> None:
    statement = "Amerika Serikat mengumumkan bantuan militer tambahan untuk Ukraina pekan ini."
    occasions = (JUNE, ("2022-06-17", JUNE_CALL))
    assert _run(detect_date_drift, tmp_path, statement, statement, occasions=occasions) == []


def test_date_drift_other_statement_same_event_is_no_finding(tmp_path: Path) -> None:
    found = _run(
        detect_date_drift,
        tmp_path,
        CALL_ON.format("Rabu (15/6/2022)"),
        "Harga beras di pasar tradisional Surabaya naik tajam pada Kamis (16/6/2022).",
    )
    assert found == []


SEMERU_LEAD = "Ribuan warga Lumajang mengungsi setelah erupsi di Jawa Timur."
SEMERU: tuple[Occasion, Occasion] = (("2021-12-04", SEMERU_LEAD), ("2021-12-06", SEMERU_LEAD))
FLOW = "Gunung Semeru di Lumajang {again}mengeluarkan awan panas guguran pada {day} sore."


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (  # two tallies on two days: an update of the toll
            "Hingga Sabtu (4/12/2021) pukul 23.00 WIB, BNPB mencatat 13 orang meninggal dunia akibat awan panas Semeru.",
            "Hingga Senin (6/12/2021) malam, BNPB mencatat 22 orang meninggal dunia akibat awan panas Semeru.",
        ),
        (  # another eruption on another day
            FLOW.format(again="", day="Sabtu (4/12/2021)"),
            FLOW.format(again="kembali ", day="Senin (6/12/2021)"),
        ),
    ],
    ids=["tally-stamp", "recurrence"],
)
def test_date_drift_tallies_and_recurrences_are_no_finding(
    tmp_path: Path, first: str, second: str
) -> None:
    assert _run(detect_date_drift, tmp_path, first, second, occasions=SEMERU) == []


def test_date_drift_two_statements_of_a_toll_on_two_days_is_no_finding(tmp_path: Path) -> None:
    """Real pattern (Kanjuruhan, 2022): one day police deny the toll passed 125, two days later
    their spokesman says it has risen to 131; both sentences name the crush and the stadium."""
    occasions = (
        ("2022-10-04", "Tragedi Kanjuruhan di Malang menewaskan ratusan suporter."),
        ("2022-10-06", "Tragedi Kanjuruhan di Malang menewaskan ratusan suporter."),
    )
    first = (
        "Polri pada Selasa (4/10/2022) membantah kabar bahwa korban meninggal tragedi "
        "Kanjuruhan sudah lebih dari 125 orang."
    )
    second = (
        "Polri pada Kamis (6/10/2022) menyebut korban meninggal tragedi Kanjuruhan "
        "bertambah menjadi 131 orang."
    )
    assert _run(detect_date_drift, tmp_path, first, second, occasions=occasions) == []


def test_date_drift_same_flow_on_two_days_is_still_drift(tmp_path: Path) -> None:
    """The control for the cases above: without a marker, the moved day is drift."""
    first = FLOW.format(again="", day="Sabtu (4/12/2021)")
    second = FLOW.format(again="", day="Senin (6/12/2021)")
    found = _run(detect_date_drift, tmp_path, first, second, occasions=SEMERU)
    assert [f.kind for f in found] == ["date-drift"]


def test_date_drift_same_relative_words_read_as_other_days_is_no_finding(tmp_path: Path) -> None:
    """One wire story copied by two outlets published a week apart: "Selasa" reads as two
    different Tuesdays, but neither outlet changed a date."""
    statement = (
        "Kepala BNPB mengatakan jumlah korban meninggal mencapai 268 orang hingga Selasa petang."
    )
    occasions = (("2022-11-23", JUNE_CALL), ("2022-11-30", JUNE_CALL))
    assert _run(detect_date_drift, tmp_path, statement, statement, occasions=occasions) == []


# --- number and ordinal drift --------------------------------------------------------------


@pytest.mark.parametrize(
    ("template", "was", "now", "aspect"),
    [
        (
            "Itu adalah percakapan telepon {} antara kedua pemimpin sejak invasi Rusia ke Ukraina dimulai.",
            "kedua",
            "ketiga",
            "ordinal",
        ),
        (
            "Amerika Serikat mengumumkan bantuan militer senilai {} untuk Ukraina.",
            "US$ 1 miliar",
            "US$ 2 miliar",
            "money",
        ),
        (
            "Pernyataan bersama kedua pemimpin itu memuat lebih dari {} kata tentang kerja sama strategis.",
            "5.000",
            "15.000",
            "cardinal",
        ),
    ],
    ids=["ordinal", "money", "count"],
)
@BOTH_ORDERS
def test_number_drift_other_figure_is_error(
    tmp_path: Path, template: str, was: str, now: str, aspect: str, swap: bool
) -> None:
    found = _run(
        detect_number_drift, tmp_path, template.format(was), template.format(now), swap=swap
    )
    assert [(f.kind, f.severity) for f in found] == [("number-drift", Severity.ERROR)]
    differences = [(d.aspect, d.claim_value, d.evidence_value) for d in found[0].differences]
    assert differences == [(aspect, now, was) if swap else (aspect, was, now)]
    assert was in found[0].explanation and now in found[0].explanation


@pytest.mark.parametrize(
    ("template", "figure"),
    [
        (
            "Itu adalah percakapan telepon {} antara kedua pemimpin sejak invasi Rusia ke Ukraina dimulai.",
            "kedua",
        ),
        ("Amerika Serikat mengumumkan bantuan militer senilai {} untuk Ukraina.", "US$ 1 miliar"),
        (
            "Pernyataan bersama kedua pemimpin itu memuat lebih dari {} kata tentang kerja sama strategis.",
            "5.000",
        ),
    ],
    ids=["ordinal", "money", "count"],
)
def test_number_drift_same_figure_is_no_finding(tmp_path: Path, template: str, figure: str) -> None:
    statement = template.format(figure)
    assert _run(detect_number_drift, tmp_path, statement, statement) == []


def test_number_drift_other_event_is_no_finding(tmp_path: Path) -> None:
    template = "Amerika Serikat mengumumkan bantuan militer senilai {} untuk Ukraina."
    found = _run(
        detect_number_drift,
        tmp_path,
        template.format("US$ 1 miliar"),
        template.format("US$ 2 miliar"),
        occasions=(JUNE, DECEMBER),
    )
    assert found == []


# --- attribution drift ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second", "severity", "difference"),
    [
        (
            f"Xi mengatakan bahwa {DEALS}.",
            f"Putin mengatakan bahwa {DEALS}.",
            Severity.WARNING,
            ("speaker", "Xi", "Putin"),
        ),
        (
            f"Juru bicara Kremlin mengatakan bahwa {DEALS}.",
            f"Juru bicara Gedung Putih mengatakan bahwa {DEALS}.",
            Severity.WARNING,
            ("speaker", "Juru bicara Kremlin", "Juru bicara Gedung Putih"),
        ),
        (
            f"Juru bicara Kremlin mengatakan bahwa {DEALS}, seperti dikutip Reuters.",
            f"Juru bicara Kremlin mengatakan bahwa {DEALS}, seperti dikutip AFP.",
            Severity.INFO,
            ("source", "Reuters", "AFP"),
        ),
    ],
    ids=["speaker", "spokesman", "source-only"],
)
def test_attribution_drift_other_party_is_reported(
    tmp_path: Path, first: str, second: str, severity: Severity, difference: tuple[str, str, str]
) -> None:
    found = _run(detect_attribution_drift, tmp_path, first, second)
    assert [(f.kind, f.severity) for f in found] == [("attribution-drift", severity)]
    assert [(d.aspect, d.claim_value, d.evidence_value) for d in found[0].differences] == [
        difference
    ]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (f"Menurut CCTV, {DEALS}.", f"Menurut Kremlin, {DEALS}."),
        (f"{DEALS.capitalize()}, kata CCTV.", f"{DEALS.capitalize()}, kata Kremlin."),
    ],
    ids=["menurut", "kata"],
)
def test_attribution_drift_outlet_against_speaker_is_reported(
    tmp_path: Path, first: str, second: str
) -> None:
    found = _run(detect_attribution_drift, tmp_path, first, second)
    assert [f.kind for f in found] == ["attribution-drift"]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            "Xi mengatakan bahwa China bersedia mengintensifkan koordinasi strategis antara kedua negara.",
            "Pemimpin China itu mengatakan bahwa China bersedia mengintensifkan koordinasi strategis antara kedua negara.",
        ),
        (f"Xi mengatakan bahwa {DEALS}.", f"Presiden Xi Jinping mengatakan bahwa {DEALS}."),
        (f"Xi mengatakan bahwa {DEALS}.", f"Xi mengatakan bahwa {DEALS}."),
        (f"Menurut CCTV, {DEALS}.", f"Xi mengatakan bahwa {DEALS}."),  # an outlet relaying a person
        (  # two outlets cited in either order: the parser keeps one, both are named
            f"Menurut CCTV, seperti Channel News Asia lansir, {DEALS}.",
            f"Seperti Channel News Asia lansir, {DEALS}, menurut CCTV.",
        ),
    ],
    ids=["person-vs-country", "alias", "same", "outlet-relays-person", "two-outlets-reordered"],
)
def test_attribution_drift_same_party_is_no_finding(
    tmp_path: Path, first: str, second: str
) -> None:
    assert _run(detect_attribution_drift, tmp_path, first, second) == []


def test_attribution_drift_a_relayed_fact_is_only_a_note(tmp_path: Path) -> None:
    """Real pattern (Sriwijaya Air, 2021): the minister and his spokeswoman both gave the
    take-off time; an indirect statement of a time or figure is relayed by several officials."""
    fact = "pesawat lepas landas dari Bandara Soekarno-Hatta pukul 14.36 WIB"
    found = _run(
        detect_attribution_drift,
        tmp_path,
        f"Menteri Perhubungan Budi Karya Sumadi mengatakan {fact}.",
        f"Juru Bicara Kementerian Perhubungan Adita Irawati menjelaskan {fact}.",
    )
    assert [(f.kind, f.severity) for f in found] == [("attribution-drift", Severity.INFO)]


def test_attribution_drift_other_statement_is_no_finding(tmp_path: Path) -> None:
    found = _run(
        detect_attribution_drift,
        tmp_path,
        f"Xi mengatakan bahwa {DEALS}.",
        "Putin mengatakan bahwa harga gandum dunia akan turun tahun ini karena panen yang baik.",
    )
    assert found == []


# --- weekday mismatch ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Rabu (16/6/2022)", "Thursday"),
        ("Jumat (15/6/2022)", "Wednesday"),
        ("Rabu (15/6/2022)", None),
    ],
)
def test_weekday_mismatch_names_the_real_weekday(
    tmp_path: Path, written: str, expected: str | None
) -> None:
    body = f"Presiden Xi Jinping berbicara dengan Presiden Vladimir Putin melalui telepon pada {written}."
    extraction = extract_stories(tmp_path, Story("a", body, "Kontan", "2022-06-16"))
    claim = claim_with(extraction, "a", written)
    found = list(detect_weekday_mismatch(claim, drift_context(extraction)))
    if expected is None:
        assert found == []
        return
    assert [(f.kind, f.severity) for f in found] == [("weekday-mismatch", Severity.WARNING)]
    assert f"is a {expected}" in found[0].explanation
    assert [(d.aspect, d.claim_value, d.evidence_value) for d in found[0].differences] == [
        ("weekday", written, expected)
    ]
    assert found[0].evidence == ()


# --- the shared measures -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("kami akan terus mendukung", "kami akan selalu mendukung", [("terus", "selalu")]),
        ("kami mendukung", "kami akan mendukung", [("", "akan")]),
        ("sama persis", "sama persis", []),
    ],
)
def test_word_changes_lists_changed_words(a: str, b: str, expected: list[tuple[str, str]]) -> None:
    assert word_changes(a, b) == expected


def test_same_statement_short_claims_are_never_the_same(tmp_path: Path) -> None:
    extraction = _extract(tmp_path, "Putin setuju dengan Xi.", "Putin setuju dengan Xi.")
    ctx = drift_context(extraction)
    a, b = claim_with(extraction, "a", "Putin setuju"), claim_with(extraction, "b", "Putin setuju")
    assert same_statement(a, b, ctx) == 0.0  # fewer than min_words content words


# --- the NLI model's own contradiction -----------------------------------------------------


def test_nli_contradiction_between_tallies_of_two_days_is_no_finding(tmp_path: Path) -> None:
    """Two tallies of one toll tied to different days read as contradictory to a model, but one
    updates the other (real pattern: Kanjuruhan, 125 on Tuesday against 131 on Thursday); the
    same two sentences on one day are still the model's finding."""
    lead = "Tragedi Kanjuruhan di Malang menewaskan ratusan suporter."
    first = "Polri pada {day} menyebut korban meninggal tragedi Kanjuruhan sebanyak 125 orang."
    second = "Polri pada {day} menyebut korban meninggal tragedi Kanjuruhan sebanyak 131 orang."
    sure = NLIScores(0.02, 0.03, 0.95)

    def found(day_a: str, day_b: str) -> list[Finding]:
        extraction = extract_stories(
            tmp_path,
            Story("a", f"{lead}\n\n{first.format(day=day_a)}", "Kontan", "2022-10-06"),
            Story("b", f"{lead}\n\n{second.format(day=day_b)}", "Tempo", "2022-10-06"),
        )
        pair = Pair(claim_with(extraction, "a", "125"), claim_with(extraction, "b", "131"), 1.0)
        return list(detect_nli_contradiction(Verdict(pair, sure, sure), drift_context(extraction)))

    assert found("Selasa (4/10/2022)", "Kamis (6/10/2022)") == []
    assert [f.kind for f in found("Kamis (6/10/2022)", "Kamis (6/10/2022)")] == [
        "nli-contradiction"
    ]
