"""Uploading a graph to any triplestore with the SPARQL 1.1 Graph Store HTTP Protocol.

Each article's named graph is sent with `PUT {endpoint}?graph={name}` as N-Triples, so the
server ends up holding exactly that article's triples (replace semantics): pushing again
after a change replaces, never duplicates. Triples of the default graph that no named
graph holds (a Turtle file, corpus-level records) go to `?default` the same way. With
`graph=IRI` the whole graph goes into that one named graph instead.

Failures that may pass — 5xx, 429, a refused or dropped connection, a timeout — are
retried with exponential backoff; 401 and 403 stop at once with a message about
credentials, which may be given in the URL (`http://user:password@host/store`).
"""

from __future__ import annotations

import base64
import http.client
import logging
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Callable
from urllib.parse import quote, unquote, urlsplit, urlunsplit

import pyoxigraph as ox

from kgbuild.errors import EndpointError
from kgbuild.graph.store import KnowledgeStore

__all__ = ["PushReport", "push"]

logger = logging.getLogger("kgbuild")

#: Statuses worth another try: the server is overloaded, restarting or rate-limiting.
_RETRY_STATUSES = {429, 500, 502, 503, 504}
_NTRIPLES = "application/n-triples"


@dataclass(frozen=True)
class PushReport:
    """What a push sent: graphs, triples, retries, and the time it took."""

    graphs: int
    triples: int
    retries: int
    seconds: float

    def __str__(self) -> str:
        retried = f", {self.retries} retries" if self.retries else ""
        return f"{self.graphs} graphs, {self.triples} triples in {self.seconds:.1f} s{retried}"


def push(store: KnowledgeStore, endpoint: str, *, graph: str | None = None, retries: int = 4,
         backoff: float = 0.5, timeout: float = 60.0,
         on_graph: Callable[[str, int], None] | None = None) -> PushReport:
    """Upload a store's graphs to a Graph Store Protocol endpoint, replacing what it holds.

    Args:
        store: The graph to send.
        endpoint: The server's Graph Store URL, e.g. `http://localhost:7878/store` (Oxigraph)
            or `http://localhost:3030/ds/data` (Fuseki); `user:password@` in it is sent as
            HTTP Basic authentication.
        graph: Put the whole graph into this one named graph instead of one graph per article.
        retries: Further attempts for each graph after a failure that may pass.
        backoff: Seconds before the first retry; doubled after each (at most 30 s).
        timeout: Seconds to wait for each answer.
        on_graph: Called with each graph name (or "default") and its triple count once sent.

    Returns:
        What was sent.

    Raises:
        EndpointError: The URL is unusable, the server refuses (401/403 or another 4xx),
            or a graph still fails after every retry.
    """
    started = time.perf_counter()
    target, authorization = _split_credentials(endpoint)
    client = _Client(target, authorization, retries=retries, backoff=backoff, timeout=timeout)
    sent_graphs = sent_triples = 0
    for name, body, count in _uploads(store, graph):
        client.put(name, body)
        sent_graphs += 1
        sent_triples += count
        if on_graph is not None:
            on_graph(name or "default", count)
    return PushReport(sent_graphs, sent_triples, client.retries, time.perf_counter() - started)


def _uploads(store: KnowledgeStore, graph: str | None):
    """(graph name or None for the default graph, N-Triples body, triple count) to send."""
    oxigraph = store.oxigraph
    if graph is not None:
        try:
            ox.NamedNode(graph)
        except ValueError as error:
            raise EndpointError(f"--graph {graph!r} is not an IRI ({error}). Give one such as "
                                "https://example.org/graph/news.") from error
        triples = [row for row in oxigraph.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
                                                  **store.union_query_options())]
        # A CONSTRUCT may repeat a triple; the server's set would not.
        unique = list(dict.fromkeys(triples))
        yield graph, ox.serialize(unique, format=ox.RdfFormat.N_TRIPLES), len(unique)
        return
    for name in store.graph_names():
        named = ox.NamedNode(str(name))
        count = sum(1 for _ in oxigraph.quads_for_pattern(None, None, None, named))
        yield str(name), oxigraph.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=named), count
    loose = [ox.Triple(row[0], row[1], row[2]) for row in oxigraph.query(
        "SELECT ?s ?p ?o { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } }")]
    if loose:
        yield None, ox.serialize(loose, format=ox.RdfFormat.N_TRIPLES), len(loose)


def _split_credentials(endpoint: str) -> tuple[str, str | None]:
    """The URL without `user:password@`, and the Basic authorization header they make."""
    parts = urlsplit(endpoint)
    try:
        port = parts.port
    except ValueError:
        port = -1
    if parts.scheme not in ("http", "https") or not parts.hostname or port == -1:
        raise EndpointError(f"Not an HTTP URL: {_redacted(endpoint)!r}. Give the Graph Store endpoint, "
                            "e.g. http://localhost:7878/store.")
    authorization = None
    if parts.username is not None:
        pair = f"{unquote(parts.username)}:{unquote(parts.password or '')}"
        authorization = "Basic " + base64.b64encode(pair.encode("utf-8")).decode("ascii")
    netloc = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    if port is not None:
        netloc += f":{port}"
    return urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, "")), authorization


def _redacted(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None:
        return url
    return url.replace(f":{parts.password}@", ":***@", 1)


class _Client:
    """PUT requests with retries; counts the retries it made."""

    def __init__(self, url: str, authorization: str | None, *, retries: int, backoff: float,
                 timeout: float) -> None:
        self.url = url
        self.authorization = authorization
        self.attempts = max(1, retries + 1)
        self.backoff = backoff
        self.timeout = timeout
        self.retries = 0

    def put(self, graph: str | None, body: bytes) -> None:
        separator = "&" if "?" in self.url else "?"
        url = self.url + separator + ("default" if graph is None else "graph=" + quote(graph, safe=""))
        headers = {"Content-Type": _NTRIPLES}
        if self.authorization:
            headers["Authorization"] = self.authorization
        what = "the default graph" if graph is None else f"graph <{graph}>"
        for attempt in range(self.attempts):
            request = urllib.request.Request(url, data=body, headers=headers, method="PUT")
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    response.read()
                return
            except urllib.error.HTTPError as error:
                detail = _first_line(error.read())
                if error.code in (401, 403):
                    raise EndpointError(
                        f"{self.url} refused {what}: {error.code} {error.reason}. The endpoint needs "
                        "credentials that allow writing; give them as http://user:password@host/... "
                        "in --endpoint.") from error
                if error.code not in _RETRY_STATUSES:
                    raise EndpointError(f"{self.url} refused {what}: {error.code} {error.reason}"
                                        + (f" ({detail})" if detail else "")
                                        + ". Is --endpoint the Graph Store URL (Oxigraph: /store)?") from error
                problem = f"{error.code} {error.reason}"
            except (urllib.error.URLError, http.client.HTTPException, ConnectionError, socket.timeout,
                    TimeoutError) as error:
                reason = getattr(error, "reason", error)
                problem = f"{type(reason).__name__}: {reason}" if not isinstance(reason, str) else reason
            if attempt + 1 < self.attempts:
                delay = min(30.0, self.backoff * 2 ** attempt)
                logger.info("push: %s failed (%s); retry in %.1f s", what, problem, delay)
                self.retries += 1
                time.sleep(delay)
        raise EndpointError(f"{self.url}: could not send {what} after {self.attempts} attempts "
                            f"(last: {problem}). Is the server running?")


def _first_line(body: bytes) -> str:
    text = body.decode("utf-8", errors="replace").strip()
    return " ".join(text.splitlines()[0].split())[:200] if text else ""
