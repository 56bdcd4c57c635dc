"""The network page inside a Jupyter notebook: the same offline page, in an iframe.

The page goes into the iframe's `srcdoc` attribute, escaped, so it runs as its own
document: its script and styles cannot touch the notebook's, and it still loads nothing.
The iframe is sandboxed (scripts and new tabs for article links only).
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any


from kgbuild.errors import KgbuildError
from kgbuild.render.convert import build_view
from kgbuild.render.page import to_html
from kgbuild.render.rdf_reader import GraphSource

__all__ = ["notebook_html", "show"]

#: Height of the view in a notebook cell, in pixels.
NOTEBOOK_HEIGHT = 640


def notebook_html(page: str, *, height: int = NOTEBOOK_HEIGHT, title: str = "kgbuild graph") -> str:
    """An `<iframe>` showing a whole HTML page, in a `<div>`, for a notebook's output.

    >>> notebook_html("<p>a & b</p>", height=300)[:60]
    '<div class="kgbuild-view"><iframe srcdoc="&lt;p&gt;a &amp; b'
    """
    if isinstance(height, bool) or not isinstance(height, int) or height < 100:
        raise KgbuildError(f"height must be a whole number of pixels from 100 up, got {height!r}.")
    # in a div: IPython warns about a bare iframe (it would rather have a URL to load)
    return (
        f'<div class="kgbuild-view"><iframe srcdoc="{html.escape(page, quote=True)}" '
        f'title="{html.escape(title, quote=True)}" '
        'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox" '
        f'style="width: 100%; height: {height}px; border: 1px solid #d9dee5; '
        'border-radius: 6px"></iframe></div>'
    )


def show(
    graph: GraphSource,
    *,
    max_nodes: int = 500,
    focus: str | Iterable[str] | None = None,
    hops: int = 1,
    title: str = "kgbuild graph",
    height: int = NOTEBOOK_HEIGHT,
) -> Any:
    """The network view of a graph as a notebook output (`IPython.display.HTML`).

    Jupyter shows it when it is the value of a cell; elsewhere `display(...)` it.

    Args:
        graph: A `KnowledgeGraph` or `KnowledgeStore` (read with SPARQL), or an rdflib
            `Graph` or `Dataset`, following kgbuild's RDF contract.
        max_nodes, focus, hops: What to draw (see `build_view`).
        title: The page's title and heading.
        height: Height of the view in pixels.

    Raises:
        KgbuildError: IPython is not installed.
    """
    try:
        from IPython.display import HTML
    except ImportError as e:
        raise KgbuildError(
            f"Showing the view in a notebook needs IPython ({e}). Install it with: "
            "pip install ipython (or write a page with to_html and open it in a browser)."
        ) from e
    page = to_html(build_view(graph, max_nodes=max_nodes, focus=focus, hops=hops), title=title)
    return HTML(notebook_html(page, height=height, title=title))
