"""The exported graph is portable: every packaged query gives `kgbuild query`'s answers after
a plain `oxigraph load` of graph.nq or graph.trig (no union-default-graph mode), and after
`kgbuild push` to a real `oxigraph serve`.

The build has several articles that share entities (Russia, Ukraine, Time Warner ...), so
an answer counted once per named graph instead of once would show."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from oxigraph_server import OxigraphServer, oxigraph_binary

pytestmark = pytest.mark.model

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
QUERIES = sorted((REPO / "queries").glob("*.rq"))
#: Articles sharing entities with each other; none held out (see tests/data/README).
BBC_IDS = ("bbc-business-001", "bbc-business-007", "bbc-politics-054")


def run(*command: str, **options) -> subprocess.CompletedProcess:
    completed = subprocess.run(list(command), capture_output=True, text=True, cwd=REPO, timeout=600, **options)
    assert completed.returncode == 0, completed.stderr
    return completed


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    corpus = SHARED / "corpora" / "bbc" / "articles.jsonl"
    if not corpus.is_file():
        pytest.skip(f"{corpus} is missing")
    folder = tmp_path_factory.mktemp("portable")
    chosen = [line for line in corpus.read_text(encoding="utf-8").splitlines()
              if json.loads(line)["id"] in BBC_IDS]
    assert len(chosen) == len(BBC_IDS)
    (folder / "bbc.jsonl").write_text("\n".join(chosen) + "\n", encoding="utf-8")
    out = folder / "out"
    run(sys.executable, "-m", "kgbuild", "build", str(REPO / "seeds"), str(folder / "bbc.jsonl"), "-o", str(out))
    return out


@pytest.fixture(scope="module")
def kgbuild_answers(built):
    return {query.stem: rows(run(sys.executable, "-m", "kgbuild", "query", str(built), "-f", str(query),
                                 "--format", "json").stdout) for query in QUERIES}


def rows(results_json: str) -> Counter:
    """SPARQL results JSON as a multiset of rows; blank nodes compared as blank nodes only
    (their labels are the loader's own)."""
    answer = json.loads(results_json)
    found: Counter = Counter()
    for binding in answer["results"]["bindings"]:
        found[tuple(sorted((name, value["type"], "" if value["type"] == "bnode" else value["value"],
                            value.get("datatype", ""), value.get("xml:lang", ""))
                           for name, value in binding.items()))] += 1
    return found


def test_the_build_has_answers_to_compare(kgbuild_answers):
    assert len(kgbuild_answers) >= 10
    empty = [name for name, found in kgbuild_answers.items() if not found]
    assert empty == [], f"packaged queries without an answer on the build: {empty}"


@pytest.mark.parametrize("export", ["graph.nq", "graph.trig"])
def test_a_plain_oxigraph_load_answers_every_packaged_query_as_kgbuild_does(built, kgbuild_answers, export,
                                                                           tmp_path):
    binary = oxigraph_binary()
    location = tmp_path / "oxigraph"
    run(binary, "load", "--location", str(location), "--file", str(built / export))
    differing = {}
    for query in QUERIES:
        answer = run(binary, "query", "--location", str(location), "--query-file", str(query),
                     "--results-format", "json").stdout
        found = rows(answer)
        if found != kgbuild_answers[query.stem]:
            differing[query.stem] = (sum(found.values()), sum(kgbuild_answers[query.stem].values()))
    assert differing == {}, f"(rows after the load, rows from kgbuild query) per query: {differing}"


def test_after_kgbuild_push_the_server_answers_every_packaged_query_as_kgbuild_does(built, kgbuild_answers,
                                                                                  tmp_path):
    server = OxigraphServer(tmp_path / "server")
    try:
        run(sys.executable, "-m", "kgbuild", "push", str(built), "--endpoint", server.store_url)
        differing = {}
        for query in QUERIES:
            found = rows(server.query(query.read_text(encoding="utf-8")).decode())
            if found != kgbuild_answers[query.stem]:
                differing[query.stem] = (sum(found.values()), sum(kgbuild_answers[query.stem].values()))
        assert differing == {}, f"(rows on the server, rows from kgbuild query) per query: {differing}"
    finally:
        server.stop()
