"""A kgbuild graph as a networkx graph: the nodes and statements the view reads."""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

from kgbuild.render.rdf_reader import GraphSource, read_graph
from kgbuild.render.records import GraphContents
from kgbuild.render.style import edge_style
from kgbuild.render.view import SourceSentence

__all__ = ["contents_to_networkx", "to_networkx"]


def to_networkx(graph: GraphSource) -> nx.MultiDiGraph:
    """The graph's entities, phrases, quotations and claims linked by their statements.

    Every attribute is a string, number or boolean (lists are joined with newlines), so
    the result can be written with `networkx.write_graphml` as it is.

    Nodes (keyed by IRI) have `label`, `kind` (person, organization, place, event, entity,
    phrase, quotation, claim), `type`, `aliases`, `articles` (how many articles mention
    it) and `statements_without_object` (summaries of the node's statements that have no
    object, "talks fail").

    Edges (keyed by statement IRI) have `label` and `relation` (the relation),
    `relation_text`, `style` (asserted, reported, hedged or negated), `sentence` (the first
    source sentence), `sentences`, `headline`, `article` (its IRI), `url`, `date`,
    `asserted`, `negated`, `modality`, `attributed_to`, `reported_by`, `summary` and, when
    known, `confidence`.

    Args:
        graph: A `KnowledgeStore` or `KnowledgeGraph`, or an rdflib `Graph` or `Dataset`,
            following kgbuild's RDF contract (see `kgbuild.render.rdf_reader.read_graph`).

    Returns:
        A directed multigraph with one edge per statement that has an object.
    """
    return contents_to_networkx(read_graph(graph))


def contents_to_networkx(contents: GraphContents) -> nx.MultiDiGraph:
    """`to_networkx` for contents already read (build_view reads the graph only once)."""
    network = nx.MultiDiGraph()
    without_object: dict[str, list[str]] = defaultdict(list)
    for statement in contents.statements.values():
        if statement.object is None:
            without_object[statement.subject].append(statement.summary)
    for node in contents.nodes.values():
        network.add_node(
            node.id,
            label=node.label,
            kind=node.kind,
            type=node.type_label,
            aliases="\n".join(node.aliases),
            articles=len(node.mentioned_in),
            statements_without_object="\n".join(without_object.get(node.id, ())),
        )
    for statement in contents.statements.values():
        if statement.object is None:
            continue
        first = statement.sources[0] if statement.sources else SourceSentence("", "", "")
        attributes = {
            "label": statement.relation,
            "relation": statement.relation,
            "relation_text": statement.relation_text or "",
            "style": edge_style(
                asserted=statement.asserted, negated=statement.negated, modality=statement.modality
            ).key,
            "sentence": first.text,
            "sentences": "\n".join(source.text for source in statement.sources),
            "headline": first.headline or "",
            "article": first.article,
            "url": first.url or "",
            "date": first.date or "",
            "asserted": statement.asserted,
            "negated": statement.negated,
            "modality": statement.modality,
            "attributed_to": statement.attributed_to or "",
            "reported_by": statement.reported_by or "",
            "summary": statement.summary,
        }
        if statement.confidence is not None:
            attributes["confidence"] = statement.confidence
        network.add_edge(statement.subject, statement.object, key=statement.id, **attributes)
    return network
