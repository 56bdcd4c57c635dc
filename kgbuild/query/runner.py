"""Running SPARQL in Oxigraph and formatting the answers."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from importlib import resources
from typing import Mapping

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kgbuild.errors import QueryError
from kgbuild.graph import PREFIXES, KnowledgeStore
from kgbuild.graph.store import to_oxigraph

#: Prefixes every query may use without declaring them.
QUERY_PREFIXES = dict(PREFIXES)

FORMATS = ("table", "csv", "json")


@dataclass(frozen=True)
class QueryResult:
    """The answer to a query: rows of rdflib terms (SELECT), a boolean (ASK), or triples
    (CONSTRUCT / DESCRIBE)."""

    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Node | None, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[tuple[Node, Node, Node], ...] = ()

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def column(self, name: str) -> list[str]:
        """The values of one variable as plain strings ('' where unbound)."""
        position = self.variables.index(name)
        return ["" if row[position] is None else str(row[position]) for row in self.rows]

    def to_table(self, *, max_width: int = 60) -> str:
        """A plain-text table with prefixed IRIs, for a terminal."""
        if self.boolean is not None:
            return "yes" if self.boolean else "no"
        if self.triples:
            return "\n".join(" ".join(_short(t) for t in triple) + " ." for triple in self.triples)
        header = list(self.variables)
        cells = [[_clip(_short(value), max_width) for value in row] for row in self.rows]
        widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(header)]
        lines = [" | ".join(h.ljust(w) for h, w in zip(header, widths)),
                 "-+-".join("-" * w for w in widths)]
        lines += [" | ".join(c.ljust(w) for c, w in zip(row, widths)) for row in cells]
        lines.append(f"({len(self.rows)} row{'s' if len(self.rows) != 1 else ''})")
        return "\n".join(lines)

    def to_csv(self) -> str:
        """CSV as in SPARQL 1.1 Query Results CSV: plain values, a header of variable names."""
        output = io.StringIO()
        writer = csv.writer(output, lineterminator="\r\n")
        if self.boolean is not None:
            writer.writerow(["boolean"])
            writer.writerow(["true" if self.boolean else "false"])
        else:
            writer.writerow(self.variables)
            writer.writerows(["" if v is None else str(v) for v in row] for row in self.rows)
        return output.getvalue()

    def to_json(self) -> str:
        """SPARQL 1.1 Query Results JSON."""
        if self.boolean is not None:
            return json.dumps({"head": {}, "boolean": self.boolean})
        bindings = [{name: _json_term(value) for name, value in zip(self.variables, row) if value is not None}
                    for row in self.rows]
        return json.dumps({"head": {"vars": list(self.variables)}, "results": {"bindings": bindings}},
                          ensure_ascii=False, indent=1)


def run_query(store: KnowledgeStore, sparql: str, *, bindings: Mapping[str, Node | str] | None = None) -> QueryResult:
    """Run a SPARQL query over a store.

    Args:
        store: The graph's store.
        sparql: The query; kgbuild's prefixes are predeclared.
        bindings: Values for variables, as rdflib terms (a plain string becomes a literal).

    Raises:
        QueryError: The query does not parse or cannot be evaluated.
    """
    substitutions = {ox.Variable(name): to_oxigraph(Literal(value) if isinstance(value, str) else value)
                     for name, value in (bindings or {}).items()}
    try:
        answer = store.oxigraph.query(sparql, prefixes=QUERY_PREFIXES, substitutions=substitutions,
                                      use_default_graph_as_union=True)
    except SyntaxError as error:
        raise QueryError(f"The query does not parse: {error}") from error
    except (OSError, ValueError, RuntimeError) as error:
        raise QueryError(f"The query failed: {error}") from error
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult(boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        variables = tuple(v.value for v in answer.variables)
        rows = tuple(tuple(_from_oxigraph(solution[name]) for name in variables) for solution in answer)
        return QueryResult(variables=variables, rows=rows)
    return QueryResult(triples=tuple(
        (_from_oxigraph(t.subject), _from_oxigraph(t.predicate), _from_oxigraph(t.object)) for t in answer))


def packaged_queries() -> dict[str, str]:
    """The example queries shipped with kgbuild, by name (file name without `.rq`)."""
    folder = resources.files("kgbuild.queries")
    return {entry.name.removesuffix(".rq"): entry.read_text(encoding="utf-8")
            for entry in sorted(folder.iterdir(), key=lambda e: e.name) if entry.name.endswith(".rq")}


def _from_oxigraph(term) -> Node | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise QueryError(f"Unsupported term in an answer: {term!r}")


def _short(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        text = str(term)
        for prefix, namespace in QUERY_PREFIXES.items():
            if text.startswith(namespace) and len(text) > len(namespace):
                return f"{prefix}:{text[len(namespace):]}"
        return f"<{text}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    return " ".join(str(term).split())


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    result = {"type": "literal", "value": str(term)}
    if term.language:
        result["xml:lang"] = term.language
    elif term.datatype and str(term.datatype) != "http://www.w3.org/2001/XMLSchema#string":
        result["datatype"] = str(term.datatype)
    return result
