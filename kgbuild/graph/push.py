"""Uploading a graph to any triplestore with the SPARQL 1.1 Graph Store HTTP Protocol.

Each article's named graph is sent with `PUT {endpoint}?graph={name}` as N-Triples, so the
server ends up holding exactly that article's triples (replace semantics): pushing again
after a change replaces, never duplicates. Triples of the default graph that no named
graph holds (a Turtle file, corpus-level records) go to `?default` the same way. With
`graph=IRI` the whole graph goes into that one named graph instead.

After the upload the server is reconciled with the store: an article removed from the store
(`kgbuild remove`) has its graph deleted on the server too (`DELETE {endpoint}?graph={name}`).
The server's graphs are listed with a SPARQL query on its query endpoint (derived from the
Graph Store URL: Oxigraph's `/store` → `/query`, Fuseki's `/data` → `/sparql`, or given),
and only graphs of kgbuild's article pattern `{base}article/{id}/graph`, under a base the
store's own article graphs use, are ever deleted: a server shared with other data keeps it.

Failures that may pass — 5xx, 429, a refused or dropped connection, a timeout — are
retried with exponential backoff; 401 and 403 stop at once with a message about
credentials, which may be given in the URL (`http://user:password@host/store`).
"""

from __future__ import annotations

import base64
import http.client
import json
import logging
import re
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Callable
from urllib.parse import quote, unquote, urlencode, urlsplit, urlunsplit

import pyoxigraph as ox

from kgbuild.errors import EndpointError
from kgbuild.graph.store import KnowledgeStore

__all__ = ["PushReport", "push"]

logger = logging.getLogger("kgbuild")

#: Statuses worth another try: the server is overloaded, restarting or rate-limiting.
_RETRY_STATUSES = {429, 500, 502, 503, 504}
_NTRIPLES = "application/n-triples"
#: kgbuild's article graphs (`IriMinter.article_graph`): {base}article/{percent-encoded id}/graph.
_ARTICLE_GRAPH = re.compile(r"^(?P<base>.+[/#])article/(?P<id>[^/?#]+)/graph$")
#: Graph Store URL path endings and the query endpoint beside them (Oxigraph, Fuseki).
_QUERY_BESIDE = {"/store": "/query", "/data": "/sparql"}


@dataclass(frozen=True)
class PushReport:
    """What a push sent: graphs, triples, retries, the time it took, and the article graphs
    it deleted from the server because the store no longer holds them."""

    graphs: int
    triples: int
    retries: int
    seconds: float
    deleted: int = 0

    def __str__(self) -> str:
        retried = f", {self.retries} retries" if self.retries else ""
        deleted = f"; deleted {self.deleted} removed article graphs" if self.deleted else ""
        return f"{self.graphs} graphs, {self.triples} triples in {self.seconds:.1f} s{retried}{deleted}"


def push(store: KnowledgeStore, endpoint: str, *, graph: str | None = None, retries: int = 4,
         backoff: float = 0.5, timeout: float = 60.0,
         on_graph: Callable[[str, int], None] | None = None, delete_removed: bool = True,
         query_endpoint: str | None = None) -> PushReport:
    """Upload a store's graphs to a Graph Store Protocol endpoint, replacing what it holds,
    and delete the article graphs the store no longer holds.

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
        delete_removed: After uploading one graph per article, delete from the server the
            article graphs (kgbuild's `{base}article/{id}/graph`, under the bases of the
            store's article graphs) that the store does not hold. Not done with `graph`.
        query_endpoint: The server's SPARQL query URL, to list its graphs; by default the
            Graph Store URL with `/store` → `/query` (Oxigraph) or `/data` → `/sparql` (Fuseki).
            When there is none of these, removed articles are not deleted (a logged warning).

    Returns:
        What was sent and deleted.

    Raises:
        EndpointError: The URL is unusable, the server refuses (401/403 or another 4xx),
            a graph still fails after every retry, or the server's graphs cannot be listed
            for deleting removed articles (the upload itself is then complete).
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
    deleted = 0
    if graph is None and delete_removed:
        deleted = _delete_removed(store, client, query_endpoint)
    return PushReport(sent_graphs, sent_triples, client.retries, time.perf_counter() - started, deleted)


def _delete_removed(store: KnowledgeStore, client: "_Client", query_endpoint: str | None) -> int:
    """Delete the server's article graphs, under the store's bases, that the store does not hold."""
    held = {str(name) for name in store.graph_names()}
    bases = sorted({match["base"] for match in map(_ARTICLE_GRAPH.match, held) if match})
    if not bases:
        logger.warning("push: the store holds no article graph, so no base to reconcile under; "
                       "graphs of removed articles were not deleted from the server")
        return 0
    if query_endpoint is not None:
        query_url, _ = _split_credentials(query_endpoint)
    else:
        query_url = _query_url_beside(client.url)
        if query_url is None:
            logger.warning("push: no SPARQL query endpoint known beside %s (Oxigraph: /store → /query, "
                           "Fuseki: /data → /sparql), so graphs of removed articles were not deleted; "
                           "pass query_endpoint=... to push()", client.url)
            return 0
    try:
        names = client.graph_names(query_url, bases)
    except EndpointError as error:
        raise EndpointError(f"Every graph was uploaded, but the server's graphs could not be listed to delete "
                            f"those of removed articles: {error}") from error
    stale = [name for name in names
             if name not in held and (match := _ARTICLE_GRAPH.match(name)) and match["base"] in bases]
    for name in sorted(stale):
        client.delete(name)
        logger.info("push: deleted <%s> (the article is no longer in the store)", name)
    return len(stale)


def _query_url_beside(store_url: str) -> str | None:
    """The SPARQL query endpoint next to a Graph Store endpoint (Oxigraph, Fuseki).

    >>> _query_url_beside("http://localhost:7878/store"), _query_url_beside("http://h:3030/news/data")
    ('http://localhost:7878/query', 'http://h:3030/news/sparql')
    """
    parts = urlsplit(store_url)
    for ending, beside in _QUERY_BESIDE.items():
        if parts.path.endswith(ending):
            return urlunsplit(parts._replace(path=parts.path[: -len(ending)] + beside, query=""))
    return None


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
    """Graph Store requests (PUT, DELETE) and SPARQL queries, with retries; counts the retries."""

    def __init__(self, url: str, authorization: str | None, *, retries: int, backoff: float,
                 timeout: float) -> None:
        self.url = url
        self.authorization = authorization
        self.attempts = max(1, retries + 1)
        self.backoff = backoff
        self.timeout = timeout
        self.retries = 0

    def put(self, graph: str | None, body: bytes) -> None:
        self._send("PUT", self._graph_url(graph), body, {"Content-Type": _NTRIPLES},
                   "the default graph" if graph is None else f"graph <{graph}>")

    def delete(self, graph: str) -> None:
        """Delete a named graph; one the server no longer has (404) is fine."""
        self._send("DELETE", self._graph_url(graph), None, {}, f"the deletion of graph <{graph}>",
                   absent_is_done=True)

    def graph_names(self, query_url: str, bases: list[str]) -> list[str]:
        """The server's named graphs whose IRI starts with one of `bases`."""
        # The bases are IRIs of the store written out by pyoxigraph as literals, not user text.
        starts = " || ".join(f"STRSTARTS(STR(?g), {ox.Literal(base)})" for base in bases)
        body = urlencode({"query": f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ }} FILTER({starts}) }}"}).encode()
        answer = self._send("POST", query_url, body, {"Content-Type": "application/x-www-form-urlencoded",
                                                       "Accept": "application/sparql-results+json"},
                            "the query listing its graphs", store_hint=False)
        try:
            rows = json.loads(answer)["results"]["bindings"]
            return [row["g"]["value"] for row in rows if row.get("g", {}).get("type") == "uri"]
        except (ValueError, KeyError, TypeError) as error:
            raise EndpointError(f"{query_url} did not answer the query listing its graphs with SPARQL "
                                f"results JSON ({error}). Is it the SPARQL query endpoint?") from error

    def _graph_url(self, graph: str | None) -> str:
        separator = "&" if "?" in self.url else "?"
        return self.url + separator + ("default" if graph is None else "graph=" + quote(graph, safe=""))

    def _send(self, method: str, url: str, body: bytes | None, headers: dict[str, str], what: str, *,
              absent_is_done: bool = False, store_hint: bool = True) -> bytes:
        if self.authorization:
            headers = {**headers, "Authorization": self.authorization}
        where = url.split("?", 1)[0]
        for attempt in range(self.attempts):
            request = urllib.request.Request(url, data=body, headers=headers, method=method)
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    return response.read()
            except urllib.error.HTTPError as error:
                detail = _first_line(error.read())
                if error.code == 404 and absent_is_done:
                    return b""
                if error.code in (401, 403):
                    raise EndpointError(
                        f"{where} refused {what}: {error.code} {error.reason}. The endpoint needs "
                        "credentials that allow writing; give them as http://user:password@host/... "
                        "in --endpoint.") from error
                if error.code not in _RETRY_STATUSES:
                    hint = ("Is --endpoint the Graph Store URL (Oxigraph: /store)?" if store_hint else
                            "Is it the server's SPARQL query endpoint (Oxigraph: /query, Fuseki: /sparql)?")
                    raise EndpointError(f"{where} refused {what}: {error.code} {error.reason}"
                                        + (f" ({detail})" if detail else "") + f". {hint}") from error
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
        raise EndpointError(f"{where}: could not send {what} after {self.attempts} attempts "
                            f"(last: {problem}). Is the server running?")


def _first_line(body: bytes) -> str:
    text = body.decode("utf-8", errors="replace").strip()
    return " ".join(text.splitlines()[0].split())[:200] if text else ""
