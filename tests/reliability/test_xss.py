"""Article text is hostile: 64 XSS payloads in headlines, sentences, entity names, bylines,
sources, URLs and ids are built into a graph whose page runs none of them, whose Turtle
parses back to the same triples in rdflib and Oxigraph, and whose IRIs hold no raw text.
"""

from __future__ import annotations

import re

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
#: Elements no payload may leave in the page.
INJECTED = ("iframe, object, embed, img, video, audio, svg, math, base, link, form, xss, details, marquee, "
            "meta[http-equiv]:not([http-equiv='Content-Security-Policy'])")

#: Uses every part of the page a label can reach: each node's and edge's panel and tooltip,
#: the search list, the filters; returns how many panels were drawn.
EXERCISE = """(queries) => {
    let shown = 0;
    const emitter = kgNetwork.body.emitter;
    for (const id of kgNodes.getIds()) {
        kgPanel.showNode(id); shown += 1;
        emitter.emit("hoverNode", {node: id, pointer: {DOM: {x: 20, y: 20}}});
    }
    for (const id of kgEdges.getIds()) {
        kgPanel.showEdge(id); shown += 1;
        emitter.emit("hoverEdge", {edge: id, pointer: {DOM: {x: 20, y: 20}}});
    }
    const search = document.getElementById("kg-search");
    for (const query of queries) {
        search.value = query;
        search.dispatchEvent(new Event("input", {bubbles: true}));
    }
    for (const select of document.querySelectorAll("select")) {
        for (const option of select.options) {
            select.value = option.value;
            select.dispatchEvent(new Event("change", {bubbles: true}));
        }
    }
    return shown;
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
    path = write_html(graph, tmp_path / "hostile-names.html", title="<script>alert('title')</script>")
    _assert_page_runs_nothing(path)


def _assert_page_runs_nothing(path) -> None:
    with open_page(path) as (page, requests, console_errors, dialogs):
        wait_until_drawn(page)
        scripts = page.eval_on_selector_all("script", "scripts => scripts.length")
        shown = page.evaluate(EXERCISE, [payload[:40] for payload in XSS_PAYLOADS[::4]])
        assert shown > len(XSS_PAYLOADS)
        page.wait_for_timeout(600)  # past the tooltip delay: onerror and onload would have fired
        panel = page.inner_text("#kg-panel")
        assert dialogs == []
        assert page.evaluate("() => window.__pwned === undefined && parent.__pwned === undefined")
        assert requests == []
        assert page.eval_on_selector_all("script", "scripts => scripts.length") == scripts
        assert page.eval_on_selector_all(INJECTED, "found => found.map(e => e.outerHTML.slice(0, 80))") == []
        assert not [error for error in console_errors if "Content Security Policy" in error or "uncaught" in error]
        assert panel  # the last panel drawn shows its text


