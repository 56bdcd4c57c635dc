"""A reported claim never loses its speaker: "The company said ..." keeps "The company" as
the speaker (kg:attributedTo, an unresolved phrase node) when resolution cannot tell which
company it is; only a pronoun ("she said") is left without a speaker node."""

from __future__ import annotations

from dataclasses import replace

import pytest
from rdflib import Literal
from rdflib.namespace import RDF, RDFS

from kgbuild.graph.vocab import KG

from resolve.records import ArticleRecords  # tests/ is on the path (rootdir-relative packages)
from resolve.test_unresolved_in_graph import graph_of


def _company_said() -> ArticleRecords:
    records = ArticleRecords("Nordbank will buy Vestfirm. The company said the price was fair.")
    records.entity("Nordbank", "ORG", subject=True)
    records.entity("Vestfirm", "ORG")
    company = records.phrase("The company", "company")
    price = records.phrase("the price", "price")
    fair = records.phrase("fair", "fair")
    speech = records.statement(company, "say", None, rule="kgbuild.clauses.v1#attribution")
    claim = records.statement(price, "be", fair)
    records.statements[claim.index] = replace(claim, reported_by=speech.index)
    records.statements[speech.index] = replace(speech, object_statement=claim.index)
    return records


def test_an_unresolved_generic_speaker_stays_the_speaker():
    graph = graph_of(_company_said())
    claim = next(st for st in graph.subjects(KG.unresolved, Literal("The company"))
                 if graph.value(st, KG.reportedBy) is not None)
    speaker = graph.value(claim, KG.attributedTo)
    assert speaker is not None
    assert graph.value(speaker, RDFS.label) == Literal("The company")
    assert (speaker, RDF.type, KG.UnresolvedMention) in graph  # generic: not an entity
    assert (speaker, RDF.type, KG.Entity) not in graph


@pytest.mark.model
def test_the_company_said_keeps_the_company_as_speaker():
    import kgbuild
    from kgbuild.types import Article

    article = Article(id="generic-speaker", text="Sales fell sharply in March. "
                      "The company said demand was weak.")
    graph = kgbuild.build([article])
    rows = list(graph.query("""
        SELECT ?label WHERE {
          ?st kg:attributedTo ?speaker . ?speaker rdfs:label ?label .
          ?st rdf:predicate ?p . ?p rdfs:label "be" .
        }"""))
    assert [str(row[0]) for row in rows] == ["The company"], rows  # no company named: generic
