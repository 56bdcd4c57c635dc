"""`KnowledgeGraph`: what `kgbuild.build` returns, and what a saved graph loads back as."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Mapping

from rdflib import Dataset
from rdflib.term import Node

from kgbuild.errors import GraphError
from kgbuild.graph import DEFAULT_BASE, KnowledgeStore
from kgbuild.query import QueryResult, run_query

if TYPE_CHECKING:
    import networkx

GRAPH_FILE = "graph.ttl"
VIEW_FILE = "graph.html"


@dataclass
class BuildSummary:
    """What went into a graph: counts and the time it took."""

    articles: int = 0
    sentences: int = 0
    statements: int = 0
    entities: int = 0
    seconds: float = 0.0

    def __str__(self) -> str:
        return (f"{self.articles} articles, {self.sentences} sentences, {self.statements} statements, "
                f"{self.entities} entities in {self.seconds:.1f} s")


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
            if path.is_dir():
                path = path / GRAPH_FILE
            if not path.exists():
                raise GraphError(f"{path}: no such file. Give an RDF file or the output directory of `kgbuild build`.")
            store.load(path)
        return cls(store)

    @property
    def dataset(self) -> Dataset:
        """The graph as an rdflib `Dataset` (same data; SPARQL runs in Oxigraph)."""
        if self._dataset is None:
            self._dataset = self.store.dataset()
        return self._dataset

    def __len__(self) -> int:
        return len(self.store)

    def query(self, sparql: str, *, bindings: Mapping[str, Node | str] | None = None) -> QueryResult:
        """Run a SPARQL query; `bindings` give values to variables (never pasted as text).

        kgbuild's prefixes (kg:, rel:, schema:, prov:, nif:, skos:, rdf:, rdfs:, xsd:) are
        predeclared.
        """
        return run_query(self.store, sparql, bindings=bindings)

    def to_networkx(self) -> "networkx.MultiDiGraph":
        """Entities and phrases as nodes, one edge per statement."""
        from kgbuild.render import to_networkx

        return to_networkx(self.dataset)

    def to_html(self, path: str | os.PathLike, *, max_nodes: int = 500) -> Path:
        """Write the interactive network view: one HTML file that works offline."""
        from kgbuild.render import write_html

        return write_html(self.dataset, Path(path), max_nodes=max_nodes)

    def write(self, path: str | os.PathLike) -> Path:
        """Write the graph as RDF, in the format the file suffix names (.ttl, .nq, ...)."""
        return self.store.write(path)

    def save(self, directory: str | os.PathLike, *, max_nodes: int = 500) -> tuple[Path, Path]:
        """Write `graph.ttl` and `graph.html` into `directory`."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        return self.write(directory / GRAPH_FILE), self.to_html(directory / VIEW_FILE, max_nodes=max_nodes)
