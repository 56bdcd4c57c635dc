"""The view model and the page, checked without a browser on the hand-written fixture."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Graph, URIRef

import kgbuild.render
from kgbuild.errors import InputError, KgbuildError
from kgbuild.knowledge_graph import KnowledgeGraph
from kgbuild.render import build_view, to_html, to_networkx, write_html
from kgbuild.render.page import script_json
from kgbuild.render.style import caption_width

from .graphs import FIXTURE, iri, small_graph, synthetic_graph

BORRELL = iri("entity/person/josep-borrell")
ZELENSKY = iri("entity/person/volodymyr-zelensky")
HOSTILE_PERSON = iri("entity/person/script-alert-1-script")
TALKS = iri("entity/event/istanbul-talks")
SAY_CLAIM = iri("article/a1/statement/0")  # Borrell say [1]
CLAIM = iri("article/a1/statement/1")  # more than 2,400 civilians be kill in Mariupol
NEGATED = iri("article/a2/statement/0")  # Russia capture Kyiv, negated
NO_OBJECT = iri("article/a2/statement/3")  # the Istanbul talks fail

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def graph() -> Graph:
    return small_graph()


@pytest.fixture(scope="module")
def view(graph):
    return build_view(graph, statements=True)


@pytest.fixture(scope="module")
def page(view) -> str:
    return to_html(view, title="Mariupol & the war")


def edge(view, statement_id):
    return next(e for e in view.edges if e.id == statement_id)


# ── the view model ──────────────────────────────────────────────────────────────────────


def test_counts_of_nodes_edges_and_statements(view):
    assert len(view.nodes) == 18
    assert len(view.edges) == 11  # 12 statements, one without an object
    assert len(view.statements) == 12
    assert (view.total_nodes, view.omitted_nodes, view.omitted_edges) == (18, 0, 0)
    assert view.articles == 2
    assert Counter(node.kind for node in view.nodes) == {
        "person": 4,
        "organization": 2,
        "place": 5,
        "event": 1,
        "entity": 1,
        "phrase": 2,
        "quotation": 1,
        "claim": 2,
    }


def test_node_types_read_as_a_reader_says_them(view):
    assert view.node(iri("entity/organization/european-union")).type_label == "Organization"
    assert view.node(iri("entity/creativework/minsk-agreements")).type_label == "Creative work"
    assert view.node(BORRELL).details == (("job title", "EU foreign policy chief"),)
    assert view.node(iri("entity/person/alexey-glushchak")).details == (("age", "31"),)


def test_reported_claim_is_a_node_and_its_statement_an_edge(view):
    claim = view.node(CLAIM)
    assert claim.kind == "claim"
    assert claim.label == "more than 2,400 civilians be kill in Mariupol"
    said = edge(view, SAY_CLAIM)
    assert (said.source, said.target, said.label) == (BORRELL, CLAIM, "say")
    assert not said.dashed
    inner = edge(view, CLAIM)
    assert (inner.source, inner.target, inner.label) == (
        iri("article/a1/phrase/more-than-2400-civilians"),
        iri("entity/place/mariupol"),
        "be kill in",
    )
    assert inner.dashed
    assert inner.flags == ("reported by Josep Borrell",)
    assert inner.statement.reported_by == SAY_CLAIM
    assert said.statement.summary == (
        "Josep Borrell say [more than 2,400 civilians be kill in Mariupol]"
    )
    assert said.statement.arguments == (("in", "Skopje"), ("on", "Monday"))
    # the claim node lists its own statement first, then who reported it
    assert claim.statement_ids == (CLAIM, SAY_CLAIM)


def test_edges_are_dashed_exactly_when_not_asserted(view):
    for e in view.edges:
        assert e.dashed == (not e.statement.asserted), e.id
    assert {e.label for e in view.edges if e.dashed} == {
        "be kill in", "flee", "die in", "capture", "bind"
    }


def test_negated_edge_is_red_and_flagged(view):
    negated = edge(view, NEGATED)
    assert negated.negated and negated.dashed
    assert negated.flags == ("negated",)
    red, green, blue = (int(negated.color[i : i + 2], 16) for i in (1, 3, 5))
    assert red > 150 and red > green + 60 and red > blue + 60
    assert all(not _reddish(e.color) for e in view.edges if not e.negated)


def _reddish(color: str) -> bool:
    red, green, blue = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return red > green + 60 and red > blue + 60


def test_hedged_and_possible_statements_are_flagged(view):
    flags = {e.label: e.flags for e in view.edges}
    assert flags["die in"] == ("hedged",)
    assert flags["bind"] == ("possible",)
    assert flags["attack"] == ()


def test_statement_without_object_is_listed_on_its_subject_not_drawn(view):
    assert NO_OBJECT not in {e.id for e in view.edges}
    talks = view.node(TALKS)
    assert talks.statement_ids == (NO_OBJECT,)
    statement = next(s for s in view.statements if s.id == NO_OBJECT)
    assert statement.object is None
    assert statement.summary == "Istanbul talks fail"


def test_edges_keep_their_source_sentences_and_articles(view):
    (source,) = edge(view, NEGATED).sources
    assert source.text == (
        "Russia has not captured Kyiv, and Ukraine accused Russia of shelling homes."
    )
    assert source.headline == "Talks stall as Russia presses on"
    assert source.url is None  # the article's url is "javascript:alert(1)": never a link
    (source,) = edge(view, SAY_CLAIM).sources
    assert source.url == "https://news.example.org/2022/03/14/mariupol"
    assert source.headline == f"EU: 2,400 civilians killed in Mariupol {IMG}"
    assert source.date == "2022-03-14"


def test_nodes_keep_aliases_and_the_sentences_they_appear_in(view):
    assert view.node(ZELENSKY).aliases == ("Zelenskyy",)
    assert view.node(BORRELL).aliases == ("Borrell", "Mr Borrell")
    assert [s.text[:22] for s in view.node(BORRELL).sources] == [
        "More than 2,400 civili",
        "Mr Borrell said that m",
    ]


def test_hostile_text_is_kept_as_plain_text(view):
    hostile = view.node(HOSTILE_PERSON)
    assert hostile.label == SCRIPT
    assert hostile.aliases == (IMG,)
    sentence = edge(view, iri("article/a2/statement/4")).sources[0].text
    # the line separator becomes a space; the markup stays as it is, to be shown as text
    assert sentence == f"{SCRIPT} met Volodymyr Zelensky in Kyiv. It was a </script><!-- test."


def test_legend_lists_node_types_and_edge_styles_present(view):
    assert [(entry.key, entry.count) for entry in view.legend] == [
        ("person", 4),
        ("organization", 2),
        ("place", 5),
        ("event", 1),
        ("entity", 1),
        ("phrase", 2),
        ("quotation", 1),
        ("claim", 2),
        ("asserted", 6),
        ("reported", 2),
        ("hedged", 2),
        ("negated", 1),
    ]
    colors = [entry.color for entry in view.legend[:8]]
    assert len(set(colors)) == 8  # one colour per node type
    for node in view.nodes:
        entry = next(entry for entry in view.legend if entry.key == node.kind)
        assert (node.color, node.shape) == (entry.color, entry.symbol)


def test_size_grows_with_degree(view):
    by_degree = sorted((n for n in view.nodes if n.kind != "claim"), key=lambda n: n.degree)
    assert by_degree[0].size < by_degree[-1].size
    assert view.nodes[0].label == "Ukraine" and view.nodes[0].degree == 4  # most connected first


def test_captions_do_not_overlap(view):
    """Each node's name is drawn below it; no two names may cover each other."""
    for index, a in enumerate(view.nodes):
        for b in view.nodes[index + 1 :]:
            widths = caption_width(a.caption) + caption_width(b.caption)
            apart_sideways = abs(a.x - b.x) >= widths / 2
            apart_in_height = abs(a.y - b.y) >= 30
            assert apart_sideways or apart_in_height, (a.caption, b.caption)


def test_long_names_are_shortened_on_the_canvas_only(view):
    quotation = next(node for node in view.nodes if node.kind == "quotation")
    assert quotation.caption == "“Due to the strict secrecy…"
    assert quotation.label.endswith("are not disclosed.”")


def test_parallel_edges_bend_apart(view):
    attack = edge(view, iri("article/a2/statement/2"))  # Russia → Ukraine
    accuse = edge(view, iri("article/a2/statement/1"))  # Ukraine → Russia
    assert attack.curve != 0 and accuse.curve != 0
    assert edge(view, NEGATED).curve == 0


def test_max_nodes_keeps_the_most_connected_and_counts_the_rest(graph, view):
    cut = build_view(graph, statements=True, max_nodes=5)
    assert len(cut.nodes) == 5
    assert (cut.total_nodes, cut.omitted_nodes) == (18, 13)
    assert [n.id for n in cut.nodes] == [n.id for n in view.nodes[:5]]
    kept = {n.id for n in cut.nodes}
    assert all(e.source in kept and e.target in kept for e in cut.edges)
    assert cut.omitted_edges == 11 - len(cut.edges)
    page = to_html(cut)
    assert "13 nodes left out" in page
    assert "Showing the 5 most connected of 18 nodes" in page


def test_no_omitted_line_when_nothing_was_cut(page):
    assert "left out" not in page


@pytest.mark.parametrize("max_nodes", [0, -3, True, "5", 2.5])
def test_max_nodes_must_be_a_positive_integer(graph, max_nodes):
    with pytest.raises(InputError, match="max_nodes must be a positive integer"):
        build_view(graph, statements=True, max_nodes=max_nodes)


def test_not_a_graph_is_refused():
    with pytest.raises(TypeError, match="rdflib Graph or Dataset"):
        build_view(str(FIXTURE))


def test_build_is_deterministic(graph, view):
    assert build_view(graph, statements=True) == view
    assert build_view(small_graph(), statements=True) == view  # a fresh parse: new blank nodes, same view
    assert to_html(build_view(small_graph(), statements=True)) == to_html(view)


@pytest.mark.parametrize("default_union", [True, False])
def test_dataset_with_named_graph_gives_the_same_view(view, default_union):
    dataset = Dataset(default_union=default_union)
    dataset.graph(URIRef("https://w3id.org/kgbuild/id/graph/run")).parse(FIXTURE)
    assert build_view(dataset, statements=True) == view


def test_oxigraph_store_gives_the_same_view(view):
    dataset = Dataset(store="Oxigraph")
    dataset.graph(URIRef("https://w3id.org/kgbuild/id/graph/run")).parse(FIXTURE)
    assert build_view(dataset, statements=True) == view


@pytest.mark.parametrize("statements", [True, False], ids=["statement-graph", "entity-view"])
def test_a_store_read_with_sparql_gives_the_same_view_as_rdflib(view, statements):
    """A KnowledgeStore is read in Oxigraph with the view's SPARQL, not term by term through
    rdflib: the same view, statement by statement, and the same networkx graph."""
    knowledge = KnowledgeGraph.load(FIXTURE)
    from_rdflib = small_graph()
    assert build_view(knowledge, statements=statements) == build_view(from_rdflib, statements=statements)
    assert build_view(knowledge.store, statements=True) == view
    from_store, from_terms = to_networkx(knowledge.store), to_networkx(from_rdflib)
    assert sorted(from_store.nodes(data=True)) == sorted(from_terms.nodes(data=True))
    assert sorted(from_store.edges(keys=True, data=True)) == sorted(from_terms.edges(keys=True, data=True))


def test_a_synthetic_corpus_reads_the_same_from_a_store_and_from_rdflib(tmp_path):
    rdflib_graph = synthetic_graph(400)
    rdflib_graph.serialize(tmp_path / "synthetic.nt", format="nt")
    knowledge = KnowledgeGraph.load(tmp_path / "synthetic.nt")
    assert build_view(knowledge) == build_view(rdflib_graph)


def test_empty_graph_gives_an_empty_page():
    empty = build_view(Graph(), statements=True)
    assert (empty.nodes, empty.edges, empty.legend) == ((), (), ())
    assert "0 nodes" in to_html(empty)


def test_to_networkx(graph):
    network = to_networkx(graph)
    assert isinstance(network, nx.MultiDiGraph)
    assert (network.number_of_nodes(), network.number_of_edges()) == (18, 11)
    assert network.nodes[ZELENSKY] == {
        "label": "Volodymyr Zelensky",
        "kind": "person",
        "type": "Person",
        "aliases": "Zelenskyy",
        "articles": 1,
        "statements_without_object": "",
    }
    assert network.nodes[TALKS]["statements_without_object"] == "Istanbul talks fail"
    attributes = network.edges[iri("entity/place/russia"), iri("entity/place/kyiv"), NEGATED]
    assert attributes["relation"] == "capture"
    assert attributes["sentence"].startswith("Russia has not captured Kyiv")
    assert (attributes["asserted"], attributes["negated"]) == (False, True)


def test_to_networkx_writes_as_graphml(graph, tmp_path):
    nx.write_graphml(to_networkx(graph), tmp_path / "graph.graphml")
    assert nx.read_graphml(tmp_path / "graph.graphml").number_of_edges() == 11


def test_large_graph_keeps_the_default_500_nodes():
    """(How long it takes is measured by benchmarks/view.py, not asserted here.)"""
    view = build_view(synthetic_graph(5000), statements=True)
    assert len(view.nodes) == 500 and view.omitted_nodes > 0


# ── the page ────────────────────────────────────────────────────────────────────────────

EXTERNAL = [
    r"""\b(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//""",  # attributes
    r"""@import""",
    r"""url\(\s*["']?\s*(?:https?:)?//""",
    r"""<link\b""",
    r"""<script[^>]*\bsrc\s*=""",
]


def test_page_loads_nothing_from_outside(page):
    for pattern in EXTERNAL:
        assert not re.search(pattern, page, re.IGNORECASE), pattern
    for host in ("cdnjs.cloudflare.com", "cdn.jsdelivr.net", "unpkg.com", "fonts.googleapis"):
        assert host not in page


def test_page_is_self_contained(page):
    assert "vis-network" in page and "@version 9.1.2" in page  # vis-network inlined
    assert "sourceMappingURL" not in page
    assert page.count("<script") == 3  # data, vis-network, our script
    assert "default-src 'none'" in page  # and a CSP forbids loading anything anyway


def test_hostile_text_cannot_break_out_of_the_page(page):
    lowered = page.lower()
    assert "<script>alert" not in lowered
    assert "<img src=x" not in lowered
    assert "</script><!--" not in lowered
    assert lowered.count("</script>") == 3
    assert "\u2028" not in page and "\u2029" not in page
    data = _page_data(page)
    names = {node["kgName"] or node["label"] for node in _records(data["nodes"])}
    assert SCRIPT in names  # …but the name itself is intact, for textContent to show
    assert any(IMG in (headline or "") for _, headline, *_ in data["articles"])


def test_title_is_escaped(view):
    page = to_html(view, title=f"War {SCRIPT}")
    assert "<title>War &lt;script&gt;alert(1)&lt;/script&gt;</title>" in page


def test_page_data_matches_the_view(page, view):
    data = _page_data(page)
    nodes, edges = _records(data["nodes"]), _records(data["edges"])
    statements = _records(data["statements"])
    assert len(nodes) == len(view.nodes)
    assert len(edges) == len(view.edges)
    assert len(statements) == len(view.statements)
    base = data["base"]
    assert base == "https://w3id.org/kgbuild/id/"
    assert [base + n["kgIri"] for n in nodes] == [n.id for n in view.nodes]
    iris = _statement_iris(data)
    assert iris == [s.id for s in view.statements]
    assert {iris[e["kgStatement"]] for e in edges} == {e.id for e in view.edges}
    for edge in edges:  # from and to are the statement's subject and object
        statement = statements[edge["kgStatement"]]
        assert (edge["from"], edge["to"]) == (statement["subject"], statement["object"])
    negated = statements[iris.index(NEGATED)]
    assert data["relations"][negated["relation"]] == "capture"
    assert data["edgeStyles"][negated["style"]][0] == "negated"
    assert data["flagSets"][negated["flags"]] == ["negated"]
    assert data["options"]["physics"]["enabled"] is False  # laid out in Python
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in nodes)


def test_page_data_writes_each_sentence_and_article_once(page, view):
    data = _page_data(page)
    texts = [text for text, _ in data["sentences"]]
    assert len(texts) == len(set(texts)) == len(
        {source.id for s in view.statements for source in s.sources}
    )
    assert len(data["articles"]) == 2
    headline = "Talks stall as Russia presses on"
    (article,) = [a for a in data["articles"] if a[1] == headline]
    assert article[2] is None  # javascript: url dropped
    assert page.count(headline) == 1
    sentence = "Russia has not captured Kyiv, and Ukraine accused Russia of shelling homes."
    assert page.count(sentence) == 1  # two statements come from it; it is written once


def test_summary_is_left_out_when_the_page_can_join_it(page, view):
    """A summary is written only when it is not subject, relation and object joined."""
    data = _page_data(page)
    summaries = dict(zip(_statement_iris(data), (s["summary"] for s in _records(data["statements"]))))
    assert summaries[NEGATED] == ""  # "Russia capture Kyiv"
    for statement in view.statements:
        joined = " ".join(
            p for p in (statement.subject_label, statement.relation, statement.object_label) if p
        )
        assert summaries[statement.id] in ("", statement.summary)
        assert summaries[statement.id] or joined == statement.summary


def test_script_json_cannot_close_the_script_and_still_parses():
    hostile = "</script><!--<script>&\u2028\u2029'\""
    text = script_json({"name": hostile})
    for raw in ("<", ">", "&", "\u2028", "\u2029"):
        assert raw not in text
    assert json.loads(text) == {"name": hostile}


def _records(table: dict) -> list[dict]:
    return [dict(zip(table["columns"], row)) for row in table["rows"]]


def _statement_iris(data: dict) -> list[str]:
    """The statements' IRIs as the page's script reads them back."""
    iris = []
    for statement in _records(data["statements"]):
        article = data["sentences"][statement["sentences"][0]][1] if statement["sentences"] else 0
        relative = statement["iri"]
        if relative.startswith("/"):
            iris.append(data["base"] + data["articles"][article][0] + relative)
        else:
            iris.append(relative[1:] if relative.startswith("<") else data["base"] + relative)
    return iris


def _page_data(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="kg-data"[^>]*>(.*?)</script>', page, re.S)
    assert match, "no data block"
    return json.loads(match.group(1))


def test_write_html_replaces_the_file_atomically(graph, tmp_path):
    target = tmp_path / "graph.html"
    target.write_text("old page")
    written = write_html(graph, target, title="Seed")
    assert written == target
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.html"]  # no temporary left


def test_write_html_into_a_missing_folder_says_so(graph, tmp_path):
    with pytest.raises(KgbuildError, match="exists and is writable"):
        write_html(graph, tmp_path / "missing" / "graph.html")


def test_rendering_writes_nothing_else(graph, tmp_path, monkeypatch):
    """pyvis writes a lib/ folder into the working directory when asked to write: never."""
    monkeypatch.chdir(tmp_path)
    write_html(graph, tmp_path / "graph.html")
    assert [p.name for p in tmp_path.iterdir()] == ["graph.html"]


# ── the package ─────────────────────────────────────────────────────────────────────────


def test_public_names_are_sorted_and_exist():
    assert kgbuild.render.__all__ == sorted(kgbuild.render.__all__)
    for name in kgbuild.render.__all__:
        assert hasattr(kgbuild.render, name)


def test_render_never_imports_spacy(tmp_path):
    code = (
        "import sys, rdflib; from kgbuild.render import write_html; "
        f"write_html(rdflib.Graph().parse({str(FIXTURE)!r}), {str(tmp_path / 'p.html')!r}); "
        "assert 'spacy' not in sys.modules, 'spacy imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[2])


# ── focus, sizes, styles and the page's weight ──────────────────────────────────────────

MARIUPOL = iri("entity/place/mariupol")
CIVILIANS = iri("article/a1/phrase/more-than-2400-civilians")
FLEE_CLAIM = iri("article/a1/statement/3")


@pytest.mark.parametrize("name", ["Josep Borrell", "mr borrell", "  BORRELL ", BORRELL])
def test_focus_is_found_by_name_alias_or_iri(graph, name):
    ego = build_view(graph, statements=True, focus=name)
    assert ego.focus == (BORRELL,)
    assert {n.id for n in ego.nodes} == {BORRELL, CLAIM, FLEE_CLAIM}
    assert ego.nodes[0].id == BORRELL and ego.nodes[0].hops == 0
    assert {n.hops for n in ego.nodes[1:]} == {1}
    assert {e.id for e in ego.edges} == {SAY_CLAIM, iri("article/a1/statement/2")}
    assert (ego.total_nodes, ego.omitted_nodes, ego.hops) == (18, 0, 1)


def test_focus_reaches_further_with_more_hops(graph):
    """A reported claim is next to its own subject and object, so two hops from Borrell
    reach what he said was killed where."""
    assert [n.id for n in build_view(graph, statements=True, focus="Borrell", hops=0).nodes] == [BORRELL]
    ego = build_view(graph, statements=True, focus="Borrell", hops=2)
    assert {CIVILIANS, MARIUPOL} <= {n.id for n in ego.nodes}
    assert edge(ego, CLAIM).source == CIVILIANS  # the claim's own statement is drawn
    assert max(n.hops for n in ego.nodes) == 2
    assert len(build_view(graph, statements=True, focus="Borrell", hops=9).nodes) < 18  # Zelensky is far off


def test_focus_with_max_nodes_keeps_the_nearest(graph):
    ego = build_view(graph, statements=True, focus="Borrell", hops=2, max_nodes=3)
    assert ego.nodes[0].id == BORRELL
    assert all(n.hops <= 1 for n in ego.nodes)
    scope = len(build_view(graph, statements=True, focus="Borrell", hops=2).nodes)
    assert ego.omitted_nodes == scope - 3
    page = to_html(ego)
    assert "Centred on Borrell and what is within 2 hops." in page
    assert f"Showing the 3 most connected of {scope} nodes near the focus" in page


def test_several_foci_and_names_shared_by_several_nodes(graph):
    ego = build_view(graph, statements=True, focus=["Zelenskyy", "Kyiv"], hops=0)
    assert set(ego.focus) == {ZELENSKY, iri("entity/place/kyiv")}
    assert ego.focus_name == "Zelenskyy, Kyiv"


def test_unknown_focus_suggests_close_names(graph):
    with pytest.raises(InputError, match=r"No node is called 'josep'\. Did you mean: 'Josep Borrell'\?"):
        build_view(graph, statements=True, focus="josep")
    with pytest.raises(InputError, match="No node is called 'Atlantis'. Give a name"):
        build_view(graph, statements=True, focus="Atlantis")


@pytest.mark.parametrize("hops", [-1, True, "2", 1.5])
def test_hops_must_be_a_whole_number(graph, hops):
    with pytest.raises(InputError, match="hops must be a whole number"):
        build_view(graph, statements=True, focus="Borrell", hops=hops)


def test_mentions_count_articles_and_size_the_nodes_too(view):
    ukraine = view.node(iri("entity/place/ukraine"))
    assert ukraine.mentions == 2  # kg:mentionedIn a1 and a2
    assert view.node(BORRELL).mentions == 1
    assert view.node(CLAIM).mentions == 1  # no kg:mentionedIn: its statements' articles
    assert ukraine.mention_size > view.node(BORRELL).mention_size


def test_each_edge_style_marks_what_the_article_does_not_state(view):
    styles = {e.label: e.style for e in view.edges}
    assert styles["capture"] == "negated"
    assert styles["die in"] == styles["bind"] == "hedged"  # hedged; possible
    assert styles["be kill in"] == styles["flee"] == "reported"
    assert styles["attack"] == styles["accuse"] == styles["meet"] == "asserted"
    data = _page_data(to_html(view))
    dashes = {key: pattern for key, _, _, pattern in data["edgeStyles"]}
    assert dashes["asserted"] == [] and len({tuple(p) for p in dashes.values()}) == 4


def test_hubs_list_some_statements_and_count_the_rest():
    from kgbuild.render.convert import LISTED_STATEMENTS

    view = build_view(synthetic_graph(2000), statements=True, max_nodes=60)
    hub = view.nodes[0]
    assert hub.statement_count > len(hub.statement_ids) >= LISTED_STATEMENTS
    drawn = {e.id for e in view.edges if hub.id in (e.source, e.target)}
    assert drawn <= set(hub.statement_ids)  # every edge drawn can be clicked through
    assert hub.unlisted and all(article for _, article in hub.unlisted)
    listed = {s.id for s in view.statements}
    assert {e.id for e in view.edges} <= listed
    articles = {a.id for a in view.article_list}
    assert {article for n in view.nodes for _, article in n.unlisted} <= articles
    assert {s.article for st in view.statements for s in st.sources} <= articles


def test_a_corpus_sized_page_stays_small():
    """5,000 statements over 833 entities, 500 drawn: each sentence, article, relation and
    statement is written once and referred to by index (the page was 6.8 MB before)."""
    graph = synthetic_graph(5000)
    view = build_view(graph, statements=True)
    page = to_html(view)
    data = _page_data(page)
    sentences = {source.id for s in view.statements for source in s.sources}
    assert len(data["sentences"]) == len(sentences)
    assert len(page.encode("utf-8")) < 1_500_000, len(page.encode("utf-8"))


def test_to_networkx_edges_carry_style_article_and_label(graph):
    network = to_networkx(graph)
    attributes = network.edges[BORRELL, CLAIM, SAY_CLAIM]
    assert attributes["label"] == attributes["relation"] == "say"
    assert attributes["style"] == "asserted"
    assert attributes["article"] == iri("article/a1")
    assert (attributes["date"], attributes["url"]) == (
        "2022-03-14", "https://news.example.org/2022/03/14/mariupol"
    )
    for _, _, values in network.edges(data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in values.values())
