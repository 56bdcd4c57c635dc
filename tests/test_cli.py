"""The `kgbuild` command as a user runs it: real processes, real files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "ukraine-war-2022-03-14.txt"


def kgbuild(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kgbuild", *args], capture_output=True, text=True,
                          input=stdin, cwd=REPO, timeout=300)


@pytest.mark.parametrize("command", ["build", "extract", "query", "render", "remove", "serve", "push", "validate"])
def test_every_command_explains_itself_with_an_example(command):
    completed = kgbuild(command, "--help")
    assert completed.returncode == 0
    assert "example:" in completed.stdout and f"kgbuild {command}" in completed.stdout


@pytest.mark.model
def test_build_writes_graph_and_view_and_summarises(tmp_path):
    completed = kgbuild("build", str(SEED), "-o", str(tmp_path))
    assert completed.returncode == 0, completed.stderr
    assert "1 article, 31 sentences" in completed.stdout and "statements" in completed.stdout
    assert (tmp_path / "graph.ttl").stat().st_size > 10_000
    assert "<html" in (tmp_path / "graph.html").read_text()


@pytest.mark.model
def test_bad_inputs_are_reported_one_line_each_and_the_rest_is_built(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 owners said prices rose.".encode("latin-1"))
    (tmp_path / "lines.jsonl").write_text('{"id": "a1", "text": "Police arrested two men in Leeds."}\nnot json\n')
    good = tmp_path / "good.txt"
    good.write_text("Storm hits coast\n\nThe storm destroyed the pier on Sunday.\n")
    out = tmp_path / "out"
    completed = kgbuild("build", str(tmp_path / "empty.txt"), str(tmp_path / "binary.txt"),
                        str(tmp_path / "latin1.txt"), str(tmp_path / "lines.jsonl"), str(tmp_path / "missing.txt"),
                        str(good), "-o", str(out))
    assert completed.returncode == 0, completed.stderr
    warnings = completed.stderr.strip().splitlines()
    assert len(warnings) == 5, completed.stderr
    for name in ("empty.txt", "binary.txt", "latin1.txt", "lines.jsonl:2", "missing.txt"):
        assert sum(name in line for line in warnings) == 1, (name, warnings)
    assert "Traceback" not in completed.stderr
    assert "2 articles" in completed.stdout
    assert "pier" in (out / "graph.ttl").read_text()


@pytest.mark.parametrize("base", ["not an iri", "https://example.org/kg\x1b[31m/", "https://example.org/\n/",
                                  "relative/path/", ""])
def test_a_wrong_base_is_refused_at_the_start_in_one_line_with_exit_2(tmp_path, base):
    good = tmp_path / "good.txt"
    good.write_text("Storm hits coast\n\nThe storm destroyed the pier on Sunday.\n")
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01binary")  # would be reported if inputs were read
    out = tmp_path / "out"
    completed = kgbuild("build", str(good), str(tmp_path / "broken.txt"), "-o", str(out), "--base", base)
    assert completed.returncode == 2, completed.stderr
    [line] = completed.stderr.strip().splitlines()
    assert line.startswith("kgbuild: error: --base: Not an absolute IRI") and "\x1b[" not in line
    assert "internal error" not in line and "broken.txt" not in line  # nothing was read
    assert not out.exists()


def test_nothing_buildable_fails_with_one_line_and_writes_nothing(tmp_path):
    (tmp_path / "empty.txt").write_text("   \n")
    completed = kgbuild("build", str(tmp_path / "empty.txt"), "-o", str(tmp_path / "out"))
    assert completed.returncode == 1
    assert "Traceback" not in completed.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.model
def test_extract_carb_keeps_the_sentence_exactly_and_tabs_the_arguments():
    sentence = "The storm destroyed the old pier in Brighton on Sunday ."
    completed = kgbuild("extract", "--sentences", "--format", "carb", "-", stdin=sentence + "\n")
    assert completed.returncode == 0, completed.stderr
    columns = completed.stdout.splitlines()[0].split("\t")
    assert columns[0] == sentence
    assert 0 < float(columns[1]) <= 1
    assert columns[2:5] == ["destroyed", "The storm", "the old pier in Brighton"]
    assert "on Sunday" in columns[5:]


@pytest.mark.model
def test_extract_jsonl_from_stdin_article():
    completed = kgbuild("extract", "-", stdin="Officials said the bridge was not damaged.\n")
    records = [json.loads(line) for line in completed.stdout.splitlines()]
    inner = next(r for r in records if r["relation"] == "be_damage")
    outer = next(r for r in records if r["relation"] == "say")
    assert inner["negated"] and not inner["asserted"] and inner["reported_by"] == outer["index"]
    assert outer["object_statement"] == inner["index"] and outer["subject"] == "Officials"


@pytest.mark.model
def test_query_formats_and_params(seed_build):
    _, out = seed_build
    table = kgbuild("query", str(out), "-f", "queries/who-said-what.rq")
    assert table.returncode == 0, table.stderr
    assert "Josep Borrell" in table.stdout and "2,400 civilians" in table.stdout
    as_json = json.loads(kgbuild("query", str(out / "graph.ttl"), "SELECT ?n { ?e a schema:Person ; rdfs:label ?n }",
                                 "--format", "json").stdout)
    names = {b["n"]["value"] for b in as_json["results"]["bindings"]}
    assert {"Josep Borrell", "Mykhailo Podolyak", "Antony Blinken"} <= names
    csv = kgbuild("query", str(out), "-f", "queries/what-did-entity.rq", "--param", "name=NATO", "--format", "csv")
    assert csv.stdout.splitlines()[0].startswith("name,relation")
    assert all(line.startswith("NATO,") for line in csv.stdout.splitlines()[1:])


def test_query_errors_are_one_line(tmp_path):
    completed = kgbuild("query", str(tmp_path / "nope.ttl"), "SELECT * {}")
    assert completed.returncode == 1 and completed.stderr.count("\n") == 1 and "nope.ttl" in completed.stderr
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .\n")
    completed = kgbuild("query", str(bad), "SELECT * {}")
    assert completed.returncode == 1 and "bad.ttl" in completed.stderr and "Traceback" not in completed.stderr


@pytest.mark.model
def test_render_draws_an_existing_graph(seed_build, tmp_path):
    _, out = seed_build
    completed = kgbuild("render", str(out / "graph.ttl"), "-o", str(tmp_path / "view.html"))
    assert completed.returncode == 0, completed.stderr
    assert "Josep Borrell" in (tmp_path / "view.html").read_text()


@pytest.mark.model
def test_carb_output_has_appositions_and_titles_as_is_tuples():
    sentence = "Mayor Ann Lee opened the bridge , a steel arch , on Friday ."
    completed = kgbuild("extract", "--sentences", "--format", "carb", "-", stdin=sentence + "\n")
    tuples = {tuple(line.split("\t")[2:5]) for line in completed.stdout.splitlines()}
    assert ("is", "Ann Lee", "Mayor") in tuples
    assert ("be", "the bridge", "a steel arch") in tuples


@pytest.mark.model
def test_build_into_a_store_then_rerun_query_and_remove(tmp_path):
    store = tmp_path / "news.db"
    first = kgbuild("build", str(SEED), "--store", str(store))
    assert first.returncode == 0, first.stderr
    assert "1 article, 31 sentences" in first.stdout and f"store {store} (1 article," in first.stdout
    again = kgbuild("build", str(SEED), "--store", str(store))
    assert again.returncode == 0 and "0 articles" in again.stdout and "1 article unchanged" in again.stdout
    names = kgbuild("query", "--store", str(store), "SELECT ?n { ?e a schema:Person ; rdfs:label ?n }",
                    "--format", "csv")
    assert names.returncode == 0 and "Josep Borrell" in names.stdout
    turtle = kgbuild("query", "--store", str(store), "DESCRIBE ?e { ?e rdfs:label 'NATO' }", "--format", "turtle")
    assert turtle.returncode == 0 and "@prefix kg:" in turtle.stdout and '"NATO"' in turtle.stdout
    table_only = kgbuild("query", "--store", str(store), "SELECT * { ?s ?p ?o } LIMIT 1", "--format", "turtle")
    assert table_only.returncode == 1 and "CONSTRUCT" in table_only.stderr
    removed = kgbuild("remove", "--store", str(store), "ukraine-war-2022-03-14")
    assert removed.returncode == 0 and "0 articles, 0 triples left" in removed.stdout
    missing = kgbuild("remove", "--store", str(store), "ukraine-war-2022-03-14")
    assert missing.returncode == 1 and "holds no article" in missing.stderr


def test_query_refuses_service_unless_allowed_and_needs_one_graph(tmp_path):
    graph = tmp_path / "g.ttl"
    graph.write_text("<http://example.org/a> <http://example.org/b> 'c' .\n")
    refused = kgbuild("query", str(graph), "SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert refused.returncode == 1 and "--allow-service" in refused.stderr and refused.stderr.count("\n") == 1
    both = kgbuild("query", "--store", str(tmp_path), str(graph), "SELECT * {}")
    assert both.returncode == 2 and "not both" in both.stderr
    no_store = kgbuild("query", "--store", str(tmp_path / "none"), "SELECT * {}")
    assert no_store.returncode == 1 and "kgbuild build INPUT --store" in no_store.stderr


@pytest.mark.model
def test_serve_answers_queries_until_stopped(seed_build):
    import signal
    import threading
    import urllib.parse
    import urllib.request

    _, out = seed_build
    server = subprocess.Popen([sys.executable, "-m", "kgbuild", "serve", str(out), "--port", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
    first_line: list[str] = []
    reader = threading.Thread(target=lambda: first_line.append(server.stdout.readline()), daemon=True)
    reader.start()
    reader.join(timeout=120)
    try:
        assert first_line and "serving" in first_line[0], server.stderr.read() if server.poll() is not None else ""
        url = next(word for word in first_line[0].split() if word.startswith("http://") and word.endswith("/sparql"))
        query = urllib.parse.urlencode({"query": "SELECT ?n { ?e a schema:Person ; rdfs:label ?n }"})
        with urllib.request.urlopen(urllib.request.Request(f"{url}?{query}", headers={"Accept": "text/csv"}),
                                    timeout=30) as response:
            assert "Josep Borrell" in response.read().decode()
    finally:
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=30) == 0


# ── Shell habits (issue 18, point 5) ───────────────────────────────────────────────────

@pytest.mark.model
def test_options_may_follow_the_positional_arguments(seed_build):
    _, out = seed_build
    completed = kgbuild("query", str(out), "--format", "csv", "SELECT ?n { ?e a schema:Person ; rdfs:label ?n }")
    assert completed.returncode == 0, completed.stderr
    rows = completed.stdout.splitlines()
    assert rows[0] == "n" and "Josep Borrell" in rows[1:]


@pytest.mark.model
def test_dash_o_dash_writes_n_quads_to_stdout_for_another_tool(tmp_path):
    import shutil

    completed = subprocess.run([sys.executable, "-m", "kgbuild", "build", str(SEED), "-o", "-"], capture_output=True,
                               cwd=tmp_path, timeout=300)
    assert completed.returncode == 0, completed.stderr
    assert not (tmp_path / "-").exists() and not (tmp_path / "out").exists()
    assert b"1 article, 31 sentences" in completed.stderr and b"stdout (N-Quads)" in completed.stderr
    oxigraph = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    store = tmp_path / "store"
    loaded = subprocess.run([oxigraph, "load", "--location", str(store), "--format", "nq"], input=completed.stdout,
                            capture_output=True, timeout=300)
    assert loaded.returncode == 0, loaded.stderr
    import pyoxigraph as ox

    names = list(ox.Store.read_only(str(store)).named_graphs())
    assert len(names) == 1 and names[0].value.endswith("/article/ukraine-war-2022-03-14/graph")


@pytest.mark.model
def test_extract_tsv_starts_with_a_header_row():
    completed = kgbuild("extract", str(SEED), "--format", "tsv")
    assert completed.returncode == 0, completed.stderr
    header, first, *_ = completed.stdout.splitlines()
    assert header.split("\t") == ["article", "index", "subject", "relation", "object", "negated", "modality",
                                  "asserted", "confidence", "sentence"]
    assert first.split("\t")[0] == "ukraine-war-2022-03-14" and len(first.split("\t")) == 10


@pytest.mark.dask
@pytest.mark.model
def test_dask_local_keeps_distributed_s_log_off_stderr(tmp_path):
    pytest.importorskip("distributed")
    completed = kgbuild("build", str(SEED), "-o", str(tmp_path / "out"), "--dask", "local", "--jobs", "2")
    assert completed.returncode == 0, completed.stderr
    assert completed.stderr == ""  # was ~30 lines of scheduler, nanny and worker INFO
    assert completed.stdout.startswith("1 article, 31 sentences")
