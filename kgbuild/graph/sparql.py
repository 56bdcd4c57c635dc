"""The SPARQL that the graph stage runs on its stores, kept in `.rq` (query) and `.ru`
(update) files beside this module and shipped with it (package data).

kgbuild's prefixes (`kgbuild.graph.vocab.PREFIXES`) are passed with each query, so the
files use `kg:`, `schema:`, `rdfs:` ... without declaring them.
"""

from __future__ import annotations

import importlib.resources
from functools import cache

__all__ = ["graph_sparql"]


@cache
def graph_sparql(name: str) -> str:
    """The text of the packaged SPARQL file `name` ("stored-articles.rq").

    >>> graph_sparql("count-triples.rq").splitlines()[-1]
    'SELECT (COUNT(*) AS ?n) { ?s ?p ?o }'
    """
    return (importlib.resources.files("kgbuild.graph") / name).read_text(encoding="utf-8")
