"""render stage: a kgbuild graph → a view model (pure) → one offline HTML page.

Two steps, like spaCy's displacy (converter, then renderer):

    build_view(graph) ──View──▶ to_html(view) ──str──▶ write_html(graph, path)

`build_view` reads the RDF, picks and lays out the nodes, and returns frozen records that
a test can compare; `to_html` turns them into a single page with vis-network inlined.
`to_networkx` gives the same nodes and statements as a networkx graph for analysis.
This package never imports spaCy.
"""

from __future__ import annotations

from kgbuild.render.convert import build_view
from kgbuild.render.network import to_networkx
from kgbuild.render.page import to_html, write_html
from kgbuild.render.view import (
    LegendEntry,
    SourceSentence,
    View,
    ViewEdge,
    ViewNode,
    ViewStatement,
)

__all__ = [
    "LegendEntry",
    "SourceSentence",
    "View",
    "ViewEdge",
    "ViewNode",
    "ViewStatement",
    "build_view",
    "to_html",
    "to_networkx",
    "write_html",
]
