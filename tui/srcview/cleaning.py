"""Text from strangers made safe for every output: terminal, Markdown, CSV, JSON.

Articles and rules files are written by anyone.  Before their text reaches a
terminal, a report, a spreadsheet or a JSON consumer it passes through one of
these, so one declaration decides what counts as dangerous:

- :data:`ESCAPES` — ANSI/VT escape sequences (CSI, OSC, DCS/PM/APC strings,
  two-byte escapes, 8-bit CSI): dropped whole, parameters and all, so an OSC
  title string never shows up as text;
- :data:`CONTROLS` — every other C0/C1 control character, DEL, and the
  bidirectional overrides and isolates (which reorder what a reader sees).

:func:`clean` gives one line for the terminal and Markdown, :func:`strip_controls`
keeps newlines and tabs (CSV cells), :func:`csv_cell` also disarms spreadsheet
formulas, and :func:`escape_json` keeps everything in a JSON text as ``\\uXXXX``
escapes, so the document still holds the article exactly.
"""

from __future__ import annotations

import re
from typing import Any

ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves, screen clears
    r"|\x1b[\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c|(?=\x1b)|$)"  # OSC/DCS/SOS/PM/APC strings: titles, links
    r"|\x1b[@-Z\\-_]?"  # two-byte escapes (and a lone ESC)
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
    # 8-bit DCS/SOS/OSC/PM/APC strings, when ended (a lone one, as in misdecoded text, is just a control)
    r"|[\x90\x98\x9d\x9e\x9f][^\x07\x1b\x9c\x90\x98\x9d\x9e\x9f]*(?:\x07|\x1b\\|\x9c|(?=\x1b))"
)
#: Bidirectional overrides (LRE, RLE, PDF, LRO, RLO) and isolates (LRI, RLI, FSI, PDI).
BIDI = "\u202a-\u202e\u2066-\u2069"
CONTROLS = re.compile(rf"[\x00-\x1f\x7f-\x9f{BIDI}]")
_CONTROLS_BUT_LINES = re.compile(rf"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI}]")
#: What a JSON text keeps only as an escape: C0 (json does these already), DEL, C1, bidi controls,
#: and the line and paragraph separators, which end a line in JavaScript and some editors.
_JSON_UNSAFE = re.compile(rf"[\x7f-\x9f{BIDI}\u2028\u2029]")
#: First characters that make a spreadsheet read a cell as a formula (OWASP: = + - @ tab CR),
#: with their full-width forms, which some spreadsheets fold to ASCII.
FORMULA_STARTS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")


def clean(text: str) -> str:
    """``text`` on one line with terminal escapes and control characters removed (a tab becomes a space)."""
    text = ESCAPES.sub("", text)
    if "\n" in text:
        text = _one_line(text)
    return CONTROLS.sub(lambda m: " " if m.group() == "\t" else "", text)


def _one_line(text: str) -> str:
    """Each line break, with the white space around it, as one space (linear, unlike ``\\s*\\n\\s*``)."""
    parts = text.split("\n")
    middle = (part.strip() for part in parts[1:-1])
    return " ".join([parts[0].rstrip(), *(part for part in middle if part), parts[-1].lstrip()])


def strip_controls(text: str) -> str:
    """``text`` without terminal escapes and control characters, keeping its newlines and tabs."""
    return _CONTROLS_BUT_LINES.sub("", ESCAPES.sub("", text))


def csv_cell(value: Any) -> Any:
    """A value as a CSV cell: text cleaned of controls and disarmed as a formula; other values as they are.

    A cell whose first visible character could start a formula (``=``, ``+``,
    ``-``, ``@``, tab, CR, or their full-width forms) gets a leading ``'``, which
    spreadsheets take as "this is text" (the OWASP recommendation for CSV
    injection).  Numbers are left alone: they are ours, never the article's.
    """
    if not isinstance(value, str):
        return value
    text = strip_controls(value)
    stripped = text.lstrip(" \n")
    if stripped and stripped[0] in FORMULA_STARTS:
        return "'" + text
    return text


def escape_json(text: str) -> str:
    """A JSON text with every DEL, C1, bidi control and line separator written as a ``\\uXXXX`` escape.

    ``json.dumps(..., ensure_ascii=False)`` escapes C0 controls (ESC, BEL) but
    writes these as they are.  They can only occur inside JSON strings, so the
    escaped document parses to exactly the same values.
    """
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
