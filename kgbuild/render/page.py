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
from pathlib import Path
from collections.abc import Iterable
from typing import Any


from kgbuild import __version__
from kgbuild.atomic import replaced_atomically
from kgbuild.errors import KgbuildError
from kgbuild.render.convert import view_from_contents
from kgbuild.render.layout import SEED
from kgbuild.render.relations import FAMILIES, OTHER as OTHER_FAMILY, relation_family
from kgbuild.render.style import EDGE_STYLES, NODE_STYLES, edge_style
from kgbuild.render.view import LegendEntry, SourceSentence, View, ViewNode, ViewStatement
from kgbuild.render.rdf_reader import GraphSource, read_graph

__all__ = ["page_data", "script_json", "to_html", "write_html", "write_text"]

#: The vis-network copy inside the installed pyvis package.
VIS_VERSION = "9.1.2"
#: Fonts already on the reader's machine: the page loads none.
#: From this many nodes and edges on, edges are hidden while the view is dragged or zoomed
#: (each frame then draws about half as much).
BIG_GRAPH = 4000
#: Most nodes of the statement graph an entity view's page carries for its "Statements"
#: button: its phrases and claims make it about three times the entity graph, and a page
#: must open in a second or two (the most connected nodes are kept; the page says so).
STATEMENT_GRAPH_NODES = 1000
FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'

_SCRIPT_ESCAPES = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def to_html(view: View, *, title: str | None = None, alternate: View | None = None) -> str:
    """One HTML page showing the view: network, legend, filters, search, side panel.

    The page loads nothing: vis-network and all data are inside it. The data is written
    once each (see `page_data`), so a page of 5,000 nodes stays a few megabytes.

    With `alternate` (the statement graph of an entity view, or the other way round) the
    page carries both and a button switches between them: the page reloads itself with
    `#statements` or `#entities` in its address, and draws that view.

    Args:
        view: What to show, from `build_view`.
        title: The page's title and heading (text, escaped); by default the view's heading
            (the article's headline, or the corpus's article count, sources and dates).
        alternate: The other view of the same graph, one click away.

    Returns:
        The page as a string.

    Raises:
        KgbuildError: pyvis or its copy of vis-network is missing.
    """
    vis_js, vis_css = _vis_assets()
    title = title or view.heading or "kgbuild graph"
    def part(make: Any) -> str:
        """A view's piece of the page; with an alternate view, the alternate's piece beside
        it in an inert <template>, which the page's script swaps in when it draws that view."""
        if alternate is None:
            return str(make(view))
        return (f'<div class="kg-part" data-kg-part>{make(view)}</div>'
                f"<template data-kg-alternate>{make(alternate)}</template>")

    alternate_data = ""
    if alternate is not None:
        alternate_data = (
            f'<script type="application/json" id="kg-data-alternate" '
            f'data-view="{_view_name(alternate)}">{script_json(page_data(alternate))}</script>'
        )
    return _template("page.html").substitute(
        title=html.escape(title),
        version=html.escape(__version__),
        summary=part(lambda v: f'<p class="kg-summary" id="kg-summary">{html.escape(_summary(v))}</p>'),
        focus=part(_focus_html),
        omitted=part(_omitted),
        legend=part(lambda v: _legend_html(v.legend)),
        stories=part(_stories_html),
        physics_checked=" checked" if view.physics else "",
        view_name=_view_name(view),
        data=script_json(page_data(view)),
        alternate_data=alternate_data,
        vis_css=_inline_style(vis_css),
        page_css=_inline_style(_asset("page.css")),
        vis_js=_inline_script(vis_js),
        page_js=_inline_script(_asset("page.js")),
    )


def write_html(
    graph: GraphSource,
    path: str | os.PathLike[str],
    *,
    max_nodes: int = 500,
    focus: str | Iterable[str] | None = None,
    hops: int = 1,
    title: str | None = None,
    statements: bool = False,
) -> Path:
    """Build the view of a graph and write it as one HTML file, atomically.

    The page is written to a temporary file next to `path` and then moved over it, so a
    reader never sees half a page and a failed run leaves the old page in place.

    Args:
        graph: A `KnowledgeGraph` or `KnowledgeStore` (read with SPARQL), or an rdflib
            `Graph` or `Dataset`, following kgbuild's RDF contract.
        path: Where to write the page (its folder must exist).
        max_nodes: Most nodes to show (see `build_view`).
        focus: A node's name, other name or IRI: draw only its neighbourhood.
        hops: How far from the focus the neighbourhood reaches.
        title: The page's title and heading (by default, see `to_html`).
        statements: Draw the full statement graph instead of the entity graph (the page
            switches to the other one in any case, see `to_html`).

    Returns:
        The path written.

    Raises:
        KgbuildError: The file cannot be written.
        InputError: `max_nodes` or `hops` is out of range, or no node has the focus's name.
    """
    contents = read_graph(graph)
    view = view_from_contents(contents, max_nodes=max_nodes, focus=focus, hops=hops, statements=statements)
    other = view_from_contents(
        contents,
        max_nodes=max_nodes if statements else min(max_nodes, STATEMENT_GRAPH_NODES),
        focus=focus, hops=hops, statements=not statements,
    )
    return write_text(path, to_html(view, title=title, alternate=other))


def _view_name(view: View) -> str:
    return "entities" if view.entity_view else "statements"


def write_text(path: str | os.PathLike[str], text: str) -> Path:
    """Write a text file atomically (`kgbuild.atomic.replaced_atomically`).

    Raises:
        KgbuildError: The file cannot be written.
    """
    with replaced_atomically(path) as output:
        output.write(text.encode("utf-8"))
    return Path(path)


def script_json(data: Any) -> str:
    """JSON that is safe inside `<script type="application/json">`: no string in it can
    close the script (`</script>`), open an HTML comment (`<!--`) or break a line.

    >>> script_json({"name": "</script><!-- & \\u2028"})
    '{"name":"\\\\u003c/script\\\\u003e\\\\u003c!-- \\\\u0026 \\\\u2028"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.translate(_SCRIPT_ESCAPES)


# ── the page's data ─────────────────────────────────────────────────────────────────────


def page_data(view: View) -> dict[str, Any]:
    """The view as the page's script reads it: normalised tables, each thing written once.

    A corpus-sized view repeats little but references: every article, sentence, relation
    and statement is one row of its table, and everything that mentions one holds its
    index. IRIs under the common `base` are written without it. Tables of records are
    `{"columns": [...], "rows": [[...], ...]}`.

        nodes       drawn nodes, as pyvis assembles them (id = their index), with our
                    kg* columns (kgUnlisted: relation and article indices of the node's
                    statements the page does not list, for the filters); `terms`
                    continues their numbering with the names of the other ends of
                    listed statements that are not drawn
        edges       drawn statements (or entity links), as pyvis assembles them: from,
                    to (node indices), statement index (of a link: the one it is labelled
                    with), curve, label, the link's other statements, drawn at first
        statements  iri ("/…": after the IRI of the article of its first sentence),
                    subject, relation, object (term indices, -1: none), summary
                    ("" when it is subject, relation and object joined by spaces), style,
                    flags (index in flagSets), arguments [[role, value] text indices],
                    relation text (text index, -1), confidence (null: unknown),
                    reported by (statement index, -1), sentences (indices)
        sentences   [text, article index]
        articles    [iri, headline, url (http(s) only), date, source]
        communities [name, headline, colour, size]: the stories of an entity view
        families, relationFamilies   relation families, and each relation's family
        relations, texts, flagSets   strings (and lists of flags) the rows refer to
    """
    base = _common_base(view)
    node_index = {node.id: index for index, node in enumerate(view.nodes)}
    statement_index = {statement.id: index for index, statement in enumerate(view.statements)}
    tables = _Tables(view, base, statement_index)
    rows = [tables.statement(statement) for statement in view.statements]
    nodes, edges, options = _vis_records(view, node_index, statement_index)
    for node, record in zip(view.nodes, nodes):
        record["kgUnlisted"] = tables.unlisted(node)
        # an entity's statements include those that name it inside a phrase or a claim
        record["kgStatements"] = (
            [statement_index[i] for i in node.statement_ids if i in statement_index]
            if view.entity_view else None
        )
    for edge, record in zip(view.edges, edges):
        record["kgStatements"] = [statement_index[i] for i in edge.statement_ids
                                  if i in statement_index and i != edge.statement.id]
    claims = [[statement_index[node.id], node_index[node.id]] for node in view.nodes
              if node.kind == "claim" and node.id in statement_index]
    return {
        "format": 2,
        "base": base,
        "nodes": _columns(nodes, ["id", "label", "shape", "group", "x", "y", "size", "kgIri",
                                  "kgName", "kgType", "kgAliases", "kgDetails", "kgDegree",
                                  "kgMentions", "kgMentionSize", "kgHops", "kgCount",
                                  "kgUnlisted", "kgCommunity", "kgImportance", "kgDrawn",
                                  "kgColor", "kgStatements"]),
        "claims": claims,  # [statement index, node index]: a claim node and its own statement
        "terms": tables.terms.rows()[len(view.nodes):],
        "edges": _columns(edges, ["from", "to", "kgStatement", "kgCurve", "kgLabel",
                                  "kgStatements", "kgDrawn"]),
        "statements": {
            "columns": ["iri", "subject", "relation", "object", "summary", "style", "flags",
                        "arguments", "relationText", "confidence", "reportedBy", "sentences"],
            "rows": rows,
        },
        "sentences": tables.sentences.rows(),
        "articles": tables.articles.rows(),
        "relations": tables.relations.rows(),
        "texts": tables.texts.rows(),
        "flagSets": tables.flag_sets.rows(),
        "kinds": [[s.kind, s.label, s.color, s.border, s.shape] for s in NODE_STYLES.values()],
        "edgeStyles": [[s.key, s.label, s.color, list(s.dashes)] for s in EDGE_STYLES],
        "focus": [node_index[node_id] for node_id in view.focus if node_id in node_index],
        "options": options,
        "entityView": view.entity_view,
        "families": list(FAMILIES) + [OTHER_FAMILY],
        "relationFamilies": [
            (list(FAMILIES) + [OTHER_FAMILY]).index(relation_family(relation))
            for relation in tables.relations.rows()
        ],
        "communities": [[c.name, c.headline, c.color, c.size] for c in view.communities],
    }


class _Tables:
    """The page's shared tables, filled as statements and nodes refer to their rows."""

    def __init__(self, view: View, base: str, statement_index: dict[str, int]) -> None:
        self.base = base
        self.statement_index = statement_index
        self.terms, self.articles, self.sentences = _Table(), _Table(), _Table()
        self.relations, self.texts, self.flag_sets = _Table(), _Table(), _Table()
        self.styles = {style.key: index for index, style in enumerate(EDGE_STYLES)}
        for node in view.nodes:  # drawn nodes are the first terms; the page names them
            self.terms.add(node.id, None)
        for article in view.article_list:
            self.article(article.id, article.headline, article.url, article.date, article.source)

    def statement(self, statement: ViewStatement) -> list[Any]:
        joined = " ".join(
            part for part in (statement.subject_label, statement.relation, statement.object_label)
            if part
        )
        style = edge_style(
            asserted=statement.asserted, negated=statement.negated, modality=statement.modality
        )
        return [
            _statement_iri(self.base, statement),
            self.term(statement.subject, statement.subject_label),
            self.relations.add(statement.relation, statement.relation),
            self.term(statement.object, statement.object_label),
            "" if statement.summary == joined else statement.summary,
            self.styles[style.key],
            self.flag_sets.add(statement.flags, list(statement.flags)),
            [[self.text(role), self.text(value)] for role, value in statement.arguments],
            self.text(statement.relation_text),
            None if statement.confidence is None else round(statement.confidence, 3),
            self.statement_index.get(statement.reported_by, -1) if statement.reported_by else -1,
            [self.sentence(source) for source in statement.sources],
        ]

    def unlisted(self, node: ViewNode) -> list[int]:
        """Where the statements the page does not list come from: [relation, article, …]."""
        return [
            index
            for relation, article in node.unlisted
            for index in (
                self.relations.add(relation, relation),
                self.article(article) if article else -1,
            )
        ]

    def term(self, term_id: str | None, label: str) -> int:
        return -1 if term_id is None else self.terms.add(term_id, label)

    def text(self, value: str | None) -> int:
        return -1 if value is None else self.texts.add(value, value)

    def article(self, iri: str, headline: str | None = None, url: str | None = None,
                date: str | None = None, source: str | None = None) -> int:
        return self.articles.add(iri, [_relative(self.base, iri), headline, url, date, source])

    def sentence(self, source: SourceSentence) -> int:
        article = self.article(source.article, source.headline, source.url, source.date,
                               source.source)
        return self.sentences.add((source.id, source.article), [source.text, article])


class _Table:
    """Rows written once each, numbered in the order first seen."""

    def __init__(self) -> None:
        self._index: dict[Any, int] = {}
        self._rows: list[Any] = []

    def add(self, key: Any, row: Any) -> int:
        index = self._index.get(key)
        if index is None:
            index = self._index[key] = len(self._rows)
            self._rows.append(row)
        return index

    def rows(self) -> list[Any]:
        return self._rows


def _columns(records: list[dict[str, Any]], columns: list[str]) -> dict[str, Any]:
    return {"columns": columns, "rows": [[record.get(c) for c in columns] for record in records]}


def _common_base(view: View) -> str:
    """The namespace most IRIs of the view start with: everything up to the segment
    before article/ or entity/ (`https://w3id.org/kgbuild/id/`), else ""."""
    for statement in view.statements:
        match = re.match(r"(.*?/)(?:article|entity)/", statement.id)
        if match:
            return match.group(1)
    return ""


def _statement_iri(base: str, statement: ViewStatement) -> str:
    """A statement's IRI as the page writes it: after its article's IRI, when it starts
    with it, as "/…" ("/statement/12"); else relative to the base."""
    if statement.sources and statement.sources[0].article:
        article = statement.sources[0].article
        if statement.id.startswith(article + "/"):
            return statement.id[len(article):]
    return _relative(base, statement.id)


def _relative(base: str, iri: str) -> str:
    """An IRI without the base; one that does not start with it keeps a leading "<"."""
    if base and iri.startswith(base):
        return iri[len(base):]
    return "<" + iri


# ── pyvis adapter ───────────────────────────────────────────────────────────────────────


class _NodeIds(list):
    """pyvis keeps node ids in a list and checks membership for every node and edge
    added (O(n) each, minutes for a corpus): the same list, with a set for `in`."""

    def __init__(self) -> None:
        super().__init__()
        self._members: set[Any] = set()

    def append(self, item: Any) -> None:
        super().append(item)
        self._members.add(item)

    def __contains__(self, item: Any) -> bool:
        return item in self._members


def _vis_records(
    view: View, node_index: dict[str, int], statement_index: dict[str, int]
) -> tuple[list[dict], list[dict], dict]:
    """vis-network nodes, edges and options, assembled by pyvis (which writes nothing).

    Nodes and edges refer to each other by index; the page's script turns the indices
    back into IRIs, which are the ids the page's network uses."""
    try:
        from pyvis.network import Network
    except ImportError as e:
        raise KgbuildError(
            f"The network page needs pyvis ({e}). Install it with: pip install pyvis==0.3.2"
        ) from e
    network = Network(directed=True)  # directed: pyvis then skips its O(n²) duplicate check
    network.node_ids = _NodeIds()
    base = _common_base(view)
    for index, node in enumerate(view.nodes):
        network.add_node(index, **_vis_node(node, base))
    for edge in view.edges:
        network.add_edge(
            node_index[edge.source],
            node_index[edge.target],
            kgStatement=statement_index[edge.statement.id],
            kgCurve=edge.curve,
            kgLabel=edge.label,
            kgDrawn=edge.drawn,
        )
    network.options = _vis_options(view)
    nodes, edges, _heading, _height, _width, options = network.get_network_data()
    return nodes, edges, json.loads(options)


def _vis_node(node: ViewNode, base: str) -> dict[str, Any]:
    return {
        "label": node.caption or "…",  # pyvis would draw an empty label as the node's id
        "shape": node.shape,
        "group": node.kind,
        "size": node.size,
        "x": node.x,
        "y": node.y,
        # kg* fields are ours: the page's search, tooltips, panel and filters read them
        "kgIri": _relative(base, node.id),
        "kgName": "" if node.label == node.caption else node.label,
        "kgType": "" if node.type_label == NODE_STYLES[node.kind].label else node.type_label,
        "kgAliases": list(node.aliases),
        "kgDetails": [list(detail) for detail in node.details],
        "kgDegree": node.degree,
        "kgMentions": node.mentions,
        "kgMentionSize": node.mention_size,
        "kgHops": node.hops,
        "kgCount": node.statement_count,
        "kgCommunity": node.community,
        "kgImportance": node.importance,
        "kgDrawn": node.drawn,
        "kgColor": node.color,
    }


def _vis_options(view: View) -> dict[str, Any]:
    big = len(view.nodes) + len(view.edges) > BIG_GRAPH
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
            "stabilization": {"enabled": False},  # settles on screen instead, see page.js
            "minVelocity": 1.0,
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "multiselect": False,
            "navigationButtons": False,
            "keyboard": {"enabled": False},
            # a big graph pans and zooms smoothly with its edges hidden while it moves
            # edges stay drawn while the view moves: the page draws the names itself and
            # leaves out the arrows of a zoomed-out view, which keeps the frames cheap
            "hideEdgesOnDrag": False,
            "hideEdgesOnZoom": False,
        },
        "groups": {
            style.kind: {
                "shape": style.shape,
                "color": {
                    "background": style.color,
                    "border": style.border,
                    "highlight": {"background": style.color, "border": "#111827"},
                    "hover": {"background": style.color, "border": "#111827"},
                },
                **({"font": {"size": 12, "color": "#8e4466"}} if style.kind == "claim" else {}),
            }
            for style in NODE_STYLES.values()
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
            "arrows": {"to": {"enabled": not big, "scaleFactor": 0.55}},
            # a relation's words only once the zoom makes them readable
            "scaling": {"label": {"enabled": False, "drawThreshold": 9}},
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


# ── page text ───────────────────────────────────────────────────────────────────────────


def _summary(view: View) -> str:
    articles = f" from {_count(view.articles, 'article')}" if view.articles else ""
    if view.entity_view:
        drawn = sum(1 for node in view.nodes if node.drawn)
        links = sum(1 for edge in view.edges if edge.drawn)
        stories = sum(1 for community in view.communities if community.size > 1)
        return (
            f"{_count(drawn, 'entity', 'entities')} · {_count(links, 'link')} · "
            f"{_count(stories, 'story', 'stories')} · "
            f"{_count(len(view.statements), 'statement')}{articles}"
        )
    return (
        f"{_count(len(view.nodes), 'node')} · {_count(len(view.edges), 'edge')} · "
        f"{_count(len(view.statements), 'statement')}{articles}"
    )


def _focus_html(view: View) -> str:
    """The line naming the node the view is centred on (nothing without a focus)."""
    if not view.focus:
        return ""
    reach = "alone" if view.hops == 0 else f"and what is within {_count(view.hops or 0, 'hop')}"
    text = f"Centred on {view.focus_name} {reach}."
    return f'<p class="kg-focus" id="kg-focus">{html.escape(text)}</p>'


def _omitted(view: View) -> str:
    """The line saying what `max_nodes` left out (nothing when it left nothing out)."""
    if not view.omitted_nodes:
        return ""
    if view.entity_view:
        drawn = sum(1 for node in view.nodes if node.drawn)
        text = (
            f"Showing the {drawn:,} strongest linked entities of "
            f"{drawn + view.omitted_nodes:,}; search finds more."
        )
        return f'<p class="kg-omitted" id="kg-omitted">{html.escape(text)}</p>'
    edges = f", with {_count(view.omitted_edges, 'edge')}" if view.omitted_edges else ""
    scope = len(view.nodes) + view.omitted_nodes
    of = f"{scope:,} nodes near the focus" if view.focus else f"{scope:,} nodes"
    text = (
        f"Showing the {len(view.nodes):,} most connected of {of}: "
        f"{_count(view.omitted_nodes, 'node')} left out{edges}."
    )
    return f'<p class="kg-omitted" id="kg-omitted">{html.escape(text)}</p>'


def _legend_html(legend: tuple[LegendEntry, ...]) -> str:
    """Two lists: node types (colour and shape), then edge styles (line and dashes); each
    entry is also a checkbox that shows or hides its nodes or edges."""
    node_items, edge_items = [], []
    for entry in legend:
        edge = entry.symbol in ("line", "dashed", "dotted")
        items = edge_items if edge else node_items
        key = html.escape(entry.key)
        items.append(
            f'<li class="kg-legend-item" data-key="{key}"><label>'
            f'<input type="checkbox" class="kg-filter-{"style" if edge else "kind"}" '
            f'value="{key}" checked>'
            f'<span class="kg-swatch kg-swatch-{html.escape(entry.symbol)}" '
            f'style="--swatch: {html.escape(entry.color)}"></span>'
            f'<span class="kg-legend-label">{html.escape(entry.label)}</span>'
            f'<span class="kg-legend-count">{entry.count:,}</span></label></li>'
        )
    return (
        f'<ul class="kg-legend-list kg-legend-nodes">{"".join(node_items)}</ul>'
        f'<ul class="kg-legend-list kg-legend-edges">{"".join(edge_items)}</ul>'
    )


def _stories_html(view: View) -> str:
    """The stories of an entity view: a button per story (colour, name, headline)."""
    items = []
    for community in view.communities:
        if community.size < 2:
            continue
        headline = (
            f'<span class="kg-story-headline">{html.escape(community.headline)}</span>'
            if community.headline else ""
        )
        items.append(
            f'<li><button type="button" class="kg-story" data-community="{community.index}">'
            f'<span class="kg-swatch kg-swatch-dot" style="--swatch: {html.escape(community.color)}"></span>'
            f'<span class="kg-story-text"><span class="kg-story-name">{html.escape(community.name)}</span>'
            f"{headline}</span>"
            f'<span class="kg-legend-count">{community.size:,}</span></button></li>'
        )
    if not items:
        return ""
    return (
        '<details class="kg-stories" open><summary>Stories</summary>'
        f'<ul class="kg-story-list">{"".join(items)}</ul></details>'
    )


def _count(number: int, noun: str, plural: str | None = None) -> str:
    """A number and its noun, plural when needed.

    >>> _count(1, "node"), _count(2500, "edge"), _count(3, "story", "stories")
    ('1 node', '2,500 edges', '3 stories')
    """
    return f"{number:,} {noun if number == 1 else plural or noun + 's'}"


# ── assets ──────────────────────────────────────────────────────────────────────────────


@functools.cache
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


@functools.cache
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
