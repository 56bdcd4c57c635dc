"""The network for other tools: GraphML and GEXF files (Gephi, Cytoscape, yEd), via networkx.

Both hold the whole graph, not only what a view draws: one node per entity, phrase,
quotation and reported claim, one edge per statement with its relation, flags and source
sentence (see `to_networkx` for the attributes). JSON-LD of the RDF itself is written by
`KnowledgeGraph.export`, which holds the store.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import networkx as nx

from kgbuild.atomic import replaced_atomically
from kgbuild.errors import InputError
from kgbuild.render.networkx_graph import to_networkx
from kgbuild.render.rdf_reader import GraphSource

__all__ = ["EXPORT_FORMATS", "NETWORK_FORMATS", "export_formats", "write_network"]

#: Network formats written by networkx, and the suffix of their files.
NETWORK_FORMATS = {"graphml": ".graphml", "gexf": ".gexf"}
#: Everything `kgbuild ... --export` can write, and the suffix of each file.
EXPORT_FORMATS = {**NETWORK_FORMATS, "jsonld": ".jsonld"}


def export_formats(names: str | Iterable[str]) -> tuple[str, ...]:
    """The export formats a user asked for, checked, in a fixed order, once each.

    Args:
        names: "graphml,gexf", "all", or a list of names (any case, "json-ld" too).

    Raises:
        InputError: A name is not one of the formats.

    >>> export_formats("GEXF, graphml"), export_formats("all")
    (('graphml', 'gexf'), ('graphml', 'gexf', 'jsonld'))
    """
    if isinstance(names, str):
        names = names.split(",")
    wanted = set()
    for name in names:
        key = name.strip().lower().replace("-", "").replace("_", "")
        if key == "all":
            wanted.update(EXPORT_FORMATS)
        elif key in EXPORT_FORMATS:
            wanted.add(key)
        elif key:
            raise InputError(
                f"Unknown export format {name.strip()!r}. Use one or more of: "
                f"{', '.join(EXPORT_FORMATS)} (comma-separated), or all."
            )
    return tuple(name for name in EXPORT_FORMATS if name in wanted)


def write_network(
    graph: GraphSource | nx.MultiDiGraph, path: str | os.PathLike[str], *, format: str | None = None
) -> Path:
    """Write the graph's network as GraphML or GEXF, atomically.

    Args:
        graph: A `KnowledgeGraph`, `KnowledgeStore` or rdflib graph (kgbuild's RDF contract), or its
            network from `to_networkx` (to write several formats from one reading).
        path: The file to write (its folder must exist).
        format: "graphml" or "gexf"; by default the one `path`'s suffix names.

    Returns:
        The path written.

    Raises:
        InputError: The format is not GraphML or GEXF.
        KgbuildError: The file cannot be written.
    """
    path = Path(path)
    format = (format or path.suffix.lstrip(".")).lower()
    if format not in NETWORK_FORMATS:
        raise InputError(
            f"Cannot write a network as {format!r}. Use one of: {', '.join(NETWORK_FORMATS)} "
            "(or a path ending in .graphml or .gexf)."
        )
    network = graph if isinstance(graph, nx.Graph) else to_networkx(graph)
    writer = nx.write_graphml if format == "graphml" else nx.write_gexf
    with replaced_atomically(path) as output:
        writer(network, output)
    return path
