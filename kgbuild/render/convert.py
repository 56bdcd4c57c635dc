"""RDF graph → `View`: the pure first step of rendering (the second is `kgbuild.render.page`)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

import networkx as nx

from kgbuild.errors import InputError
from kgbuild.render.entity_view import entity_view
from kgbuild.render.layout import layout
from kgbuild.render.search import find_nodes, fold
from kgbuild.render.networkx_graph import contents_to_networkx
from kgbuild.render.rdf_reader import GraphSource, read_graph, without_collector_pauses
from kgbuild.render.records import GraphContents, NodeRecord, natural_key, shorten, source_key
from kgbuild.render.style import (
    legend,
    CAPTION_LENGTH,
    CLAIM_CAPTION_LENGTH,
    NODE_STYLES,
    caption_width,
    edge_style,
    node_size,
)
from kgbuild.render.view import (
    SourceSentence,
    View,
    ViewArticle,
    ViewEdge,
    ViewNode,
    ViewStatement,
)

__all__ = ["build_view", "find_nodes", "fold", "view_from_contents"]  # find_nodes, fold: from search

#: How far apart (vis-network `roundness`) parallel edges between two nodes bend.
CURVE_STEP = 0.22
#: Most statements listed for one node besides those drawn as its edges. A hub of a corpus
#: has thousands; the page says how many more the graph holds instead of carrying them.
LISTED_STATEMENTS = 20


def build_view(
    graph: GraphSource,
    *,
    max_nodes: int = 500,
    focus: str | Iterable[str] | None = None,
    hops: int = 1,
    statements: bool = False,
) -> View:
    """What the network page shows for a kgbuild graph: nodes, edges, legend, positions.

    By default the nodes are the named entities and each edge stands for the statements
    linking two of them (see `kgbuild.render.entities`); the strongest entities are kept,
    each with at least one drawn edge, grouped into stories (communities). With
    `statements`, every noun phrase, quotation and reported claim is a node too and each
    statement its own edge.

    Pure and deterministic: the same graph gives an equal `View`, positions included.
    When more than `max_nodes` nodes qualify, the most connected ones are kept (then those
    mentioned in most articles, ties broken by name) and the view records how many were
    left out. With a `focus`, only the nodes at most `hops` statements away from it
    qualify (its ego network), nearest first.

    Args:
        graph: A `KnowledgeGraph` or `KnowledgeStore` (read with SPARQL), or an rdflib
            `Graph` or `Dataset`, following kgbuild's RDF contract.
        max_nodes: Most nodes to show; a page of 5,000 nodes still opens in a few seconds.
        focus: A node to centre the view on: its name or one of its other names (any
            case, as the page's search finds it), or its IRI; or several of these.
        hops: How many statements away from the focus to reach (0: the focus alone).
        statements: Draw the full statement graph instead of the entity graph.

    Returns:
        The view model, ready for `to_html`.

    Raises:
        InputError: `max_nodes` or `hops` is out of range, or no node has the focus's name.
        TypeError: `graph` is not an rdflib graph.
    """
    _check_options(max_nodes, hops)  # before reading: a corpus takes a minute to read
    return view_from_contents(
        read_graph(graph), max_nodes=max_nodes, focus=focus, hops=hops, statements=statements
    )


def _check_options(max_nodes: int, hops: int) -> None:
    if isinstance(max_nodes, bool) or not isinstance(max_nodes, int) or max_nodes < 1:
        raise InputError(
            f"max_nodes must be a positive integer, got {max_nodes!r}. "
            "Pass max_nodes=500 (the default) or any number from 1 up."
        )
    if isinstance(hops, bool) or not isinstance(hops, int) or hops < 0:
        raise InputError(
            f"hops must be a whole number from 0 up, got {hops!r}. "
            "Pass hops=1 (the focus and its neighbours) or more to reach further."
        )


def view_from_contents(
    contents: GraphContents,
    *,
    max_nodes: int = 500,
    focus: str | Iterable[str] | None = None,
    hops: int = 1,
    statements: bool = False,
) -> View:
    """`build_view` for a graph already read with `read_graph` (to draw it several ways)."""
    _check_options(max_nodes, hops)
    if not statements:
        with without_collector_pauses():  # the folding makes many small objects too
            return entity_view(contents, max_nodes=max_nodes, focus=focus, hops=hops)
    # degree as networkx counts it (a statement with an object adds one to each end, a
    # self-loop two), without building the networkx graph of the whole corpus
    counted: Counter[str] = Counter()
    for statement in contents.statements.values():
        if statement.object is not None:
            counted[statement.subject] += 1
            counted[statement.object] += 1
    degree = {node_id: counted.get(node_id, 0) for node_id in contents.nodes}
    about = _statements_about(contents)
    mentions = _mentions(contents, about)

    focus_ids: tuple[str, ...] = ()
    distance: dict[str, int] = {}
    if focus is not None:
        focus_ids = find_nodes(contents, focus, degree)
        distance = _within(contents_to_networkx(contents), contents, focus_ids, hops)
    candidates = [contents.nodes[i] for i in distance] if focus_ids else contents.nodes.values()
    ranked = sorted(
        candidates,
        key=lambda node: (
            distance.get(node.id, 0),
            -degree[node.id],
            -mentions[node.id],
            node.label.casefold(),
            node.id,
        ),
    )
    kept = ranked[:max_nodes]
    kept_ids = {node.id for node in kept}
    scope_ids = {node.id for node in ranked}
    with_object = [
        s for s in contents.statements.values()
        if s.object is not None and s.subject in scope_ids and s.object in scope_ids
    ]
    drawn = [s for s in with_object if s.subject in kept_ids and s.object in kept_ids]
    captions = {node.id: _caption(node) for node in kept}
    positions = layout(
        list(captions),
        [(s.subject, s.object) for s in drawn],
        widths={node_id: caption_width(caption) for node_id, caption in captions.items()},
    )

    drawn_ids = {statement.id for statement in drawn}
    nodes = tuple(
        _view_node(node, captions[node.id], degree[node.id], positions[node.id], contents,
                   statement_ids=list(about[node.id]), drawn_ids=drawn_ids,
                   mentions=mentions[node.id], hops=distance.get(node.id) if focus_ids else None)
        for node in kept
    )
    edges = tuple(_view_edges(drawn))
    shown_ids = {statement_id for node in nodes for statement_id in node.statement_ids}
    statements = tuple(
        contents.statements[statement_id] for statement_id in sorted(shown_ids, key=natural_key)
    )
    known = {source.article: source for s in statements for source in s.sources}
    for node in nodes:
        for _, article in node.unlisted:
            known.setdefault(article, None)
    article_sources = {
        source.article: source
        for statement in contents.statements.values()
        for source in statement.sources
        if source.article in known and known[source.article] is None
    }
    known.update(article_sources)
    return View(
        nodes=nodes,
        edges=edges,
        statements=statements,
        legend=legend(nodes, edges),
        total_nodes=len(contents.nodes),
        omitted_nodes=len(ranked) - len(nodes),
        omitted_edges=len(with_object) - len(drawn),
        articles=contents.articles,
        focus=focus_ids,
        hops=hops if focus_ids else None,
        focus_name=(focus if isinstance(focus, str) else ", ".join(focus)) if focus_ids else None,
        article_list=tuple(
            ViewArticle(article, source.headline, source.url, source.date, source.source)
            for article, source in sorted(known.items(), key=lambda item: natural_key(item[0]))
            if article and source is not None
        ),
    )


def _within(
    network: nx.MultiDiGraph, contents: GraphContents, sources: Iterable[str], hops: int
) -> dict[str, int]:
    """Node id → number of statements between it and the nearest source, up to `hops`
    (statements followed either way: who said it and what was said are both near; a
    reported claim is next to its own subject and object)."""
    inside: dict[str, list[str]] = defaultdict(list)  # a claim and its subject and object
    for node in contents.nodes.values():
        claim = contents.statements.get(node.id) if node.kind == "claim" else None
        for end in (claim.subject, claim.object) if claim else ():
            if end is not None:
                inside[node.id].append(end)
                inside[end].append(node.id)
    distance = dict.fromkeys(sources, 0)
    frontier = list(distance)
    for step in range(1, hops + 1):
        reached = []
        for node in frontier:
            near = (*network.successors(node), *network.predecessors(node), *inside.get(node, ()))
            for neighbour in near:
                if neighbour not in distance:
                    distance[neighbour] = step
                    reached.append(neighbour)
        frontier = reached
    return distance


def _mentions(
    contents: GraphContents, about: Mapping[str, Iterable[str]]
) -> dict[str, int]:
    """Node id → how many articles mention it or hold one of its statements."""
    mentions = {}
    for node_id, node in contents.nodes.items():
        articles = set(node.mentioned_in)
        for statement_id in about.get(node_id, ()):
            articles.update(s.article for s in contents.statements[statement_id].sources)
        articles.discard("")
        mentions[node_id] = len(articles)
    return mentions


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
    drawn_ids: set[str],
    mentions: int,
    hops: int | None,
) -> ViewNode:
    style = NODE_STYLES[node.kind]
    listed = _listed(statement_ids, drawn_ids, first=node.kind == "claim")
    unlisted = set()
    for statement_id in statement_ids:
        if statement_id not in listed:
            statement = contents.statements[statement_id]
            unlisted.update((statement.relation, s.article) for s in statement.sources)
            if not statement.sources:
                unlisted.add((statement.relation, ""))
    sources: dict[SourceSentence, None] = {}
    for statement_id in listed:
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
        statement_ids=tuple(listed),
        sources=tuple(sorted(sources, key=source_key)),
        statement_count=len(statement_ids),
        unlisted=tuple(sorted(unlisted, key=lambda pair: (pair[0], natural_key(pair[1])))),
        mentions=mentions,
        mention_size=node_size(node.kind, mentions),
        hops=hops,
    )


def _listed(statement_ids: list[str], drawn_ids: set[str], *, first: bool) -> list[str]:
    """The statements the page lists for a node, in order: all drawn as its edges, then
    others up to `LISTED_STATEMENTS` (with `first`, the first one always: a claim's own)."""
    drawn = [i for i in statement_ids if i in drawn_ids]
    others = [i for i in statement_ids if i not in drawn_ids]
    chosen = set(drawn) | set(others[: max(0, LISTED_STATEMENTS - len(drawn))])
    if first and statement_ids:
        chosen.add(statement_ids[0])
    return [i for i in statement_ids if i in chosen]


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
        style = edge_style(
            asserted=statement.asserted, negated=statement.negated, modality=statement.modality
        )
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
                style=style.key,
            )
        )
    return edges


