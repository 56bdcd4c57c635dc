"""Incremental builds into a persistent store: one named graph per article, unchanged
articles skipped, changed ones replaced, removed ones gone with their share of each entity."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

import kgbuild
from kgbuild import Article, KnowledgeGraph
from kgbuild.graph import KnowledgeStore

pytestmark = pytest.mark.model

STRIKE = Article(id="a", title="Strike on hospital", date="2022-03-14",
                 text="Russia attacked the hospital on Sunday. NATO said it had no personnel in Ukraine.")
DENIAL = Article(id="b", title="Kremlin denies strike", date="2022-03-12",
                 text="Russia did not attack the hospital. The Kremlin denied that Russia attacked the hospital.")
ENTITY = "https://w3id.org/kgbuild/id/entity/"


def dump(path) -> list[str]:
    """Every quad of the store, as sorted N-Quads lines."""
    with KnowledgeGraph.open_store(path) as graph:
        text = graph.store.oxigraph.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8")
    return sorted(text.splitlines())


def build_into(path, articles) -> kgbuild.BuildSummary:
    graph = kgbuild.build(articles, store=path)
    graph.close()
    return graph.summary


def test_rebuilding_the_same_articles_changes_no_triple(tmp_path):
    store = tmp_path / "store"
    first = build_into(store, [STRIKE, DENIAL])
    assert (first.articles, first.unchanged) == (2, 0)
    before = dump(store)
    again = build_into(store, [STRIKE, DENIAL])
    assert (again.articles, again.unchanged, again.statements) == (0, 2, 0)  # skipped before parsing
    assert dump(store) == before


def test_a_changed_article_replaces_its_graph_and_leaves_the_others(tmp_path):
    store = tmp_path / "store"
    build_into(store, [STRIKE, DENIAL])
    denial_graph = "<https://w3id.org/kgbuild/id/article/b/graph>"
    denial_before = [line for line in dump(store) if line.endswith(f"{denial_graph} .")]
    changed = Article(id="a", title="Strike on school", date="2022-03-14", text="Russia attacked a school in Kyiv.")
    summary = build_into(store, [changed, DENIAL])
    assert (summary.articles, summary.unchanged) == (1, 1)
    with KnowledgeGraph.open_store(store) as graph:
        targets = graph.query("SELECT ?label { ?st rdf:subject/rdfs:label 'Russia' ; rdf:predicate rel:attack ; "
                              "kg:asserted true ; rdf:object/rdfs:label ?label }").column("label")
        assert targets == ["a school"]  # the hospital strike of the old text is gone
        assert graph.query("ASK { ?e rdfs:label 'NATO' }").boolean is False  # only the old text named NATO
        headlines = graph.query("SELECT ?h { ?a schema:headline ?h }").column("h")
        assert sorted(headlines) == ["Kremlin denies strike", "Strike on school"]
    assert [line for line in dump(store) if line.endswith(f"{denial_graph} .")] == denial_before


def test_removing_an_article_takes_its_share_of_each_entity(tmp_path):
    store = tmp_path / "store"
    build_into(store, [STRIKE, DENIAL])
    with KnowledgeGraph.open_store(store) as graph:
        assert graph.remove_article("a") == 1
        assert graph.remove_article("a") == 0
        russia = graph.query("SELECT ?p ?o { ?e rdfs:label 'Russia' ; ?p ?o }")
        mentioned = [str(o) for p, o in russia if str(p).endswith("mentionedIn")]
        assert mentioned == ["https://w3id.org/kgbuild/id/article/b"]
        assert graph.query("SELECT ?l { ?e rdfs:label 'Russia' ; rdfs:label ?l }").column("l") == ["Russia"]
        assert graph.query("ASK { ?s ?p ?o FILTER(CONTAINS(STR(?s), 'organization/nato')) }").boolean is False
        assert graph.query("ASK { ?s ?p ?o FILTER(CONTAINS(STR(?s), '/article/a/')) }").boolean is False


def test_a_store_holds_the_same_graph_as_a_build_in_memory(tmp_path):
    in_memory = kgbuild.build([STRIKE, DENIAL])
    build_into(tmp_path / "store", [STRIKE, DENIAL])
    with KnowledgeGraph.open_store(tmp_path / "store") as stored:
        assert len(stored) == len(in_memory)
        assert stored.store.graph_names() == in_memory.store.graph_names()
        memory_triples = in_memory.store.oxigraph.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        stored_triples = stored.store.oxigraph.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        assert sorted(memory_triples.splitlines()) == sorted(stored_triples.splitlines())


def test_entities_named_by_two_articles_are_answered_once():
    graph = kgbuild.build([STRIKE, DENIAL])
    rows = graph.query("SELECT ?type { ?e rdfs:label 'Russia' ; a ?type }")
    assert len(rows) == len(set(rows.column("type")))
    hashes = graph.query("SELECT ?id ?hash { ?a schema:identifier ?id ; kg:contentHash ?hash }")
    assert sorted(hashes.column("id")) == ["a", "b"] and all(len(h) == 64 for h in hashes.column("hash"))


def test_build_output_holds_each_article_in_its_named_graph(seed_build):
    graph, out = seed_build
    for name in ("graph.trig", "graph.nq"):
        names = {quad.graph_name for quad in ox.parse(path=str(out / name))}
        # The article's graph, and the default graph holding their union (README "Loading the graph elsewhere").
        assert names == {ox.NamedNode("https://w3id.org/kgbuild/id/article/ukraine-war-2022-03-14/graph"),
                         ox.DefaultGraph()}
    loaded = KnowledgeGraph.load(out)  # reads graph.nq: named graphs kept
    assert loaded.store.graph_names() == graph.store.graph_names()
    assert len(loaded) == len(KnowledgeGraph.load(out / "graph.ttl")) == len(graph)


def test_a_store_can_be_opened_by_one_process_at_a_time_and_says_so(tmp_path):
    from kgbuild.errors import GraphError

    build_into(tmp_path / "store", [DENIAL])
    holder = KnowledgeStore.open(tmp_path / "store")
    try:
        with pytest.raises(GraphError, match="open in another process"):
            kgbuild.build([STRIKE], store=tmp_path / "store")
    finally:
        holder.close()


def test_a_write_that_fails_is_raised_naming_the_store_and_the_articles_before_it_are_kept(tmp_path):
    from kgbuild.errors import GraphError
    from kgbuild.graph.persistent import ArticleGraph, StoringThread

    good = ArticleGraph("a", "https://example.org/a/graph", b'<https://example.org/a> <https://example.org/p> "x" '
                        b'<https://example.org/a/graph> .\n', 1)
    broken = ArticleGraph("b", "https://example.org/b/graph", b"<not n-quads", 1)
    store = KnowledgeStore.open(tmp_path / "store", create=True)
    with pytest.raises(GraphError, match=r"store: cannot store an article \(SyntaxError"):
        with StoringThread(store) as writer:
            writer.put(good)
            writer.put(broken)
    assert [str(name) for name in store.graph_names()] == ["https://example.org/a/graph"]
