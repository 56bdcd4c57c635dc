"""The default view: entities linked by the statements between them, grouped into stories."""

from __future__ import annotations

import pytest

from kgbuild.render import build_view
from kgbuild.render.relations import FAMILIES, edge_label, relation_family

from .graphs import iri, small_graph, synthetic_graph

BORRELL = iri("entity/person/josep-borrell")
MARIUPOL = iri("entity/place/mariupol")
RUSSIA = iri("entity/place/russia")
KYIV = iri("entity/place/kyiv")
UKRAINE = iri("entity/place/ukraine")


@pytest.fixture(scope="module")
def view():
    return build_view(small_graph())


def test_nodes_are_named_entities_and_every_drawn_one_has_a_drawn_edge(view):
    assert view.entity_view
    assert {node.kind for node in view.nodes} <= {"person", "organization", "place", "event", "entity"}
    drawn = {node.id for node in view.nodes if node.drawn}
    ends = {end for edge in view.edges if edge.drawn for end in (edge.source, edge.target)}
    assert drawn == ends  # no lone dot
    assert all(edge.source != edge.target for edge in view.edges)  # no self-loop


def test_a_reported_claim_links_the_speaker_to_its_entities(view):
    """"Borrell said [civilians be killed in Mariupol]": Borrell–Mariupol, with both
    statements behind the link."""
    edge = next(e for e in view.edges if {e.source, e.target} == {BORRELL, MARIUPOL})
    assert edge.drawn and len(edge.statement_ids) >= 1
    summaries = [s.summary for s in view.statements if s.id in edge.statement_ids]
    assert any("say" in summary for summary in summaries), summaries


def test_edge_labels_read_as_written_with_negation(view):
    edge = next(e for e in view.edges if {e.source, e.target} == {RUSSIA, KYIV})
    assert "not" in edge.label and "capture" in edge.label
    assert edge_label("name", "has yet to name", negated=True, modality="asserted") == "has yet to name"
    assert edge_label("attack", None, negated=False, modality="possible") == "may attack"
    assert edge_label("say", "said", negated=False, modality="asserted") == "said"


def test_relations_fall_into_few_families():
    assert len(FAMILIES) + 1 <= 25
    assert relation_family("say") == "speech"
    assert relation_family("attack") == "conflict and violence"
    assert relation_family("seek to discuss") == "aims and plans"
    assert relation_family("xylophone") == "other"


def test_stories_are_named_coloured_and_deterministic(view):
    stories = [c for c in view.communities if c.size > 1]
    assert stories and len({c.color for c in stories}) == len(stories)
    named = {node.label for node in view.nodes if node.community == stories[0].index}
    assert stories[0].name.split(", ")[0] in named
    assert build_view(small_graph()) == view  # seeded: the same communities and layout


def test_max_nodes_keeps_the_strongest_connected():
    graph = synthetic_graph(3000)
    view = build_view(graph, max_nodes=60)
    drawn = [node for node in view.nodes if node.drawn]
    assert len(drawn) <= 60
    ends = {end for edge in view.edges if edge.drawn for end in (edge.source, edge.target)}
    assert {node.id for node in drawn} == ends
    strongest = max(view.nodes, key=lambda node: node.importance)
    assert strongest.drawn  # the hub is in, with its neighbours
    assert any(not node.drawn for node in view.nodes)  # carried for search and expand


def test_heading_names_the_corpus_or_the_article(view):
    assert view.heading.startswith("2 articles")
    assert "2022-03-14" in view.heading


def test_the_statement_graph_is_one_option_away():
    statements = build_view(small_graph(), statements=True)
    assert not statements.entity_view
    assert {"phrase", "claim"} <= {node.kind for node in statements.nodes}
