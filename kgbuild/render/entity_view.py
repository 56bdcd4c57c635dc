"""GraphContents → the default `View`: named entities, the statements linking them, stories.

Which entities are drawn:
    * a whole corpus: the strongest (statements on their links, then articles) with at
      least one link to another drawn entity (`select_connected`), so no dot is drawn
      alone;
    * one article: all its entities, linked or not (the article's whole graph);
    * a focus: the entities within `hops` links of it, nearest first.
As many entities again are carried in the page without being drawn, for its search, its
"expand" and its article filter. Drawn entities are grouped into stories (Louvain
communities, `kgbuild.render.stories`), laid out as one cluster each and coloured by
story; an entity's type is its shape.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

import networkx as nx

from kgbuild.render.entities import EntityGraph, EntityLink, entity_graph, select_connected
from kgbuild.render.layout import layout
from kgbuild.render.records import GraphContents, natural_key, shorten, source_key
from kgbuild.render.relations import edge_label, relation_family
from kgbuild.render.search import find_nodes
from kgbuild.render.stories import OTHER_COLOR, communities, name_communities
from kgbuild.render.style import CAPTION_LENGTH, NODE_STYLES, edge_style, legend, node_size
from kgbuild.render.view import (
    SourceSentence,
    View,
    ViewArticle,
    ViewEdge,
    ViewNode,
    ViewStatement,
)

__all__ = ["entity_view"]

#: Room the layout leaves for each node. The page draws names at a fixed size on the
#: screen and leaves out those that would overlap, so the layout need not make room for
#: whole names: a tight drawing is fitted at a zoom where nodes are big enough to see.
NODE_ROOM = 70.0
#: Fewest entities carried in the page without being drawn (for search and expand); a
#: bigger view carries as many as it draws.
RESERVE = 100
#: Most statements the page carries for one node, and for one edge.
LISTED_PER_NODE = 40
LISTED_PER_EDGE = 30
#: Most copula details ("is: president of Ukraine") shown for one entity.
COPULA_DETAILS = 4
#: Entity nodes are drawn this much bigger than statement-graph nodes: a corpus view opens
#: zoomed out, and its story colours must still show.
ENTITY_SCALE = 1.8
#: Node border: one neutral colour, since the fill is the story's.
BORDER = "#374151"


def entity_view(
    contents: GraphContents,
    *,
    max_nodes: int = 500,
    focus: str | Iterable[str] | None = None,
    hops: int = 1,
) -> View:
    """The entity view of a graph already read (see `kgbuild.render.build_view`)."""
    graph = entity_graph(contents)
    strength = graph.strength()
    network = graph.network()

    def rank(entity: str) -> tuple:
        return (-strength[entity], graph.entities[entity].label.casefold(), entity)

    focus_ids: tuple[str, ...] = ()
    distance: dict[str, int] = {}
    article_ids = {
        source.article
        for statement in contents.statements.values()
        for source in statement.sources
        if source.article
    }
    candidates = [e for e in graph.entities if e in graph.involved or graph.articles.get(e)]
    if focus is not None:
        only_entities = GraphContents(graph.entities, contents.statements, contents.articles)
        focus_ids = find_nodes(only_entities, focus, strength)
        distance = _within(network, focus_ids, hops)
        drawn = sorted(distance, key=lambda e: (distance[e], *rank(e)))[:max_nodes]
    elif len(article_ids) <= 1:  # one article: its whole graph, lone entities too
        drawn = sorted(candidates, key=rank)[:max_nodes]
    else:
        drawn = select_connected(graph, max_nodes, strength)
    drawn_set = set(drawn)
    reserve = [e for e in sorted(candidates, key=rank) if e not in drawn_set][: max(max_nodes, RESERVE)]
    carried = drawn + reserve
    carried_set = set(carried)
    links = [
        link for key, link in sorted(graph.links.items())
        if key[0] in carried_set and key[1] in carried_set
    ]
    drawn_links = [link for link in links if link.source in drawn_set and link.target in drawn_set]

    groups = communities(graph.network(drawn), strength)
    community_of = {node: index for index, group in enumerate(groups) for node in group}
    positions = layout(
        drawn,
        [(link.source, link.target) for link in drawn_links],
        widths=dict.fromkeys(drawn, NODE_ROOM),
        groups=groups,
    )
    _place_reserve(reserve, links, positions, community_of, strength)

    article_counts: list[Counter[str]] = [Counter() for _ in groups]
    for link in drawn_links:
        index = community_of.get(link.source)
        if index is not None and community_of.get(link.target) == index:
            for statement_id in link.statement_ids:
                article_counts[index].update(
                    {s.article for s in contents.statements[statement_id].sources if s.article}
                )
    headlines = _headlines(contents)
    named = name_communities(
        groups, lambda e: graph.entities[e].label, article_counts, headlines.get
    )

    edges = tuple(_edge(link, contents.statements, drawn_set) for link in links)
    linked_statements: dict[str, list[str]] = defaultdict(list)
    for edge in edges:
        for end in (edge.source, edge.target):
            linked_statements[end].extend(edge.statement_ids)
    weighted_degree: Counter[str] = Counter()
    for link in graph.links.values():
        weighted_degree[link.source] += link.weight
        weighted_degree[link.target] += link.weight
    nodes = tuple(
        _node(
            graph, entity, contents, positions[entity],
            community=community_of.get(entity, -1),
            color=named[community_of[entity]].color if entity in community_of else OTHER_COLOR,
            degree=weighted_degree[entity],
            importance=strength[entity],
            linked=linked_statements.get(entity, []),
            drawn=entity in drawn_set,
            hops=distance.get(entity) if focus_ids else None,
        )
        for entity in carried
    )
    shown_ids = {i for node in nodes for i in node.statement_ids}
    shown_ids |= {i for edge in edges for i in edge.statement_ids}
    statements = tuple(contents.statements[i] for i in sorted(shown_ids, key=natural_key))
    article_list = _articles(statements, nodes, contents)
    linked_entities = {e for key in graph.links for e in key}
    return View(
        nodes=nodes,
        edges=edges,
        statements=statements,
        legend=legend(tuple(n for n in nodes if n.drawn), tuple(e for e in edges if e.drawn), node_color="#6b7280"),
        total_nodes=len(graph.entities),
        omitted_nodes=max(0, len(linked_entities | drawn_set) - len(drawn)),
        omitted_edges=len(graph.links) - len(drawn_links),
        articles=contents.articles,
        focus=focus_ids,
        hops=hops if focus_ids else None,
        focus_name=_focus_name(focus) if focus_ids else None,
        article_list=article_list,
        entity_view=True,
        communities=tuple(named),
        heading=_heading(article_list, contents.articles),
    )


def _focus_name(focus: str | Iterable[str] | None) -> str:
    if focus is None or isinstance(focus, str):
        return focus or ""
    return ", ".join(focus)


def _within(network: nx.Graph, sources: Iterable[str], hops: int) -> dict[str, int]:
    """Entity → number of links between it and the nearest source, up to `hops`."""
    distance = dict.fromkeys(sources, 0)
    frontier = list(distance)
    for step in range(1, hops + 1):
        reached = []
        for node in frontier:
            for neighbour in sorted(network.neighbors(node)) if node in network else ():
                if neighbour not in distance:
                    distance[neighbour] = step
                    reached.append(neighbour)
        frontier = reached
    return distance


def _place_reserve(
    reserve: list[str],
    links: list[EntityLink],
    positions: dict[str, tuple[float, float]],
    community_of: dict[str, int],
    strength: Mapping[str, float],
) -> None:
    """Put each hidden entity beside its strongest drawn neighbour (where "expand" shows
    it), in its story; one with no drawn neighbour goes below the drawing."""
    best: dict[str, tuple[int, str]] = {}
    for link in links:
        for node, other in ((link.source, link.target), (link.target, link.source)):
            if other in positions and node not in positions:
                if node not in best or (link.weight, other) > best[node]:
                    best[node] = (link.weight, other)
    bottom = max((y for _, y in positions.values()), default=0.0) + 200.0
    placed_around: Counter[str] = Counter()
    for index, node in enumerate(reserve):
        if node in best:
            anchor = best[node][1]
            ring = placed_around[anchor]
            placed_around[anchor] += 1
            ax, ay = positions[anchor]
            angle = 2.399963 * ring  # golden angle: neighbours spread evenly around
            radius = 90.0 + 12.0 * ring
            positions[node] = (
                round(ax + radius * math.cos(angle), 1), round(ay + radius * math.sin(angle), 1)
            )
            if anchor in community_of:
                community_of[node] = community_of[anchor]
        else:
            positions[node] = (float((index % 20) * 90 - 900), bottom + (index // 20) * 60.0)


def _representative(statements: list[ViewStatement]) -> ViewStatement:
    """The statement an edge is labelled with: the most confident, then the first."""
    return max(
        enumerate(statements),
        key=lambda pair: (pair[1].confidence or 0.0, -pair[0]),
    )[1]


def _edge(
    link: EntityLink, statements: Mapping[str, ViewStatement], drawn: set[str]
) -> ViewEdge:
    behind = [statements[i] for i in link.statement_ids]
    statement = _representative(behind)
    style = edge_style(
        asserted=statement.asserted, negated=statement.negated, modality=statement.modality
    )
    label = edge_label(
        statement.relation, statement.relation_text,
        negated=statement.negated, modality=statement.modality,
    )
    if len(behind) > 1:
        label += f" (+{len(behind) - 1})"
    listed = [statement.id] + [s.id for s in behind if s.id != statement.id]
    return ViewEdge(
        id=f"{link.source} {link.target}",  # a space: never inside an IRI
        source=link.source,
        target=link.target,
        label=label,
        dashed=style.dashed,
        color=style.color,
        curve=0.0,
        statement=statement,
        style=style.key,
        statement_ids=tuple(listed[:LISTED_PER_EDGE]),
        family=relation_family(statement.relation),
        drawn=link.source in drawn and link.target in drawn,
    )


def _node(
    graph: EntityGraph,
    entity: str,
    contents: GraphContents,
    position: tuple[float, float],
    *,
    community: int,
    color: str,
    degree: int,
    importance: float,
    linked: list[str],
    drawn: bool,
    hops: int | None,
) -> ViewNode:
    record = graph.entities[entity]
    involved = graph.involved.get(entity, [])
    first = dict.fromkeys(linked)
    ordered = [i for i in involved if i in first] + [i for i in involved if i not in first]
    listed = ordered[:LISTED_PER_NODE]
    listed_set = set(listed)
    unlisted: set[tuple[str, str]] = set()
    for statement_id in involved:
        if statement_id not in listed_set:
            statement = contents.statements[statement_id]
            unlisted.update((statement.relation, s.article) for s in statement.sources)
    sources: dict[SourceSentence, None] = {}
    for statement_id in listed:
        sources.update(dict.fromkeys(contents.statements[statement_id].sources))
    style = NODE_STYLES[record.kind]
    articles = len(graph.articles.get(entity, ()))
    copulas = tuple(graph.copulas.get(entity, ())[:COPULA_DETAILS])
    return ViewNode(
        id=entity,
        label=record.label,
        caption=shorten(record.label, CAPTION_LENGTH),
        kind=record.kind,
        type_label=record.type_label,
        aliases=record.aliases,
        details=record.details + tuple(d for d in copulas if d not in record.details),
        degree=degree,
        size=round(ENTITY_SCALE * node_size(record.kind, degree), 1),
        x=position[0],
        y=position[1],
        color=color,
        border=BORDER,
        shape=style.shape,
        statement_ids=tuple(sorted(listed, key=natural_key)),
        sources=tuple(sorted(sources, key=source_key)),
        statement_count=len(involved),
        unlisted=tuple(sorted(unlisted, key=lambda pair: (pair[0], natural_key(pair[1])))),
        mentions=articles,
        mention_size=round(ENTITY_SCALE * node_size(record.kind, articles), 1),
        hops=hops,
        community=community,
        importance=round(importance, 2),
        drawn=drawn,
    )


def _headlines(contents: GraphContents) -> dict[str, str]:
    return {
        source.article: source.headline
        for statement in contents.statements.values()
        for source in statement.sources
        if source.article and source.headline
    }


def _articles(
    statements: tuple[ViewStatement, ...], nodes: tuple[ViewNode, ...], contents: GraphContents
) -> tuple[ViewArticle, ...]:
    """Every article of the graph that the page's statements or filters refer to."""
    known: dict[str, SourceSentence] = {}
    for statement in contents.statements.values():
        for source in statement.sources:
            if source.article and source.article not in known:
                known[source.article] = source
    wanted = {source.article for s in statements for source in s.sources}
    wanted |= {article for node in nodes for _, article in node.unlisted}
    return tuple(
        ViewArticle(article, source.headline, source.url, source.date, source.source)
        for article, source in sorted(known.items(), key=lambda item: natural_key(item[0]))
        if article in wanted
    )


def _heading(articles: tuple[ViewArticle, ...], article_count: int) -> str:
    """The article's headline, or "150 articles · BBC News · 2004-12-01 to 2005-03-02"."""
    if len(articles) == 1 and article_count <= 1 and articles[0].headline:
        return articles[0].headline
    count = max(article_count, len(articles))
    parts = [f"{count:,} article{'' if count == 1 else 's'}"]
    sources = Counter(a.source for a in articles if a.source)
    if sources:
        names = [name for name, _ in sorted(sources.items(), key=lambda i: (-i[1], i[0]))]
        parts.append(", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else ""))
    days = sorted(a.date[:10] for a in articles if a.date)
    if days:
        parts.append(days[0] if days[0] == days[-1] else f"{days[0]} to {days[-1]}")
    return " · ".join(parts)


