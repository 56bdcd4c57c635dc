"""RDF graph → `View`: the pure first step of rendering (the second is `kgbuild.render.page`)."""

from __future__ import annotations

from collections import Counter, defaultdict

from rdflib import Graph

from kgbuild.errors import InputError
from kgbuild.render.layout import layout
from kgbuild.render.network import (
    GraphContents,
    NodeRecord,
    contents_to_networkx,
    natural_key,
    read_graph,
    shorten,
    source_key,
)
from kgbuild.render.style import (
    CAPTION_LENGTH,
    CLAIM_CAPTION_LENGTH,
    EDGE_STYLES,
    NODE_STYLES,
    caption_width,
    edge_style,
    node_size,
)
from kgbuild.render.view import LegendEntry, SourceSentence, View, ViewEdge, ViewNode, ViewStatement

__all__ = ["build_view"]

#: How far apart (vis-network `roundness`) parallel edges between two nodes bend.
CURVE_STEP = 0.22


def build_view(graph: Graph, *, max_nodes: int = 500) -> View:
    """What the network page shows for a kgbuild graph: nodes, edges, legend, positions.

    Pure and deterministic: the same graph gives an equal `View`, positions included.
    When the graph has more than `max_nodes` nodes, the most connected ones are kept
    (ties broken by name) and the view records how many were left out.

    Args:
        graph: An rdflib `Graph` or `Dataset` following kgbuild's RDF contract.
        max_nodes: Most nodes to show; the page stays responsive up to about a thousand.

    Returns:
        The view model, ready for `to_html`.

    Raises:
        InputError: `max_nodes` is not a positive integer.
        TypeError: `graph` is not an rdflib graph.
    """
    if isinstance(max_nodes, bool) or not isinstance(max_nodes, int) or max_nodes < 1:
        raise InputError(
            f"max_nodes must be a positive integer, got {max_nodes!r}. "
            "Pass max_nodes=500 (the default) or any number from 1 up."
        )
    contents = read_graph(graph)
    degree = dict(contents_to_networkx(contents).degree())
    ranked = sorted(
        contents.nodes.values(), key=lambda node: (-degree[node.id], node.label.casefold(), node.id)
    )
    kept = ranked[:max_nodes]
    kept_ids = {node.id for node in kept}
    with_object = [s for s in contents.statements.values() if s.object is not None]
    drawn = [s for s in with_object if s.subject in kept_ids and s.object in kept_ids]
    captions = {node.id: _caption(node) for node in kept}
    positions = layout(
        list(captions),
        [(s.subject, s.object) for s in drawn],
        widths={node_id: caption_width(caption) for node_id, caption in captions.items()},
    )

    about = _statements_about(contents)
    nodes = tuple(
        _view_node(node, captions[node.id], degree[node.id], positions[node.id], contents,
                   statement_ids=list(about[node.id]))
        for node in kept
    )
    edges = tuple(_view_edges(drawn))
    shown_ids = {statement_id for node in nodes for statement_id in node.statement_ids}
    statements = tuple(
        contents.statements[statement_id] for statement_id in sorted(shown_ids, key=natural_key)
    )
    return View(
        nodes=nodes,
        edges=edges,
        statements=statements,
        legend=_legend(nodes, edges),
        total_nodes=len(contents.nodes),
        omitted_nodes=len(contents.nodes) - len(nodes),
        omitted_edges=len(with_object) - len(drawn),
        articles=contents.articles,
    )


def _statements_about(contents: GraphContents) -> dict[str, dict[str, None]]:
    """Node id → ids of the statements it is subject or object of, in order, without
    repeats (an ordered set); a claim's own statement comes first."""
    about: dict[str, dict[str, None]] = defaultdict(dict)
    for node_id, node in contents.nodes.items():
        if node.kind == "claim":
            about[node_id][node_id] = None
    for statement in contents.statements.values():
        about[statement.subject][statement.id] = None
        if statement.object is not None:
            about[statement.object][statement.id] = None
    return about


def _caption(node: NodeRecord) -> str:
    return shorten(node.label, CLAIM_CAPTION_LENGTH if node.kind == "claim" else CAPTION_LENGTH)


def _view_node(
    node: NodeRecord,
    caption: str,
    degree: int,
    position: tuple[float, float],
    contents: GraphContents,
    *,
    statement_ids: list[str],
) -> ViewNode:
    style = NODE_STYLES[node.kind]
    sources: dict[SourceSentence, None] = {}
    for statement_id in statement_ids:
        sources.update(dict.fromkeys(contents.statements[statement_id].sources))
    return ViewNode(
        id=node.id,
        label=node.label,
        caption=caption,
        kind=node.kind,
        type_label=node.type_label,
        aliases=node.aliases,
        details=node.details,
        degree=degree,
        size=node_size(node.kind, degree),
        x=position[0],
        y=position[1],
        color=style.color,
        border=style.border,
        shape=style.shape,
        statement_ids=tuple(statement_ids),
        sources=tuple(sorted(sources, key=source_key)),
    )


def _view_edges(drawn: list[ViewStatement]) -> list[ViewEdge]:
    """One edge per statement; parallel edges between two nodes bend apart."""
    pairs: dict[tuple[str, str], list[ViewStatement]] = defaultdict(list)
    for statement in drawn:
        pairs[tuple(sorted((statement.subject, statement.object)))].append(statement)
    curves: dict[str, float] = {}
    for (first, _), group in pairs.items():
        if len(group) == 1 or group[0].subject == group[0].object:
            curves.update((statement.id, 0.0) for statement in group)
            continue
        for index, statement in enumerate(group):
            # 1st: +1 step, 2nd: -1, 3rd: +2 ... in the frame of the pair's first node; an
            # edge drawn the other way bends the other way in its own frame.
            offset = CURVE_STEP * (index // 2 + 1) * (1 if index % 2 == 0 else -1)
            curves[statement.id] = round(offset if statement.subject == first else -offset, 3)
    edges = []
    for statement in drawn:
        style = edge_style(asserted=statement.asserted, negated=statement.negated)
        edges.append(
            ViewEdge(
                id=statement.id,
                source=statement.subject,
                target=statement.object,
                label=statement.relation,
                dashed=style.dashed,
                color=style.color,
                curve=curves[statement.id],
                statement=statement,
            )
        )
    return edges


def _legend(nodes: tuple[ViewNode, ...], edges: tuple[ViewEdge, ...]) -> tuple[LegendEntry, ...]:
    kinds = Counter(node.kind for node in nodes)
    styles = Counter(edge_style(asserted=e.asserted, negated=e.negated).key for e in edges)
    legend = [
        LegendEntry(style.kind, style.label, style.color, style.shape, kinds[style.kind])
        for style in NODE_STYLES.values()
        if kinds[style.kind]
    ]
    legend += [
        LegendEntry(style.key, style.label, style.color, "dashed" if style.dashed else "line",
                    styles[style.key])
        for style in EDGE_STYLES
        if styles[style.key]
    ]
    return tuple(legend)
