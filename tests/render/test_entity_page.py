"""The entity view in headless Chromium: what a reader sees at first paint and can explore.

The OCR test reads the first paint back with tesseract (apt: tesseract-ocr), as a person
would read it: names must be legible, not merely present in the page's data.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from kgbuild.render import build_view, to_html

from .browser import open_page, screenshot_if_requested, wait_until_drawn
from .graphs import iri, small_graph

pytestmark = pytest.mark.browser

BORRELL = iri("entity/person/josep-borrell")
ZELENSKY = iri("entity/person/volodymyr-zelensky")
MARIUPOL = iri("entity/place/mariupol")


@pytest.fixture(scope="module")
def view():
    return build_view(small_graph())


@pytest.fixture(scope="module")
def html_path(view, tmp_path_factory):
    path = tmp_path_factory.mktemp("entity-page") / "entities.html"
    path.write_text(to_html(view), encoding="utf-8")
    return path


def visible(page) -> tuple[set[str], set[str]]:
    return (set(page.evaluate("kgFilters.visibleNodes()")), set(page.evaluate("kgFilters.visibleEdges()")))


def words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.casefold()))


def test_first_paint_labels_are_legible_to_ocr(seed_build, tmp_path):
    """The seed's first paint, read back by OCR: at least ten of its entities' names."""
    if not shutil.which("tesseract"):
        pytest.skip("tesseract is not installed (apt-get install tesseract-ocr)")
    graph, out = seed_build
    view = build_view(graph.dataset)
    with open_page(out / "graph.html") as (page, requests, console_errors, _):
        wait_until_drawn(page)
        page.wait_for_timeout(200)
        shot = tmp_path / "first-paint.png"
        page.locator("#kg-network").screenshot(path=str(shot))
        assert requests == [] and console_errors == []
        drawn_labels = page.evaluate("kgLabels.map(l => l.text)")
    text = subprocess.run(
        ["tesseract", str(shot), "-", "--psm", "11"], capture_output=True, text=True, check=True
    ).stdout
    read = words(text)
    names = {node.label for node in view.nodes if node.drawn}
    legible = {name for name in names if words(name) and f" {words(name)} " in f" {read} "}
    assert len(legible) >= 10, (sorted(legible), drawn_labels)
    assert page is not None


def test_heading_is_the_corpus_and_stories_are_listed(html_path, view):
    with open_page(html_path) as (page, requests, console_errors, _):
        wait_until_drawn(page)
        assert page.title() == view.heading == page.inner_text("h1")
        stories = page.locator(".kg-story")
        assert stories.count() == sum(1 for c in view.communities if c.size > 1) >= 2
        first = view.communities[0]
        assert first.name in stories.first.inner_text()
        stories.first.click()
        lit = set(page.evaluate("kgNetwork.body.nodeIndices")) - set(page.evaluate("kgHighlight.dimmedNodes()"))
        members = {n.id for n in view.nodes if n.community == first.index and n.drawn}
        assert members <= lit
        assert requests == [] and console_errors == []


def test_search_forgives_case_accents_titles_and_typos(html_path):
    with open_page(html_path) as (page, _, console_errors, _dialogs):
        wait_until_drawn(page)
        for query in ("zelenskyy", "Zelenski", "President Zelensky", "ZELÉNSKY", "volodymyr  zelensky!"):
            assert page.evaluate("(q) => kgSearch(q)[0]", query) == "Volodymyr Zelensky", query
        assert page.evaluate("(q) => kgSearch(q)[0]", "Mr Borrell") == "Josep Borrell"
        assert page.evaluate("(q) => kgSearch(q)[0]", "Mariupl") == "Mariupol"  # a letter left out
        page.fill("#kg-search", "borel")
        assert page.get_attribute("#kg-search", "aria-expanded") == "true"
        page.press("#kg-search", "Enter")
        assert page.evaluate("kgNetwork.getSelectedNodes()") == [BORRELL]
        assert "Josep Borrell" in page.inner_text("#kg-live")
        assert console_errors == []


def test_keyboard_moves_between_linked_nodes(html_path):
    with open_page(html_path) as (page, _, console_errors, _dialogs):
        wait_until_drawn(page)
        page.focus("#kg-network")
        page.keyboard.press("ArrowRight")  # lands on the most important node
        first = page.evaluate("kgNetwork.getSelectedNodes()")
        assert len(first) == 1
        seen = set(first)
        for key in ("ArrowDown", "ArrowRight", "ArrowUp", "ArrowLeft", "ArrowDown"):
            page.keyboard.press(key)
            seen.update(page.evaluate("kgNetwork.getSelectedNodes()"))
        assert len(seen) >= 3
        page.keyboard.press("Enter")
        selected = page.evaluate("kgNetwork.getSelectedNodes()")[0]
        name = page.evaluate("(id) => kgNodes.get(id).kgName", selected)
        assert page.inner_text("#kg-panel h2") == name
        page.click("#kg-table")
        assert page.locator("#kg-panel table th").count() == 4
        page.focus("#kg-network")
        page.keyboard.press("Escape")
        assert page.evaluate("kgNetwork.getSelectedNodes()") == []
        assert console_errors == []


def test_expand_hide_and_back(tmp_path):
    """With a small --max-nodes, a drawn entity's hidden neighbours come by "expand"."""
    view = build_view(small_graph(), max_nodes=2)
    drawn = [n for n in view.nodes if n.drawn]
    assert len(drawn) == 2
    path = tmp_path / "small.html"
    path.write_text(to_html(view), encoding="utf-8")
    with open_page(path) as (page, _, console_errors, _dialogs):
        wait_until_drawn(page)
        before = visible(page)[0]
        assert before == {n.id for n in drawn}
        hub = max(drawn, key=lambda n: n.importance)
        page.evaluate(f"kgPanel.showNode({hub.id!r})")
        page.click("#kg-panel .kg-actions button:first-child")  # expand all
        after = visible(page)[0]
        assert before < after
        page.evaluate(f"kgExplore.hide({hub.id!r})")
        assert hub.id not in visible(page)[0]
        page.click("#kg-back")
        assert hub.id in visible(page)[0]
        page.click("#kg-back")
        assert visible(page)[0] == before
        assert console_errors == []


def test_article_filter_draws_the_whole_article_and_other_filters_leave_no_dust(html_path, view):
    with open_page(html_path) as (page, _, console_errors, _dialogs):
        wait_until_drawn(page)
        page.select_option("#kg-article", label="Talks stall as Russia presses on")
        nodes, edges = visible(page)
        assert ZELENSKY in nodes and BORRELL not in nodes and edges
        shown = page.evaluate("kgNetwork.getPositions()")
        inside = page.evaluate(
            """(ids) => ids.every(id => { const p = kgNetwork.canvasToDOM(kgNetwork.getPositions([id])[id]);
                const box = document.getElementById("kg-network").getBoundingClientRect();
                return p.x >= 0 && p.y >= 0 && p.x <= box.width && p.y <= box.height; })""",
            sorted(nodes),
        )
        assert inside and shown
        page.select_option("#kg-article", value="")
        page.select_option("#kg-relation", index=1)  # the most used relation family
        nodes, edges = visible(page)
        ends = set(page.evaluate(
            "(ids) => ids.flatMap(id => [kgEdges.get(id).from, kgEdges.get(id).to])", sorted(edges)
        ))
        assert nodes and nodes == ends  # every node left has a visible edge
        assert console_errors == []


@pytest.mark.parametrize("size", [(390, 844), (1024, 700)])
def test_phone_and_small_screens(html_path, size):
    width, height = size
    with open_page(html_path) as (page, _, console_errors, _dialogs):
        page.set_viewport_size({"width": width, "height": height})
        wait_until_drawn(page)
        canvas = page.locator("#kg-network").bounding_box()
        assert canvas["width"] >= 0.9 * width if width < 700 else canvas["width"] >= 600
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.evaluate(f"kgPanel.showNode({BORRELL!r})")
        panel = page.locator("#kg-panel").bounding_box()
        assert panel["height"] > 100 and panel["y"] < height  # reachable on screen
        if width < 700:
            page.click("#kg-legend-toggle")
            assert page.locator(".kg-legend").is_visible()
        screenshot_if_requested(page, f"{width}x{height}")
        assert console_errors == []


def test_the_statements_button_switches_to_the_statement_graph_and_back(tmp_path):
    """One page, two views: the entity view draws entities only; "Statements" reloads the
    same file drawing every phrase and claim, with that view's legend; "Entities" returns."""
    from kgbuild.render import write_html

    path = write_html(small_graph(), tmp_path / "both.html")
    entity_kinds = {"person", "organization", "place", "event", "entity"}
    with open_page(path) as (page, requests, console_errors, _):
        wait_until_drawn(page)
        kinds = set(page.evaluate("kgNodes.get().map(n => n.kgKind)"))
        assert kinds <= entity_kinds
        assert page.locator(".kg-stories").count() == 1
        toggle = page.locator("#kg-view-toggle")
        assert toggle.inner_text() == "Statements"
        with page.expect_navigation():
            toggle.click()
        wait_until_drawn(page)
        assert page.url.endswith("#statements")
        kinds = set(page.evaluate("kgNodes.get().filter(n => !n.hidden).map(n => n.kgKind)"))
        assert {"phrase", "claim"} & kinds and entity_kinds & kinds
        legend = page.inner_text("#kg-legend")
        assert "Reported claim" in legend or "Noun phrase" in legend
        assert page.locator(".kg-stories").count() == 0  # the entity view's pieces are gone
        assert page.locator("#kg-summary").count() == 1
        assert "node" in page.inner_text("#kg-summary")
        assert page.locator("#kg-view-toggle").inner_text() == "Entities"
        with page.expect_navigation():
            page.locator("#kg-view-toggle").click()
        wait_until_drawn(page)
        assert set(page.evaluate("kgNodes.get().map(n => n.kgKind)")) <= entity_kinds
        assert requests == [] and console_errors == []


#: The colour of the canvas at an edge's middle, in the page's coordinates now.
EDGE_MIDDLE_PIXEL = """(id) => {
    const edge = kgNetwork.body.edges[id];
    const middle = kgNetwork.canvasToDOM({x: (edge.from.x + edge.to.x) / 2, y: (edge.from.y + edge.to.y) / 2});
    const canvas = document.querySelector("#kg-network canvas");
    const ratio = canvas.width / canvas.clientWidth;
    const pixels = canvas.getContext("2d").getImageData(
        Math.round(middle.x * ratio) - 2, Math.round(middle.y * ratio) - 2, 5, 5).data;
    let darkest = 765;
    for (let i = 0; i < pixels.length; i += 4) {  // on the page's white: a transparent pixel is white
        const alpha = pixels[i + 3] / 255;
        darkest = Math.min(darkest, 765 - alpha * (765 - pixels[i] - pixels[i + 1] - pixels[i + 2]));
    }
    return darkest;
}"""


def test_edges_and_nodes_stay_drawn_while_the_view_is_dragged(html_path):
    """While dragging, the page draws the edges and nodes itself in a few strokes (vis-network's
    own are skipped): an edge's middle is still inked mid-drag, and the nodes are still there."""
    with open_page(html_path) as (page, _, console_errors, _):
        wait_until_drawn(page)
        edge_id = page.evaluate("""() => kgEdges.get().filter(e => !e.hidden).map(e => e.id).sort((a, b) => {
            const length = (id) => { const e = kgNetwork.body.edges[id];
                return Math.hypot(e.from.x - e.to.x, e.from.y - e.to.y); };
            return length(b) - length(a); })[0]""")
        still = page.evaluate(EDGE_MIDDLE_PIXEL, edge_id)
        assert still < 600  # an inked line, not the white canvas
        box = page.locator("#kg-network canvas").bounding_box()
        start = page.evaluate("""() => { const c = document.querySelector("#kg-network canvas").getBoundingClientRect();
            for (let x = 10; x < c.width; x += 9) for (let y = 10; y < c.height; y += 9)
                if (kgNetwork.getNodeAt({x, y}) === undefined && kgNetwork.getEdgeAt({x, y}) === undefined) return {x, y};
        }""")
        page.mouse.move(box["x"] + start["x"], box["y"] + start["y"])
        page.mouse.down()
        for step in range(1, 6):
            page.mouse.move(box["x"] + start["x"] + 8 * step, box["y"] + start["y"] + 5 * step)
        page.evaluate("() => new Promise(requestAnimationFrame)")
        assert page.evaluate("kgMoving()")  # vis-network is skipping its own edges now
        moving = page.evaluate(EDGE_MIDDLE_PIXEL, edge_id)
        drawn_names = page.evaluate("kgLabels.length")
        page.mouse.up()
        assert moving < 600
        assert drawn_names > 0
        assert console_errors == []
