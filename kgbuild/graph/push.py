"""Uploading a graph to a shared triplestore without touching what others put there.

A push writes with SPARQL 1.1 Update, one request (one transaction on Oxigraph) per named
graph: the article's graph is replaced and the server's default graph gets a copy of its
triples, as kgbuild's own store keeps it (the default graph is the union of the article
graphs, which is what the packaged queries read). Pushing again after a change replaces,
never duplicates.

What a push may change is decided by a record of what this store pushed (`PushRecord`,
kept in `kgbuild-push.json` in the store's directory or beside the loaded files, one entry
per server keyed by its update URL):

- a named graph is replaced only when the record says this store pushed it there, or when
  the server does not hold it yet; a graph of that name written by someone else is left
  alone and reported (`replace_existing=True` takes it over);
- a graph this store pushed and no longer holds (`kgbuild remove`) is deleted;
- nothing else is ever deleted, unless `prune=True`, which also deletes the server's graphs
  of kgbuild's article pattern (`{base}article/{id}/graph`, under the store's bases) that the
  store does not hold; `dry_run=True` says what a push would replace and delete, and sends
  nothing;
- the default graph is only ever merged into (never PUT): triples of the store's default
  graph that no named graph holds are added to it; when a graph is replaced or deleted,
  the default-graph copies of its old triples are removed unless another named graph on
  the server still holds them.

The server's graphs are listed with a SPARQL query. The query and update URLs are derived
from the Graph Store URL given (Oxigraph `/store` → `/query`, `/update`; Fuseki `/data` →
`/sparql`, `/update`; GraphDB `/repositories/R/rdf-graphs/service` → `/repositories/R`,
`/repositories/R/statements`), or given.

Credentials may be given in the URL (`http://user:password@host/store`) and are sent as
HTTP Basic authentication to that origin (scheme, host and port) only: a redirect is
followed only within the same origin (307/308, which keep the method and body); one to
another origin fails with a message naming it, and nothing is sent there.

Failures that may pass — 5xx, 429, a refused or dropped connection, a timeout — are
retried with exponential backoff; 401 and 403 stop at once with a message about
credentials.
"""

from __future__ import annotations

import base64
import http.client
import json
import logging
import os
import re
import socket
import time
import urllib.error
import urllib.request
import weakref
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator
from urllib.parse import unquote, urlencode, urljoin, urlsplit, urlunsplit

import pyoxigraph as ox

from kgbuild.atomic import replaced_atomically
from kgbuild.errors import EndpointError
from kgbuild.graph.store import KnowledgeStore

__all__ = ["PushPlan", "PushRecord", "PushReport", "RECORD_FILE", "push", "record_beside", "record_for"]

logger = logging.getLogger("kgbuild")

#: The record's file name, in a store's directory or beside the files a graph was loaded from.
RECORD_FILE = "kgbuild-push.json"
#: Statuses worth another try: the server is overloaded, restarting or rate-limiting.
_RETRY_STATUSES = {429, 500, 502, 503, 504}
#: kgbuild's article graphs (`IriMinter.article_graph`): {base}article/{percent-encoded id}/graph.
_ARTICLE_GRAPH = re.compile(r"^(?P<base>.+[/#])article/(?P<id>[^/?#]+)/graph$")
#: Graph Store URL path endings and the (query, update) endpoints beside them.
_ENDPOINTS_BESIDE = {
    "/store": ("/query", "/update"),  # Oxigraph
    "/data": ("/sparql", "/update"),  # Fuseki
    "/rdf-graphs/service": ("", "/statements"),  # GraphDB, RDF4J
}
_LIST_GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"


@dataclass(frozen=True)
class PushPlan:
    """What a push does (or, with `dry_run`, would do) to the server's named graphs."""

    replace: tuple[str, ...] = ()  # graphs this store pushed there before: replaced
    add: tuple[str, ...] = ()  # graphs the server does not hold yet
    delete: tuple[str, ...] = ()  # graphs this store pushed and no longer holds (and, with prune, others)
    skip: tuple[str, ...] = ()  # graphs of the same name that someone else wrote: left alone

    def to_text(self) -> str:
        """One line per graph deleted or skipped, after a summary line."""
        lines = [f"{len(self.replace)} graphs to replace, {len(self.add)} to add, {len(self.delete)} to delete, "
                 f"{len(self.skip)} left alone (not pushed from this store)"]
        lines += [f"delete <{name}>" for name in self.delete]
        lines += [f"leave <{name}> (not pushed from this store; --replace-existing takes it over)"
                  for name in self.skip]
        return "\n".join(lines)


@dataclass(frozen=True)
class PushReport:
    """What a push sent: graphs, triples, retries, the time it took, what it deleted and
    what it left alone."""

    graphs: int
    triples: int
    retries: int
    seconds: float
    deleted: int = 0
    plan: PushPlan = field(default_factory=PushPlan)
    dry_run: bool = False

    @property
    def skipped(self) -> tuple[str, ...]:
        """Graphs of this store's names that the server held from someone else: not replaced."""
        return self.plan.skip

    def __str__(self) -> str:
        if self.dry_run:
            return "dry run, nothing sent: " + self.plan.to_text()
        retried = f", {self.retries} retries" if self.retries else ""
        deleted = f"; deleted {self.deleted} graphs this store had pushed" if self.deleted else ""
        skipped = (f"; left {len(self.skipped)} graphs alone that this store did not push "
                   "(--replace-existing takes them over)" if self.skipped else "")
        return f"{self.graphs} graphs, {self.triples} triples in {self.seconds:.1f} s{retried}{deleted}{skipped}"


class PushRecord:
    """The graphs a store pushed, per server (its update URL, without credentials).

    Saved as JSON at `path` after every change, so a push killed half-way still knows
    what it wrote; with no `path` it lives as long as the object.
    """

    VERSION = 1

    def __init__(self, path: str | os.PathLike | None = None) -> None:
        self.path = Path(path) if path is not None else None
        self._servers: dict[str, dict] = {}
        if self.path is not None and self.path.exists():
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
                self._servers = {str(url): {"graphs": dict(entry["graphs"])} for url, entry in data["servers"].items()}
            except (ValueError, KeyError, TypeError, AttributeError, OSError) as error:
                raise EndpointError(f"{self.path}: unreadable push record ({error}). It lists the graphs this "
                                    "store pushed; without it a push would not know what it may replace. "
                                    "Move it away to start a new record.") from error

    def graphs(self, server: str) -> dict[str, dict]:
        """The graphs pushed to `server`: name → how (`mode`, `pushed` time, `triples`)."""
        return dict(self._servers.get(server, {}).get("graphs", {}))

    def add(self, server: str, name: str, *, mode: str, triples: int) -> None:
        graphs = self._servers.setdefault(server, {"graphs": {}})["graphs"]
        graphs[name] = {"mode": mode, "triples": triples,
                        "pushed": datetime.now(timezone.utc).isoformat(timespec="seconds")}
        self._save()

    def discard(self, server: str, name: str) -> None:
        self._servers.get(server, {}).get("graphs", {}).pop(name, None)
        self._save()

    def _save(self) -> None:
        if self.path is None:
            return
        text = json.dumps({"version": self.VERSION, "servers": self._servers}, indent=1, sort_keys=True)
        with replaced_atomically(self.path) as output:
            output.write(text.encode("utf-8"))


#: Records of stores that have no directory (in memory), for as long as the store lives.
_MEMORY_RECORDS: "weakref.WeakKeyDictionary[KnowledgeStore, PushRecord]" = weakref.WeakKeyDictionary()


def record_for(store: KnowledgeStore) -> PushRecord:
    """The push record of a store: in its directory, or in memory for an in-memory store."""
    if store.path is not None:
        return PushRecord(store.path / RECORD_FILE)
    if store not in _MEMORY_RECORDS:
        _MEMORY_RECORDS[store] = PushRecord()
    return _MEMORY_RECORDS[store]


def record_beside(graph_path: str | os.PathLike) -> PushRecord:
    """The push record of a graph loaded from files: in the output directory, or beside the file."""
    path = Path(graph_path)
    return PushRecord(path / RECORD_FILE if path.is_dir() else path.with_name(f"{path.name}.{RECORD_FILE}"))


def push(store: KnowledgeStore, endpoint: str, *, graph: str | None = None, retries: int = 4,
         backoff: float = 0.5, timeout: float = 60.0,
         on_graph: Callable[[str, int], None] | None = None, prune: bool = False, dry_run: bool = False,
         replace_existing: bool = False, record: PushRecord | None = None,
         query_endpoint: str | None = None, update_endpoint: str | None = None) -> PushReport:
    """Upload a store's graphs to a SPARQL server, replacing only what this store pushed there.

    Args:
        store: The graph to send.
        endpoint: The server's Graph Store URL, e.g. `http://localhost:7878/store` (Oxigraph)
            or `http://localhost:3030/ds/data` (Fuseki); `user:password@` in it is sent as
            HTTP Basic authentication, to that origin only.
        graph: Put the whole graph into this one named graph instead of one graph per article.
        retries: Further attempts for each request after a failure that may pass.
        backoff: Seconds before the first retry; doubled after each (at most 30 s).
        timeout: Seconds to wait for each answer.
        on_graph: Called with each graph name (or "default") and its triple count once sent.
        prune: Also delete the server's article graphs (kgbuild's `{base}article/{id}/graph`
            under the bases of the store's article graphs) that the store does not hold,
            although this store did not push them.
        dry_run: Work out what would be replaced and deleted (`PushReport.plan`); send nothing.
        replace_existing: Replace graphs of the store's names that the server holds although
            this store did not push them (e.g. pushed before the record was kept).
        record: Where the pushed graphs are recorded; by default `kgbuild-push.json` in the
            store's directory (in memory for an in-memory store).
        query_endpoint: The server's SPARQL query URL, when it cannot be derived from `endpoint`.
        update_endpoint: The server's SPARQL update URL, when it cannot be derived from `endpoint`.

    Returns:
        What was sent, deleted and left alone.

    Raises:
        EndpointError: A URL is unusable, the server refuses (401/403 or another 4xx) or
            redirects to another origin, or a request still fails after every retry.
    """
    started = time.perf_counter()
    query_url, update_url = _endpoints_beside(_split_credentials(endpoint), query_endpoint, update_endpoint)
    client = _Client(retries=retries, backoff=backoff, timeout=timeout)
    record = record if record is not None else record_for(store)
    server = update_url.url
    mode = "one graph" if graph is not None else "per article"
    ours = record.graphs(server)
    uploads = list(_uploads(store, graph))
    local = {name for name, _, _ in uploads if name is not None}
    on_server = set(client.graph_names(query_url))
    # Only a per-article push deletes: its graphs are the store's articles, so one it pushed
    # and the store no longer holds is an article removed since.
    deletable = {name for name, how in ours.items() if how.get("mode") == mode == "per article"}
    plan = _plan(store, local, set(ours), deletable, on_server, prune=prune and graph is None,
                 replace_existing=replace_existing)
    if dry_run:
        return PushReport(0, 0, client.retries, time.perf_counter() - started, 0, plan, dry_run=True)
    skip = set(plan.skip)
    sent_graphs = sent_triples = 0
    for name, body, count in uploads:
        if name in skip:
            continue
        if name is None:  # the default graph: merged into, never replaced
            client.update(update_url, b"INSERT DATA {\n" + body + b"}\n", "the default graph's triples")
        else:
            record.add(server, name, mode=mode, triples=count)  # before sending: a kill leaves it ours
            client.update(update_url, _replace_graph(name, body), f"graph <{name}>")
        sent_graphs += 1
        sent_triples += count
        if on_graph is not None:
            on_graph(name or "default", count)
    for name in plan.delete:
        client.update(update_url, _drop_graph(name), f"the deletion of graph <{name}>")
        record.discard(server, name)
        logger.info("push: deleted <%s>", name)
    for name in set(ours) - local - on_server:  # gone from the server already
        record.discard(server, name)
    return PushReport(sent_graphs, sent_triples, client.retries, time.perf_counter() - started,
                      len(plan.delete), plan)


def _plan(store: KnowledgeStore, local: set[str], ours: set[str], deletable: set[str], on_server: set[str], *,
          prune: bool, replace_existing: bool) -> PushPlan:
    """Which named graphs to replace, add, delete and leave alone."""
    foreign = (local & on_server) - ours
    delete = (deletable - local) & on_server
    if prune:
        bases = {match["base"] for match in map(_ARTICLE_GRAPH.match, map(str, store.graph_names())) if match}
        delete |= {name for name in on_server - local
                   if (match := _ARTICLE_GRAPH.match(name)) and match["base"] in bases}
    return PushPlan(replace=tuple(sorted(local & on_server & ours | (foreign if replace_existing else set()))),
                    add=tuple(sorted(local - on_server)),
                    delete=tuple(sorted(delete)),
                    skip=() if replace_existing else tuple(sorted(foreign)))


def _remove_default_copies(graph: ox.NamedNode) -> str:
    """Update: remove the default-graph copies of `graph`'s triples that no other named graph holds."""
    # `graph` is a validated IRI written out by pyoxigraph (`<...>`), not user text.
    return (f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != {graph}) }} }} ;\n"
            f"DROP SILENT GRAPH {graph} ;\n")


def _replace_graph(name: str, ntriples: bytes) -> bytes:
    """One update request: replace the named graph and keep the default graph's copy of it."""
    graph = ox.NamedNode(name)
    # N-Triples is a subset of the triples syntax of SPARQL: its lines go in as they are.
    return (_remove_default_copies(graph).encode() + f"INSERT DATA {{ GRAPH {graph} {{\n".encode() + ntriples
            + f"}} }} ;\nINSERT {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}\n".encode())


def _drop_graph(name: str) -> bytes:
    return _remove_default_copies(ox.NamedNode(name)).rstrip(" ;\n").encode() + b"\n"


def _uploads(store: KnowledgeStore, graph: str | None) -> Iterator[tuple[str | None, bytes, int]]:
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


@dataclass(frozen=True)
class _Url:
    """A request URL and the Basic authorization to send with it (None: none)."""

    url: str
    authorization: str | None


def _endpoints_beside(store_url: _Url, query_endpoint: str | None,
                      update_endpoint: str | None) -> tuple[_Url, _Url]:
    """The SPARQL query and update URLs for a Graph Store URL (or as given).

    A URL given without credentials gets the Graph Store URL's credentials only when it has
    the same origin.
    """
    parts = urlsplit(store_url.url)
    derived: list[str | None] = [None, None]
    for ending, beside in _ENDPOINTS_BESIDE.items():
        if parts.path.endswith(ending):
            derived = [urlunsplit(parts._replace(path=parts.path[: -len(ending)] + path, query=""))
                       for path in beside]
            break
    urls = []
    for given, default, kind, option in ((query_endpoint, derived[0], "query", "query_endpoint"),
                                         (update_endpoint, derived[1], "update", "update_endpoint")):
        if given is None and default is None:
            raise EndpointError(f"no SPARQL {kind} endpoint known beside {store_url.url} (Oxigraph: /store, "
                                f"Fuseki: /data, GraphDB: /rdf-graphs/service); give it with --{kind}-endpoint "
                                f"(push(..., {option}=...)).")
        url = _split_credentials(given) if given is not None else _Url(default, None)  # type: ignore[arg-type]
        if url.authorization is None and _origin(url.url) == _origin(store_url.url):
            url = _Url(url.url, store_url.authorization)
        urls.append(url)
    return urls[0], urls[1]


def _origin(url: str) -> tuple[str, str, int | None]:
    """Scheme, host and port (the default port made explicit).

    >>> _origin("http://h/x") == _origin("http://H:80/y"), _origin("http://h/x") == _origin("https://h/x")
    (True, False)
    """
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = None
    default = {"http": 80, "https": 443}.get(parts.scheme.lower())
    return parts.scheme.lower(), (parts.hostname or "").lower(), port if port is not None else default


def _split_credentials(endpoint: str) -> _Url:
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
    return _Url(urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, "")), authorization)


def _redacted(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None:
        return url
    return url.replace(f":{parts.password}@", ":***@", 1)


class _SameOriginRedirects(urllib.request.HTTPRedirectHandler):
    """Follows 307/308 within one origin (method, body and credentials kept); refuses the rest.

    urllib's own handler follows a 302 anywhere, turning a POST into a GET, with every
    header of the request, `Authorization` included.
    """

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: D102 - urllib's hook
        newurl = urljoin(req.full_url, newurl)
        where = req.full_url.split("?", 1)[0]
        if _origin(newurl) != _origin(req.full_url):
            raise EndpointError(f"{where} redirected ({code}) to another origin, {newurl.split('?', 1)[0]}; "
                                "kgbuild sends neither data nor credentials there. If that is the server, "
                                "give its URL as --endpoint.")
        if code not in (307, 308):
            raise EndpointError(f"{where} answered {code} {msg} (a redirect that would turn the request into a "
                                f"GET) to {newurl.split('?', 1)[0]}. Give that URL as --endpoint.")
        return urllib.request.Request(newurl, data=req.data, headers=dict(req.header_items()),
                                      method=req.get_method())


_OPENER = urllib.request.build_opener(_SameOriginRedirects)


class _Client:
    """SPARQL queries and updates with retries; counts the retries."""

    def __init__(self, *, retries: int, backoff: float, timeout: float) -> None:
        self.attempts = max(1, retries + 1)
        self.backoff = backoff
        self.timeout = timeout
        self.retries = 0

    def update(self, url: _Url, body: bytes, what: str) -> None:
        self._send(url, body, {"Content-Type": "application/sparql-update"}, what)

    def graph_names(self, url: _Url) -> list[str]:
        """The server's named graphs."""
        body = urlencode({"query": _LIST_GRAPHS}).encode()
        answer = self._send(url, body, {"Content-Type": "application/x-www-form-urlencoded",
                                        "Accept": "application/sparql-results+json"},
                            "the query listing its graphs", update=False)
        try:
            rows = json.loads(answer)["results"]["bindings"]
            return [row["g"]["value"] for row in rows if row.get("g", {}).get("type") == "uri"]
        except (ValueError, KeyError, TypeError) as error:
            raise EndpointError(f"{url.url} did not answer the query listing its graphs with SPARQL "
                                f"results JSON ({error}). Is it the SPARQL query endpoint?") from error

    def _send(self, url: _Url, body: bytes, headers: dict[str, str], what: str, *, update: bool = True) -> bytes:
        if url.authorization:
            headers = {**headers, "Authorization": url.authorization}
        where = url.url.split("?", 1)[0]
        problem = ""
        for attempt in range(self.attempts):
            request = urllib.request.Request(url.url, data=body, headers=headers, method="POST")
            try:
                with _OPENER.open(request, timeout=self.timeout) as response:
                    return response.read()
            except urllib.error.HTTPError as error:
                detail = _first_line(error.read())
                if error.code in (401, 403):
                    raise EndpointError(
                        f"{where} refused {what}: {error.code} {error.reason}. The endpoint needs "
                        "credentials that allow writing; give them as http://user:password@host/... "
                        "in --endpoint.") from error
                if error.code not in _RETRY_STATUSES:
                    hint = ("Is it the server's SPARQL update endpoint (Oxigraph: /update)? Give it with "
                            "--update-endpoint." if update else
                            "Is it the server's SPARQL query endpoint (Oxigraph: /query, Fuseki: /sparql)? "
                            "Give it with --query-endpoint.")
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
