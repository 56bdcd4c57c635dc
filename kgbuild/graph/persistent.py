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
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Iterable, Iterator

import pyoxigraph as ox
from rdflib import Literal, URIRef

from kgbuild.graph.iris import IriMinter
from kgbuild.graph.store import KnowledgeStore
from kgbuild.graph.vocab import KG, RDF, RDFS, SDO, SKOS
from kgbuild.graph.writer import Provenance, Triple, article_triples, provenance_triples
from kgbuild.types import Article, ResolvedArticle

__all__ = ["StoredArticle", "article_graph_triples", "content_hash", "put_article", "remove_article",
           "stored_articles"]

_STORED_ARTICLES = """
SELECT ?graph ?id ?hash WHERE {
  GRAPH ?graph { ?article a schema:NewsArticle ; schema:identifier ?id . OPTIONAL { ?article kg:contentHash ?hash } }
}"""
_PREFIXES = {"schema": str(SDO), "kg": str(KG._NS)}
KG_ENTITY = ox.NamedNode(str(KG.Entity))


@dataclass(frozen=True)
class StoredArticle:
    """An article already in a store: the named graph holding it and its content hash."""

    graph: URIRef
    content_hash: str | None


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
    """Everything one article's named graph holds: the run's provenance, the article's
    triples, and its content hash."""
    yield from provenance_triples(provenance, minter)
    yield from article_triples(resolved, provenance, minter)
    yield minter.article(resolved.extraction.article.id), KG.contentHash, Literal(digest)


def stored_articles(store: KnowledgeStore) -> dict[str, list[StoredArticle]]:
    """The articles in a store by id (an id is in more than one graph only after a change of base)."""
    found: dict[str, list[StoredArticle]] = {}
    for row in store.oxigraph.query(_STORED_ARTICLES, prefixes=_PREFIXES):
        graph, article_id, digest = row["graph"], row["id"], row["hash"]
        if not isinstance(graph, ox.NamedNode):
            continue
        found.setdefault(article_id.value, []).append(
            StoredArticle(URIRef(graph.value), digest.value if digest is not None else None))
    return found


def put_article(store: KnowledgeStore, resolved: ResolvedArticle, provenance: Provenance, minter: IriMinter,
                *, digest: str, previous: Iterable[StoredArticle] = ()) -> int:
    """Write one article into its named graph, replacing what the store had for it.

    Args:
        store: The store.
        resolved: The article, analysed.
        provenance: The run that analysed it.
        minter: IRIs of the graph.
        digest: Its `content_hash`.
        previous: Graphs that held this article before (a different base IRI names
            another graph); they are removed.

    Returns:
        The number of triples written.
    """
    name = minter.article_graph(resolved.extraction.article.id)
    for stored in previous:
        if stored.graph != name:
            store.remove_graph(stored.graph)
    return store.replace_graph(name, article_graph_triples(resolved, provenance, minter, digest))


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
    rows = store.oxigraph.query(_STORED_ARTICLES, prefixes=_PREFIXES,
                                substitutions={ox.Variable("id"): ox.Literal(article_id)})
    return [StoredArticle(URIRef(row["graph"].value), row["hash"].value if row["hash"] is not None else None)
            for row in rows if isinstance(row["graph"], ox.NamedNode)]
