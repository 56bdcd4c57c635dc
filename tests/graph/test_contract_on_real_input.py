"""The data contract on real input: builds of the seed, a BBC sample, a Reuters sample and
saved web pages conform to kgbuild's SHACL shapes, every node a reader sees has a label with
a word in it, and the packaged timeline keeps each statement's time.

One build of all four kinds (about 15 articles, none held out), validated once."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kgbuild import KnowledgeGraph
from kgbuild.graph.validate import validate

pytestmark = pytest.mark.model

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared" / "corpora"
BBC_IDS = ("bbc-business-001", "bbc-politics-054", "bbc-entertainment-043")
REUTERS_IDS = ("reuters21578-1", "reuters21578-10", "reuters21578-12")
#: Saved pages (none held out) whose builds broke the contract: an entity given two ages
#: (a box score's numbers read as ages), a relation labelled with a quotation mark, phrase
#: nodes of punctuation.
PAGE_IDS = ("c81e134ed49902bcf69b551426b4a346c5a77ae993cac8bda68b5541a664ef4c",
            "f344ca5fb36e130f4344235fa22726f3367e09c211c120f21d9ae92effe902db",
            "1ee91d1fce65e09be8b8d2d29eab771546d98ca2ba5c862941e660e9fec12432",
            "d48aeb9cf2f2ff15769a57513249b4a6a669159f3e50b335e741d4206a824e88")


def _pages() -> list[Path]:
    pages = [SHARED / "html" / "pages" / f"{page_id}.html" for page_id in PAGE_IDS]
    assert all(page.is_file() for page in pages)
    return pages


def _records(corpus: Path, ids: tuple[str, ...], target: Path) -> Path:
    lines = [line for line in corpus.read_text(encoding="utf-8").splitlines() if json.loads(line)["id"] in ids]
    assert len(lines) == len(ids)
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def real_build(tmp_path_factory):
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is missing")
    folder = tmp_path_factory.mktemp("contract")
    inputs = [str(REPO / "seeds"),
              str(_records(SHARED / "bbc" / "articles.jsonl", BBC_IDS, folder / "bbc.jsonl")),
              str(_records(SHARED / "reuters21578" / "articles.jsonl", REUTERS_IDS, folder / "reuters.jsonl")),
              *map(str, _pages())]
    out = folder / "out"
    completed = subprocess.run([sys.executable, "-m", "kgbuild", "build", *inputs, "-o", str(out)],
                               capture_output=True, text=True, cwd=REPO, timeout=600)
    assert completed.returncode == 0, completed.stderr
    graph = KnowledgeGraph.load(out)
    yield graph
    graph.close()


def test_the_build_holds_every_kind_of_input(real_build):
    ids = set(real_build.query("SELECT ?id { ?a a schema:NewsArticle ; schema:identifier ?id }").column("id"))
    assert "ukraine-war-2022-03-14" in ids and set(BBC_IDS) <= ids and set(REUTERS_IDS) <= ids
    assert len(ids) >= 1 + len(BBC_IDS) + len(REUTERS_IDS) + 3


def test_the_build_conforms_to_the_shapes(real_build):
    report = validate(real_build.store)
    assert report.conforms, report.to_text()


def test_every_label_a_reader_sees_holds_a_word(real_build):
    wordless = real_build.query(
        'SELECT DISTINCT ?node ?label { ?node rdfs:label ?label FILTER(!REGEX(STR(?label), "\\\\w")) }')
    assert len(wordless) == 0, [tuple(map(str, row)) for row in wordless]
    unlabelled = real_build.query(
        "SELECT ?entity { ?entity a kg:Entity FILTER NOT EXISTS { ?entity rdfs:label ?label FILTER(STRLEN(?label) > 0) } }")
    assert len(unlabelled) == 0, [str(row[0]) for row in unlabelled]


def test_the_timeline_keeps_a_time_that_is_a_phrase_node(real_build):
    from kgbuild.query import packaged_queries

    # Statements the timeline lists (about an entity, with an object) whose time is a phrase node.
    phrase_times = real_build.query(
        "SELECT ?statement ?label { ?entity a kg:Entity . "
        "?statement rdf:subject|rdf:object|kg:argument/kg:value ?entity ; rdf:object ?target ; "
        "kg:argument ?argument . ?argument a kg:TimeArgument ; kg:value ?value . "
        "?value rdfs:label ?label FILTER(isIRI(?value)) }")
    assert len(phrase_times) > 0  # the build has such times
    timeline = real_build.query(packaged_queries()["timeline-of-entity"])
    whens = [str(when) for when in timeline.column("when") if when is not None]
    for _, label in phrase_times:
        assert any(str(label) in when for when in whens), str(label)
