"""`KnowledgeGraph`: what `kgbuild.build` returns, and what a saved graph loads back as."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping

from rdflib import Dataset
from rdflib.term import Node

from kgbuild.atomic import replaced_together
from kgbuild.errors import GraphError
from kgbuild.graph import DEFAULT_BASE, KnowledgeStore
from kgbuild.query import QueryResult, run_query

if TYPE_CHECKING:
    import networkx

    from kgbuild.graph.push import PushReport
    from kgbuild.graph.validate import ValidationReport

GRAPH_FILE = "graph.ttl"
VIEW_FILE = "graph.html"
#: The same graph with each article in its own named graph, written beside graph.ttl.
DATASET_FILES = ("graph.trig", "graph.nq")


@dataclass
class BuildSummary:
    """What went into a graph: counts and the time it took."""

    articles: int = 0
    sentences: int = 0
    statements: int = 0
    entities: int = 0
    seconds: float = 0.0
    unchanged: int = 0  # articles a store already held as they are (skipped)
    duplicates: int = 0  # articles whose text an earlier one had: recorded, not parsed again

    def __str__(self) -> str:
        return (f"{counted(self.articles, 'article')}, {counted(self.sentences, 'sentence')}, "
                f"{counted(self.statements, 'statement')}, {counted(self.entities, 'entity', 'entities')} "
                f"in {self.seconds:.1f} s"
                + (f"; {counted(self.unchanged, 'article')} unchanged" if self.unchanged else "")
                + (f"; {counted(self.duplicates, 'duplicate')} built once" if self.duplicates else ""))


def counted(number: int, one: str, many: str | None = None) -> str:
    """`number` with its noun in the singular or plural: "1 article", "2 articles", "0 entities".

    >>> counted(1, "article"), counted(2, "article"), counted(0, "entity", "entities")
    ('1 article', '2 articles', '0 entities')
    """
    return f"{number:,} {one if number == 1 else many or one + 's'}"


class KnowledgeGraph:
    """A knowledge graph held in an Oxigraph store.

    Attributes:
        store: The store (`store.oxigraph` is the pyoxigraph `Store`).
        summary: Counts of the build that made it (zeros for a loaded graph).
        base: Base IRI of its own nodes.
    """

    def __init__(self, store: KnowledgeStore, *, summary: BuildSummary | None = None,
                 base: str = DEFAULT_BASE) -> None:
        self.store = store
        self.summary = summary or BuildSummary()
        self.base = base
        self._dataset: Dataset | None = None

    @classmethod
    def load(cls, paths: str | os.PathLike | Iterable[str | os.PathLike]) -> "KnowledgeGraph":
        """Load RDF files (.ttl, .trig, .nq, .jsonld ...) or a build's output directory."""
        if isinstance(paths, (str, os.PathLike)):
            paths = [paths]
        store = KnowledgeStore()
        for path in paths:
            path = Path(path)
            if path.is_dir():  # N-Quads keeps the articles' named graphs; older outputs have Turtle only
                path = path / DATASET_FILES[1] if (path / DATASET_FILES[1]).is_file() else path / GRAPH_FILE
            if not path.exists():
                raise GraphError(f"{path}: no such file. Give an RDF file or the output directory of `kgbuild build`.")
            store.load(path)
        return cls(store)

    @classmethod
    def open_store(cls, path: str | os.PathLike, *, create: bool = False, read_only: bool = False) -> "KnowledgeGraph":
        """Open the persistent store that `build(..., store=path)` or `kgbuild build --store` wrote.

        The store stays locked to this process until `close()` (or the end of a `with`
        block): stop a running `kgbuild serve` before building into the same store.
        `read_only` opens it for reading only: any number of readers (`kgbuild serve`,
        `query`, `validate`) may hold it at once, but no writer.

        Raises:
            GraphError: No store at `path` (unless `create`), or another process holds it.
        """
        return cls(KnowledgeStore.open(path, create=create, read_only=read_only))

    def remove_article(self, article_id: str) -> int:
        """Remove one article (its named graph, and so its share of every entity).

        Returns:
            How many graphs were removed (0: the graph does not hold the article).
        """
        from kgbuild.graph.persistent import remove_article

        removed = remove_article(self.store, article_id)
        self._dataset = None
        return removed

    def close(self) -> None:
        """Release the store; an on-disk store is unlocked for other processes."""
        self._dataset = None
        self.store.close()

    def __enter__(self) -> "KnowledgeGraph":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def dataset(self) -> Dataset:
        """The graph as an rdflib `Dataset` (same data; SPARQL runs in Oxigraph)."""
        if self._dataset is None:
            self._dataset = self.store.dataset()
        return self._dataset

    def __len__(self) -> int:
        return len(self.store)

    def query(self, sparql: str, *, bindings: Mapping[str, Node | str] | None = None,
              allow_service: bool = False) -> QueryResult:
        """Run a SPARQL query; `bindings` give values to variables (never pasted as text).

        kgbuild's prefixes (kg:, rel:, schema:, prov:, nif:, skos:, rdf:, rdfs:, xsd:) are
        predeclared. Federated queries (SERVICE) are refused unless `allow_service`.
        """
        return run_query(self.store, sparql, bindings=bindings, allow_service=allow_service)

    def validate(self) -> "ValidationReport":
        """Check the graph against kgbuild's SHACL shapes (needs `pip install 'kgbuild[validate]'`).

        Returns:
            The report: `conforms`, the violations, and `to_text()` for a terminal.
        """
        from kgbuild.graph.validate import validate

        return validate(self.store)

    def push(self, endpoint: str, **options: Any) -> "PushReport":
        """Upload the graph to a triplestore over the SPARQL 1.1 Graph Store Protocol.

        `options` are those of `kgbuild.graph.push.push` (`graph=`, `retries=` ...);
        user:password@ in `endpoint` is sent as Basic authentication.

        Raises:
            EndpointError: The store cannot be reached or refuses the upload.
        """
        from kgbuild.graph.push import push

        return push(self.store, endpoint, **options)

    def serve(self, *, host: str = "127.0.0.1", port: int = 7878, **options: Any) -> None:
        """Serve the graph as a read-only SPARQL 1.1 endpoint with a query page, until Ctrl-C.

        `options` are those of `kgbuild.query.endpoint.serve` (`limits=`, `allow_service=`,
        `on_ready=` ...).

        Raises:
            EndpointError: The address cannot be bound.
        """
        from kgbuild.query.endpoint import serve

        serve(self, host=host, port=port, **options)

    def to_networkx(self) -> "networkx.MultiDiGraph":
        """Entities and phrases as nodes, one edge per statement."""
        from kgbuild.render import to_networkx

        return to_networkx(self.store)

    def to_html(self, path: str | os.PathLike, *, max_nodes: int = 500,
                focus: str | Iterable[str] | None = None, hops: int = 1) -> Path:
        """Write the interactive network view: one HTML file that works offline.

        `focus` (a name, other name or IRI) draws only what is within `hops` statements of it.
        """
        from kgbuild.render import write_html

        return write_html(self.store, Path(path), max_nodes=max_nodes, focus=focus, hops=hops)

    def show(self, *, max_nodes: int = 500, focus: str | Iterable[str] | None = None,
             hops: int = 1, height: int = 640):
        """The network view inline in Jupyter: the same page, as an `IPython.display.HTML`."""
        from kgbuild.render import show

        return show(self.store, max_nodes=max_nodes, focus=focus, hops=hops, height=height)

    def export(self, stem: str | os.PathLike, formats: str | Iterable[str] = "all") -> list[Path]:
        """Write the graph for other tools: `stem.graphml` and `stem.gexf` (the network, for
        Gephi and Cytoscape) and `stem.jsonld` (the RDF as JSON-LD), or those `formats` names."""
        from kgbuild.render.export import EXPORT_FORMATS, drawn_network, export_formats, write_network

        stem = Path(stem)
        names, written, network = export_formats(formats), [], None
        for name in names:
            path = stem.with_name(stem.name + EXPORT_FORMATS[name])
            if name == "jsonld":
                written.append(self.write(path))
            else:
                network = network if network is not None else drawn_network(self.store)  # read once
                written.append(write_network(network, path))
        return written

    def write(self, path: str | os.PathLike) -> Path:
        """Write the graph as RDF, in the format the file suffix names (.ttl, .nq, ...)."""
        return self.store.write(path)

    def save(self, directory: str | os.PathLike, *, max_nodes: int = 500,
             focus: str | Iterable[str] | None = None, hops: int = 1,
             export: str | Iterable[str] = ()) -> tuple[Path, ...]:
        """Write `graph.ttl` and `graph.html` into `directory`, the named graphs of the
        articles as `graph.trig` and `graph.nq` beside them, and the `export` formats
        (`graph.graphml` ...: see `export`).

        The files replace the previous ones as one set (`kgbuild.atomic.replaced_together`):
        interrupted or out of disk, the directory shows the old set whole.

        Returns:
            The paths of graph.ttl and graph.html, then those of the exports.
        """
        directory = Path(directory)
        with replaced_together(directory) as staging:
            for name in DATASET_FILES:
                self.write(staging / name)
            written = [self.write(staging / GRAPH_FILE),
                       self.to_html(staging / VIEW_FILE, max_nodes=max_nodes, focus=focus, hops=hops)]
            if export:
                written += self.export(staging / Path(GRAPH_FILE).stem, export)
        return tuple(directory / path.name for path in written)
