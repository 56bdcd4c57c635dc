"""The JSON-LD export has an @context and compact IRIs, and reads back as the same graph (#18.6)."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def seed_files(seed_build, tmp_path_factory):
    graph, _ = seed_build
    out = tmp_path_factory.mktemp("jsonld")
    return graph.write(out / "graph.jsonld"), graph.write(out / "graph.ttl"), graph.write(out / "graph.nq")


def test_the_jsonld_has_a_context_of_our_and_the_w3c_namespaces(seed_files):
    document = json.loads(seed_files[0].read_text(encoding="utf-8"))
    context = document["@context"]
    assert context["kg"] == "https://w3id.org/kgbuild/ns#"
    assert context["rdfs"] == "http://www.w3.org/2000/01/rdf-schema#"
    assert context["prov"] == "http://www.w3.org/ns/prov#"
    text = seed_files[0].read_text(encoding="utf-8")
    assert '"kg:contentHash"' in text and "https://w3id.org/kgbuild/ns#contentHash" not in text


def test_the_jsonld_reads_back_in_rdflib_as_the_turtle(seed_files):
    jsonld, turtle, _ = seed_files
    from_jsonld = rdflib.Dataset()
    from_jsonld.parse(jsonld, format="json-ld")
    union = rdflib.Graph()
    for *triple, _ in from_jsonld.quads((None, None, None, None)):
        union.add(tuple(triple))
    from_turtle = rdflib.Graph().parse(turtle, format="turtle")
    assert len(from_turtle) > 1000
    assert isomorphic(union, from_turtle)


def test_the_jsonld_reads_back_in_oxigraph_as_the_nquads_quad_for_quad(seed_files):
    jsonld, _, nquads = seed_files
    from_jsonld = set(ox.parse(path=str(jsonld), format=ox.RdfFormat.JSON_LD))
    from_nquads = set(ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS))
    assert from_jsonld == from_nquads
    assert {quad.graph_name for quad in from_jsonld} - {ox.DefaultGraph()}  # the articles' graphs kept


def test_the_jsonld_is_much_smaller_than_with_full_iris(seed_files):
    jsonld, _, nquads = seed_files
    full = ox.serialize(ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.JSON_LD)
    assert jsonld.stat().st_size < 0.6 * len(full)
