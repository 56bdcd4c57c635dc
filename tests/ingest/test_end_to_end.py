"""Real inputs through `kgbuild build` and `kgbuild extract`: what a user sees and gets."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from kgbuild.graph import vocab
from kgbuild.graph.vocab import KG

pytestmark = pytest.mark.model

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data" / "ingest"
BASE = "https://w3id.org/kgbuild/id/"


def kgbuild(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kgbuild", *args], capture_output=True, text=True,
                          cwd=REPO, timeout=300)


def test_build_of_a_saved_page_puts_headline_author_and_date_into_the_graph(tmp_path):
    completed = kgbuild("build", str(DATA / "aljazeera-moon-landers.html"), "-o", str(tmp_path))

    assert completed.returncode == 0, completed.stderr
    assert completed.stderr == ""
    graph = Graph().parse(tmp_path / "graph.ttl")
    article = URIRef(BASE + "article/aljazeera-moon-landers")
    assert graph.value(article, vocab.SDO.headline) == Literal("NASA’s commercial moon shot: Musk's and Bezos's firms to bid")
    assert graph.value(article, vocab.SDO.datePublished) == Literal("2019-11-19", datatype=vocab.XSD.date)
    author = graph.value(article, vocab.SDO.author)
    assert graph.value(author, vocab.SDO.name) == Literal("Laura Winter")
    assert graph.value(graph.value(article, vocab.SDO.publisher), vocab.SDO.name) == Literal("Al Jazeera")
    assert str(graph.value(article, vocab.SDO.url)).startswith("https://www.aljazeera.com/ajimpact/")
    # "NASA on Monday enlisted ...": Monday before the article's Tuesday, 19 November 2019.
    monday = [node for node in graph.subjects(KG.value, Literal("Monday"))]
    assert monday and all(graph.value(node, KG.date) == Literal("2019-11-18", datatype=vocab.XSD.date)
                          for node in monday)
    sentences = " ".join(str(o) for o in graph.objects(None, URIRef(
        "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#anchorOf")))
    assert "Skip to" not in sentences and "Follow Al Jazeera" not in sentences


def test_mixed_folder_builds_what_it_can_and_reports_the_rest_one_line_each(tmp_path):
    completed = kgbuild("build", str(DATA), "-o", str(tmp_path / "out"))

    assert completed.returncode == 0, completed.stderr
    warnings = completed.stderr.strip().splitlines()
    assert len(warnings) == 4, completed.stderr
    expected = {
        "broken-download.html": "no article text found",
        "script-only.html": "no article text found",
        "reuters-sample.csv": 'no "text" column',
        "udhr-article-1-5.de.txt (de)": "2 articles not in the pipeline's language 'en' skipped",
    }
    for name, problem in expected.items():
        [line] = [w for w in warnings if name in w]
        assert problem in line
    assert "udhr-article-1-5.fr.txt (fr)" in completed.stderr
    assert "Traceback" not in completed.stderr
    assert "4 articles" in completed.stdout and "1 duplicate built once" in completed.stdout

    graph = Graph().parse(tmp_path / "out" / "graph.ttl")
    copy, first = URIRef(BASE + "article/bbc-business-253"), URIRef(BASE + "article/bbc-business-007")
    assert graph.value(copy, KG.duplicateOf) == first
    assert graph.value(copy, vocab.SDO.identifier) == Literal("bbc-business-253")
    assert not list(graph.subjects(vocab.SDO.isPartOf, copy))  # its text is built once, as the first's


def test_csv_columns_are_named_on_the_command_line():
    completed = kgbuild("extract", str(DATA / "reuters-sample.csv"), "--id-field", "newid",
                        "--title-field", "headline", "--text-field", "body", "--date-field", "published")

    assert completed.returncode == 0, completed.stderr
    records = [json.loads(line) for line in completed.stdout.splitlines()]
    assert {r["article"] for r in records} == {"63", "320", "645"}
    assert any("Wilson" in r["subject"] for r in records)
