"""Each example query of queries/ answers what its comment promises, on the seed graph."""

from __future__ import annotations

import pytest

from kgbuild.query import packaged_queries

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def queries():
    return packaged_queries()


def test_at_least_five_documented_queries_ship(queries):
    assert {"who-said-what", "what-did-entity", "facts-about-place", "denials-and-negations",
            "sources-of-statement"} <= set(queries)
    assert all(text.lstrip().startswith("#") for text in queries.values())


def test_who_said_what_has_borrell_and_the_civilians_claim(seed_build, queries):
    graph, _ = seed_build
    result = graph.query(queries["who-said-what"])
    rows = [dict(zip(result.variables, map(str, row))) for row in result]
    borrell = [r for r in rows if r["speaker"] == "Josep Borrell"]
    assert any("2,400 civilians" in r["claim"] and "killed" in r["claim"] for r in borrell)
    assert any(r["speaker"] == "NATO" and "personnel" in r["claim"] and r["claim"].startswith("NOT ") for r in rows)
    assert any(r["speaker"] == "Volodymyr Zelensky" and "We must fight" in r["claim"] for r in rows)


def test_what_did_entity_takes_the_name_as_a_binding(seed_build, queries):
    graph, _ = seed_build
    result = graph.query(queries["what-did-entity"], bindings={"name": "Reuters"})
    assert set(result.column("name")) == {"Reuters"}
    assert sorted(zip(result.column("relation"), result.column("negated"), result.column("asserted"))) == [
        ("verify", "true", "false"), ("verify", "true", "false")]
    hostile = graph.query(queries["what-did-entity"], bindings={"name": '" } ; DROP ALL ; #'})
    assert len(hostile) == 0


def test_facts_about_a_place_include_arguments(seed_build, queries):
    graph, _ = seed_build
    result = graph.query(queries["facts-about-place"], bindings={"place": "Mariupol"})
    assert set(result.column("place")) == {"Mariupol"}
    assert "be" in result.column("relation")  # "the Ukrainian port Mariupol"


def test_denials_and_negations(seed_build, queries):
    graph, _ = seed_build
    result = graph.query(queries["denials-and-negations"])
    rows = set(zip(result.column("kind"), result.column("subject"), result.column("relation")))
    assert ("denied", "Russia", "target") in rows
    assert ("negated", "Reuters", "verify") in rows
    assert ("negated", "Russian troops", "enter") in rows


def test_sources_of_a_statement_point_to_sentence_article_and_extractor(seed_build, queries):
    graph, _ = seed_build
    result = graph.query(queries["sources-of-statement"], bindings={"subject": "NATO"})
    assert len(result) >= 1
    row = dict(zip(result.variables, map(str, result.rows[0])))
    assert row["sentence"].startswith("The base has hosted military instructors but NATO said")
    assert row["article"] == "ukraine-war-2022-03-14"
    assert row["extractor"] == "kgbuild.clauses.v1"
    assert int(row["end"]) - int(row["begin"]) == len(row["sentence"])


def test_top_entities_count_people_once(seed_build, queries):
    graph, _ = seed_build
    result = graph.query(queries["top-entities"])
    names = result.column("name")
    assert len(names) == len(set(names))
    assert "Josep Borrell" in names and "Borrell" not in names
