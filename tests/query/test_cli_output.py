"""What `kgbuild query` writes where article text lands: a terminal (no control sequence
reaches it raw) and a spreadsheet (no cell runs as a formula unless --raw). The real
command in its own process, over a graph file (no model)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

#: Text an article could hold: an OSC 52 clipboard write, an OSC 8 link, a bell, a colour,
#: a one-byte CSI, a bidirectional override.
HOSTILE = {
    "clipboard": "Kyiv\x1b]52;c;cm0gLXJmIH4K\x07 said",
    "link": "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\",
    "colour": "\x1b[31mred\x1b[0m",
    "csi": "a\x9b2Jb",
    "bidi": "abc\u202edcba",
}
FORMULAS = ["=HYPERLINK(\"https://evil.example\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rCR"]


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli-output") / "graph.nt"
    values = list(HOSTILE.values()) + FORMULAS + ["plain", "3.5"]
    lines = [f"<https://example.org/e{n}> <http://www.w3.org/2000/01/rdf-schema#label> {json.dumps(value)} ."
             for n, value in enumerate(values)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def kgbuild(*args: str) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "kgbuild", *args], capture_output=True, cwd=REPO, timeout=300)
    return subprocess.CompletedProcess(done.args, done.returncode, done.stdout.decode("utf-8"),
                                       done.stderr.decode("utf-8", "replace"))


def _labels(graph_file, *options: str):
    done = kgbuild("query", str(graph_file), "SELECT ?label { ?e rdfs:label ?label } ORDER BY ?label", *options)
    assert done.returncode == 0, done.stderr
    return done


def test_the_table_shows_control_characters_and_sends_none(graph_file):
    out = _labels(graph_file).stdout
    for character in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert character not in out
    assert "Kyiv\\x1b]52;c;cm0gLXJmIH4K\\x07 said" in out
    assert "abc\\u202edcba" in out


def test_csv_cells_that_would_be_formulas_are_neutralised(graph_file):
    rows = list(csv.reader(io.StringIO(_labels(graph_file, "--format", "csv").stdout)))
    cells = [row[0] for row in rows[1:]]
    for formula in FORMULAS:
        assert "'" + formula in cells and formula not in cells
    assert "plain" in cells and "3.5" in cells


def test_raw_csv_keeps_every_value_exactly(graph_file):
    rows = list(csv.reader(io.StringIO(_labels(graph_file, "--format", "csv", "--raw").stdout)))
    assert set(FORMULAS) <= {row[0] for row in rows[1:]}


def test_json_keeps_every_value_exactly(graph_file):
    answer = json.loads(_labels(graph_file, "--format", "json").stdout)
    values = {binding["label"]["value"] for binding in answer["results"]["bindings"]}
    assert set(HOSTILE.values()) | set(FORMULAS) <= values


def test_extract_tsv_shows_control_characters_and_sends_none(tmp_path):
    """`extract --format tsv` prints article text (the sentence column): the real pipeline."""
    sentences = tmp_path / "sentences.txt"
    sentences.write_text("Josep Borrell said \x1b]52;c;cm0gLXJmIH4K\x07 Russia attacked the port.\n", encoding="utf-8")
    done = kgbuild("extract", "--sentences", str(sentences), "--format", "tsv")
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stdout and "\x07" not in done.stdout
    assert "\\x1b]52;c;cm0gLXJmIH4K\\x07" in done.stdout
