"""The seed article's view, exactly as `kgbuild build` writes it, in headless Chromium.

Set KGBUILD_SCREENSHOT=docs/view.png to refresh the README's screenshot.
"""

from __future__ import annotations

import pytest

from kgbuild.render import build_view

from .browser import open_page, screenshot_if_requested, wait_until_drawn

pytestmark = [pytest.mark.browser, pytest.mark.model]


def test_seed_view_draws_every_node_offline_with_no_errors(seed_build):
    graph, out = seed_build
    view = build_view(graph.dataset)
    with open_page(out / "graph.html") as (page, requests, console_errors, dialogs):
        wait_until_drawn(page)
        assert requests == []
        assert console_errors == []
        assert dialogs == []
        assert page.evaluate("kgNodes.length") == len(view.nodes) > 20
        assert page.evaluate("kgEdges.length") == len(view.edges)
        labels = page.evaluate("kgNodes.get().map(n => n.kgName)")
        assert {"Josep Borrell", "NATO", "Mariupol"} <= set(labels)
        page.fill("#kg-search", "Borrell")  # an alias: the label is "Josep Borrell"
        page.keyboard.press("Enter")
        selected = page.evaluate("kgNetwork.getSelectedNodes()")
        assert [page.evaluate(f"kgNodes.get({selected[0]!r}).kgName")] == ["Josep Borrell"]
        dimmed = page.evaluate("kgHighlight.dimmedNodes()")  # all but his neighbourhood
        assert selected[0] not in dimmed and 0 < len(dimmed) < len(view.nodes)
        # the README's screenshot: Borrell found, his neighbourhood lit, his statements listed
        page.wait_for_timeout(600)  # the zoom to him
        screenshot_if_requested(page)
        page.click("#kg-fit")
