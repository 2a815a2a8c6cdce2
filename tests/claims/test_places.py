"""Places (claims/places.py): names with their kind, and the larger places a text puts them in."""

from __future__ import annotations

from claims.places import find_places
from claims.types import Article, PlaceMention


def _places(text: str, language: str = "id") -> tuple[PlaceMention, ...]:
    article = Article(id="a", path="a.md", text=text, language=language)
    return find_places(text, start=0, article=article)


def test_find_places_reads_a_chain_from_small_to_large() -> None:
    hamlet, village, district = _places(
        "Dusun Kali Putih, Desa Sumberrejo, Kecamatan Pakis, paling parah terdampak banjir."
    )
    assert (hamlet.name, hamlet.kind) == ("Kali Putih", "hamlet")
    assert hamlet.within == (("village", "Sumberrejo"), ("district", "Pakis"))
    assert village.within == (("district", "Pakis"),)
    assert district.within == ()


def test_find_places_puts_a_site_within_the_next_administrative_place() -> None:
    stadium, regency = _places(
        "Laga digelar di Stadion Gelora, Wates, Kabupaten Kulon Progo, Sabtu."
    )
    assert (stadium.name, stadium.kind) == ("Gelora", "stadium")
    assert stadium.within == (("regency", "Kulon Progo"),)
    assert (regency.name, regency.kind) == ("Kulon Progo", "regency")


def test_find_places_stops_a_chain_at_a_place_of_the_same_level() -> None:
    first, *_ = _places(
        "Korban berasal dari Desa Ciherang di Kecamatan Pacet, Desa Sukamulya di Kecamatan Cipanas."
    )
    assert first.within == (("district", "Pacet"),)


def test_find_places_reads_english_kinds_after_a_name_and_with_of() -> None:
    found = _places("The match at Gelora Stadium in the city of Bandung ended late.", "en")
    assert [(p.name, p.kind) for p in found] == [("Gelora", "stadium"), ("Bandung", "city")]
    assert found[0].within == (("city", "Bandung"),)
    (regency,) = _places("Floods hit villages in Garut regency on Monday.", "en")
    assert (regency.name, regency.kind) == ("Garut", "regency")


def test_find_places_takes_a_capitalised_name_after_a_marker_as_a_place_of_no_kind() -> None:
    (city,) = _places("Harga cabai tertinggi tercatat di Manokwari pekan ini.")
    assert (city.name, city.kind, city.within) == ("Manokwari", None, ())
