"""Answers in a notebook: rows by variable name, a pandas DataFrame, an HTML table. No model."""

from __future__ import annotations

import pickle

import pytest
from rdflib import Literal, URIRef

from kgbuild.errors import QueryError
from kgbuild.graph import KnowledgeStore
from kgbuild.graph.vocab import RDFS
from kgbuild.query import QueryResult, run_query

NATO = URIRef("https://example.org/id/entity/organization/nato")
RUSSIA = URIRef("https://example.org/id/entity/place/russia")


@pytest.fixture(scope="module")
def store():
    store = KnowledgeStore()
    store.add_triples([(NATO, RDFS.label, Literal("NATO")), (RUSSIA, RDFS.label, Literal("<b>Russia</b> & co"))])
    return store


def test_rows_are_addressable_by_variable_name(store):
    result = run_query(store, "SELECT ?entity ?name ?missing { ?entity rdfs:label ?name } ORDER BY ?name")
    first = result.rows[0]
    assert str(first.name) == "<b>Russia</b> & co" and first["name"] == first[1] == first["?name"] == first.name
    assert first.entity == RUSSIA and first.missing is None
    assert first.asdict() == {"entity": RUSSIA, "name": first.name}
    assert tuple(first) == (RUSSIA, first.name, None)  # still a plain tuple too
    with pytest.raises(AttributeError, match=r"\?entity, \?name, \?missing"):
        _ = first.label
    assert pickle.loads(pickle.dumps(first)).name == first.name


def test_to_dataframe_has_a_column_per_variable(store):
    pytest.importorskip("pandas")
    frame = run_query(store, "SELECT ?entity ?name { ?entity rdfs:label ?name } ORDER BY ?name").to_dataframe()
    assert list(frame.columns) == ["entity", "name"]
    assert [str(name) for name in frame["name"]] == ["<b>Russia</b> & co", "NATO"]
    assert run_query(store, "ASK { ?s ?p ?o }").to_dataframe()["boolean"].tolist() == [True]
    graph = run_query(store, "CONSTRUCT WHERE { ?s rdfs:label ?o }").to_dataframe()
    assert list(graph.columns) == ["subject", "predicate", "object"] and len(graph) == 2


def test_to_dataframe_without_pandas_says_what_to_install(store, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_pandas(name, *args, **kwargs):
        if name == "pandas":
            raise ImportError("No module named 'pandas'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pandas)
    with pytest.raises(QueryError, match=r"pip install 'kgbuild\[pandas\]'"):
        QueryResult(variables=("x",), rows=((Literal("a"),),)).to_dataframe()


def test_the_html_table_escapes_values_and_links_iris(store):
    page = run_query(store, "SELECT ?entity ?name { ?entity rdfs:label ?name } ORDER BY ?name")._repr_html_()
    assert "<b>Russia</b>" not in page and "&lt;b&gt;Russia&lt;/b&gt; &amp; co" in page
    assert f'<a href="{RUSSIA}"' in page and "<th>entity</th><th>name</th>" in page
    assert "2 rows" in page
    assert run_query(store, "ASK { ?s ?p ?o }")._repr_html_() == "<p><b>yes</b></p>"
