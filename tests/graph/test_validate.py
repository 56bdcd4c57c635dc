"""`kgbuild validate`: the SHACL shapes shipped in the package, a report a person can read,
exit 1 on violations."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from kgbuild.errors import KgbuildError
from kgbuild.graph import KnowledgeStore
from kgbuild.graph.validate import shapes_graph, validate
from kgbuild.graph.vocab import KG, RDF, RDFS

REPO = Path(__file__).resolve().parents[2]
ENTITY = URIRef("https://example.org/id/entity/person/x")


def kgbuild(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kgbuild", *args], capture_output=True, text=True, cwd=REPO,
                          timeout=300)


def test_the_shapes_ship_inside_the_package():
    from rdflib.namespace import SH

    shapes = set(shapes_graph().subjects(RDF.type, SH.NodeShape))
    assert {URIRef(f"{KG._NS}StatementShape"), URIRef(f"{KG._NS}EntityShape")} <= shapes


def test_a_broken_graph_gets_a_grouped_readable_report():
    store = KnowledgeStore()
    store.add_triples([(ENTITY, RDF.type, KG.Entity), (ENTITY, RDFS.label, Literal("X")),
                       (ENTITY, RDFS.label, Literal("Y"))])  # two names, no article
    report = validate(store)
    assert not report.conforms
    text = report.to_text()
    assert text.startswith("does not conform: 2 results in 3 triples")
    assert "kg:EntityShape rdfs:label MaxCount (1×)" in text
    assert "kg:EntityShape kg:mentionedIn MinCount (1×)" in text
    assert "<https://example.org/id/entity/person/x>" in text


def test_without_pyshacl_the_message_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "pyshacl", None)
    with pytest.raises(KgbuildError, match=r"pip install 'kgbuild\[validate\]'"):
        validate(KnowledgeStore())


@pytest.mark.model
def test_validate_command_passes_the_seed_graph_and_fails_a_broken_one(seed_build, tmp_path):
    _, out = seed_build
    completed = kgbuild("validate", str(out))
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.startswith("conforms:")
    broken = tmp_path / "broken.ttl"
    broken.write_text((out / "graph.ttl").read_text(encoding="utf-8")
                      + '\n<https://w3id.org/kgbuild/id/entity/organization/nato> '
                        '<http://www.w3.org/2000/01/rdf-schema#label> "North Atlantic Treaty Organization" .\n',
                      encoding="utf-8")
    completed = kgbuild("validate", str(broken))
    assert completed.returncode == 1
    assert "does not conform" in completed.stdout and "organization/nato" in completed.stdout
