"""Pushing graphs with the Graph Store Protocol to a real `oxigraph serve` process (the
PyPI package `oxigraph`), then querying that server to check what arrived; and retries and
refusals against small loopback servers that misbehave on purpose."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kgbuild.errors import EndpointError
from kgbuild.graph import KnowledgeStore
from kgbuild.graph.push import push
from kgbuild.graph.vocab import KG, RDF, RDFS

from oxigraph_server import OxigraphServer, free_port

BASE = "https://example.org/id/"
RUSSIA = URIRef(BASE + "entity/place/russia")
GRAPH_A, GRAPH_B = URIRef(BASE + "article/a/graph"), URIRef(BASE + "article/b/graph")
REPO = Path(__file__).resolve().parents[2]


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
        assert (second.graphs, second.deleted) == (1, 1) and "deleted 1 graphs this store had pushed" in str(second)
        assert oxigraph.graph_names() == [str(kept)]
        assert isomorphic(oxigraph.graph(str(kept)), local_graph(graph.store, kept))
        assert push(graph.store, oxigraph.store_url).deleted == 0  # nothing more to delete
        # The default graph holds exactly the kept article's triples again: the removed
        # article's copies went with it.
        assert oxigraph.default_graph_size() == len(local_graph(graph.store, kept))


def test_push_deletes_only_graphs_it_pushed(oxigraph):
    store = KnowledgeStore()
    store.replace_graph(GRAPH_A, [(RUSSIA, RDFS.label, Literal("Russia"))])
    store.replace_graph(GRAPH_B, [(RUSSIA, RDFS.label, Literal("Russia"))])
    push(store, oxigraph.store_url)
    others = [BASE + "article/c/graph", BASE + "article/c/graph/extra", BASE + "entity/graph",
              "https://elsewhere.example/id/article/a/graph"]
    extra = KnowledgeStore()
    for name in others:
        extra.replace_graph(URIRef(name), [(RUSSIA, RDFS.label, Literal("kept"))])
    push(extra, oxigraph.store_url)
    store.remove_graph(GRAPH_B)
    report = push(store, oxigraph.store_url)
    assert report.deleted == 1
    assert oxigraph.graph_names() == sorted([str(GRAPH_A), *others])


def test_an_empty_store_deletes_nothing_and_endpoints_may_be_given(oxigraph):
    push(small_store(), oxigraph.store_url)
    assert push(KnowledgeStore(), oxigraph.store_url).deleted == 0
    assert oxigraph.graph_names() == [str(GRAPH_A)]
    query_url = oxigraph.store_url.replace("/store", "/query")
    update_url = oxigraph.store_url.replace("/store", "/update")
    store = KnowledgeStore()
    store.replace_graph(GRAPH_B, [(RUSSIA, RDFS.label, Literal("Russia"))])
    report = push(store, f"http://127.0.0.1:{oxigraph.port}/somewhere-else", query_endpoint=query_url,
                  update_endpoint=update_url)
    assert report.graphs == 1 and oxigraph.graph_names() == [str(GRAPH_A), str(GRAPH_B)]
    with pytest.raises(EndpointError, match="no SPARQL query endpoint known"):
        push(store, f"http://127.0.0.1:{oxigraph.port}/somewhere-else")


# ── a server shared with another corpus: nothing of it is lost ───────────────────────────────

OTHER_BASE = "https://w3id.org/kgbuild/id/"  # the default base: two corpora built with defaults share it
THEIR_DEFAULT = [(URIRef("https://example.org/theirs/dataset"), RDFS.comment, Literal(f"note {n}")) for n in range(5)]


def other_corpus(path: Path) -> KnowledgeStore:
    """50 article graphs of another corpus under the same base, one of them sharing our triple."""
    store = KnowledgeStore(path)
    for n in range(50):
        entity = URIRef(f"{OTHER_BASE}entity/org/other-{n}")
        store.replace_graph(URIRef(f"{OTHER_BASE}article/other-{n}/graph"),
                            [(entity, RDF.type, KG.Entity), (entity, RDFS.label, Literal(f"Other {n}")),
                             (RUSSIA, RDFS.label, Literal("Russia"))])
    store.replace_graph(URIRef(f"{OTHER_BASE}article/shared-id/graph"), [(RUSSIA, RDFS.comment, Literal("theirs"))])
    return store


def our_corpus(path: Path) -> KnowledgeStore:
    store = KnowledgeStore(path)
    for article in ("ours-1", "ours-2", "shared-id"):
        entity = URIRef(f"{OTHER_BASE}entity/org/{article}")
        store.replace_graph(URIRef(f"{OTHER_BASE}article/{article}/graph"),
                            [(entity, RDFS.label, Literal(article)), (RUSSIA, RDFS.label, Literal("Russia"))])
    store.add_triples([(URIRef(f"{OTHER_BASE}corpus"), RDFS.comment, Literal("ours, loose"))])
    return store


def kgbuild_push(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kgbuild", "push", *arguments], capture_output=True, text=True,
                          cwd=REPO, timeout=300)


def test_another_corpus_and_default_graph_triples_on_the_server_survive_every_push(tmp_path, oxigraph):
    theirs = other_corpus(tmp_path / "theirs")
    push(theirs, oxigraph.store_url)
    oxigraph.post_default(THEIR_DEFAULT)  # someone else's triples in the default graph
    their_graphs = {name: oxigraph.graph(name) for name in oxigraph.graph_names()}
    assert len(their_graphs) == 51
    theirs.close()
    del theirs
    ours = our_corpus(tmp_path / "ours")
    ours.close()
    del ours

    first = kgbuild_push("--store", str(tmp_path / "ours"), "--endpoint", oxigraph.store_url)
    # The graph named like one of ours was written by the other store: left alone, and said.
    assert first.returncode == 1 and "left <https://w3id.org/kgbuild/id/article/shared-id/graph> alone" in first.stderr
    assert first.stdout.startswith("pushed 3 graphs")  # ours-1, ours-2, the default graph's loose triple
    assert json.loads((tmp_path / "ours" / "kgbuild-push.json").read_text())["servers"]

    # Remove an article of ours and push again: only our graph goes.
    store = KnowledgeStore(tmp_path / "ours")
    store.remove_graph(URIRef(f"{OTHER_BASE}article/ours-2/graph"))
    store.close()
    del store
    second = kgbuild_push("--store", str(tmp_path / "ours"), "--endpoint", oxigraph.store_url)
    assert "deleted 1 graphs this store had pushed" in second.stdout, second.stderr
    dry = kgbuild_push("--store", str(tmp_path / "ours"), "--endpoint", oxigraph.store_url, "--prune", "--dry-run")
    assert dry.returncode == 0 and dry.stdout.startswith("dry run, nothing sent")
    assert dry.stdout.count("\ndelete <") == 50 and f"delete <{OTHER_BASE}article/other-7/graph>" in dry.stdout

    for name, graph in their_graphs.items():
        assert isomorphic(oxigraph.graph(name), graph), name
    for triple in [*THEIR_DEFAULT, (RUSSIA, RDFS.label, Literal("Russia"))]:
        assert oxigraph.in_default_graph(triple)
    assert oxigraph.in_default_graph((URIRef(f"{OTHER_BASE}corpus"), RDFS.comment, Literal("ours, loose")))
    assert not oxigraph.in_default_graph((URIRef(f"{OTHER_BASE}entity/org/ours-2"), RDFS.label, Literal("ours-2")))
    assert f"{OTHER_BASE}article/ours-2/graph" not in oxigraph.graph_names()

    # Pruning is explicit, and deletes what the dry run said (and the default-graph copies
    # that only those graphs held), nothing more.
    pruned = kgbuild_push("--store", str(tmp_path / "ours"), "--endpoint", oxigraph.store_url, "--prune")
    assert "deleted 50 graphs" in pruned.stdout, pruned.stderr
    assert sorted(oxigraph.graph_names()) == sorted([f"{OTHER_BASE}article/ours-1/graph",
                                                     f"{OTHER_BASE}article/shared-id/graph"])
    for triple in [*THEIR_DEFAULT, (RUSSIA, RDFS.label, Literal("Russia"))]:
        assert oxigraph.in_default_graph(triple)


def test_replace_existing_takes_over_a_graph_pushed_by_another_store(oxigraph):
    push(small_store(), oxigraph.store_url)
    other = KnowledgeStore()
    other.replace_graph(GRAPH_A, [(RUSSIA, RDFS.label, Literal("Россия"))])
    report = push(other, oxigraph.store_url)
    assert report.skipped == (str(GRAPH_A),) and report.graphs == 0
    assert set(oxigraph.graph(str(GRAPH_A))) == {(RUSSIA, RDFS.label, Literal("Russia"))}
    push(other, oxigraph.store_url, replace_existing=True)
    assert set(oxigraph.graph(str(GRAPH_A))) == {(RUSSIA, RDFS.label, Literal("Россия"))}
    assert not oxigraph.in_default_graph((RUSSIA, RDFS.label, Literal("Russia")))  # its copy went with it


def test_a_dry_run_sends_nothing(oxigraph):
    store = small_store()
    report = push(store, oxigraph.store_url, dry_run=True)
    assert report.dry_run and report.plan.add == (str(GRAPH_A),) and oxigraph.graph_names() == []
    push(store, oxigraph.store_url)
    store.remove_graph(GRAPH_A)
    report = push(store, oxigraph.store_url, dry_run=True)
    assert report.plan.delete == (str(GRAPH_A),) and oxigraph.graph_names() == [str(GRAPH_A)]


class FlakyHandler(BaseHTTPRequestHandler):
    """Fails the first `failures` updates with 503, then accepts; or always answers `status`.
    Its query endpoint knows no graphs."""

    failures = 2
    status = 204
    seen: list[tuple[str, str | None]] = []

    def do_POST(self) -> None:  # noqa: N802
        self.rfile.read(int(self.headers["Content-Length"]))
        if self.path.startswith("/query"):
            body = b'{"head": {"vars": ["g"]}, "results": {"bindings": []}}'
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        type(self).seen.append((self.path, self.headers.get("Authorization")))
        if type(self).failures > 0:
            type(self).failures -= 1
            code = 503
        else:
            code = type(self).status
        self.send_response(code)
        self.send_header("Content-Length", "0")
        self.end_headers()

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
    assert [path for path, _ in handler.seen] == ["/update"] * 3


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
    assert (out / "kgbuild-push.json").is_file()  # the record, beside the files pushed
    refused = kgbuild_push(str(out), "--endpoint", oxigraph.store_url, "--update-endpoint",
                           oxigraph.store_url.replace("/store", "/nope"), "--retries", "0", "--replace-existing")
    assert refused.returncode == 1 and refused.stderr.count("\n") == 1 and "404" in refused.stderr


# ── credentials never cross origins on a redirect ───────────────────────────────────────────

class RecordingHandler(BaseHTTPRequestHandler):
    """Records each request (method, path, Authorization); answers as an empty Oxigraph would."""

    seen: list[tuple[str, str, str | None]] = []

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        type(self).seen.append((self.command, self.path, self.headers.get("Authorization")))
        body = b'{"head": {"vars": ["g"]}, "results": {"bindings": []}}' if self.path.startswith("/query") else b""
        self.send_response(200 if body else 204)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = _answer  # noqa: N815

    def log_message(self, *args: object) -> None:
        pass


class RedirectingHandler(RecordingHandler):
    """Redirects every request with `status` to `location` + the same path."""

    status = 302
    location = ""

    def _answer(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        type(self).seen.append((self.command, self.path, self.headers.get("Authorization")))
        self.send_response(type(self).status)
        self.send_header("Location", type(self).location + self.path)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_POST = do_PUT = _answer  # noqa: N815


@pytest.fixture
def loopback():
    servers: list[ThreadingHTTPServer] = []

    def start(handler_class, **attributes):
        handler = type("Handler", (handler_class,), {"seen": [], **attributes})
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}", handler

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_a_redirect_to_another_origin_gets_neither_credentials_nor_data(loopback, status):
    elsewhere, received = loopback(RecordingHandler)  # same host, another port: another origin
    redirector, _ = loopback(RedirectingHandler, status=status, location=elsewhere)
    url = redirector.replace("http://", "http://kg:s3cret@") + "/store"
    with pytest.raises(EndpointError, match="redirected .* to another origin") as refused:
        push(small_store(), url, retries=0)
    assert received.seen == []
    assert "s3cret" not in str(refused.value)


def test_a_redirect_within_the_origin_keeps_credentials_and_method(loopback):
    # The recorder redirects /old/... to /... on its own origin.
    class SameOrigin(RecordingHandler):
        def _answer(self) -> None:
            if self.path.startswith("/old"):
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                self.send_response(307)
                self.send_header("Location", self.path[len("/old"):])
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            super()._answer()

        do_GET = do_POST = do_PUT = _answer  # noqa: N815

    base, handler = loopback(SameOrigin)
    url = base.replace("http://", "http://kg:s3cret@") + "/store"
    report = push(small_store(), url, retries=0, query_endpoint=base.replace("http://", "http://kg:s3cret@")
                  + "/old/query", update_endpoint=base.replace("http://", "http://kg:s3cret@") + "/old/update")
    assert report.graphs == 1
    authorization = "Basic " + base64.b64encode(b"kg:s3cret").decode()
    assert handler.seen == [("POST", "/query", authorization), ("POST", "/update", authorization)]


def test_push_command_refuses_a_cross_origin_redirect(tmp_path, loopback):
    elsewhere, received = loopback(RecordingHandler)
    redirector, _ = loopback(RedirectingHandler, status=302, location=elsewhere)
    store = KnowledgeStore(tmp_path / "store")
    store.replace_graph(GRAPH_A, [(RUSSIA, RDFS.label, Literal("Russia"))])
    store.close()
    del store
    refused = kgbuild_push("--store", str(tmp_path / "store"), "--endpoint",
                           redirector.replace("http://", "http://kg:s3cret@") + "/store", "--retries", "0")
    assert refused.returncode == 1 and refused.stderr.count("\n") == 1
    assert "another origin" in refused.stderr and "s3cret" not in refused.stderr
    assert received.seen == []
