"""Quotes, speakers, reporting verbs and cited outlets (claims/quotes/).

Every quotation and reported statement of the five example articles is checked here, with
sentences cut out of the files by hand so that these tests do not depend on segmentation.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.quotes import find_quotes, normalise_quote
from claims.types import Article, Quote, Sentence

EXAMPLES = Path(__file__).parents[2] / "examples"
FILES = {path.name[:3]: path for path in EXAMPLES.glob("*.txt")}
STATE_DEPT = "juru bicara Departemen Luar Negeri AS"
KEY_QUOTE_000 = (
    "China mengklaim netral, tetapi perilakunya memperjelas bahwa mereka masih berinvestasi "
    "dalam hubungan dekat dengan Rusia"
)
KEY_QUOTE_002 = KEY_QUOTE_000.replace("China", "Beijing", 1)

# (direct, text, speaker, verb, cited outlet); a text "A ... B" means: starts with A, ends with B.
Expected = tuple[bool, str, str | None, str | None, str | None]


def example(number: str) -> Article:
    path = FILES[number]
    return Article(id=number, path=str(path), text=path.read_text(encoding="utf-8"), language="id")


def sentence_in(article: Article, first: str, last: str) -> Sentence:
    """The sentence of ``article`` from the first ``first`` up to and including ``last``."""
    start = article.text.index(first)
    end = article.text.index(last, start) + len(last)
    return Sentence(article.text[start:end], article.span(start, end))


def quotes_in(text: str, *, language: str = "id", previous: str | None = None) -> tuple[Quote, ...]:
    article = Article(id="t", path="t.txt", text=f"Judul\n\n{text}\n", language=language)
    return find_quotes(sentence_in(article, text, text), article, previous_speaker=previous)


def assert_quotes(found: tuple[Quote, ...], expected: list[Expected], article_text: str) -> None:
    assert len(found) == len(expected), [q.text for q in found]
    for quote, (direct, text, speaker, verb, outlet) in zip(found, expected, strict=True):
        assert article_text[quote.span.start : quote.span.end] == quote.text
        if " ... " in text:
            head, tail = text.split(" ... ")
            assert quote.text.startswith(head) and quote.text.endswith(tail), quote.text
        else:
            assert quote.text == text
        assert (quote.direct, quote.speaker, quote.verb, quote.cited_outlet) == (
            direct,
            speaker,
            verb,
            outlet,
        )


def _case(
    number: str, first: str, last: str, expected: list[Expected], previous: str | None = None
) -> Any:
    """One example sentence (``first`` ... ``last`` in file ``number``) and its quotes."""
    return pytest.param(number, first, last, previous, expected, id=f"{number}:{first[:24]}")


EXAMPLE_CASES = [
    # 000: KONTAN, the June phone call and the State Department's answer.
    _case("000", "KONTAN.CO.ID", "sejarah yang salah.", [
        (False, "itu berisiko berakhir di sisi sejarah yang salah", "AS", "memperingatkan", None),
    ]),
    _case("000", '"China bersedia untuk terus', "via telepon.", [
        (True, "China bersedia untuk terus menawarkan ... seperti kedaulatan dan keamanan",
         "Xi", "melaporkan", "CCTV"),
    ]),
    _case("000", "Menurut CCTV, seperti", "perubahan global.", [
        (False, "momentum pembangunan ... gejolak dan perubahan global",
         "Xi", "memuji", "CCTV"),
    ]),
    _case("000", 'China bersedia "mengintensifkan', "menurut laporan CCTV.", [
        (False, 'China bersedia "mengintensifkan koordinasi strategis antara kedua negara,"',
         "Xi", "kata", "CCTV"),
        (True, "mengintensifkan koordinasi strategis antara kedua negara", "Xi", "kata", "CCTV"),
    ]),
    _case("000", "Sementara Kantor Presiden", '"melanggar hukum".', [
        (False, 'kedua pemimpin sepakat untuk meningkatkan ... sanksi Barat yang "melanggar hukum"',
         "Kremlin", "mengatakan", None),
        (True, "melanggar hukum", "Kremlin", "mengatakan", None),
    ]),
    _case("000", '"Disepakati untuk memperluas', "dikutip Channel News Asia.", [
        (True, "Disepakati untuk memperluas kerjasama ... kebijakan sanksi yang tidak sah dari Barat",
         "Kremlin", "kata", "Channel News Asia"),
    ]),
    _case("000", '"China mengklaim netral', "dilansir Channel News Asia.", [
        (True, KEY_QUOTE_000, STATE_DEPT, "kata", "Channel News Asia"),
    ]),
    _case("000", 'Washington "memantau', "Luar Negeri AS mengungkapkan.", [
        (False, 'Washington "memantau aktivitas China ... kekejaman Moskow di Ukraina "dipentaskan"',
         STATE_DEPT, "mengungkapkan", None),
        (True, "memantau aktivitas China dengan cermat", STATE_DEPT, "mengungkapkan", None),
        (True, "masih menggemakan propaganda Rusia di seluruh dunia", STATE_DEPT, "mengungkapkan",
         None),
        (True, "dipentaskan", STATE_DEPT, "mengungkapkan", None),
    ]),
    _case("000", '"Negara-negara yang berpihak', "Luar Negeri AS.", [
        (True, "Negara-negara yang berpihak pada Vladimir Putin ... di sisi sejarah yang salah",
         STATE_DEPT, "tegas", None),
    ]),
    # 001: Purna Warta, with the Kremlin's readout.
    _case("001", "Moskow, Purna Warta", "menurut TV pemerintah China.", [
        (False, "pemerintahnya “bersedia untuk melanjutkan ... yang menjadi perhatian utama,”",
         "pemimpin China", "mengatakan", "TV pemerintah China"),
        (True, "bersedia untuk melanjutkan dukungan ... isu-isu yang menjadi perhatian utama",
         "pemimpin China", "mengatakan", "TV pemerintah China"),
    ]),
    _case("001", "Dia mengatakan Beijing", "antara kedua negara.”", [
        (False, "Beijing bersedia untuk “mengintensifkan koordinasi strategis antara kedua negara.”",
         "Xi", "mengatakan", None),
        (True, "mengintensifkan koordinasi strategis antara kedua negara", "Xi", "mengatakan",
         None),
    ], previous="Xi"),
    _case("001", "Xi menyatakan,", "lebih adil dan masuk akal.”", [
        (True, "siap untuk memperkuat komunikasi ... pembangunan yang lebih adil dan masuk akal",
         "Xi", "menyatakan", None),
    ]),
    _case("001", "Kremlin dari percakapan", "kekuatan eksternal.”", [
        (False, "pemimpin China menggarisbawahi “legitimasi ... oleh kekuatan eksternal.”",
         "Kremlin", "mengatakan", None),
        (True, "legitimasi tindakan Rusia ... yang diciptakan oleh kekuatan eksternal",
         "Kremlin", "mengatakan", None),
    ]),
    _case("001", "Kedua pemimpin sepakat untuk meningkatkan", "dalam sebuah pernyataan.", [
        (False, "Kedua pemimpin sepakat ... menghadapi “sanksi Barat yang melanggar hukum,”",
         "Kremlin", "kata", None),
        (True, "sanksi Barat yang melanggar hukum", "Kremlin", "kata", None),
    ]),
    _case("001", "“Disepakati untuk memperluas", "kata pernyataan itu.", [
        (True, "Disepakati untuk memperluas kerja sama ... yang melanggar hukum dari Barat",
         "Kremlin", "kata", None),
    ], previous="Kremlin"),
    _case("001", "Xi mengatakan kepada Putin", "menurut laporan CCTV China.", [
        (False, "Beijing bertindak secara independen mengenai Ukraina", "Xi", "mengatakan",
         "CCTV"),
    ]),
    # "memberi tahu" is not a reporting verb: the quotation keeps no speaker.
    _case("001", "Dalam percakapan Februari mereka", "melalui negosiasi.”", [
        (True, "masalah melalui negosiasi", None, None, None),
    ]),
    _case("001", "Pada saat itu, Presiden Rusia", "“mende-Nazifikasi” Ukraina.", [
        (False, "salah satu tujuan dari apa yang disebutnya ... “mende-Nazifikasi” Ukraina",
         "Presiden Rusia Vladimir Putin", "mengatakan", None),
        (True, "operasi militer khusus", "Presiden Rusia Vladimir Putin", "mengatakan", None),
        (True, "mende-Nazifikasi", "Presiden Rusia Vladimir Putin", "mengatakan", None),
    ]),
    _case("001", "China mengatakan sanksi", "(DK PBB).", [
        (False, "sanksi itu sepihak dan tidak disahkan ... Perserikatan Bangsa-Bangsa (DK PBB)",
         "China", "mengatakan", None),
    ]),
    # 002: Beritabaru, the December video call.
    _case("002", "Berita Baru, Washington", "berpihak pada Rusia.", [
        (True, "netral", None, None, None),
    ]),
    _case("002", "“Beijing mengklaim netral", "dikutip dari Reuters.", [
        (True, KEY_QUOTE_002, STATE_DEPT, "kata", "Reuters"),
    ]),
    _case("002", "Pihaknya juga menambahkan", "dengan cermat.”", [
        (False, "AS akan “memantau aktivitas Beijing dengan cermat.”", STATE_DEPT, "menambahkan",
         None),
        (True, "memantau aktivitas Beijing dengan cermat", STATE_DEPT, "menambahkan", None),
    ], previous=STATE_DEPT),
    _case("002", "Putin mengatakan hubungan Rusia dengan", "dalam sejarah”.", [
        (False, "hubungan Rusia dengan China saat ini adalah “yang terbaik dalam sejarah”",
         "Putin", "mengatakan", None),
        (True, "yang terbaik dalam sejarah", "Putin", "mengatakan", None),
    ]),
    _case("002", "Di samping itu, Putin", "dengan Beijing.", [
        (False, "Rusia akan berusaha untuk memperkuat kerja sama militer dengan Beijing",
         "Putin", "mengatakan", None),
    ]),
    _case("002", "Putin mengatakan dia", "pada tahun 2023.", [
        (False, "dia mengharapkan Xi untuk melakukan kunjungan kenegaraan ke Rusia pada tahun 2023",
         "Putin", "mengatakan", None),
    ]),
    _case("002", "Dalam sambutan pengantar", "kenegaraan ke Moskow.”", [
        (True, "Kami mengharapkan Anda, Tuan ketua ... dalam kunjungan kenegaraan ke Moskow",
         "Putin", "mengatakan", None),
    ]),
    _case("002", "Dia mengatakan kunjungan", "hubungan Rusia-China”.", [
        (False, "kunjungan itu akan “menunjukkan kepada dunia kedekatan hubungan Rusia-China”",
         "Putin", "mengatakan", None),
        (True, "menunjukkan kepada dunia kedekatan hubungan Rusia-China", "Putin", "mengatakan",
         None),
    ], previous="Putin"),
    _case("002", "Berbicara selama sekitar", "antara kedua negara.", [
        (False, "hubungan Rusia-China semakin penting ... kerja sama militer antara kedua negara",
         "Putin", "mengatakan", None),
    ]),
    _case("002", "Dalam tanggapan yang", "pada umumnya.", [
        (False, "China siap untuk meningkatkan kerja sama ... situasi “sulit” di dunia pada umumnya",
         "Xi", "mengatakan", None),
        (True, "sulit", "Xi", "mengatakan", None),
    ]),
    _case("002", "Awal bulan ini", "kawasan Asia-Pasifik.", [
        (True, "agresif", None, None, None),
    ]),
    _case("002", "Xi “menekankan", "tentang panggilan tersebut.", [
        (True, "menekankan bahwa China telah mencatat ... yang mana [China] menyatakan apresiasinya",
         "Xi", "lapor", "CCTV"),
    ]),
    _case("002", "Pemimpin China mengatakan", "menurut CCTV.", [
        (False, "jalan menuju pembicaraan damai ... “sikap obyektif dan adil” dalam masalah ini",
         "Pemimpin China", "mengatakan", "CCTV"),
        (True, "sikap obyektif dan adil", "Pemimpin China", "mengatakan", "CCTV"),
    ]),
    _case("002", "“Pihak China telah", "katanya seperti dikutip.", [
        (True, "Pihak China telah mencatat bahwa pihak Rusia mengatakan ... penghargaannya untuk ini",
         "Xi", "kata", None),
    ], previous="Xi"),
    _case("002", "“Fakta telah", "kata Xi kepada Putin.", [
        (True, "Fakta telah berulang kali membuktikan ... campur tangan pasti akan gagal",
         "Xi", "kata", None),
    ]),
    _case("002", "“Tiongkok siap", "keadilan internasional.”", [
        (True, "Tiongkok siap untuk bekerja dengan Rusia ... kedua negara dan keadilan internasional",
         None, None, None),
    ]),
    _case("002", "Pada bulan Februari, China", "peringatan di Barat.", [
        (True, "tanpa batas", None, None, None),
    ]),
    # 003: an unnamed site; "Ia" is Xi Jinping, named two sentences before.
    _case("003", "Ia menegaskan bahwa", "negara itu.", [
        (False, 'Beijing akan terus mendukung Moskow terkait "kedaulatan dan keamanan" negara itu',
         "Xi Jinping", "menegaskan", None),
        (True, "kedaulatan dan keamanan", "Xi Jinping", "menegaskan", None),
    ], previous="Xi Jinping"),
    _case("003", "Ia menyebut Rusia", 'perubahan global".', [
        (False, 'Rusia dan China berada pada "momentum pembangunan ... gejolak dan perubahan global"',
         "Xi", "menyebut", None),
        (True, "momentum pembangunan yang baik dalam menghadapi gejolak dan perubahan global",
         "Xi", "menyebut", None),
    ], previous="Xi"),
    _case("003", "Ia menyampaikan Beijing", "antara kedua negara.", [
        (False, "Beijing bersedia mengintensifkan koordinasi strategis antara kedua negara",
         "Xi", "menyampaikan", None),
    ], previous="Xi"),
    _case("003", "Ia juga menambahkan", "lebih adil dan masuk akal.", [
        (False, "China siap untuk memperkuat komunikasi ... yang lebih adil dan masuk akal",
         "Xi", "menambahkan", None),
    ], previous="Xi"),
    _case("003", "Disebutkan bahwa", '"melanggar hukum".', [
        (False, 'Xi Jinping dan Putin sepakat untuk ... sanksi Barat yang "melanggar hukum"',
         None, "disebutkan", None),
        (True, "melanggar hukum", None, "disebutkan", None),
    ]),
    # 004: Kompas, from AFP.
    _case("004", "Media China, CCTV", "pada berbagai isu.", [
        (False, "China bersedia untuk terus mendukung Rusia pada berbagai isu", "Xi",
         "menyampaikan", "CCTV"),
    ]),
    _case("004", "“Mengenai kepentingan", "kata Xi dikutip CCTV.", [
        (True, "Mengenai kepentingan inti dan keprihatinan utama seperti kedaulatan dan keamanan",
         "Xi", "kata", "CCTV"),
    ]),
    _case("004", "Dilansir AFP", "pada 24 Februari.", [
        (False, "percakapan tersebut merupakan panggilan telepon kedua ... pada 24 Februari",
         None, "dilansir", "AFP"),
    ]),
    _case("004", "Menurut CCTV, Xi", "perubahan global.", [
        (False, "momentum pembangunan ... gejolak dan perubahan global",
         "Xi", "memuji", "CCTV"),
    ]),
    _case("004", "Xi menambahkan,", "antara kedua negara.", [
        (False, "Beijing bersedia mengintensifkan koordinasi strategis antara kedua negara",
         "Xi", "menambahkan", None),
    ]),
    _case("004", "Dia juga mengutarakan", "organisasi internasional.", [
        (False, "China siap untuk memperkuat komunikasi dan koordinasi dengan Rusia di organisasi "
         "internasional", "Xi", "mengutarakan", None),
    ], previous="Xi"),
    _case("004", "“Dan mendorong", "ujar Xi.", [
        (True, "Dan mendorong tatanan internasional ... pembangunan yang lebih adil dan masuk akal",
         "Xi", "ujar", None),
    ]),
]  # fmt: skip


@pytest.mark.parametrize(("number", "first", "last", "previous", "expected"), EXAMPLE_CASES)
def test_find_quotes_examples_come_out_right(
    number: str, first: str, last: str, previous: str | None, expected: list[Expected]
) -> None:
    article = example(number)
    found = find_quotes(sentence_in(article, first, last), article, previous_speaker=previous)
    assert_quotes(found, expected, article.text)


@pytest.mark.parametrize(
    ("number", "first", "last"),
    [
        ("000", "Xi Jinping ke Vladimir Putin:", "Keamanan Rusia"),
        ("000", "China telah menolak", "ke Kyiv."),
        ("000", "Tetapi, Amerika Serikat", "Moskow ungkapkan."),
        ("001", "Xi juga mendesak", "membara di Ukraina."),
        ("001", "Mereka mengeluarkan pernyataan 5.000 kata", "Perang Dingin."),
        ("002", "Komentar itu dikeluarkan", "Jumat (30/12)."),
        ("002", "Xi, bagaimanapun,", "yang hegemonik."),
        ("003", "Ia memberi pesan", "Vladimir Putin."),
        ("004", "Hal tersebut disampaikan", "(15/6/2022)."),
    ],
)
def test_find_quotes_sentences_without_quotes_give_none(number: str, first: str, last: str) -> None:
    article = example(number)
    assert find_quotes(sentence_in(article, first, last), article) == ()


def test_find_quotes_state_department_key_case() -> None:
    june, december = example("000"), example("002")
    (a,) = find_quotes(sentence_in(june, '"China mengklaim', "News Asia."), june)
    (b,) = find_quotes(sentence_in(december, "“Beijing mengklaim", "dari Reuters."), december)
    assert (a.text, a.speaker, a.cited_outlet) == (KEY_QUOTE_000, STATE_DEPT, "Channel News Asia")
    assert (b.text, b.speaker, b.cited_outlet) == (KEY_QUOTE_002, STATE_DEPT, "Reuters")
    assert june.text[a.span.start : a.span.end] == a.text and a.span.line == 28
    assert december.text[b.span.start : b.span.end] == b.text and b.span.line == 20


@pytest.mark.parametrize(
    ("text", "previous", "speaker"),
    [
        ("“Kami siap bekerja sama dengan semua pihak,” katanya.", "Jokowi", "Jokowi"),
        ("“Kami siap bekerja sama dengan semua pihak,” katanya.", None, None),
        ("Dia mengatakan Indonesia siap bekerja sama.", "Retno Marsudi", "Retno Marsudi"),
        ("Ia menegaskan bahwa Indonesia siap bekerja sama.", None, None),
        ("Pihaknya juga menambahkan bahwa Indonesia siap.", "Kemlu", "Kemlu"),
        ("Beliau mengatakan, Indonesia siap bekerja sama.", "Presiden", "Presiden"),
    ],
)
def test_find_quotes_pronoun_resolves_to_previous_speaker(
    text: str, previous: str | None, speaker: str | None
) -> None:
    quotes = quotes_in(text, previous=previous)
    assert quotes and all(q.speaker == speaker for q in quotes)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kremlin mengatakan, kedua pemimpin sepakat memperluas kerja sama.",
         (False, "kedua pemimpin sepakat memperluas kerja sama", "Kremlin", "mengatakan", None)),
        ("Beijing siap bekerja sama, kata Xi.",
         (False, "Beijing siap bekerja sama", "Xi", "kata", None)),
        ("Menurut juru bicara Kremlin, pertemuan itu berlangsung hangat.",
         (False, "pertemuan itu berlangsung hangat", "juru bicara Kremlin", "menurut", None)),
        ("Pertemuan itu berlangsung hangat, menurut Kremlin.",
         (False, "Pertemuan itu berlangsung hangat", "Kremlin", "menurut", None)),
        ("Menteri Retno Marsudi menegaskan bahwa Indonesia netral.",
         (False, "Indonesia netral", "Menteri Retno Marsudi", "menegaskan", None)),
        ("Seorang pejabat mengatakan kepada wartawan bahwa harga naik, seperti dilansir Reuters.",
         (False, "harga naik", "pejabat", "mengatakan", "Reuters")),
        ("Harga naik, ujar seorang juru bicara Kementerian Keuangan, dikutip Kontan.",
         (False, "Harga naik", "juru bicara Kementerian Keuangan", "ujar", "Kontan")),
        ("“Harga naik,” kata Sri Mulyani seperti Kompas.com lansir.",
         (True, "Harga naik", "Sri Mulyani", "kata", "Kompas")),
    ],
)  # fmt: skip
def test_find_quotes_reported_speech_and_outlets(text: str, expected: Expected) -> None:
    (quote,) = quotes_in(text)
    assert (quote.direct, quote.text, quote.speaker, quote.verb, quote.cited_outlet) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"We are ready to talk," the State Department spokesperson said.',
         (True, "We are ready to talk", "State Department spokesperson", "said", None)),
        ('"We are ready," said a spokesperson, according to Reuters.',
         (True, "We are ready", "spokesperson", "said", "Reuters")),
        ("The Kremlin said on Wednesday that the leaders agreed to expand trade, TASS reported.",
         (False, "the leaders agreed to expand trade", "Kremlin", "said", "TASS")),
    ],
)  # fmt: skip
def test_find_quotes_english(text: str, expected: Expected) -> None:
    (quote,) = quotes_in(text, language="en")
    assert (quote.direct, quote.text, quote.speaker, quote.verb, quote.cited_outlet) == expected


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("Ia menyebut klaim itu ‘hoaks’ belaka.", ["hoaks"]),
        ("Ia menyebut klaim itu 'hoaks' belaka.", ["hoaks"]),
        ("Salat Jum'at dan Qur'an dibahas, bukan “hoaks”.", ["hoaks"]),
        ("Dia berkata: “Kami ‘siap’ bekerja sama.”", ["Kami ‘siap’ bekerja sama"]),
        ("Laporan “belum selesai dan", ["belum selesai dan"]),
        ("Tinggi badannya 5'10\" saja.", []),
    ],
)
def test_find_quotes_marks_and_apostrophes(text: str, quoted: list[str]) -> None:
    assert [q.text for q in quotes_in(text) if q.direct] == quoted


def test_normalise_quote_state_department_quotes_are_equal() -> None:
    a = normalise_quote(f'"{KEY_QUOTE_000},"', language="id")
    b = normalise_quote(f"“{KEY_QUOTE_002},”", language="id")
    assert a == b
    assert a.startswith("china mengklaim netral tetapi") and a.endswith("dengan russia")


def test_normalise_quote_different_quotes_differ() -> None:
    other = "Negara-negara yang berpihak pada Vladimir Putin pasti akan berada di sisi yang salah"
    assert normalise_quote(KEY_QUOTE_000, language="id") != normalise_quote(other, language="id")
    assert normalise_quote("China  netral!", language="id") != normalise_quote(
        "Rusia netral", language="id"
    )


@pytest.mark.parametrize(
    ("a", "b", "language"),
    [
        ("Tiongkok siap, kata Xi Jinping.", "“China siap,” kata Xi.", "id"),
        ("Moskow  menolak", "RUSIA menolak.", "id"),
        ("The US said", "the United States said", "en"),
    ],
)
def test_normalise_quote_aliases_case_and_punctuation(a: str, b: str, language: str) -> None:
    assert normalise_quote(a, language=language) == normalise_quote(b, language=language)


_PIECES = st.sampled_from(
    [
        "“", "”", '"', "‘", "’", "'", ",", ".", ":", " ", "kata", "katanya", "mengatakan",
        "bahwa", "menurut", "dikutip dari", "seperti", "lansir", "Reuters", "CCTV", "Xi", "Ia",
        "juru bicara", "AS", "alias", "Kremlin", "Disebutkan", "said", "according to",
    ]
)  # fmt: skip
_TEXT = st.lists(_PIECES | st.text(max_size=4), max_size=30).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(text=_TEXT, cut=st.tuples(st.integers(0, 200), st.integers(0, 200)),
       language=st.sampled_from(["id", "en", "und"]), previous=st.none() | st.just("Xi"))  # fmt: skip
def test_find_quotes_spans_index_article_text(
    text: str, cut: tuple[int, int], language: str, previous: str | None
) -> None:
    article = Article(id="h", path="h.txt", text=text, language=language)
    start, end = sorted(min(c, len(text)) for c in cut)
    sentence = Sentence(text[start:end], article.span(start, end))
    for quote in find_quotes(sentence, article, previous_speaker=previous):
        assert start <= quote.span.start < quote.span.end <= end
        assert text[quote.span.start : quote.span.end] == quote.text
        assert quote.speaker is None or quote.speaker.strip()
    assert isinstance(normalise_quote(text, language=language), str)
