"""name-drift (checker/rules/name_drift.py) on claims really extracted from short articles."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from checker.pipeline import DraftMode, check
from checker.rules import name_drift
from checker.types import Finding, Severity
from claims.lang import clear_cache, configure

from .builders import ScriptedNLI, Story, corpus_findings, extract_stories

DAY = "2020-10-12"


def _findings(tmp_path: Path, first: str, second: str) -> list[Finding]:
    extraction = extract_stories(
        tmp_path,
        Story("a", first, "Kabar Garut", DAY),
        Story("b", second, "Warta Priangan", DAY),
    )
    return corpus_findings(extraction, name_drift.RULE)


def test_name_drift_flags_one_official_spelled_two_ways(tmp_path: Path) -> None:
    (found,) = _findings(
        tmp_path,
        "Bupati Garut Rudy Gunawan meninjau pengungsi banjir bandang di Tarogong, Senin.",
        "Ribuan warga mengungsi. Bupati Garut Rudi Gunawan menyebut bantuan logistik sudah tiba.",
    )
    assert found.kind == "name-drift" and found.severity is Severity.WARNING
    assert [(d.claim_value, d.evidence_value) for d in found.differences] == [("Rudy", "Rudi")]
    assert "Rudy Gunawan" in found.claim.text and "Rudi Gunawan" in found.evidence[0].text


def test_name_drift_calls_an_old_spelling_by_its_name(tmp_path: Path) -> None:
    (found,) = _findings(
        tmp_path,
        "Kapolres Garut AKBP Soedarsono memimpin evakuasi warga dari bantaran sungai.",
        "Menurut Kapolres Garut AKBP Sudarsono, evakuasi warga berlangsung hingga malam.",
    )
    assert "an old spelling" in found.explanation


def test_name_drift_reports_one_finding_per_spelling_and_article_pair(tmp_path: Path) -> None:
    found = _findings(
        tmp_path,
        "Bupati Garut Rudy Gunawan meninjau pengungsi. Rudy Gunawan juga membuka dapur umum.",
        "Bupati Garut Rudi Gunawan menyebut bantuan tiba. Kata Rudi Gunawan, dapur umum dibuka.",
    )
    assert len(found) == 1


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # different roles, no other word of the name in common: two people
        (
            "Kapolres Garut AKBP Wirdhanto meninjau tanggul yang jebol di Tarogong.",
            "Bupati Garut Wirdhanta membuka posko pengungsian di Tarogong.",
        ),
        # parts of many names are not names that drift: Utara against Utama
        (
            "Api melalap Depo Pertamina Plumpang, Jakarta Utara, hingga dini hari.",
            "Direktur Utama Pertamina Nicke Widyawati meminta maaf kepada warga.",
        ),
        # a name and a longer word made from it are two words
        (
            "Tim SAR Indonesia tiba di lokasi banjir pada Senin siang.",
            "Relawan Palang Merah Indonesian tiba di lokasi banjir pada Senin siang.",
        ),
        # apostrophes and hyphens are typography, not spelling
        (
            "Wakil Presiden Ma'ruf Amin meninjau lokasi banjir bandang di Garut.",
            "Wakil Presiden Maruf Amin meninjau lokasi banjir bandang di Garut.",
        ),
    ],
)
def test_name_drift_never_flags_different_people_or_words(
    tmp_path: Path, first: str, second: str
) -> None:
    assert _findings(tmp_path, first, second) == []


def test_name_drift_never_flags_a_name_against_its_alias(tmp_path: Path) -> None:
    data = tmp_path / "data" / "id"
    data.mkdir(parents=True)
    (data / "entities.toml").write_text(
        '[[entity]]\ncanonical = "Rudy Gunawan"\nkind = "PERSON"\naliases = ["Rudi Gunawan"]\n',
        encoding="utf-8",
    )
    previous = configure(tmp_path / "data")
    try:
        found = _findings(
            tmp_path,
            "Bupati Garut Rudy Gunawan meninjau pengungsi banjir bandang di Tarogong.",
            "Bupati Garut Rudi Gunawan menyebut bantuan logistik sudah tiba di Tarogong.",
        )
    finally:
        configure(previous)
        clear_cache()
    assert found == []


def test_name_drift_runs_in_the_pipeline_with_the_draft_first(tmp_path: Path) -> None:
    extraction = extract_stories(
        tmp_path,
        Story("a", "Bupati Garut Rudy Gunawan meninjau pengungsi banjir.", "Kabar Garut", DAY),
        Story("b", "Bupati Garut Rudi Gunawan menyebut bantuan sudah tiba.", "Warta", DAY),
    )
    now = datetime(2026, 1, 1)
    corpus = check(extraction, ScriptedNLI(), now=now)
    draft = check(extraction, ScriptedNLI(), now=now, draft=DraftMode("b"))
    (found,) = [f for f in corpus.findings if f.kind == "name-drift"]
    (drafted,) = [f for f in draft.findings if f.kind == "name-drift"]
    assert found.claim.article_id == "a" and drafted.claim.article_id == "b"
