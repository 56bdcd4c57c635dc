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
from dataclasses import dataclass
from pathlib import Path

import pytest

from .process import REPO, wait_until

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


@dataclass(frozen=True)
class Served:
    """A running `kgbuild serve`: where it listens and its process id."""

    host: str
    port: int
    pid: int

    @property
    def address(self) -> tuple[str, int]:
        return self.host, self.port


@contextmanager
def serve(*arguments: str) -> Iterator[Served]:
    """`kgbuild serve ARGUMENTS --port 0`, running; killed (SIGKILL) after."""
    process = subprocess.Popen([sys.executable, "-m", "kgbuild", "serve", *arguments, "--port", "0"], cwd=REPO,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()
        if "serving" not in line:
            process.kill()
            raise AssertionError(f"kgbuild serve did not start: {line}{process.stderr.read()}")
        netloc = urllib.parse.urlsplit(line.split(" at ", 1)[1].split()[0]).netloc
        host, port = netloc.rsplit(":", 1)
        yield Served(host, int(port), process.pid)
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
    with serve(str(graph_file), "--timeout", "2", "--max-result-mb", "0.05") as running:
        yield running.address


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
                    b"POST /sparql HTTP/1.1\r\nContent-Type: application/sparql-query\r\nContent-Length: 4\r\n\r\n\xff\xfe\xfd\xfc",  # noqa: E501
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


needs_proc = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")


@needs_proc
def test_queries_over_the_time_limit_are_killed_and_the_server_answers_the_next(graph_file):
    """Oxigraph cannot cancel a query, so its worker process is killed: an aggregate over a
    huge join (hours of work) must not keep a core, or a worker, once its client has its 503."""
    with serve(str(graph_file), "--timeout", "1") as running:
        workers = _workers_of(running.pid)
        assert len(workers) >= 2, "the server should run its queries in worker processes"
        statuses = []
        hostile = [threading.Thread(target=lambda: statuses.append(
            ask(running.address, query=COUNT_CROSS_PRODUCT, timeout=60)[0])) for _ in range(5)]
        for thread in hostile:
            thread.start()
        for thread in hostile:
            thread.join(timeout=120)
        assert statuses == [503] * 5
        # Each hostile query took a worker and was killed with it (the kernel reaps it at once;
        # the wait only absorbs a slow machine).
        killed = min(len(hostile), len(workers))
        assert wait_until(lambda: sum(not _alive(pid) for pid in workers) >= killed), _workers_of(running.pid)
        assert ask(running.address, query=SIMPLE, timeout=30)[0] == 200
        assert len(_workers_of(running.pid)) == len(workers)  # every killed worker was replaced


@needs_proc
def test_query_workers_end_with_the_server_even_when_it_is_killed_mid_query(graph_file):
    with serve(str(graph_file), "--timeout", "60") as running:
        helpers = _descendants(running.pid)
        with pytest.raises(TimeoutError):  # the client gives up; its query still runs in a worker
            ask(running.address, query=COUNT_CROSS_PRODUCT, timeout=3)
    # serve() killed the server with SIGKILL: it could not stop anything itself.
    assert helpers and wait_until(lambda: not any(_alive(pid) for pid in helpers)), \
        [pid for pid in helpers if _alive(pid)]


def _descendants(pid: int) -> list[int]:
    """Every process below `pid` (children, their children, ...), from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                # The command name (field 2) may hold spaces and parentheses: split after its last ')'.
                parent = int((entry / "stat").read_text().rpartition(")")[2].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, frontier = [], [pid]
    while frontier:
        below = children.get(frontier.pop(), [])
        found += below
        frontier += below
    return sorted(found)


def _workers_of(server: int) -> list[int]:
    """The query workers of a server: the processes two levels below it (server → zygote → worker)."""
    zygotes = set(_children(server))
    return sorted(pid for pid in _descendants(server) if pid not in zygotes and _parent(pid) in zygotes)


def _children(pid: int) -> list[int]:
    return [child for child in _descendants(pid) if _parent(child) == pid]


def _parent(pid: int) -> int | None:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[1])
    except (OSError, ValueError, IndexError):
        return None


def _alive(pid: int) -> bool:
    """Whether a process exists and is not a zombie."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


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
