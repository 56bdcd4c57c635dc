"""The library API a notebook user calls: kgbuild.build and the graph it returns."""

from __future__ import annotations

import pytest
from rdflib import Dataset, Literal

import kgbuild
from kgbuild.errors import InputError, PipelineError
from kgbuild.graph.vocab import KG, REL

pytestmark = pytest.mark.model

TEXTS = [
    "Storm hits coast\n\nThe storm destroyed the old pier in Brighton on Sunday.",
    "Officials said the storm destroyed a lighthouse. The council did not close the beach.",
]


@pytest.fixture(scope="module")
def graph():
    return kgbuild.build(TEXTS)


def test_build_counts_what_went_in(graph):
    assert (graph.summary.articles, graph.summary.sentences) == (2, 3)
    assert graph.summary.statements >= 3


def test_only_facts_become_plain_triples(graph):
    destroyed = {str(row[0]) for row in graph.query(
        "SELECT ?label { ?s rel:destroy ?o . ?o rdfs:label ?label }")}
    assert destroyed == {"the old pier in Brighton"}  # the lighthouse is only reported
    dataset = graph.dataset
    assert isinstance(dataset, Dataset)
    assert (None, REL.close, None) not in dataset
    assert any(dataset.triples((None, KG.negated, Literal(True))))


def test_statement_arguments_keep_their_roles(graph):
    result = graph.query("""
        SELECT ?role ?value { ?st rdf:predicate rel:destroy ; kg:asserted true ;
                                  kg:argument [ kg:role ?role ; kg:value ?node ] .
                              OPTIONAL { ?node rdfs:label ?label }
                              BIND(COALESCE(?label, ?node) AS ?value) }""")
    assert ("on", "Sunday") in {(str(r[0]), str(r[1])) for r in result}


def test_networkx_and_html_views(graph, tmp_path):
    network = graph.to_networkx()
    labels = {data.get("label") for _, data in network.nodes(data=True)}
    assert {"the storm", "the old pier in Brighton"} <= labels
    page = graph.to_html(tmp_path / "view.html")
    assert "the old pier" in page.read_text(encoding="utf-8")


def test_graph_roundtrips_through_files(graph, tmp_path):
    for name in ("graph.ttl", "graph.nq", "graph.jsonld"):
        path = graph.write(tmp_path / name)
        assert len(kgbuild.KnowledgeGraph.load(path)) == len(graph)


def test_a_bad_text_is_reported_and_the_rest_built():
    problems = []
    graph = kgbuild.build(["", "The council closed the beach."], on_error=problems.append)
    assert graph.summary.articles == 1
    assert len(problems) == 1 and isinstance(problems[0], InputError)


def test_unknown_pipeline_is_a_clear_error():
    with pytest.raises(PipelineError, match="no_such_pipeline"):
        kgbuild.build(["A text."], model="no_such_pipeline")


def test_a_base_that_is_no_iri_is_an_input_error_before_any_parse():
    with pytest.raises(InputError, match="Not an absolute IRI: 'not an iri'") as raised:
        kgbuild.build(["The council closed the beach."], base="not an iri")
    assert isinstance(raised.value, ValueError)  # caught as Python's own by code that knows no kgbuild


def test_each_error_is_also_the_matching_built_in():
    from kgbuild.errors import EndpointError, GraphError, KgbuildError, QueryError

    assert [issubclass(error, KgbuildError) for error in (InputError, PipelineError, GraphError, QueryError,
                                                          EndpointError)] == [True] * 5
    assert (issubclass(InputError, ValueError), issubclass(PipelineError, RuntimeError),
            issubclass(GraphError, ValueError), issubclass(QueryError, ValueError),
            issubclass(EndpointError, OSError)) == (True, True, True, True, True)


def test_extract_articles_gives_the_records_of_each_article_without_a_graph():
    problems = []
    resolved = list(kgbuild.extract_articles(["", *TEXTS], on_error=problems.append))
    assert [r.extraction.article.id for r in resolved] == ["text-2", "text-3"]
    assert len(problems) == 1 and isinstance(problems[0], InputError)
    relations = {s.relation.key for r in resolved for s in r.extraction.statements}
    assert {"destroy", "close"} <= relations
    [sunday] = [a for r in resolved for s in r.extraction.statements for a in s.arguments if a.category == "time"]
    assert sunday.value.text == "Sunday"


def test_validate_and_serve_are_calls_on_the_graph_too(graph):
    import threading
    import urllib.parse
    import urllib.request

    report = graph.validate()
    assert report.conforms, report.to_text()
    answers = []

    def ask_then_stop(endpoint) -> None:  # on_ready: the endpoint listens; ask it from a client thread
        def client() -> None:
            try:
                query = urllib.parse.urlencode({"query": "ASK { ?s rel:destroy ?o }"})
                with urllib.request.urlopen(f"{endpoint.url}?{query}", timeout=30) as response:
                    answers.append(response.read())
            finally:
                endpoint._server.shutdown()  # what Ctrl-C does to `kgbuild serve`

        threading.Thread(target=client, daemon=True).start()

    server = threading.Thread(target=graph.serve, kwargs={"port": 0, "on_ready": ask_then_stop}, daemon=True)
    server.start()
    server.join(timeout=120)
    assert not server.is_alive()
    assert len(answers) == 1 and b"true" in answers[0]
