"""Copies of one wire story (checker/wire.py): one agency credited, nearly the same words.

The texts are written for these tests after a pattern of regional Indonesian sites that run
one ANTARA story under their own headline, with a word or two changed.
"""

from __future__ import annotations

import pytest

from checker.wire import wire_stories
from claims.types import Article

STORY = (
    "Jakarta (ANTARA) - Kepala BNPB mengatakan jumlah korban meninggal dunia akibat gempa "
    "Cianjur mencapai 268 orang hingga Selasa petang. Dari jumlah itu, 122 jenazah sudah "
    "teridentifikasi, sedangkan 151 orang masih dinyatakan hilang dan terus dicari tim SAR "
    "gabungan. Menurut dia, sebagian besar korban meninggal karena tertimpa bangunan yang runtuh."
)
OWN_REPORT = (
    "Cianjur - Pemerintah Kabupaten Cianjur mencatat 252 warga meninggal dunia dan ribuan rumah "
    "rusak berat setelah gempa mengguncang wilayah itu. Bupati meminta warga tetap waspada "
    "terhadap gempa susulan dan longsor di daerah perbukitan."
)


def _article(name: str, text: str, outlet: str) -> Article:
    return Article(id=name, path=f"{name}.txt", text=text, outlet=outlet, language="id")


def test_two_outlets_running_one_agency_story_are_one_story() -> None:
    copy = STORY.replace("Kepala BNPB", "Kepala BNPB Letjen TNI").replace(
        "Menurut dia", "Ia menyebut"
    )
    stories = wire_stories(
        [
            _article("a", STORY, "Lensa Jabar"),
            _article("b", copy, "Kilas Bandung"),
            _article("c", OWN_REPORT, "Detak Jabar"),
        ]
    )
    assert [(s.agency, s.articles) for s in stories] == [("Antara", ("a", "b"))]


def test_the_same_words_without_a_shared_agency_credit_are_no_wire_copy() -> None:
    uncredited = STORY.replace("Jakarta (ANTARA) - ", "")
    stories = wire_stories([_article("a", STORY, "Lensa Jabar"), _article("b", uncredited, "X")])
    assert stories == ()


def test_two_stories_crediting_one_agency_but_worded_apart_are_independent() -> None:
    credited = "Jakarta (ANTARA) - " + OWN_REPORT
    stories = wire_stories([_article("a", STORY, "Lensa Jabar"), _article("b", credited, "X")])
    assert stories == ()


def test_many_copies_of_one_story_are_compared_about_once_each(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from checker import wire

    compared = 0
    real = wire._share

    def counting(a: frozenset[str], b: frozenset[str]) -> float:
        nonlocal compared
        compared += 1
        return real(a, b)

    monkeypatch.setattr(wire, "_share", counting)
    copies = [_article(f"copy{i:02d}", STORY, f"Outlet {i}") for i in range(40)]
    stories = wire_stories([*copies, _article("own", OWN_REPORT, "Detak Jabar")])
    assert [len(s.articles) for s in stories] == [40]
    # all pairs would be 40 * 39 / 2 = 780; once joined, two copies are not compared again
    assert compared < 2 * 40
