"""The endpoint's query page in real headless Chromium: the answer drawn as a sortable table
with links for IRIs and CSV/JSON downloads, article text shown as text, nothing fetched
from elsewhere, and the page's Content-Security-Policy obeyed (no console errors). No model."""

from __future__ import annotations

import os
import shutil
import urllib.request
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from kgbuild.graph import KnowledgeStore
from kgbuild.graph.vocab import RDFS
from kgbuild.query.endpoint import SparqlEndpoint

CHROMIUM = os.environ.get("KGBUILD_CHROMIUM", "/usr/bin/chromium")
HOSTILE = '<img src=x onerror=alert("label")>'


@pytest.fixture(scope="module")
def endpoint():
    store = KnowledgeStore()
    store.add_triples([
        (URIRef("https://example.org/id/b"), RDFS.label, Literal("Bravo")),
        (URIRef("https://example.org/id/a"), RDFS.label, Literal("Alpha")),
        (URIRef("https://example.org/id/c"), RDFS.label, Literal(HOSTILE)),
    ])
    with SparqlEndpoint(store, port=0).start() as running:
        yield running


@pytest.fixture()
def page(endpoint):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("Playwright for Python is not installed (kgbuild's [test] extra has it)")
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        pytest.skip(f"Chromium is not at {CHROMIUM}")
    origin = endpoint.url.removesuffix("/sparql")
    elsewhere: list[str] = []
    errors: list[str] = []
    dialogs: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            context = browser.new_context()

            def route(route) -> None:
                if route.request.url.startswith(origin):
                    route.continue_()
                else:
                    elsewhere.append(route.request.url)
                    route.abort()

            context.route("**/*", route)
            opened = context.new_page()
            opened.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
            opened.on("pageerror", lambda error: errors.append(str(error)))
            opened.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            opened.goto(origin + "/", wait_until="load")
            yield opened, elsewhere, errors, dialogs
        finally:
            browser.close()


def test_the_answer_is_a_sortable_table_with_links_and_downloads(page, endpoint):
    opened, elsewhere, errors, dialogs = page
    opened.fill("textarea[name=query]", "SELECT ?entity ?label { ?entity rdfs:label ?label }")
    opened.select_option("select[name=format]", "table")
    opened.click("button[type=submit]")
    opened.wait_for_selector("#results table tbody tr")
    assert opened.locator("#results th").all_inner_texts() == ["entity", "label"]
    assert opened.locator("#results tbody tr").count() == 3
    assert opened.locator('#results a[href="https://example.org/id/a"]').count() == 1
    assert HOSTILE in opened.locator("#results tbody").inner_text()  # shown as text, not run
    opened.click("#results th >> text=label")
    labels = opened.locator("#results tbody tr td:nth-child(2)").all_inner_texts()
    assert labels == sorted(labels, key=str.lower) and opened.get_attribute("#results th:nth-child(2)",
                                                                           "aria-sort") == "ascending"
    opened.click("#results th >> text=label")
    assert opened.locator("#results tbody tr td:nth-child(2)").all_inner_texts() == labels[::-1]
    assert "3 rows" in opened.inner_text("#status")
    for name, media_type in (("csv", "text/csv"), ("json", "application/sparql-results+json")):
        link = opened.get_attribute(f"#download-{name}", "href")
        with urllib.request.urlopen(endpoint.url.removesuffix("/sparql") + link, timeout=30) as response:
            assert response.headers["Content-Type"].startswith(media_type)
            assert b"example.org/id/a" in response.read()
    assert elsewhere == [] and errors == [] and dialogs == []


def test_an_error_is_shown_as_one_line_of_text(page):
    opened, _, errors, dialogs = page
    opened.fill("textarea[name=query]", "SELECT * { ?s ?p }")
    opened.select_option("select[name=format]", "table")
    opened.click("button[type=submit]")
    opened.wait_for_selector("#status.error")
    assert "does not parse" in opened.inner_text("#status")
    assert dialogs == [] and [error for error in errors if "400" not in error] == []
