"""The network for other tools: GraphML and GEXF files (Gephi, Cytoscape, yEd), via networkx.

Both hold the whole graph, not only what a view draws: one node per entity, phrase,
quotation and reported claim, one edge per statement with its relation, flags and source
sentence (see `to_networkx` for the attributes). With `drawn_network` they also carry the
picture of the page's default view, so Gephi opens on the same drawing: each node's
position, colour (its story's) and size as networkx `viz` attributes, which GEXF writes as
`<viz:position>`, `<viz:color>` and `<viz:size>`, and GraphML as the `x`, `y`, `size`, `r`, `g`,
`b` attributes that Gephi and yEd read. JSON-LD of the RDF itself is written by
`KnowledgeGraph.export`, which holds the store.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import networkx as nx

from kgbuild.atomic import replaced_atomically
from kgbuild.errors import InputError
from kgbuild.render.convert import view_from_contents
from kgbuild.render.networkx_graph import contents_to_networkx
from kgbuild.render.rdf_reader import GraphSource, read_graph
from kgbuild.render.style import NODE_STYLES
from kgbuild.render.view import View

__all__ = [
    "EXPORT_FORMATS", "NETWORK_FORMATS", "add_view_layout", "drawn_network", "export_formats",
    "write_network",
]

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


def drawn_network(graph: GraphSource, *, max_nodes: int = 500) -> nx.MultiDiGraph:
    """`to_networkx`, with the position, colour and size of each node in the page's default
    view (`build_view(graph, max_nodes=max_nodes)`) as its `viz` attribute."""
    contents = read_graph(graph)
    network = contents_to_networkx(contents)
    add_view_layout(network, view_from_contents(contents, max_nodes=max_nodes))
    return network


def add_view_layout(network: nx.MultiDiGraph, view: View) -> None:
    """Give each node of `network` a networkx `viz` attribute from `view`, in place.

    A node the view lays out gets its position (y upwards, as Gephi draws it), colour and
    size. Every other node (a phrase or a claim of the statement graph, an entity the
    view leaves out) gets its kind's colour and, when some of its neighbours are laid out,
    their mean position, so it starts beside them; with none it has no position.
    """
    positions: dict[str, tuple[float, float]] = {}
    for node in view.nodes:
        if node.id in network:
            positions[node.id] = (node.x, -node.y)
            network.nodes[node.id]["viz"] = {
                "position": {"x": node.x, "y": -node.y, "z": 0.0},
                "color": _rgba(node.color),
                "size": node.size,
            }
    for node_id, attributes in network.nodes(data=True):
        if node_id in positions:
            continue
        style = NODE_STYLES.get(attributes.get("kind", ""), NODE_STYLES["entity"])
        viz: dict[str, object] = {"color": _rgba(style.color)}
        near = [positions[n] for n in (*network.successors(node_id), *network.predecessors(node_id))
                if n in positions]
        if near:
            x = round(sum(p[0] for p in near) / len(near), 1)
            y = round(sum(p[1] for p in near) / len(near), 1)
            viz["position"] = {"x": x, "y": y, "z": 0.0}
        attributes["viz"] = viz


def _rgba(color: str) -> dict[str, float]:
    """#rrggbb → the r, g, b (0–255) and a (0–1) of a GEXF colour."""
    red, green, blue = (int(color.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return {"r": red, "g": green, "b": blue, "a": 1.0}


def _flat_viz(network: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose `viz` dicts are GraphML's flat x, y, size, r, g, b attributes."""
    flat = network.copy()
    for _, attributes in flat.nodes(data=True):
        viz = attributes.pop("viz", None)
        if not viz:
            continue
        if "position" in viz:
            attributes["x"], attributes["y"] = viz["position"]["x"], viz["position"]["y"]
        if "size" in viz:
            attributes["size"] = viz["size"]
        for channel in ("r", "g", "b"):
            attributes[channel] = viz["color"][channel]
    return flat


def write_network(
    graph: GraphSource | nx.MultiDiGraph, path: str | os.PathLike[str], *, format: str | None = None
) -> Path:
    """Write the graph's network as GraphML or GEXF, atomically.

    Args:
        graph: A `KnowledgeGraph`, `KnowledgeStore` or rdflib graph (kgbuild's RDF contract),
            drawn as the default view draws it (`drawn_network`); or a network from
            `drawn_network` or `to_networkx` (to write several formats from one reading).
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
    network = graph if isinstance(graph, nx.Graph) else drawn_network(graph)
    with replaced_atomically(path) as output:
        if format == "graphml":
            nx.write_graphml(_flat_viz(network), output)
        else:
            nx.write_gexf(network, output)
    return path
