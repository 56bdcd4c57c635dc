"""Content negotiation for SPARQL answers: which media type to write, from `Accept` or a
`format=` parameter (as Fuseki and Virtuoso take it)."""

from __future__ import annotations

import pyoxigraph as ox

__all__ = ["GRAPH_TYPES", "RESULT_TYPES", "NotAcceptable", "negotiate"]


class NotAcceptable(Exception):
    """No format the client accepts can be written (HTTP 406); the message says which can."""


#: Media types for SELECT and ASK answers; the first is the default.
RESULT_TYPES: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
#: Media types for CONSTRUCT and DESCRIBE answers; the first is the default.
GRAPH_TYPES: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}
#: `format=` names (as Fuseki and Virtuoso take them) → media type, per kind of answer.
_FORMAT_NAMES = {
    "json": ("application/sparql-results+json", "application/ld+json"),
    "xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "csv": ("text/csv", None), "tsv": ("text/tab-separated-values", None),
    "turtle": (None, "text/turtle"), "ttl": (None, "text/turtle"),
    "ntriples": (None, "application/n-triples"), "nt": (None, "application/n-triples"),
    "rdfxml": (None, "application/rdf+xml"), "jsonld": (None, "application/ld+json"),
}


def negotiate(accept: str, *, is_graph: bool, format_name: str | None = None) -> str:
    """The media type to answer with, from a `format=` name or the `Accept` header.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", is_graph=False)
    'application/sparql-results+xml'
    >>> negotiate("*/*", is_graph=True)
    'text/turtle'

    Raises:
        NotAcceptable: Nothing acceptable can be written (HTTP 406).
    """
    table = GRAPH_TYPES if is_graph else RESULT_TYPES
    if format_name:
        named = _FORMAT_NAMES.get(format_name.strip().lower(), (None, None))[1 if is_graph else 0]
        if named is None and format_name.strip().lower() in table:
            named = format_name.strip().lower()
        if named is not None:
            return named
    default = next(iter(table))
    ranges = []
    for position, item in enumerate((accept or "*/*").split(",")):
        media_range, *parameters = (part.strip() for part in item.split(";"))
        quality = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media_range and quality > 0:
            ranges.append((-quality, position, media_range.lower()))
    for _, _, media_range in sorted(ranges):
        if media_range in table:
            return media_range
        if media_range == "*/*":
            return default
        if media_range.endswith("/*"):
            major = media_range[:-1]
            match = next((media_type for media_type in table if media_type.startswith(major)), None)
            if match:
                return match
    kind = "graph (CONSTRUCT/DESCRIBE)" if is_graph else "SELECT/ASK"
    raise NotAcceptable(
                   f"Cannot answer a {kind} query as {accept!r}. Accept one of: {', '.join(table)}.")
