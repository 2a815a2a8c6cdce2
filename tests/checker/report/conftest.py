"""Fixtures for the report renderers: a hand-built report and golden-file comparison.

``full_report`` covers every finding kind and severity, a baselined finding, a finding with no
evidence, article text with ``<script>``, ``&``, quotes and Markdown/rich markup, paths with a
space, ``&``, ``,`` and ``:``, skipped inputs and warnings. ``empty_report`` has nothing to say.

Golden files live in ``golden/<report>.<format>.<ext>`` and are compared byte for byte. After a
deliberate change to a renderer, regenerate them and review the diff::

    SELARAS_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/checker/report -q
    .venv/bin/python -m pytest tests/checker/report -q --update-golden

(``--update-golden`` is registered here, so it is known when pytest is pointed at this folder
or a file in it; the environment variable works from anywhere.)
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from checker.findings import fingerprint
from checker.types import (
    ArticleRef,
    Corroboration,
    Difference,
    Evidence,
    Finding,
    Report,
    RunStats,
    Severity,
)
from claims.types import Skipped

GOLDEN = Path(__file__).parent / "golden"
WIB = timezone(timedelta(hours=7))
HOSTILE = (
    "Draf menyebut \"sumber\" & 'pejabat' <script>alert(1)</script> menyetujui [bold]US$ 2 miliar[/bold] "
    "| *penting* `kode` #tag"
)
DRAFT = "drafts/draft & notes.md"
FEED = "feeds/wire,2022.jsonl:3"

CheckGolden = Callable[[str, str], None]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite the report renderers' golden files instead of comparing with them",
    )


def updating_golden(config: pytest.Config) -> bool:
    from_option = bool(config.getoption("--update-golden", default=False))
    return from_option or os.environ.get("SELARAS_UPDATE_GOLDEN") == "1"


@pytest.fixture
def check_golden(request: pytest.FixtureRequest) -> CheckGolden:
    """``check_golden("full.json", text)``: text must equal the golden file, byte for byte."""

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if updating_golden(request.config):
            path.write_bytes(text.encode("utf-8"))
        assert path.exists(), f"no golden file {path}; run with SELARAS_UPDATE_GOLDEN=1"
        expected = path.read_bytes()
        assert expected.decode("utf-8") == text
        assert expected == text.encode("utf-8")

    return check


def ev(number: int, line: int, text: str, day: date | None = None, *, start: int = 0) -> Evidence:
    """Evidence from example article ``00<number>``."""
    ids = [
        "000_ec27902bce71dca6",
        "001_8e8cf64b5b00ab75",
        "002_cdf2b438e2bb1883",
        "003_4c1271fe611ef779",
        "004_53c5a6638690b04f",
    ]
    outlets = ["KONTAN.CO.ID", "Purna Warta", "Beritabaru.co", None, "Kompas.com"]
    return Evidence(
        ids[number],
        f"examples/{ids[number]}.txt",
        outlets[number],
        line,
        start,
        start + len(text),
        text,
        day,
    )


def finding(
    kind: str,
    severity: Severity,
    claim: Evidence,
    evidence: tuple[Evidence, ...],
    explanation: str,
    differences: tuple[Difference, ...] = (),
    *,
    confidence: float = 0.9,
    baselined: bool = False,
) -> Finding:
    return Finding(
        kind,
        severity,
        confidence,
        claim,
        evidence,
        explanation,
        differences,
        fingerprint(kind, [claim, *evidence]),
        baselined,
    )


NEUTRAL_000 = ev(
    0,
    29,
    '"China mengklaim netral, tetapi perilakunya memperjelas bahwa mereka masih berinvestasi dalam hubungan dekat dengan Rusia," kata juru bicara Departemen Luar Negeri AS.',
    date(2022, 6, 15),
    start=2301,
)
NEUTRAL_002 = ev(
    2,
    17,
    '"Beijing mengklaim netral, tetapi perilakunya memperjelas bahwa mereka masih berinvestasi dalam hubungan dekat dengan Rusia," kata juru bicara Departemen Luar Negeri AS, Jumat (30/12).',
    date(2022, 12, 30),
    start=1620,
)
CALL_003 = ev(
    3,
    5,
    "Presiden Xi Jinping pada Rabu (15/6) meyakinkan Presiden Vladimir Putin tentang dukungan China.",
    date(2022, 6, 15),
    start=310,
)
CALL_001 = ev(
    1,
    7,
    "Presiden Xi Jinping pada Kamis (16/6) meyakinkan Presiden Vladimir Putin tentang dukungan China.",
    date(2022, 6, 16),
    start=402,
)
FUEL_000 = ev(
    0,
    25,
    "Rusia Kantongi US$ 98 miliar dari Ekspor Bahan Bakar Fosil Selama Perang di Ukraina",
    start=1990,
)
FUEL_004 = ev(
    4,
    40,
    'Rusia kantongi US$ 97 miliar & "lebih" dari ekspor <script>alert(1)</script> bahan bakar fosil',
    start=3011,
)
KREMLIN_000 = ev(
    0,
    21,
    '"Disepakati untuk memperluas kerjasama di bidang energi," kata Kremlin, seperti dikutip Channel News Asia.',
    start=1702,
)
KREMLIN_001 = ev(
    1,
    12,
    '"Disepakati untuk memperluas kerjasama di bidang energi," kata Xi, seperti dikutip CCTV.',
    start=980,
)
FRIDAY_002 = ev(
    2,
    9,
    "Xi dan Putin berbicara lewat panggilan video pada Kamis (30/12/2022).",
    date(2022, 12, 30),
    start=700,
)
SANCTIONS_004 = ev(
    4,
    11,
    "Kedua pemimpin sepakat meningkatkan kerja sama ekonomi menghadapi sanksi Barat.",
    start=905,
)
SANCTIONS_000 = ev(
    0,
    19,
    "Kedua pemimpin tidak sepakat soal kerja sama ekonomi menghadapi sanksi Barat.",
    start=1500,
)
DRAFT_CLAIM = Evidence("draft", DRAFT, None, 3, 40, 40 + len(HOSTILE), HOSTILE)
CRITIC_001 = ev(
    1, 15, "Xi memuji momentum pembangunan yang baik dalam hubungan bilateral.", start=1200
)
PESKOV_001 = ev(1, 20, "Juru bicara Kremlin Dmitry Peskov menyebut pembicaraan hangat.", start=1500)
PESKOV_004 = ev(4, 22, "Juru bicara Kremlin Dmitri Peskov menyebut pembicaraan hangat.", start=1800)
VENUE_003 = ev(3, 9, "Xi berbicara dari Aula Timur Balai Agung Rakyat di Beijing.", start=610)
VENUE_001 = ev(1, 10, "Xi berbicara dari Aula Barat Balai Agung Rakyat di Beijing.", start=640)
HOUR_003 = ev(3, 11, "Panggilan video itu dimulai pukul 16.00 waktu Beijing.", start=700)
HOUR_004 = ev(4, 13, "Panggilan video itu dimulai pukul 17.00 waktu Beijing.", start=1100)
FEED_CLAIM = Evidence("feed-3", FEED, "Wire, Inc.", 1, 0, 30, "Putin dan Xi berbicara 2 jam.")
TOLL_001 = ev(1, 30, "Hingga pukul 12.00 WIB, BNPB mencatat 58 orang meninggal dunia.", start=2400)
TOLL_003 = ev(3, 33, "Hingga pukul 19.00 WIB, BNPB mencatat 64 orang meninggal dunia.", start=2650)


def findings() -> tuple[Finding, ...]:
    return (
        finding(
            "quote-drift",
            Severity.ERROR,
            NEUTRAL_000,
            (NEUTRAL_002,),
            "The same quotation from juru bicara Departemen Luar Negeri AS appears in KONTAN.CO.ID (000_ec27902bce71dca6, line 29), tied to Wednesday 15 June 2022, and in Beritabaru.co (002_cdf2b438e2bb1883, line 17), tied to Friday 30 December 2022. What differs: date, event.",
            (
                Difference("date", "Wednesday 15 June 2022", "Jumat (30/12)"),
                Difference("event", "phone call of 15 June", "video call of 30 December"),
            ),
            confidence=0.94,
        ),
        finding(
            "date-drift",
            Severity.ERROR,
            CALL_003,
            (CALL_001,),
            "unknown outlet (003_4c1271fe611ef779, line 5) and Purna Warta (001_8e8cf64b5b00ab75, line 7) report the same statement about the same event with different dates: Wednesday 15 June 2022 against Thursday 16 June 2022.",
            (Difference("date", "Rabu (15/6)", "Kamis (16/6)"),),
            confidence=0.88,
        ),
        finding(
            "number-drift",
            Severity.ERROR,
            FUEL_000,
            (FUEL_004,),
            "KONTAN.CO.ID (000_ec27902bce71dca6, line 25) and Kompas.com (004_53c5a6638690b04f, line 40) report the same statement with different figures: US$ 98 miliar against US$ 97 miliar.",
            (Difference("number", "US$ 98 miliar", "US$ 97 miliar"),),
            confidence=0.8,
        ),
        finding(
            "attribution-drift",
            Severity.WARNING,
            KREMLIN_000,
            (KREMLIN_001,),
            "The same words are attributed to Kremlin in KONTAN.CO.ID and to Xi in Purna Warta.",
            (Difference("speaker", "Kremlin", "Xi"),),
            confidence=0.77,
        ),
        finding(
            "weekday-mismatch",
            Severity.WARNING,
            FRIDAY_002,
            (),
            "Kamis (30/12/2022) names Thursday, but 30 December 2022 was a Friday.",
            (Difference("weekday", "Kamis", "Friday"),),
            confidence=1.0,
        ),
        finding(
            "name-drift",
            Severity.WARNING,
            PESKOV_001,
            (PESKOV_004,),
            "Purna Warta (001_8e8cf64b5b00ab75, line 20) writes 'Dmitry Peskov' and Kompas.com (004_53c5a6638690b04f, line 22) writes 'Dmitri Peskov': one name spelled two ways ('Dmitry' against 'Dmitri').",
            (Difference("name", "Dmitry", "Dmitri"),),
            confidence=0.8,
        ),
        finding(
            "location-drift",
            Severity.WARNING,
            VENUE_003,
            (VENUE_001,),
            "unknown outlet (003_4c1271fe611ef779, line 9) and Purna Warta (001_8e8cf64b5b00ab75, line 10) put the same event in different places: Aula Timur against Aula Barat.",
            (Difference("place", "Aula Timur", "Aula Barat"),),
            confidence=0.75,
        ),
        finding(
            "time-drift",
            Severity.WARNING,
            HOUR_003,
            (HOUR_004,),
            "unknown outlet (003_4c1271fe611ef779, line 11) and Kompas.com (004_53c5a6638690b04f, line 13) report the same statement about the same event at different times of day: pukul 16.00 against pukul 17.00.",
            (Difference("time", "pukul 16.00", "pukul 17.00"),),
            confidence=0.7,
        ),
        finding(
            "nli-contradiction",
            Severity.WARNING,
            SANCTIONS_004,
            (SANCTIONS_000,),
            "The model judges these two claims about the same call to contradict each other (contradiction 0.91).",
            confidence=0.91,
            baselined=True,
        ),
        finding(
            "unsupported",
            Severity.WARNING,
            DRAFT_CLAIM,
            (),
            "No article in the corpus supports this claim from the draft; the closest is KONTAN.CO.ID line 25 (entailment 0.12).",
            (Difference("number", "US$ 2 miliar", "US$ 98 miliar"),),
            confidence=0.7,
        ),
        finding(
            "updated-figure",
            Severity.INFO,
            TOLL_001,
            (TOLL_003,),
            "Purna Warta (001_8e8cf64b5b00ab75, line 30) and unknown outlet (003_4c1271fe611ef779, line 33) give figures of a developing count at different times: dead: 58 (Wednesday 15 June 2022, 12:00) and 64 (Wednesday 15 June 2022, 19:00); unknown outlet (003_4c1271fe611ef779, line 33) is the later account. Check that the earlier figure is not reported as the current one.",
            (
                Difference("cardinal", "58", "64"),
                Difference(
                    "time", "Wednesday 15 June 2022, 12:00", "Wednesday 15 June 2022, 19:00"
                ),
            ),
            confidence=0.6,
        ),
        # info-level unsupported claims, as `[severity] unsupported = "info"` reports them
        finding(
            "unsupported",
            Severity.INFO,
            CRITIC_001,
            (),
            "Only Purna Warta reports this claim; no independent outlet corroborates it.",
            confidence=0.6,
        ),
        finding(
            "unsupported",
            Severity.INFO,
            FEED_CLAIM,
            (),
            "Only Wire, Inc. reports this claim; no independent outlet corroborates it.",
            confidence=0.55,
        ),
    )


def articles() -> tuple[ArticleRef, ...]:
    refs = [
        ArticleRef(e.article_id, e.path, e.outlet, title, day, "xi-putin-2022-06")
        for e, title, day in (
            (
                NEUTRAL_000,
                "Xi Jinping ke Vladimir Putin: China Terus Dukung Kedaulatan dan Keamanan Rusia",
                None,
            ),
            (CALL_001, None, None),
            (NEUTRAL_002, "Xi & Putin bicara lewat video", date(2022, 12, 30)),
            (CALL_003, None, date(2022, 6, 15)),
            (FUEL_004, "Xi Jinping Tegaskan Dukungan China untuk Rusia", date(2022, 6, 15)),
        )
    ]
    refs.append(ArticleRef("draft", DRAFT, None, "Draf <b>berita</b>", None))
    refs.append(ArticleRef("feed-3", FEED, "Wire, Inc.", None, None))
    refs.append(
        ArticleRef("quiet", "examples/quiet.txt", "Antara", "Nothing to report", date(2022, 6, 16))
    )
    return tuple(refs)


@pytest.fixture(scope="session")
def full_report() -> Report:
    return Report(
        findings=findings(),
        corroboration=(
            Corroboration(CALL_003, ("KONTAN.CO.ID", "Kompas.com"), (CALL_001,)),
            Corroboration(CRITIC_001, ()),
            Corroboration(
                FUEL_000,
                ("Kompas.com",),
                (FUEL_004,),
                ("Beritabaru.co carries the Antara story also in Kompas.com",),
            ),
            Corroboration(DRAFT_CLAIM, ()),
        ),
        articles=articles(),
        skipped=(
            Skipped("examples/README.md", "not an article: no story text left after cleaning"),
            Skipped("feeds/wire,2022.jsonl", "invalid JSON: Expecting ',' delimiter", 7),
        ),
        warnings=(
            Skipped(
                "examples/003_4c1271fe611ef779.txt",
                "no outlet found in the text; outlet left unknown",
                1,
            ),
        ),
        stats=RunStats(articles=8, claims=42, pairs_considered=120, pairs_judged=35, seconds=3.25),
        model="selaras-nli-e5-small",
        version="0.1.0",
        generated_at=datetime(2024, 6, 15, 8, 30, tzinfo=WIB),
        mode="draft",
        draft=DRAFT,
        baselined=1,
        tags=("ci", "xi-putin"),
    )


@pytest.fixture(scope="session")
def empty_report() -> Report:
    return Report(
        findings=(),
        corroboration=(),
        articles=(),
        skipped=(),
        warnings=(),
        stats=RunStats(articles=0, claims=0, pairs_considered=0, pairs_judged=0, seconds=0.0),
        model="selaras-nli-e5-small",
        version="0.1.0",
        generated_at=datetime(2024, 6, 15, 1, 30),
    )


@pytest.fixture(params=["full", "empty"])
def named_report(
    request: pytest.FixtureRequest, full_report: Report, empty_report: Report
) -> tuple[str, Report]:
    """Each report fixture with its name, for golden-file tests over both."""
    return request.param, {"full": full_report, "empty": empty_report}[request.param]
