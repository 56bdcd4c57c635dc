"""Colours, shapes and sizes of the network view: one table per kind of thing drawn.

Colours follow the Tableau 10 palette (distinct for most colour-blind readers) and every
node type also has its own shape, so the legend still reads in greyscale.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from kgbuild.graph.vocab import KG, SDO
from kgbuild.render.view import LegendEntry, ViewEdge, ViewNode


@dataclass(frozen=True)
class NodeStyle:
    """How one kind of node is drawn and named in the legend."""

    kind: str
    label: str
    color: str
    border: str
    shape: str


#: Node kinds in legend order.
NODE_STYLES: dict[str, NodeStyle] = {
    style.kind: style
    for style in (
        NodeStyle("person", "Person", "#4e79a7", "#2c4a70", "dot"),
        NodeStyle("organization", "Organization", "#f28e2b", "#a65b10", "square"),
        NodeStyle("place", "Place", "#59a14f", "#356b2f", "triangle"),
        NodeStyle("event", "Event", "#b07aa1", "#7a4a6e", "star"),
        NodeStyle("entity", "Other entity", "#76b7b2", "#3f7f7a", "hexagon"),
        NodeStyle("phrase", "Noun phrase", "#bab0ac", "#7d726d", "dot"),
        NodeStyle("quotation", "Quotation", "#edc948", "#a3861a", "triangleDown"),
        NodeStyle("claim", "Reported claim", "#ff9da7", "#c4566a", "diamond"),
    )
}

#: schema.org classes (and common subclasses) that pick a node kind; others are "entity".
SCHEMA_KINDS: dict[str, str] = {
    str(SDO.Person): "person",
    str(SDO.Organization): "organization",
    str(SDO.GovernmentOrganization): "organization",
    str(SDO.NGO): "organization",
    str(SDO.Corporation): "organization",
    str(SDO.NewsMediaOrganization): "organization",
    str(SDO.EducationalOrganization): "organization",
    str(SDO.SportsOrganization): "organization",
    str(SDO.Place): "place",
    str(SDO.Country): "place",
    str(SDO.City): "place",
    str(SDO.State): "place",
    str(SDO.AdministrativeArea): "place",
    str(SDO.Continent): "place",
    str(SDO.Landform): "place",
    str(SDO.CivicStructure): "place",
    str(SDO.Event): "event",
}

#: kg classes that pick a node kind, checked before schema.org classes.
KG_KINDS: dict[str, str] = {
    str(KG.Quotation): "quotation",
    str(KG.NounPhrase): "phrase",
}


@dataclass(frozen=True)
class EdgeStyle:
    """How one kind of statement edge is drawn and named in the legend.

    Attributes:
        key: Style key (asserted, reported, hedged, negated).
        label: What the legend says.
        color: Line colour.
        dashes: vis-network dash pattern (dash, gap in pixels); empty for a solid line.
    """

    key: str
    label: str
    color: str
    dashes: tuple[int, ...] = ()

    @property
    def dashed(self) -> bool:
        return bool(self.dashes)


ASSERTED_EDGE = EdgeStyle("asserted", "stated by the article", "#5b6b7f")
REPORTED_EDGE = EdgeStyle("reported", "reported by someone", "#6f86b0", (7, 4))
HEDGED_EDGE = EdgeStyle("hedged", "hedged, possible or future", "#a08a5c", (2, 4))
NEGATED_EDGE = EdgeStyle("negated", "negated", "#d64545", (6, 4))
EDGE_STYLES = (ASSERTED_EDGE, REPORTED_EDGE, HEDGED_EDGE, NEGATED_EDGE)


def edge_style(*, asserted: bool, negated: bool, modality: str = "asserted") -> EdgeStyle:
    """The style of a statement edge: red dashes when negated, dots when hedged (or
    possible, future, intended), long dashes when only reported, else a solid line.

    >>> [edge_style(asserted=a, negated=n, modality=m).key
    ...  for a, n, m in [(False, True, "asserted"), (False, False, "hedged"),
    ...                  (False, False, "asserted"), (True, False, "asserted")]]
    ['negated', 'hedged', 'reported', 'asserted']
    """
    if negated:
        return NEGATED_EDGE
    if modality != "asserted":
        return HEDGED_EDGE
    return ASSERTED_EDGE if asserted else REPORTED_EDGE


#: Longest node name drawn on the canvas (tooltips and the side panel show it whole).
CAPTION_LENGTH = 28
CLAIM_CAPTION_LENGTH = 36
#: Rough width of one caption character at the canvas font size, for the layout.
CHARACTER_WIDTH = 7.5


def caption_width(caption: str) -> float:
    """Estimated width in pixels of a caption drawn on the canvas."""
    return len(caption) * CHARACTER_WIDTH


def node_size(kind: str, degree: int) -> float:
    """Radius in pixels: grows with the square root of the degree, so hubs stand out
    without swallowing their neighbours. Claims stay small: they are annotations.

    >>> node_size("person", 0), node_size("person", 9), node_size("claim", 1)
    (10.0, 22.0, 8.0)
    """
    if kind == "claim":
        return round(min(6.0 + 2.0 * math.sqrt(degree), 14.0), 1)
    return round(min(10.0 + 4.0 * math.sqrt(degree), 42.0), 1)


def legend(nodes: tuple[ViewNode, ...], edges: tuple[ViewEdge, ...], *,
           node_color: str | None = None) -> tuple[LegendEntry, ...]:
    """The node kinds drawn, then the line styles drawn, each with its count.

    `node_color` draws every kind in one colour: in the entity view colour is the story's,
    and the kind shows by shape alone.
    """
    kinds = Counter(node.kind for node in nodes)
    styles = Counter(edge.style for edge in edges)
    entries = [
        LegendEntry(style.kind, style.label, node_color or style.color, style.shape, kinds[style.kind])
        for style in NODE_STYLES.values()
        if kinds[style.kind]
    ]
    entries += [
        LegendEntry(style.key, style.label, style.color,
                    "dotted" if style.key == "hedged" else "dashed" if style.dashed else "line",
                    styles[style.key])
        for style in EDGE_STYLES
        if styles[style.key]
    ]
    return tuple(entries)
