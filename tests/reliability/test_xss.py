"""Article text is hostile: 64 XSS payloads in headlines, sentences, entity names, bylines,
sources, URLs and ids are built into a graph whose page runs none of them, whose Turtle
parses back to the same triples in rdflib and Oxigraph, and whose IRIs hold no raw text.
"""

from __future__ import annotations

import re
import unicodedata

import pyoxigraph as ox
import pytest
from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.compare import isomorphic

import kgbuild
from kgbuild.graph import vocab
from kgbuild.render import write_html
from kgbuild.types import Article
from render.browser import open_page, wait_until_drawn

from .payloads import XSS_PAYLOADS
from .terms import rdflib_term

pytestmark = pytest.mark.model

#: The characters an IRI may hold as written (RFC 3986); everything else is percent-encoded.
IRI_CHARACTERS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")
#: Elements no payload may leave in the page (the stories list is the page's own <details>;
#: a <template> of the other view is inert, never rendered, and swapped in only when drawn).
INJECTED = ("iframe, object, embed, img, video, audio, svg, math, base, link, form, xss, marquee, "
            "details:not(#kg-legend details.kg-stories), "
            "meta[http-equiv]:not([http-equiv='Content-Security-Policy'])")

#: Uses every part of the page a label can reach: each carried node's and edge's panel and
#: tooltip, the table of what is drawn, the names drawn on the canvas, the search list, and
#: every filter option (each article's own drawing: its panels and its table). Returns how
#: many panels were drawn and the text every one of these showed.
EXERCISE = """(queries) => {
    let shown = 0;
    const seen = [document.title, document.querySelector("header").textContent];
    const text = (selector) => { seen.push(document.querySelector(selector).textContent); };
    const emitter = kgNetwork.body.emitter;
    const hover = {pointer: {DOM: {x: 20, y: 20}}};
    const visible = (dataset) => dataset.get({filter: (item) => !item.hidden}).map((item) => item.id);
    function usePanels(nodeIds, edgeIds) {
        for (const id of nodeIds) {
            kgPanel.showNode(id); shown += 1; text("#kg-panel");
            emitter.emit("hoverNode", {node: id, ...hover});
        }
        for (const id of edgeIds) {
            kgPanel.showEdge(id); shown += 1; text("#kg-panel");
            emitter.emit("hoverEdge", {edge: id, ...hover});
        }
        kgNetwork.unselectAll();
        kgPanel.showTable(); text("#kg-panel");
        kgNetwork.redraw();
        seen.push(kgLabels.map((label) => label.text).join("\\n"));
    }
    usePanels(kgNodes.getIds(), kgEdges.getIds());
    const search = document.getElementById("kg-search");
    for (const query of queries) {
        search.value = query;
        search.dispatchEvent(new Event("input", {bubbles: true}));
        text("#kg-search-results");
    }
    for (const select of document.querySelectorAll("select")) {
        for (const option of select.options) {
            select.value = option.value;
            select.dispatchEvent(new Event("change", {bubbles: true}));
            seen.push(option.textContent);
            if (select.id === "kg-article" && option.value !== "") {
                usePanels(visible(kgNodes), visible(kgEdges));
            }
        }
        select.value = select.options[0].value;
        select.dispatchEvent(new Event("change", {bubbles: true}));
    }
    return {shown: shown, seen: seen};
}"""


def hostile_articles() -> list[Article]:
    """One article per payload, which appears in every field an article has."""
    articles = []
    for number, payload in enumerate(XSS_PAYLOADS):
        articles.append(Article(
            id=payload if number % 3 == 0 else f"xss-{number}",
            title=f"Port attacked {payload}",
            text=(f"Officials in Odesa said {payload} attacked the port on Monday. "
                  f"President Anna {payload} Kowalski met Mayor Ivan Petrov in Kyiv, and "
                  f"\"{payload}\" was all she said."),
            url=payload if number % 2 else f"https://news.example.org/{number}?q={payload}",
            source=payload,
            authors=(f"Jane {payload}",),
            date="2022-03-14",
        ))
    return articles


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    errors = []
    graph = kgbuild.build(hostile_articles(), on_error=errors.append)
    out = tmp_path_factory.mktemp("xss")
    graph.save(out)
    return graph, out, errors


@pytest.fixture(scope="module")
def turtle(hostile) -> Graph:
    return Graph().parse(hostile[1] / "graph.ttl", format="turtle")


def test_every_hostile_article_is_built(hostile):
    graph, _, errors = hostile
    assert errors == []
    assert graph.summary.articles == len(XSS_PAYLOADS)


def test_payloads_reach_headlines_sentences_and_entity_names(turtle):
    headlines = {str(o) for o in turtle.objects(None, vocab.SDO.headline)}
    assert headlines == {f"Port attacked {payload}" for payload in XSS_PAYLOADS}
    labels = [str(label) for entity in turtle.subjects(RDF.type, vocab.KG.Entity)
              for label in turtle.objects(entity, RDFS.label)]
    assert sum(("<" in label or "alert" in label) for label in labels) >= 10, labels


def test_no_iri_holds_raw_text(turtle):
    iris = {str(term) for triple in turtle for term in triple if isinstance(term, URIRef)}
    raw = [iri for iri in iris if not IRI_CHARACTERS.fullmatch(iri)]
    assert raw == []
    assert not [iri for iri in iris if "javascript:" in iri.lower() or "alert(" in iri]


def test_turtle_parses_back_the_same_in_rdflib_and_oxigraph(hostile, turtle):
    graph, out, _ = hostile
    oxigraph = Graph()
    for triple in ox.parse(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE):
        oxigraph.add(tuple(rdflib_term(term) for term in (triple.subject, triple.predicate, triple.object)))
    built = Graph()
    for quad in graph.store.oxigraph.quads_for_pattern(None, None, None, ox.DefaultGraph()):
        built.add(tuple(rdflib_term(term) for term in (quad.subject, quad.predicate, quad.object)))
    assert len(turtle) == len(oxigraph) == len(built)
    assert isomorphic(turtle, oxigraph)
    assert isomorphic(turtle, built)


def test_sparql_bindings_keep_hostile_values_as_values(hostile):
    """Values are bound, never pasted: a payload that closes a string matches nothing."""
    graph = hostile[0]
    everything = len(graph.query("SELECT ?s { ?s ?p ?o }"))
    for payload in [*XSS_PAYLOADS, '" } UNION { ?s ?p ?o } #', "'} ; DROP ALL ; #"]:
        rows = graph.query("SELECT ?s ?name { ?s rdfs:label ?name }", bindings={"name": payload})
        assert len(rows) < everything


@pytest.mark.browser
def test_the_built_page_runs_no_payload(hostile):
    """The page a build writes: every payload is shown, none runs, in the entity view and in
    the statement graph its "Statements" button draws (phrases and claims as nodes)."""
    _assert_page_runs_nothing(hostile[1] / "graph.html")


@pytest.mark.browser
def test_a_page_of_hostile_entity_names_runs_no_payload(turtle, tmp_path):
    """Every entity renamed to a payload (and given the others as aliases), as if NER had
    taken the markup for a name; relations and job titles carry payloads too."""
    graph = Graph()
    for triple in turtle:
        graph.add(triple)
    entities = sorted(set(graph.subjects(RDF.type, vocab.KG.Entity)))
    for number, entity in enumerate(entities):
        graph.remove((entity, RDFS.label, None))
        graph.add((entity, RDFS.label, Literal(XSS_PAYLOADS[number % len(XSS_PAYLOADS)])))
        for payload in XSS_PAYLOADS[number::len(entities)]:
            graph.add((entity, SKOS.altLabel, Literal(payload)))
        graph.add((entity, vocab.SDO.jobTitle, Literal(XSS_PAYLOADS[-number - 1])))
    for number, relation in enumerate(sorted(set(graph.subjects(RDF.type, vocab.KG.Relation)))):
        graph.remove((relation, RDFS.label, None))
        graph.add((relation, RDFS.label, Literal(XSS_PAYLOADS[(number * 7) % len(XSS_PAYLOADS)])))
    title = "<script>alert('title')</script>"
    path = write_html(graph, tmp_path / "hostile-names.html", title=title)  # both views
    _assert_page_runs_nothing(path, also_shown=[title])


def _assert_page_runs_nothing(path, also_shown=()) -> None:
    """Every payload is shown as text somewhere a reader looks, and none of them runs."""
    seen_texts = []
    with open_page(path) as (page, requests, console_errors, dialogs):
        wait_until_drawn(page)
        views = 0
        while True:  # the page's own view, then the other one it carries ("Statements")
            scripts = page.eval_on_selector_all("script", "scripts => scripts.length")
            used = page.evaluate(EXERCISE, [payload[:40] for payload in XSS_PAYLOADS[::4]])
            assert used["shown"] > 0
            seen_texts += used["seen"]
            page.wait_for_timeout(600)  # past the tooltip delay: onerror and onload would have fired
            panel = page.inner_text("#kg-panel")
            assert dialogs == []
            assert page.evaluate("() => window.__pwned === undefined && parent.__pwned === undefined")
            assert requests == []
            assert page.eval_on_selector_all("script", "scripts => scripts.length") == scripts
            assert page.eval_on_selector_all(INJECTED, "found => found.map(e => e.outerHTML.slice(0, 80))") == []
            assert not [error for error in console_errors if "Content Security Policy" in error or "uncaught" in error]
            assert panel  # the last panel drawn shows its text
            views += 1
            if views == 2 or page.locator("#kg-view-toggle").is_hidden():
                break
            with page.expect_navigation():
                page.locator("#kg-view-toggle").click()
            wait_until_drawn(page)
        assert views == 2  # write_html's pages carry both views
    # shown as the very text it is: not dropped, not run, not escaped twice ("&amp;lt;")
    seen = _as_displayed("\n".join(seen_texts))
    not_shown = [p for p in [*XSS_PAYLOADS, *also_shown] if _as_displayed(p) not in seen]
    assert not_shown == []


def _as_displayed(text: str) -> str:
    """Text as a page shows it: invisible format and control characters out (the view
    drops bidi overrides and controls on purpose), whitespace collapsed."""
    visible = "".join(c for c in text if unicodedata.category(c) not in ("Cc", "Cf"))
    return " ".join(visible.split())
