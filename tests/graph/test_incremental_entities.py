"""Corpus merges across builds into one store: an entity named in full by an earlier build
takes the short names of a later one, as if both had been built together."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

import kgbuild
from kgbuild import Article, KnowledgeGraph
from kgbuild.resolve.entities import RULES

pytestmark = pytest.mark.model

FULL = Article(id="full", title="Borrell in Kyiv",
               text="EU foreign policy chief Josep Borrell visited Kyiv on Monday. He met the prime minister.")
SURNAME = Article(id="surname", title="Borrell warns Moscow",
                  text="Mr Borrell warned Moscow against further attacks. The talks in Brussels ended on Friday.")
BORRELL = "https://w3id.org/kgbuild/id/entity/person/josep-borrell"


def dump(path) -> list[str]:
    with KnowledgeGraph.open_store(path) as graph:
        text = graph.store.oxigraph.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8")
    return sorted(text.splitlines())


def build_into(path, articles) -> None:
    kgbuild.build(articles, store=path).close()


def test_a_surname_in_a_later_build_joins_the_full_name_stored_earlier(tmp_path):
    store = tmp_path / "store"
    build_into(store, [FULL])
    build_into(store, [SURNAME])
    with KnowledgeGraph.open_store(store) as graph:
        assert graph.query("ASK { ?e a kg:Entity ; rdfs:label 'Borrell' }").boolean is False
        articles = graph.query("SELECT ?id { <%s> kg:mentionedIn/schema:identifier ?id }" % BORRELL).column("id")
        assert sorted(articles) == ["full", "surname"]
        rules = graph.query("SELECT ?rule { <%s> kg:resolution [ kg:surfaceForm 'Borrell' ; kg:resolutionRule ?rule ] }"
                            % BORRELL).column("rule")
        assert f"{RULES}#corpus-surname" in rules


def test_two_builds_give_the_triples_of_one(tmp_path):
    build_into(tmp_path / "incremental", [FULL])
    build_into(tmp_path / "incremental", [SURNAME])
    build_into(tmp_path / "together", [FULL, SURNAME])
    assert dump(tmp_path / "incremental") == dump(tmp_path / "together")
