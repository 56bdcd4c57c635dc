"""A read-only SPARQL 1.1 Protocol endpoint over a knowledge store, on the standard library.

    GET  /sparql?query=...                       a query (also default-graph-uri, named-graph-uri)
    POST /sparql   query=... (form-encoded)      a query
    POST /sparql   application/sparql-query      a query as the body
    GET  /                                       a query page with the packaged example queries

Answers are negotiated from the `Accept` header (or a `format=` parameter): SELECT and ASK
as SPARQL results JSON (the default), XML, CSV or TSV; CONSTRUCT and DESCRIBE as Turtle
(the default), N-Triples, RDF/XML or JSON-LD. Oxigraph writes them, streaming.

Nothing can change the graph: an update (`update=`, `application/sparql-update`, an update
sent as a query, PUT/DELETE/PATCH) is answered 403. SERVICE is refused (400) unless
allowed, since it would make the server fetch any URL a query names. Requests over a size
limit get 413.

Each query is evaluated in one of a few worker processes (`kgbuild.query.workers`), with a
time limit and a limit on the size of its answer (400). Oxigraph cannot stop a query once
it runs, so a worker that runs over the time is killed and replaced, and the client gets
503, as it does when no worker is free within the time limit. Where processes cannot be
forked (Windows), queries run in threads and one over the limit runs on to its end.
"""

from __future__ import annotations

import html
import io
import logging
import os
import re
import threading
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable
from urllib.parse import parse_qs, quote, urlsplit

import pyoxigraph as ox

from kgbuild.errors import EndpointError, QueryError
from kgbuild.graph import KnowledgeStore
from kgbuild.query.runner import evaluate, packaged_queries
from kgbuild.query.workers import (CAN_FORK, InProcessWorkers, QueryTimedOut, QueryWorkers, WorkerFailed,
                                   WorkersBusy)

__all__ = ["EndpointLimits", "SparqlEndpoint", "serve"]

logger = logging.getLogger("kgbuild")

SPARQL_PATH = "/sparql"

#: Media types for SELECT and ASK answers; the first is the default.
RESULT_TYPES: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
#: Media types for CONSTRUCT and DESCRIBE answers; the first is the default.
GRAPH_TYPES: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}
#: `format=` names (as Fuseki and Virtuoso take them) → media type, per kind of answer.
_FORMAT_NAMES = {
    "json": ("application/sparql-results+json", "application/ld+json"),
    "xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "csv": ("text/csv", None), "tsv": ("text/tab-separated-values", None),
    "turtle": (None, "text/turtle"), "ttl": (None, "text/turtle"),
    "ntriples": (None, "application/n-triples"), "nt": (None, "application/n-triples"),
    "rdfxml": (None, "application/rdf+xml"), "jsonld": (None, "application/ld+json"),
}
_UPDATE_KEYWORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
_PROLOGUE = re.compile(r"\s*(?:#[^\n]*\n|PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)", re.IGNORECASE)


def _usable_cores() -> int:
    """The cores this process may run on (at least 2: one slow query must not hold them all)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 2
    return max(2, cores)


@dataclass(frozen=True)
class EndpointLimits:
    """What one request may cost the server.

    Attributes:
        timeout: Seconds a query may run before it is stopped and answered 503.
        max_result_bytes: Largest answer sent; a larger one is answered 400 (add a LIMIT).
        max_request_bytes: Largest request body accepted; a larger one is answered 413.
        max_concurrent_queries: Query worker processes, so queries evaluated at once
            (default: the cores, at least 2); more wait for a worker, and are answered
            503 if none is free within `timeout`.
    """

    timeout: float = 30.0
    max_result_bytes: int = 50_000_000
    max_request_bytes: int = 1_000_000
    max_concurrent_queries: int = field(default_factory=_usable_cores)


@dataclass(frozen=True)
class _Answer:
    """An HTTP answer: what a query worker sends back, and what the handler writes."""

    status: HTTPStatus
    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()


class _Refusal(Exception):
    """A request answered with an error status and a one-line message."""

    def __init__(self, status: HTTPStatus, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.headers = headers or {}

    def answer(self) -> _Answer:
        """The refusal as a plain-text answer."""
        return _Answer(self.status, "text/plain; charset=utf-8", (str(self) + "\n").encode("utf-8"),
                       tuple(self.headers.items()))


@dataclass(frozen=True)
class _QueryRequest:
    """One query, as sent to a worker process."""

    sparql: str
    accept: str
    format_name: str | None
    default_graphs: tuple[str, ...]
    named_graphs: tuple[str, ...]
    allow_service: bool
    max_result_bytes: int


class SparqlEndpoint:
    """A SPARQL 1.1 Protocol server over a knowledge store (read-only).

    Example:
        >>> with SparqlEndpoint(kg.store, port=0).start() as endpoint:  # doctest: +SKIP
        ...     print(endpoint.url)  # http://127.0.0.1:40123/sparql

    The query workers are started here, before any server thread. A store in memory is
    forked into them, so they serve it as it is now (later changes are not seen), and
    nothing may write to it from another thread meanwhile; a store on disk is opened
    read-only by each. `close()` (or leaving the `with` block) stops them; they also end
    if this process is killed.

    Args:
        store: The store to serve; it is only ever read.
        host: Address to listen on; the default serves this machine only.
        port: Port; 0 picks a free one (see `url`).
        limits: Time, size and concurrency limits.
        allow_service: Let queries use SERVICE (federated queries).

    Raises:
        EndpointError: The address cannot be bound (port in use, bad host), or the query
            workers cannot start.
    """

    def __init__(self, store: KnowledgeStore, *, host: str = "127.0.0.1", port: int = 7878,
                 limits: EndpointLimits | None = None, allow_service: bool = False) -> None:
        self.store = store
        self.limits = limits or EndpointLimits()
        self.allow_service = allow_service
        self._examples = packaged_queries()
        self._thread: threading.Thread | None = None
        self._workers = _start_workers(store, self.limits.max_concurrent_queries)
        try:
            self._server = _Server((host, port), _Handler)
        except OSError as error:
            self._workers.close()
            raise EndpointError(f"Cannot serve on {host}:{port} ({error.strerror or error}). "
                                "Choose another --port (0 picks a free one) or --host.") from error
        self._server.endpoint = self

    @property
    def url(self) -> str:
        """The query URL, e.g. http://127.0.0.1:7878/sparql."""
        host, port = self._server.server_address[:2]
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{port}{SPARQL_PATH}"

    def serve_forever(self) -> None:
        """Answer requests until `close()` (from another thread) or Ctrl-C."""
        self._server.serve_forever(poll_interval=0.2)

    def start(self) -> "SparqlEndpoint":
        """Answer requests in a background thread; returns self."""
        self._thread = threading.Thread(target=self.serve_forever, name="kgbuild-endpoint", daemon=True)
        self._thread.start()
        return self

    @property
    def worker_pids(self) -> list[int]:
        """The process ids of the query workers (empty where queries run in threads)."""
        return self._workers.pids

    def close(self) -> None:
        """Stop answering, free the port and stop the query workers."""
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join(timeout=10)
            self._thread = None
        self._server.server_close()
        self._workers.close()

    def __enter__(self) -> "SparqlEndpoint":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ── answering ─────────────────────────────────────────────────────────────────────

    def answer_query(self, sparql: str, *, accept: str, format_name: str | None = None,
                     default_graphs: list[str] | None = None, named_graphs: list[str] | None = None) -> _Answer:
        """Evaluate one query in a worker within the limits; its answer, or the refusal as an answer.

        Raises:
            _Refusal: 403 for an update; 503 when no worker is free in time, or the query
                runs over the time limit (its worker is killed).
        """
        if _looks_like_update(sparql):
            raise _Refusal(HTTPStatus.FORBIDDEN, "This endpoint is read-only: SPARQL Update is refused.")
        request = _QueryRequest(sparql, accept, format_name, tuple(default_graphs or ()), tuple(named_graphs or ()),
                                self.allow_service, self.limits.max_result_bytes)
        # A burst of clients waits its turn (up to the time limit) rather than being turned away.
        try:
            return self._workers.run(request, wait=self.limits.timeout, timeout=self.limits.timeout)
        except WorkersBusy as error:
            raise _Refusal(HTTPStatus.SERVICE_UNAVAILABLE, "Every query worker is busy; try again shortly.",
                           {"Retry-After": "1"}) from error
        except QueryTimedOut as error:
            raise _Refusal(HTTPStatus.SERVICE_UNAVAILABLE,
                           f"The query ran longer than {self.limits.timeout:g} s and was stopped. "
                           "Narrow it or add a LIMIT.") from error
        except WorkerFailed as error:
            logger.error("kgbuild endpoint: %s", error)
            raise _Refusal(HTTPStatus.INTERNAL_SERVER_ERROR, "The server failed to answer; see its log.") from error

    def query_page(self, example: str | None) -> bytes:
        """The HTML query page: a form and the packaged example queries (all text escaped)."""
        return _query_page(self.url, self._examples, example).encode("utf-8")


def _start_workers(store: KnowledgeStore, size: int) -> QueryWorkers | InProcessWorkers:
    """Killable worker processes, or threads where this platform cannot fork.

    Raises:
        EndpointError: The workers cannot start.
    """
    if not CAN_FORK:
        logger.warning("kgbuild endpoint: this platform cannot fork, so queries run in threads, and one over "
                       "the time limit is answered 503 but runs on to its end")
        return InProcessWorkers(store, _answer_in_worker, size=size)
    try:
        return QueryWorkers(store, _answer_in_worker, size=size)
    except WorkerFailed as error:
        raise EndpointError(f"Cannot start the query workers: {error}") from error


def _answer_in_worker(store: KnowledgeStore, request: _QueryRequest) -> _Answer:
    """Evaluate and serialize one query (in a worker process); a refusal comes back as an answer."""
    try:
        try:
            answer = evaluate(store, request.sparql, allow_service=request.allow_service,
                              default_graphs=list(request.default_graphs) or None,
                              named_graphs=list(request.named_graphs) or None)
        except QueryError as error:
            raise _Refusal(HTTPStatus.BAD_REQUEST, str(error)) from error
        media_type, body = _serialize(answer, request.accept, request.format_name, request.max_result_bytes)
    except _Refusal as refusal:
        return refusal.answer()
    charset = "; charset=utf-8" if media_type.startswith("text/") else ""
    return _Answer(HTTPStatus.OK, media_type + charset, body)


def _serialize(answer, accept: str, format_name: str | None, max_bytes: int) -> tuple[str, bytes]:
    """(media type, bytes) of an Oxigraph answer, negotiated and at most `max_bytes` long.

    Raises:
        _Refusal: 406 when no acceptable format fits; 400 when the answer is too large or
            its evaluation fails (Oxigraph's answers are lazy).
    """
    is_graph = isinstance(answer, ox.QueryTriples)
    media_type = negotiate(accept, is_graph=is_graph, format_name=format_name)
    output = _BoundedOutput(max_bytes)
    try:
        if is_graph:
            answer.serialize(output, GRAPH_TYPES[media_type])
        else:
            answer.serialize(output, RESULT_TYPES[media_type])
    except _AnswerTooLarge as error:
        raise _Refusal(HTTPStatus.BAD_REQUEST,
                       f"The answer is larger than {max_bytes:,} bytes. "
                       "Add a LIMIT or select fewer variables.") from error
    except (OSError, ValueError, RuntimeError) as error:
        raise _Refusal(HTTPStatus.BAD_REQUEST, f"The query failed: {error}") from error
    return media_type, output.getvalue()


def serve(graph, *, host: str = "127.0.0.1", port: int = 7878, limits: EndpointLimits | None = None,
          allow_service: bool = False, on_ready: Callable[[SparqlEndpoint], None] | None = None) -> None:
    """Serve a graph (a `KnowledgeGraph` or `KnowledgeStore`) until Ctrl-C.

    `on_ready` is called with the endpoint once it listens (its `url` names the port
    when `port=0` picked one).

    Raises:
        EndpointError: The address cannot be bound.
    """
    store = graph if isinstance(graph, KnowledgeStore) else graph.store
    endpoint = SparqlEndpoint(store, host=host, port=port, limits=limits, allow_service=allow_service)
    try:
        if on_ready is not None:
            on_ready(endpoint)
        endpoint.serve_forever()
    finally:
        endpoint.close()


def negotiate(accept: str, *, is_graph: bool, format_name: str | None = None) -> str:
    """The media type to answer with, from a `format=` name or the `Accept` header.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", is_graph=False)
    'application/sparql-results+xml'
    >>> negotiate("*/*", is_graph=True)
    'text/turtle'

    Raises:
        _Refusal: 406 when nothing acceptable can be written.
    """
    table = GRAPH_TYPES if is_graph else RESULT_TYPES
    if format_name:
        named = _FORMAT_NAMES.get(format_name.strip().lower(), (None, None))[1 if is_graph else 0]
        if named is None and format_name.strip().lower() in table:
            named = format_name.strip().lower()
        if named is not None:
            return named
    default = next(iter(table))
    ranges = []
    for position, item in enumerate((accept or "*/*").split(",")):
        media_range, *parameters = (part.strip() for part in item.split(";"))
        quality = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media_range and quality > 0:
            ranges.append((-quality, position, media_range.lower()))
    for _, _, media_range in sorted(ranges):
        if media_range in table:
            return media_range
        if media_range == "*/*":
            return default
        if media_range.endswith("/*"):
            major = media_range[:-1]
            match = next((media_type for media_type in table if media_type.startswith(major)), None)
            if match:
                return match
    kind = "graph (CONSTRUCT/DESCRIBE)" if is_graph else "SELECT/ASK"
    raise _Refusal(HTTPStatus.NOT_ACCEPTABLE,
                   f"Cannot answer a {kind} query as {accept!r}. Accept one of: {', '.join(table)}.")


def _looks_like_update(sparql: str) -> bool:
    """Whether a text is a SPARQL Update (its first keyword after the prologue is an update's)."""
    position = 0
    while match := _PROLOGUE.match(sparql, position):
        position = match.end()
    word = re.match(r"\s*([A-Za-z]+)", sparql[position:])
    return bool(word) and word.group(1).upper() in _UPDATE_KEYWORDS


class _AnswerTooLarge(Exception):
    pass


class _BoundedOutput(io.RawIOBase):
    """A byte buffer Oxigraph serializes into; it stops the serialization (by raising) once
    the answer grows too large. (Time is kept by the server, which kills a slow worker.)"""

    def __init__(self, max_bytes: int) -> None:
        super().__init__()
        self._buffer = io.BytesIO()
        self._max_bytes = max_bytes

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        if self._buffer.tell() + len(data) > self._max_bytes:
            raise _AnswerTooLarge()
        return self._buffer.write(data)

    def getvalue(self) -> bytes:
        return self._buffer.getvalue()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128  # socketserver's 5 resets connections when a few dozen clients arrive at once
    endpoint: SparqlEndpoint


class _Handler(BaseHTTPRequestHandler):
    """Maps HTTP requests to `SparqlEndpoint.answer_query`; every error is a one-line text."""

    server: _Server
    protocol_version = "HTTP/1.1"
    server_version = "kgbuild-sparql"
    timeout = 60  # seconds a client may stay silent (slow clients cannot hold a thread forever)

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self._respond(self._get)

    def do_HEAD(self) -> None:  # noqa: N802
        self._respond(self._get, body=False)

    def do_POST(self) -> None:  # noqa: N802
        self._respond(self._post)

    def do_PUT(self) -> None:  # noqa: N802
        self._respond(self._read_only)

    do_DELETE = do_PATCH = do_PUT  # noqa: N815

    def _get(self) -> _Answer:
        url = urlsplit(self.path)
        parameters = _parameters(url.query)
        if url.path in ("/", "/index.html"):
            example = (parameters.get("example") or [None])[0]
            return _Answer(HTTPStatus.OK, "text/html; charset=utf-8", self.server.endpoint.query_page(example))
        if url.path != SPARQL_PATH:
            raise _Refusal(HTTPStatus.NOT_FOUND, f"No such page: {url.path}. Queries go to {SPARQL_PATH}.")
        if "update" in parameters:
            raise _Refusal(HTTPStatus.FORBIDDEN, "This endpoint is read-only: SPARQL Update is refused.")
        if "query" not in parameters:
            raise _Refusal(HTTPStatus.BAD_REQUEST, f"No query. Send {SPARQL_PATH}?query=... (the page / has a form).")
        return self._query(parameters)

    def _post(self) -> _Answer:
        url = urlsplit(self.path)
        if url.path != SPARQL_PATH:
            raise _Refusal(HTTPStatus.NOT_FOUND, f"No such endpoint: {url.path}. Queries go to {SPARQL_PATH}.")
        parameters = _parameters(url.query)
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if content_type == "application/sparql-update" or "update" in parameters:
            raise _Refusal(HTTPStatus.FORBIDDEN, "This endpoint is read-only: SPARQL Update is refused.")
        body = self._body()
        if content_type == "application/x-www-form-urlencoded":
            form = _parameters(_decode(body))
            if "update" in form:
                raise _Refusal(HTTPStatus.FORBIDDEN, "This endpoint is read-only: SPARQL Update is refused.")
            for name, values in form.items():
                parameters.setdefault(name, []).extend(values)
        elif content_type == "application/sparql-query":
            if "query" in parameters:
                raise _Refusal(HTTPStatus.BAD_REQUEST, "Give the query either as the body or as query=, not both.")
            parameters["query"] = [_decode(body)]
        else:
            raise _Refusal(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                           f"Cannot read a {content_type or 'body without Content-Type'}. Send "
                           "application/sparql-query or application/x-www-form-urlencoded (query=...).")
        if "query" not in parameters:
            raise _Refusal(HTTPStatus.BAD_REQUEST, "No query. Send query=... or an application/sparql-query body.")
        return self._query(parameters)

    def _read_only(self) -> _Answer:
        self._discard_body()
        raise _Refusal(HTTPStatus.FORBIDDEN, "This endpoint is read-only: the graph cannot be changed.")

    def _query(self, parameters: dict[str, list[str]]) -> _Answer:
        if len(parameters["query"]) != 1:
            raise _Refusal(HTTPStatus.BAD_REQUEST, "Send exactly one query parameter.")
        return self.server.endpoint.answer_query(
            parameters["query"][0], accept=self.headers.get("Accept", "*/*"),
            format_name=(parameters.get("format") or parameters.get("output") or [None])[0],
            default_graphs=parameters.get("default-graph-uri"), named_graphs=parameters.get("named-graph-uri"))

    def _body(self) -> bytes:
        length = self.headers.get("Content-Length")
        if self.headers.get("Transfer-Encoding") or length is None:
            self.close_connection = True
            raise _Refusal(HTTPStatus.LENGTH_REQUIRED, "Send a Content-Length (chunked bodies are not read).")
        try:
            size = int(length)
        except ValueError:
            size = -1
        if size < 0:
            self.close_connection = True
            raise _Refusal(HTTPStatus.BAD_REQUEST, f"Bad Content-Length {length!r}.")
        limit = self.server.endpoint.limits.max_request_bytes
        if size > limit:
            self.close_connection = True  # the unread body must not be taken for the next request
            raise _Refusal(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"The request is larger than {limit:,} bytes.")
        return self.rfile.read(size)

    def _discard_body(self) -> None:
        try:
            self._body()
        except _Refusal:
            pass

    def _respond(self, handle, *, body: bool = True) -> None:
        try:
            answer = handle()
        except _Refusal as refusal:
            answer = refusal.answer()
        except Exception:  # never a traceback to the client; the log has it
            logger.exception("kgbuild endpoint: request %s %s failed", self.command, self.path)
            answer = _Answer(HTTPStatus.INTERNAL_SERVER_ERROR, "text/plain; charset=utf-8",
                             b"The server failed to answer; see its log.\n")
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-store")
        if answer.content_type.startswith("text/html"):
            self.send_header("Content-Security-Policy",
                             "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
        if answer.status == HTTPStatus.OK and urlsplit(self.path).path == SPARQL_PATH:
            self.send_header("Vary", "Accept")
        for name, value in answer.headers:
            self.send_header(name, value)
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(answer.body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (http.server's name)
        logger.info("%s %s", self.address_string(), format % args)


def _parameters(query_string: str) -> dict[str, list[str]]:
    try:
        return parse_qs(query_string, keep_blank_values=True, strict_parsing=False, errors="strict")
    except (ValueError, UnicodeDecodeError) as error:
        raise _Refusal(HTTPStatus.BAD_REQUEST, f"Cannot read the parameters ({error}).") from error


def _decode(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _Refusal(HTTPStatus.BAD_REQUEST, "The request body is not UTF-8.") from error


# ── the query page ─────────────────────────────────────────────────────────────────────

_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>kgbuild SPARQL endpoint</title>
<style>
body {{ font: 15px/1.45 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }}
textarea {{ width: 100%; height: 16rem; font: 13px/1.4 ui-monospace, monospace; }}
pre {{ background: #f5f5f5; padding: .6rem; overflow-x: auto; font-size: 12px; }}
code {{ background: #f5f5f5; padding: 0 .2rem; }}
li {{ margin: .3rem 0; }}
</style></head>
<body>
<h1>kgbuild SPARQL endpoint</h1>
<p>Send SPARQL 1.1 queries to <code>{endpoint}</code> (GET or POST; read-only).
kgbuild's prefixes (kg:, rel:, schema:, prov:, nif:, skos:, rdf:, rdfs:, xsd:) are predeclared.</p>
<form method="get" action="{path}">
<textarea name="query" aria-label="SPARQL query">{query}</textarea>
<p><label>Answer as <select name="format">
<option value="json">SPARQL results JSON</option><option value="xml">SPARQL results XML</option>
<option value="csv">CSV</option><option value="tsv">TSV</option>
<option value="turtle">Turtle (CONSTRUCT, DESCRIBE)</option>
<option value="ntriples">N-Triples (CONSTRUCT, DESCRIBE)</option>
</select></label> <button type="submit">Run</button></p>
</form>
<h2>Example queries</h2>
<p>Open one to load it into the form. Queries that take a value (<code>?name</code>,
<code>?place</code>, <code>?subject</code>) list every entity until you add, for example,
<code>VALUES ?name {{ "Russia" }}</code>.</p>
<ul>
{examples}
</ul>
<p>From a shell: <code>curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * {{ ?s ?p ?o }} LIMIT 5' {endpoint}</code></p>
</body></html>
"""

_DEFAULT_QUERY = "SELECT ?name ?type\nWHERE { ?entity a kg:Entity , ?type ; rdfs:label ?name }\nLIMIT 25\n"


def _query_page(endpoint_url: str, examples: dict[str, str], chosen: str | None) -> str:
    items = []
    for name, text in examples.items():
        description = " ".join(line.lstrip("#").strip() for line in text.splitlines()
                               if line.startswith("#")).split(". ")[0].rstrip(".")
        items.append(f'<li><a href="/?example={html.escape(quote(name), quote=True)}">{html.escape(name)}</a>'
                     f" — {html.escape(description)}</li>")
    query = examples.get(chosen or "", _DEFAULT_QUERY)
    return _PAGE.format(endpoint=html.escape(endpoint_url), path=html.escape(SPARQL_PATH, quote=True),
                        query=html.escape(query), examples="\n".join(items))
