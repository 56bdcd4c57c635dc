"""Running SPARQL in Oxigraph: in this process (`run_query`), or in a confined worker
process that may run out of memory or crash without taking its caller along
(`run_query_in_worker`, what `kgbuild query` uses)."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from typing import Mapping

import pyoxigraph as ox
from rdflib import Literal
from rdflib.term import Node

from kgbuild.errors import QueryError
from kgbuild.graph import KnowledgeStore
from kgbuild.graph.terms import TermCache, to_oxigraph
from kgbuild.query.binding import bind_values
from kgbuild.query.guard import check_query
from kgbuild.query.results import QUERY_PREFIXES, QueryResult

__all__ = ["DEFAULT_MEMORY_BYTES", "evaluate", "packaged_queries", "run_query", "run_query_in_worker"]

#: Memory one query may take beyond the graph itself, unless told otherwise.
DEFAULT_MEMORY_BYTES = 4 * 1024**3


def run_query(store: KnowledgeStore, sparql: str, *, bindings: Mapping[str, Node | str] | None = None,
              allow_service: bool = False) -> QueryResult:
    """Run a SPARQL query over a store.

    Args:
        store: The graph's store.
        sparql: The query; kgbuild's prefixes are predeclared.
        bindings: Values for variables, as rdflib terms (a plain string becomes a literal);
            see `bind_values` for how they reach the query.
        allow_service: Let SERVICE clauses fetch from other endpoints (refused by default).

    Raises:
        QueryError: The query does not parse, nests too deeply, uses SERVICE without
            `allow_service`, a binding names no valid variable or holds no valid term, or
            the query cannot be evaluated.
    """
    terms = {}
    for name, value in (bindings or {}).items():
        try:
            # rdflib terms are str too: only a plain str becomes a literal.
            terms[name] = to_oxigraph(value if isinstance(value, Node) else Literal(value))
        except (TypeError, ValueError) as error:
            raise QueryError(f"Cannot bind ?{name} to {value!r}: {error}") from error
    sparql, substitutions = bind_values(sparql, terms)
    answer = evaluate(store, sparql, substitutions=substitutions, allow_service=allow_service)
    try:  # answers are lazy: evaluation errors surface while reading them
        if isinstance(answer, ox.QueryBoolean):
            return QueryResult(boolean=bool(answer))
        convert = TermCache()
        if isinstance(answer, ox.QuerySolutions):
            variables = tuple(v.value for v in answer.variables)
            rows = tuple(tuple(map(convert, solution)) for solution in answer)
            return QueryResult(variables=variables, rows=rows)
        return QueryResult(is_graph=True, triples=tuple(
            (convert(t.subject), convert(t.predicate), convert(t.object)) for t in answer))
    except (OSError, ValueError, RuntimeError) as error:
        raise QueryError(f"The query failed: {_one_line(error)}") from error


def evaluate(store: KnowledgeStore, sparql: str, *, substitutions: Mapping[ox.Variable, object] | None = None,
             allow_service: bool = False, default_graphs: list[str] | None = None,
             named_graphs: list[str] | None = None) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
    """Run a query in Oxigraph and return its lazy answer (what `run_query` and the endpoint share).

    Queries see the union of the articles' graphs unless `default_graphs` names the graphs
    (SPARQL Protocol `default-graph-uri`); `named_graphs` limits what GRAPH can reach.

    Raises:
        QueryError: As `run_query`.
    """
    check_query(sparql, allow_service=allow_service, prefixes=QUERY_PREFIXES)
    options: dict[str, object] = dict(store.union_query_options())
    try:
        if default_graphs:
            options = {"default_graph": [ox.NamedNode(iri) for iri in default_graphs]}
        if named_graphs:
            options["named_graphs"] = [ox.NamedNode(iri) for iri in named_graphs]
    except ValueError as error:
        raise QueryError(f"Not an IRI for a graph: {error}") from error
    try:
        return store.oxigraph.query(sparql, prefixes=QUERY_PREFIXES, substitutions=dict(substitutions or {}),
                                    **options)
    except SyntaxError as error:
        raise QueryError(f"The query does not parse: {_one_line(error)}") from error
    except (OSError, ValueError, RuntimeError) as error:
        raise QueryError(f"The query failed: {_one_line(error)}") from error


def _one_line(error: Exception, limit: int = 300) -> str:
    """Oxigraph's message on one line (its parse errors list the expected tokens over several)."""
    text = " ".join(str(error).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def packaged_queries() -> dict[str, str]:
    """The example queries shipped with kgbuild, by name (file name without `.rq`)."""
    folder = resources.files("kgbuild.queries")
    return {entry.name.removesuffix(".rq"): entry.read_text(encoding="utf-8")
            for entry in sorted(folder.iterdir(), key=lambda e: e.name) if entry.name.endswith(".rq")}


@dataclass(frozen=True)
class _QueryJob:
    sparql: str
    bindings: tuple[tuple[str, Node | str], ...]
    allow_service: bool


def _result_in_worker(store: KnowledgeStore, job: _QueryJob) -> QueryResult | QueryError:
    try:
        return run_query(store, job.sparql, bindings=dict(job.bindings), allow_service=job.allow_service)
    except QueryError as error:  # sent back as a value; raised again by the caller
        return error


def run_query_in_worker(store: KnowledgeStore, sparql: str, *, bindings: Mapping[str, Node | str] | None = None,
                        allow_service: bool = False, max_memory_bytes: int | None = DEFAULT_MEMORY_BYTES,
                        timeout: float | None = None) -> QueryResult:
    """`run_query` in a worker process confined to `max_memory_bytes` (beyond the graph),
    offline unless `allow_service`, so that a query needing too much memory, or one that
    crashes the engine, fails with a message instead of ending (or exhausting) the caller.

    Where processes cannot be forked (Windows) the query runs in this process, unconfined.

    Raises:
        QueryError: As `run_query`; also when the query ran out of memory, crashed its
            worker, or ran past `timeout` seconds.
    """
    from kgbuild.query.workers import CAN_FORK, QueryTimedOut, QueryWorkers, WorkerDied, WorkerFailed, WorkerLimits

    check_query(sparql, allow_service=allow_service, prefixes=QUERY_PREFIXES)  # fail fast, before a process
    if not CAN_FORK:
        return run_query(store, sparql, bindings=bindings, allow_service=allow_service)
    job = _QueryJob(sparql, tuple((bindings or {}).items()), allow_service)
    limits = WorkerLimits(memory_bytes=max_memory_bytes, offline=not allow_service)
    try:
        workers = QueryWorkers(store, _result_in_worker, size=1, limits=limits)
    except WorkerFailed as error:
        raise QueryError(f"Cannot start a process to run the query in: {error}") from error
    try:
        outcome = workers.run(job, wait=0, timeout=timeout)
    except QueryTimedOut as error:
        raise QueryError(f"The query ran longer than {timeout:g} s and was stopped.") from error
    except WorkerDied as error:
        raise QueryError(memory_or_crash_message(max_memory_bytes)) from error
    except WorkerFailed as error:
        raise QueryError(f"The query failed: {error}") from error
    finally:
        workers.close()
    if isinstance(outcome, QueryError):
        raise outcome
    return outcome


def memory_or_crash_message(max_memory_bytes: int | None) -> str:
    """What to say when a query's worker ended under it."""
    if max_memory_bytes is None:
        return "The query crashed the query engine and was stopped. Narrow it or add a LIMIT."
    return (f"The query needed more than the {max_memory_bytes / 1e6:,.0f} MB of memory a query may use "
            "(or crashed the query engine) and was stopped. Narrow it or add a LIMIT"
            " (kgbuild query --max-memory-mb raises the allowance).")
