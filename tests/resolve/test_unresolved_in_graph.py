"""How an unresolved pronoun or generic phrase appears in the graph: a `kg:UnresolvedMention`
node per occurrence, its words in `kg:unresolved` on the statement, never a plain triple's
subject or object, never a speaker (`kg:attributedTo`), never an entity."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS

from kgbuild.graph.iris import IriMinter
from kgbuild.graph.vocab import KG
from kgbuild.graph.writer import Provenance, article_triples, provenance_triples
from kgbuild.resolve import resolve_article

from .records import ArticleRecords

SHAPES = Path(__file__).resolve().parents[2] / "ontologies" / "kgbuild-shapes.ttl"


def graph_of(records: ArticleRecords) -> Graph:
    resolved = resolve_article(records.extraction())
    graph = Graph()
    provenance, minter = Provenance("test", "records", "kgbuild.test"), IriMinter()
    for triple in [*provenance_triples(provenance, minter), *article_triples(resolved, provenance, minter)]:
        graph.add(triple)
    return graph


def two_speakers() -> ArticleRecords:
    """Two women, then "she" (which of them?) and "the company" (two in reach)."""
    records = ArticleRecords("Anna Berg and Maria Lopez visited Nordbank and Vestfirm. She said the talks failed. "
                             "The company denied the report.")
    berg = records.entity("Anna Berg", "PERSON", subject=True)
    records.entity("Maria Lopez", "PERSON", subject=True)
    nordbank = records.entity("Nordbank", "ORG")
    records.entity("Vestfirm", "ORG")
    she = records.pronoun("She")
    talks = records.phrase("the talks", "talks")
    company = records.phrase("The company", "company")
    report = records.phrase("the report", "report")
    records.statement(berg, "visit", nordbank)
    speech = records.statement(she, "say", None, rule="kgbuild.clauses.v1#attribution")
    from dataclasses import replace
    failed = records.statement(talks, "fail", None)
    records.statements[failed.index] = replace(failed, reported_by=speech.index)
    records.statements[speech.index] = replace(speech, object_statement=failed.index)
    records.statement(company, "deny", report)
    return records


def test_an_unresolved_pronoun_is_never_a_speaker_or_an_entity():
    graph = graph_of(two_speakers())
    said = next(graph.subjects(KG.unresolved, Literal("She")))
    node = graph.value(said, RDF.subject)
    assert (node, RDF.type, KG.UnresolvedMention) in graph
    assert (node, RDF.type, KG.Entity) not in graph
    assert graph.value(node, RDFS.label) == Literal("She")
    assert graph.value(said, KG.asserted) == Literal(False)
    reported = next(graph.subjects(KG.reportedBy, said))
    assert graph.value(reported, KG.attributedTo) is None  # no speaker node "She"
    assert (reported, KG.unresolved, Literal("She")) in graph  # but the reader sees who is missing


def test_an_unresolved_generic_phrase_fills_no_plain_triple():
    graph = graph_of(two_speakers())
    denied = next(graph.subjects(KG.unresolved, Literal("The company")))
    subject = graph.value(denied, RDF.subject)
    assert (subject, RDF.type, KG.UnresolvedMention) in graph
    assert not list(graph.triples((subject, None, graph.value(denied, RDF.object))))
    # the resolved statement is still a plain fact
    assert len([t for t in graph if str(t[1]).endswith("/visit")]) == 1


def test_the_same_generic_words_twice_are_two_nodes():
    records = ArticleRecords("Nordbank will buy Vestfirm. The company denied it. The company said no more.")
    records.entity("Nordbank", "ORG", subject=True)
    records.entity("Vestfirm", "ORG")
    first = records.phrase("The company", "company")
    second = records.phrase("The company", "company", occurrence=1)
    records.statement(first, "deny", None)
    records.statement(second, "say", None)
    graph = graph_of(records)
    nodes = {graph.value(s, RDF.subject) for s in graph.subjects(KG.unresolved, Literal("The company"))}
    assert len(nodes) == 2


def test_a_graph_with_unresolved_mentions_conforms_and_the_shapes_catch_an_asserted_one():
    from pyshacl import validate

    graph = graph_of(two_speakers())
    shapes = Graph().parse(SHAPES)
    conforms, _, report = validate(graph, shacl_graph=shapes, inference="none")
    assert conforms, report
    denied = next(graph.subjects(KG.unresolved, Literal("The company")))
    graph.set((denied, KG.asserted, Literal(True)))
    conforms, _, report = validate(graph, shacl_graph=shapes, inference="none")
    assert not conforms and "UnresolvedStatementShape" in report


@pytest.mark.model
def test_a_real_sentence_whose_she_has_no_antecedent():
    """A tennis report's wording (bbc-sport-430 style) where no woman is named before "she"."""
    import kgbuild

    text = ("Temperatures in Melbourne reached 40C on Tuesday as the tournament began. "
            "She said the heat had been hard to bear and that she had won it.")
    graph = kgbuild.build([text])
    rows = [(str(words), asserted.toPython()) for _, words, asserted in graph.query("""
        SELECT ?statement ?words ?asserted WHERE { ?statement kg:unresolved ?words ; kg:asserted ?asserted }""")]
    assert ("She", False) in rows
    speakers = {str(row[0]) for row in graph.query("SELECT ?label { ?s kg:attributedTo ?who . ?who rdfs:label ?label }")}
    assert "She" not in speakers
    assert not len(graph.query("SELECT ?who { ?who a kg:UnresolvedMention ; a kg:Entity }"))
    plain = "SELECT ?who {{ ?who a kg:UnresolvedMention . {} FILTER(STRSTARTS(STR(?p), STR(rel:))) }}"
    assert len(graph.query(plain.format("?s ?p ?o ."))) > 0  # the query can see plain triples at all
    assert not len(graph.query(plain.format("?who ?p ?o .")))
    assert not len(graph.query(plain.format("?s ?p ?who .")))
