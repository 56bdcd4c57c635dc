"""A real `oxigraph serve` (the PyPI package `oxigraph`) on a free loopback port, for tests
that push to a server or load into one."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from rdflib import Graph


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

    def post_default(self, triples) -> None:
        """Add triples to the server's default graph with the Graph Store Protocol (merge)."""
        body = "".join(f"{s.n3()} {p.n3()} {o.n3()} .\n" for s, p, o in triples).encode()
        request = urllib.request.Request(f"{self.store_url}?default", data=body, method="POST",
                                         headers={"Content-Type": "application/n-triples"})
        with urllib.request.urlopen(request, timeout=30):
            pass

    def in_default_graph(self, triple) -> bool:
        s, p, o = triple
        return json.loads(self.query(f"ASK {{ {s.n3()} {p.n3()} {o.n3()} }}"))["boolean"]

    def default_graph_size(self) -> int:
        answer = json.loads(self.query("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"))
        return int(answer["results"]["bindings"][0]["n"]["value"])

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=15)


