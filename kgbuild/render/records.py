"""The plain records the view is made from (nodes, statements, a graph's contents) and
the text helpers every part of the render stage shares (sort keys, shortening, cleaning)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from kgbuild.render.view import SourceSentence, ViewStatement

__all__ = ["GraphContents", "NodeRecord", "clean_text", "natural_key", "shorten", "source_key"]

_BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])


@dataclass(frozen=True)
class NodeRecord:
    """A node as read from the graph, before layout and styling.

    Attributes:
        id: IRI (a claim's is its statement's IRI; a literal's is a digest of its text).
        label: Its name.
        kind: Style key (see `kgbuild.render.style.NODE_STYLES`).
        type_label: Its type as a reader says it ("Person", "Creative work").
        aliases: Other names, sorted.
        details: Extra facts as (name, value) pairs.
        mentioned_in: IRIs of the articles that mention it (`kg:mentionedIn`), sorted.
    """

    id: str
    label: str
    kind: str
    type_label: str
    aliases: tuple[str, ...] = ()
    details: tuple[tuple[str, str], ...] = ()
    mentioned_in: tuple[str, ...] = ()


@dataclass(frozen=True)
class GraphContents:
    """What the view reads from a graph: its nodes, its statements and its article count."""

    nodes: dict[str, NodeRecord]
    statements: dict[str, ViewStatement]
    articles: int


def natural_key(term: object) -> tuple:
    """Sort …/statement/2 before …/statement/10."""
    parts = re.split(r"(\d+)", str(term))  # text, digits, text, digits … text
    return tuple(int(part) if index % 2 else part for index, part in enumerate(parts))


def source_key(source: SourceSentence) -> tuple:
    return (natural_key(source.article), source.begin, natural_key(source.id))


def clean_text(text: str) -> str:
    """Plain one-line text: whitespace collapsed, control and bidi-override characters out.

    >>> clean_text("a\\u2028b\\tc\\x00\\u202e")
    'a b c'
    """
    if text.isprintable():  # no control, format (bidi) or line-break character: the usual case
        return " ".join(text.split())
    text = " ".join(text.split()).translate(_BIDI_CONTROLS)
    return "".join(c for c in text if unicodedata.category(c) != "Cc")


def shorten(text: str, length: int) -> str:
    """Cut at a word boundary and add an ellipsis.

    >>> shorten("more than 2,400 civilians", 16)
    'more than 2,400…'
    """
    if len(text) <= length:
        return text
    cut = text[: length - 1]
    if not text[length - 1].isspace() and " " in cut[length // 2 :]:  # mid-word: back up
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"
