"""Which language an article is written in, to keep out what the pipeline cannot parse.

An English pipeline run over a German article still finds "entities" and "statements":
all of them wrong. `in_language` lets through the articles in the pipeline's language and
names the others in one warning, so a user can build them with a pipeline for theirs.

Detection is py3langid (Lui & Baldwin 2012, langid.py, in a maintained fork): a naive
Bayes model over byte n-grams shipped inside the package, offline and deterministic, 97
languages. On the 2,577 BBC and Reuters articles it calls none anything but English
(`benchmarks/ingest.py`). It only decides on enough text: a short text or an unsure call
keeps the article, since skipping an English one by mistake loses it from the graph.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from kgbuild.errors import InputError
from kgbuild.types import Article

logger = logging.getLogger("kgbuild")

#: Fewer letters than this and no call is made: the article is kept.
MIN_LETTERS = 200
#: How sure the model must be before an article is called another language.
MIN_CONFIDENCE = 0.95
#: Characters read from the start of a text: enough to decide, quick on long articles.
_SAMPLE = 3000
#: Articles named in the warning before "and N more".
_NAMED = 10


@dataclass(frozen=True)
class Language:
    """A language call: ISO 639-1 code and the model's probability for it."""

    code: str
    confidence: float


def detect_language(text: str) -> Language | None:
    """The language a text is written in, or None when the text is too short to tell.

    >>> detect_language("Alle Menschen sind frei und gleich an Würde und Rechten geboren. " * 4).code
    'de'
    >>> detect_language("Rain is expected.") is None
    True
    """
    sample = text[:_SAMPLE]
    if sum(c.isalpha() for c in sample) < MIN_LETTERS:
        return None
    code, probability = _identifier().classify(sample)
    return Language(str(code), float(probability))


def in_language(
    articles: Iterable[Article],
    language: str,
    *,
    on_skip: Callable[[InputError], None] | None = None,
) -> Iterator[Article]:
    """Pass on the articles written in `language`; report the others once, by name.

    Args:
        articles: Articles to check.
        language: The pipeline's language (spaCy's `nlp.lang`); "xx" (multi-language)
            lets every article through.
        on_skip: Called once, after the last article, with an `InputError` naming the
            skipped articles and their languages; without it the message is logged as a
            warning.

    Yields:
        The articles in `language`, and those too short or too mixed to tell.
    """
    skipped: list[tuple[Article, str]] = []
    for article in articles:
        found = detect_language(article.text) if language != "xx" else None
        if found and found.code != language and found.confidence >= MIN_CONFIDENCE:
            skipped.append((article, found.code))
        else:
            yield article
    if skipped:
        message = _skipped_message(skipped, language)
        if on_skip is None:
            logger.warning("%s", message)
        else:
            on_skip(InputError(message))


def _skipped_message(skipped: list[tuple[Article, str]], language: str) -> str:
    names = ", ".join(f"{a.origin or a.id} ({code})" for a, code in skipped[:_NAMED])
    more = f" and {len(skipped) - _NAMED} more" if len(skipped) > _NAMED else ""
    count = f"{len(skipped)} article{'s' if len(skipped) != 1 else ''}"
    return (f"{count} not in the pipeline's language '{language}' skipped: {names}{more}; "
            f"build them with --model naming a pipeline for their language")


@lru_cache(maxsize=1)
def _identifier():
    """The py3langid model with probabilities normalised to [0, 1], loaded once."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
