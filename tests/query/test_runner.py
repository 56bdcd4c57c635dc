"""The query runner: SERVICE refused unless allowed, Turtle for graph answers, --param bound as
VALUES built from terms (hostile values stay values). No model."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

from kgbuild.errors import QueryError
from kgbuild.graph import KnowledgeStore
from kgbuild.graph.terms import to_oxigraph as to_ox
from kgbuild.graph.vocab import RDFS
from kgbuild.query import run_query
from kgbuild.query.binding import bind_values
from kgbuild.query.guard import refuse_service
from kgbuild.query.runner import evaluate

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
    "PREFIX ex: <http://example.org/> SELECT * { ?s ex:SERVICE ?o ; <http://example.org/SERVICE> ?x } # SERVICE",
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


# ── --param: a VALUES block built from terms, never text ────────────────────────────────

RUSSIA = URIRef("https://example.org/id/entity/place/russia")
HOSTILE = ['NATO" } ; DROP ALL ; #', "a\nb } UNION { ?s ?p ?o", "> ; DROP ALL", "{ braces }", "'single' \\",
           '""" triple', "\u2028"]


@pytest.fixture
def labelled_store() -> KnowledgeStore:
    store = KnowledgeStore()
    store.add_triples([(NATO, RDFS.label, Literal("NATO")), (RUSSIA, RDFS.label, Literal("Russia"))]
                      + [(URIRef(f"https://example.org/id/hostile/{n}"), RDFS.label, Literal(text))
                         for n, text in enumerate(HOSTILE)])
    return store


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_are_plain_literals_with_no_effect(labelled_store, value):
    before = len(labelled_store)
    result = run_query(labelled_store, "SELECT ?s ?name WHERE { ?s rdfs:label ?name }", bindings={"name": value})
    assert result.column("name") == [value] and len(result) == 1  # the one node with exactly that label
    assert len(labelled_store) == before
    text, substitutions = bind_values("SELECT ?s { ?s rdfs:label ?name }", {"name": to_ox(Literal(value))})
    assert not substitutions and text.count("VALUES") == 1


def test_hostile_iris_are_refused_and_valid_ones_bind(labelled_store):
    with pytest.raises(QueryError, match="Cannot bind"):
        run_query(labelled_store, "SELECT ?name { ?s rdfs:label ?name }",
                  bindings={"s": URIRef("https://example.org/x> ; DROP ALL ; <y")})
    assert run_query(labelled_store, "SELECT ?name { ?s rdfs:label ?name }", bindings={"s": NATO}).column("name") == [
        "NATO"]


@pytest.mark.parametrize("name", ["", "?name", "na me", "name)", "x{", "a.b", "-x", "name} ; DROP"])
def test_names_that_are_not_variables_are_refused(labelled_store, name):
    with pytest.raises(QueryError, match="not a SPARQL variable name"):
        run_query(labelled_store, "SELECT * { ?s rdfs:label ?name }", bindings={name: "NATO"})


QUERIES = [
    "SELECT ?s ?name WHERE { ?s rdfs:label ?name }",
    "SELECT ?name (COUNT(?s) AS ?n) { ?s rdfs:label ?name } GROUP BY ?name",
    "SELECT ?s ?name { ?s rdfs:label ?l FILTER(LCASE(?l) = LCASE(?name)) }",
    "SELECT ?s ?name { ?s rdfs:label ?l FILTER NOT EXISTS { ?s rdfs:label ?name } }",
    "SELECT ?s ?name { ?s ?p ?o OPTIONAL { ?s rdfs:label ?name } }",  # in OPTIONAL: substituted
    "SELECT ?s ?name { { ?s rdfs:label ?name } UNION { ?s rdfs:comment ?name } }",  # in UNION: substituted
    "SELECT ?s ?name { { SELECT ?s ?name { ?s rdfs:label ?name } } }",  # in a subquery: substituted
    "SELECT ?s ?name { ?s rdfs:label ?l BIND(?l AS ?name) }",  # assigned: substituted
    "SELECT ?s ?name WHERE { ?s rdfs:label ?name } VALUES ?s { <https://example.org/id/entity/organization/nato> }",
]


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("value", ["NATO", "nato", "Nobody", "{ braces }"])
def test_values_give_what_substitutions_give(labelled_store, query, value):
    def rows(answer) -> list:
        return sorted(tuple(str(solution[v]) for v in answer.variables) for solution in answer)

    by_substitution = rows(evaluate(labelled_store, query, substitutions={ox.Variable("name"): ox.Literal(value)}))
    text, substitutions = bind_values(query, {"name": ox.Literal(value)})
    assert rows(evaluate(labelled_store, text, substitutions=substitutions)) == by_substitution


def test_values_go_into_the_outermost_where_or_nowhere():
    term = {"name": ox.Literal("v")}
    for query in ["SELECT ?s { ?s rdfs:label ?name }", "ASK WHERE { ?s rdfs:label ?name }",
                  "CONSTRUCT { ?s rdfs:label ?name } { ?s rdfs:label ?name }",
                  "SELECT (EXISTS { ?s ?p ?o } AS ?e) ?name FROM <https://g> WHERE { ?s rdfs:label ?name } LIMIT 1",
                  'SELECT * { ?s rdfs:label "} { ?name" . ?s rdfs:comment ?name } # } ?name',
                  "PREFIX where: <https://example.org/> SELECT ?where { ?s where:x ?where ; rdfs:label ?name }"]:
        text, substitutions = bind_values(query, term)
        assert not substitutions, query
        assert 'VALUES (?name) { ("v") }' in text
        ox.Store().query(text, prefixes={"rdfs": str(RDFS)})  # parses
    for query in ["CONSTRUCT WHERE { ?s rdfs:label ?name }", "DESCRIBE <https://example.org/x>",
                  "SELECT ?s { ?s rdfs:label ?other }", "SELECT ?s { ?s rdfs:label ?names }",
                  "SELECT ?s { ?s rdfs:label \\u003Fname }", "SELECT * { ?s ?p ?o FILTER(?o<?name&&?s>1) }"]:
        assert bind_values(query, term) == (query, {ox.Variable("name"): term["name"]}), query


def test_a_blank_node_value_is_a_substitution():
    node = ox.BlankNode("b1")
    assert bind_values("SELECT ?s { ?s ?p ?name }", {"name": node})[1] == {ox.Variable("name"): node}


def test_answers_are_rdflib_terms_each_distinct_term_made_once():
    from rdflib import BNode, XSD

    store = KnowledgeStore()
    store.oxigraph.extend([
        ox.Quad(ox.NamedNode("http://example.org/a"), ox.NamedNode("http://example.org/p"), value)
        for value in (ox.Literal("Kyiv"), ox.Literal("Kyiv", language="uk"),
                      ox.Literal("7", datatype=ox.NamedNode(str(XSD.integer))), ox.BlankNode("b1"))])
    result = run_query(store, "SELECT ?s ?o ?missing { ?s ?p ?o }")
    assert set(result.rows) == {
        (URIRef("http://example.org/a"), Literal("7", datatype=XSD.integer), None),
        (URIRef("http://example.org/a"), Literal("Kyiv", datatype=XSD.string), None),
        (URIRef("http://example.org/a"), Literal("Kyiv", lang="uk"), None),
        (URIRef("http://example.org/a"), BNode("b1"), None),
    } and len(result) == 4
    subjects = [row[0] for row in result.rows]
    assert all(subject is subjects[0] for subject in subjects)  # one rdflib term, shared by every row
