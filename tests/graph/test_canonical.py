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


def test_stored_entities_reads_back_key_type_name_and_article_count():
    from kgbuild.graph import IriMinter
    from kgbuild.graph.canonical import stored_entities

    minter = IriMinter("https://example.org/")
    store = KnowledgeStore()
    person = minter.entity("person/josé-o'neil")  # percent-encoded in the IRI
    triples = [(person, RDF.type, KG.Entity), (person, RDFS.label, Literal("José O'Neil"))]
    for article in ("a", "b"):
        triples.append((person, KG.mentionedIn, minter.article(article)))
    other_base = URIRef("https://elsewhere.org/entity/person/x")
    triples += [(other_base, RDF.type, KG.Entity), (other_base, RDFS.label, Literal("X")),
                (other_base, KG.mentionedIn, minter.article("a"))]
    store.add_triples(triples)
    [record] = stored_entities(store, minter)
    assert (record.key, record.label_type, record.label, record.articles) == ("person/josé-o'neil", "PERSON",
                                                                             "José O'Neil", 2)


def test_key_type_words_read_back_as_the_labels_resolve_writes_them_from():
    from kgbuild.graph.canonical import _LABEL_TYPE_OF_KEY
    from kgbuild.resolve.entities import KEY_TYPES

    assert {word: KEY_TYPES[label] for word, label in _LABEL_TYPE_OF_KEY.items()} == {
        word: word for word in _LABEL_TYPE_OF_KEY}
