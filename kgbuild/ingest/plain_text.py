"""Articles from plain text: a `.txt` file, stdin, or a string given to the library."""

from __future__ import annotations

from collections.abc import Callable

from kgbuild.errors import InputError
from kgbuild.ingest.cleanup import clean_text
from kgbuild.types import Article

ErrorHandler = Callable[[InputError], None]


def text_article(text: str, article_id: str, origin: str, report: ErrorHandler) -> Article | None:
    """Make the article of a plain-text input, or report that nothing is left of it."""
    if not text.strip():
        report(InputError(f"{origin}: empty input"))
        return None
    article = plain_text_article(text, article_id, origin)
    if not article.text:
        report(InputError(f"{origin}: no article text left after removing page furniture"))
        return None
    return article


def plain_text_article(text: str, article_id: str, origin: str) -> Article:
    """Clean a plain text and wrap it as an article (no error handling).

    Raises:
        InputError: The text is empty.
    """
    if not text.strip():
        raise InputError(f"{origin}: empty text; give the article's text")
    cleaned = clean_text(text)
    return Article(id=article_id, text=cleaned.text, title=cleaned.title, origin=origin)
