"""query stage: SPARQL over a knowledge store, results as table, CSV or JSON.

Values from users reach a query only as a VALUES block of terms pyoxigraph writes out
(or, where that would change the answer, as Oxigraph substitutions), never as text pasted
into the query.
"""

from __future__ import annotations

from kgbuild.query.runner import QUERY_PREFIXES, QueryResult, packaged_queries, run_query

__all__ = ["QUERY_PREFIXES", "QueryResult", "packaged_queries", "run_query"]
