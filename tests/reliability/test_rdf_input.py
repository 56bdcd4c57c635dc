"""RDF files given to `query`, `render`, `validate` and `serve` are read without DTD entity
expansion: a "billion laughs" RDF/XML file is refused with one line, in bounded memory."""

from __future__ import annotations

import resource

import pytest

from .payloads import DTD_VARIANTS, billion_laughs
from .process import kgbuild

#: The address space a command may use here: far below what expanding the entities takes
#: (a 3 GB label), far above what kgbuild needs to refuse the file.
MEMORY_LIMIT = 2 * 1024 ** 3

GOOD_RDF_XML = ('<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
                'xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#">\n <rdf:Description '
                'rdf:about="https://example.org/x"><rdfs:label>fine &amp; well</rdfs:label></rdf:Description>\n'
                "</rdf:RDF>\n")


def bounded() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


COMMANDS = {
    "query": lambda path, tmp: ["query", str(path), "SELECT ?label { ?s ?p ?label }"],
    "render": lambda path, tmp: ["render", str(path), "-o", str(tmp / "view.html")],
    "validate": lambda path, tmp: ["validate", str(path)],
    "serve": lambda path, tmp: ["serve", str(path), "--port", "0"],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_billion_laughs_file_is_refused_by_every_command(tmp_path, command):
    path = tmp_path / "laughs.rdf"
    path.write_text(billion_laughs(), encoding="utf-8")
    assert path.stat().st_size < 1024
    completed = kgbuild(*COMMANDS[command](path, tmp_path), timeout=120, preexec_fn=bounded)
    assert completed.returncode == 1, completed.stderr[-500:]
    assert completed.stderr.count("\n") == 1 and "document type or entity declaration" in completed.stderr
    assert str(path) in completed.stderr
    assert not (tmp_path / "view.html").exists()


@pytest.mark.parametrize("index", range(len(DTD_VARIANTS)))
def test_hidden_declarations_are_refused_too(tmp_path, index):
    path = tmp_path / "laughs.owl"
    path.write_text(DTD_VARIANTS[index], encoding="utf-8")
    completed = kgbuild("query", str(path), "SELECT * { ?s ?p ?o }", timeout=120, preexec_fn=bounded)
    assert completed.returncode == 1 and "document type or entity declaration" in completed.stderr


def test_rdf_xml_without_a_dtd_is_read(tmp_path):
    path = tmp_path / "fine.rdf"
    path.write_text(GOOD_RDF_XML, encoding="utf-8")
    completed = kgbuild("query", str(path), "SELECT ?label { ?s ?p ?label }", "--format", "csv", timeout=120)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.splitlines() == ["label", "fine & well"]
