"""Exports beside the view (GraphML, GEXF, JSON-LD), the notebook view, and the command's
view options, on the hand-written fixture (no model, no browser)."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset

from kgbuild.cli import main
from kgbuild.errors import InputError, KgbuildError
from kgbuild.knowledge_graph import KnowledgeGraph
from kgbuild.render import (
    build_view,
    export_formats,
    notebook_html,
    show,
    to_html,
    write_network,
)

from kgbuild.render.stories import OTHER_COLOR

from .graphs import FIXTURE, iri, small_graph

SEED = Path(__file__).parents[2] / "seeds" / "ukraine-war-2022-03-14.txt"

BORRELL = iri("entity/person/josep-borrell")
NEGATED = iri("article/a2/statement/0")


@pytest.fixture(scope="module")
def graph():
    return small_graph()


# ── GraphML and GEXF ────────────────────────────────────────────────────────────────────


def test_graphml_holds_every_node_and_statement_with_its_attributes(graph, tmp_path):
    path = write_network(graph, tmp_path / "graph.graphml")
    network = nx.read_graphml(path, force_multigraph=True)
    assert (network.number_of_nodes(), network.number_of_edges()) == (18, 11)
    assert network.nodes[BORRELL]["label"] == "Josep Borrell"
    assert network.nodes[BORRELL]["aliases"] == "Borrell\nMr Borrell"
    (attributes,) = [a for _, _, k, a in network.edges(keys=True, data=True) if k == NEGATED]
    assert attributes["relation"] == "capture"
    assert attributes["negated"] is True and attributes["style"] == "negated"
    assert attributes["sentence"].startswith("Russia has not captured Kyiv")


def test_gexf_opens_as_a_directed_network_with_labels(graph, tmp_path):
    path = write_network(graph, tmp_path / "graph.gexf")
    root = ElementTree.parse(path).getroot()
    namespace = {"g": root.tag[1:].split("}")[0]}
    assert root.find("g:graph", namespace).get("defaultedgetype") == "directed"
    assert len(root.findall(".//g:nodes/g:node", namespace)) == 18
    edges = root.findall(".//g:edges/g:edge", namespace)
    assert len(edges) == 11
    assert {e.get("label") for e in edges} >= {"say", "capture", "be kill in"}
    network = nx.read_gexf(path)
    assert network.nodes[BORRELL]["label"] == "Josep Borrell"


def test_gexf_and_graphml_carry_the_views_layout_and_colours(tmp_path):
    """Gephi opens the export on the page's own drawing: each drawn entity where the view
    put it (y upwards), in its story's colour, at its size; read back by networkx."""
    knowledge = KnowledgeGraph.load(FIXTURE)
    view = build_view(knowledge)
    drawn = {node.id: node for node in view.nodes if node.drawn}
    assert len(drawn) >= 4
    stories = {node.color for node in drawn.values()}
    gexf = nx.read_gexf(write_network(knowledge, tmp_path / "graph.gexf"))
    graphml = nx.read_graphml(write_network(knowledge, tmp_path / "graph.graphml"))
    for node_id, node in drawn.items():
        red, green, blue = (int(node.color[i : i + 2], 16) for i in (1, 3, 5))
        viz = gexf.nodes[node_id]["viz"]
        assert (viz["position"]["x"], viz["position"]["y"]) == pytest.approx((node.x, -node.y))
        assert (viz["color"]["r"], viz["color"]["g"], viz["color"]["b"]) == (red, green, blue)
        assert viz["size"] == pytest.approx(node.size)
        flat = graphml.nodes[node_id]
        assert (flat["x"], flat["y"], flat["size"]) == pytest.approx((node.x, -node.y, node.size))
        assert (flat["r"], flat["g"], flat["b"]) == (red, green, blue)
    # every other node (phrases, claims) has its kind's colour, and starts beside its neighbours
    others = [n for n in gexf.nodes if n not in drawn]
    assert others and all("color" in gexf.nodes[n]["viz"] for n in others)
    placed = [n for n in others if "position" in gexf.nodes[n]["viz"]]
    assert placed
    xs = [node.x for node in view.nodes]  # the mean of laid-out neighbours' positions
    for node_id in placed:
        assert min(xs) <= gexf.nodes[node_id]["viz"]["position"]["x"] <= max(xs)
    assert stories <= {story.color for story in view.communities} | {OTHER_COLOR}  # not per kind


def test_network_export_refuses_other_formats(graph, tmp_path):
    with pytest.raises(InputError, match="Use one of: graphml, gexf"):
        write_network(graph, tmp_path / "graph.svg")
    with pytest.raises(KgbuildError, match="exists and is writable"):
        write_network(graph, tmp_path / "missing" / "graph.gexf")


def test_export_formats_are_checked_and_ordered():
    assert export_formats("jsonld, GraphML") == ("graphml", "jsonld")
    assert export_formats(["json-ld", "gexf", "gexf"]) == ("gexf", "jsonld")
    assert export_formats("all") == ("graphml", "gexf", "jsonld")
    with pytest.raises(InputError, match=r"Unknown export format 'dot'\. Use one or more of"):
        export_formats("graphml,dot")


def test_knowledge_graph_exports_beside_a_stem(tmp_path):
    graph = KnowledgeGraph.load(FIXTURE)
    written = graph.export(tmp_path / "graph")
    assert [p.name for p in written] == ["graph.graphml", "graph.gexf", "graph.jsonld"]
    rdf = Dataset().parse(tmp_path / "graph.jsonld", format="json-ld")
    assert len(rdf) == len(small_graph())
    assert graph.export(tmp_path / "only", "gexf") == [tmp_path / "only.gexf"]


# ── the notebook ────────────────────────────────────────────────────────────────────────


def _srcdoc(markup: str) -> str:
    match = re.search(r'<iframe srcdoc="([^"]*)"', markup)
    assert match, "no iframe with a srcdoc"
    return html.unescape(match.group(1))


def test_show_returns_the_same_page_in_an_escaped_iframe(graph):
    from IPython.display import HTML

    shown = show(graph, title="Seed")
    assert isinstance(shown, HTML)
    markup = shown.data
    assert markup.startswith('<div class="kgbuild-view"><iframe ') and markup.endswith("</div>")
    assert _srcdoc(markup) == to_html(build_view(graph), title="Seed")
    attribute = re.search(r'srcdoc="([^"]*)"', markup).group(1)
    assert "<" not in attribute and ">" not in attribute  # the page cannot leak into the notebook
    assert 'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"' in markup
    assert "height: 640px" in markup
    assert shown._repr_html_() == markup


def test_knowledge_graph_show_takes_the_view_options():
    shown = KnowledgeGraph.load(FIXTURE).show(focus="Borrell", hops=0, height=420)
    page = _srcdoc(shown.data)
    assert "Centred on Borrell alone." in page
    assert "height: 420px" in shown.data


def test_notebook_height_must_be_sensible():
    with pytest.raises(KgbuildError, match="height must be"):
        notebook_html("<p></p>", height=10)


# ── the command ─────────────────────────────────────────────────────────────────────────


def test_render_with_focus_and_exports(tmp_path, capsys):
    view = tmp_path / "borrell.html"
    code = main(["render", str(FIXTURE), "-o", str(view), "--focus", "Mr Borrell", "--hops", "2",
                 "--export", "graphml,gexf,jsonld"])
    assert code == 0
    names = ["borrell.html", "borrell.graphml", "borrell.gexf", "borrell.jsonld"]
    assert capsys.readouterr().out == f"wrote {', '.join(str(tmp_path / n) for n in names)}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names)
    page = view.read_text(encoding="utf-8")
    assert "Centred on Mr Borrell and what is within 2 hops." in page
    # the exports hold the whole graph, not only the neighbourhood drawn
    assert nx.read_graphml(tmp_path / "borrell.graphml").number_of_nodes() == 18


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["--export", "svg"], "Unknown export format 'svg'"),
        (["--hops", "-2"], "'-2' is not a whole number from 0 up"),
        (["--hops", "two"], "'two' is not a whole number from 0 up"),
    ],
)
def test_render_options_are_checked_before_anything_is_written(tmp_path, capsys, option, message):
    with pytest.raises(SystemExit) as exit_:
        main(["render", str(FIXTURE), "-o", str(tmp_path / "v.html"), *option])
    assert exit_.value.code == 2
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_render_with_an_unknown_focus_says_what_to_give(tmp_path, capsys):
    assert main(["render", str(FIXTURE), "-o", str(tmp_path / "v.html"), "--focus", "Atlantis"]) == 1
    assert "No node is called 'Atlantis'" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.model
def test_build_writes_the_exports_beside_graph_html(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(SEED), "-o", str(out), "--export", "all", "--focus", "NATO", "-q"]) == 0
    names = {p.name for p in out.iterdir()}
    assert {"graph.ttl", "graph.html", "graph.graphml", "graph.gexf", "graph.jsonld"} <= names
    assert "Centred on NATO" in (out / "graph.html").read_text(encoding="utf-8")
