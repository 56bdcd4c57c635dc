"""query stage: SPARQL over a knowledge store, results as table, CSV, JSON or a DataFrame.

Values from users reach a query only as a VALUES block of terms pyoxigraph writes out
(or, where that would change the answer, as Oxigraph substitutions), never as text pasted
into the query. Queries are checked before they run (`kgbuild.query.guard`): no SERVICE
unless allowed, no nesting deep enough to crash the engine.
"""

from __future__ import annotations

from kgbuild.query.results import QUERY_PREFIXES, QueryResult, ResultRow
from kgbuild.query.runner import packaged_queries, run_query, run_query_in_worker

__all__ = ["QUERY_PREFIXES", "QueryResult", "ResultRow", "packaged_queries", "run_query", "run_query_in_worker"]
