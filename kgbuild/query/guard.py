"""What a query is checked for before Oxigraph sees it: federation (SERVICE) and nesting depth.

SERVICE makes the evaluating process fetch any URL a query names (a server-side request
forgery when the endpoint is exposed). pyoxigraph has no switch to turn federation off, so
the decision is taken from the query as a real SPARQL parser reads it (rdflib's parser and
algebra), never from a regular expression over its text: escapes in prefixed names
(`ex:a\\#b`), escaped quotes, comments and strings are then what the grammar says they are.
Query workers of the endpoint also run without network access where the system allows it
(`isolate_from_network`), so a parser disagreement would still fetch nothing.

Deep nesting is refused by depth before any parser recurses on it: Oxigraph's parser is
recursive and overflows its stack (SIGSEGV) at a few thousand nested groups.
"""

from __future__ import annotations

import ctypes
import logging
import re
import sys
from typing import Any, Mapping

from kgbuild.errors import QueryError

__all__ = ["MAX_NESTING", "blank_out_literals", "check_query", "isolate_from_network", "nesting_depth", "refuse_service"]

logger = logging.getLogger("kgbuild")

#: Deepest nesting of `{ ( [` a query may have; the packaged queries need 6.
MAX_NESTING = 64

_SERVICE_REFUSED = ("The query uses SERVICE (a federated query), which is refused: it would fetch from "
                    "another server. Allow it with --allow-service (allow_service=True).")
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# Where a bracket is not one: strings, IRIs, comments, and a backslash escape (PN_LOCAL_ESC,
# as in `ex:a\#b`, where `#` starts no comment). Only depth is told from this masking:
# a query it misreads is still parsed by Oxigraph in a process that may crash safely.
_NOT_BRACKETS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|\\."
    r"|#[^\n]*",
    re.DOTALL,
)
_OPENING, _CLOSING = "{([", "})]"


def check_query(sparql: str, *, allow_service: bool, prefixes: Mapping[str, str] | None = None) -> None:
    """Refuse a query nested too deeply, or using SERVICE unless `allow_service`.

    Raises:
        QueryError: One line saying what is refused and why.
    """
    depth = nesting_depth(sparql)
    if depth > MAX_NESTING:
        raise QueryError(f"The query nests groups or brackets {depth:,} deep; at most {MAX_NESTING} is "
                         "allowed (deeper nesting would crash the query engine). Flatten it.")
    if not allow_service:
        refuse_service(sparql, prefixes=prefixes)


def blank_out_literals(sparql: str) -> str:
    """The query with strings, IRIs, comments and backslash escapes blanked out (same length,
    so offsets still hold), for telling brackets and keywords apart from data.

    >>> blank_out_literals('SELECT * { ?s ex:a\\#b "}" } # {')
    'SELECT * { ?s ex:a  b     }    '
    """
    return _NOT_BRACKETS.sub(lambda match: " " * len(match.group(0)), sparql)


def nesting_depth(sparql: str) -> int:
    """The deepest nesting of `{`, `(` and `[` outside strings, IRIs and comments.

    >>> nesting_depth('SELECT * { ?s ?p "{{{" . FILTER(?o > (1 + 2)) }')
    3
    """
    depth = deepest = 0
    for character in blank_out_literals(sparql):
        if character in _OPENING:
            depth += 1
            deepest = max(deepest, depth)
        elif character in _CLOSING:
            depth = max(0, depth - 1)
    return deepest


def refuse_service(sparql: str, *, prefixes: Mapping[str, str] | None = None) -> None:
    """Raise `QueryError` when the parsed query holds a SERVICE pattern.

    A query in which the letters of SERVICE appear nowhere (in any case, after codepoint
    escapes are decoded) cannot hold the keyword and is not parsed. Any other is parsed
    with rdflib and its algebra searched; one rdflib cannot parse is refused too, since
    it cannot be shown to be free of SERVICE.

    >>> refuse_service('SELECT * { ?s rdfs:label "SERVICE" } # no SERVICE here')
    >>> refuse_service("SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kgbuild.errors.QueryError: The query uses SERVICE (a federated query), which is refused: ...
    """
    if not _mentions_service(sparql):
        return
    from kgbuild.graph import PREFIXES

    namespaces = dict(PREFIXES if prefixes is None else prefixes)
    try:
        algebra = _parsed_algebra(sparql, namespaces)
    except RecursionError as error:
        raise QueryError("The query is too deeply built to be checked for SERVICE; refused. "
                         "Flatten it, or allow federation with --allow-service.") from error
    except Exception as error:  # noqa: BLE001 (rdflib raises pyparsing's and its own kinds)
        reason = " ".join(str(error).split())[:200]
        raise QueryError(f"The query mentions SERVICE and cannot be checked, so it is refused ({reason}). "
                         "Allow federation with --allow-service.") from error
    if _holds_service(algebra):
        raise QueryError(_SERVICE_REFUSED)


def _mentions_service(sparql: str) -> bool:
    text = _CODEPOINT.sub(lambda match: chr(int(match.group(1) or match.group(2), 16)), sparql)
    # upper() and lower() both, so that 'ſ' (→ S) or 'K' (Kelvin, → k) cannot spell it past us.
    return "SERVICE" in text.upper() or "service" in text.lower() or "service" in text.casefold()


def _parsed_algebra(sparql: str, namespaces: dict[str, str]) -> object:
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 20_000))  # pyparsing recurses per token of a nested group
    # rdflib warns of IRIs it finds odd (`ex:a\"b`); the query's own errors come from Oxigraph.
    term_log = logging.getLogger("rdflib.term")
    level = term_log.level
    term_log.setLevel(logging.ERROR)
    try:
        return translateQuery(parseQuery(sparql), initNs=namespaces).algebra
    finally:
        term_log.setLevel(level)
        sys.setrecursionlimit(limit)


def _holds_service(algebra: object) -> bool:
    """Whether any node of an rdflib algebra (or parse) tree is a SERVICE pattern (no recursion)."""
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.term import Node

    pending: list[Any] = [algebra]
    seen: set[int] = set()
    while pending:
        node = pending.pop()
        if id(node) in seen or isinstance(node, (str, bytes, Node, int, float)) or node is None:
            continue
        seen.add(id(node))
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern" or "service" in node.name.lower():
                return True
            pending.extend(node.values())
        elif isinstance(node, dict):
            pending.extend(node.values())
        elif isinstance(node, (list, tuple, set, frozenset)) or hasattr(node, "asList"):
            pending.extend(list(node))
    return False


_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000


def isolate_from_network() -> bool:
    """Move this (single-threaded) process into a network namespace of its own, with no
    interfaces up, so nothing it runs can reach another host (Linux with unprivileged user
    namespaces). Connections it already holds keep working.

    Returns:
        Whether the process is now cut off (False where the system does not allow it).
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNET) == 0
    except (OSError, AttributeError):
        return False
