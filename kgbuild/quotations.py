"""Where quotations open and close in article text: plain string work every stage may use.

Kept free of spaCy so that resolution (a pronoun inside a quote never means its speaker) and
extraction (a quote's speaker stands outside it) share one reading of the marks.
"""

from __future__ import annotations

QUOTE_OPEN = "“\"‘«"
QUOTE_CLOSE = "”\"’»"


def paragraph_start(text: str, position: int) -> int:
    """Offset where the paragraph holding ``position`` begins (paragraphs part at a blank line).

    >>> paragraph_start("One.\\n\\nTwo words.", 9)
    6
    """
    start = text.rfind("\n\n", 0, position)
    return 0 if start < 0 else start + 2


def inside_quotation(text: str, start: int, end: int) -> bool:
    """The span lies within quotation marks opened earlier in its paragraph.

    >>> inside_quotation('He said: “we will win', 12, 16)
    True
    """
    before = text[paragraph_start(text, start):start]
    curly_open = before.count("“") - before.count("”")
    straight = before.count('"') % 2
    return curly_open > 0 or straight == 1
