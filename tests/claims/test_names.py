"""Name words (claims/names.py): the words of names, with the titles and names around them."""

from __future__ import annotations

from claims.lang import load_language
from claims.names import name_words, plain_key, spelling_key


def test_name_words_split_titles_from_the_name_and_keep_the_name_as_context() -> None:
    words = {
        w.text: w
        for w in name_words("Kapolda Bali Irjen Made Sukarta meninjau lokasi.", load_language("id"))
    }
    assert set(words) == {"Bali", "Made", "Sukarta"}
    assert words["Sukarta"].titles == {"kapolda", "irjen"}
    assert words["Sukarta"].names == {"made"}  # "Bali" is the title's province, not the name
    assert words["Sukarta"].run == "Kapolda Bali Irjen Made Sukarta"


def test_name_words_take_names_listed_together_as_each_others_context() -> None:
    words = {
        w.text: w
        for w in name_words(
            "Abu jatuh di Kabupaten Solok dan Kabupaten Padang Pariaman.", load_language("id")
        )
    }
    assert words["Solok"].names == {"padang", "pariaman"}


def test_name_words_leave_out_acronyms_honorifics_and_sentence_openers() -> None:
    found = [
        w.text
        for w in name_words("Menurut Pak Harun, tim BPBD tiba di Lebak.", load_language("id"))
    ]
    assert found == ["Harun", "Lebak"]


def test_spelling_key_makes_old_spellings_current_and_drops_marks() -> None:
    indonesian = load_language("id")
    assert spelling_key("Soedjatmiko", indonesian) == spelling_key("Sujatmiko", indonesian)
    assert plain_key("Ma'ruf") == plain_key("Maruf")
