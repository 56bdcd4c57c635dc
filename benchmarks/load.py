"""Load test of `kgbuild serve`: 1,000 queries from 16 clients at once, on loopback only.

The server is the real command in its own process, over a built graph (the seed article's
by default, built first into a temporary folder). The queries are the packaged example
queries, simple lookups and counts, in a fixed random order. It prints the errors (any
answer but 200) and the latency percentiles. Run by hand:

    .venv/bin/python benchmarks/load.py [GRAPH_OR_OUTDIR] [--queries 1000] [--concurrency 16]
                                        [--slow-sockets 300]

`--slow-sockets N` first opens N connections that send half a request head and then
nothing (a slowloris client), and keeps them open during the load.
"""

from __future__ import annotations

import argparse
import http.client
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from kgbuild.query import packaged_queries

REPO = Path(__file__).resolve().parents[1]
SIMPLE = [
    "ASK { ?s ?p ?o }",
    "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }",
    "SELECT ?name { ?e a kg:Entity ; rdfs:label ?name } ORDER BY ?name LIMIT 50",
    "SELECT ?s ?o { ?s rel:say ?o } LIMIT 20",
    "CONSTRUCT { ?e rdfs:label ?name } WHERE { ?e a kg:Entity ; rdfs:label ?name } LIMIT 100",
    "DESCRIBE ?e { ?e rdfs:label \"Russia\" }",
]
PREFIXES = ("PREFIX kg: <https://w3id.org/kgbuild/ns#>\nPREFIX rel: <https://w3id.org/kgbuild/relation/>\n"
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph", nargs="?", help="a graph file or OUTDIR (default: the seed article, built now)")
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--slow-sockets", type=int, default=0, help="idle half-requests held open meanwhile")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        graph = options.graph or _seed_graph(Path(scratch))
        queries = _queries(options.queries, random.Random(options.seed))
        server = subprocess.Popen([sys.executable, "-m", "kgbuild", "serve", str(graph), "--host", "127.0.0.1",
                                   "--port", "0"], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                  text=True)
        try:
            line = server.stdout.readline()
            address = urllib.parse.urlsplit(line.split(" at ", 1)[1].split()[0]).netloc.rsplit(":", 1)
            host, port = address[0], int(address[1])
            assert host == "127.0.0.1", host  # loopback only, always
            for query in queries[:5]:  # warm up: the first query of each kind builds Oxigraph's caches
                _ask(host, port, query)
            slow = _slow_sockets(host, port, options.slow_sockets)
            started = time.perf_counter()
            with ThreadPoolExecutor(options.concurrency) as clients:
                results = list(clients.map(lambda query: _ask(host, port, query), queries))
            seconds = time.perf_counter() - started
            for connection in slow:
                connection.close()
        finally:
            server.kill()
            server.wait(timeout=30)
    latencies = sorted(latency for _, latency in results)
    statuses = Counter(status for status, _ in results)
    errors = sum(count for status, count in statuses.items() if status != 200)

    def percentile(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] * 1000

    print(f"{len(results):,} queries, {options.concurrency} clients at once, loopback, graph {graph}"
          + (f", {options.slow_sockets} slow sockets held open" if options.slow_sockets else ""))
    print(f"errors {errors} ({dict(statuses)}); {len(results) / seconds:,.0f} queries/s over {seconds:.1f} s")
    print(f"latency ms: p50 {percentile(50):.1f}  p90 {percentile(90):.1f}  p99 {percentile(99):.1f}  "
          f"max {latencies[-1] * 1000:.1f}  mean {statistics.mean(latencies) * 1000:.1f}")
    return 1 if errors else 0


def _slow_sockets(host: str, port: int, count: int) -> list[socket.socket]:
    held = []
    for _ in range(count):
        connection = socket.create_connection((host, port), timeout=10)
        connection.sendall(b"GET /sparql?query=ASK HTTP/1.1\r\nHost: localhost\r\n")  # never finished
        held.append(connection)
    return held


def _seed_graph(scratch: Path) -> Path:
    out = scratch / "seed"
    subprocess.run([sys.executable, "-m", "kgbuild", "build", str(REPO / "seeds"), "-o", str(out), "-q"],
                   cwd=REPO, check=True)
    return out


def _queries(count: int, rng: random.Random) -> list[str]:
    examples = list(packaged_queries().values())
    pool = examples + [PREFIXES + query for query in SIMPLE] * 2
    return [rng.choice(pool) for _ in range(count)]


def _ask(host: str, port: int, query: str) -> tuple[int, float]:
    """(status, seconds) of one POSTed query; a failed connection counts as status 0."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection(host, port, timeout=60)
    try:
        connection.request("POST", "/sparql", body=urllib.parse.urlencode({"query": query}),
                           headers={"Content-Type": "application/x-www-form-urlencoded",
                                    "Accept": "application/sparql-results+json, text/turtle;q=0.9"})
        response = connection.getresponse()
        response.read()
        status = response.status
    except OSError as error:
        print(f"  connection failed: {type(error).__name__}: {error}", file=sys.stderr)
        status = 0
    finally:
        connection.close()
    return status, time.perf_counter() - started


if __name__ == "__main__":
    sys.exit(main())
