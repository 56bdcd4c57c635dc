"""The whole pipeline in one call: articles in, a knowledge graph out.

    ingest → nlp → extract → resolve → graph

`build` is what `kgbuild build` runs; a notebook user calls it the same way.
"""

from __future__ import annotations

import logging
import os
import time
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator

from spacy.language import Language

from kgbuild import __version__
from kgbuild.errors import KgbuildError
from kgbuild.extract import COMPONENT, ERROR_KEY, EXTRACTOR
from kgbuild.graph import DEFAULT_BASE, IriMinter, KnowledgeStore, Provenance, article_triples, provenance_triples
from kgbuild.ingest import articles_from, read_articles
from kgbuild.knowledge_graph import BuildSummary, KnowledgeGraph
from kgbuild.nlp import describe_pipeline, load_pipeline
from kgbuild.graph.canonical import apply_merges
from kgbuild.resolve import CorpusIndex, resolve_article
from kgbuild.types import Article, Extraction, ResolvedArticle

logger = logging.getLogger("kgbuild")

ErrorHandler = Callable[[KgbuildError], None]


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
    provenance = Provenance(__version__, describe_pipeline(nlp), EXTRACTOR)
    store = KnowledgeStore()
    store.add_triples(provenance_triples(provenance, minter))
    summary = BuildSummary()
    corpus = CorpusIndex()
    for resolved in analyse(_articles(articles_or_texts, on_error), nlp, on_error=on_error):
        store.add_triples(article_triples(resolved, provenance, minter))
        extraction = resolved.extraction
        summary.articles += 1
        summary.sentences += len(extraction.sentences)
        summary.statements += len(extraction.statements)
        corpus.add(resolved)
    merges = corpus.merges()
    apply_merges(store, minter, merges)
    summary.entities = len(corpus.labels) - len(merges)
    summary.seconds = time.perf_counter() - started
    return KnowledgeGraph(store, summary=summary, base=minter.base)


def analyse(articles: Iterable[Article], nlp: Language, *, on_error: ErrorHandler | None = None,
            batch_size: int = 16) -> Iterator[ResolvedArticle]:
    """Parse, extract and resolve each article; a failing article is reported and skipped."""
    pipeline = describe_pipeline(nlp)
    docs = nlp.pipe(((article.text, article) for article in articles), as_tuples=True,
                    batch_size=batch_size)
    while True:
        try:
            doc, article = next(docs)
        except StopIteration:
            return
        except (ValueError, RuntimeError) as error:  # spaCy rejects a text (e.g. too long)
            _report(on_error, KgbuildError(f"a batch of articles failed to parse: {error}"))
            return
        if ERROR_KEY in doc.user_data:
            _report(on_error, KgbuildError(
                f"{article.origin or article.id}: extraction failed ({doc.user_data[ERROR_KEY]}); skipped"))
            continue
        try:
            extraction = Extraction(
                article=article, sentences=doc._.sentence_records, statements=doc._.statements,
                entity_facts=doc._.entity_facts, mentions=doc._.mentions, pipeline=pipeline)
            yield resolve_article(extraction)
        except Exception as error:  # one bad article never stops a corpus build
            logger.debug("article %s failed", article.id, exc_info=True)
            _report(on_error, KgbuildError(
                f"{article.origin or article.id}: could not be processed ({type(error).__name__}: {error}); skipped"))


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
