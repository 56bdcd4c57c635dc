"""The query runner: SERVICE refused unless allowed, Turtle for graph answers. No model."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef

from kgbuild.errors import QueryError
from kgbuild.graph import KnowledgeStore
from kgbuild.graph.vocab import RDFS
from kgbuild.query import run_query
from kgbuild.query.runner import refuse_service

NATO = URIRef("https://example.org/id/entity/organization/nato")


@pytest.mark.parametrize("query", [
    "SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "select * { service silent <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT * { ?s ?p ?o .SERVICE<http://example.org/sparql>{ ?s ?p ?o } }",
    "SELECT * { \\u0053ERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT * { # comment\n SERVICE ?endpoint { ?s ?p ?o } }",
])
def test_service_is_refused_however_it_is_written(query):
    with pytest.raises(QueryError, match="--allow-service"):
        refuse_service(query)


@pytest.mark.parametrize("query", [
    'SELECT * { ?s rdfs:label "SERVICE" }',
    "SELECT * { ?s rdfs:label '''a SERVICE b''' }",
    "SELECT ?service { ?service ?p ?o }",
    "SELECT * { ?s ex:SERVICE ?o ; <http://example.org/SERVICE> ?x } # SERVICE in a comment",
])
def test_the_word_elsewhere_is_not_the_keyword(query):
    refuse_service(query)


def test_run_query_refuses_service_and_allows_it_on_request():
    store = KnowledgeStore()
    with pytest.raises(QueryError, match="SERVICE"):
        run_query(store, "SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    with pytest.raises(QueryError, match="failed"):  # allowed, so Oxigraph tries (and port 9 is refused)
        run_query(store, "SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", allow_service=True)


def test_graph_answers_as_turtle_and_tables_refuse_it():
    store = KnowledgeStore()
    store.add_triples([(NATO, RDFS.label, Literal("NATO"))])
    answer = run_query(store, "CONSTRUCT WHERE { ?s rdfs:label ?o }")
    turtle = answer.to_turtle()
    assert "@prefix rdfs:" in turtle and len(Graph().parse(data=turtle, format="turtle")) == 1
    empty = run_query(store, "CONSTRUCT WHERE { ?s rdfs:comment ?o }")
    assert empty.is_graph and len(Graph().parse(data=empty.to_turtle(), format="turtle")) == 0
    with pytest.raises(QueryError, match="CONSTRUCT and DESCRIBE"):
        run_query(store, "SELECT * { ?s ?p ?o }").to_turtle()


def test_parse_errors_are_one_line():
    with pytest.raises(QueryError) as failed:
        run_query(KnowledgeStore(), "SELECT ?x WHERE { ?x")
    assert "\n" not in str(failed.value) and "does not parse" in str(failed.value)
