"""Graphs for the render tests: the hand-written fixture, and a large generated one."""

from __future__ import annotations

import random
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef

from kgbuild.graph.vocab import KG, NIF, PROV, RDF, RDFS, REL, SDO, SKOS, XSD

FIXTURE = Path(__file__).parents[1] / "data" / "render" / "small.ttl"
ID = "https://w3id.org/kgbuild/id/"


def iri(path: str) -> str:
    """A fixture IRI from its path under the default base: iri("entity/place/kyiv")."""
    return ID + path


def small_graph() -> Graph:
    """The hand-written fixture (see the header of tests/data/render/small.ttl)."""
    return Graph().parse(FIXTURE)


def synthetic_graph(statements: int = 5000, *, seed: int = 0) -> Graph:
    """A graph shaped like a real run: `statements` statements over about a sixth as many
    entities (a few hubs, a long tail), one sentence each, 40 statements per article."""
    rng = random.Random(seed)
    graph = Graph()
    classes = [SDO.Person, SDO.Organization, SDO.Place, SDO.Event, SDO.CreativeWork]
    entities = []
    for index in range(max(2, statements // 6)):
        entity = URIRef(f"{ID}entity/thing/e{index}")
        graph.add((entity, RDF.type, KG.Entity))
        graph.add((entity, RDF.type, classes[index % len(classes)]))
        graph.add((entity, RDFS.label, Literal(f"Entity {index}")))
        if index % 7 == 0:
            graph.add((entity, SKOS.altLabel, Literal(f"E{index}")))
        entities.append(entity)
    relations = [REL[name] for name in ("say", "attack", "meet", "die_in", "visit", "accuse")]
    for relation in relations:
        label = str(relation).rsplit("/", 1)[-1].replace("_", " ")
        graph.add((relation, RDF.type, KG.Relation))
        graph.add((relation, RDFS.label, Literal(label)))
    weights = [1.0 / (rank + 1) for rank in range(len(entities))]  # a few hubs
    for index in range(statements):
        article = URIRef(f"{ID}article/a{index // 40}")
        if index % 40 == 0:
            graph.add((article, RDF.type, SDO.NewsArticle))
            graph.add((article, SDO.headline, Literal(f"Article {index // 40}")))
            graph.add((article, SDO.url, Literal(f"https://news.example.org/{index // 40}")))
        sentence = URIRef(f"{article}/sentence/{index % 40}")
        graph.add((sentence, RDF.type, NIF.Sentence))
        graph.add((sentence, NIF.anchorOf, Literal(f"Sentence number {index} of the corpus.")))
        graph.add((sentence, NIF.beginIndex, Literal(index % 40 * 40)))
        graph.add((sentence, SDO.isPartOf, article))
        statement = URIRef(f"{article}/statement/{index % 40}")
        subject, obj = rng.choices(entities, weights, k=2)
        negated = rng.random() < 0.05
        asserted = not negated and rng.random() < 0.8
        for predicate, value in (
            (RDF.type, RDF.Statement),
            (RDF.type, KG.Statement),
            (RDF.subject, subject),
            (RDF.predicate, rng.choice(relations)),
            (RDF.object, obj if rng.random() < 0.95 else KG.NoObject),
            (KG.confidence, Literal(round(rng.random(), 2), datatype=XSD.double)),
            (KG.negated, Literal(negated)),
            (KG.asserted, Literal(asserted)),
            (KG.modality, KG.Asserted if asserted or negated else KG.Hedged),
            (KG.relationText, Literal("did")),
            (PROV.wasDerivedFrom, sentence),
        ):
            graph.add((statement, predicate, value))
        if index % 10 == 0:
            argument = BNode()
            graph.add((statement, KG.argument, argument))
            graph.add((argument, RDF.type, KG.TimeArgument))
            graph.add((argument, KG.role, Literal("on")))
            graph.add((argument, KG.value, Literal("Monday")))
    return graph
