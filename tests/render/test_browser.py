"""The network page in headless Chromium, offline: what a reader sees and can do.

Set KGBUILD_SCREENSHOT=path.png to keep screenshots of the page.
"""

from __future__ import annotations

import pytest

from kgbuild.render import build_view, to_html
from kgbuild.render.relations import relation_family

from .browser import open_page, screenshot_if_requested, wait_until_drawn
from .graphs import iri, small_graph, synthetic_graph

pytestmark = pytest.mark.browser

ZELENSKY = iri("entity/person/volodymyr-zelensky")
BORRELL = iri("entity/person/josep-borrell")
HOSTILE_PERSON = iri("entity/person/script-alert-1-script")
NEGATED = iri("article/a2/statement/0")  # Russia capture Kyiv
MEET = iri("article/a2/statement/4")  # <script>… meet Zelensky
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def view():
    return build_view(small_graph(), statements=True)


@pytest.fixture(scope="module")
def html_path(view, tmp_path_factory):
    path = tmp_path_factory.mktemp("page") / "graph.html"
    path.write_text(to_html(view, title="Mariupol, March 2022"), encoding="utf-8")
    return path


def panel_text(page) -> str:
    return page.inner_text("#kg-panel")


def click_edge(page, edge_id: str) -> None:
    """A real mouse click on the middle of a straight edge."""
    point = page.evaluate(
        """(id) => {
            const edge = kgEdges.get(id);
            const ends = kgNetwork.getPositions([edge.from, edge.to]);
            const middle = {x: (ends[edge.from].x + ends[edge.to].x) / 2,
                            y: (ends[edge.from].y + ends[edge.to].y) / 2};
            const dom = kgNetwork.canvasToDOM(middle);
            const box = document.querySelector("#kg-network canvas").getBoundingClientRect();
            return {x: box.left + dom.x, y: box.top + dom.y};
        }""",
        edge_id,
    )
    page.mouse.click(point["x"], point["y"])


def node_point(page, node_id: str) -> dict:
    return page.evaluate(
        """(id) => {
            const dom = kgNetwork.canvasToDOM(kgNetwork.getPositions([id])[id]);
            const box = document.querySelector("#kg-network canvas").getBoundingClientRect();
            return {x: box.left + dom.x, y: box.top + dom.y};
        }""",
        node_id,
    )


def test_page_draws_offline_without_errors(html_path, view):
    with open_page(html_path) as (page, requests, console_errors, dialogs):
        wait_until_drawn(page)
        assert page.evaluate("kgNodes.length") == len(view.nodes)
        assert page.evaluate("kgEdges.length") == len(view.edges)
        drawn = page.evaluate(
            """() => {
                const canvas = document.querySelector("#kg-network canvas");
                const context = canvas.getContext("2d");
                const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
                let painted = 0;
                for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted++;
                return {width: canvas.width, height: canvas.height, painted: painted};
            }"""
        )
        assert drawn["width"] > 400 and drawn["height"] > 300
        assert drawn["painted"] > 2000, "the canvas is blank"
        legend = page.inner_text(".kg-legend")
        for label in ("Person", "Organization", "Place", "Reported claim", "negated"):
            assert label in legend
        assert page.inner_text("#kg-summary").startswith("18 nodes · 11 edges")
        screenshot_if_requested(page)
        assert requests == []
        assert console_errors == []
        assert dialogs == []


def test_search_finds_a_node_by_alias(html_path):
    with open_page(html_path) as (page, requests, console_errors, _):
        wait_until_drawn(page)
        page.fill("#kg-search", "Zelenskyy")
        assert "Volodymyr Zelensky" in page.inner_text("#kg-search-results")
        page.press("#kg-search", "Enter")
        assert page.evaluate("kgNetwork.getSelectedNodes()") == [ZELENSKY]
        assert page.inner_text("#kg-panel h2") == "Volodymyr Zelensky"
        page.fill("#kg-search", "mr borr")  # a prefix of an alias, any case
        page.press("#kg-search", "Enter")
        assert page.evaluate("kgNetwork.getSelectedNodes()") == [BORRELL]
        page.wait_for_timeout(500)  # the focus animation
        screenshot_if_requested(page, "panel")
        page.fill("#kg-search", "nobody of that name")
        page.press("#kg-search", "Enter")
        assert page.inner_text("#kg-search-status") == "No node is called that."
        assert requests == [] and console_errors == []


def test_clicking_an_edge_shows_its_sentence_and_flags(html_path):
    with open_page(html_path) as (page, requests, console_errors, _):
        wait_until_drawn(page)
        click_edge(page, NEGATED)
        assert page.evaluate("kgNetwork.getSelectedEdges()") == [NEGATED]
        text = panel_text(page)
        assert "Russia capture Kyiv" in text
        assert "Russia has not captured Kyiv, and Ukraine accused Russia of shelling homes." in text
        assert "Talks stall as Russia presses on" in text  # the article's headline
        assert "negated" in text
        # that article's url is "javascript:alert(1)": no link is made of it
        assert page.eval_on_selector_all("#kg-panel a", "links => links.length") == 0
        assert requests == [] and console_errors == []


def test_reported_claim_shows_who_reported_it(html_path):
    with open_page(html_path) as (page, _, console_errors, _dialogs):
        wait_until_drawn(page)
        click_edge(page, iri("article/a1/statement/1"))  # civilians be kill in Mariupol
        text = panel_text(page)
        assert "reported by Josep Borrell" in text
        assert "reported in: Josep Borrell say [more than 2,400 civilians" in text
        hrefs = page.eval_on_selector_all("#kg-panel a", "links => links.map(a => a.href)")
        assert hrefs == ["https://news.example.org/2022/03/14/mariupol"]
        assert console_errors == []


def test_hostile_text_is_shown_as_text_and_never_runs(html_path):
    with open_page(html_path) as (page, requests, console_errors, dialogs):
        wait_until_drawn(page)
        # the tooltip of the node named <script>…
        point = node_point(page, HOSTILE_PERSON)
        page.mouse.move(point["x"], point["y"])
        page.wait_for_selector("#kg-tooltip", state="visible")
        tooltip = page.inner_text("#kg-tooltip")
        assert SCRIPT in tooltip and IMG in tooltip
        # the side panel of its edge: the name, the sentence and the headline as text
        click_edge(page, MEET)
        text = panel_text(page)
        assert f"{SCRIPT} meet Volodymyr Zelensky" in text
        assert f"{SCRIPT} met Volodymyr Zelensky in Kyiv. It was a </script><!-- test." in text
        # the filters' lists show headlines as text too
        assert f"2022-03-14 · EU: 2,400 civilians killed in Mariupol {IMG}" in page.inner_text("#kg-article")
        page.fill("#kg-search", "Mr Borrell")
        page.press("#kg-search", "Enter")
        assert IMG in panel_text(page)  # a1's headline
        assert page.eval_on_selector_all("img", "images => images.length") == 0
        assert page.eval_on_selector_all("script", "scripts => scripts.length") == 3
        page.wait_for_timeout(300)  # an onerror handler would have fired by now
        assert dialogs == []
        assert requests == [] and console_errors == []


def test_physics_toggle_moves_nodes_then_off_freezes_them(html_path):
    with open_page(html_path) as (page, _, console_errors, _dialogs):
        wait_until_drawn(page)
        before = page.evaluate("kgNetwork.getPositions()")
        page.check("#kg-physics")
        page.wait_for_timeout(800)
        moved = page.evaluate("kgNetwork.getPositions()")
        assert moved != before
        page.uncheck("#kg-physics")
        frozen = page.evaluate("kgNetwork.getPositions()")
        page.wait_for_timeout(500)
        assert page.evaluate("kgNetwork.getPositions()") == frozen
        assert console_errors == []


def test_left_out_nodes_are_announced(tmp_path):
    view = build_view(small_graph(), statements=True, max_nodes=5)
    path = tmp_path / "cut.html"
    path.write_text(to_html(view), encoding="utf-8")
    with open_page(path) as (page, requests, console_errors, _):
        wait_until_drawn(page)
        assert page.evaluate("kgNodes.length") == 5
        assert page.is_visible("#kg-omitted")
        assert "13 nodes left out" in page.inner_text("#kg-omitted")
        assert requests == [] and console_errors == []


# ── filters, neighbourhood, sizes, focus ────────────────────────────────────────────────

RUSSIA = iri("entity/place/russia")
KYIV = iri("entity/place/kyiv")
PERSONS = {BORRELL, ZELENSKY, HOSTILE_PERSON, iri("entity/person/alexey-glushchak")}


def visible(page) -> tuple[set, set]:
    """Node and edge ids the network draws: vis-network's own lists, which leave out hidden
    nodes and the edges of hidden nodes; the page's count must agree with them."""
    nodes, edges, page_nodes, page_edges = page.evaluate(
        """() => [kgNetwork.body.nodeIndices, kgNetwork.body.edgeIndices,
                  kgFilters.visibleNodes(), kgFilters.visibleEdges()]"""
    )
    assert (set(nodes), set(edges)) == (set(page_nodes), set(page_edges))
    return set(nodes), set(edges)


def pixel(page, node_id: str) -> list[int]:
    """The colour of the canvas at the middle of a node."""
    return page.evaluate(
        """(id) => {
            const canvas = document.querySelector("#kg-network canvas");
            const dom = kgNetwork.canvasToDOM(kgNetwork.getPositions([id])[id]);
            const ratio = canvas.width / canvas.clientWidth;
            const data = canvas.getContext("2d").getImageData(
                Math.round(dom.x * ratio), Math.round(dom.y * ratio), 1, 1).data;
            return [data[0], data[1], data[2]];
        }""",
        node_id,
    )


def test_type_filter_hides_nodes_and_their_edges(html_path, view):
    with open_page(html_path) as (page, requests, console_errors, _):
        wait_until_drawn(page)
        all_nodes, all_edges = visible(page)
        assert len(all_nodes) == len(view.nodes) and len(all_edges) == len(view.edges)
        page.uncheck('.kg-legend input[value="person"]')
        nodes, edges = visible(page)
        assert nodes == all_nodes - PERSONS
        assert MEET not in edges and iri("article/a1/statement/0") not in edges
        assert page.inner_text("#kg-filter-status") == "Showing 14 of 18 nodes · 7 of 11 edges"
        page.uncheck('.kg-legend input[value="negated"]')  # a line style hides edges only
        assert NEGATED not in visible(page)[1] and {RUSSIA, KYIV} <= visible(page)[0]
        page.click("#kg-reset")
        assert visible(page) == (all_nodes, all_edges)
        assert page.is_checked('.kg-legend input[value="person"]')
        assert requests == [] and console_errors == []


def select_family(page, family: str) -> None:
    """Choose a relation family in the filter (its option says how many statements)."""
    value = page.evaluate(
        """(family) => [...document.querySelectorAll("#kg-relation option")]
            .find(option => option.textContent.startsWith(family + " (")).value""",
        family,
    )
    page.select_option("#kg-relation", value=value)


def test_relation_article_and_date_filters(html_path, view):
    view_edges = {edge.id: edge.statement.relation for edge in view.edges}
    with open_page(html_path) as (page, _, console_errors, _dialogs):
        wait_until_drawn(page)
        select_family(page, "conflict and violence")  # capture, attack, shell
        nodes, edges = visible(page)
        assert {RUSSIA, KYIV} <= nodes and NEGATED in edges
        assert all(relation_family(view_edges[edge]) == "conflict and violence" for edge in edges)
        page.select_option("#kg-relation", value="")
        page.select_option("#kg-article", label="Talks stall as Russia presses on")
        nodes, edges = visible(page)
        assert BORRELL not in nodes and {RUSSIA, ZELENSKY, HOSTILE_PERSON} <= nodes
        assert all("/article/a2/" in edge for edge in edges) and len(edges) == 5
        page.select_option("#kg-article", value="")
        # only a1 has a date: a range around it keeps a1's nodes, drops a2's
        page.fill("#kg-date-from", "2022-03-01")
        page.fill("#kg-date-to", "2022-03-31")
        page.dispatch_event("#kg-date-to", "change")
        nodes, edges = visible(page)
        assert BORRELL in nodes and RUSSIA not in nodes
        assert all("/article/a1/" in edge for edge in edges) and edges
        page.fill("#kg-date-to", "2022-03-13")
        page.dispatch_event("#kg-date-to", "change")
        assert visible(page) == (set(), set())
        # a node the filters hide is still found: choosing it shows everything again
        page.fill("#kg-search", "Zelensky")
        assert "filtered out" in page.inner_text("#kg-search-results")
        page.press("#kg-search", "Enter")
        assert ZELENSKY in visible(page)[0] and page.inner_text("#kg-filter-status") == ""
        assert console_errors == []


def test_selection_lights_up_the_neighbourhood(html_path):
    with open_page(html_path) as (page, _, console_errors, _dialogs):
        wait_until_drawn(page)
        borrell = pixel(page, BORRELL)
        assert borrell == [0x4E, 0x79, 0xA7]  # a person's blue
        point = node_point(page, RUSSIA)
        page.mouse.click(point["x"], point["y"])
        dimmed = set(page.evaluate("kgHighlight.dimmedNodes()"))
        lit = {RUSSIA, KYIV, iri("entity/place/ukraine")}
        assert dimmed == set(page.evaluate("kgNodes.getIds()")) - lit
        dimmed_edges = set(page.evaluate("kgHighlight.dimmedEdges()"))
        assert NEGATED not in dimmed_edges and MEET in dimmed_edges
        page.evaluate("() => new Promise(requestAnimationFrame)")
        assert all(value > 200 for value in pixel(page, BORRELL))  # veiled: nearly white
        assert pixel(page, KYIV) == [0x59, 0xA1, 0x4F]  # a place's green, as it was
        top = page.evaluate("document.querySelector('#kg-network').getBoundingClientRect().top")
        page.mouse.click(5, top + 5)  # empty canvas: everything lit again
        assert page.evaluate("kgHighlight.dimmedNodes()") == []
        page.evaluate("() => new Promise(requestAnimationFrame)")
        assert pixel(page, BORRELL) == borrell
        assert console_errors == []


def test_size_follows_degree_or_mentions(html_path, view):
    with open_page(html_path) as (page, _, console_errors, _dialogs):
        wait_until_drawn(page)
        ukraine = iri("entity/place/ukraine")
        size = f"kgNodes.get({ukraine!r}).size"
        assert page.evaluate(size) == view.node(ukraine).size
        page.select_option("#kg-size-by", "mentions")
        assert page.evaluate(size) == view.node(ukraine).mention_size
        assert console_errors == []


def test_an_ego_network_opens_on_its_centre(tmp_path):
    path = tmp_path / "ego.html"
    ego = build_view(small_graph(), statements=True, focus="Borrell", hops=2)
    path.write_text(to_html(ego), encoding="utf-8")
    with open_page(path) as (page, requests, console_errors, _):
        wait_until_drawn(page)
        assert page.evaluate("kgNodes.length") == len(ego.nodes) < 18
        assert page.evaluate("kgNetwork.getSelectedNodes()") == [BORRELL]
        assert page.inner_text("#kg-panel h2") == "Josep Borrell"
        assert page.inner_text("#kg-focus") == "Centred on Borrell and what is within 2 hops."
        assert requests == [] and console_errors == []


def test_the_notebook_iframe_draws_the_same_view_offline(tmp_path):
    from kgbuild.render import show

    path = tmp_path / "notebook.html"
    path.write_text(f"<!DOCTYPE html><body>{show(small_graph()).data}</body>", encoding="utf-8")
    with open_page(path) as (page, requests, console_errors, dialogs):
        frame = page.frame_locator("iframe").locator("#kg-network canvas")
        frame.wait_for()
        inner = page.frames[1]
        inner.wait_for_function("() => window.kgDrawn === true")
        view = build_view(small_graph())  # show() draws the entity view
        assert inner.evaluate("kgNodes.length") == len(view.nodes)
        assert inner.evaluate("kgEdges.length") == len(view.edges)
        assert requests == [] and console_errors == [] and dialogs == []


def test_a_large_page_opens_and_lists_what_it_left_out(tmp_path):
    graph = synthetic_graph(5000)
    view = build_view(graph, statements=True)
    path = tmp_path / "large.html"
    path.write_text(to_html(view), encoding="utf-8")
    with open_page(path) as (page, requests, console_errors, _):
        wait_until_drawn(page, timeout_ms=60_000)
        assert page.evaluate("kgNodes.length") == 500
        assert page.evaluate("kgEdges.length") == len(view.edges)
        hub = view.nodes[0]
        page.evaluate(f"kgPanel.showNode({hub.id!r})")
        text = panel_text(page)
        assert f"{hub.statement_count:,} statements" in text.replace("STATEMENTS", "statements")
        more = hub.statement_count - len(hub.statement_ids)
        assert f"The graph holds {more:,} more statements about {hub.label}" in text
        select_family(page, "conflict and violence")
        nodes, edges = visible(page)
        assert hub.id in nodes and 0 < len(edges) < len(view.edges)
        assert requests == [] and console_errors == []
