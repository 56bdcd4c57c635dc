"""Read kgbuild's RDF into the plain records the view is made from.

A `KnowledgeStore` (what `kgbuild build` and `KnowledgeGraph` hold, and what `render` loads
a file into) is read in Oxigraph with four SPARQL queries that return exactly the tables
the view needs (`view-*.rq` beside this module): the statements with their flags, their
sources, their arguments, and the names, types and details of the terms. Terms stay plain
Python strings: no rdflib term is made, so a 150-article graph reads in about a second.

Any other rdflib `Graph` or `Dataset` is read through rdflib's public API, one triple
pattern per predicate (`(None, p, None)`), which every rdflib store answers from an index.

What becomes a node:
    * every `kg:Entity`, whether or not a statement mentions it;
    * every noun phrase, quotation or other term that is a statement's subject or object;
    * a "claim" for every statement that is the subject or object of another statement
      ("Borrell —say→ [civilians be kill in Mariupol]"); the claim's own statement is
      still drawn as its own edge.
Statements whose object is `kg:NoObject` are kept on their subject, not drawn.
"""

from __future__ import annotations

import gc
import hashlib
import importlib.resources
import math
import re
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any, Protocol

import pyoxigraph as ox
from rdflib import BNode, ConjunctiveGraph, Graph, Literal, URIRef

from kgbuild.graph.store import KnowledgeStore
from kgbuild.graph.vocab import KG, NIF, PREFIXES, PROV, RDF, RDFS, SDO, SKOS
from kgbuild.render.records import (
    GraphContents,
    NodeRecord,
    clean_text,
    natural_key,
    shorten,
    source_key,
)
from kgbuild.render.style import KG_KINDS, NODE_STYLES, SCHEMA_KINDS
from kgbuild.render.view import SourceSentence, ViewStatement

__all__ = ["Blank", "GraphSource", "Text", "read_graph", "view_sparql", "without_collector_pauses"]

#: Longest summary of a statement ("subject relation object") before it is shortened.
SUMMARY_LENGTH = 90
#: How deep a claim about a claim about a claim is spelt out in a summary.
SUMMARY_DEPTH = 2

_MODALITIES = {
    str(KG.Asserted): "asserted",
    str(KG.Hedged): "hedged",
    str(KG.Possible): "possible",
    str(KG.Future): "future",
    str(KG.Intended): "intended",
}
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

# the vocabulary as plain strings: an IRI term of the reader is a `str`
_TYPE, _SUBJECT, _PREDICATE, _OBJECT = str(RDF.type), str(RDF.subject), str(RDF.predicate), str(RDF.object)
_NO_OBJECT, _ENTITY, _QUOTATION = str(KG.NoObject), str(KG.Entity), str(KG.Quotation)
_ARTICLE = str(SDO.NewsArticle)


class _Strings:
    """A vocabulary's terms as plain strings (`_KG.Entity`), each made once: the reader
    asks for them in its inner loops, and a `DefinedNamespace` lookup is slow."""

    def __init__(self, namespace: Any) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> str:
        value = str(getattr(self._namespace, name))
        setattr(self, name, value)
        return value


_KG, _SDO, _NIF, _RDF, _RDFS, _SKOS, _PROV = (
    _Strings(namespace) for namespace in (KG, SDO, NIF, RDF, RDFS, SKOS, PROV)
)


class Text(str):
    """A literal: its text, with its language tag and datatype IRI."""

    language: str | None
    datatype: str

    def __new__(cls, text: str, language: str | None = None, datatype: str | None = None) -> "Text":
        term = super().__new__(cls, text)
        term.language = language or None
        term.datatype = _LANG_STRING if language else (datatype or _XSD_STRING)
        return term

    def __eq__(self, other: object) -> bool:
        return (type(other) is Text and str.__eq__(self, other)
                and self.language == other.language and self.datatype == other.datatype)

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash(("literal", str(self), self.language))


class Blank(str):
    """A blank node: its label (never equal to an IRI or a literal of the same text)."""

    def __eq__(self, other: object) -> bool:
        return type(other) is Blank and str.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash(("blank", str(self)))


#: A term as the reader holds it: an IRI (`str`), a literal (`Text`) or a blank node (`Blank`).
Term = str


class HoldsStore(Protocol):
    """Anything with a `KnowledgeStore` as its `store` (a `kgbuild.KnowledgeGraph`)."""

    @property
    def store(self) -> KnowledgeStore: ...


#: What the render stage reads: a store, a graph holding one, or any rdflib graph.
GraphSource = KnowledgeStore | HoldsStore | Graph


def read_graph(graph: GraphSource) -> GraphContents:
    """Read the nodes and statements of a kgbuild graph.

    Args:
        graph: A `KnowledgeStore` or `KnowledgeGraph` (read in Oxigraph with SPARQL), or an
            rdflib `Graph`, `Dataset` or `ConjunctiveGraph` (all its graphs are read).

    Returns:
        The nodes by id and the statements by id, both in a deterministic order.

    Raises:
        TypeError: `graph` is none of these.
    """
    store = getattr(graph, "store", None) if not isinstance(graph, Graph) else None
    if isinstance(store, KnowledgeStore):  # a KnowledgeGraph
        graph = store
    if not isinstance(graph, (KnowledgeStore, Graph)):
        raise TypeError(
            f"Expected a KnowledgeGraph, a KnowledgeStore, or an rdflib Graph or Dataset, got {type(graph).__name__}. "
            "Load the file first: kgbuild.KnowledgeGraph.load(path)."
        )
    with without_collector_pauses():
        tables = _store_tables(graph) if isinstance(graph, KnowledgeStore) else _RdflibTables(graph)
        return _Reader(tables).read()


@contextmanager
def without_collector_pauses() -> Iterator[None]:
    """Run a block with Python's cyclic garbage collector paused.

    Reading a corpus makes millions of small objects (terms, rows, records) and frees
    almost none until it returns; the collector would walk the whole growing heap again
    and again meanwhile, for no garbage: it made reading 600 articles about twice as slow
    as reading 150 four times. Reference counting still frees what can be freed.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@cache
def view_sparql(name: str) -> str:
    """The text of the packaged query `name` ("view-statements.rq").

    >>> view_sparql("view-arguments.rq").splitlines()[2]
    'SELECT ?statement ?argument ?role ?value'
    """
    return (importlib.resources.files("kgbuild.render") / name).read_text(encoding="utf-8")


# ── where the tables come from ──────────────────────────────────────────────────────────

Tables = dict[str, dict[Term, set[Term]]]  # predicate → subject → objects

#: Columns of view-statements.rq and view-sources.rq / view-arguments.rq, and the
#: predicate each one is the object of (its first column is the subject).
_STATEMENT_COLUMNS = {
    "subject": _SUBJECT, "relation": _PREDICATE, "object": _OBJECT, "negated": str(KG.negated),
    "modality": str(KG.modality), "asserted": str(KG.asserted), "reportedBy": str(KG.reportedBy),
    "attributedTo": str(KG.attributedTo), "relationText": str(KG.relationText),
    "confidence": str(KG.confidence),
}
_ORIGIN_COLUMNS = {
    "article": str(SDO.isPartOf), "context": str(NIF.referenceContext),
    "text": str(NIF.anchorOf), "begin": str(NIF.beginIndex),
}
_ARGUMENT_COLUMNS = {"role": str(KG.role), "value": str(KG.value)}


def _store_tables(store: KnowledgeStore) -> Tables:
    """The view's tables, read from Oxigraph with the `view-*.rq` queries."""
    tables: Tables = defaultdict(lambda: defaultdict(set))
    terms: dict[Any, Term] = {}

    def term(value: Any) -> Term:
        found = terms.get(value)
        if found is None:
            found = terms[value] = _from_oxigraph(value)
        return found

    def rows(name: str, columns: list[str]) -> Iterator[list[Any]]:
        options: dict[str, Any] = store.union_query_options()
        solutions = store.oxigraph.query(view_sparql(name), prefixes=PREFIXES, **options)
        assert isinstance(solutions, ox.QuerySolutions)  # a SELECT query
        # the columns in the order the query selects them (a solution is read by position)
        assert [variable.value for variable in solutions.variables] == columns, name
        for solution in solutions:
            yield list(solution)

    def fill(name: str, key: str, columns: dict[str, str], link: str | None = None) -> None:
        names = list(columns)
        for key_value, *values in rows(name, [key, *names] if link is None else ["statement", key, *names]):
            if link is not None:  # statement —link→ key (origin, argument), then key's columns
                subject = term(key_value)
                key_value, values = values[0], values[1:]
                tables[link][subject].add(term(key_value))
            owner = term(key_value)
            for column, value in zip(names, values):
                if value is not None:
                    tables[columns[column]][owner].add(term(value))

    fill("view-statements.rq", "statement", _STATEMENT_COLUMNS)
    fill("view-sources.rq", "origin", _ORIGIN_COLUMNS, link=str(PROV.wasDerivedFrom))
    fill("view-arguments.rq", "argument", _ARGUMENT_COLUMNS, link=str(KG.argument))
    for subject, predicate, value in rows("view-terms.rq", ["term", "property", "value"]):
        tables[predicate.value][term(subject)].add(term(value))
    return tables


def _from_oxigraph(term: Any) -> Term:
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.Literal):
        return Text(term.value, term.language, term.datatype.value)
    if isinstance(term, ox.BlankNode):
        return Blank(term.value)
    raise TypeError(f"not a subject or object term: {term!r}")  # a quoted triple


class _RdflibTables(dict):
    """The same tables from an rdflib graph, one predicate at a time as they are asked for."""

    def __init__(self, graph: Graph) -> None:
        super().__init__()
        self.graph = graph

    def __missing__(self, predicate: str) -> dict[Term, set[Term]]:
        objects: dict[Term, set[Term]] = defaultdict(set)
        for subject, obj in _subject_objects(self.graph, URIRef(predicate)):
            objects[_from_rdflib(subject)].add(_from_rdflib(obj))
        self[predicate] = objects
        return objects


def _subject_objects(graph: Graph, predicate: URIRef) -> Iterator[tuple[Any, Any]]:
    if isinstance(graph, ConjunctiveGraph):  # Dataset too: read every graph it holds
        for subject, _, obj, _ in graph.quads((None, predicate, None, None)):
            yield subject, obj
    else:
        for subject, _, obj in graph.triples((None, predicate, None)):
            yield subject, obj


def _from_rdflib(term: Any) -> Term:
    if isinstance(term, Literal):
        return Text(str(term), term.language, str(term.datatype) if term.datatype else None)
    if isinstance(term, BNode):
        return Blank(str(term))
    return str(term)


# ── records ─────────────────────────────────────────────────────────────────────────────


class _Reader:
    """Records built from the tables (predicate → subject → objects) of a graph."""

    def __init__(self, tables: Tables):
        self._raw = tables
        self._tables: dict[str, dict[Term, list[Term]]] = {}
        self._summaries: dict[Term, str] = {}
        self._sources: dict[Term, SourceSentence | None] = {}
        self.statement_terms: set[Term] = set()
        self.nested: set[Term] = set()  # statements that are another's subject or object

    # ── raw access ──────────────────────────────────────────────────────────────────────

    def table(self, predicate: str) -> dict[Term, list[Term]]:
        """Subject → sorted, distinct objects of one predicate (read once, then cached)."""
        key = str(predicate)
        if key not in self._tables:
            self._tables[key] = {  # most subjects have one value: no sort for those
                subject: [*values] if len(values) == 1 else sorted(values, key=_term_key)
                for subject, values in self._raw[key].items()
            }
        return self._tables[key]

    def one(self, subject: Term, predicate: str) -> Term | None:
        values = self.table(predicate).get(subject)
        return values[0] if values else None

    def slot(self, statement: Term, predicate: str) -> Term:
        """A statement's subject, relation or object (every statement has all three)."""
        return self.table(predicate)[statement][0]

    def text(self, subject: Term, predicate: str) -> str | None:
        value = self.one(subject, predicate)
        return _clean(str(value)) if value is not None else None

    def types(self, subject: Term) -> list[Term]:
        return self.table(_RDF.type).get(subject, [])

    def label(self, term: Term) -> str:
        """rdfs:label (English or untagged first), else schema:name, else the IRI's tail."""
        if isinstance(term, Text):
            return _clean(str(term))
        for predicate in (_RDFS.label, _SDO.name, _SKOS.prefLabel):
            values = self.table(predicate).get(term)
            if values:
                preferred = [v for v in values if getattr(v, "language", None) in (None, "en")]
                return _clean(str((preferred or values)[0]))
        return _iri_tail(term)

    # ── records ─────────────────────────────────────────────────────────────────────────

    def read(self) -> GraphContents:
        subjects = self.table(_RDF.subject)
        predicates = self.table(_RDF.predicate)
        objects = self.table(_RDF.object)
        statement_terms = sorted(
            (term for term in subjects if term in predicates and term in objects),
            key=natural_key,
        )
        self.statement_terms = set(statement_terms)
        self.nested = {
            term
            for statement in statement_terms
            for term in (subjects[statement][0], objects[statement][0])
            if term in self.statement_terms
        }
        statements = {_node_id(term): self.statement(term) for term in statement_terms}

        node_terms = {t for t, types in self.table(_RDF.type).items() if _ENTITY in types}
        node_terms |= self.nested
        for term in statement_terms:
            node_terms.add(subjects[term][0])
            if objects[term][0] != _NO_OBJECT:
                node_terms.add(objects[term][0])
        records = (self.node(term) for term in node_terms)
        nodes = {record.id: record for record in sorted(records, key=lambda r: r.id)}

        articles = sum(1 for types in self.table(_RDF.type).values() if _ARTICLE in types)
        return GraphContents(nodes=nodes, statements=statements, articles=articles)

    def node(self, term: Term) -> NodeRecord:
        if term in self.nested:
            return NodeRecord(_node_id(term), self.summary(term), "claim", "Reported claim")
        if isinstance(term, Text):
            return NodeRecord(_node_id(term), self.label(term), "phrase", "Value")
        types = {str(t) for t in self.types(term)}
        kind = next((KG_KINDS[t] for t in KG_KINDS if t in types), None)
        if kind is None:
            kinds = {SCHEMA_KINDS[t] for t in types if t in SCHEMA_KINDS}
            kind = next((k for k in NODE_STYLES if k in kinds), "entity")
        type_label = NODE_STYLES[kind].label
        if kind == "entity":
            schema_types = sorted(t for t in types if t.startswith(str(SDO)))
            type_label = _words(schema_types[0][len(str(SDO)):]) if schema_types else "Entity"
        label = self.label(term)
        if kind == "quotation":
            label = f"“{label}”"
        aliases = sorted(
            {_clean(str(alias)) for alias in self.table(_SKOS.altLabel).get(term, [])} - {label, ""}
        )
        return NodeRecord(
            id=_node_id(term),
            label=label,
            kind=kind,
            type_label=type_label,
            aliases=tuple(aliases),
            details=self.details(term),
            mentioned_in=tuple(str(a) for a in self.table(_KG.mentionedIn).get(term, [])),
        )

    def details(self, term: Term) -> tuple[tuple[str, str], ...]:
        details = []
        for name, predicate in (
            ("job title", _SDO.jobTitle),
            ("age", _KG.age),
            ("home", _SDO.homeLocation),
            ("affiliation", _SDO.affiliation),
        ):
            for value in self.table(predicate).get(term, []):
                details.append((name, self.label(value)))
        return tuple(details)

    def statement(self, term: Term) -> ViewStatement:
        subject = self.slot(term, _RDF.subject)
        relation = self.slot(term, _RDF.predicate)
        obj = self.slot(term, _RDF.object)
        negated = _boolean(self.one(term, _KG.negated), default=False)
        modality = _MODALITIES.get(self.one(term, _KG.modality) or "", "asserted")
        reported_by = self.one(term, _KG.reportedBy)
        attributed_to = self.one(term, _KG.attributedTo)
        asserted = _boolean(
            self.one(term, _KG.asserted),
            default=not negated and modality == "asserted" and reported_by is None,
        )
        no_object = obj == _NO_OBJECT
        return ViewStatement(
            id=_node_id(term),
            subject=_node_id(subject),
            subject_label=self.label_of(subject),
            relation=self.relation_label(relation),
            object=None if no_object else _node_id(obj),
            object_label="" if no_object else self.label_of(obj),
            summary=self.summary(term),
            negated=negated,
            modality=modality,
            asserted=asserted,
            attributed_to=self.label(attributed_to) if attributed_to is not None else None,
            reported_by=_node_id(reported_by) if reported_by is not None else None,
            relation_text=self.text(term, _KG.relationText),
            confidence=_number(self.one(term, _KG.confidence)),
            arguments=self.arguments(term),
            sources=self.sources(term),
        )

    def relation_label(self, relation: Term) -> str:
        values = self.table(_RDFS.label).get(relation)
        return _clean(str(values[0])) if values else _iri_tail(relation).replace("_", " ")

    def label_of(self, term: Term) -> str:
        """A statement slot's name: a claim's summary in brackets, a quotation in quotes,
        else its label."""
        if term in self.statement_terms:
            return f"[{self.summary(term)}]"
        if _QUOTATION in self.types(term):
            return f"“{self.label(term)}”"
        return self.label(term)

    def summary(self, term: Term, depth: int = 0) -> str:
        """"subject relation object" for one statement; nested claims go in brackets."""
        if depth == 0 and term in self._summaries:
            return self._summaries[term]
        subject = self.slot(term, _RDF.subject)
        relation = self.relation_label(self.slot(term, _RDF.predicate))
        parts = [self.slot_summary(subject, depth), relation]
        obj = self.slot(term, _RDF.object)
        if obj != _NO_OBJECT:
            parts.append(self.slot_summary(obj, depth))
        text = shorten(" ".join(part for part in parts if part), SUMMARY_LENGTH)
        if depth == 0:
            self._summaries[term] = text
        return text

    def slot_summary(self, term: Term, depth: int) -> str:
        if term in self.statement_terms:
            if depth + 1 >= SUMMARY_DEPTH:
                return "[…]"
            return f"[{self.summary(term, depth + 1)}]"
        return self.label_of(term)

    def arguments(self, term: Term) -> tuple[tuple[str, str], ...]:
        arguments = []
        for argument in self.table(_KG.argument).get(term, []):
            types = self.types(argument)
            role = self.text(argument, _KG.role) or (
                "time" if _KG.TimeArgument in types else "place" if _KG.PlaceArgument in types else ""
            )
            value = self.one(argument, _KG.value)
            if value is not None:
                arguments.append((role, self.label_of(value)))
        return tuple(sorted(arguments))

    def sources(self, term: Term) -> tuple[SourceSentence, ...]:
        found = (self.source(origin) for origin in self.table(_PROV.wasDerivedFrom).get(term, []))
        return tuple(sorted({s for s in found if s is not None}, key=source_key))

    def source(self, origin: Term) -> SourceSentence | None:
        """The sentence (or article) a statement was derived from, with its article."""
        if origin not in self._sources:
            article: Term | None
            if _ARTICLE in self.types(origin):
                article, text, begin = origin, "", 0
            else:
                article = self.one(origin, _SDO.isPartOf) or self.one(origin, _NIF.referenceContext)
                text = self.text(origin, _NIF.anchorOf) or ""
                begin = int(_number(self.one(origin, _NIF.beginIndex)) or 0)
            if article is None and not text:
                self._sources[origin] = None
            elif article is None:
                self._sources[origin] = SourceSentence(str(origin), text, "", begin=begin)
            else:
                url = self.text(article, _SDO.url)
                publisher = self.one(article, _SDO.publisher)
                self._sources[origin] = SourceSentence(
                    id=str(origin),
                    text=text,
                    article=str(article),
                    headline=self.text(article, _SDO.headline) or self.text(article, _SDO.name),
                    # only web links: a javascript: or data: "url" must never become a link
                    url=url if url and re.match(r"https?://", url, re.IGNORECASE) else None,
                    date=self.text(article, _SDO.datePublished),
                    begin=begin,
                    source=self.label(publisher) if publisher is not None else None,
                )
        return self._sources[origin]



# ── helpers ─────────────────────────────────────────────────────────────────────────────


def _node_id(term: Term) -> str:
    """A node id: the IRI; "_:" and the id for a blank node; a digest for a literal."""
    if isinstance(term, Text):
        return "_:value-" + hashlib.sha1(str(term).encode("utf-8")).hexdigest()[:16]
    if isinstance(term, Blank):
        return f"_:{term}"
    return str(term)


def _term_key(term: Term) -> tuple[int, str]:
    return (2 if isinstance(term, Blank) else 1 if isinstance(term, Text) else 0, str(term))


def _clean(text: str) -> str:
    return clean_text(text)


def _iri_tail(term: Term | None) -> str:
    """The readable end of an IRI: …/entity/person/josep-borrell → "josep borrell"."""
    if term is None:
        return ""
    tail = re.split(r"[/#]", str(term).rstrip("/#"))[-1]
    return _clean(tail.replace("-", " ").replace("_", " ")) or _clean(str(term))


def _words(camel: str) -> str:
    """CreativeWork → Creative work."""
    words = re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+", camel)
    return " ".join(words).capitalize() if words else camel


def _boolean(value: Term | None, *, default: bool) -> bool:
    if value is None:
        return default
    return str(value).strip().lower() in ("true", "1")


def _number(value: Term | None) -> float | None:
    if not isinstance(value, Text):
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) else None
