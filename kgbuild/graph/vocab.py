"""kgbuild's RDF vocabulary, mirroring `ontologies/kgbuild.ttl` term by term.

The ontology file is the truth; `tests/graph/test_vocab.py` fails when this module and the
ontology disagree. Every other namespace is reused from rdflib.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD, DefinedNamespace

__all__ = ["DCTERMS", "KG", "NIF", "OWL", "PREFIXES", "PROV", "RDF", "RDFS", "REL", "SDO",
           "SKOS", "XSD"]


class KG(DefinedNamespace):
    """Terms of https://w3id.org/kgbuild/ns#."""

    _NS = Namespace("https://w3id.org/kgbuild/ns#")
    _fail = True

    # classes
    Statement: URIRef
    Relation: URIRef
    Entity: URIRef
    NounPhrase: URIRef
    UnresolvedMention: URIRef
    Quotation: URIRef
    Argument: URIRef
    Resolution: URIRef
    TimeArgument: URIRef
    PlaceArgument: URIRef
    Modality: URIRef
    # individuals
    Asserted: URIRef
    Hedged: URIRef
    Possible: URIRef
    Future: URIRef
    Intended: URIRef
    NoObject: URIRef
    # properties
    confidence: URIRef
    negated: URIRef
    modality: URIRef
    asserted: URIRef
    attributedTo: URIRef
    reportedBy: URIRef
    unresolved: URIRef
    relationText: URIRef
    extractionRule: URIRef
    argument: URIRef
    role: URIRef
    value: URIRef
    mentionedIn: URIRef
    resolution: URIRef
    surfaceForm: URIRef
    resolutionRule: URIRef
    occurrences: URIRef
    age: URIRef
    standsForGovernment: URIRef
    standsForGovernmentOf: URIRef
    duplicateOf: URIRef
    date: URIRef
    startDate: URIRef
    endDate: URIRef
    contentHash: URIRef
    statementCount: URIRef
    factCount: URIRef
    negatedCount: URIRef
    reportedCount: URIRef
    sentenceCount: URIRef
    kgbuildVersion: URIRef
    pipeline: URIRef
    extractor: URIRef


#: One IRI per normalised relation: REL["die_in"].
REL = Namespace("https://w3id.org/kgbuild/relation/")

#: NIF core, for sentences and their character offsets.
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")

#: The prefixes bound in every graph kgbuild writes (the one place they are bound).
PREFIXES: dict[str, str] = {
    "kg": str(KG._NS),
    "rel": str(REL),
    "schema": str(SDO),
    "prov": str(PROV),
    "nif": str(NIF),
    "skos": str(SKOS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "owl": str(OWL),
    "dcterms": str(DCTERMS),
}
