"""The store keeps each article in a named graph and the default graph equal to their union
(a set), so queries see every triple once however many articles state it. No model needed."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import BNode, Literal, URIRef

from kgbuild.errors import GraphError
from kgbuild.graph import KnowledgeStore
from kgbuild.graph import vocab
from kgbuild.graph.vocab import KG, RDF, RDFS
from kgbuild.query import run_query

BASE = "https://example.org/id/"
RUSSIA = URIRef(BASE + "entity/place/russia")
GRAPH_A, GRAPH_B = URIRef(BASE + "article/a/graph"), URIRef(BASE + "article/b/graph")


def article(name: str, *extra: tuple) -> list[tuple]:
    node = URIRef(BASE + f"article/{name}")
    return [(node, RDF.type, vocab.SDO.NewsArticle), (node, vocab.SDO.identifier, Literal(name)),
            (RUSSIA, RDF.type, KG.Entity), (RUSSIA, RDFS.label, Literal("Russia")),
            (RUSSIA, KG.mentionedIn, node), *extra]


@pytest.fixture
def store() -> KnowledgeStore:
    store = KnowledgeStore()
    store.replace_graph(GRAPH_A, article("a", (RUSSIA, KG.age, Literal(1))))
    store.replace_graph(GRAPH_B, article("b"))
    return store


def labels(store: KnowledgeStore) -> list[str]:
    return run_query(store, "SELECT ?label { ?e rdfs:label ?label }").column("label")


def test_a_triple_stated_by_two_articles_is_answered_once(store):
    assert labels(store) == ["Russia"]
    assert len(store) == 5 + 5 - 2 + 1  # the entity's type and label once
    assert store.graph_names() == [GRAPH_A, GRAPH_B]


def test_removing_a_graph_keeps_what_other_articles_state(store):
    assert store.remove_graph(GRAPH_A)
    assert labels(store) == ["Russia"]  # article b still names it
    mentions = run_query(store, "SELECT ?a { ?e kg:mentionedIn ?a }").column("a")
    assert mentions == [BASE + "article/b"]
    assert run_query(store, "ASK { ?e kg:age ?age }").boolean is False  # only a said it
    assert store.remove_graph(GRAPH_B)
    assert len(store) == 0 and labels(store) == []
    assert not store.remove_graph(GRAPH_B)


def test_replacing_a_graph_drops_what_it_no_longer_says(store):
    store.replace_graph(GRAPH_A, article("a"))
    assert run_query(store, "ASK { ?e kg:age ?age }").boolean is False
    assert labels(store) == ["Russia"]


def test_dataset_files_hold_the_named_graphs_and_load_back_as_the_same_union(store, tmp_path):
    for name in ("g.nq", "g.trig"):
        path = store.write(tmp_path / name)
        quads = list(ox.parse(path=str(path)))
        assert {q.graph_name for q in quads} == {ox.NamedNode(GRAPH_A), ox.NamedNode(GRAPH_B), ox.DefaultGraph()}
        # Each graph once, then their union (a set) as the default graph, which a plain load
        # elsewhere queries as kgbuild does.
        assert len([q for q in quads if q.graph_name != ox.DefaultGraph()]) == 11
        assert len([q for q in quads if q.graph_name == ox.DefaultGraph()]) == len(store)
        loaded = KnowledgeStore()
        loaded.load(path)
        assert len(loaded) == len(store) and labels(loaded) == ["Russia"]
    turtle = store.write(tmp_path / "g.ttl")
    assert len(list(ox.parse(path=str(turtle)))) == len(store)


def test_triples_outside_any_article_graph_are_kept_in_dataset_files(tmp_path):
    store = KnowledgeStore()
    store.add_triples([(RUSSIA, RDFS.label, Literal("Russia"))])
    store.replace_graph(GRAPH_A, article("a"))
    store.add_triples([(RUSSIA, RDFS.comment, Literal("corpus-level"))])
    quads = list(ox.parse(path=str(store.write(tmp_path / "g.nq"))))
    default = [q for q in quads if q.graph_name == ox.DefaultGraph()]
    assert "corpus-level" in [q.object.value for q in default] and len(default) == len(store)


def test_a_store_with_named_graphs_only_is_queried_through_the_union():
    store = KnowledgeStore()
    store.oxigraph.add(ox.Quad(ox.NamedNode(RUSSIA), ox.NamedNode(RDFS.label), ox.Literal("Russia"),
                               ox.NamedNode(GRAPH_A)))
    assert labels(store) == ["Russia"] and len(store) == 1


def test_opening_a_store_that_is_not_there_says_how_to_make_one(tmp_path):
    with pytest.raises(GraphError, match="kgbuild build INPUT --store"):
        KnowledgeStore.open(tmp_path / "missing")
    (tmp_path / "file").write_text("x")
    with pytest.raises(GraphError, match="is a file"):
        KnowledgeStore.open(tmp_path / "file", create=True)


def test_a_store_held_by_another_process_is_a_clear_error(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "store"
    KnowledgeStore.open(path, create=True).close()
    holder = subprocess.Popen([sys.executable, "-c", "import sys, pyoxigraph; s = pyoxigraph.Store(sys.argv[1]); "
                               "print('open', flush=True); sys.stdin.read()", str(path)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(GraphError, match="open in another process"):
            KnowledgeStore.open(path)
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)


def test_a_closed_store_can_be_opened_again(tmp_path):
    store = KnowledgeStore.open(tmp_path / "store", create=True)
    store.replace_graph(GRAPH_A, article("a"))
    store.close()
    again = KnowledgeStore.open(tmp_path / "store")
    assert labels(again) == ["Russia"]


def test_removing_the_article_whose_name_was_kept_gives_the_entity_another_label():
    from kgbuild.graph.persistent import remove_article
    from kgbuild.graph.vocab import SKOS

    store = KnowledgeStore()
    store.replace_graph(GRAPH_A, article("a"))  # names it "Russia"
    store.replace_graph(GRAPH_B, [*article("b")[:3], (RUSSIA, SKOS.altLabel, Literal("Russia")),
                                  (RUSSIA, KG.mentionedIn, URIRef(BASE + "article/b"))])  # demoted by the build
    assert remove_article(store, "a") == 1
    assert labels(store) == ["Russia"]
    assert run_query(store, "ASK { GRAPH ?g { ?e rdfs:label 'Russia' } }").boolean


def test_a_graph_is_stored_as_given_in_its_named_graph_and_the_union():
    # A literal quoting the graph's own name and a line break, and a blank node whose label
    # must survive (a rebuilt article gives the same quads).
    tricky = Literal(f'he wrote " <{GRAPH_A}> .\nand left')
    argument = BNode("a1s0a0")
    store = KnowledgeStore()
    store.replace_graph(GRAPH_A, [(RUSSIA, RDFS.comment, tricky), (RUSSIA, KG.argument, argument),
                                  (argument, KG.value, Literal("near Poland"))])
    named = {(q.subject, q.predicate, q.object) for q in store.oxigraph.quads_for_pattern(
        None, None, None, ox.NamedNode(str(GRAPH_A)))}
    default = {(q.subject, q.predicate, q.object) for q in store.oxigraph.quads_for_pattern(
        None, None, None, ox.DefaultGraph())}
    assert named == default and len(named) == 3
    assert ox.Literal(str(tricky)) in {o for _, _, o in named}
    assert ox.BlankNode("a1s0a0") in {s for s, _, _ in named}
