"""The Oxigraph store behind every graph, and reading and writing RDF files.

Triples go straight into Oxigraph (fast adds, fast SPARQL, compact memory); rdflib's API
is offered over the same store through oxrdflib for code that wants an rdflib `Dataset`.

Each article lives in its own named graph, so it can be replaced or removed whole. The
default graph is kept equal to the union (a set) of the named graphs, and queries run on
it: Oxigraph's `use_default_graph_as_union` is a bag, so an entity label stated by fifty
articles would otherwise come back fifty times from every query that joins on it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from string import Template
from typing import BinaryIO, Iterable, Iterator

import pyoxigraph as ox
from rdflib import Dataset, URIRef
from rdflib.term import Node

from kgbuild.atomic import replaced_atomically
from kgbuild.errors import GraphError
from kgbuild.graph.sparql import graph_sparql
from kgbuild.graph.terms import to_oxigraph
from kgbuild.graph.vocab import PREFIXES

#: File suffix → RDF format, for reading and writing.
FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE, ".turtle": ox.RdfFormat.TURTLE, ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS, ".nt": ox.RdfFormat.N_TRIPLES, ".jsonld": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML, ".owl": ox.RdfFormat.RDF_XML,
}
_FORMAT_NAMES = ", ".join(sorted(FORMATS))


def graph_nquads(name: str, triples: Iterable[tuple[Node, Node, Node]]) -> tuple[bytes, int]:
    """Triples as N-Quads ready for `KnowledgeStore.put_graph`, and how many triples.

    Each triple is written twice: in the named graph `name`, and in the default graph that
    the store keeps as the union of its named graphs. Serialising is cheap and can happen
    in a worker process; the process that owns the store then only parses bytes.
    """
    graph = ox.NamedNode(name)
    quads = [ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), graph) for s, p, o in triples]
    named = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    # The default-graph copy is the same lines without the graph name. N-Quads escapes line
    # breaks inside literals, so " <name> .\n" can only be the end of a line.
    default = named.replace(f" {graph} .\n".encode(), b" .\n")
    return named + default, len(quads)


def encoded_nquads(name: str, triples: Iterable[tuple[str, str, str]]) -> tuple[bytes, int]:
    """`graph_nquads` for triples already written as N-Triples terms (`kgbuild.graph.writer.Encoded`).

    No term objects are made: each line is the three terms and the graph name joined.
    """
    lines = [f"{s} {p} {o}" for s, p, o in triples]
    graph = f" <{name}> .\n"
    named = graph.join(lines) + graph if lines else ""
    default = " .\n".join(lines) + " .\n" if lines else ""
    return (named + default).encode("utf-8"), len(lines)


class KnowledgeStore:
    """An Oxigraph store (in memory, or on disk at `path`) holding one knowledge graph."""

    def __init__(self, path: str | os.PathLike | None = None, *, read_only: bool = False) -> None:
        if path is None:
            self.oxigraph = ox.Store()
        elif read_only:  # nothing written (a read-only mount works); readers share a lock, see _hold_shared
            self._reader_lock = _hold_shared(Path(path) / "LOCK")
            self.oxigraph = ox.Store.read_only(str(path))
        else:
            self.oxigraph = ox.Store(str(path))
        self.path = Path(path) if path is not None else None
        self.read_only = read_only and path is not None

    @classmethod
    def open(cls, path: str | os.PathLike, *, create: bool = False, read_only: bool = False) -> "KnowledgeStore":
        """Open the persistent store in directory `path`.

        Args:
            path: The store's directory.
            create: Make a new store when there is none at `path`.
            read_only: Only read it: other readers, and one writer, may hold it meanwhile;
                what this one sees is the store as it was when opened.

        Raises:
            GraphError: There is no store at `path` (and `create` is false), `path` is a
                file, or another process holds the store open.
        """
        path = Path(path)
        if path.exists() and not path.is_dir():
            raise GraphError(f"{path}: is a file. A store is a directory: give a new or existing directory.")
        if not create and not (path.is_dir() and any(path.iterdir())):
            raise GraphError(f"{path}: no kgbuild store there. Create one with `kgbuild build INPUT --store {path}`.")
        try:
            return cls(path, read_only=read_only and not create)
        except OSError as error:
            if "lock" in str(error).lower():
                raise GraphError(f"{path}: the store is open in another process (kgbuild serve, build or query?). "
                                 "Stop that process and try again.") from error
            raise GraphError(f"{path}: cannot open the store ({error}).") from error

    def close(self) -> None:
        """Release the store (an on-disk store is unlocked once nothing else refers to it)."""
        self.oxigraph = None
        descriptor = getattr(self, "_reader_lock", None)
        if descriptor is not None:
            self._reader_lock = None
            os.close(descriptor)

    def add_triples(self, triples: Iterable[tuple[Node, Node, Node]]) -> int:
        """Add triples to the default graph; returns how many were given."""
        quads = [ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o)) for s, p, o in triples]
        self.oxigraph.extend(quads)
        return len(quads)

    def __len__(self) -> int:
        """The number of triples in the graph (the union of its named graphs)."""
        query = graph_sparql("count-distinct-triples.rq" if self.union_query_options() else "count-triples.rq")
        return int(next(iter(self.oxigraph.query(query, **self.union_query_options())))[0].value)

    def union_query_options(self) -> dict[str, bool]:
        """Options for `oxigraph.query` so that queries see the union of all graphs.

        kgbuild keeps the default graph equal to that union; a store written by another
        tool with named graphs only is queried through Oxigraph's union instead.
        """
        has_default = next(iter(self.oxigraph.quads_for_pattern(None, None, None, ox.DefaultGraph())), None)
        return {} if has_default is not None else {"use_default_graph_as_union": True}

    def graph_names(self) -> list[URIRef]:
        """The named graphs of the store (one per article), sorted."""
        return sorted(URIRef(g.value) for g in self.oxigraph.named_graphs() if isinstance(g, ox.NamedNode))

    def replace_graph(self, name: URIRef, triples: Iterable[tuple[Node, Node, Node]]) -> int:
        """Make the named graph `name` hold exactly `triples`, keeping the default graph the union.

        Returns:
            How many triples were given.
        """
        nquads, count = graph_nquads(str(name), triples)
        self.put_graph(name, nquads)
        return count

    def put_graph(self, name: URIRef | str, nquads: bytes) -> None:
        """Make the named graph `name` hold exactly the quads of `nquads` (from `graph_nquads`).

        The old graph is dropped in one transaction and the new one added in another, so an
        interruption leaves the graph whole or absent, never half-written. Blank node labels
        are kept as written, so rebuilding an article gives the same quads.
        """
        self.remove_graph(URIRef(str(name)))
        # Lenient: pyoxigraph wrote these bytes from terms it had validated.
        self.oxigraph.extend(ox.parse(nquads, format=ox.RdfFormat.N_QUADS, lenient=True))

    def remove_graph(self, name: URIRef) -> bool:
        """Drop the named graph `name` and the triples of the union that only it stated.

        Returns:
            Whether there was such a graph.
        """
        graph = ox.NamedNode(str(name))
        if not self.oxigraph.contains_named_graph(graph):
            return False
        # One update, one transaction. `graph` is a validated IRI written out by Oxigraph
        # (`<...>`), not user text: updates take no bindings.
        self.oxigraph.update(Template(graph_sparql("remove-graph.ru")).substitute(graph=str(graph)))
        return True

    def load(self, path: str | os.PathLike) -> None:
        """Add the triples of an RDF file (format from its suffix)."""
        path = Path(path)
        rdf_format = rdf_format_for(path)
        if rdf_format == ox.RdfFormat.RDF_XML:
            refuse_document_type(path)
        try:
            self.oxigraph.load(path=str(path), format=rdf_format)
        except (SyntaxError, ValueError, OSError) as error:
            raise GraphError(f"{path}: cannot read {rdf_format.name} ({error}).") from error
        if rdf_format.supports_datasets:  # keep the default graph the union of the named graphs
            self.oxigraph.update(graph_sparql("union-of-named-graphs.ru"))

    def write(self, path: str | os.PathLike) -> Path:
        """Write the graph to `path` in the format its suffix names, atomically.

        The file is written under a temporary name beside it and renamed, so an
        interrupted write never leaves a half-written file where a good one was.
        """
        path = Path(path)
        rdf_format = rdf_format_for(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        with replaced_atomically(path) as output:
            self.write_to(output, rdf_format)
        return path

    def write_to(self, output: BinaryIO, rdf_format: ox.RdfFormat = ox.RdfFormat.N_QUADS) -> None:
        """Write the graph to a binary stream (`sys.stdout.buffer` for `-o -`) in `rdf_format`.

        A dataset format (N-Quads, TriG) keeps each article's named graph; a graph format
        (Turtle ...) writes their union.
        """
        prefixes = PREFIXES if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
        if rdf_format.supports_datasets:  # the named graphs, not their union again
            ox.serialize(self._dataset_quads(), output, rdf_format, prefixes=prefixes)
        else:
            options = {"prefixes": prefixes} if prefixes else {}
            self.oxigraph.dump(output, rdf_format, from_graph=ox.DefaultGraph(), **options)

    def dataset(self) -> Dataset:
        """An rdflib `Dataset` over this store (queries run in Oxigraph)."""
        from oxrdflib import OxigraphStore

        # The default graph already is the union: rdflib's union would repeat every triple.
        dataset = Dataset(store=OxigraphStore(store=self.oxigraph), default_union=False)
        for prefix, namespace in PREFIXES.items():
            dataset.bind(prefix, namespace, override=True)
        return dataset


    def _dataset_quads(self) -> Iterator[ox.Quad]:
        """Each named graph in turn, then the default graph: the union of the named graphs
        (a set) and the triples no named graph holds.

        The default-graph copy makes the file portable: loaded plainly into any store
        (Oxigraph, Jena, GraphDB ...), the packaged queries, which read the default graph,
        answer as they do here, with no union-default-graph setting (whose union is a bag
        in Oxigraph, counting a triple once per graph that states it).
        """
        for name in self.graph_names():
            yield from self.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(str(name)))
        if self.union_query_options():  # written by another tool: named graphs only
            for row in self.oxigraph.query(graph_sparql("distinct-triples.rq"), use_default_graph_as_union=True):
                yield ox.Quad(row[0], row[1], row[2])
        else:
            yield from self.oxigraph.quads_for_pattern(None, None, None, ox.DefaultGraph())


#: What starts a document type declaration or an entity declaration in XML.
_DTD_MARKERS = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_CHUNK = 1 << 20


def refuse_document_type(path: Path) -> None:
    """Refuse an RDF/XML file that declares a document type (DTD) or entities.

    Oxigraph's RDF/XML parser expands the entities a DTD declares: 710 bytes of nested
    entities ("billion laughs") become gigabytes of text. RDF/XML needs no DTD, so any
    declaration is refused before parsing (the whole file is scanned in chunks, as a DTD
    may only sit before the root element, but a marker in a CDATA section is refused too).

    Raises:
        GraphError: The file declares a DTD or an entity, is not UTF-8 (a UTF-16 file
            would hide its declarations from the scan), or cannot be read.
    """
    try:
        with path.open("rb") as handle:
            head = handle.read(4)
            if head[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in head:
                raise GraphError(f"{path}: RDF/XML in UTF-16 or UTF-32 is not read. Convert it to UTF-8.")
            tail = head
            while True:
                if _DTD_MARKERS.search(tail):
                    raise GraphError(f"{path}: RDF/XML with a document type or entity declaration (<!DOCTYPE, "
                                     "<!ENTITY) is refused: entities can expand a small file into gigabytes. "
                                     "Remove the declaration (RDF/XML needs none) or give Turtle or N-Triples.")
                chunk = handle.read(_CHUNK)
                if not chunk:
                    return
                tail = tail[-16:] + chunk  # a marker may straddle two chunks
    except OSError as error:
        raise GraphError(f"{path}: cannot read the file ({error.strerror or error}).") from error


def _hold_shared(lock_file: Path) -> int | None:
    """Hold a shared (read) lock on RocksDB's LOCK file while a store is open read-only.

    Oxigraph calls reading a store that another process writes undefined behaviour. A
    writer takes an exclusive lock on this file, so it cannot open the store while any
    reader holds a shared one, and a reader cannot open it while a writer does; readers
    do not exclude each other. Where the file cannot be opened for writing (a read-only
    mount) no lock is taken: nothing on this machine can write there either.

    Returns:
        The descriptor holding the lock (kept open with the store), or None.

    Raises:
        OSError: A writer holds the store ("lock" is in the message).
    """
    try:
        import fcntl
    except ImportError:  # Windows: RocksDB locks the file for the writer there
        return None
    try:
        descriptor = os.open(lock_file, os.O_RDWR)
    except OSError:
        return None
    try:
        fcntl.lockf(descriptor, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError as error:
        os.close(descriptor)
        raise OSError(f"lock {lock_file}: held by a process writing the store") from error
    return descriptor


def rdf_format_for(path: Path) -> ox.RdfFormat:
    rdf_format = FORMATS.get(path.suffix.lower())
    if rdf_format is None:
        raise GraphError(f"{path}: unknown RDF file type {path.suffix!r}. Use one of: {_FORMAT_NAMES}.")
    return rdf_format
