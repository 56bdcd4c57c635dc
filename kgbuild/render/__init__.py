"""render stage: a kgbuild graph → a view model (pure) → one offline HTML page.

Two steps, like spaCy's displacy (converter, then renderer):

    build_view(graph) ──View──▶ to_html(view) ──str──▶ write_html(graph, path)

`build_view` reads the RDF, picks and lays out the nodes (the most connected, or the
neighbourhood of a focus), and returns frozen records that a test can compare; `to_html`
turns them into a single page with vis-network inlined; `show` puts that page in a
notebook cell. `to_networkx` gives the same nodes and statements as a networkx graph for
analysis, and `write_network` writes it as GraphML or GEXF. A store is read in Oxigraph
with the SPARQL of `view-*.rq` (`rdf_reader`). This package never imports
spaCy.
"""

from __future__ import annotations

from kgbuild.render.convert import build_view
from kgbuild.render.export import EXPORT_FORMATS, export_formats, write_network
from kgbuild.render.networkx_graph import to_networkx
from kgbuild.render.notebook import notebook_html, show
from kgbuild.render.page import to_html, write_html
from kgbuild.render.view import (
    LegendEntry,
    SourceSentence,
    View,
    ViewArticle,
    ViewEdge,
    ViewNode,
    ViewStatement,
)

__all__ = [
    "EXPORT_FORMATS",
    "LegendEntry",
    "SourceSentence",
    "View",
    "ViewArticle",
    "ViewEdge",
    "ViewNode",
    "ViewStatement",
    "build_view",
    "export_formats",
    "notebook_html",
    "show",
    "to_html",
    "to_networkx",
    "write_html",
    "write_network",
]
