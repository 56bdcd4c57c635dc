"""Turn the raw text of a page into an article body and its headline.

`clean_text` splits the text into paragraphs (a line each, or a hard-wrapped block),
asks `furniture` which ones are page furniture, takes the headline off the top and joins
what is left with blank lines. Kept lines are not rewritten: offsets computed later index
into text exactly as the author wrote it, less trailing whitespace.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kgbuild.ingest.furniture import (
    LineShape,
    breadcrumb,
    byline,
    headline,
    marker,
    navigation,
    shape,
)

_BOM = "\ufeff"
#: A menu item has at most this many words, and a menu at least this many items.
_MENU_ITEM_WORDS = 4
_MENU_RUN = 5
#: Reasons that come from a line's own marker, not from its position: only these spread.
_MARKED = frozenset(
    ["bracket tag", "teaser prefix", "pager link", "widget label", "site notice",
     "site prompt", "teaser cluster"]
)


@dataclass(frozen=True)
class CleanedText:
    """An article's text with page furniture taken out.

    Attributes:
        title: The headline found at the top, when the text starts with one.
        text: The body, paragraphs separated by a blank line; the headline is not in it.
        removed: The dropped lines, in page order, to show what the cleaner did.
    """

    title: str | None
    text: str
    removed: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Paragraph:
    """One line, or the lines of one hard-wrapped paragraph, with its block number."""

    lines: tuple[str, ...]
    block: int
    shape: LineShape


def normalise_newlines(text: str) -> str:
    r"""Strip a byte-order mark and make every line ending `\n`.

    >>> normalise_newlines("\ufeffa\r\nb\rc")
    'a\nb\nc'
    """
    return text.removeprefix(_BOM).replace("\r\n", "\n").replace("\r", "\n")


def clean_text(text: str) -> CleanedText:
    r"""Take page furniture and the headline out of an article's text.

    Args:
        text: The text of one article as scraped or typed, any line endings.

    Returns:
        The headline (if the first kept line looks like one and a body follows), the
        body with paragraphs separated by blank lines, and the lines that were dropped.

    >>> page = "Home News\n\nRain expected in the north\n\nIt will rain.\n\nShare this story"
    >>> cleaned = clean_text(page)
    >>> cleaned.title, cleaned.text, cleaned.removed
    ('Rain expected in the north', 'It will rain.', ('Home News', 'Share this story'))
    """
    lines = [line.rstrip() for line in normalise_newlines(text).split("\n")]
    paragraphs = _paragraphs(lines)
    reasons, title = _classify(paragraphs)
    kept = [i for i, reason in enumerate(reasons) if reason is None and i != title]
    removed = tuple(
        line for i, reason in enumerate(reasons) if reason for line in paragraphs[i].lines
    )
    return CleanedText(
        title=paragraphs[title].shape.text if title is not None else None,
        text=_join(paragraphs, kept),
        removed=tuple(line.strip() for line in removed),
    )


def _classify(paragraphs: Sequence[_Paragraph]) -> tuple[list[str | None], int | None]:
    """Say why each paragraph is furniture (None when it is content) and which is the title.

    Strong markers count anywhere. Shape alone counts only where furniture gathers: above
    the first paragraph of content, and next to or after a marked line. Runs of short
    lines with no marker nearby are kept: fixtures, rankings and line-ups look the same
    as link lists, and losing a fact costs more than keeping a teaser.
    """
    shapes = [p.shape for p in paragraphs]
    reasons: list[str | None] = [marker(s) for s in shapes]
    content = [
        i for i, s in enumerate(shapes) if reasons[i] is None and not s.title_like and not byline(s)
    ]
    if not content:
        return reasons, None  # no body: nothing to call a headline, no top or bottom
    first, last = content[0], content[-1]
    title = _top_of_page(shapes, reasons, first)
    listed = _introduced_lists(shapes, reasons)
    _teaser_clusters(paragraphs, reasons, listed, start=title + 1 if title is not None else first)
    _after_labels(shapes, reasons, listed, last)
    for i in (*range(first), *range(last + 1, len(shapes))):
        if reasons[i] is None and navigation(shapes[i]):
            reasons[i] = "navigation"
    if title is not None:
        for i, s in enumerate(shapes):
            if i != title and reasons[i] is None and s.text == shapes[title].text:
                reasons[i] = "repeated headline"
    return reasons, title


def _top_of_page(shapes: list[LineShape], reasons: list[str | None], first: int) -> int | None:
    """Drop menus, breadcrumbs and bylines above the body; return the headline's index.

    The headline is the first line left there, if it looks like one.
    """
    _menus(shapes, reasons, first)
    title = None
    for i in range(first):
        if reasons[i]:
            continue
        following = next((s.text for s in shapes[i + 1 :] if s.text), None)
        if navigation(shapes[i]) or breadcrumb(shapes[i], following):
            reasons[i] = "navigation"
        elif byline(shapes[i]):
            reasons[i] = "byline"
        elif title is None and headline(shapes[i]) and not any(
            reasons[j] is None for j in range(i)
        ):
            title = i
    return title


def _menus(shapes: list[LineShape], reasons: list[str | None], first: int) -> None:
    """Drop runs of five or more very short lines above the body: a menu, item by item.

    One or two short lines there may be the story's own (a venue, a date), so it takes a
    run to tell a menu.
    """
    run: list[int] = []
    for i in range(first + 1):
        if i < first and reasons[i]:
            continue
        if i < first and shapes[i].title_like and len(shapes[i].tokens) <= _MENU_ITEM_WORDS:
            run.append(i)
            continue
        if len(run) >= _MENU_RUN:
            for j in run:
                reasons[j] = "navigation"
        run = []


def _introduced_lists(shapes: list[LineShape], reasons: list[str | None]) -> set[int]:
    """The short lines under a lead-in ending with a colon ("The tour dates:").

    Such a list is the article's own (dates, fixtures, winners), so shape and position
    rules leave it alone; only a strong marker removes a line from it.
    """
    listed: set[int] = set()
    lead_in = False
    for i, s in enumerate(shapes):
        if reasons[i] is None and s.title_like and lead_in:
            listed.add(i)
        elif reasons[i] is None:
            lead_in = s.text.endswith(":")
    return listed


def _teaser_clusters(
    paragraphs: Sequence[_Paragraph], reasons: list[str | None], listed: set[int], start: int
) -> None:
    """Drop a headline-like line set in the same block as a marked one ("... [VIDEO]").

    Teaser links come in groups with no blank line between; the marker on one of them
    shows what the whole group is.
    """
    def sweep(order: range, step: int) -> None:
        for i in order:
            j = i - step  # the neighbour already visited in this sweep
            if (
                reasons[i] is None
                and i not in listed
                and paragraphs[i].shape.title_like
                and start <= j < len(paragraphs)
                and reasons[j] in _MARKED
                and paragraphs[j].block == paragraphs[i].block
            ):
                reasons[i] = "teaser cluster"

    # Forward then backward spreads a marker to its whole group in linear time.
    sweep(range(start, len(paragraphs)), 1)
    sweep(range(len(paragraphs) - 1, start - 1, -1), -1)


def _after_labels(
    shapes: list[LineShape], reasons: list[str | None], listed: set[int], last: int
) -> None:
    """Drop headline-like lines under a widget label or below the body's last furniture.

    "Related stories" followed by headlines is a link list up to the next paragraph of
    content; after the body, once one marked line shows the page's footer has begun,
    every headline-like line below it belongs to that footer.
    """
    label = False
    for i, s in enumerate(shapes):
        bare_label = reasons[i] == "widget label" or (
            reasons[i] == "teaser prefix" and s.text.endswith(":")
        )
        if bare_label or (reasons[i] and i > last):
            label = True
        elif reasons[i] is None and not s.title_like:
            label = False
        elif reasons[i] is None and label and i not in listed:
            reasons[i] = "link list"


def _paragraphs(lines: list[str]) -> list[_Paragraph]:
    """Split lines into paragraphs: one per line, or per wrapped run of a hard-wrapped text."""
    blocks = _blocks(lines)
    if not _hard_wrapped(blocks):
        return [
            _Paragraph((line,), number, shape(line))
            for number, block in enumerate(blocks)
            for line in block
        ]
    width = _wrap_width(lines)
    paragraphs = []
    for number, block in enumerate(blocks):
        for run in _unwrap(block, width):
            paragraphs.append(_Paragraph(tuple(run), number, shape(" ".join(run))))
    return paragraphs


def _blocks(lines: list[str]) -> list[list[str]]:
    """Group lines into blocks separated by blank lines."""
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def _hard_wrapped(blocks: list[list[str]]) -> bool:
    """Lines broken mid-sentence: many lines inside blocks start in lower case.

    In a page scraped one paragraph per line a line starts with a capital (or a quote);
    in text wrapped at a fixed width about half the continuation lines do not.
    """
    breaks = [line.lstrip() for block in blocks for line in block[1:]]
    lower = sum(line[:1].islower() for line in breaks)
    return len(breaks) >= 3 and lower * 10 >= len(breaks) * 3


def _wrap_width(lines: list[str]) -> int:
    """The width the text was wrapped at: the 90th percentile of line lengths."""
    lengths = sorted(len(line) for line in lines if line.strip())
    return lengths[int(len(lengths) * 0.9)] if lengths else 0


def _unwrap(block: list[str], width: int) -> list[list[str]]:
    """Cut a block of wrapped lines into paragraphs.

    A paragraph ends after a short line (its last line) and before a line indented past
    the block's margin (the way wire copy marks a new paragraph); a marked furniture line
    stands alone.
    """
    runs: list[list[str]] = []
    margin = min(_indent(line) for line in block)
    for line in block:
        prev = runs[-1][-1] if runs else None
        if (
            prev is None
            or len(prev) < width * 0.6
            or _indent(line) > margin
            or marker(shape(line))
            or marker(shape(prev))
        ):
            runs.append([line])
        else:
            runs[-1].append(line)
    return runs


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _join(paragraphs: Sequence[_Paragraph], kept: list[int]) -> str:
    """Join kept paragraphs with blank lines; list items stay on their own next lines."""
    parts: list[str] = []
    for n, i in enumerate(kept):
        body = "\n".join(paragraphs[i].lines)
        if n:
            prev = kept[n - 1]
            together = (
                prev == i - 1
                and paragraphs[prev].block == paragraphs[i].block
                and paragraphs[i].shape.list_item
            )
            parts.append("\n" if together else "\n\n")
        parts.append(body)
    return "".join(parts)
