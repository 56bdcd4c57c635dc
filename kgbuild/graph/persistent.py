"""Articles as named graphs: added, replaced when they change, skipped when they do not.

Every article's contribution — its node, sentences, statements, the provenance of the run
that read it, and its view of each entity it mentions (type, label, other names,
`kg:mentionedIn`, facts) — lives in the article's own named graph
(`{base}article/{id}/graph`). An entity is thus exactly what the articles that mention it
say about it: removing or replacing one article takes away its part and leaves the
others', with nothing to recount. The store keeps the default graph equal to the union
of the article graphs (see `KnowledgeStore`), which is what queries see.

The article node carries `kg:contentHash`, a digest of the article as read and of the run
that would build it (kgbuild version, pipeline, extractor, base IRI), so an incremental
build can tell an unchanged article from a changed one before parsing it.

A build hands each article to the store as an `ArticleGraph` (its quads, serialised where
the article was analysed) and a `StoringThread` stores them on a background thread: on
disk, Oxigraph's writes cost about a fifth of the parse, and they overlap with it there.
"""

from __future__ import annotations

import hashlib
import json
import queue
import threading
from dataclasses import dataclass
from typing import Iterable, Iterator

import pyoxigraph as ox
from rdflib import URIRef

from kgbuild.errors import GraphError
from kgbuild.graph.iris import IriMinter
from kgbuild.graph.store import KnowledgeStore, encoded_nquads
from kgbuild.graph.sparql import graph_sparql
from kgbuild.graph.vocab import KG, PREFIXES, RDF, RDFS, SKOS
from kgbuild.graph.writer import (EncodedTriple, Provenance, Triple, article_lines, decoded, provenance_lines)
from kgbuild.types import Article, ResolvedArticle

__all__ = ["ArticleGraph", "StoredArticle", "StoringThread", "article_graph", "article_graph_triples",
           "content_hash", "remove_article", "stored_articles"]

KG_ENTITY = ox.NamedNode(str(KG.Entity))


@dataclass(frozen=True)
class StoredArticle:
    """An article already in a store: the named graph holding it and its content hash."""

    graph: URIRef
    content_hash: str | None


@dataclass(frozen=True)
class ArticleGraph:
    """One article's named graph, serialised and ready to store (see `article_graph`)."""

    article_id: str
    name: str  # the named graph's IRI
    nquads: bytes  # the graph's quads, then the same triples in the default graph
    triples: int


def content_hash(article: Article, provenance: Provenance, base: str) -> str:
    """The SHA-256 (hex) of an article as read and of the run that builds it.

    `origin` (where the article was read from) is left out: moving a file does not change
    what it says.

    >>> from kgbuild.types import Article
    >>> run = Provenance("0.1.0", "en_core_web_sm 3.8.0", "kgbuild.clauses.v1")
    >>> a = content_hash(Article(id="a", text="It rained."), run, "https://example.org/")
    >>> a == content_hash(Article(id="a", text="It rained.", origin="x.txt"), run, "https://example.org/")
    True
    >>> a == content_hash(Article(id="a", text="It snowed."), run, "https://example.org/")
    False
    """
    fields = [article.id, article.title, article.text, article.url, article.date, article.source,
              provenance.describe(), base]
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode("utf-8")).hexdigest()


def article_graph_triples(resolved: ResolvedArticle, provenance: Provenance, minter: IriMinter,
                          digest: str) -> Iterator[Triple]:
    """Everything one article's named graph holds (`article_graph_lines`) as rdflib triples."""
    return decoded(article_graph_lines(resolved, provenance, minter, digest))


def article_graph_lines(resolved: ResolvedArticle, provenance: Provenance, minter: IriMinter,
                        digest: str) -> Iterator[EncodedTriple]:
    """Everything one article's named graph holds: the run's provenance, the article's
    triples, and its content hash (as N-Triples terms)."""
    yield from provenance_lines(provenance, minter)
    yield from article_lines(resolved, provenance, minter)
    yield f"<{minter.article(resolved.extraction.article.id)}>", f"<{KG.contentHash}>", f'"{digest}"'


def article_graph(resolved: ResolvedArticle, provenance: Provenance, minter: IriMinter,
                  digest: str) -> ArticleGraph:
    """The named graph of one article (`article_graph_triples`) as N-Quads for the store."""
    article_id = resolved.extraction.article.id
    name = str(minter.article_graph(article_id))
    nquads, count = encoded_nquads(name, article_graph_lines(resolved, provenance, minter, digest))
    return ArticleGraph(article_id, name, nquads, count)


class StoringThread:
    """Stores article graphs in a store on a background thread, in the order given.

    Oxigraph does most of a write without holding the GIL, so the store fills while the
    next articles are parsed. Each article is its own transaction: a build killed at any
    point leaves each article whole or absent, and a rerun redoes the absent ones.
    A failed write is raised by the next `put` or by `close`; use it as a context manager.
    """

    #: Triples written between flushes of an on-disk store. RocksDB keeps what it has not
    #: flushed in memory, and left to itself its memory grew by ~1.5 MiB per article stored
    #: (2.5 GiB after the BBC corpus); flushing this often keeps it flat at no measured cost.
    FLUSH_EVERY = 100_000

    def __init__(self, store: KnowledgeStore, *, backlog: int = 8) -> None:
        self._store = store
        self._unflushed = 0
        self._queue: queue.Queue = queue.Queue(maxsize=backlog)  # bounds the memory held
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="kgbuild-store-writer", daemon=True)
        self._thread.start()

    def put(self, graph: ArticleGraph, *, previous: Iterable[StoredArticle] = ()) -> None:
        """Queue `graph`, replacing what the store had for the article (`previous` graphs
        under another name, e.g. another base IRI, are removed)."""
        self._raise_failure()
        self._queue.put((graph, tuple(previous)))

    def close(self) -> None:
        """Wait until every queued graph is stored; raise the error of a failed write."""
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()
        self._raise_failure()

    def __enter__(self) -> "StoringThread":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _run(self) -> None:
        while (item := self._queue.get()) is not None:
            if self._error is not None:
                continue  # keep taking items so that `put` never blocks on a dead writer
            graph, previous = item
            try:
                for stored in previous:
                    if str(stored.graph) != graph.name:
                        self._store.remove_graph(stored.graph)
                self._store.put_graph(graph.name, graph.nquads)
                self._unflushed += graph.triples
                if self._unflushed >= self.FLUSH_EVERY and self._store.path is not None:
                    self._store.oxigraph.flush()
                    self._unflushed = 0
            except BaseException as error:  # noqa: BLE001 - handed to the building thread
                self._error = error

    def _raise_failure(self) -> None:
        if self._error is not None:
            raise GraphError(f"{self._store.path or 'the store'}: cannot store an article "
                             f"({type(self._error).__name__}: {self._error})") from self._error


def stored_articles(store: KnowledgeStore) -> dict[str, list[StoredArticle]]:
    """The articles in a store by id (an id is in more than one graph only after a change of base)."""
    found: dict[str, list[StoredArticle]] = {}
    for row in store.oxigraph.query(graph_sparql("stored-articles.rq"), prefixes=PREFIXES):
        graph, article_id, digest = row["graph"], row["id"], row["hash"]
        if not isinstance(graph, ox.NamedNode):
            continue
        found.setdefault(article_id.value, []).append(
            StoredArticle(URIRef(graph.value), digest.value if digest is not None else None))
    return found


def remove_article(store: KnowledgeStore, article_id: str) -> int:
    """Remove an article's named graph (and with it its share of every entity).

    A build keeps one `rdfs:label` per entity, demoting the other articles' names to
    `skos:altLabel`; an entity whose kept name came only from the removed article gets
    its most used remaining name back as its label.

    Returns:
        How many graphs were removed: 0 when the store does not hold the article.
    """
    graphs = stored_articles_by_id(store, article_id)
    for stored in graphs:
        entity_type, graph = ox.NamedNode(str(RDF.type)), ox.NamedNode(str(stored.graph))
        entities = [quad.subject for quad in store.oxigraph.quads_for_pattern(None, entity_type, KG_ENTITY, graph)]
        store.remove_graph(stored.graph)
        _restore_labels(store, entities)
    return len(graphs)


def _restore_labels(store: KnowledgeStore, entities: list[ox.NamedNode]) -> None:
    """Give each of `entities` left without an `rdfs:label` its most used other name."""
    label, alt_label = ox.NamedNode(str(RDFS.label)), ox.NamedNode(str(SKOS.altLabel))
    for entity in entities:
        if next(iter(store.oxigraph.quads_for_pattern(entity, label, None)), None) is not None:
            continue
        graphs_by_name: dict[ox.Literal, list] = {}
        for quad in store.oxigraph.quads_for_pattern(entity, alt_label, None):
            if quad.graph_name != ox.DefaultGraph():
                graphs_by_name.setdefault(quad.object, []).append(quad.graph_name)
        if not graphs_by_name:
            continue
        name = max(graphs_by_name, key=lambda n: (len(graphs_by_name[n]), len(n.value), n.value))
        swapped = []
        for graph in [*graphs_by_name[name], ox.DefaultGraph()]:
            store.oxigraph.remove(ox.Quad(entity, alt_label, name, graph))
            swapped.append(ox.Quad(entity, label, name, graph))
        store.oxigraph.extend(swapped)


def stored_articles_by_id(store: KnowledgeStore, article_id: str) -> list[StoredArticle]:
    """The graphs holding the article with this `schema:identifier`."""
    rows = store.oxigraph.query(graph_sparql("stored-articles.rq"), prefixes=PREFIXES,
                                substitutions={ox.Variable("id"): ox.Literal(article_id)})
    return [StoredArticle(URIRef(row["graph"].value), row["hash"].value if row["hash"] is not None else None)
            for row in rows if isinstance(row["graph"], ox.NamedNode)]
