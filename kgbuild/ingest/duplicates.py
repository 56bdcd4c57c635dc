"""Articles with the same text, built once.

News archives repeat stories: a wire story under two headlines, the same file under two
ids (the BBC corpus has 133 such pairs). Parsing a copy again adds every entity and
statement a second time; `unique_articles` lets through the first of each text and hands
each later copy, with the id of the first, to a callback that records it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace

from kgbuild.types import Article

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "„": '"', "–": "-", "—": "-"})


def normalised_text(text: str) -> str:
    """The text as compared for duplicates: Unicode NFKC, case-folded, quotes and dashes
    made plain, whitespace runs made single spaces.

    >>> normalised_text("It  rained\\n\\non “Monday”.") == normalised_text("it rained on \\"Monday\\".")
    True
    """
    flat = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return re.sub(r"\s+", " ", flat).strip()


def unique_articles(
    articles: Iterable[Article], *, on_duplicate: Callable[[Article, Article], None]
) -> Iterator[Article]:
    """Pass on the first article of each text; report each later copy.

    Only a digest of each text is kept, so a corpus of any size costs little memory.

    Args:
        articles: Articles in input order.
        on_duplicate: Called with (copy, first) for each article whose normalised text an
            earlier one had.

    Yields:
        The first article of each distinct text.
    """
    first_of: dict[bytes, Article] = {}
    for article in articles:
        digest = hashlib.blake2b(normalised_text(article.text).encode(), digest_size=16).digest()
        original = first_of.get(digest)
        if original is None:
            first_of[digest] = _without_text(article)
            yield article
        else:
            on_duplicate(article, original)


def _without_text(article: Article) -> Article:
    """The article's record less its text: what a duplicate needs to point back to."""
    return replace(article, text="")
