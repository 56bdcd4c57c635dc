"""A query's answer and the forms it is written in: a terminal table, CSV, JSON, Turtle, a
pandas DataFrame, an HTML table in a notebook.

Every value in an answer may be article text, so each form escapes it for where it lands:
control characters are shown, not obeyed, in a terminal table; CSV cells that a
spreadsheet would run as a formula are neutralised (unless raw CSV is asked for); HTML is
escaped.
"""

from __future__ import annotations

import csv
import html
import io
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterator

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kgbuild.errors import QueryError
from kgbuild.escapes import spreadsheet_safe, terminal_safe
from kgbuild.graph import PREFIXES
from kgbuild.graph.terms import to_oxigraph

if TYPE_CHECKING:
    import pandas

__all__ = ["QUERY_PREFIXES", "QueryResult", "ResultRow"]

#: Prefixes every query may use without declaring them.
QUERY_PREFIXES = dict(PREFIXES)

_HTML_ROWS = 100  # rows a notebook shows; the rest is counted


class ResultRow(tuple):
    """One row of a SELECT answer: a tuple of rdflib terms (None where unbound) whose
    values are also addressable by variable name, as in rdflib's `ResultRow`.

    >>> row = ResultRow((Literal("NATO"), None), ("name", "type"))
    >>> row.name, row["name"], row[0], row.type
    (rdflib.term.Literal('NATO'), rdflib.term.Literal('NATO'), rdflib.term.Literal('NATO'), None)
    >>> row.asdict()
    {'name': rdflib.term.Literal('NATO')}
    """

    _variables: tuple[str, ...]

    def __new__(cls, values: tuple[Node | None, ...], variables: tuple[str, ...]) -> "ResultRow":
        row = super().__new__(cls, values)
        row._variables = variables
        return row

    def __getattr__(self, name: str) -> Node | None:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return tuple.__getitem__(self, self._variables.index(name))
        except ValueError:
            raise AttributeError(f"No variable ?{name} in this answer; it has: "
                                 f"{', '.join('?' + v for v in self._variables)}.") from None

    def __getitem__(self, key):  # type: ignore[override]  # a name as well as a position
        if isinstance(key, str):
            try:
                return tuple.__getitem__(self, self._variables.index(key.lstrip("?$")))
            except ValueError:
                raise KeyError(key) from None
        return tuple.__getitem__(self, key)

    def asdict(self) -> dict[str, Node]:
        """The bound values by variable name (unbound ones left out)."""
        return {name: value for name, value in zip(self._variables, self) if value is not None}

    def __reduce__(self):
        return (ResultRow, (tuple(self), self._variables))


@dataclass(frozen=True)
class QueryResult:
    """The answer to a query: rows of rdflib terms (SELECT), a boolean (ASK), or triples
    (CONSTRUCT / DESCRIBE)."""

    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Node | None, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[tuple[Node, Node, Node], ...] = ()
    is_graph: bool = False  # a CONSTRUCT or DESCRIBE answer (possibly with no triples)

    def __post_init__(self) -> None:
        rows = tuple(row if isinstance(row, ResultRow) else ResultRow(tuple(row), self.variables)
                     for row in self.rows)
        object.__setattr__(self, "rows", rows)

    def __iter__(self) -> Iterator[ResultRow]:
        return iter(self.rows)  # type: ignore[arg-type]

    def __len__(self) -> int:
        return len(self.rows)

    def column(self, name: str) -> list[str]:
        """The values of one variable as plain strings ('' where unbound)."""
        position = self.variables.index(name)
        return ["" if row[position] is None else str(row[position]) for row in self.rows]

    def to_table(self, *, max_width: int = 60) -> str:
        """A plain-text table with prefixed IRIs, for a terminal (control characters shown
        as escapes, never sent raw)."""
        if self.boolean is not None:
            return "yes" if self.boolean else "no"
        if self.triples:
            return "\n".join(" ".join(terminal_safe(_short(t)) for t in triple) + " ." for triple in self.triples)
        header = [terminal_safe(name) for name in self.variables]
        cells = [[_clip(terminal_safe(_short(value)), max_width) for value in row] for row in self.rows]
        widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(header)]
        lines = [" | ".join(h.ljust(w) for h, w in zip(header, widths)),
                 "-+-".join("-" * w for w in widths)]
        lines += [" | ".join(c.ljust(w) for c, w in zip(row, widths)) for row in cells]
        lines.append(f"({len(self.rows)} row{'s' if len(self.rows) != 1 else ''})")
        return "\n".join(lines)

    def to_csv(self, *, raw: bool = False) -> str:
        """CSV as in SPARQL 1.1 Query Results CSV: plain values, a header of variable names.

        A cell a spreadsheet would take for a formula (it starts with `=`, `+`, `-`, `@`,
        a tab or a carriage return) gets a leading `'`, as OWASP recommends against CSV
        injection; `raw=True` writes values exactly (for programs, not spreadsheets).
        """
        output = io.StringIO()
        writer = csv.writer(output, lineterminator="\r\n")
        cell = (lambda text: text) if raw else spreadsheet_safe
        if self.boolean is not None:
            writer.writerow(["boolean"])
            writer.writerow(["true" if self.boolean else "false"])
        else:
            writer.writerow(self.variables)
            writer.writerows(["" if v is None else cell(str(v)) for v in row] for row in self.rows)
        return output.getvalue()

    def to_turtle(self) -> str:
        """The triples of a CONSTRUCT or DESCRIBE answer as Turtle, with kgbuild's prefixes.

        Raises:
            QueryError: The answer is a table or a boolean (SELECT or ASK).
        """
        if not self.is_graph:
            raise QueryError("Turtle output is for CONSTRUCT and DESCRIBE queries; "
                             "this query answers with a table: use --format table, csv or json.")
        triples = [ox.Triple(*(to_oxigraph(term) for term in triple)) for triple in self.triples]  # type: ignore[arg-type]
        written = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=QUERY_PREFIXES) or b""
        return written.decode("utf-8")

    def to_json(self) -> str:
        """SPARQL 1.1 Query Results JSON."""
        if self.boolean is not None:
            return json.dumps({"head": {}, "boolean": self.boolean})
        bindings = [{name: _json_term(value) for name, value in zip(self.variables, row) if value is not None}
                    for row in self.rows]
        return json.dumps({"head": {"vars": list(self.variables)}, "results": {"bindings": bindings}},
                          ensure_ascii=False, indent=1)

    def to_dataframe(self) -> "pandas.DataFrame":
        """The answer as a pandas DataFrame: a column per variable (rdflib terms; None where
        unbound), or the columns subject, predicate, object for a graph answer, or one
        column `boolean` for ASK.

        Raises:
            QueryError: pandas is not installed (`pip install 'kgbuild[pandas]'`).
        """
        try:
            import pandas
        except ImportError as error:
            raise QueryError("QueryResult.to_dataframe() needs pandas, which is not installed. "
                             "Install it with: pip install 'kgbuild[pandas]'") from error
        if self.boolean is not None:
            return pandas.DataFrame({"boolean": [self.boolean]})
        if self.is_graph:
            return pandas.DataFrame(list(self.triples), columns=["subject", "predicate", "object"])
        return pandas.DataFrame([tuple(row) for row in self.rows], columns=list(self.variables))

    def _repr_html_(self) -> str:
        """The answer as an HTML table in Jupyter (every value escaped; IRIs as links)."""
        if self.boolean is not None:
            return f"<p><b>{'yes' if self.boolean else 'no'}</b></p>"
        header = ["subject", "predicate", "object"] if self.is_graph else list(self.variables)
        rows = self.triples if self.is_graph else self.rows
        lines = ["<table>", "<thead><tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in header) + "</tr></thead>",
                 "<tbody>"]
        for row in rows[:_HTML_ROWS]:
            lines.append("<tr>" + "".join(f"<td>{_html_cell(value)}</td>" for value in row) + "</tr>")
        lines.append("</tbody></table>")
        count = len(rows)
        shown = f"first {_HTML_ROWS} of {count:,}" if count > _HTML_ROWS else f"{count:,}"
        lines.append(f"<p>{shown} {'triple' if self.is_graph else 'row'}{'s' if count != 1 else ''}</p>")
        return "\n".join(lines)


def _html_cell(term: Any) -> str:
    if term is None:
        return ""
    text = html.escape(_short(term))
    if isinstance(term, URIRef) and str(term).startswith(("http://", "https://")):
        return f'<a href="{html.escape(str(term), quote=True)}" rel="noopener noreferrer">{text}</a>'
    return text


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
    if isinstance(term, Literal) and term.language:
        result["xml:lang"] = term.language
    elif isinstance(term, Literal) and term.datatype and str(term.datatype) != "http://www.w3.org/2001/XMLSchema#string":
        result["datatype"] = str(term.datatype)
    return result
