"""IRIs built from article text are percent-encoded and stable."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef

from kgbuild.graph.iris import IriMinter
from kgbuild.resolve import entity_key


def test_hostile_names_cannot_break_out_of_an_iri():
    minter = IriMinter()
    iri = minter.entity(entity_key("PERSON", 'Evil> <x> "y" {z}\n#frag'))
    assert all(c not in str(iri) for c in '<>"{}\n# ')
    graph = Graph()
    graph.add((iri, URIRef("https://example.org/p"), Literal("<script>alert(1)</script>")))
    reread = Graph().parse(data=graph.serialize(format="turtle"), format="turtle")
    assert set(reread) == set(graph)


def test_same_name_and_type_give_the_same_iri_in_any_article():
    minter = IriMinter("https://example.org/kg/")
    assert minter.entity(entity_key("ORG", "NATO")) == minter.entity(entity_key("ORG", "the NATO"))
    assert minter.entity(entity_key("ORG", "NATO")) != minter.entity(entity_key("GPE", "NATO"))
    assert str(minter.entity(entity_key("PERSON", "Josep Borrell"))) == "https://example.org/kg/entity/person/josep-borrell"


def test_a_base_that_is_not_an_iri_is_refused():
    with pytest.raises(ValueError, match="Not an absolute IRI"):
        IriMinter("not an iri")
