"""Records → RDF triples, following the data model in README "Data model".

Each statement is reified (`rdf:Statement` with subject, predicate, object, flags,
arguments and provenance); only those the article itself states as true are also
asserted as plain triples.

Triples are made straight from the records as N-Triples terms (`Encoded`: `<iri>`,
`"text"^^<datatype>`, `_:label`), never as rdflib terms: an article's ~1,000 triples
then cost a string join each rather than three term objects (an rdflib `Literal` takes
~7 µs), and they become the store's N-Quads by appending a graph name. The public
`*_triples` functions give the same triples as rdflib terms, for code that wants those.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.term import Node

from kgbuild.graph.iris import IriMinter
from kgbuild.graph.terms import TermCache
from kgbuild.graph.vocab import KG, NIF, PROV, RDF, RDFS, SDO, SKOS, XSD
from kgbuild.types import (Argument, Article, DateSpan, Entity, Mention, MentionKind, Modality, ResolvedArticle,
                           Statement)

Triple = tuple[Node, Node, Node]
#: One term written as N-Triples writes it: `<iri>`, `"lexical"^^<datatype>` or `_:label`.
Encoded = str
EncodedTriple = tuple[Encoded, Encoded, Encoded]


class _Encoded:
    """A namespace's terms as N-Triples IRIs (`V.type` is `"<...#type>"`), each made once."""

    def __init__(self, namespace: object) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> Encoded:
        encoded = f"<{getattr(self._namespace, name)}>"  # a DefinedNamespace refuses unknown names
        setattr(self, name, encoded)
        return encoded


_KG, _NIF, _PROV, _RDF, _RDFS, _SDO, _SKOS = map(_Encoded, (KG, NIF, PROV, RDF, RDFS, SDO, SKOS))
_TYPE = _RDF.type
_XSD_INTEGER, _XSD_DOUBLE, _XSD_DATE = f"^^<{XSD.integer}>", f"^^<{XSD.double}>", f"^^<{XSD.date}>"
_XSD_ANY_URI = f"^^<{XSD.anyURI}>"
_TRUE, _FALSE = f'"true"^^<{XSD.boolean}>', f'"false"^^<{XSD.boolean}>'
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _iri(iri: str) -> Encoded:
    return f"<{iri}>"


def _text(value: str) -> Encoded:
    """A plain (xsd:string) literal; only what N-Triples forbids inside quotes is escaped.

    >>> _text('He said "no"\\n')
    '"He said \\\\"no\\\\"\\\\n"'
    """
    return f'"{value.translate(_ESCAPES)}"'


def _typed(lexical: str, datatype_suffix: str) -> Encoded:
    return f'"{lexical.translate(_ESCAPES)}"{datatype_suffix}'


def _boolean(value: bool) -> Encoded:
    return _TRUE if value else _FALSE


def _integer(value: int) -> Encoded:
    return f'"{int(value)}"{_XSD_INTEGER}'


def _node(node: object) -> Encoded:
    """A minted IRI (`URIRef`) or blank node (`BNode`) as N-Triples."""
    return f"<{node}>" if isinstance(node, URIRef) else f"_:{node}"


def decoded(triples: Iterable[EncodedTriple]) -> Iterator[Triple]:
    """Encoded triples as rdflib terms (through `kgbuild.graph.terms`, the one converter)."""
    text = "".join(f"{s} {p} {o} .\n" for s, p, o in triples)
    convert = TermCache()
    for quad in ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES, lenient=True):
        obj = convert(quad.object)
        if isinstance(obj, Literal) and obj.datatype == XSD.string:
            obj = Literal(str(obj))  # the plain Literal("...") these functions always gave
        yield convert(quad.subject), convert(quad.predicate), obj  # type: ignore[misc]


#: NER label → schema.org class.
SCHEMA_CLASSES = {
    "PERSON": SDO.Person, "ORG": SDO.Organization, "GPE": SDO.Place, "LOC": SDO.Place,
    "FAC": SDO.Place, "NORP": SDO.Thing, "EVENT": SDO.Event, "WORK_OF_ART": SDO.CreativeWork,
    "LAW": SDO.Legislation, "PRODUCT": SDO.Product, "LANGUAGE": SDO.Language,
}
_SCHEMA_CLASSES = {label: _iri(iri) for label, iri in SCHEMA_CLASSES.items()}
_MODALITIES = {
    Modality.ASSERTED: _KG.Asserted, Modality.HEDGED: _KG.Hedged, Modality.POSSIBLE: _KG.Possible,
    Modality.FUTURE: _KG.Future, Modality.INTENDED: _KG.Intended,
}
_ARGUMENT_CLASSES = {"time": _KG.TimeArgument, "place": _KG.PlaceArgument}
_FACT_PROPERTIES = {"jobTitle": _SDO.jobTitle, "age": _KG.age, "homeLocation": _SDO.homeLocation,
                    "affiliation": _SDO.affiliation}


@dataclass(frozen=True)
class Provenance:
    """What made a graph: named on every statement through `prov:wasGeneratedBy`."""

    kgbuild_version: str
    pipeline: str
    extractor: str

    def describe(self) -> str:
        return f"kgbuild {self.kgbuild_version}; {self.pipeline}; {self.extractor}"


def provenance_triples(provenance: Provenance, minter: IriMinter) -> Iterator[Triple]:
    """The run that made a graph (`provenance_lines`) as rdflib triples."""
    return decoded(provenance_lines(provenance, minter))


def provenance_lines(provenance: Provenance, minter: IriMinter) -> Iterator[EncodedTriple]:
    activity = _iri(minter.activity(provenance.describe()))
    yield activity, _TYPE, _PROV.Activity
    yield activity, _RDFS.label, _text(provenance.describe())
    yield activity, _KG.kgbuildVersion, _text(provenance.kgbuild_version)
    yield activity, _KG.pipeline, _text(provenance.pipeline)
    yield activity, _KG.extractor, _text(provenance.extractor)


def article_triples(resolved: ResolvedArticle, provenance: Provenance, minter: IriMinter) -> Iterator[Triple]:
    """Every triple one article contributes (`article_lines`) as rdflib triples."""
    return decoded(article_lines(resolved, provenance, minter))


def article_lines(resolved: ResolvedArticle, provenance: Provenance, minter: IriMinter) -> Iterator[EncodedTriple]:
    """Every triple one article contributes: article, sentences, entities, statements, facts."""
    triples = _ArticleTriples(resolved, _iri(minter.activity(provenance.describe())), minter)
    yield from triples.article()
    yield from triples.entities()
    yield from triples.resolutions()
    for statement in resolved.extraction.statements:
        yield from triples.statement(statement)
    yield from triples.entity_facts()
    yield from triples.sentences()


class _ArticleTriples:
    """Turns one resolved article into triples, remembering which nodes it has described."""

    def __init__(self, resolved: ResolvedArticle, activity: Encoded, minter: IriMinter) -> None:
        self.resolved = resolved
        self.article_record: Article = resolved.extraction.article
        self.article_id = self.article_record.id
        self.activity = activity
        self.minter = minter
        self.article_iri = _iri(minter.article(self.article_id))
        self.article_prefix = self.article_iri[:-1]  # "<...article/{id}": its sentences and statements
        self.entities_by_key: dict[str, Entity] = {e.key: e for e in resolved.entities}
        self.described: set[Encoded] = set()
        self.used_sentences: set[int] = set()

    def article(self) -> Iterator[EncodedTriple]:
        yield from article_metadata(self.article_record, self.article_iri, self.minter)
        yield from self.counts()

    def counts(self) -> Iterator[EncodedTriple]:
        """How much the article says and how, on its node (`kg:statementCount` ...).

        They live in the article's named graph, so they come and go with the article, and a
        query over the whole corpus reads one number per article instead of counting
        millions of statement triples.
        """
        statements = self.resolved.extraction.statements
        counts = {
            _KG.statementCount: len(statements),
            _KG.factCount: sum(1 for s in statements if self.asserted(s)),
            _KG.negatedCount: sum(1 for s in statements if s.negated),
            _KG.reportedCount: sum(1 for s in statements if s.reported_by is not None),
            _KG.sentenceCount: len({s.sentence.index for s in statements}),
        }
        for prop, count in counts.items():
            yield self.article_iri, prop, _integer(count)

    def resolutions(self) -> Iterator[EncodedTriple]:
        """Why each name and pronoun was linked to its entity: words, rule, count."""
        text = self.article_record.text
        counts: dict[tuple[str, str, str], int] = {}
        for (start, end), key, rule in self.resolved.links:
            words = " ".join(text[start:end].split())
            counts[(key, words, rule)] = counts.get((key, words, rule), 0) + 1
        for (key, words, rule), count in sorted(counts.items()):
            node = _node(self.minter.resolution(key, self.article_id, words, rule))
            yield self.entity(key), _KG.resolution, node
            yield node, _TYPE, _KG.Resolution
            yield node, _KG.surfaceForm, _text(words)
            yield node, _KG.resolutionRule, _text(rule)
            yield node, _KG.mentionedIn, self.article_iri
            yield node, _KG.occurrences, _integer(count)

    def entity(self, key: str) -> Encoded:
        return _iri(self.minter.entity(key))

    def entities(self) -> Iterator[EncodedTriple]:
        for entity in self.resolved.entities:
            iri = self.entity(entity.key)
            yield iri, _TYPE, _KG.Entity
            yield iri, _TYPE, _SCHEMA_CLASSES.get(entity.label_type, _SDO.Thing)
            yield iri, _RDFS.label, _text(entity.label)
            for alias in entity.aliases:
                yield iri, _SKOS.altLabel, _text(alias)
            yield iri, _KG.mentionedIn, self.article_iri
            if entity.stands_for_government:
                yield iri, _KG.standsForGovernment, _TRUE
            if entity.government_of:
                yield iri, _KG.standsForGovernmentOf, self.entity(entity.government_of)

    def asserted(self, statement: Statement) -> bool:
        """Stated as true by the article, with every slot resolved: an unresolved pronoun or
        generic phrase never fills a plain triple (`kg:unresolved`)."""
        slots = [statement.subject] + ([statement.object] if statement.object is not None else [])
        return statement.is_factual and not any(self.resolved.is_unresolved(m) for m in slots)

    def statement_iri(self, index: int) -> Encoded:
        return f"{self.article_prefix}/statement/{index}>"  # as `IriMinter.statement`

    def statement(self, statement: Statement) -> Iterator[EncodedTriple]:
        iri = self.statement_iri(statement.index)
        for slot in (statement.subject, statement.object):
            if slot is not None and self.resolved.is_unresolved(slot):
                yield iri, _KG.unresolved, _text(slot.text)
        subject = yield from self.node(statement.subject)
        if statement.object_statement is not None:
            obj = self.statement_iri(statement.object_statement)
        elif statement.object is not None:
            obj = yield from self.node(statement.object)
        else:
            obj = _KG.NoObject
        predicate = _iri(self.minter.relation(statement.relation.key))
        if predicate not in self.described:
            self.described.add(predicate)
            yield predicate, _TYPE, _KG.Relation
            yield predicate, _RDFS.label, _text(statement.relation.label)
        yield iri, _TYPE, _RDF.Statement
        yield iri, _TYPE, _KG.Statement
        yield iri, _RDF.subject, subject
        yield iri, _RDF.predicate, predicate
        yield iri, _RDF.object, obj
        # str(float) is the lexical form rdflib's Literal(float) wrote before.
        yield iri, _KG.confidence, f'"{float(statement.confidence)}"{_XSD_DOUBLE}'
        yield iri, _KG.negated, _boolean(statement.negated)
        yield iri, _KG.modality, _MODALITIES[statement.modality]
        asserted = self.asserted(statement)
        yield iri, _KG.asserted, _boolean(asserted)
        if statement.relation.surface:
            yield iri, _KG.relationText, _text(statement.relation.surface)
        yield iri, _KG.extractionRule, _text(statement.rule)
        if statement.reported_by is not None:
            reporter = self.resolved.extraction.statements[statement.reported_by]
            yield iri, _KG.reportedBy, self.statement_iri(reporter.index)
            if self.resolved.is_unresolved(reporter.subject):  # "he said": never a speaker node
                yield iri, _KG.unresolved, _text(reporter.subject.text)
            else:
                speaker = yield from self.node(reporter.subject)
                yield iri, _KG.attributedTo, speaker
        for position, argument in enumerate(statement.arguments):
            yield from self.argument(iri, statement.index, position, argument)
        self.used_sentences.add(statement.sentence.index)
        yield iri, _PROV.wasDerivedFrom, self.sentence_iri(statement.sentence.index)
        yield iri, _PROV.wasGeneratedBy, self.activity
        if asserted and obj != _KG.NoObject:
            yield subject, predicate, obj

    def sentence_iri(self, index: int) -> Encoded:
        return f"{self.article_prefix}/sentence/{index}>"  # as `IriMinter.sentence`

    def argument(self, statement_iri: Encoded, index: int, position: int,
                 argument: Argument) -> Iterator[EncodedTriple]:
        node = _node(self.minter.argument(self.article_id, index, position))
        yield statement_iri, _KG.argument, node
        yield node, _TYPE, _KG.Argument
        if argument.category in _ARGUMENT_CLASSES:
            yield node, _TYPE, _ARGUMENT_CLASSES[argument.category]
        yield node, _KG.role, _text(argument.role)
        if argument.category == "time":
            yield from date_lines(node, self.resolved.extraction.argument_dates.get((index, position)))
        if argument.value.kind == MentionKind.VALUE:
            yield node, _KG.value, _text(argument.value.text)
        else:
            value = yield from self.node(argument.value)
            yield node, _KG.value, value

    def node(self, mention: Mention) -> Iterator[EncodedTriple]:
        """The node a mention stands for (its entity, else a phrase node), described once.

        A generator that yields the node's own triples and returns the node.
        """
        key = self.resolved.entity_for(mention)
        if key is not None:
            return self.entity(key)
        unresolved = self.resolved.is_unresolved(mention)
        if mention.kind == MentionKind.QUOTE:
            iri, kind = f"{self.article_prefix}/quote/{mention.start}>", _KG.Quotation  # as `IriMinter.quote`
        elif unresolved:  # a pronoun or generic phrase: one node per occurrence, joining nothing
            iri, kind = _iri(self.minter.phrase(self.article_id, f"{mention.text}@{mention.start}")), _KG.NounPhrase
        else:
            iri, kind = _iri(self.minter.phrase(self.article_id, mention.text)), _KG.NounPhrase
        if iri not in self.described:
            self.described.add(iri)
            yield iri, _TYPE, kind
            if unresolved:
                yield iri, _TYPE, _KG.UnresolvedMention
            yield iri, _RDFS.label, _text(mention.text)
            yield iri, _KG.mentionedIn, self.article_iri
        return iri

    def entity_facts(self) -> Iterator[EncodedTriple]:
        for fact in self.resolved.extraction.entity_facts:
            key = self.resolved.entity_for(fact.subject)
            if key is None:
                continue
            subject = self.entity(key)
            prop = _FACT_PROPERTIES[fact.attribute]
            if isinstance(fact.value, str):
                value = _integer(int(fact.value)) if fact.attribute == "age" else _text(fact.value)
            else:
                value = yield from self.node(fact.value)
            yield subject, prop, value

    def sentences(self) -> Iterator[EncodedTriple]:
        for sentence in self.resolved.extraction.sentences:
            if sentence.index not in self.used_sentences:
                continue
            iri = self.sentence_iri(sentence.index)
            yield iri, _TYPE, _NIF.Sentence
            yield iri, _NIF.anchorOf, _text(sentence.text)
            yield iri, _NIF.beginIndex, _integer(sentence.start)
            yield iri, _NIF.endIndex, _integer(sentence.end)
            yield iri, _SDO.isPartOf, self.article_iri


# ── Article metadata, duplicates and dates (README "Data model": articles) ─────────────


def author_triples(record: Article, article: URIRef, minter: IriMinter) -> Iterator[Triple]:
    """The byline's triples (`author_lines`) as rdflib triples."""
    return decoded(author_lines(record, _node(article), minter))


def author_lines(record: Article, article: Encoded, minter: IriMinter) -> Iterator[EncodedTriple]:
    """`schema:author` nodes: one per byline name, shared by every article that names it.

    A name is a `schema:Person`, or a `schema:Organization` when ingest found it to be a desk
    or an agency (`Article.organisation_authors`: "Associated Press"). Author nodes live under
    `author/`, apart from the entities the text mentions: a byline says who wrote, not what
    the article is about.
    """
    for name in record.authors:
        node = _iri(minter.author(name))
        yield article, _SDO.author, node
        yield node, _TYPE, _SDO.Organization if name in record.organisation_authors else _SDO.Person
        yield node, _SDO.name, _text(name)


def duplicate_triples(duplicate: Article, original_id: str, minter: IriMinter) -> Iterator[Triple]:
    """The node of an article whose text another one already had, pointing to that one.

    It keeps its own id, headline, date, outlet and authors; its text is built once, as
    the original's (`kg:duplicateOf`).
    """
    return decoded(duplicate_lines(duplicate, original_id, minter))


def duplicate_lines(duplicate: Article, original_id: str, minter: IriMinter) -> Iterator[EncodedTriple]:
    iri = _iri(minter.article(duplicate.id))
    yield from article_metadata(duplicate, iri, minter)
    yield iri, _KG.duplicateOf, _iri(minter.article(original_id))


def article_metadata(record: Article, iri: Encoded, minter: IriMinter) -> Iterator[EncodedTriple]:
    """The `schema:NewsArticle` node: id, headline, canonical URL, date, outlet, authors."""
    yield iri, _TYPE, _SDO.NewsArticle
    yield iri, _SDO.identifier, _text(record.id)
    if record.title:
        yield iri, _SDO.headline, _text(record.title)
    if record.url:
        yield iri, _SDO.url, _typed(record.url, _XSD_ANY_URI)
    if record.date:
        yield iri, _SDO.datePublished, _typed(record.date, _XSD_DATE)
    if record.source:
        publisher = _iri(minter.publisher(record.source))
        yield iri, _SDO.publisher, publisher
        yield publisher, _TYPE, _SDO.Organization
        yield publisher, _SDO.name, _text(record.source)
    yield from author_lines(record, iri, minter)


def date_triples(node: Node, span: DateSpan | None) -> Iterator[Triple]:
    """The days a time argument names (`date_lines`) as rdflib triples."""
    return decoded(date_lines(_node(node), span))


def date_lines(node: Encoded, span: DateSpan | None) -> Iterator[EncodedTriple]:
    """The days a time argument names (`kgbuild.dates.v1`, dated by ingest from the article's date).

    One day is `kg:date`; a period ("last month") is `kg:startDate` and `kg:endDate`,
    both inclusive. The words as written stay in `kg:value`.
    """
    if span is None:
        return
    if span.day is not None:
        yield node, _KG.date, _typed(span.day.isoformat(), _XSD_DATE)
    else:
        yield node, _KG.startDate, _typed(span.start.isoformat(), _XSD_DATE)
        yield node, _KG.endDate, _typed(span.end.isoformat(), _XSD_DATE)
