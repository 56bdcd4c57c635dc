"""The build that drives the workers: articles in, a knowledge graph out.

    ingest → (worker: nlp → extract → resolve → graph) → store → corpus merges

It reads and filters the articles (language, duplicates, unchanged in the store), has
`executors.build_batches` build them where the options say, stores each article's graph
as it comes back, and then merges entities across the corpus. `build` is what
`kgbuild build` runs; a notebook user calls it the same way.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterable, Iterator, cast

from kgbuild.errors import KgbuildError
from kgbuild.graph import DEFAULT_BASE, IriMinter, KnowledgeStore, Provenance
from kgbuild.graph.canonical import apply_merges, canonical_labels, stored_entities
from kgbuild.graph.persistent import StoredArticle, StoringThread, content_hash, stored_articles
from kgbuild.graph.writer import duplicate_triples
from kgbuild.ingest import articles_from, in_language, read_articles, unique_articles
from kgbuild.ingest.authors import with_author_kinds
from kgbuild.knowledge_graph import BuildSummary, KnowledgeGraph
from kgbuild.pipeline.executors import build_batches
from kgbuild.pipeline.worker import (ErrorHandler, parseable_articles, provenance_of, report_error,
                                     resolved_articles, statement_pipeline)
from kgbuild.resolve import CorpusIndex
from kgbuild.types import Article, ResolvedArticle

__all__ = ["build", "extract_articles"]

logger = logging.getLogger("kgbuild")


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
    provenance = provenance_of(nlp)
    knowledge_store = KnowledgeStore.open(store, create=True) if store is not None else KnowledgeStore()
    summary = BuildSummary()
    corpus = CorpusIndex()
    stored = stored_articles(knowledge_store)
    duplicates: list[tuple[Article, Article]] = []
    # Byline kinds are read here, once per article, so that the graph stage only writes them.
    articles_read = map(with_author_kinds, _articles(articles_or_texts, on_error))
    usable = _usable_articles(articles_read, cast(str, nlp.lang), on_error, duplicates)
    articles = _changed_articles(usable, stored, summary,
                                 provenance=provenance, base=minter.base, progress=progress)
    parseable = parseable_articles(articles, nlp, on_error)
    with StoringThread(knowledge_store) as storing:
        for outcome in build_batches(parseable, model=model, base=minter.base, batch_size=batch_size, jobs=jobs,
                                     dask=dask):
            if isinstance(outcome, KgbuildError):
                report_error(on_error, outcome)
                continue
            extraction = outcome.resolved.extraction
            storing.put(outcome.graph, previous=stored.get(extraction.article.id, ()))
            summary.articles += 1
            summary.sentences += len(extraction.sentences)
            summary.statements += len(extraction.statements)
            corpus.add(outcome.resolved)
            if progress is not None:
                progress(summary)
    _put_duplicates(knowledge_store, duplicates, minter, summary)
    if stored and summary.articles:  # earlier builds' entities too: "Borrell" now joins "Josep Borrell" then
        for record in stored_entities(knowledge_store, minter):
            corpus.add_record(record)  # type: ignore[arg-type]  # frozen: EntityRecord only reads it
    merges = corpus.merges()
    apply_merges(knowledge_store, minter, merges)
    canonical_labels(knowledge_store)
    summary.entities = len(corpus.labels) - len(merges)
    summary.seconds = time.perf_counter() - started
    return KnowledgeGraph(knowledge_store, summary=summary, base=minter.base)


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


def extract_articles(articles_or_texts: Iterable[Article | str | os.PathLike] | str, *, model: str | None = None,
                     on_error: ErrorHandler | None = None, check_language: bool = True,
                     batch_size: int = 16) -> Iterator[ResolvedArticle]:
    """The statements of articles without a graph: each article parsed, extracted and resolved.

    What `kgbuild extract` runs. The articles are read as for `build`; each is yielded as
    soon as its batch is parsed, so a corpus streams through.

    Args:
        articles_or_texts: As for `build`.
        model: An installed spaCy pipeline; default `en_core_web_sm`.
        on_error: Called with each article that cannot be read or processed (and each in
            another language); without it, the first such error is raised.
        check_language: Skip articles not in the pipeline's language (off for one sentence
            per article: too little text to tell a language by).
        batch_size: Articles parsed per batch.

    Raises:
        PipelineError: The spaCy pipeline cannot be loaded.
    """
    nlp = statement_pipeline(model)
    articles = _articles(articles_or_texts, on_error)
    if check_language:
        articles = in_language(articles, cast(str, nlp.lang), on_skip=on_error)
    yield from resolved_articles(articles, nlp, on_error=on_error, batch_size=batch_size)


def _articles(items: Iterable[Article | str | os.PathLike] | str, on_error: ErrorHandler | None) -> Iterator[Article]:
    """The articles and texts of `items`, then the articles read from its paths.

    Streamed: an archive passed as a generator of articles is never held in memory whole.
    """
    if isinstance(items, str):
        items = [items]
    paths: list[Path] = []

    def not_paths() -> Iterator[Article | str]:
        for item in items:
            if isinstance(item, os.PathLike):
                paths.append(Path(item))
            else:
                yield item

    yield from articles_from(not_paths(), on_error=on_error)
    yield from read_articles(paths, on_error=on_error)

