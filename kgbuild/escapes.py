"""Article text made safe where it lands outside RDF: a terminal and a spreadsheet.

Article text is untrusted. Written raw to a terminal, an ESC starts a control sequence
(colours, cursor moves, OSC 8 links, OSC 52 clipboard writes, window titles), BEL rings,
and bidirectional overrides reorder what is shown (the "Trojan Source" trick); opened in a
spreadsheet, a CSV cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
is taken for a formula (CSV injection). Shared by the CLI's outputs; no spaCy, no rdflib.
"""

from __future__ import annotations

import re

__all__ = ["FORMULA_STARTS", "spreadsheet_safe", "terminal_safe"]

# C0 controls (tab and line feed included: a table cell or TSV field is one line), DEL,
# C1 controls (U+009B is a one-character CSI), and the bidirectional embeddings,
# overrides and isolates.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")

#: What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def terminal_safe(text: str) -> str:
    r"""`text` with every control character shown as an escape, so a terminal prints it
    and obeys none of it.

    >>> terminal_safe("Kyiv\x1b]8;;http://evil.example\x07click\x1b]8;;\x07")
    'Kyiv\\x1b]8;;http://evil.example\\x07click\\x1b]8;;\\x07'
    >>> terminal_safe("abc\u202edcba")
    'abc\\u202edcba'
    """
    return _CONTROL.sub(_escape, text)


def spreadsheet_safe(cell: str) -> str:
    """A CSV cell a spreadsheet shows as text: one that would start a formula gets a
    leading apostrophe, as OWASP recommends (the apostrophe is hidden by the spreadsheet;
    a program reading the CSV sees it).

    >>> spreadsheet_safe("=HYPERLINK(\\"http://evil.example\\")")
    '\\'=HYPERLINK("http://evil.example")'
    >>> spreadsheet_safe("-3.5"), spreadsheet_safe("Kyiv")
    ("'-3.5", 'Kyiv')
    """
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
