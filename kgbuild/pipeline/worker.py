"""What one worker runs on a batch of articles: parse, extract, resolve, make the RDF.

    Article ──nlp.pipe──▶ Doc ──records──▶ Extraction ──resolve──▶ ResolvedArticle ──▶ ArticleGraph

The same code runs in the build's own process, in a process of a local pool and on a
Dask worker (`kgbuild.pipeline.executors` decides where). Each article comes back as its
result (`BuiltArticle`) or as the `KgbuildError` saying why it was skipped, so a worker
never needs the caller's error handler and one bad article never stops a batch.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from typing import Callable, Iterable, Iterator, TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from kgbuild import __version__
from kgbuild.errors import InputError, KgbuildError
from kgbuild.extract import COMPONENT, ERROR_KEY, EXTRACTOR
from kgbuild.graph import DEFAULT_BASE, IriMinter, Provenance
from kgbuild.graph.persistent import ArticleGraph, article_graph, content_hash
from kgbuild.ingest.dates import argument_dates
from kgbuild.nlp import describe_pipeline, load_pipeline
from kgbuild.resolve import resolve_article
from kgbuild.types import Article, Extraction, ResolvedArticle

__all__ = ["BuiltArticle", "BuiltOrSkipped", "ErrorHandler", "batches", "build_batch", "built_or_skipped",
           "parseable_articles", "provenance_of", "report_error", "resolved_articles", "resolved_or_skipped",
           "statement_pipeline"]

logger = logging.getLogger("kgbuild")

ErrorHandler = Callable[[KgbuildError], None]
Item = TypeVar("Item")


@dataclass(frozen=True)
class BuiltArticle:
    """An article analysed and made into its named graph: what a worker sends back."""

    resolved: ResolvedArticle
    graph: ArticleGraph


#: What building one article gives: its records and graph, or the error saying why it was skipped.
BuiltOrSkipped = BuiltArticle | KgbuildError


@lru_cache(maxsize=4)
def statement_pipeline(model: str | None = None) -> Language:
    """The spaCy pipeline with kgbuild's `kgbuild_statements` component added (cached).

    Cached per process: a worker loads it on its first batch and keeps it.
    """
    nlp = load_pipeline(model)
    nlp.add_pipe(COMPONENT)
    return nlp


def build_batch(articles: list[Article], model: str | None, batch_size: int = 16,
                base: str = DEFAULT_BASE) -> list[BuiltOrSkipped]:
    """A worker's task: each article of a batch built (`built_or_skipped`), with the
    pipeline named `model` (loaded on the first call in each process and kept)."""
    return list(built_or_skipped(articles, statement_pipeline(model), base=base, batch_size=batch_size))


def built_or_skipped(articles: Iterable[Article], nlp: Language, *, base: str = DEFAULT_BASE,
                     batch_size: int = 16) -> Iterator[BuiltOrSkipped]:
    """Each article analysed and made into its named graph, or why it was skipped.

    The RDF of an article depends on nothing but the article, so it is made where the
    article is parsed and the process that owns the store only stores it.
    """
    provenance, minter = provenance_of(nlp), IriMinter(base)
    for outcome in resolved_or_skipped(articles, nlp, batch_size=batch_size):
        if isinstance(outcome, KgbuildError):
            yield outcome
            continue
        article = outcome.extraction.article
        try:
            graph = article_graph(outcome, provenance, minter, content_hash(article, provenance, minter.base))
        except Exception as error:  # one bad article never stops a corpus build
            logger.debug("article %s failed", article.id, exc_info=True)
            yield KgbuildError(f"{article.origin or article.id}: could not be written as RDF "
                               f"({type(error).__name__}: {error}); skipped")
            continue
        yield BuiltArticle(outcome, graph)


def resolved_articles(articles: Iterable[Article], nlp: Language, *, on_error: ErrorHandler | None = None,
                      batch_size: int = 16) -> Iterator[ResolvedArticle]:
    """Parse, extract and resolve each article; a failing article is reported and skipped.

    A text longer than the pipeline's `max_length` is skipped with a message naming it
    (spaCy would need gigabytes for it); a batch spaCy rejects is parsed again one article
    at a time, so only the article at fault is lost.
    """
    for outcome in resolved_or_skipped(articles, nlp, batch_size=batch_size):
        if isinstance(outcome, KgbuildError):
            report_error(on_error, outcome)
        else:
            yield outcome


def resolved_or_skipped(articles: Iterable[Article], nlp: Language, *,
                        batch_size: int = 16) -> Iterator[ResolvedArticle | KgbuildError]:
    """Each article analysed (`ResolvedArticle`), or the error saying why it was skipped.

    What `resolved_articles` does, with errors as values: a worker process sends them
    back to the build, which reports them in input order.
    """
    pipeline = describe_pipeline(nlp)
    errors: list[KgbuildError] = []
    for doc, article in _parsed(parseable_articles(articles, nlp, errors.append), nlp, errors.append, batch_size):
        yield from errors
        errors.clear()
        if ERROR_KEY in doc.user_data:
            yield KgbuildError(f"{article.origin or article.id}: extraction failed ({doc.user_data[ERROR_KEY]}); skipped")
            continue
        try:
            statements = doc._.statements
            extraction = Extraction(
                article=article, sentences=doc._.sentence_records, statements=statements,
                entity_facts=doc._.entity_facts, mentions=doc._.mentions, pipeline=pipeline,
                argument_dates=argument_dates(statements, article.date))
            yield resolve_article(extraction)
        except Exception as error:  # one bad article never stops a corpus build
            logger.debug("article %s failed", article.id, exc_info=True)
            yield KgbuildError(
                f"{article.origin or article.id}: could not be processed ({type(error).__name__}: {error}); skipped")
    yield from errors


def provenance_of(nlp: Language) -> Provenance:
    """What made a graph: this kgbuild, the pipeline `nlp` and the extractor's rule set."""
    return Provenance(__version__, describe_pipeline(nlp), EXTRACTOR)


def parseable_articles(articles: Iterable[Article], nlp: Language,
                       on_error: ErrorHandler | None) -> Iterator[Article]:
    """The articles short enough for the pipeline; each longer one is reported and skipped."""
    for article in articles:
        if len(article.text) > nlp.max_length:
            report_error(on_error, InputError(
                f"{article.origin or article.id}: the text is {len(article.text):,} characters long, more than "
                f"the {nlp.max_length:,} the spaCy pipeline takes; skipped (split it into articles)"))
            continue
        yield article


def batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    """`items` in lists of `size` (the last one shorter), read lazily.

    >>> list(batches(range(5), 2))
    [[0, 1], [2, 3], [4]]
    """
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def report_error(on_error: ErrorHandler | None, error: KgbuildError) -> None:
    """Hand `error` to `on_error`; without a handler, raise it."""
    if on_error is None:
        raise error
    on_error(error)


def _parsed(articles: Iterable[Article], nlp: Language, on_error: ErrorHandler | None,
            batch_size: int) -> Iterator[tuple[Doc, Article]]:
    """Each article with its parsed `Doc`, in batches; an article spaCy fails on is reported.

    Each batch is parsed in a spaCy memory zone, freed once the caller has taken its records
    from the batch's `Doc`s (plain Python objects, valid after it): spaCy's string store
    otherwise keeps every new word it meets, so over an archive memory would grow with it.
    """
    for batch in batches(articles, batch_size):
        with nlp.memory_zone():
            docs: list[Doc | None]
            try:
                docs = list(nlp.pipe([article.text for article in batch], batch_size=batch_size))
            except Exception:  # noqa: BLE001 - find the article at fault below
                logger.debug("a batch failed to parse; parsing its articles one by one", exc_info=True)
                docs = [_parse_one(article, nlp, on_error) for article in batch]
            yield from ((doc, article) for doc, article in zip(docs, batch) if doc is not None)


def _parse_one(article: Article, nlp: Language, on_error: ErrorHandler | None) -> Doc | None:
    try:
        return nlp(article.text)
    except Exception as error:  # one bad article never stops a corpus build
        logger.debug("article %s failed to parse", article.id, exc_info=True)
        report_error(on_error, KgbuildError(
            f"{article.origin or article.id}: spaCy could not parse it ({type(error).__name__}: {error}); skipped"))
        return None
