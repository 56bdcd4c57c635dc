"""Lookups over an article's offsets in time close to linear in its mentions.

Resolution asks, for every name, where else the text writes it, which sentence an offset
is in and whether a span crosses a mention already found. Asked naively (a regex per name
over the whole text, a scan of every mention per span) that cost grows with the square of
an article's length; these structures answer each question in (amortised) logarithmic time.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections import defaultdict
from typing import Iterable, Sequence

from kgbuild.types import Sentence

#: A maximal run of the characters a name's word is made of: "O'Neil", "Smith-Jones".
_WORD_RUN = re.compile(r"[\w'’-]+")
#: What may follow a name and still leave it a whole word (the old per-name pattern's
#: `(?![\w-])`): an apostrophe may, so "Berg's" holds "Berg".
_WORD_CONTINUES = re.compile(r"[\w-]")


class SentenceFinder:
    """The sentence holding an offset, by bisection over the sentences' starts."""

    def __init__(self, sentences: Sequence[Sentence]) -> None:
        self._sentences = list(sentences)
        self._starts = [s.start for s in self._sentences]

    def index_at(self, offset: int) -> int | None:
        """Index of the sentence with `start <= offset < end`, or None between sentences."""
        position = bisect_right(self._starts, offset) - 1
        if position < 0:
            return None
        sentence = self._sentences[position]
        return sentence.index if offset < sentence.end else None


class StaticSpans:
    """A fixed set of (start, end) spans: does a span overlap any of them?"""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        self._end_so_far = []  # the furthest end among the first i spans
        furthest = -1
        for _, end in ordered:
            furthest = max(furthest, end)
            self._end_so_far.append(furthest)

    def overlaps(self, start: int, end: int) -> bool:
        count = bisect_left(self._starts, end)  # spans starting before `end`
        return count > 0 and self._end_so_far[count - 1] > start


class GrowingSpans:
    """Spans that come and go, each with a payload: the ones overlapping a span.

    Names are short, so only spans starting at most `longest` characters before the query
    can reach into it; a query looks at those alone.
    """

    def __init__(self) -> None:
        self._items: list[tuple[int, int, int]] = []  # (start, end, id)
        self._payload: dict[int, object] = {}
        self._longest = 0
        self._next = 0

    def add(self, start: int, end: int, payload: object) -> None:
        self._next += 1
        insort(self._items, (start, end, self._next))
        self._payload[self._next] = payload
        self._longest = max(self._longest, end - start)

    def remove(self, start: int, end: int, payload: object) -> None:
        low = bisect_left(self._items, (start, end, -1))
        while low < len(self._items) and self._items[low][:2] == (start, end):
            if self._payload[self._items[low][2]] is payload:
                del self._payload[self._items.pop(low)[2]]
                return
            low += 1
        raise KeyError((start, end))

    def overlapping(self, start: int, end: int) -> list[object]:
        low = bisect_left(self._items, (start - self._longest, -1, -1))
        high = bisect_left(self._items, (end, -1, -1))
        return [self._payload[i] for s, e, i in self._items[low:high] if e > start]


def name_occurrences(text: str, names: Iterable[str]) -> dict[str, list[tuple[int, int]]]:
    """Every place `text` writes each name as whole words, in text order.

    The same matches as the pattern `(?<![\\w'’-])NAME(?![\\w-])` searched once per name,
    found in one pass over the text: a name starts where a run of word characters starts,
    so the text's runs are looked up by the name's first word, or its first two words when
    it has more (many names may share a first name: "Anna ...").
    """
    found: dict[str, list[tuple[int, int]]] = {}
    by_one: dict[str, list[str]] = defaultdict(list)
    by_two: dict[tuple[str, str], list[str]] = defaultdict(list)
    for name in dict.fromkeys(names):
        found[name] = []
        first = _WORD_RUN.match(name)
        if first is None:  # starts with a non-word character: searched on its own
            found[name] = [m.span() for m in re.finditer(rf"(?<![\w'’-]){re.escape(name)}(?![\w-])", text)]
            continue
        second = _WORD_RUN.search(name, first.end())
        if second is None:
            by_one[first.group(0)].append(name)
        else:
            by_two[(first.group(0), second.group(0))].append(name)
    if not by_one and not by_two:
        return found
    runs = list(_WORD_RUN.finditer(text))
    for position, run in enumerate(runs):
        word, start = run.group(0), run.start()
        candidates = [name for prefix in _prefixes(word) for name in by_one.get(prefix, ())]
        if by_two and position + 1 < len(runs):
            following = runs[position + 1].group(0)
            candidates += [name for prefix in _prefixes(following) for name in by_two.get((word, prefix), ())]
        for name in candidates:
            end = start + len(name)
            if text.startswith(name, start) and not _WORD_CONTINUES.match(text, end):
                found[name].append((start, end))
    for spans in found.values():
        spans.sort()
    return found


def quoted_offsets(text: str, offsets: Iterable[int]) -> set[int]:
    """The offsets that stand inside quotation marks opened earlier in their paragraph:
    `kgbuild.quotations.inside_quotation` for many offsets at once, in one pass."""
    wanted = sorted(set(offsets))
    inside: set[int] = set()
    marks = _QUOTE_EVENTS.finditer(text)
    event = next(marks, None)
    curly = straight = 0
    for offset in wanted:
        while event is not None and event.start() < offset:
            mark = event.group(0)
            if mark == "\n\n":
                if event.end() > offset:
                    break
                curly = straight = 0
            elif mark == "“":
                curly += 1
            elif mark == "”":
                curly -= 1
            else:
                straight ^= 1
            event = next(marks, None)
        if curly > 0 or straight:
            inside.add(offset)
    return inside


_QUOTE_EVENTS = re.compile('\n\n|[“”"]')


def _prefixes(word: str) -> list[str]:
    """A run of word characters and its parts ending before an apostrophe: a name's first
    word may be followed by one ("Berg's" → "Berg's", "Berg"; "O'Neil's" → ..., "O'Neil", "O")."""
    prefixes = [word]
    for position in range(len(word) - 1, 0, -1):
        if word[position] in "'’":
            prefixes.append(word[:position])
    return prefixes
