"""The whole pipeline in one call: articles in, a knowledge graph out.

    ingest → nlp → extract → resolve → graph

`build` is what `kgbuild build` runs; a notebook user calls it the same way.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from kgbuild import __version__
from kgbuild.errors import InputError, KgbuildError
from kgbuild.extract import COMPONENT, ERROR_KEY, EXTRACTOR
from kgbuild.graph import DEFAULT_BASE, IriMinter, KnowledgeStore, Provenance
from kgbuild.graph.persistent import (ArticleGraph, ArticleWriter, StoredArticle, article_graph, content_hash,
                                      stored_articles)
from kgbuild.graph.writer import duplicate_triples
from kgbuild.ingest import articles_from, in_language, read_articles, unique_articles
from kgbuild.knowledge_graph import BuildSummary, KnowledgeGraph
from kgbuild.parallel import analysed
from kgbuild.nlp import describe_pipeline, load_pipeline
from kgbuild.graph.canonical import apply_merges, canonical_labels, stored_entities
from kgbuild.resolve import CorpusIndex, resolve_article
from kgbuild.types import Article, Extraction, ResolvedArticle

logger = logging.getLogger("kgbuild")

ErrorHandler = Callable[[KgbuildError], None]


@dataclass(frozen=True)
class BuiltArticle:
    """An article analysed and made into its named graph: what a worker sends back."""

    resolved: ResolvedArticle
    graph: ArticleGraph


@lru_cache(maxsize=4)
def statement_pipeline(model: str | None = None) -> Language:
    """The spaCy pipeline with kgbuild's `kgbuild_statements` component added (cached)."""
    nlp = load_pipeline(model)
    nlp.add_pipe(COMPONENT)
    return nlp


def build(
    articles_or_texts: Iterable[Article | str | os.PathLike] | str,
    *,
    model: str | None = None,
    base: str = DEFAULT_BASE,
    on_error: ErrorHandler | None = None,
    batch_size: int = 16,
    store: str | os.PathLike | None = None,
    jobs: int = 1,
    dask: object = None,
    progress: Callable[[BuildSummary], None] | None = None,
) -> KnowledgeGraph:
    """Build a knowledge graph from articles.

    Args:
        articles_or_texts: `Article` records, article texts (plain strings), or paths
            (`pathlib.Path`) of `.txt` / `.jsonl` files or directories. A single string
            is one text.
        model: An installed spaCy pipeline; default `en_core_web_sm`.
        base: Base IRI of the graph's own nodes.
        on_error: Called with each article that cannot be read or processed; the build
            goes on without it. Without a handler, the first such error is raised.
        batch_size: Articles parsed per batch.
        store: A directory for a persistent store (created when new). Each article goes
            into its own named graph; an article the store already holds unchanged is
            skipped before parsing (counted in `summary.unchanged`), a changed one replaces
            its graph. Without it the graph is built in memory. Each article is committed
            to the store as soon as it is built, so an interrupted build resumes where it
            stopped when run again.
        jobs: Processes that parse and extract (1: this one). Results are the same for
            any number; a build of one batch or less is done in this process.
        dask: Parse and extract on a Dask cluster instead: a `distributed.Client`, a
            scheduler address (`tcp://host:8786`) or `"local"` (a `LocalCluster` of
            `jobs` processes). Needs `pip install 'kgbuild[dask]'`.
        progress: Called with the running summary after each article built or skipped
            as unchanged (for a progress bar).

    Returns:
        The graph, with a summary of what went into it.

    Raises:
        PipelineError: The spaCy pipeline cannot be loaded.
        KgbuildError: An article failed and no `on_error` was given.

    Example:
        >>> kg = kgbuild.build(["Russia attacked a base near Poland."])  # doctest: +SKIP
        >>> kg.query("SELECT ?o { ?s rel:attack ?o }")  # doctest: +SKIP
    """
    started = time.perf_counter()
    minter = IriMinter(base)
    nlp = statement_pipeline(model)
    provenance = _provenance(nlp)
    store = KnowledgeStore.open(store, create=True) if store is not None else KnowledgeStore()
    summary = BuildSummary()
    corpus = CorpusIndex()
    stored = stored_articles(store)
    duplicates: list[tuple[Article, Article]] = []
    usable = _usable_articles(_articles(articles_or_texts, on_error), nlp.lang, on_error, duplicates)
    articles = _changed_articles(usable, stored, summary,
                                 provenance=provenance, base=minter.base, progress=progress)
    parseable = _parseable(articles, nlp, on_error)
    local = lambda batch: built(batch, nlp, base=minter.base, batch_size=batch_size)  # noqa: E731
    with ArticleWriter(store) as writer:
        for outcome in analysed(parseable, model=model, base=minter.base, batch_size=batch_size, jobs=jobs,
                                dask=dask, local=local):
            if isinstance(outcome, KgbuildError):
                _report(on_error, outcome)
                continue
            extraction = outcome.resolved.extraction
            writer.put(outcome.graph, previous=stored.get(extraction.article.id, ()))
            summary.articles += 1
            summary.sentences += len(extraction.sentences)
            summary.statements += len(extraction.statements)
            corpus.add(outcome.resolved)
            if progress is not None:
                progress(summary)
    _put_duplicates(store, duplicates, minter, summary)
    if stored and summary.articles:  # earlier builds' entities too: "Borrell" now joins "Josep Borrell" then
        for record in stored_entities(store, minter):
            corpus.add_record(record)
    merges = corpus.merges()
    apply_merges(store, minter, merges)
    canonical_labels(store)
    summary.entities = len(corpus.labels) - len(merges)
    summary.seconds = time.perf_counter() - started
    return KnowledgeGraph(store, summary=summary, base=minter.base)


def analyse(articles: Iterable[Article], nlp: Language, *, on_error: ErrorHandler | None = None,
            batch_size: int = 16) -> Iterator[ResolvedArticle]:
    """Parse, extract and resolve each article; a failing article is reported and skipped.

    A text longer than the pipeline's `max_length` is skipped with a message naming it
    (spaCy would need gigabytes for it); a batch spaCy rejects is parsed again one article
    at a time, so only the article at fault is lost.
    """
    for outcome in outcomes(articles, nlp, batch_size=batch_size):
        if isinstance(outcome, KgbuildError):
            _report(on_error, outcome)
        else:
            yield outcome


def outcomes(articles: Iterable[Article], nlp: Language, *,
             batch_size: int = 16) -> Iterator[ResolvedArticle | KgbuildError]:
    """Each article analysed (`ResolvedArticle`), or the error saying why it was skipped.

    What `analyse` does, with errors as values: a worker process sends them back to the
    build (`kgbuild.parallel`), which reports them in input order.
    """
    pipeline = describe_pipeline(nlp)
    errors: list[KgbuildError] = []
    for doc, article in _parsed(_parseable(articles, nlp, errors.append), nlp, errors.append, batch_size):
        yield from errors
        errors.clear()
        if ERROR_KEY in doc.user_data:
            yield KgbuildError(f"{article.origin or article.id}: extraction failed ({doc.user_data[ERROR_KEY]}); skipped")
            continue
        try:
            extraction = Extraction(
                article=article, sentences=doc._.sentence_records, statements=doc._.statements,
                entity_facts=doc._.entity_facts, mentions=doc._.mentions, pipeline=pipeline)
            yield resolve_article(extraction)
        except Exception as error:  # one bad article never stops a corpus build
            logger.debug("article %s failed", article.id, exc_info=True)
            yield KgbuildError(
                f"{article.origin or article.id}: could not be processed ({type(error).__name__}: {error}); skipped")
    yield from errors


def built(articles: Iterable[Article], nlp: Language, *, base: str = DEFAULT_BASE,
          batch_size: int = 16) -> Iterator[BuiltArticle | KgbuildError]:
    """Each article analysed and made into its named graph, or why it was skipped.

    What a worker runs: the RDF of an article depends on nothing but the article, so it is
    made where the article is parsed and the process that owns the store only stores it.
    """
    provenance, minter = _provenance(nlp), IriMinter(base)
    for outcome in outcomes(articles, nlp, batch_size=batch_size):
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


def _provenance(nlp: Language) -> Provenance:
    return Provenance(__version__, describe_pipeline(nlp), EXTRACTOR)


def _parseable(articles: Iterable[Article], nlp: Language, on_error: ErrorHandler | None) -> Iterator[Article]:
    """The articles short enough for the pipeline; each longer one is reported and skipped."""
    for article in articles:
        if len(article.text) > nlp.max_length:
            _report(on_error, InputError(
                f"{article.origin or article.id}: the text is {len(article.text):,} characters long, more than "
                f"the {nlp.max_length:,} the spaCy pipeline takes; skipped (split it into articles)"))
            continue
        yield article


def _parsed(articles: Iterable[Article], nlp: Language, on_error: ErrorHandler | None,
            batch_size: int) -> Iterator[tuple[Doc, Article]]:
    """Each article with its parsed `Doc`, in batches; an article spaCy fails on is reported.

    Each batch is parsed in a spaCy memory zone, freed once the caller has taken its records
    from the batch's `Doc`s (plain Python objects, valid after it): spaCy's string store
    otherwise keeps every new word it meets, so over an archive memory would grow with it.
    """
    for batch in _batches(articles, batch_size):
        with nlp.memory_zone():
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
        _report(on_error, KgbuildError(
            f"{article.origin or article.id}: spaCy could not parse it ({type(error).__name__}: {error}); skipped"))
        return None


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _changed_articles(articles: Iterable[Article], stored: dict[str, list[StoredArticle]], summary: BuildSummary,
                      *, provenance: Provenance, base: str,
                      progress: Callable[[BuildSummary], None] | None = None) -> Iterator[Article]:
    """The articles the store does not already hold as they are."""
    for article in articles:
        digest = content_hash(article, provenance, base)
        if any(previous.content_hash == digest for previous in stored.get(article.id, ())):
            summary.unchanged += 1
            if progress is not None:
                progress(summary)
            continue
        yield article


def _usable_articles(articles: Iterable[Article], language: str, on_error: ErrorHandler | None,
                     duplicates: list[tuple[Article, Article]]) -> Iterator[Article]:
    """The articles worth parsing: in the pipeline's language, each text once.

    Articles in other languages are named in one warning at the end; each copy of an
    earlier text goes into `duplicates` with its original, to be recorded, not parsed.
    """
    in_pipeline_language = in_language(articles, language, on_skip=on_error)
    return unique_articles(in_pipeline_language,
                           on_duplicate=lambda copy, original: duplicates.append((replace(copy, text=""), original)))


def _put_duplicates(store: KnowledgeStore, duplicates: list[tuple[Article, Article]], minter: IriMinter,
                    summary: BuildSummary) -> None:
    """Record each copy as its own article node, `kg:duplicateOf` the first, in its own graph."""
    for copy, original in duplicates:
        if copy.id == original.id:
            continue  # the same article given twice: nothing new to record
        store.replace_graph(minter.article_graph(copy.id), duplicate_triples(copy, original.id, minter))
        summary.duplicates += 1


def _articles(items: Iterable[Article | str | os.PathLike] | str, on_error: ErrorHandler | None) -> Iterator[Article]:
    if isinstance(items, str):
        items = [items]
    texts: list[Article | str] = []
    for item in items:
        if isinstance(item, os.PathLike):
            yield from read_articles([Path(item)], on_error=on_error)
        else:
            texts.append(item)
    yield from articles_from(texts, on_error=on_error)


def _report(on_error: ErrorHandler | None, error: KgbuildError) -> None:
    if on_error is None:
        raise error
    on_error(error)
