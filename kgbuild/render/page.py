"""`View` → one self-contained, offline HTML page: the second step of rendering.

pyvis assembles the vis-network node and edge records (`Network.add_node`/`add_edge`) and
is never asked to write anything: its template pulls scripts from CDNs and its writer
drops a `lib/` folder into the working directory. The page is our own template instead,
with vis-network's script and style inlined from the copy pyvis ships.

Escaping, in one place each:
    * text in the HTML (title, summary, legend) goes through `html.escape`;
    * all data goes into one `<script type="application/json">` block, with `<`, `>`, `&`,
      U+2028 and U+2029 written as `\\uXXXX`, so no string can close the script, open a
      comment or end a JavaScript line;
    * the page's script builds every tooltip and the side panel with `textContent`, never
      `innerHTML`, and only makes links of http(s) URLs.
A Content-Security-Policy `<meta>` also forbids loading anything from anywhere.
"""

from __future__ import annotations

import functools
import html
import importlib.resources
import json
import os
import re
import string
import tempfile
from pathlib import Path
from typing import Any

from rdflib import Graph

from kgbuild import __version__
from kgbuild.errors import KgbuildError
from kgbuild.render.convert import build_view
from kgbuild.render.layout import SEED
from kgbuild.render.view import LegendEntry, View, ViewEdge, ViewNode, ViewStatement

__all__ = ["script_json", "to_html", "write_html"]

#: The vis-network copy inside the installed pyvis package.
VIS_VERSION = "9.1.2"
#: Fonts already on the reader's machine: the page loads none.
FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'

_SCRIPT_ESCAPES = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def to_html(view: View, *, title: str = "kgbuild graph") -> str:
    """One HTML page showing the view: network, legend, search, side panel, physics toggle.

    The page loads nothing: vis-network and all data are inside it.

    Args:
        view: What to show, from `build_view`.
        title: The page's title and heading (text, escaped).

    Returns:
        The page as a string.

    Raises:
        KgbuildError: pyvis or its copy of vis-network is missing.
    """
    nodes, edges, options = _vis_records(view)
    data = {
        "nodes": nodes,
        "edges": edges,
        "options": options,
        "statements": {s.id: _statement_record(s) for s in view.statements},
        "sentences": {
            source.id: {
                "text": source.text,
                "article": source.article,
                "headline": source.headline,
                "url": source.url,
                "date": source.date,
            }
            for statement in view.statements
            for source in statement.sources
        },
    }
    vis_js, vis_css = _vis_assets()
    return _template("page.html").substitute(
        title=html.escape(title),
        version=html.escape(__version__),
        summary=html.escape(_summary(view)),
        omitted=_omitted(view),
        legend=_legend_html(view.legend),
        physics_checked=" checked" if view.physics else "",
        data=script_json(data),
        vis_css=_inline_style(vis_css),
        page_css=_inline_style(_asset("page.css")),
        vis_js=_inline_script(vis_js),
        page_js=_inline_script(_asset("page.js")),
    )


def write_html(
    graph: Graph,
    path: str | os.PathLike[str],
    *,
    max_nodes: int = 500,
    title: str = "kgbuild graph",
) -> Path:
    """Build the view of a graph and write it as one HTML file, atomically.

    The page is written to a temporary file next to `path` and then moved over it, so a
    reader never sees half a page and a failed run leaves the old page in place.

    Args:
        graph: An rdflib `Graph` or `Dataset` following kgbuild's RDF contract.
        path: Where to write the page (its folder must exist).
        max_nodes: Most nodes to show (see `build_view`).
        title: The page's title and heading.

    Returns:
        The path written.

    Raises:
        KgbuildError: The file cannot be written.
        InputError: `max_nodes` is not a positive integer.
    """
    path = Path(path)
    page = to_html(build_view(graph, max_nodes=max_nodes), title=title)
    try:
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        descriptor, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
    except OSError as e:
        raise KgbuildError(
            f"Cannot write {str(path)!r}: {e.strerror}. Check that the folder "
            f"{str(path.parent)!r} exists and is writable."
        ) from e
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as file:
            file.write(page)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except OSError as e:
        Path(temporary).unlink(missing_ok=True)
        raise KgbuildError(f"Cannot write {str(path)!r}: {e.strerror}.") from e
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def script_json(data: Any) -> str:
    """JSON that is safe inside `<script type="application/json">`: no string in it can
    close the script (`</script>`), open an HTML comment (`<!--`) or break a line.

    >>> script_json({"name": "</script><!-- & \\u2028"})
    '{"name":"\\\\u003c/script\\\\u003e\\\\u003c!-- \\\\u0026 \\\\u2028"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.translate(_SCRIPT_ESCAPES)


# ── pyvis adapter ───────────────────────────────────────────────────────────────────────


def _vis_records(view: View) -> tuple[list[dict], list[dict], dict]:
    """vis-network nodes, edges and options, assembled by pyvis (which writes nothing)."""
    try:
        from pyvis.network import Network
    except ImportError as e:
        raise KgbuildError(
            f"The network page needs pyvis ({e}). Install it with: pip install pyvis==0.3.2"
        ) from e
    network = Network(directed=True)  # directed: pyvis then skips its O(n²) duplicate check
    for node in view.nodes:
        network.add_node(node.id, **_vis_node(node))
    for edge in view.edges:
        network.add_edge(edge.source, edge.target, **_vis_edge(edge))
    network.options = _vis_options(view)
    nodes, edges, _heading, _height, _width, options = network.get_network_data()
    return nodes, edges, json.loads(options)


def _vis_node(node: ViewNode) -> dict[str, Any]:
    claim = node.kind == "claim"
    return {
        "label": node.caption,
        "shape": node.shape,
        "size": node.size,
        "x": node.x,
        "y": node.y,
        "color": {
            "background": node.color,
            "border": node.border,
            "highlight": {"background": node.color, "border": "#111827"},
            "hover": {"background": node.color, "border": "#111827"},
        },
        **({"font": {"size": 12, "color": "#8e4466"}} if claim else {}),
        # kg* fields are ours: the page's search, tooltips and panel read them
        "kgName": node.label,
        "kgKind": node.kind,
        "kgType": node.type_label,
        "kgAliases": list(node.aliases),
        "kgDetails": [list(detail) for detail in node.details],
        "kgDegree": node.degree,
        "kgStatements": list(node.statement_ids),
    }


def _vis_edge(edge: ViewEdge) -> dict[str, Any]:
    smooth: dict[str, Any] = {"enabled": False}
    if edge.curve:
        smooth = {
            "enabled": True,
            "type": "curvedCW" if edge.curve > 0 else "curvedCCW",
            "roundness": abs(edge.curve),
        }
    return {
        "id": edge.id,
        "label": edge.label,
        "dashes": [6, 4] if edge.dashed else False,
        "color": {"color": edge.color, "highlight": "#111827", "hover": "#111827"},
        "font": {"color": "#b42318" if edge.negated else "#475569"},
        "smooth": smooth,
        "kgStatement": edge.statement.id,
    }


def _vis_options(view: View) -> dict[str, Any]:
    return {
        "autoResize": True,
        "layout": {"improvedLayout": False, "randomSeed": SEED},
        "physics": {
            "enabled": view.physics,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -80,
                "centralGravity": 0.004,
                "springLength": 150,
                "springConstant": 0.05,
                "avoidOverlap": 0.5,
            },
            "stabilization": {"enabled": True, "iterations": 300, "fit": False},
            "minVelocity": 1.0,
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "multiselect": False,
            "navigationButtons": False,
            "keyboard": {"enabled": False},
        },
        "nodes": {
            "borderWidth": 1.5,
            "borderWidthSelected": 3,
            "font": {
                "size": 14,
                "face": FONT,
                "color": "#1f2933",
                "strokeWidth": 4,
                "strokeColor": "#ffffff",
            },
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.55}},
            "width": 1.4,
            "selectionWidth": 2,
            "hoverWidth": 1,
            "color": {"inherit": False},
            "font": {
                "size": 12,
                "face": FONT,
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
                "align": "horizontal",
            },
            "smooth": False,
        },
    }


def _statement_record(statement: ViewStatement) -> dict[str, Any]:
    return {
        "subject": statement.subject,
        "subjectLabel": statement.subject_label,
        "relation": statement.relation,
        "object": statement.object,
        "objectLabel": statement.object_label,
        "summary": statement.summary,
        "flags": list(statement.flags),
        "negated": statement.negated,
        "modality": statement.modality,
        "asserted": statement.asserted,
        "attributedTo": statement.attributed_to,
        "reportedBy": statement.reported_by,
        "relationText": statement.relation_text,
        "confidence": statement.confidence,
        "arguments": [list(argument) for argument in statement.arguments],
        "sources": [source.id for source in statement.sources],
    }


# ── page text ───────────────────────────────────────────────────────────────────────────


def _summary(view: View) -> str:
    articles = f" from {_count(view.articles, 'article')}" if view.articles else ""
    return (
        f"{_count(len(view.nodes), 'node')} · {_count(len(view.edges), 'edge')} · "
        f"{_count(len(view.statements), 'statement')}{articles}"
    )


def _omitted(view: View) -> str:
    """The line saying what `max_nodes` left out (nothing when it left nothing out)."""
    if not view.omitted_nodes:
        return ""
    edges = f", with {_count(view.omitted_edges, 'edge')}" if view.omitted_edges else ""
    text = (
        f"Showing the {len(view.nodes):,} most connected of {view.total_nodes:,} nodes: "
        f"{_count(view.omitted_nodes, 'node')} left out{edges}."
    )
    return f'<p class="kg-omitted" id="kg-omitted">{html.escape(text)}</p>'


def _legend_html(legend: tuple[LegendEntry, ...]) -> str:
    """Two lists: node types (colour and shape), then edge styles (line and dashes)."""
    node_items, edge_items = [], []
    for entry in legend:
        items = edge_items if entry.symbol in ("line", "dashed") else node_items
        items.append(
            f'<li class="kg-legend-item" data-key="{html.escape(entry.key)}">'
            f'<span class="kg-swatch kg-swatch-{html.escape(entry.symbol)}" '
            f'style="--swatch: {html.escape(entry.color)}"></span>'
            f'<span class="kg-legend-label">{html.escape(entry.label)}</span>'
            f'<span class="kg-legend-count">{entry.count:,}</span></li>'
        )
    return (
        f'<ul class="kg-legend-list kg-legend-nodes">{"".join(node_items)}</ul>'
        f'<ul class="kg-legend-list kg-legend-edges">{"".join(edge_items)}</ul>'
    )


def _count(number: int, noun: str) -> str:
    """A number and its noun, plural when needed.

    >>> _count(1, "node"), _count(2500, "edge")
    ('1 node', '2,500 edges')
    """
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


# ── assets ──────────────────────────────────────────────────────────────────────────────


@functools.lru_cache(maxsize=None)
def _vis_assets() -> tuple[str, str]:
    """vis-network's script and style from the copy inside the installed pyvis."""
    try:
        folder = importlib.resources.files("pyvis") / "lib" / f"vis-{VIS_VERSION}"
        script = (folder / "vis-network.min.js").read_text(encoding="utf-8")
        style = (folder / "vis-network.css").read_text(encoding="utf-8")
    except (ModuleNotFoundError, OSError) as e:
        raise KgbuildError(
            f"Cannot read vis-network {VIS_VERSION} from the installed pyvis ({e}). "
            "Reinstall it with: pip install --force-reinstall pyvis==0.3.2"
        ) from e
    # the source map is not shipped; a page that names it invites a request for it
    script = re.sub(r"^//# sourceMappingURL=.*$", "", script, flags=re.MULTILINE)
    return script, style


@functools.lru_cache(maxsize=None)
def _asset(name: str) -> str:
    return (importlib.resources.files("kgbuild.render") / "templates" / name).read_text(
        encoding="utf-8"
    )


def _template(name: str) -> string.Template:
    return string.Template(_asset(name))


def _inline_script(code: str) -> str:
    """Script text that cannot end its `<script>` element early or send the HTML parser
    into its "escaped" states: `<` before `script` or `!--` becomes `\\x3C`, which means
    the same inside the JavaScript strings and regular expressions where it occurs."""
    return re.sub(r"<(?=/?script|!--)", r"\\x3C", code, flags=re.IGNORECASE)


def _inline_style(css: str) -> str:
    if re.search(r"</style", css, re.IGNORECASE):
        raise KgbuildError("A stylesheet to inline contains '</style'; it cannot be inlined.")
    return css
