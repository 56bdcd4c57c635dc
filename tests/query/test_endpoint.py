"""The SPARQL endpoint, running on a free loopback port, queried over real HTTP with urllib
and with SPARQLWrapper. No model: the graph is a few hand-made triples in two article graphs
(a few hundred where a query must run long)."""

from __future__ import annotations

import csv
import http.client
import io
import json
import os
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ElementTree

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

from kgbuild.graph import KnowledgeStore
from kgbuild.graph.vocab import KG, RDF, RDFS
from kgbuild.query import endpoint as endpoint_module
from kgbuild.query.endpoint import EndpointLimits, SparqlEndpoint, negotiate
from kgbuild.query.page import query_page
from kgbuild.query.workers import CAN_FORK
from reliability.process import wait_until

BASE = "https://example.org/id/"
RUSSIA, NATO = URIRef(BASE + "entity/place/russia"), URIRef(BASE + "entity/organization/nato")
GRAPH_A, GRAPH_B = URIRef(BASE + "article/a/graph"), URIRef(BASE + "article/b/graph")


def small_store() -> KnowledgeStore:
    store = KnowledgeStore()
    store.replace_graph(GRAPH_A, [(RUSSIA, RDF.type, KG.Entity), (RUSSIA, RDFS.label, Literal("Russia"))])
    store.replace_graph(GRAPH_B, [(RUSSIA, RDF.type, KG.Entity), (RUSSIA, RDFS.label, Literal("Russia")),
                                  (NATO, RDF.type, KG.Entity), (NATO, RDFS.label, Literal('NATO "<&>"'))])
    return store


@pytest.fixture(scope="module")
def endpoint():
    with SparqlEndpoint(small_store(), port=0).start() as running:
        yield running


def request(url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None,
            method: str | None = None) -> tuple[int, str, bytes]:
    """(status, content type, body) of one request, errors included."""
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=data, headers=headers or {}, method=method),
                                    timeout=30) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


def get(endpoint: SparqlEndpoint, query: str, accept: str = "*/*", **parameters: str):
    return request(endpoint.url + "?" + urllib.parse.urlencode({"query": query, **parameters}),
                   headers={"Accept": accept})


NAMES = "SELECT ?name { ?e a kg:Entity ; rdfs:label ?name } ORDER BY ?name"


def test_get_answers_sparql_results_json_with_each_triple_once(endpoint):
    status, content_type, body = get(endpoint, NAMES)
    assert status == 200 and content_type.startswith("application/sparql-results+json")
    names = [b["name"]["value"] for b in json.loads(body)["results"]["bindings"]]
    assert names == ['NATO "<&>"', "Russia"]  # Russia is in two article graphs, answered once


@pytest.mark.parametrize("accept, check", [
    ("application/sparql-results+xml", lambda body: ElementTree.fromstring(body).tag.endswith("sparql")),
    ("text/csv", lambda body: list(csv.reader(io.StringIO(body.decode())))[1:] == [['NATO "<&>"'], ["Russia"]]),
    ("text/tab-separated-values", lambda body: body.decode().splitlines()[0] == "?name"),
    ("text/csv;q=0.2, application/sparql-results+json", lambda body: "bindings" in json.loads(body)["results"]),
])
def test_select_answers_are_negotiated(endpoint, accept, check):
    status, content_type, body = get(endpoint, NAMES, accept)
    assert status == 200 and content_type.startswith(accept.split(",")[-1].strip().split(";")[0])
    assert check(body)


def test_construct_answers_turtle_by_default_and_ntriples_on_request(endpoint):
    query = "CONSTRUCT { ?e rdfs:label ?name } WHERE { ?e rdfs:label ?name }"
    status, content_type, body = get(endpoint, query)
    assert status == 200 and content_type.startswith("text/turtle")
    assert len(Graph().parse(data=body.decode(), format="turtle")) == 2
    status, content_type, body = get(endpoint, query, "application/n-triples")
    assert content_type.startswith("application/n-triples") and len(body.decode().splitlines()) == 2
    status, content_type, _ = get(endpoint, query, format="ntriples")
    assert content_type.startswith("application/n-triples")
    status, _, body = get(endpoint, query, "text/csv")
    assert status == 406 and b"text/turtle" in body


def test_post_form_and_direct_query_bodies(endpoint):
    form = urllib.parse.urlencode({"query": "ASK { ?s rdfs:label 'Russia' }"}).encode()
    status, _, body = request(endpoint.url, data=form, headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 200 and json.loads(body)["boolean"] is True
    status, _, body = request(endpoint.url, data=NAMES.encode(), headers={"Content-Type": "application/sparql-query",
                                                                          "Accept": "text/csv"})
    assert status == 200 and body.decode().splitlines()[0] == "name"
    status, _, _ = request(endpoint.url, data=b"x", headers={"Content-Type": "text/plain"})
    assert status == 415


def test_default_graph_uri_limits_the_query_to_one_article(endpoint):
    status, _, body = get(endpoint, NAMES, **{"default-graph-uri": str(GRAPH_A)})
    assert status == 200
    assert [b["name"]["value"] for b in json.loads(body)["results"]["bindings"]] == ["Russia"]


@pytest.mark.parametrize("how", ["form update", "update body", "get update", "update as query", "put"])
def test_every_update_is_refused_with_403_and_changes_nothing(endpoint, how):
    drop = "DROP ALL"
    if how == "form update":
        answer = request(endpoint.url, data=urllib.parse.urlencode({"update": drop}).encode(),
                         headers={"Content-Type": "application/x-www-form-urlencoded"})
    elif how == "update body":
        answer = request(endpoint.url, data=drop.encode(), headers={"Content-Type": "application/sparql-update"})
    elif how == "get update":
        answer = request(endpoint.url + "?" + urllib.parse.urlencode({"update": drop}))
    elif how == "update as query":
        answer = get(endpoint, "PREFIX ex: <http://example.org/>\nINSERT DATA { ex:a ex:b ex:c }")
    else:
        answer = request(endpoint.url + "?default", data=b"<a:b> <a:c> <a:d> .", method="PUT",
                         headers={"Content-Type": "application/n-triples"})
    assert answer[0] == 403 and b"read-only" in answer[2]
    assert len(endpoint.store) == 4


def test_service_and_bad_queries_are_400_with_a_one_line_reason(endpoint):
    status, content_type, body = get(endpoint, "SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert status == 400 and content_type.startswith("text/plain") and b"SERVICE" in body
    status, _, body = get(endpoint, "SELECT ?x WHERE { ?x")
    assert status == 400 and body.decode().count("\n") == 1 and "does not parse" in body.decode()


def test_unknown_paths_and_missing_queries(endpoint):
    assert request(endpoint.url.replace("/sparql", "/nope"))[0] == 404
    assert request(endpoint.url)[0] == 400


def test_limits_on_time_answer_size_and_request_size():
    store = small_store()
    with SparqlEndpoint(store, port=0, limits=EndpointLimits(timeout=0)).start() as slow:
        status, _, body = get(slow, NAMES)
        assert status == 503 and b"longer than" in body
    with SparqlEndpoint(store, port=0, limits=EndpointLimits(max_result_bytes=60)).start() as small:
        status, _, body = get(small, NAMES)
        assert status == 400 and b"LIMIT" in body
        assert get(small, "ASK { ?s ?p ?o }")[0] == 200
    with SparqlEndpoint(store, port=0, limits=EndpointLimits(max_request_bytes=100)).start() as strict:
        host, port = urllib.parse.urlsplit(strict.url).netloc.split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        connection.request("POST", "/sparql", body=b"SELECT * {}" + b" " * 200,
                           headers={"Content-Type": "application/sparql-query"})
        assert connection.getresponse().status == 413
        connection.close()


def test_query_page_lists_the_packaged_queries_and_escapes_everything(endpoint):
    status, content_type, body = request(endpoint.url.replace("/sparql", "/"))
    page = body.decode()
    assert status == 200 and content_type.startswith("text/html")
    for name in ("who-said-what", "timeline-of-entity", "who-contradicts-whom", "entity-co-occurrence"):
        assert f'href="/?example={name}"' in page
    _, _, body = request(endpoint.url.replace("/sparql", "/?example=who-said-what"))
    assert "?speaker ?verb ?claim" in body.decode()
    _, _, body = request(endpoint.url.replace("/sparql", "/?example=%3Cscript%3E"))
    assert body.decode().count("<script") == 1  # the page's own script only
    crafted = query_page('http://h/"><script>', "/sparql",
                         {"<b>x</b>": "# <img src=x onerror=alert(1)>\nSELECT '</textarea>'"}, "<b>x</b>")
    assert crafted.count("<script") == 1 and "<img" not in crafted and "</textarea>'" not in crafted


def test_negotiation_prefers_quality_then_order():
    assert negotiate("text/csv;q=0.9, text/tab-separated-values", is_graph=False) == "text/tab-separated-values"
    assert negotiate("application/*", is_graph=False) == "application/sparql-results+json"
    assert negotiate("", is_graph=True) == "text/turtle"
    assert negotiate("text/csv", is_graph=False, format_name="xml") == "application/sparql-results+xml"


def test_sparqlwrapper_can_use_the_endpoint(endpoint):
    from SPARQLWrapper import CSV, JSON, POST, POSTDIRECTLY, TURTLE, XML, SPARQLWrapper

    client = SPARQLWrapper(endpoint.url)
    client.setQuery("PREFIX kg: <https://w3id.org/kgbuild/ns#>\n"
                    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n" + NAMES)
    client.setReturnFormat(JSON)
    names = [b["name"]["value"] for b in client.query().convert()["results"]["bindings"]]
    assert names == ['NATO "<&>"', "Russia"]
    client.setMethod(POST)
    assert [b["name"]["value"] for b in client.query().convert()["results"]["bindings"]] == names
    client.setRequestMethod(POSTDIRECTLY)
    assert [b["name"]["value"] for b in client.query().convert()["results"]["bindings"]] == names
    client.setReturnFormat(CSV)
    assert client.query().convert().decode().splitlines()[1:] == ['"NATO ""<&>"""', "Russia"]
    client.setReturnFormat(XML)
    assert client.query().convert().getElementsByTagName("literal")[1].firstChild.data == "Russia"

    graph_client = SPARQLWrapper(endpoint.url)
    graph_client.setQuery("CONSTRUCT WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?name }")
    graph_client.setReturnFormat(TURTLE)
    turtle = graph_client.query().convert()
    assert len(Graph().parse(data=turtle.decode(), format="turtle")) == 2
    graph_client.setReturnFormat(XML)  # RDF/XML for graphs
    assert len(graph_client.query().convert()) == 2

    ask = SPARQLWrapper(endpoint.url)
    ask.setQuery("ASK { ?s ?p ?o }")
    ask.setReturnFormat(JSON)
    assert ask.query().convert()["boolean"] is True


def test_sparqlwrapper_update_is_refused(endpoint):
    from SPARQLWrapper import POST, SPARQLWrapper

    client = SPARQLWrapper(endpoint.url)
    client.setMethod(POST)
    client.setQuery("DELETE WHERE { ?s ?p ?o }")
    with pytest.raises(urllib.error.HTTPError) as refused:
        client.query()
    assert refused.value.code == 403
    assert len(endpoint.store) == 4


def test_a_port_in_use_is_a_clear_error(endpoint):
    from kgbuild.errors import EndpointError

    port = int(urllib.parse.urlsplit(endpoint.url).port)
    with pytest.raises(EndpointError, match="--port"):
        SparqlEndpoint(small_store(), port=port)


def test_oxigraph_terms_round_trip_in_results(endpoint):
    status, _, body = get(endpoint, "SELECT (STRLEN('é') AS ?n) (<http://x/é> AS ?iri) {}")
    assert status == 200
    row = json.loads(body)["results"]["bindings"][0]
    assert row["n"]["value"] == "1" and row["iri"] == {"type": "uri", "value": "http://x/é"}
    assert ox.NamedNode(row["iri"]["value"])


# ── queries run in worker processes, which are killed when they run too long ────────────

COUNT_CROSS_PRODUCT = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # 500³ rows: minutes of work


def large_store(entities: int = 250) -> KnowledgeStore:
    store = KnowledgeStore()
    store.replace_graph(GRAPH_A, [triple for number in range(entities) for triple in (
        (URIRef(f"{BASE}entity/e{number}"), RDF.type, KG.Entity),
        (URIRef(f"{BASE}entity/e{number}"), RDFS.label, Literal(f"Entity {number}")))])
    return store


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.skipif(not CAN_FORK, reason="this platform runs queries in threads, which cannot be stopped")
def test_a_query_over_the_time_limit_is_answered_503_and_its_worker_killed():
    limits = EndpointLimits(timeout=1, max_concurrent_queries=2)
    with SparqlEndpoint(large_store(), port=0, limits=limits).start() as endpoint:
        before = endpoint.worker_pids
        assert len(before) == 2 and os.getpid() not in before
        status, _, body = get(endpoint, COUNT_CROSS_PRODUCT)
        assert status == 503 and b"longer than 1 s and was stopped" in body
        after = endpoint.worker_pids
        killed = set(before) - set(after)
        assert len(killed) == 1 and len(after) == 2  # one worker killed, and a new one in its place
        assert wait_until(lambda: not any(alive(pid) for pid in killed))  # its core is free
        status, _, body = get(endpoint, NAMES)
        assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 250


@pytest.mark.skipif(not CAN_FORK, reason="no worker processes on this platform")
def test_closing_the_endpoint_ends_its_workers():
    endpoint = SparqlEndpoint(small_store(), port=0).start()
    workers = endpoint.worker_pids
    assert workers and all(alive(pid) for pid in workers)
    endpoint.close()
    assert wait_until(lambda: not any(alive(pid) for pid in workers))


def test_a_store_on_disk_is_served_by_workers_that_open_it_read_only(tmp_path):
    store = KnowledgeStore.open(tmp_path / "store", create=True)
    store.replace_graph(GRAPH_A, [(RUSSIA, RDF.type, KG.Entity), (RUSSIA, RDFS.label, Literal("Russia"))])
    try:
        with SparqlEndpoint(store, port=0).start() as endpoint:
            status, _, body = get(endpoint, NAMES)
            assert status == 200 and [b["name"]["value"] for b in json.loads(body)["results"]["bindings"]] == ["Russia"]
            assert get(endpoint, "SELECT * {", "text/csv")[0] == 400
            assert get(endpoint, "DELETE WHERE { ?s ?p ?o }")[0] == 403
        assert len(store) == 2
    finally:
        store.close()


def test_without_fork_queries_run_in_threads(monkeypatch):
    monkeypatch.setattr(endpoint_module, "CAN_FORK", False)
    with SparqlEndpoint(small_store(), port=0).start() as endpoint:
        assert endpoint.worker_pids == []
        status, _, body = get(endpoint, NAMES, "text/csv")
        assert status == 200 and body.decode().splitlines() == ["name", '"NATO ""<&>"""', "Russia"]
        assert get(endpoint, "SELECT * {")[0] == 400
