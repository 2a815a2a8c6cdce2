"""Making untrusted text safe to print on a terminal or a CI log line.

Article text, titles, outlets and file names come from outside. On a terminal an ESC byte can
clear the screen or forge a hyperlink; in a CI log a line that starts with ``::`` is a GitHub
Actions workflow command. Every value a plain-text output prints goes through one of these:
control characters are shown visibly (``\\x1b``), never passed through, and a value that must
stay on one line has its line breaks shown as ``\\n``.
"""

from __future__ import annotations

import re
import unicodedata

# C0 and C1 controls, DEL, and the Unicode line/paragraph separators; tab and newline are
# handled by the callers' choice of single- or multi-line output.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
# Bidirectional overrides and isolates can make a printed line read differently from its bytes.
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
_BREAK = re.compile(r"\r\n|\r|\n")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with line breaks and tabs kept and every other control character made visible."""
    text = _BREAK.sub("\n", text)
    text = _CONTROL.sub(_visible, text)
    return _BIDI.sub(_visible, _no_surrogates(text))


def one_line(text: str) -> str:
    """``text`` on one line: breaks shown as ``\\n``, tabs as spaces, controls made visible.

    A value printed this way can never start a new line of output, so it cannot begin a CI
    workflow command or a forged log line.
    """
    text = _BREAK.sub("\\\\n", text).replace("\t", " ")
    return printable(text)


def _no_surrogates(text: str) -> str:
    """Lone surrogates cannot be encoded as UTF-8; show them as the replacement character."""
    if not any(0xD800 <= ord(c) <= 0xDFFF for c in text):
        return text
    return "".join("\ufffd" if unicodedata.category(c) == "Cs" else c for c in text)


def safe_line_start(line: str) -> str:
    """A line of plain output that cannot be read as a workflow command (``::name``).

    A backslash goes before the colons (leading blanks are not enough: a log reader may strip
    them), so the line still shows what the text said.
    """
    stripped = line.lstrip()
    if not stripped.startswith("::"):
        return line
    return line[: len(line) - len(stripped)] + "\\" + stripped


def inert_lines(text: str) -> str:
    """Every line of ``text`` through :func:`safe_line_start`."""
    return "".join(safe_line_start(line) + end for line, end in _lines(text))


def _lines(text: str) -> list[tuple[str, str]]:
    parts = text.split("\n")
    return [(p, "\n") for p in parts[:-1]] + ([(parts[-1], "")] if parts[-1] else [])


# Characters JSON may carry raw (ensure_ascii=False) that a terminal or an editor would act on.
_JSON_RAW = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def json_safe(text: str) -> str:
    """JSON text with C1 controls, DEL, line separators and bidi controls as ``\\uXXXX``.

    ``json.dumps(..., ensure_ascii=False)`` escapes C0 controls but leaves these raw; in JSON
    they can only occur inside strings, so escaping them keeps the data exactly the same.
    """
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
