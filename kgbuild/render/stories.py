"""Stories: communities of the entity graph (Louvain), coloured and named.

A corpus view mixes unrelated stories (the Oscars and General Motors); entities that are
linked more among themselves than to the rest form one community, found by networkx's
Louvain method with a fixed seed (the same graph always gives the same communities).
Each is named by its most important entities and the headline most of its statements
come from, and gets a colour: the largest ones each their own, the rest one grey.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence

import networkx as nx

from kgbuild.render.layout import SEED
from kgbuild.render.view import ViewCommunity

__all__ = ["COMMUNITY_COLORS", "OTHER_COLOR", "communities", "name_communities"]

#: Colours of the largest communities (Tableau 10, then a few more, all distinct from the
#: grey of the others); communities past these share `OTHER_COLOR`.
COMMUNITY_COLORS = (
    "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1", "#76b7b2", "#edc948", "#9c755f",
    "#ff9da7", "#1f77b4", "#8cd17d", "#d4a6c8",
)
OTHER_COLOR = "#a5adb8"
#: Entities named in a community's name.
NAMED_MEMBERS = 3


def communities(graph: nx.Graph, strength: Mapping[str, float]) -> list[list[str]]:
    """The communities of a weighted graph, largest (then strongest) first; each member
    list strongest first. Deterministic: seeded, and the graph is built in sorted order."""
    if graph.number_of_nodes() == 0:
        return []
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(graph.nodes))
    ordered.add_weighted_edges_from(
        sorted((a, b, data.get("weight", 1)) for a, b, data in graph.edges(data=True))
    )
    found = nx.community.louvain_communities(ordered, weight="weight", seed=SEED)
    groups = [
        sorted(group, key=lambda node: (-strength.get(node, 0.0), node)) for group in found
    ]
    groups.sort(key=lambda group: (-len(group), -sum(strength.get(n, 0.0) for n in group), group[0]))
    return groups


def name_communities(
    groups: Sequence[Sequence[str]],
    label: Callable[[str], str],
    article_counts: Sequence[Counter[str]],
    headline: Callable[[str], str | None],
) -> list[ViewCommunity]:
    """A `ViewCommunity` per group: named by its first members, with the headline of the
    article most of its statements come from (`article_counts`, one per group), coloured
    by rank."""
    named = []
    for index, group in enumerate(groups):
        top = sorted(article_counts[index].items(), key=lambda item: (-item[1], item[0]))
        named.append(
            ViewCommunity(
                index=index,
                name=", ".join(label(member) for member in group[:NAMED_MEMBERS]),
                headline=headline(top[0][0]) if top else None,
                color=(
                    COMMUNITY_COLORS[index]
                    if index < len(COMMUNITY_COLORS) and len(group) > 1
                    else OTHER_COLOR
                ),
                size=len(group),
            )
        )
    return named
