"""Pushing graphs with the Graph Store Protocol to a real `oxigraph serve` process (the
PyPI package `oxigraph`), then querying that server to check what arrived; and retries and
refusals against small loopback servers that misbehave on purpose."""

from __future__ import annotations

import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kgbuild.errors import EndpointError
from kgbuild.graph import KnowledgeStore
from kgbuild.graph.push import push
from kgbuild.graph.vocab import KG, RDF, RDFS

BASE = "https://example.org/id/"
RUSSIA = URIRef(BASE + "entity/place/russia")
GRAPH_A, GRAPH_B = URIRef(BASE + "article/a/graph"), URIRef(BASE + "article/b/graph")
REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def oxigraph_binary() -> str:
    found = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    if found is None:
        message = "the oxigraph server (pip install 'kgbuild[test]') is not installed"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return found


class OxigraphServer:
    """`oxigraph serve` on a free loopback port with its data in a temporary directory."""

    def __init__(self, location: Path) -> None:
        binary = oxigraph_binary()
        for _ in range(3):  # another process may take the free port first: try another
            self.port = free_port()
            self.process = subprocess.Popen([binary, "serve", "--location", str(location), "--bind",
                                             f"127.0.0.1:{self.port}"],
                                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            if self._ready():
                return
            self.stop()
        raise RuntimeError("oxigraph serve did not start")

    def _ready(self) -> bool:
        for _ in range(150):  # at most about 15 s
            if self.process.poll() is not None:
                return False
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return True
            except OSError:
                time.sleep(0.1)
        return False

    @property
    def store_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/store"

    def query(self, sparql: str, accept: str = "application/sparql-results+json") -> bytes:
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}/query",
                                         data=urllib.parse.urlencode({"query": sparql}).encode(),
                                         headers={"Accept": accept,
                                                  "Content-Type": "application/x-www-form-urlencoded"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.read()

    def graph(self, name: str) -> Graph:
        turtle = self.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}", "text/turtle")
        return Graph().parse(data=turtle.decode(), format="turtle")

    def graph_names(self) -> list[str]:
        answer = json.loads(self.query("SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"))
        return [row["g"]["value"] for row in answer["results"]["bindings"]]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=15)


@pytest.fixture
def oxigraph(tmp_path):
    server = OxigraphServer(tmp_path / "oxigraph-data")
    yield server
    server.stop()


def local_graph(store: KnowledgeStore, name: URIRef) -> Graph:
    import pyoxigraph as ox

    text = store.oxigraph.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(str(name)))
    return Graph().parse(data=text.decode(), format="nt")


@pytest.mark.model
def test_every_triple_of_every_article_graph_arrives(seed_build, oxigraph):
    graph, _ = seed_build
    report = push(graph.store, oxigraph.store_url)
    names = [str(name) for name in graph.store.graph_names()]
    assert report.graphs == len(names) and report.triples > 1000
    assert oxigraph.graph_names() == names
    for name in names:
        assert isomorphic(oxigraph.graph(name), local_graph(graph.store, URIRef(name)))  # blank nodes too


def test_pushing_again_replaces_rather_than_duplicates(oxigraph):
    store = KnowledgeStore()
    store.replace_graph(GRAPH_A, [(RUSSIA, RDF.type, KG.Entity), (RUSSIA, RDFS.label, Literal("Russia"))])
    store.replace_graph(GRAPH_B, [(RUSSIA, RDFS.label, Literal("Russia"))])
    push(store, oxigraph.store_url)
    push(store, oxigraph.store_url)
    assert len(oxigraph.graph(str(GRAPH_A))) == 2 and len(oxigraph.graph(str(GRAPH_B))) == 1
    store.replace_graph(GRAPH_A, [(RUSSIA, RDFS.label, Literal("Russian Federation"))])
    report = push(store, oxigraph.store_url)
    assert (report.graphs, report.triples) == (2, 2)
    assert set(oxigraph.graph(str(GRAPH_A))) == {(RUSSIA, RDFS.label, Literal("Russian Federation"))}
    total = json.loads(oxigraph.query("SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"))
    assert total["results"]["bindings"][0]["n"]["value"] == "2"


def test_one_named_graph_on_request_and_loose_triples_to_the_default_graph(oxigraph):
    store = KnowledgeStore()
    store.replace_graph(GRAPH_A, [(RUSSIA, RDFS.label, Literal("Russia"))])
    store.add_triples([(RUSSIA, RDFS.comment, Literal("corpus-level"))])
    report = push(store, oxigraph.store_url)
    assert report.graphs == 2
    default = json.loads(oxigraph.query("SELECT ?o { ?s <http://www.w3.org/2000/01/rdf-schema#comment> ?o }"))
    assert [row["o"]["value"] for row in default["results"]["bindings"]] == ["corpus-level"]
    push(store, oxigraph.store_url, graph="https://example.org/graph/all")
    assert len(oxigraph.graph("https://example.org/graph/all")) == 2


# ── a store that loses articles: push deletes their graphs, and only theirs ────────────────

@pytest.mark.model
def test_push_after_remove_deletes_the_removed_articles_graph(tmp_path, oxigraph):
    import kgbuild
    from kgbuild import Article, KnowledgeGraph

    kgbuild.build([Article(id="kept", title="Strike", text="Russia attacked the hospital on Sunday."),
                   Article(id="gone", title="Talks", text="NATO said it had no personnel in Ukraine.")],
                  store=tmp_path / "store").close()
    with KnowledgeGraph.open_store(tmp_path / "store") as graph:
        first = push(graph.store, oxigraph.store_url)
        assert (first.graphs, first.deleted) == (2, 0)
        assert len(oxigraph.graph_names()) == 2
        graph.remove_article("gone")
        second = push(graph.store, oxigraph.store_url)
        (kept,) = graph.store.graph_names()
        assert str(kept).endswith("/article/kept/graph")
        assert (second.graphs, second.deleted) == (1, 1) and "deleted 1 removed article graphs" in str(second)
        assert oxigraph.graph_names() == [str(kept)]
        assert isomorphic(oxigraph.graph(str(kept)), local_graph(graph.store, kept))
        assert push(graph.store, oxigraph.store_url).deleted == 0  # nothing more to delete


def test_push_never_deletes_graphs_outside_the_article_pattern_of_the_base(oxigraph):
    store = KnowledgeStore()
    store.replace_graph(GRAPH_A, [(RUSSIA, RDFS.label, Literal("Russia"))])
    store.replace_graph(GRAPH_B, [(RUSSIA, RDFS.label, Literal("Russia"))])
    push(store, oxigraph.store_url)
    others = [BASE + "article/c/graph/extra", BASE + "article/c/other", BASE + "entity/graph",
              "https://elsewhere.example/id/article/a/graph", BASE + "article/c/sub/graph"]
    extra = KnowledgeStore()
    for name in others:
        extra.replace_graph(URIRef(name), [(RUSSIA, RDFS.label, Literal("kept"))])
    push(extra, oxigraph.store_url, delete_removed=False)
    store.remove_graph(GRAPH_B)
    report = push(store, oxigraph.store_url)
    assert report.deleted == 1
    assert oxigraph.graph_names() == sorted([str(GRAPH_A), *others])


def test_an_empty_store_or_no_known_query_endpoint_deletes_nothing(oxigraph, caplog):
    push(small_store(), oxigraph.store_url)
    with caplog.at_level("WARNING", logger="kgbuild"):
        assert push(KnowledgeStore(), oxigraph.store_url).deleted == 0
    assert "no article graph" in caplog.text
    assert oxigraph.graph_names() == [str(GRAPH_A)]
    query_url = oxigraph.store_url.replace("/store", "/query")
    store = KnowledgeStore()
    store.replace_graph(GRAPH_B, [(RUSSIA, RDFS.label, Literal("Russia"))])
    report = push(store, oxigraph.store_url, query_endpoint=query_url)  # given explicitly
    assert report.deleted == 1 and oxigraph.graph_names() == [str(GRAPH_B)]


class FlakyHandler(BaseHTTPRequestHandler):
    """Fails the first `failures` PUTs with 503, then accepts; or always answers `status`.
    Its query endpoint knows no graphs."""

    failures = 2
    status = 204
    seen: list[tuple[str, str | None]] = []

    def do_PUT(self) -> None:  # noqa: N802
        self.rfile.read(int(self.headers["Content-Length"]))
        type(self).seen.append((self.path, self.headers.get("Authorization")))
        if type(self).failures > 0:
            type(self).failures -= 1
            code = 503
        else:
            code = type(self).status
        self.send_response(code)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_POST(self) -> None:  # noqa: N802
        self.rfile.read(int(self.headers["Content-Length"]))
        body = b'{"head": {"vars": ["g"]}, "results": {"bindings": []}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def flaky():
    def start(failures: int, status: int = 204):
        handler = type("Handler", (FlakyHandler,), {"failures": failures, "status": status, "seen": []})
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return server, handler

    servers: list[ThreadingHTTPServer] = []
    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def small_store() -> KnowledgeStore:
    store = KnowledgeStore()
    store.replace_graph(GRAPH_A, [(RUSSIA, RDFS.label, Literal("Russia"))])
    return store


def test_server_errors_are_retried_with_backoff(flaky):
    server, handler = flaky(failures=2)
    report = push(small_store(), f"http://127.0.0.1:{server.server_address[1]}/store", backoff=0.01)
    assert report.retries == 2 and report.graphs == 1
    assert [path for path, _ in handler.seen] == ["/store?graph=" + urllib.parse.quote(str(GRAPH_A), safe="")] * 3


def test_giving_up_after_the_retries_is_one_clear_line(flaky):
    server, _ = flaky(failures=10)
    with pytest.raises(EndpointError, match="after 3 attempts") as failed:
        push(small_store(), f"http://127.0.0.1:{server.server_address[1]}/store", retries=2, backoff=0.01)
    assert "\n" not in str(failed.value)
    with pytest.raises(EndpointError, match="Is the server running"):
        push(small_store(), f"http://127.0.0.1:{free_port()}/store", retries=1, backoff=0.01)


@pytest.mark.parametrize("status", [401, 403])
def test_auth_failures_stop_at_once_without_showing_the_password(flaky, status):
    server, handler = flaky(failures=0, status=status)
    url = f"http://kg:s3cret@127.0.0.1:{server.server_address[1]}/store"
    with pytest.raises(EndpointError, match=f"{status}.*credentials") as refused:
        push(small_store(), url, backoff=0.01)
    assert len(handler.seen) == 1  # no retry
    assert handler.seen[0][1] == "Basic " + base64.b64encode(b"kg:s3cret").decode()
    assert "s3cret" not in str(refused.value) and "\n" not in str(refused.value)


def test_unusable_urls_and_graph_names_are_clear_errors():
    with pytest.raises(EndpointError, match="Not an HTTP URL"):
        push(small_store(), "ftp://example.org/store")
    with pytest.raises(EndpointError, match="not an IRI"):
        push(small_store(), "http://127.0.0.1:1/store", graph="not an iri")


@pytest.mark.model
def test_push_command_uploads_a_build_output(seed_build, oxigraph):
    _, out = seed_build
    completed = subprocess.run([sys.executable, "-m", "kgbuild", "push", str(out), "--endpoint", oxigraph.store_url],
                               capture_output=True, text=True, cwd=REPO, timeout=300)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.startswith("pushed 1 graphs")
    assert oxigraph.graph_names() == ["https://w3id.org/kgbuild/id/article/ukraine-war-2022-03-14/graph"]
    refused = subprocess.run([sys.executable, "-m", "kgbuild", "push", str(out), "--endpoint",
                              oxigraph.store_url.replace("/store", "/nope"), "--retries", "0"],
                             capture_output=True, text=True, cwd=REPO, timeout=300)
    assert refused.returncode == 1 and refused.stderr.count("\n") == 1 and "404" in refused.stderr
