"""After a build an entity has one rdfs:label: the name its articles used most."""

from __future__ import annotations

from rdflib import BNode, Literal, URIRef

from kgbuild.graph import KG, KnowledgeStore
from kgbuild.graph.canonical import canonical_labels
from kgbuild.graph.vocab import RDF, RDFS, SKOS

PARTY = URIRef("https://example.org/entity/organization/labour-party")


def test_the_most_used_name_stays_the_label_and_the_others_become_alternatives():
    store = KnowledgeStore()
    triples = [(PARTY, RDF.type, KG.Entity), (PARTY, RDFS.label, Literal("Labour Party")),
               (PARTY, RDFS.label, Literal("Labour party"))]
    for name, count, node in (("Labour Party", 3, BNode("r1")), ("Labour party", 1, BNode("r2"))):
        triples += [(PARTY, KG.resolution, node), (node, KG.surfaceForm, Literal(name)),
                    (node, KG.occurrences, Literal(count))]
    store.add_triples(triples)
    assert canonical_labels(store) == 1
    dataset = store.dataset()
    assert {str(o) for o in dataset.objects(PARTY, RDFS.label)} == {"Labour Party"}
    assert {str(o) for o in dataset.objects(PARTY, SKOS.altLabel)} == {"Labour party"}
