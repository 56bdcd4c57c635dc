"""Records → RDF triples, following the data model in README "Data model".

Each statement is reified (`rdf:Statement` with subject, predicate, object, flags,
arguments and provenance); only those the article itself states as true are also
asserted as plain triples.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from rdflib import Literal, URIRef
from rdflib.term import Node

from kgbuild.graph.iris import IriMinter
from kgbuild.graph.vocab import KG, NIF, PROV, RDF, RDFS, SDO, SKOS, XSD
from kgbuild.types import (Argument, Article, DateSpan, Entity, Mention, MentionKind, Modality, ResolvedArticle,
                           Statement)

Triple = tuple[Node, Node, Node]

#: NER label → schema.org class.
SCHEMA_CLASSES = {
    "PERSON": SDO.Person, "ORG": SDO.Organization, "GPE": SDO.Place, "LOC": SDO.Place,
    "FAC": SDO.Place, "NORP": SDO.Thing, "EVENT": SDO.Event, "WORK_OF_ART": SDO.CreativeWork,
    "LAW": SDO.Legislation, "PRODUCT": SDO.Product, "LANGUAGE": SDO.Language,
}
_MODALITIES = {
    Modality.ASSERTED: KG.Asserted, Modality.HEDGED: KG.Hedged, Modality.POSSIBLE: KG.Possible,
    Modality.FUTURE: KG.Future, Modality.INTENDED: KG.Intended,
}
_ARGUMENT_CLASSES = {"time": KG.TimeArgument, "place": KG.PlaceArgument}
_FACT_PROPERTIES = {"jobTitle": SDO.jobTitle, "age": KG.age, "homeLocation": SDO.homeLocation,
                    "affiliation": SDO.affiliation}


@dataclass(frozen=True)
class Provenance:
    """What made a graph: named on every statement through `prov:wasGeneratedBy`."""

    kgbuild_version: str
    pipeline: str
    extractor: str

    def describe(self) -> str:
        return f"kgbuild {self.kgbuild_version}; {self.pipeline}; {self.extractor}"


def provenance_triples(provenance: Provenance, minter: IriMinter) -> Iterator[Triple]:
    activity = minter.activity(provenance.describe())
    yield activity, RDF.type, PROV.Activity
    yield activity, RDFS.label, Literal(provenance.describe())
    yield activity, KG.kgbuildVersion, Literal(provenance.kgbuild_version)
    yield activity, KG.pipeline, Literal(provenance.pipeline)
    yield activity, KG.extractor, Literal(provenance.extractor)


def article_triples(resolved: ResolvedArticle, provenance: Provenance, minter: IriMinter) -> Iterator[Triple]:
    """Every triple one article contributes: article, sentences, entities, statements, facts."""
    triples = _ArticleTriples(resolved, minter.activity(provenance.describe()), minter)
    yield from triples.article()
    yield from triples.entities()
    yield from triples.resolutions()
    for statement in resolved.extraction.statements:
        yield from triples.statement(statement)
    yield from triples.entity_facts()
    yield from triples.sentences()


class _ArticleTriples:
    """Turns one resolved article into triples, remembering which nodes it has described."""

    def __init__(self, resolved: ResolvedArticle, activity: URIRef, minter: IriMinter) -> None:
        self.resolved = resolved
        self.article_record: Article = resolved.extraction.article
        self.article_id = self.article_record.id
        self.activity = activity
        self.minter = minter
        self.article_iri = minter.article(self.article_id)
        self.entities_by_key: dict[str, Entity] = {e.key: e for e in resolved.entities}
        self.described: set[Node] = set()
        self.used_sentences: set[int] = set()

    def article(self) -> Iterator[Triple]:
        yield from article_metadata(self.article_record, self.article_iri, self.minter)
        yield from self.counts()

    def counts(self) -> Iterator[Triple]:
        """How much the article says and how, on its node (`kg:statementCount` ...).

        They live in the article's named graph, so they come and go with the article, and a
        query over the whole corpus reads one number per article instead of counting
        millions of statement triples.
        """
        statements = self.resolved.extraction.statements
        counts = {
            KG.statementCount: len(statements),
            KG.factCount: sum(1 for s in statements if self.asserted(s)),
            KG.negatedCount: sum(1 for s in statements if s.negated),
            KG.reportedCount: sum(1 for s in statements if s.reported_by is not None),
            KG.sentenceCount: len({s.sentence.index for s in statements}),
        }
        for prop, count in counts.items():
            yield self.article_iri, prop, Literal(count)

    def resolutions(self) -> Iterator[Triple]:
        """Why each name and pronoun was linked to its entity: words, rule, count."""
        text = self.article_record.text
        counts: dict[tuple[str, str, str], int] = {}
        for (start, end), key, rule in self.resolved.links:
            words = " ".join(text[start:end].split())
            counts[(key, words, rule)] = counts.get((key, words, rule), 0) + 1
        for (key, words, rule), count in sorted(counts.items()):
            node = self.minter.resolution(key, self.article_id, words, rule)
            yield self.minter.entity(key), KG.resolution, node
            yield node, RDF.type, KG.Resolution
            yield node, KG.surfaceForm, Literal(words)
            yield node, KG.resolutionRule, Literal(rule)
            yield node, KG.mentionedIn, self.article_iri
            yield node, KG.occurrences, Literal(count)

    def entities(self) -> Iterator[Triple]:
        for entity in self.resolved.entities:
            iri = self.minter.entity(entity.key)
            yield iri, RDF.type, KG.Entity
            yield iri, RDF.type, SCHEMA_CLASSES.get(entity.label_type, SDO.Thing)
            yield iri, RDFS.label, Literal(entity.label)
            for alias in entity.aliases:
                yield iri, SKOS.altLabel, Literal(alias)
            yield iri, KG.mentionedIn, self.article_iri
            if entity.stands_for_government:
                yield iri, KG.standsForGovernment, Literal(True)
            if entity.government_of:
                yield iri, KG.standsForGovernmentOf, self.minter.entity(entity.government_of)

    def asserted(self, statement: Statement) -> bool:
        """Stated as true by the article, with every slot resolved: an unresolved pronoun or
        generic phrase never fills a plain triple (`kg:unresolved`)."""
        slots = [statement.subject] + ([statement.object] if statement.object is not None else [])
        return statement.is_factual and not any(self.resolved.is_unresolved(m) for m in slots)

    def statement(self, statement: Statement) -> Iterator[Triple]:
        iri = self.minter.statement(self.article_id, statement.index)
        for slot in (statement.subject, statement.object):
            if slot is not None and self.resolved.is_unresolved(slot):
                yield iri, KG.unresolved, Literal(slot.text)
        subject = yield from self.node(statement.subject)
        if statement.object_statement is not None:
            obj: Node = self.minter.statement(self.article_id, statement.object_statement)
        elif statement.object is not None:
            obj = yield from self.node(statement.object)
        else:
            obj = KG.NoObject
        predicate = self.minter.relation(statement.relation.key)
        if predicate not in self.described:
            self.described.add(predicate)
            yield predicate, RDF.type, KG.Relation
            yield predicate, RDFS.label, Literal(statement.relation.label)
        yield iri, RDF.type, RDF.Statement
        yield iri, RDF.type, KG.Statement
        yield iri, RDF.subject, subject
        yield iri, RDF.predicate, predicate
        yield iri, RDF.object, obj
        yield iri, KG.confidence, Literal(float(statement.confidence))
        yield iri, KG.negated, Literal(statement.negated)
        yield iri, KG.modality, _MODALITIES[statement.modality]
        asserted = self.asserted(statement)
        yield iri, KG.asserted, Literal(asserted)
        if statement.relation.surface:
            yield iri, KG.relationText, Literal(statement.relation.surface)
        yield iri, KG.extractionRule, Literal(statement.rule)
        if statement.reported_by is not None:
            reporter = self.resolved.extraction.statements[statement.reported_by]
            yield iri, KG.reportedBy, self.minter.statement(self.article_id, reporter.index)
            if self.resolved.is_unresolved(reporter.subject):  # "he said": never a speaker node
                yield iri, KG.unresolved, Literal(reporter.subject.text)
            else:
                speaker = yield from self.node(reporter.subject)
                yield iri, KG.attributedTo, speaker
        for position, argument in enumerate(statement.arguments):
            yield from self.argument(iri, statement.index, position, argument)
        self.used_sentences.add(statement.sentence.index)
        yield iri, PROV.wasDerivedFrom, self.minter.sentence(self.article_id, statement.sentence.index)
        yield iri, PROV.wasGeneratedBy, self.activity
        if asserted and obj != KG.NoObject:
            yield subject, predicate, obj

    def argument(self, statement_iri: URIRef, index: int, position: int, argument: Argument) -> Iterator[Triple]:
        node = self.minter.argument(self.article_id, index, position)
        yield statement_iri, KG.argument, node
        yield node, RDF.type, KG.Argument
        if argument.category in _ARGUMENT_CLASSES:
            yield node, RDF.type, _ARGUMENT_CLASSES[argument.category]
        yield node, KG.role, Literal(argument.role)
        if argument.category == "time":
            yield from date_triples(node, self.resolved.extraction.argument_dates.get((index, position)))
        if argument.value.kind == MentionKind.VALUE:
            yield node, KG.value, Literal(argument.value.text)
        else:
            value = yield from self.node(argument.value)
            yield node, KG.value, value

    def node(self, mention: Mention) -> Iterator[Triple]:
        """The node a mention stands for (its entity, else a phrase node), described once.

        A generator that yields the node's own triples and returns the node.
        """
        key = self.resolved.entity_for(mention)
        if key is not None:
            return self.minter.entity(key)
        unresolved = self.resolved.is_unresolved(mention)
        if mention.kind == MentionKind.QUOTE:
            iri, kind = self.minter.quote(self.article_id, mention.start), KG.Quotation
        elif unresolved:  # a pronoun or generic phrase: one node per occurrence, joining nothing
            iri, kind = self.minter.phrase(self.article_id, f"{mention.text}@{mention.start}"), KG.NounPhrase
        else:
            iri, kind = self.minter.phrase(self.article_id, mention.text), KG.NounPhrase
        if iri not in self.described:
            self.described.add(iri)
            yield iri, RDF.type, kind
            if unresolved:
                yield iri, RDF.type, KG.UnresolvedMention
            yield iri, RDFS.label, Literal(mention.text)
            yield iri, KG.mentionedIn, self.article_iri
        return iri

    def entity_facts(self) -> Iterator[Triple]:
        for fact in self.resolved.extraction.entity_facts:
            key = self.resolved.entity_for(fact.subject)
            if key is None:
                continue
            subject = self.minter.entity(key)
            prop = _FACT_PROPERTIES[fact.attribute]
            if isinstance(fact.value, str):
                value: Node = Literal(int(fact.value)) if fact.attribute == "age" else Literal(fact.value)
            else:
                value = yield from self.node(fact.value)
            yield subject, prop, value

    def sentences(self) -> Iterator[Triple]:
        for sentence in self.resolved.extraction.sentences:
            if sentence.index not in self.used_sentences:
                continue
            iri = self.minter.sentence(self.article_id, sentence.index)
            yield iri, RDF.type, NIF.Sentence
            yield iri, NIF.anchorOf, Literal(sentence.text)
            yield iri, NIF.beginIndex, Literal(sentence.start, datatype=XSD.integer)
            yield iri, NIF.endIndex, Literal(sentence.end, datatype=XSD.integer)
            yield iri, SDO.isPartOf, self.article_iri


# ── Article metadata, duplicates and dates (README "Data model": articles) ─────────────


def author_triples(record: Article, article: URIRef, minter: IriMinter) -> Iterator[Triple]:
    """`schema:author` nodes: one per byline name, shared by every article that names it.

    A name is a `schema:Person`, or a `schema:Organization` when ingest found it to be a desk
    or an agency (`Article.organisation_authors`: "Associated Press"). Author nodes live under
    `author/`, apart from the entities the text mentions: a byline says who wrote, not what
    the article is about.
    """
    for name in record.authors:
        node = minter.author(name)
        yield article, SDO.author, node
        yield node, RDF.type, SDO.Organization if name in record.organisation_authors else SDO.Person
        yield node, SDO.name, Literal(name)


def duplicate_triples(duplicate: Article, original_id: str, minter: IriMinter) -> Iterator[Triple]:
    """The node of an article whose text another one already had, pointing to that one.

    It keeps its own id, headline, date, outlet and authors; its text is built once, as
    the original's (`kg:duplicateOf`).
    """
    iri = minter.article(duplicate.id)
    yield from article_metadata(duplicate, iri, minter)
    yield iri, KG.duplicateOf, minter.article(original_id)


def article_metadata(record: Article, iri: URIRef, minter: IriMinter) -> Iterator[Triple]:
    """The `schema:NewsArticle` node: id, headline, canonical URL, date, outlet, authors."""
    yield iri, RDF.type, SDO.NewsArticle
    yield iri, SDO.identifier, Literal(record.id)
    if record.title:
        yield iri, SDO.headline, Literal(record.title)
    if record.url:
        yield iri, SDO.url, Literal(record.url, datatype=XSD.anyURI)
    if record.date:
        yield iri, SDO.datePublished, Literal(record.date, datatype=XSD.date)
    if record.source:
        publisher = minter.publisher(record.source)
        yield iri, SDO.publisher, publisher
        yield publisher, RDF.type, SDO.Organization
        yield publisher, SDO.name, Literal(record.source)
    yield from author_triples(record, iri, minter)


def date_triples(node: Node, span: DateSpan | None) -> Iterator[Triple]:
    """The days a time argument names (`kgbuild.dates.v1`, dated by ingest from the article's date).

    One day is `kg:date`; a period ("last month") is `kg:startDate` and `kg:endDate`,
    both inclusive. The words as written stay in `kg:value`.
    """
    if span is None:
        return
    if span.day is not None:
        yield node, KG.date, Literal(span.day.isoformat(), datatype=XSD.date)
    else:
        yield node, KG.startDate, Literal(span.start.isoformat(), datatype=XSD.date)
        yield node, KG.endDate, Literal(span.end.isoformat(), datatype=XSD.date)
