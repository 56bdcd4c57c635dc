"""The Oxigraph store behind every graph, and reading and writing RDF files.

Triples go straight into Oxigraph (fast adds, fast SPARQL, compact memory); rdflib's API
is offered over the same store through oxrdflib for code that wants an rdflib `Dataset`.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Iterable

import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.term import Node

from kgbuild.errors import GraphError
from kgbuild.graph.vocab import PREFIXES

#: File suffix → RDF format, for reading and writing.
FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE, ".turtle": ox.RdfFormat.TURTLE, ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS, ".nt": ox.RdfFormat.N_TRIPLES, ".jsonld": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML, ".owl": ox.RdfFormat.RDF_XML,
}
_FORMAT_NAMES = ", ".join(sorted(FORMATS))


def to_oxigraph(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as the equal pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"Cannot store {term!r}: not an IRI, blank node or literal")


class KnowledgeStore:
    """An Oxigraph store (in memory, or on disk at `path`) holding one knowledge graph."""

    def __init__(self, path: str | os.PathLike | None = None) -> None:
        self.oxigraph = ox.Store(str(path)) if path is not None else ox.Store()
        self._converted: dict[Node, object] = {}

    def add_triples(self, triples: Iterable[tuple[Node, Node, Node]]) -> int:
        """Add triples to the default graph; returns how many were given."""
        convert = self._convert
        quads = [ox.Quad(convert(s), convert(p), convert(o)) for s, p, o in triples]
        self.oxigraph.extend(quads)
        return len(quads)

    def _convert(self, term: Node):
        # Vocabulary terms recur in every statement: convert each once.
        if isinstance(term, URIRef) and len(self._converted) < 50_000:
            converted = self._converted.get(term)
            if converted is None:
                converted = self._converted[term] = to_oxigraph(term)
            return converted
        return to_oxigraph(term)

    def __len__(self) -> int:
        return len(self.oxigraph)

    def load(self, path: str | os.PathLike) -> None:
        """Add the triples of an RDF file (format from its suffix)."""
        path = Path(path)
        rdf_format = rdf_format_for(path)
        try:
            self.oxigraph.load(path=str(path), format=rdf_format)
        except (SyntaxError, ValueError, OSError) as error:
            raise GraphError(f"{path}: cannot read {rdf_format.name} ({error}).") from error

    def write(self, path: str | os.PathLike) -> Path:
        """Write the graph to `path` in the format its suffix names, atomically.

        The file is written under a temporary name beside it and renamed, so an
        interrupted write never leaves a half-written file where a good one was.
        """
        path = Path(path)
        rdf_format = rdf_format_for(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
        try:
            with os.fdopen(handle, "wb") as output:
                options = {} if rdf_format.supports_datasets else {"from_graph": ox.DefaultGraph()}
                if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG):
                    options["prefixes"] = PREFIXES
                self.oxigraph.dump(output, rdf_format, **options)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return path

    def dataset(self) -> Dataset:
        """An rdflib `Dataset` over this store (queries run in Oxigraph)."""
        from oxrdflib import OxigraphStore

        dataset = Dataset(store=OxigraphStore(store=self.oxigraph), default_union=True)
        for prefix, namespace in PREFIXES.items():
            dataset.bind(prefix, namespace, override=True)
        return dataset


def rdf_format_for(path: Path) -> ox.RdfFormat:
    rdf_format = FORMATS.get(path.suffix.lower())
    if rdf_format is None:
        raise GraphError(f"{path}: unknown RDF file type {path.suffix!r}. Use one of: {_FORMAT_NAMES}.")
    return rdf_format
