"""Article metadata in RDF without a model: authors, duplicates, and dates of time arguments."""

from __future__ import annotations

from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef

from kgbuild.graph import IriMinter
from kgbuild.graph import vocab
from kgbuild.graph.vocab import KG
from kgbuild.graph import writer
from kgbuild.graph.writer import date_triples, duplicate_triples
from kgbuild.ingest.authors import with_author_kinds
from kgbuild.ingest.dates import resolve_date
from kgbuild.types import Article

SHAPES = Path(__file__).resolve().parents[2] / "ontologies" / "kgbuild-shapes.ttl"
MINTER = IriMinter("https://example.org/kg/")


def author_triples(record: Article, article: URIRef, minter: IriMinter):
    """A byline's triples as a build makes them: ingest tells organisations from people, the
    graph stage writes what it was told."""
    return writer.author_triples(with_author_kinds(record), article, minter)


def time_triples(node, text: str, published: str | None, *, future: bool = False):
    """A time argument's triples as a build makes them: ingest dates the words from the
    article's date, the graph stage writes the days."""
    return date_triples(node, resolve_date(text, published, future=future))


def graph_of(*triple_sets) -> Graph:
    graph = Graph()
    for triples in triple_sets:
        for triple in triples:
            graph.add(triple)
    return graph


def test_authors_are_people_or_organisations_shared_across_articles():
    first = Article(id="a", text="x", authors=("Lisa Mascaro", "Associated Press"))
    second = Article(id="b", text="y", authors=("Lisa Mascaro",))

    graph = graph_of(author_triples(first, MINTER.article("a"), MINTER),
                     author_triples(second, MINTER.article("b"), MINTER))

    mascaro = URIRef("https://example.org/kg/author/lisa-mascaro")
    agency = URIRef("https://example.org/kg/author/associated-press")
    assert set(graph.subjects(vocab.SDO.author, mascaro)) == {MINTER.article("a"), MINTER.article("b")}
    assert (mascaro, vocab.RDF.type, vocab.SDO.Person) in graph
    assert (mascaro, vocab.SDO.name, Literal("Lisa Mascaro")) in graph
    assert (agency, vocab.RDF.type, vocab.SDO.Organization) in graph


def test_a_duplicate_keeps_its_own_metadata_and_points_to_the_first():
    copy = Article(id="bbc-business-253", text="", title="Jobs growth still slow in the US", source="BBC",
                   date="2005-02-04", authors=("Staff Reports",))

    graph = graph_of(duplicate_triples(copy, "bbc-business-007", MINTER))

    node = MINTER.article("bbc-business-253")
    assert (node, vocab.RDF.type, vocab.SDO.NewsArticle) in graph
    assert (node, vocab.SDO.identifier, Literal("bbc-business-253")) in graph
    assert (node, vocab.SDO.headline, Literal("Jobs growth still slow in the US")) in graph
    assert (node, vocab.SDO.datePublished, Literal("2005-02-04", datatype=vocab.XSD.date)) in graph
    assert (node, KG.duplicateOf, MINTER.article("bbc-business-007")) in graph
    assert (node, vocab.SDO.author, URIRef("https://example.org/kg/author/staff-reports")) in graph


def test_time_argument_gets_the_day_or_the_period_it_names():
    node = BNode("t")

    day = set(time_triples(node, "Sunday", "2022-03-14"))
    month = set(time_triples(node, "last month", "2022-03-14"))
    future = set(time_triples(node, "Sunday", "2022-03-14", future=True))

    assert day == {(node, KG.date, Literal("2022-03-13", datatype=vocab.XSD.date))}
    assert month == {(node, KG.startDate, Literal("2022-02-01", datatype=vocab.XSD.date)),
                     (node, KG.endDate, Literal("2022-02-28", datatype=vocab.XSD.date))}
    assert future == {(node, KG.date, Literal("2022-03-20", datatype=vocab.XSD.date))}
    assert set(time_triples(node, "Sunday", None)) == set()  # no publication date, no guess
    assert set(time_triples(node, "the war", "2022-03-14")) == set()


def test_metadata_and_dates_conform_to_the_shapes():
    from pyshacl import validate

    original = Article(id="a", text="x")
    argument = BNode("arg")
    graph = graph_of(
        [(MINTER.article("a"), vocab.RDF.type, vocab.SDO.NewsArticle), (MINTER.article("a"), vocab.SDO.identifier, Literal("a")),
         (argument, vocab.RDF.type, KG.TimeArgument), (argument, KG.role, Literal("time")),
         (argument, KG.value, Literal("last month"))],
        author_triples(Article(id="a", text="x", authors=("Anna Field",)), MINTER.article("a"), MINTER),
        duplicate_triples(Article(id="b", text="", title="Copy"), original.id, MINTER),
        time_triples(argument, "last month", "2022-03-14"),
    )

    conforms, _, report = validate(graph, shacl_graph=Graph().parse(SHAPES), inference="none")
    assert conforms, report

    graph.add((argument, KG.date, Literal("March", datatype=vocab.XSD.string)))
    conforms, _, _ = validate(graph, shacl_graph=Graph().parse(SHAPES), inference="none")
    assert not conforms
