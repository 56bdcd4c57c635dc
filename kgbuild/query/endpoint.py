"""A read-only SPARQL 1.1 Protocol endpoint over a knowledge store, on the standard library.

    GET  /sparql?query=...                       a query (also default-graph-uri, named-graph-uri)
    POST /sparql   query=... (form-encoded)      a query
    POST /sparql   application/sparql-query      a query as the body
    GET  /                                       a query page with the packaged example queries

Answers are negotiated from the `Accept` header (or a `format=` parameter): SELECT and ASK
as SPARQL results JSON (the default), XML, CSV or TSV; CONSTRUCT and DESCRIBE as Turtle
(the default), N-Triples, RDF/XML or JSON-LD. Oxigraph writes them, streaming.

Nothing can change the graph: an update (`update=`, `application/sparql-update`, an update
sent as a query, PUT/DELETE/PATCH) is answered 403, and a store on disk is opened
read-only. SERVICE is refused (400) unless allowed, since it would make the server fetch
any URL a query names; the decision is taken from the parsed query (`kgbuild.query.guard`),
and query workers run without network access where the system allows it. Requests whose
`Host` is not this machine's (a DNS-rebinding page in a browser) are refused (403) unless
the name is allowed. Requests over a size limit get 413; cross-origin browser access is off
unless origins are allowed (`cors_origins`).

Each query is evaluated in one of a few worker processes (`kgbuild.query.workers`), with a
time limit, a memory limit (503 when a query needs more) and a limit on the size of its
answer (400). Oxigraph cannot stop a query once
it runs, so a worker that runs over the time is killed and replaced, and the client gets
503, as it does when no worker is free within the time limit. Where processes cannot be
forked (Windows), queries run in threads and one over the limit runs on to its end.

Connections are bounded as well: at most `max_connections` at once (more are answered 503
and closed), a request's head must arrive within `head_timeout` seconds (a client sending
a byte at a time cannot hold a thread), and an idle keep-alive connection is closed after
`idle_timeout`. A body the server does not read is never taken for the next request.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import re
import socket
import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from kgbuild.errors import EndpointError, QueryError
from kgbuild.graph import KnowledgeStore
from kgbuild.query.negotiation import GRAPH_TYPES, RESULT_TYPES, NotAcceptable, negotiate
from kgbuild.query.page import query_page, script_hash
from kgbuild.query.runner import DEFAULT_MEMORY_BYTES, evaluate, memory_or_crash_message, packaged_queries
from kgbuild.query.workers import (CAN_FORK, InProcessWorkers, QueryTimedOut, QueryWorkers, StoreUnavailable,
                                   WorkerDied, WorkerFailed, WorkerLimits, WorkersBusy)

__all__ = ["EndpointLimits", "SparqlEndpoint", "negotiate", "serve"]

logger = logging.getLogger("kgbuild")

SPARQL_PATH = "/sparql"

#: Host names a request may carry by default: this machine's (IP literals are allowed too,
#: as DNS rebinding needs a name).
LOCAL_HOSTS = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})

_UPDATE_KEYWORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
_PROLOGUE = re.compile(r"\s*(?:#[^\n]*\n|PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)", re.IGNORECASE)
_DIGITS = re.compile(r"[0-9]{1,15}")
_READ_ONLY = "This endpoint is read-only: SPARQL Update is refused."


def _usable_cores() -> int:
    """The cores this process may run on (at least 2: one slow query must not hold them all)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 2
    return max(2, cores)


@dataclass(frozen=True)
class EndpointLimits:
    """What one request, and all connections together, may cost the server.

    Attributes:
        timeout: Seconds a query may run before it is stopped and answered 503.
        max_result_bytes: Largest answer sent; a larger one is answered 400 (add a LIMIT).
        max_request_bytes: Largest request body accepted; a larger one is answered 413.
        max_concurrent_queries: Query worker processes, so queries evaluated at once
            (default: the cores, at least 2); more wait for a worker, and are answered
            503 if none is free within `timeout`.
        max_memory_bytes: Memory a query may use in its worker beyond the graph; one that
            needs more is stopped and answered 503. None: no limit.
        max_connections: Connections served at once; more are answered 503 and closed.
        head_timeout: Seconds a client has to send a request's line and headers.
        idle_timeout: Seconds an idle keep-alive connection is kept open.
    """

    timeout: float = 30.0
    max_result_bytes: int = 50_000_000
    max_request_bytes: int = 1_000_000
    max_concurrent_queries: int = field(default_factory=_usable_cores)
    max_memory_bytes: int | None = DEFAULT_MEMORY_BYTES
    max_connections: int = 512
    head_timeout: float = 10.0
    idle_timeout: float = 15.0


@dataclass(frozen=True)
class _Answer:
    """An HTTP answer: what a query worker sends back, and what the handler writes."""

    status: HTTPStatus
    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()


class _Refusal(Exception):
    """A request answered with an error status and a one-line message."""

    def __init__(self, status: HTTPStatus, message: str, headers: dict[str, str] | None = None,
                 *, close: bool = False) -> None:
        super().__init__(message)
        self.status = status
        self.headers = headers or {}
        self.close = close  # the connection cannot be read further (an unread or unreadable body)

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
    read-only by each, and opened again when its folder is rebuilt or replaced.
    `close()` (or leaving the `with` block) stops them; they also end if this process is
    killed.

    Args:
        store: The store to serve; it is only ever read.
        host: Address to listen on (IPv4 or IPv6); the default serves this machine only.
        port: Port; 0 picks a free one (see `url`).
        limits: Time, memory, size and concurrency limits.
        allow_service: Let queries use SERVICE (federated queries).
        allowed_hosts: Host names requests may carry besides this machine's names and IP
            addresses (`*`: any), for a server reached by name.
        cors_origins: Origins whose pages may query from a browser (`*`: any); none by default.

    Raises:
        EndpointError: The address cannot be bound (port in use, bad host), or the query
            workers cannot start.
    """

    def __init__(self, store: KnowledgeStore, *, host: str = "127.0.0.1", port: int = 7878,
                 limits: EndpointLimits | None = None, allow_service: bool = False,
                 allowed_hosts: tuple[str, ...] | list[str] = (), cors_origins: tuple[str, ...] | list[str] = ()
                 ) -> None:
        self.store = store
        self.limits = limits or EndpointLimits()
        self.allow_service = allow_service
        self.allowed_hosts = frozenset(name.lower().rstrip(".") for name in allowed_hosts) | LOCAL_HOSTS
        self.cors_origins = frozenset(origin.rstrip("/") for origin in cors_origins)
        self._examples = packaged_queries()
        self._thread: threading.Thread | None = None
        self._workers = _start_workers(store, self.limits, allow_service)
        self._connections = threading.BoundedSemaphore(max(1, self.limits.max_connections))
        try:
            server_class = _Server6 if ":" in host else _Server
            self._server = server_class((host, port), _Handler)
        except (OSError, OverflowError) as error:
            self._workers.close()
            reason = getattr(error, "strerror", None) or error
            raise EndpointError(f"Cannot serve on {host}:{port} ({reason}). "
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
                runs over the time or memory limit (its worker is killed).
        """
        if _looks_like_update(sparql):
            raise _Refusal(HTTPStatus.FORBIDDEN, _READ_ONLY)
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
        except StoreUnavailable as error:
            logger.warning("kgbuild endpoint: the store cannot be opened again: %s", error)
            raise _Refusal(HTTPStatus.SERVICE_UNAVAILABLE, "The store was replaced on disk and cannot be read now; "
                           "try again shortly, or restart kgbuild serve.", {"Retry-After": "5"}) from error
        except WorkerDied as error:
            logger.warning("kgbuild endpoint: %s", error)
            raise _Refusal(HTTPStatus.SERVICE_UNAVAILABLE,
                           memory_or_crash_message(self.limits.max_memory_bytes).replace(
                               "kgbuild query --max-memory-mb", "kgbuild serve --max-memory-mb")) from error
        except WorkerFailed as error:
            logger.error("kgbuild endpoint: %s", error)
            raise _Refusal(HTTPStatus.INTERNAL_SERVER_ERROR, "The server failed to answer; see its log.") from error

    def query_page(self, example: str | None) -> bytes:
        """The HTML query page: a form, the packaged example queries, answers as a table."""
        return query_page(self.url, SPARQL_PATH, self._examples, example).encode("utf-8")

    def host_allowed(self, host_header: str | None) -> bool:
        """Whether a request's `Host` names this server: a local name, an IP address, or an allowed name."""
        if host_header is None:  # HTTP/1.0 without Host: no browser sends that
            return True
        host = host_header.strip().lower()
        if host.startswith("["):
            host = host[1:].partition("]")[0]
        elif host.count(":") == 1:
            host = host.partition(":")[0]
        host = host.rstrip(".")
        if "*" in self.allowed_hosts or host in self.allowed_hosts:
            return True
        try:
            ipaddress.ip_address(host)
        except ValueError:
            return False
        return True

    def cors_headers(self, origin: str | None) -> dict[str, str]:
        """CORS headers for a request from `origin` (none unless the origin is allowed)."""
        if origin is None or not self.cors_origins:
            return {}
        if "*" in self.cors_origins:
            return {"Access-Control-Allow-Origin": "*"}
        if origin.rstrip("/") in self.cors_origins:
            return {"Access-Control-Allow-Origin": origin, "Vary": "Origin"}
        return {}


def _start_workers(store: KnowledgeStore, limits: EndpointLimits, allow_service: bool
                   ) -> QueryWorkers | InProcessWorkers:
    """Killable worker processes, or threads where this platform cannot fork.

    Raises:
        EndpointError: The workers cannot start.
    """
    if not CAN_FORK:
        logger.warning("kgbuild endpoint: this platform cannot fork, so queries run in threads, and one over "
                       "the time limit is answered 503 but runs on to its end")
        return InProcessWorkers(store, _answer_in_worker, size=limits.max_concurrent_queries)
    try:
        return QueryWorkers(store, _answer_in_worker, size=limits.max_concurrent_queries,
                            limits=WorkerLimits(memory_bytes=limits.max_memory_bytes, offline=not allow_service))
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
    except MemoryError:
        return _Refusal(HTTPStatus.SERVICE_UNAVAILABLE, "The query needed more memory than a query may use and "
                        "was stopped. Narrow it or add a LIMIT.").answer()
    charset = "; charset=utf-8" if media_type.startswith("text/") else ""
    return _Answer(HTTPStatus.OK, media_type + charset, body)


def _serialize(answer, accept: str, format_name: str | None, max_bytes: int) -> tuple[str, bytes]:
    """(media type, bytes) of an Oxigraph answer, negotiated and at most `max_bytes` long.

    Raises:
        _Refusal: 406 when no acceptable format fits; 400 when the answer is too large or
            its evaluation fails (Oxigraph's answers are lazy).
    """
    is_graph = isinstance(answer, ox.QueryTriples)
    try:
        media_type = negotiate(accept, is_graph=is_graph, format_name=format_name)
    except NotAcceptable as error:
        raise _Refusal(HTTPStatus.NOT_ACCEPTABLE, str(error)) from error
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
          allow_service: bool = False, allowed_hosts: tuple[str, ...] | list[str] = (),
          cors_origins: tuple[str, ...] | list[str] = (),
          on_ready: Callable[[SparqlEndpoint], None] | None = None) -> None:
    """Serve a graph (a `KnowledgeGraph` or `KnowledgeStore`) until Ctrl-C (KeyboardInterrupt
    is raised to the caller, after the server is stopped).

    Args:
        graph: What to serve.
        host, port, limits, allow_service, allowed_hosts, cors_origins: As `SparqlEndpoint`.
        on_ready: Called with the endpoint once it listens (its `url` names the port when
            `port=0` picked one), to print its URL, say.

    Raises:
        EndpointError: The address cannot be bound.
    """
    store = graph if isinstance(graph, KnowledgeStore) else graph.store
    endpoint = SparqlEndpoint(store, host=host, port=port, limits=limits, allow_service=allow_service,
                              allowed_hosts=allowed_hosts, cors_origins=cors_origins)
    try:
        if on_ready is not None:
            on_ready(endpoint)
        endpoint.serve_forever()
    finally:
        endpoint.close()


def _looks_like_update(sparql: str) -> bool:
    """Whether a text is a SPARQL Update (its first keyword after the prologue is an update's).

    Only for a clear 403: Oxigraph's query parser refuses every update anyway.
    """
    position = 0
    while match := _PROLOGUE.match(sparql, position):
        position = match.end()
    word = re.match(r"\s*([A-Za-z]+)", sparql[position:])
    return bool(word) and word.group(1).upper() in _UPDATE_KEYWORDS


class _AnswerTooLarge(Exception):
    pass


class _BoundedOutput:
    """A byte buffer Oxigraph serializes into; it stops the serialization (by raising) once
    the answer grows too large. (Time is kept by the server, which kills a slow worker.)"""

    def __init__(self, max_bytes: int) -> None:
        self._chunks: list[bytes] = []
        self._size = 0
        self._max_bytes = max_bytes

    def write(self, data) -> int:
        if self._size + len(data) > self._max_bytes:
            raise _AnswerTooLarge()
        self._chunks.append(bytes(data))
        self._size += len(data)
        return len(data)

    def flush(self) -> None:
        pass

    def getvalue(self) -> bytes:
        return b"".join(self._chunks)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128  # socketserver's 5 resets connections when a few dozen clients arrive at once
    endpoint: SparqlEndpoint

    def process_request(self, request, client_address) -> None:
        """A thread per connection, up to `max_connections`; past that a 503, at once."""
        if not self.endpoint._connections.acquire(blocking=False):
            _turn_away(request)
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.endpoint._connections.release()
            raise

    def process_request_thread(self, request, client_address) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.endpoint._connections.release()

    def handle_error(self, request, client_address) -> None:
        """A client that went away is no error worth a traceback; anything else is logged once."""
        import sys

        error = sys.exc_info()[1]
        if isinstance(error, (ConnectionError, TimeoutError, socket.timeout)):
            logger.debug("kgbuild endpoint: %s: connection ended early (%s)", client_address[0], error)
        else:
            logger.error("kgbuild endpoint: request from %s failed", client_address[0], exc_info=error)


class _Server6(_Server):
    address_family = socket.AF_INET6


def _turn_away(connection: socket.socket) -> None:
    body = b"The server has too many connections open; try again shortly.\n"
    try:
        connection.settimeout(1)
        connection.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
                           b"Retry-After: 1\r\nConnection: close\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body))
    except OSError:
        pass


class _DeadlineReader:
    """The connection's input, read under a deadline: each read may only wait for what is
    left of the time the current request head (or body) was given, so a client trickling a
    byte at a time cannot hold the connection past it."""

    def __init__(self, raw, connection: socket.socket) -> None:
        self._raw = raw
        self._connection = connection
        self.deadline: float | None = None

    def _arm(self) -> None:
        if self.deadline is not None:
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("the client took too long to send its request")
            self._connection.settimeout(left)

    def readline(self, limit: int = -1) -> bytes:
        self._arm()
        return self._raw.readline(limit)

    def read(self, size: int = -1) -> bytes:
        self._arm()
        return self._raw.read(size)

    def __getattr__(self, name: str):
        return getattr(self._raw, name)


class _Handler(BaseHTTPRequestHandler):
    """Maps HTTP requests to `SparqlEndpoint.answer_query`; every error is a one-line text."""

    server: _Server
    protocol_version = "HTTP/1.1"
    server_version = "kgbuild-sparql"

    def setup(self) -> None:
        super().setup()
        self.rfile = _DeadlineReader(self.rfile, self.connection)
        self._limits = self.server.endpoint.limits

    def handle_one_request(self) -> None:
        # Between requests a connection may idle for idle_timeout; once a request begins,
        # its whole head must arrive within head_timeout.
        self.connection.settimeout(self._limits.idle_timeout)
        self.rfile.deadline = None
        try:
            first = self.rfile.peek(1)[:1] if hasattr(self.rfile, "peek") else b"x"
        except (TimeoutError, socket.timeout, OSError):
            self.close_connection = True
            return
        if not first:
            self.close_connection = True
            return
        self.rfile.deadline = time.monotonic() + self._limits.head_timeout
        self._body_pending = 0
        try:
            super().handle_one_request()
        except (TimeoutError, socket.timeout):
            self.close_connection = True
        finally:
            self.rfile.deadline = None

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self._respond(self._get)

    def do_HEAD(self) -> None:  # noqa: N802
        self._respond(self._get, body=False)

    def do_POST(self) -> None:  # noqa: N802
        self._respond(self._post)

    def do_PUT(self) -> None:  # noqa: N802
        self._respond(self._read_only)

    do_DELETE = do_PATCH = do_PUT  # noqa: N815

    def do_OPTIONS(self) -> None:  # noqa: N802
        self._respond(self._options)

    def _options(self) -> _Answer:
        headers = {"Allow": "GET, HEAD, POST, OPTIONS"}
        cors = self.server.endpoint.cors_headers(self.headers.get("Origin"))
        if cors and self.headers.get("Access-Control-Request-Method"):
            headers.update({"Access-Control-Allow-Methods": "GET, HEAD, POST, OPTIONS",
                            "Access-Control-Allow-Headers": "Accept, Content-Type",
                            "Access-Control-Max-Age": "600"})
        return _Answer(HTTPStatus.NO_CONTENT, "text/plain; charset=utf-8", b"", tuple(headers.items()))

    def _get(self) -> _Answer:
        url = urlsplit(self.path)
        parameters = _parameters(url.query)
        if url.path in ("/", "/index.html"):
            example = (parameters.get("example") or [None])[0]
            return _Answer(HTTPStatus.OK, "text/html; charset=utf-8", self.server.endpoint.query_page(example))
        if url.path != SPARQL_PATH:
            raise _Refusal(HTTPStatus.NOT_FOUND, f"No such page: {url.path}. Queries go to {SPARQL_PATH}.")
        if "update" in parameters:
            raise _Refusal(HTTPStatus.FORBIDDEN, _READ_ONLY)
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
            raise _Refusal(HTTPStatus.FORBIDDEN, _READ_ONLY)
        body = self._body()
        if content_type == "application/x-www-form-urlencoded":
            form = _parameters(_decode(body))
            if "update" in form:
                raise _Refusal(HTTPStatus.FORBIDDEN, _READ_ONLY)
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
        raise _Refusal(HTTPStatus.FORBIDDEN, "This endpoint is read-only: the graph cannot be changed.")

    def _query(self, parameters: dict[str, list[str]]) -> _Answer:
        if len(parameters["query"]) != 1:
            raise _Refusal(HTTPStatus.BAD_REQUEST, "Send exactly one query parameter.")
        return self.server.endpoint.answer_query(
            parameters["query"][0], accept=self.headers.get("Accept", "*/*"),
            format_name=(parameters.get("format") or parameters.get("output") or [None])[0],
            default_graphs=parameters.get("default-graph-uri"), named_graphs=parameters.get("named-graph-uri"))

    def _framing(self) -> None:
        """Check how the body is delimited, before anything is answered; note its length.

        Raises:
            _Refusal: Chunked bodies (not read), or a Content-Length that is repeated,
                not a plain number, or over the limit; each closes the connection, since
                where the next request would start cannot be told.
        """
        lengths = self.headers.get_all("Content-Length") or []
        if self.headers.get("Transfer-Encoding"):
            raise _Refusal(HTTPStatus.LENGTH_REQUIRED, "Send a Content-Length (chunked bodies are not read).",
                           close=True)
        if len(lengths) > 1:
            raise _Refusal(HTTPStatus.BAD_REQUEST, "More than one Content-Length header.", close=True)
        if lengths:
            if not _DIGITS.fullmatch(lengths[0]):
                raise _Refusal(HTTPStatus.BAD_REQUEST, f"Bad Content-Length {lengths[0]!r}.", close=True)
            size = int(lengths[0])
            limit = self._limits.max_request_bytes
            if size > limit:
                raise _Refusal(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"The request is larger than {limit:,} bytes.",
                               close=True)
            self._body_pending = size

    def _body(self) -> bytes:
        if self.headers.get("Content-Length") is None:
            raise _Refusal(HTTPStatus.LENGTH_REQUIRED, "Send a Content-Length with the body.", close=True)
        size, self._body_pending = self._body_pending, 0
        self.rfile.deadline = time.monotonic() + self._limits.timeout
        body = self.rfile.read(size)
        if len(body) != size:
            raise _Refusal(HTTPStatus.BAD_REQUEST, "The body ended before its Content-Length.", close=True)
        return body

    def _discard_body(self) -> None:
        """Read and drop a body the answer did not need, so it is not taken for a request."""
        if self._body_pending:
            size, self._body_pending = self._body_pending, 0
            self.rfile.deadline = time.monotonic() + self._limits.timeout
            if len(self.rfile.read(size)) != size:
                self.close_connection = True

    def _respond(self, handle, *, body: bool = True) -> None:
        endpoint = self.server.endpoint
        try:
            self._framing()
            if not endpoint.host_allowed(self.headers.get("Host")):
                raise _Refusal(HTTPStatus.FORBIDDEN, f"Host {self.headers.get('Host')!r} is not served here (a page "
                               "from another site may be trying to reach this server). Start the server with "
                               "--allow-host NAME to answer requests for NAME.")
            answer = handle()
        except _Refusal as refusal:
            answer = refusal.answer()
            if refusal.close:
                self.close_connection = True
        except (ConnectionError, TimeoutError, socket.timeout):
            self.close_connection = True
            return
        except Exception:  # never a traceback to the client; the log has it
            logger.exception("kgbuild endpoint: request %s %s failed", self.command, self.path)
            answer = _Answer(HTTPStatus.INTERNAL_SERVER_ERROR, "text/plain; charset=utf-8",
                             b"The server failed to answer; see its log.\n")
        if not self.close_connection:
            try:
                self._discard_body()
            except (ConnectionError, TimeoutError, socket.timeout):
                self.close_connection = True
                return
        try:
            self._write(answer, body=body)
        except (ConnectionError, TimeoutError, socket.timeout) as error:  # the client left: nothing to tell it
            logger.debug("kgbuild endpoint: %s left before its answer (%s)", self.address_string(), error)
            self.close_connection = True

    def _write(self, answer: _Answer, *, body: bool) -> None:
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-store")
        if answer.content_type.startswith("text/html"):
            self.send_header("Content-Security-Policy",
                             f"default-src 'none'; style-src 'unsafe-inline'; script-src {script_hash()}; "
                             "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
        if answer.status == HTTPStatus.OK and urlsplit(self.path).path == SPARQL_PATH:
            self.send_header("Vary", "Accept")
        for name, value in self.server.endpoint.cors_headers(self.headers.get("Origin")).items():
            self.send_header(name, value)
        for name, value in answer.headers:
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
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
