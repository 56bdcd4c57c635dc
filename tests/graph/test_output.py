"""The seed graph: loads in rdflib and pyoxigraph alike, conforms to the shapes, reruns
byte-identical, and asserts only what the article itself states."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal

from kgbuild.graph.vocab import KG, REL

REPO = Path(__file__).resolve().parents[2]
SHAPES = REPO / "ontologies" / "kgbuild-shapes.ttl"
SEED = REPO / "seeds" / "ukraine-war-2022-03-14.txt"

pytestmark = pytest.mark.model


def test_turtle_loads_in_rdflib_and_pyoxigraph_with_the_same_triples(seed_build):
    _, out = seed_build
    turtle = out / "graph.ttl"
    rdflib_graph = Graph().parse(turtle)
    store = ox.Store()
    store.load(path=str(turtle), format=ox.RdfFormat.TURTLE)
    assert len(rdflib_graph) == len(store) > 1000
    from_oxigraph = Graph().parse(data=store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()).decode(),
                                  format="nt")
    from rdflib.compare import isomorphic

    assert isomorphic(rdflib_graph, from_oxigraph)


def test_seed_graph_conforms_to_the_shacl_shapes(seed_build):
    from pyshacl import validate

    _, out = seed_build
    conforms, _, report = validate(Graph().parse(out / "graph.ttl"), shacl_graph=Graph().parse(SHAPES),
                                   inference="none")
    assert conforms, report


def test_shapes_catch_a_negated_statement_asserted_as_fact(seed_build):
    from pyshacl import validate

    _, out = seed_build
    graph = Graph().parse(out / "graph.ttl")
    negated = next(graph.subjects(KG.negated, Literal(True)))
    graph.set((negated, KG.asserted, Literal(True)))
    conforms, _, report = validate(graph, shacl_graph=Graph().parse(SHAPES), inference="none")
    assert not conforms
    assert "AssertedStatementShape" in report


def test_rebuilding_writes_byte_identical_turtle(seed_build, tmp_path):
    import kgbuild

    _, out = seed_build
    kgbuild.build([SEED]).write(tmp_path / "again.ttl")
    assert (tmp_path / "again.ttl").read_bytes() == (out / "graph.ttl").read_bytes()


def test_reported_negated_and_hedged_statements_are_not_plain_triples(seed_build):
    graph, _ = seed_build
    dataset: Dataset = graph.dataset
    verified = graph.query("SELECT ?o { ?s rel:verify ?o }")
    assert len(verified) == 0  # "Reuters could not verify": negated, never a fact
    statements = graph.query("""
        SELECT ?asserted { ?st rdf:predicate rel:verify ; kg:negated true ; kg:asserted ?asserted ;
                               rdf:subject/rdfs:label "Reuters" }""")
    assert [str(row[0]) for row in statements] == ["false", "false"]
    assert (None, REL.enter, None) not in dataset  # "troops have yet to enter the capital"
