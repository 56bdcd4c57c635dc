"""pyoxigraph terms as the rdflib terms rdflib's own parsers make, to compare the two readings."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def rdflib_term(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> URIRef | BNode | Literal:
    """The rdflib term for a pyoxigraph one; a plain string stays untyped, as rdflib reads it."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value in (XSD_STRING, RDF_LANG_STRING):
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))
