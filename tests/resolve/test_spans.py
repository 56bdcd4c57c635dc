"""The one-pass lookups of resolve/spans.py give the answers of the naive searches."""

from __future__ import annotations

import re

from kgbuild.quotations import inside_quotation
from kgbuild.resolve.spans import GrowingSpans, SentenceFinder, StaticSpans, name_occurrences, quoted_offsets

from .records import sentences_of

TEXT = ("Anna Berg met Anna Lopez in O'Neil's bar. Berg's aide, Smith-Jones, saw U.S. envoys and "
        "Berg. \"Anna Berg will win,\" said Lopez.\n\nO'Neil said: “Berg is “right”” and left.")
NAMES = ["Anna Berg", "Anna Lopez", "Berg", "O'Neil", "Smith", "Jones", "U.S.", "Lopez", "'Allo", "Anna"]


def test_name_occurrences_match_the_per_name_pattern():
    expected = {name: [m.span() for m in re.finditer(rf"(?<![\w'’-]){re.escape(name)}(?![\w-])", TEXT)]
                for name in NAMES}
    assert name_occurrences(TEXT, NAMES) == expected
    assert expected["Berg"] and not expected["Smith"]  # "Berg's" holds Berg; "Smith-Jones" not Smith


def test_quoted_offsets_match_inside_quotation():
    offsets = range(len(TEXT))
    assert quoted_offsets(TEXT, offsets) == {o for o in offsets if inside_quotation(TEXT, o, o + 1)}


def test_sentence_finder_and_span_sets():
    sentences = sentences_of(TEXT)
    finder = SentenceFinder(sentences)
    for offset in range(len(TEXT)):
        expected = next((s.index for s in sentences if s.start <= offset < s.end), None)
        assert finder.index_at(offset) == expected
    spans = [(0, 9), (14, 24), (5, 7)]
    static = StaticSpans(spans)
    growing = GrowingSpans()
    for span in spans:
        growing.add(*span, span)
    growing.remove(14, 24, spans[1])
    for start in range(30):
        for end in range(start + 1, 31):
            assert static.overlaps(start, end) == any(s < end and start < e for s, e in spans)
            assert set(growing.overlapping(start, end)) == {s for s in spans[::2] if s[0] < end and start < s[1]}
