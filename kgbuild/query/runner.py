"""Running SPARQL in Oxigraph and formatting the answers."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Mapping

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kgbuild.errors import QueryError
from kgbuild.graph import PREFIXES, KnowledgeStore
from kgbuild.graph.terms import TermCache, to_oxigraph

#: Prefixes every query may use without declaring them.
QUERY_PREFIXES = dict(PREFIXES)

FORMATS = ("table", "csv", "json", "turtle")


@dataclass(frozen=True)
class QueryResult:
    """The answer to a query: rows of rdflib terms (SELECT), a boolean (ASK), or triples
    (CONSTRUCT / DESCRIBE)."""

    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Node | None, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[tuple[Node, Node, Node], ...] = ()
    is_graph: bool = False  # a CONSTRUCT or DESCRIBE answer (possibly with no triples)

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

    def to_turtle(self) -> str:
        """The triples of a CONSTRUCT or DESCRIBE answer as Turtle, with kgbuild's prefixes.

        Raises:
            QueryError: The answer is a table or a boolean (SELECT or ASK).
        """
        if not self.is_graph:
            raise QueryError("Turtle output is for CONSTRUCT and DESCRIBE queries; "
                             "this query answers with a table: use --format table, csv or json.")
        triples = [ox.Triple(*(to_oxigraph(term) for term in triple)) for triple in self.triples]
        return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=QUERY_PREFIXES).decode("utf-8")

    def to_json(self) -> str:
        """SPARQL 1.1 Query Results JSON."""
        if self.boolean is not None:
            return json.dumps({"head": {}, "boolean": self.boolean})
        bindings = [{name: _json_term(value) for name, value in zip(self.variables, row) if value is not None}
                    for row in self.rows]
        return json.dumps({"head": {"vars": list(self.variables)}, "results": {"bindings": bindings}},
                          ensure_ascii=False, indent=1)


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
        QueryError: The query does not parse, uses SERVICE without `allow_service`, a
            binding names no valid variable or holds no valid term, or the query cannot be
            evaluated.
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
    if not allow_service:
        refuse_service(sparql)
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


# Where the word SERVICE can stand without being the keyword: strings, IRIs, comments.
_NOT_KEYWORDS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|#[^\n]*"
)
_SERVICE = re.compile(r"(?<![\w?$:-])SERVICE(?![\w:-])", re.IGNORECASE)
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def refuse_service(sparql: str) -> None:
    """Raise `QueryError` when a query uses SERVICE (a federated query).

    SERVICE makes the server fetch from any URL the query names, so kgbuild runs it only
    when asked. Codepoint escapes are decoded first, as SPARQL allows them anywhere; the
    word inside a string, IRI, prefixed name, variable or comment is not the keyword.

    >>> refuse_service('SELECT * { ?s rdfs:label "SERVICE" } # no SERVICE here')
    >>> refuse_service("SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    kgbuild.errors.QueryError: The query uses SERVICE (a federated query), which is refused: it would fetch from another server. Allow it with --allow-service (allow_service=True).
    """
    text = _CODEPOINT.sub(lambda match: chr(int(match.group(1) or match.group(2), 16)), sparql)
    if _SERVICE.search(_NOT_KEYWORDS.sub(" ", text)):
        raise QueryError("The query uses SERVICE (a federated query), which is refused: it would fetch from "
                         "another server. Allow it with --allow-service (allow_service=True).")


# SPARQL 1.1 VARNAME (grammar rule 166), with PN_CHARS_BASE spelled out.
_PN_CHARS_U = ("A-Za-z_\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D"
               "\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\U00010000-\U000EFFFF")
_VARNAME = re.compile(f"[{_PN_CHARS_U}0-9][{_PN_CHARS_U}0-9\u00B7\u0300-\u036F\u203F-\u2040]*")
_VARIABLE_TAIL = f"(?![{_PN_CHARS_U}0-9\u00B7\u0300-\u036F\u203F-\u2040])"
_KEYWORD = re.compile(r"(?<![\w?$:-])(SELECT|CONSTRUCT|DESCRIBE|ASK|WHERE|OPTIONAL|EXISTS)(?![\w:-])",
                      re.IGNORECASE)
_IRI = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')


def bind_values(sparql: str, bindings: Mapping[str, ox.NamedNode | ox.BlankNode | ox.Literal]
                ) -> tuple[str, dict[ox.Variable, object]]:
    """Bind variables with a `VALUES` block at the start of the query's outermost WHERE.

    Oxigraph applies `substitutions` after evaluating the whole query (1.5 s instead of
    17 ms for one entity's statements on the BBC graph); a leading `VALUES` lets its
    optimizer start from the bound value. The block is written from pyoxigraph terms that
    pyoxigraph itself serialises, so a value is data and never query text.

    A variable is bound this way only where that is certain to mean what a substitution
    means: the WHERE clause is found (strings, IRIs and comments set aside), the variable
    is used directly in that clause or inside FILTER EXISTS / NOT EXISTS there (not in a
    nested group, UNION branch, OPTIONAL, MINUS or subquery, where a FILTER or BIND could
    see it unbound), nothing assigns it (`AS ?name`), and the value is not a blank node
    (VALUES cannot hold one). Other bindings are returned as substitutions.

    Args:
        sparql: The query text.
        bindings: Values by variable name (without `?`).

    Returns:
        The query text (with the VALUES block, when any) and the remaining substitutions.

    Raises:
        QueryError: A name is not a SPARQL variable name.

    >>> text, rest = bind_values("SELECT ?s WHERE { ?s rdfs:label ?name }", {"name": ox.Literal('N" }')})
    >>> print(text)
    SELECT ?s WHERE { VALUES (?name) { ("N\\" }") }
     ?s rdfs:label ?name }
    >>> rest
    {}
    """
    for name in bindings:
        if not isinstance(name, str) or not _VARNAME.fullmatch(name):
            raise QueryError(f"Cannot bind {name!r}: not a SPARQL variable name (letters, digits and _). "
                             "Give it without ? or $, e.g. --param name=Russia.")
    where = _outermost_where(sparql) if bindings else None
    inline: dict[str, object] = {}
    substitutions: dict[ox.Variable, object] = {}
    for name, term in bindings.items():
        if where is not None and not isinstance(term, ox.BlankNode) and _binds_directly(where, name):
            inline[name] = term
        else:
            substitutions[ox.Variable(name)] = term
    if not inline:
        return sparql, substitutions
    names = " ".join(f"?{name}" for name in inline)
    values = " ".join(str(term) for term in inline.values())  # N-Triples syntax, written by pyoxigraph
    start = where.body_start
    return f"{sparql[:start]} VALUES ({names}) {{ ({values}) }}\n{sparql[start:]}", substitutions


@dataclass(frozen=True)
class _WhereClause:
    masked: str  # the query with strings, IRIs and comments blanked out (same length)
    body_start: int  # just after the `{` of the outermost WHERE
    body_end: int  # at its matching `}`


def _outermost_where(sparql: str) -> _WhereClause | None:
    """The outermost WHERE group of a query, or None when it cannot be told for certain."""
    if _CODEPOINT.search(sparql):  # \u escapes are decoded before parsing: offsets would shift
        return None
    blank = lambda match: " " * len(match.group(0))  # noqa: E731 - keeps offsets
    masked = _NOT_KEYWORDS.sub(blank, sparql)
    if any(re.search(r"[?$]\w", iri) for iri in _IRI.findall(sparql)):
        return None  # `FILTER(?a<?b)` reads as an IRI to a regular expression: do not guess
    depth = parens = 0
    form = None
    opened: list[int] = []  # depth-0 groups, by position of their `{`
    where_keyword = False
    position = 0
    for match in re.finditer(r"[{}()]|" + _KEYWORD.pattern, masked, re.IGNORECASE):
        token = match.group(0)
        if token == "{":
            if depth == 0 and parens == 0:
                opened.append(match.start())
            depth += 1
        elif token == "}":
            depth -= 1
            if depth < 0:
                return None
        elif token == "(":
            parens += 1
        elif token == ")":
            parens -= 1
        elif depth == 0 and parens == 0:
            keyword = token.upper()
            if form is None and keyword in ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK"):
                form = keyword
            elif keyword == "WHERE" and form is not None and not where_keyword:
                where_keyword = True
                position = len(opened)  # the next depth-0 group is the WHERE clause
    if form is None or depth != 0:
        return None
    if form == "CONSTRUCT":
        # CONSTRUCT {template} [WHERE] {pattern}; CONSTRUCT WHERE {pattern} is also the template.
        if not opened or (where_keyword and position == 0):
            return None
        position = 1
    elif not where_keyword:
        position = 0
    if position >= len(opened):
        return None
    start = opened[position]
    end = _matching_brace(masked, start)
    return _WhereClause(masked, start + 1, end)


def _matching_brace(masked: str, start: int) -> int:
    depth = 0
    for position in range(start, len(masked)):
        if masked[position] == "{":
            depth += 1
        elif masked[position] == "}":
            depth -= 1
            if depth == 0:
                return position
    return len(masked)


def _binds_directly(where: _WhereClause, name: str) -> bool:
    """Whether ?name is used in the WHERE group itself (or its EXISTS filters) and never assigned."""
    variable = re.compile(rf"[?$]{re.escape(name)}{_VARIABLE_TAIL}")
    if re.search(rf"(?<![\w?$:-])AS\s*[?$]{re.escape(name)}{_VARIABLE_TAIL}", where.masked, re.IGNORECASE):
        return False
    body = where.masked[where.body_start:where.body_end]
    occurrences = [match.start() for match in variable.finditer(body)]
    if not occurrences:
        return False
    # The kind of each group around a position: safe only in the outermost group or EXISTS.
    stack: list[bool] = []  # True for a group opened by EXISTS / NOT EXISTS
    previous_keyword = ""
    events = sorted([(match.start(), match.group(0)) for match in re.finditer(r"[{}]", body)]
                    + [(match.start(), match.group(0).upper()) for match in _KEYWORD.finditer(body)]
                    + [(position, "?") for position in occurrences])
    for _, token in events:
        if token == "{":
            stack.append(previous_keyword == "EXISTS")
            previous_keyword = ""
        elif token == "}":
            if stack:
                stack.pop()
            previous_keyword = ""
        elif token == "?":
            if not all(stack):
                return False
        else:
            previous_keyword = token
    return True


def packaged_queries() -> dict[str, str]:
    """The example queries shipped with kgbuild, by name (file name without `.rq`)."""
    folder = resources.files("kgbuild.queries")
    return {entry.name.removesuffix(".rq"): entry.read_text(encoding="utf-8")
            for entry in sorted(folder.iterdir(), key=lambda e: e.name) if entry.name.endswith(".rq")}


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
