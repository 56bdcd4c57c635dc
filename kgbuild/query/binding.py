"""Binding values to a query's variables: as a VALUES block where that means the same as a
substitution, else as an Oxigraph substitution.

This is a speed measure, not a safety one: values always reach the query as terms that
pyoxigraph writes out, never as user text. Where the text cannot be read for certain, the
value goes in as a substitution, which is always right (and slower).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping

import pyoxigraph as ox

from kgbuild.errors import QueryError
from kgbuild.query.guard import blank_out_literals

__all__ = ["bind_values"]

_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")

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
    assert where is not None  # a binding is inline only where the WHERE clause was found
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
    masked = blank_out_literals(sparql)
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
