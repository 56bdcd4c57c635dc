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

from .process import REPO, kgbuild, wait_until

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
    process: subprocess.Popen

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
        yield Served(host.strip("[]"), int(port), process.pid, process)
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
        connection.request(method, path, body=body, headers=headers or {})  # Host: the address asked
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


# ── Issue "safe to expose": attacks that got through before ─────────────────────────────

class _Listener:
    """A socket on loopback standing for any host a query could make the server call; it
    records every connection made to it."""

    def __init__(self) -> None:
        self._socket = socket.create_server(("127.0.0.1", 0))
        self._socket.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self._socket.getsockname()[1]}/sparql"
        self.calls = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self._socket.accept()
            except OSError:
                continue
            self.calls += 1
            connection.close()

    def close(self) -> None:
        time.sleep(0.5)  # a fetch started by the last query has time to arrive
        self._stop.set()
        self._thread.join()
        self._socket.close()


#: SERVICE hidden from a scanner of the text by the lexical tricks of SPARQL's grammar.
#: Each keeps the SERVICE pattern on the line after the trick, in a UNION branch, so that
#: it is evaluated whatever the other branch finds.
HIDDEN_SERVICE = {
    "escaped # in a prefixed name": "SELECT * { { ?x ex:a\\#b ?y } UNION { SERVICE <{url}> { ?s ?p ?o } } }",
    "escaped quote in a prefixed name": "SELECT * { { ?x ex:a\\'b 'x' } UNION { SERVICE <{url}> { ?s ?p ?o } } }",
    "escaped double quote": 'SELECT * { { ?x ex:a\\"b "x" } UNION { SERVICE <{url}> { ?s ?p ?o } } }',
    "escaped quote closed in a comment": "SELECT * { { ?x ex:a\\'b ?y } UNION { SERVICE <{url}> { ?s ?p ?o } } } # '",
    "escaped double quote closed in a comment":
        'SELECT * { { ?x ex:a\\"b ?y } UNION { SERVICE <{url}> { ?s ?p ?o } } } # "',
    "escaped tilde and dot": "SELECT * { { ?x ex:a\\~b\\.c ?y } UNION { SERVICE <{url}> { ?s ?p ?o } } }",
    "escaped quote in a string": "SELECT * { { ?x ?p 'it\\'s' } UNION { SERVICE <{url}> { ?s ?p ?o } } }",
    "# inside a string": 'SELECT * { { ?x ?p "#" } UNION { SERVICE <{url}> { ?s ?p ?o } } }',
    "# inside an IRI": "SELECT * { { ?x <http://example.org/#> ?y } UNION { SERVICE <{url}> { ?s ?p ?o } } }",
    "long string with quotes": "SELECT * { { ?x ?p '''a ' '' b''' } UNION { SERVICE <{url}> { ?s ?p ?o } } }",
    "mixed case": "SELECT * { sErViCe <{url}> { ?s ?p ?o } }",
    "no space before the IRI": "SELECT * {SERVICE<{url}>{?s ?p ?o}}",
    "silent": "SELECT * { SERVICE SILENT <{url}> { ?s ?p ?o } }",
    "nested groups": "SELECT * { { { { SERVICE <{url}> { ?s ?p ?o } } } } }",
    "in OPTIONAL": "SELECT * { ?s ?p ?o OPTIONAL { SERVICE <{url}> { ?s ?q ?v } } } LIMIT 1",
    "in FILTER EXISTS": "SELECT * { ?s ?p ?o FILTER EXISTS { SERVICE <{url}> { ?s ?q ?v } } } LIMIT 1",
    "in a subquery": "SELECT * { { SELECT * { SERVICE <{url}> { ?s ?p ?o } } } }",
    "in MINUS": "SELECT * { ?s ?p ?o MINUS { SERVICE <{url}> { ?s ?p ?o } } } LIMIT 1",
    "in GRAPH": "SELECT * { GRAPH ?g { ?a ?b ?c } UNION { SERVICE <{url}> { ?s ?p ?o } } }",
    "endpoint from a variable": "SELECT * { BIND(<{url}> AS ?e) SERVICE ?e { ?s ?p ?o } }",
    "comment, then the keyword": "SELECT * { # note\n SERVICE <{url}> { ?s ?p ?o } }",
    "ASK": "ASK { SERVICE <{url}> { ?s ?p ?o } }",
    "CONSTRUCT": "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <{url}> { ?s ?p ?o } }",
    "DESCRIBE": "DESCRIBE ?s WHERE { SERVICE <{url}> { ?s ?p ?o } }",
}


@pytest.mark.parametrize("trick", sorted(HIDDEN_SERVICE))
def test_service_hidden_by_lexical_tricks_fetches_nothing(server, trick):
    listener = _Listener()
    try:
        query = "PREFIX ex: <https://example.org/> " + HIDDEN_SERVICE[trick].replace("{url}", listener.url)
        status, body = ask(server, query=query)
    finally:
        listener.close()
    assert listener.calls == 0, f"the server fetched {listener.url} ({status} {body[:200]!r})"
    assert status == 400 and b"SERVICE" in body, (status, body[:300])


@pytest.mark.parametrize("trick", sorted(HIDDEN_SERVICE))
def test_the_query_command_fetches_nothing_either(graph_file, trick):
    listener = _Listener()
    try:
        query = "PREFIX ex: <https://example.org/> " + HIDDEN_SERVICE[trick].replace("{url}", listener.url)
        done = kgbuild("query", str(graph_file), query, timeout=120)
    finally:
        listener.close()
    assert listener.calls == 0, done.stdout[:300]
    assert done.returncode == 1 and "SERVICE" in done.stderr and done.stderr.count("\n") == 1, done.stderr


def test_the_word_service_as_data_is_still_answered(server):
    status, body = ask(server, query='SELECT ?s { ?s ?p "customer SERVICE desk" } # SERVICE <http://x/>')
    assert status == 200, body


def test_requests_for_another_host_name_are_refused(server):
    """DNS rebinding: a page on evil.example whose name now points at 127.0.0.1."""
    assert ask(server, query=SIMPLE, headers={"Host": "evil.example"})[0] == 403
    assert ask(server, query=SIMPLE, headers={"Host": f"evil.example:{server[1]}"})[0] == 403
    assert ask(server, query=SIMPLE, headers={"Host": f"localhost:{server[1]}"})[0] == 200
    assert ask(server, query=SIMPLE, headers={"Host": f"127.0.0.1:{server[1]}"})[0] == 200


def test_allowed_host_names_are_answered(graph_file):
    with serve(str(graph_file), "--allow-host", "kg.example.org") as running:
        assert ask(running.address, query=SIMPLE, headers={"Host": "kg.example.org"})[0] == 200
        assert ask(running.address, query=SIMPLE, headers={"Host": "evil.example"})[0] == 403


MEMORY_HOG = "SELECT * { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 1"


@needs_proc
def test_a_query_over_the_memory_limit_is_stopped_and_the_server_lives(graph_file):
    with serve(str(graph_file), "--max-memory-mb", "300", "--timeout", "120") as running:
        status, body = ask(running.address, query=MEMORY_HOG, timeout=180)
        assert status == 503 and b"memory" in body, (status, body)
        assert ask(running.address, query=SIMPLE)[0] == 200
        assert running.process.poll() is None


def test_the_query_command_stops_a_query_over_the_memory_limit(graph_file):
    done = kgbuild("query", str(graph_file), MEMORY_HOG, "--max-memory-mb", "300", timeout=180)
    assert done.returncode == 1, (done.returncode, done.stderr[-500:])
    assert "memory" in done.stderr and done.stderr.count("\n") == 1, done.stderr


@pytest.mark.parametrize("query", [
    "SELECT * " + "{" * 10_000 + " ?s ?p ?o " + "}" * 10_000,
    "SELECT * { ?s ?p ?o FILTER(" + "(" * 10_000 + "1" + ")" * 10_000 + ") }",
    "SELECT * { ?s ?p ?o " + "FILTER EXISTS { " * 2_000 + "}" * 2_000 + " }",
], ids=["braces", "parentheses", "exists"])
def test_deeply_nested_queries_are_refused_with_one_line(graph_file, query):
    done = kgbuild("query", str(graph_file), query, timeout=120)
    assert done.returncode == 1, (done.returncode, done.stderr[-300:])
    assert "deep" in done.stderr and done.stderr.count("\n") == 1, done.stderr


def _raw_exchange(address, data: bytes, *, wait: float = 3.0) -> bytes:
    """Everything the server sends back on one connection for `data`, until it closes or is quiet."""
    with socket.create_connection(address, timeout=wait) as connection:
        connection.sendall(data)
        received = b""
        try:
            while chunk := connection.recv(65536):
                received += chunk
        except (TimeoutError, socket.timeout):
            pass
        return received


def test_an_unread_body_is_never_taken_for_a_second_request(server):
    smuggled = b"GET /smuggled HTTP/1.1\r\nHost: localhost\r\n\r\n"
    for method, path in [(b"GET", b"/sparql?query=ASK%7B%7D"), (b"GET", b"/nowhere"), (b"PUT", b"/sparql"),
                         (b"GET", b"/")]:
        request = (method + b" " + path + b" HTTP/1.1\r\nHost: localhost\r\nContent-Length: %d\r\n\r\n"
                   % len(smuggled) + smuggled)
        received = _raw_exchange(server, request)
        assert received.count(b"HTTP/1.1 ") == 1 and b"smuggled" not in received, (method, path, received[:400])


@pytest.mark.parametrize("lengths", [[b"5", b"5"], [b"5", b"50"], [b"+5"], [b"5_0"], [b"0x5"], [b"-1"], [b"5, 5"]])
def test_duplicate_or_odd_content_lengths_are_refused(server, lengths):
    headers = b"".join(b"Content-Length: " + length + b"\r\n" for length in lengths)
    request = (b"POST /sparql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/sparql-query\r\n"
               + headers + b"\r\nASK {}GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
    received = _raw_exchange(server, request)
    assert received.startswith(b"HTTP/1.1 400"), received[:200]
    assert received.count(b"HTTP/1.1 ") == 1, received


def test_a_client_trickling_its_request_head_is_cut_off(server):
    """A slowloris client sends a header line now and then; it may not hold its thread."""
    with socket.create_connection(server, timeout=60) as connection:
        connection.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\n")
        started = time.monotonic()
        closed = False
        while time.monotonic() - started < 40:
            try:
                connection.sendall(b"X-Slow: 1\r\n")
            except OSError:
                closed = True
                break
            connection.settimeout(2)
            try:
                if connection.recv(1024) == b"":
                    closed = True
                    break
            except (TimeoutError, socket.timeout):
                pass
    assert closed and time.monotonic() - started < 30


def test_hundreds_of_slow_sockets_do_not_starve_a_client(server):
    slow = []
    try:
        for _ in range(300):
            connection = socket.create_connection(server, timeout=10)
            connection.sendall(b"GET /sparql?query=ASK HTTP/1.1\r\nHost: localhost\r\n")  # never finished
            slow.append(connection)
        started = time.monotonic()
        assert ask(server, query=SIMPLE, timeout=30)[0] == 200
        assert time.monotonic() - started < 20
    finally:
        for connection in slow:
            connection.close()


def test_clients_leaving_early_leave_no_tracebacks(graph_file):
    with serve(str(graph_file)) as running:
        for _ in range(20):
            connection = socket.create_connection(running.address)
            connection.sendall(b"GET /sparql?query=" + urllib.parse.quote(CROSS_PRODUCT).encode()
                               + b" HTTP/1.1\r\nHost: localhost\r\n\r\n")
            connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            connection.close()  # a reset, not a polite close
        assert ask(running.address, query=SIMPLE, timeout=60)[0] == 200
        running.process.kill()
        running.process.wait()
        errors = running.process.stderr.read()
    assert "Traceback" not in errors, errors[-2000:]


def _make_store(path: Path, entities: int) -> None:
    from kgbuild.graph import KnowledgeStore

    store = KnowledgeStore.open(path, create=True)
    turtle = path.parent / f"{path.name}-{entities}.ttl"
    turtle.write_text("".join(f"<https://example.org/e{n}> <https://example.org/p> {n} .\n" for n in range(entities)))
    store.load(turtle)
    store.close()
    del store


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(path.relative_to(folder)): (path.stat().st_size, path.stat().st_mtime_ns)
            for path in folder.rglob("*") if path.is_file()}


def test_a_served_store_is_only_read_and_other_readers_are_not_locked_out(tmp_path):
    store = tmp_path / "store"
    _make_store(store, 10)
    before = _snapshot(store)
    with serve("--store", str(store)) as running:
        assert triples(running.address) == 10
        counted = kgbuild("query", "--store", str(store), "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", "--format", "csv")
        assert counted.returncode == 0 and counted.stdout.split() == ["n", "10"], counted.stderr
        checked = kgbuild("validate", "--store", str(store))
        assert "another process" not in checked.stderr, checked.stderr
        after = _snapshot(store)
        assert after == before, {name: (before.get(name), after.get(name)) for name in before.keys() | after.keys()
                                 if before.get(name) != after.get(name)}  # serving and reading wrote nothing
        # A writer is kept out while the store is read (Oxigraph: reading while another
        # process writes is undefined behaviour).
        writer = kgbuild("remove", "--store", str(store), "some-article")
        assert writer.returncode == 1 and "another process" in writer.stderr, writer.stderr
        assert triples(running.address) == 10


def test_a_replaced_store_folder_is_served_anew_and_a_missing_one_answered_503(tmp_path):
    import shutil

    store = tmp_path / "store"
    _make_store(store, 10)
    with serve("--store", str(store)) as running:
        assert triples(running.address) == 10
        shutil.rmtree(store)
        status, body = ask(running.address, query="SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")
        assert status == 503 and b"replaced" in body, (status, body)
        _make_store(store, 25)
        assert triples(running.address) == 25  # every worker opens the new store
        assert triples(running.address) == 25


def test_it_serves_on_ipv6_loopback(graph_file):
    if not socket.has_ipv6:
        pytest.skip("no IPv6 on this machine")
    try:
        socket.create_server(("::1", 0)).close()
    except OSError:
        pytest.skip("no IPv6 loopback on this machine")
    with serve(str(graph_file), "--host", "::1") as running:
        assert running.host == "::1"
        assert ask(running.address, query=SIMPLE)[0] == 200


def test_cors_is_off_unless_an_origin_is_allowed(server, graph_file):
    origin = {"Origin": "https://app.example"}
    connection = http.client.HTTPConnection(*server, timeout=30)
    connection.request("GET", "/sparql?query=ASK%7B%7D", headers=origin)
    assert connection.getresponse().getheader("Access-Control-Allow-Origin") is None
    connection.close()
    with serve(str(graph_file), "--cors", "https://app.example") as running:
        connection = http.client.HTTPConnection(*running.address, timeout=30)
        connection.request("OPTIONS", "/sparql", headers={**origin, "Access-Control-Request-Method": "POST",
                                                          "Access-Control-Request-Headers": "content-type"})
        response = connection.getresponse()
        response.read()
        assert response.status == 204
        assert response.getheader("Access-Control-Allow-Origin") == "https://app.example"
        assert "POST" in response.getheader("Access-Control-Allow-Methods")
        connection.request("GET", "/sparql?query=ASK%7B%7D", headers=origin)
        response = connection.getresponse()
        response.read()
        assert response.status == 200 and response.getheader("Access-Control-Allow-Origin") == "https://app.example"
        connection.request("GET", "/sparql?query=ASK%7B%7D", headers={"Origin": "https://evil.example"})
        response = connection.getresponse()
        response.read()
        assert response.getheader("Access-Control-Allow-Origin") is None
        connection.close()
