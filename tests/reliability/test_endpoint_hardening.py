"""`kgbuild serve` faces hostile clients: it listens on loopback only unless told, changes
nothing whatever a request says, fetches no URL a query names, stops long queries, refuses
huge answers and huge requests, and keeps answering after all of it.

The server is the real command in its own process, over a generated graph (no model).
"""

from __future__ import annotations

import http.client
import json
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from .process import REPO

ENTITIES = 3000
CROSS_PRODUCT = "SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
COUNT_CROSS_PRODUCT = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SIMPLE = "ASK { ?s ?p ?o }"


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("serve") / "graph.ttl"
    lines = ["@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
             "@prefix kg: <https://w3id.org/kgbuild/ns#> ."]
    for number in range(ENTITIES):
        lines.append(f"<https://example.org/id/entity/e{number}> a kg:Entity ; rdfs:label \"Entity {number}\" .")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@contextmanager
def serve(*arguments: str) -> Iterator[tuple[str, int]]:
    """`kgbuild serve ARGUMENTS --port 0`; yields its (host, port), and stops it after."""
    process = subprocess.Popen([sys.executable, "-m", "kgbuild", "serve", *arguments, "--port", "0"], cwd=REPO,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()
        if "serving" not in line:
            process.kill()
            raise AssertionError(f"kgbuild serve did not start: {line}{process.stderr.read()}")
        netloc = urllib.parse.urlsplit(line.split(" at ", 1)[1].split()[0]).netloc
        host, port = netloc.rsplit(":", 1)
        yield host, int(port)
    finally:
        process.kill()
        process.wait(timeout=30)
        process.stdout.close()
        process.stderr.close()


def ask(address: tuple[str, int], method: str = "GET", path: str = "/sparql", *, query: str | None = None,
        body: bytes | None = None, headers: dict[str, str] | None = None, timeout: float = 60) -> tuple[int, bytes]:
    """(status, body) of one request."""
    if query is not None:
        path += "?" + urllib.parse.urlencode({"query": query})
    connection = http.client.HTTPConnection(*address, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def triples(address) -> int:
    status, body = ask(address, query="SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")
    assert status == 200, body
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


@pytest.fixture(scope="module")
def server(graph_file):
    with serve(str(graph_file), "--timeout", "2", "--max-result-mb", "0.05") as address:
        yield address


def test_it_listens_on_loopback_only_by_default(server):
    host, port = server
    assert host == "127.0.0.1"
    listening = _listening_addresses(port)
    if listening is None:
        pytest.skip("no /proc/net/tcp to read the listening address from")
    assert listening == {"127.0.0.1"}


@pytest.mark.parametrize("how", [
    "update form field", "update body", "update in the URL", "insert as query", "lower case", "after a comment",
    "after prefixes", "load", "clear", "drop", "with", "put", "delete", "patch"])
def test_nothing_any_request_says_changes_the_graph(server, how):
    before = triples(server)
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    insert = "INSERT DATA { <https://example.org/a> <https://example.org/b> <https://example.org/c> }"
    status, body = {
        "update form field": lambda: ask(server, "POST", body=urllib.parse.urlencode({"update": insert}).encode(),
                                         headers=form),
        "update body": lambda: ask(server, "POST", body=insert.encode(),
                                   headers={"Content-Type": "application/sparql-update"}),
        "update in the URL": lambda: ask(server, path="/sparql?" + urllib.parse.urlencode({"update": insert})),
        "insert as query": lambda: ask(server, query=insert),
        "lower case": lambda: ask(server, query=insert.lower()),
        "after a comment": lambda: ask(server, query="# harmless\n" + insert),
        "after prefixes": lambda: ask(server, query="PREFIX ex: <https://example.org/>\nBASE <x:>\n"
                                                    "DELETE WHERE { ?s ?p ?o }"),
        "load": lambda: ask(server, query="LOAD <http://127.0.0.1:9/data.ttl>"),
        "clear": lambda: ask(server, query="CLEAR ALL"),
        "drop": lambda: ask(server, query="DROP DEFAULT"),
        "with": lambda: ask(server, query="WITH <https://example.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }"),
        "put": lambda: ask(server, "PUT", "/sparql?default", body=b"<x:a> <x:b> <x:c> .",
                           headers={"Content-Type": "application/n-triples"}),
        "delete": lambda: ask(server, "DELETE", "/sparql?default"),
        "patch": lambda: ask(server, "PATCH", "/sparql", body=insert.encode(),
                             headers={"Content-Type": "application/sparql-update"}),
    }[how]()
    assert status in (403, 405, 501), (status, body)
    assert triples(server) == before == ENTITIES * 2


@pytest.mark.parametrize("service", [
    "SERVICE <{url}> {{ ?s ?p ?o }}", "SERVICE SILENT <{url}> {{ ?s ?p ?o }}", "service <{url}> {{ ?s ?p ?o }}",
    "BIND(<{url}> AS ?endpoint) SERVICE ?endpoint {{ ?s ?p ?o }}"])
def test_service_is_refused_and_no_url_is_fetched(server, service):
    """A listener on loopback stands for any host a query could make the server call."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.5)
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
    calls = []

    def accept() -> None:
        try:
            calls.append(listener.accept())
        except OSError:
            pass

    watcher = threading.Thread(target=accept)
    watcher.start()
    try:
        status, body = ask(server, query="SELECT * { " + service.format(url=url) + " }")
        watcher.join(timeout=5)
    finally:
        listener.close()
    assert status == 400 and b"SERVICE" in body, body
    assert calls == []


def test_a_streaming_query_is_stopped_at_the_time_limit(server):
    started = time.monotonic()
    status, body = ask(server, query=CROSS_PRODUCT, headers={"Accept": "text/csv"})
    assert status in (400, 503), body  # over the time limit, or over the answer limit first
    assert time.monotonic() - started < 15


def test_an_answer_over_the_size_limit_is_refused(server):
    status, body = ask(server, query="SELECT * { ?s ?p ?o }")
    assert status == 400 and b"larger than" in body


def test_a_request_over_the_size_limit_is_refused(server):
    # The server answers from the headers, before the body: send them alone and read the
    # answer (a client pushing the whole body may instead see the connection closed).
    connection = socket.create_connection(server, timeout=10)
    try:
        connection.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                           b"Content-Length: 2000011\r\n\r\nSELECT * {}")
        assert connection.recv(64).split(b" ")[1] == b"413"
    finally:
        connection.close()


def test_a_lying_content_length_is_refused_without_waiting(server):
    connection = socket.create_connection(server, timeout=10)
    try:
        connection.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                           b"Content-Length: 10000000000\r\n\r\nSELECT")
        assert connection.recv(64).startswith(b"HTTP/1.")
    finally:
        connection.close()


def test_garbage_requests_get_answers_and_the_server_stays_up(server):
    for garbage in [b"\x00\x01\x02\r\n\r\n", b"GET /" + b"a" * 70_000 + b" HTTP/1.1\r\n\r\n",
                    b"GET /sparql?query=%ff%fe HTTP/1.1\r\nHost: x\r\n\r\n",
                    b"POST /sparql HTTP/1.1\r\nContent-Type: application/sparql-query\r\nContent-Length: 4\r\n\r\n\xff\xfe\xfd\xfc",
                    b"GET /sparql HTTP/1.1\r\n" + b"X-Header: y\r\n" * 200 + b"\r\n"]:
        with socket.create_connection(server, timeout=10) as connection:
            connection.sendall(garbage)
            connection.recv(64)
    assert ask(server, query=SIMPLE)[0] == 200


def test_a_burst_of_clients_waits_its_turn_and_is_answered(server):
    """More clients than query workers at once: each is answered, none turned away or reset."""
    queries = [SIMPLE, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", "SELECT ?s { ?s rdfs:label ?l } LIMIT 5"] * 16
    answers = []
    clients = [threading.Thread(target=lambda q=query: answers.append(ask(server, query=q)[0])) for query in queries]
    for client in clients:
        client.start()
    for client in clients:
        client.join(timeout=60)
    assert answers == [200] * len(queries)


@pytest.mark.xfail(strict=True, reason="Oxigraph cannot cancel a running query: after its 503 an aggregate over a "
                   "huge join keeps its worker, so a few such queries leave every worker busy (503) until they end. "
                   "Needs queries in killable worker processes.")
def test_queries_over_the_time_limit_do_not_keep_the_server_busy(graph_file):
    with serve(str(graph_file), "--timeout", "1") as address:
        hostile = [threading.Thread(target=ask, args=(address,), kwargs={"query": COUNT_CROSS_PRODUCT})
                   for _ in range(5)]
        for thread in hostile:
            thread.start()
        for thread in hostile:
            thread.join(timeout=30)
        time.sleep(1)
        assert ask(address, query=SIMPLE, timeout=10)[0] == 200


def _listening_addresses(port: int) -> set[str] | None:
    """The local addresses with a listening TCP socket on `port`, from /proc/net/tcp{,6}."""
    found = set()
    tables = [Path("/proc/net/tcp"), Path("/proc/net/tcp6")]
    if not tables[0].exists():
        return None
    for table in tables:
        if not table.exists():
            continue
        for line in table.read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, local_port = local.split(":")
            if int(local_port, 16) == port and state == "0A":
                if len(address) == 8:
                    found.add(socket.inet_ntop(socket.AF_INET, bytes.fromhex(address)[::-1]))
                else:
                    found.add(address)
    return found
