"""Read kgbuild's RDF into plain records, and into a networkx graph.

The graph is read with one triple pattern per predicate (`(None, p, None)`), which every
rdflib store answers from an index, instead of one SPARQL query with a dozen OPTIONALs,
which rdflib evaluates row by row: a graph with 5,000 statements reads in about a second.
A `Dataset` (or `ConjunctiveGraph`) is read through `quads`, so its named graphs count
whether or not `default_union` is set.

What becomes a node:
    * every `kg:Entity`, whether or not a statement mentions it;
    * every noun phrase, quotation or other term that is a statement's subject or object;
    * a "claim" for every statement that is the subject or object of another statement
      ("Borrell —say→ [civilians be kill in Mariupol]"); the claim's own statement is
      still drawn as its own edge.
Statements whose object is `kg:NoObject` are kept on their subject, not drawn.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import networkx as nx
from rdflib import BNode, ConjunctiveGraph, Graph, Literal, URIRef
from rdflib.term import Node

from kgbuild.graph.terms import TermCache
from kgbuild.graph.vocab import KG, NIF, PROV, RDF, RDFS, SDO, SKOS
from kgbuild.render.style import KG_KINDS, NODE_STYLES, SCHEMA_KINDS, edge_style
from kgbuild.render.view import SourceSentence, ViewStatement

__all__ = ["GraphContents", "NodeRecord", "read_graph", "to_networkx"]

#: Longest summary of a statement ("subject relation object") before it is shortened.
SUMMARY_LENGTH = 90
#: How deep a claim about a claim about a claim is spelt out in a summary.
SUMMARY_DEPTH = 2

_MODALITIES = {
    KG.Asserted: "asserted",
    KG.Hedged: "hedged",
    KG.Possible: "possible",
    KG.Future: "future",
    KG.Intended: "intended",
}
_BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])


@dataclass(frozen=True)
class NodeRecord:
    """A node as read from the graph, before layout and styling.

    Attributes:
        id: IRI (a claim's is its statement's IRI; a literal's is a digest of its text).
        label: Its name.
        kind: Style key (see `kgbuild.render.style.NODE_STYLES`).
        type_label: Its type as a reader says it ("Person", "Creative work").
        aliases: Other names, sorted.
        details: Extra facts as (name, value) pairs.
        mentioned_in: IRIs of the articles that mention it (`kg:mentionedIn`), sorted.
    """

    id: str
    label: str
    kind: str
    type_label: str
    aliases: tuple[str, ...] = ()
    details: tuple[tuple[str, str], ...] = ()
    mentioned_in: tuple[str, ...] = ()


@dataclass(frozen=True)
class GraphContents:
    """What the view reads from a graph: its nodes, its statements and its article count."""

    nodes: dict[str, NodeRecord]
    statements: dict[str, ViewStatement]
    articles: int


def read_graph(graph: Graph) -> GraphContents:
    """Read the nodes and statements of a kgbuild graph.

    Args:
        graph: An rdflib `Graph`, or a `Dataset` / `ConjunctiveGraph` (all graphs are read).

    Returns:
        The nodes by id and the statements by id, both in a deterministic order.

    Raises:
        TypeError: `graph` is not an rdflib graph.
    """
    if not isinstance(graph, Graph):
        raise TypeError(
            f"Expected an rdflib Graph or Dataset, got {type(graph).__name__}. "
            "Load the file first: rdflib.Dataset().parse(path)."
        )
    return _Reader(graph).read()


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """The graph's entities, phrases, quotations and claims linked by their statements.

    Every attribute is a string, number or boolean (lists are joined with newlines), so
    the result can be written with `networkx.write_graphml` as it is.

    Nodes (keyed by IRI) have `label`, `kind` (person, organization, place, event, entity,
    phrase, quotation, claim), `type`, `aliases`, `articles` (how many articles mention
    it) and `statements_without_object` (summaries of the node's statements that have no
    object, "talks fail").

    Edges (keyed by statement IRI) have `label` and `relation` (the relation),
    `relation_text`, `style` (asserted, reported, hedged or negated), `sentence` (the first
    source sentence), `sentences`, `headline`, `article` (its IRI), `url`, `date`,
    `asserted`, `negated`, `modality`, `attributed_to`, `reported_by`, `summary` and, when
    known, `confidence`.

    Args:
        graph: An rdflib `Graph` or `Dataset` following kgbuild's RDF contract.

    Returns:
        A directed multigraph with one edge per statement that has an object.
    """
    return contents_to_networkx(read_graph(graph))


def contents_to_networkx(contents: GraphContents) -> nx.MultiDiGraph:
    """`to_networkx` for contents already read (build_view reads the graph only once)."""
    network = nx.MultiDiGraph()
    without_object: dict[str, list[str]] = defaultdict(list)
    for statement in contents.statements.values():
        if statement.object is None:
            without_object[statement.subject].append(statement.summary)
    for node in contents.nodes.values():
        network.add_node(
            node.id,
            label=node.label,
            kind=node.kind,
            type=node.type_label,
            aliases="\n".join(node.aliases),
            articles=len(node.mentioned_in),
            statements_without_object="\n".join(without_object.get(node.id, ())),
        )
    for statement in contents.statements.values():
        if statement.object is None:
            continue
        first = statement.sources[0] if statement.sources else SourceSentence("", "", "")
        attributes = {
            "label": statement.relation,
            "relation": statement.relation,
            "relation_text": statement.relation_text or "",
            "style": edge_style(
                asserted=statement.asserted, negated=statement.negated, modality=statement.modality
            ).key,
            "sentence": first.text,
            "sentences": "\n".join(source.text for source in statement.sources),
            "headline": first.headline or "",
            "article": first.article,
            "url": first.url or "",
            "date": first.date or "",
            "asserted": statement.asserted,
            "negated": statement.negated,
            "modality": statement.modality,
            "attributed_to": statement.attributed_to or "",
            "reported_by": statement.reported_by or "",
            "summary": statement.summary,
        }
        if statement.confidence is not None:
            attributes["confidence"] = statement.confidence
        network.add_edge(statement.subject, statement.object, key=statement.id, **attributes)
    return network


class _Reader:
    """One pass per predicate over the graph, then records built from the tables."""

    def __init__(self, graph: Graph):
        self.graph = graph
        self._tables: dict[URIRef, dict[Node, list[Node]]] = {}
        self._summaries: dict[Node, str] = {}
        self._sources: dict[Node, SourceSentence | None] = {}
        self.statement_terms: set[Node] = set()
        self.nested: set[Node] = set()  # statements that are another's subject or object

    # ── raw access ──────────────────────────────────────────────────────────────────────

    def table(self, predicate: URIRef) -> dict[Node, list[Node]]:
        """Subject → sorted, distinct objects of one predicate (read once, then cached)."""
        if predicate not in self._tables:
            objects: dict[Node, set[Node]] = defaultdict(set)
            for subject, obj in _subject_objects(self.graph, predicate):
                objects[subject].add(obj)
            self._tables[predicate] = {
                subject: sorted(values, key=_term_key) for subject, values in objects.items()
            }
        return self._tables[predicate]

    def one(self, subject: Node, predicate: URIRef) -> Node | None:
        values = self.table(predicate).get(subject)
        return values[0] if values else None

    def text(self, subject: Node, predicate: URIRef) -> str | None:
        value = self.one(subject, predicate)
        return _clean(str(value)) if value is not None else None

    def types(self, subject: Node) -> list[Node]:
        return self.table(RDF.type).get(subject, [])

    def label(self, term: Node) -> str:
        """rdfs:label (English or untagged first), else schema:name, else the IRI's tail."""
        if isinstance(term, Literal):
            return _clean(str(term))
        for predicate in (RDFS.label, SDO.name, SKOS.prefLabel):
            values = self.table(predicate).get(term)
            if values:
                preferred = [v for v in values if getattr(v, "language", None) in (None, "en")]
                return _clean(str((preferred or values)[0]))
        return _iri_tail(term)

    # ── records ─────────────────────────────────────────────────────────────────────────

    def read(self) -> GraphContents:
        subjects = self.table(RDF.subject)
        predicates = self.table(RDF.predicate)
        objects = self.table(RDF.object)
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

        node_terms = {t for t, types in self.table(RDF.type).items() if KG.Entity in types}
        node_terms |= self.nested
        for term in statement_terms:
            node_terms.add(subjects[term][0])
            if objects[term][0] != KG.NoObject:
                node_terms.add(objects[term][0])
        records = (self.node(term) for term in node_terms)
        nodes = {record.id: record for record in sorted(records, key=lambda r: r.id)}

        articles = sum(1 for types in self.table(RDF.type).values() if SDO.NewsArticle in types)
        return GraphContents(nodes=nodes, statements=statements, articles=articles)

    def node(self, term: Node) -> NodeRecord:
        if term in self.nested:
            return NodeRecord(_node_id(term), self.summary(term), "claim", "Reported claim")
        if isinstance(term, Literal):
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
            {_clean(str(alias)) for alias in self.table(SKOS.altLabel).get(term, [])} - {label, ""}
        )
        return NodeRecord(
            id=_node_id(term),
            label=label,
            kind=kind,
            type_label=type_label,
            aliases=tuple(aliases),
            details=self.details(term),
            mentioned_in=tuple(str(a) for a in self.table(KG.mentionedIn).get(term, [])),
        )

    def details(self, term: Node) -> tuple[tuple[str, str], ...]:
        details = []
        for name, predicate in (
            ("job title", SDO.jobTitle),
            ("age", KG.age),
            ("home", SDO.homeLocation),
            ("affiliation", SDO.affiliation),
        ):
            for value in self.table(predicate).get(term, []):
                details.append((name, self.label(value)))
        return tuple(details)

    def statement(self, term: Node) -> ViewStatement:
        subject = self.one(term, RDF.subject)
        relation = self.one(term, RDF.predicate)
        obj = self.one(term, RDF.object)
        negated = _boolean(self.one(term, KG.negated), default=False)
        modality = _MODALITIES.get(self.one(term, KG.modality), "asserted")
        reported_by = self.one(term, KG.reportedBy)
        attributed_to = self.one(term, KG.attributedTo)
        asserted = _boolean(
            self.one(term, KG.asserted),
            default=not negated and modality == "asserted" and reported_by is None,
        )
        no_object = obj == KG.NoObject
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
            relation_text=self.text(term, KG.relationText),
            confidence=_number(self.one(term, KG.confidence)),
            arguments=self.arguments(term),
            sources=self.sources(term),
        )

    def relation_label(self, relation: Node) -> str:
        values = self.table(RDFS.label).get(relation)
        return _clean(str(values[0])) if values else _iri_tail(relation).replace("_", " ")

    def label_of(self, term: Node) -> str:
        """A statement slot's name: a claim's summary in brackets, a quotation in quotes,
        else its label."""
        if term in self.statement_terms:
            return f"[{self.summary(term)}]"
        if KG.Quotation in self.types(term):
            return f"“{self.label(term)}”"
        return self.label(term)

    def summary(self, term: Node, depth: int = 0) -> str:
        """"subject relation object" for one statement; nested claims go in brackets."""
        if depth == 0 and term in self._summaries:
            return self._summaries[term]
        subject = self.one(term, RDF.subject)
        relation = self.relation_label(self.one(term, RDF.predicate))
        parts = [self.slot_summary(subject, depth), relation]
        obj = self.one(term, RDF.object)
        if obj != KG.NoObject:
            parts.append(self.slot_summary(obj, depth))
        text = shorten(" ".join(part for part in parts if part), SUMMARY_LENGTH)
        if depth == 0:
            self._summaries[term] = text
        return text

    def slot_summary(self, term: Node, depth: int) -> str:
        if term in self.statement_terms:
            if depth + 1 >= SUMMARY_DEPTH:
                return "[…]"
            return f"[{self.summary(term, depth + 1)}]"
        return self.label_of(term)

    def arguments(self, term: Node) -> tuple[tuple[str, str], ...]:
        arguments = []
        for argument in self.table(KG.argument).get(term, []):
            types = self.types(argument)
            role = self.text(argument, KG.role) or (
                "time" if KG.TimeArgument in types else "place" if KG.PlaceArgument in types else ""
            )
            value = self.one(argument, KG.value)
            if value is not None:
                arguments.append((role, self.label_of(value)))
        return tuple(sorted(arguments))

    def sources(self, term: Node) -> tuple[SourceSentence, ...]:
        found = (self.source(origin) for origin in self.table(PROV.wasDerivedFrom).get(term, []))
        return tuple(sorted({s for s in found if s is not None}, key=source_key))

    def source(self, origin: Node) -> SourceSentence | None:
        """The sentence (or article) a statement was derived from, with its article."""
        if origin not in self._sources:
            if SDO.NewsArticle in self.types(origin):
                article, text, begin = origin, "", 0
            else:
                article = self.one(origin, SDO.isPartOf) or self.one(origin, NIF.referenceContext)
                text = self.text(origin, NIF.anchorOf) or ""
                begin = int(_number(self.one(origin, NIF.beginIndex)) or 0)
            if article is None and not text:
                self._sources[origin] = None
            elif article is None:
                self._sources[origin] = SourceSentence(str(origin), text, "", begin=begin)
            else:
                url = self.text(article, SDO.url)
                publisher = self.one(article, SDO.publisher)
                self._sources[origin] = SourceSentence(
                    id=str(origin),
                    text=text,
                    article=str(article),
                    headline=self.text(article, SDO.headline) or self.text(article, SDO.name),
                    # only web links: a javascript: or data: "url" must never become a link
                    url=url if url and re.match(r"https?://", url, re.IGNORECASE) else None,
                    date=self.text(article, SDO.datePublished),
                    begin=begin,
                    source=self.label(publisher) if publisher is not None else None,
                )
        return self._sources[origin]


# ── helpers ─────────────────────────────────────────────────────────────────────────────


def _subject_objects(graph: Graph, predicate: URIRef) -> Iterator[tuple[Node, Node]]:
    if isinstance(graph, ConjunctiveGraph):  # Dataset too: read every graph it holds
        oxigraph = _oxigraph_store(graph)
        if oxigraph is not None:
            yield from _oxigraph_subject_objects(oxigraph, predicate)
            return
        for subject, _, obj, _ in graph.quads((None, predicate, None, None)):
            yield subject, obj
    else:
        for subject, _, obj in graph.triples((None, predicate, None)):
            yield subject, obj


def _oxigraph_store(graph: Graph) -> Any:
    """The pyoxigraph `Store` under an oxrdflib-backed graph, else None."""
    store = graph.store
    if type(store).__name__ != "OxigraphStore" or not type(store).__module__.startswith("oxrdflib"):
        return None
    try:
        return store._inner  # the pyoxigraph Store, read directly below
    except AttributeError:
        return None


def _oxigraph_subject_objects(store: Any, predicate: URIRef) -> Iterator[tuple[Node, Node]]:
    """The same pairs as `Dataset.quads`, read from pyoxigraph without oxrdflib's
    per-term conversion: a corpus graph has millions of triples and most terms repeat
    (types, articles, relations), so each distinct term is converted once."""
    import pyoxigraph

    convert = TermCache()

    pattern = pyoxigraph.NamedNode(str(predicate))
    for quad in store.quads_for_pattern(None, pattern, None, None):
        yield convert(quad.subject), convert(quad.object)


def _node_id(term: Node) -> str:
    """A node id: the IRI; "_:" and the id for a blank node; a digest for a literal."""
    if isinstance(term, Literal):
        return "_:value-" + hashlib.sha1(str(term).encode("utf-8")).hexdigest()[:16]
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _term_key(term: Node) -> tuple[int, str]:
    return (0 if isinstance(term, URIRef) else 1 if isinstance(term, Literal) else 2, str(term))


def natural_key(term: Node | str) -> tuple:
    """Sort …/statement/2 before …/statement/10."""
    parts = re.split(r"(\d+)", str(term))  # text, digits, text, digits … text
    return tuple(int(part) if index % 2 else part for index, part in enumerate(parts))


def source_key(source: SourceSentence) -> tuple:
    return (natural_key(source.article), source.begin, natural_key(source.id))


def _clean(text: str) -> str:
    """Plain one-line text: whitespace collapsed, control and bidi-override characters out.

    >>> _clean("a\\u2028b\\tc\\x00\\u202e")
    'a b c'
    """
    text = " ".join(text.split()).translate(_BIDI_CONTROLS)
    return "".join(c for c in text if unicodedata.category(c) != "Cc")


def shorten(text: str, length: int) -> str:
    """Cut at a word boundary and add an ellipsis.

    >>> shorten("more than 2,400 civilians", 16)
    'more than 2,400…'
    """
    if len(text) <= length:
        return text
    cut = text[: length - 1]
    if not text[length - 1].isspace() and " " in cut[length // 2 :]:  # mid-word: back up
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


def _iri_tail(term: Node | None) -> str:
    """The readable end of an IRI: …/entity/person/josep-borrell → "josep borrell"."""
    if term is None:
        return ""
    tail = re.split(r"[/#]", str(term).rstrip("/#"))[-1]
    return _clean(tail.replace("-", " ").replace("_", " ")) or _clean(str(term))


def _words(camel: str) -> str:
    """CreativeWork → Creative work."""
    words = re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+", camel)
    return " ".join(words).capitalize() if words else camel


def _boolean(value: Node | None, *, default: bool) -> bool:
    if value is None:
        return default
    python = value.toPython() if isinstance(value, Literal) else value
    if isinstance(python, bool):
        return python
    return str(python).strip().lower() in ("true", "1")


def _number(value: Node | None) -> float | None:
    if not isinstance(value, Literal):
        return None
    try:
        number = float(value.toPython())
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None

