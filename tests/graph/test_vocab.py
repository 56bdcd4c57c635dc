"""The vocabulary module and the ontology file say the same thing."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph
from rdflib.namespace import OWL, RDF

from kgbuild.graph.vocab import KG

ONTOLOGY = Path(__file__).resolve().parents[2] / "ontologies" / "kgbuild.ttl"


def test_every_code_term_is_defined_in_the_ontology_and_back():
    ontology = Graph().parse(ONTOLOGY)
    namespace = str(KG._NS)
    defined = {str(s)[len(namespace):] for s in ontology.subjects(RDF.type, None)
               if str(s).startswith(namespace) and s != OWL.Ontology}
    in_code = set(KG.__annotations__)
    assert in_code == defined


def test_unknown_term_fails_loudly():
    import pytest

    with pytest.raises(AttributeError):
        KG.notATerm  # noqa: B018
