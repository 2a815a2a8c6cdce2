"""Bytes to text: byte-order marks, UTF-16 without one, UTF-8, then detected legacy encodings.

What is not text (NUL or control bytes) is refused with a reason; what had to be guessed is
read with a warning that says how.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from claims.ingest.reading import Reading

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Windows-1252 is the commonest legacy encoding of Latin-script news; charset-normalizer often
# ties it with cp1250/cp1257 on short texts, so among near-equal candidates it is preferred.
_PREFERRED_LEGACY = ("cp1252", "latin_1", "iso8859_15")
_MAX_CHAOS = 0.25  # charset-normalizer's "mess" above which a decoding is not trusted
_CONTROL_BYTES = frozenset(range(32)) - {9, 10, 12, 13, 27}
_CONTROL_CHARS = frozenset(map(chr, _CONTROL_BYTES))
_SAMPLE = 8192
_CONVERT = "convert it to UTF-8 (e.g. `iconv -f ENCODING -t UTF-8 FILE`)"


def decode(data: bytes, name: str, reading: Reading) -> str | None:
    """The text of ``data`` with newlines normalised, or None (and a skip) if it is not text."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            reading.warn(name, f"is {codec.upper()} (byte-order mark), not UTF-8; read as such")
            return newlines(data.decode(codec, errors="replace").lstrip("\ufeff"))
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        reading.warn(name, f"is {utf16.upper()} without a byte-order mark, not UTF-8; read as such")
        return newlines(data.decode(utf16))
    sample = data[:_SAMPLE]
    if b"\x00" in sample or sum(b in _CONTROL_BYTES for b in sample) > len(sample) * 0.1:
        reading.skip(
            name,
            "is a binary file (NUL or control bytes), not text; give the "
            "article as .txt, .md, .html or .jsonl",
        )
        return None
    try:
        return newlines(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        pass
    encoding = _detect_encoding(data)
    if encoding is None:
        reading.skip(name, f"is not UTF-8 and its encoding could not be told; {_CONVERT}")
        return None
    reading.warn(
        name,
        f"is not UTF-8; decoded as {encoding} (detected by charset-normalizer). "
        f"Check the text, or {_CONVERT}",
    )
    return newlines(data.decode(encoding, errors="replace"))


def newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _utf16_without_bom(data: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" when ``data`` reads as such, else None.

    Text in a Latin script stored as UTF-16 has a NUL in every other byte: at odd offsets for
    little-endian, even ones for big-endian. Such data is taken for UTF-16 only if it also
    decodes cleanly and the result is not itself full of control characters.
    """
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:_SAMPLE]
    even, odd = sample[0::2], sample[1::2]
    for codec, zeros, letters in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros.count(0) < 0.4 * len(zeros) or letters.count(0) > 0.05 * len(letters):
            continue
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            return None
        head = text[: _SAMPLE // 2]
        if sum(c in _CONTROL_CHARS for c in head) <= 0.1 * len(head):
            return codec
    return None


def _detect_encoding(data: bytes) -> str | None:
    matches = [m for m in from_bytes(data) if m.chaos <= _MAX_CHAOS]
    if not matches:
        return None
    best = min(m.chaos for m in matches)
    for candidate in _PREFERRED_LEGACY:
        for match in matches:
            if match.chaos <= best + 0.1 and candidate in match.could_be_from_charset:
                return candidate
    return str(matches[0].encoding)
