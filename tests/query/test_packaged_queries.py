"""Each example query of queries/ answers what its comment promises, on the seed graph."""

from __future__ import annotations

import pytest

from kgbuild.extract import EXTRACTOR
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


def test_who_said_what_for_one_speaker(seed_build, queries):
    graph, _ = seed_build
    everyone = rows(graph.query(queries["who-said-what"]))
    borrell = rows(graph.query(queries["who-said-what"], bindings={"speaker": "Josep Borrell"}))
    assert borrell == [row for row in everyone if row["speaker"] == "Josep Borrell"]
    assert [(row["verb"], row["claim"]) for row in borrell] == [
        ("say", "More than 2,400 civilians | be killed in | the southern Ukrainian city of Mariupol"),
        ("say", "more than 2.6 million people | flee | Ukraine")]


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
    assert row["extractor"] == EXTRACTOR  # every rule family, versioned (kgbuild.extract.registry)
    assert int(row["end"]) - int(row["begin"]) == len(row["sentence"])


def test_top_entities_count_people_once(seed_build, queries):
    graph, _ = seed_build
    result = graph.query(queries["top-entities"])
    names = result.column("name")
    assert len(names) == len(set(names))
    assert "Josep Borrell" in names and "Borrell" not in names


# ── the query library: timelines, contradictions, sources, articles, co-occurrence ──────

@pytest.fixture(scope="module")
def two_articles():
    """Two dated articles on one strike: one states it, the other denies and negates it."""
    import kgbuild
    from kgbuild import Article

    return kgbuild.build([
        Article(id="later", title="Strike on hospital", date="2022-03-14",
                text="Russia attacked the hospital on Sunday. NATO said it had no personnel in Ukraine."),
        Article(id="earlier", title="Kremlin denies strike", date="2022-03-12",
                text="Russia did not attack the hospital. The Kremlin denied that Russia attacked the hospital. "
                     "Josep Borrell said Russia attacked the hospital."),
    ])


def rows(result) -> list[dict[str, str]]:
    return [dict(zip(result.variables, ("" if v is None else str(v) for v in row))) for row in result]


def test_every_packaged_query_is_documented_in_the_readme(queries):
    readme = (__import__("pathlib").Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for name in queries:
        assert f"`{name}.rq`" in readme, name


def test_timeline_of_an_entity_orders_by_date_then_sentence(two_articles, queries):
    timeline = rows(two_articles.query(queries["timeline-of-entity"], bindings={"name": "Russia"}))
    assert {row["name"] for row in timeline} == {"Russia"}
    keys = [(row["date"], row["article"], int(row["position"])) for row in timeline]
    assert keys == sorted(keys) and keys[0][:2] == ("2022-03-12", "earlier") and keys[-1][1] == "later"
    sunday = [row for row in timeline if row["when"]]
    assert sunday and sunday[0]["relation"] == "attack" and "Sunday" in sunday[0]["when"]
    columns = ("date", "article", "position", "when", "subject", "relation", "object", "asserted")
    assert [tuple(row[c] for c in columns) for row in timeline] == [  # one row per statement
        ("2022-03-12", "earlier", "0", "", "Russia", "attack", "the hospital", "false"),
        ("2022-03-12", "earlier", "36", "", "Russia", "attack", "the hospital", "false"),
        ("2022-03-12", "earlier", "90", "", "Russia", "attack", "the hospital", "false"),
        ("2022-03-14", "later", "0", "Sunday", "Russia", "attack", "the hospital", "true")]


def test_timeline_on_the_seed_article_follows_the_text(seed_build, queries):
    graph, _ = seed_build
    timeline = rows(graph.query(queries["timeline-of-entity"], bindings={"name": "Josep Borrell"}))
    positions = [int(row["position"]) for row in timeline]
    assert positions == sorted(positions) and len(positions) >= 2
    assert any("2,400 civilians" in row["object"] for row in timeline)  # what he said, as a claim


def test_who_contradicts_whom_pairs_opposite_sources(two_articles, queries):
    found = rows(two_articles.query(queries["who-contradicts-whom"]))
    pairs = {(row["source"], row["stance"], row["opponent"]) for row in found}
    assert ("Kremlin", "denies", "Josep Borrell") in pairs
    assert ("Kremlin", "denies", "Strike on hospital") in pairs  # the other article states it
    assert ("Kremlin denies strike", "says it did not happen", "Strike on hospital") in pairs
    assert all(row["claim"] == "Russia | attack | the hospital" for row in found)
    assert not any(source == opponent for source, _, opponent in pairs)


def test_who_contradicts_whom_lists_the_seed_denial(seed_build, queries):
    graph, _ = seed_build
    found = rows(graph.query(queries["who-contradicts-whom"]))
    assert any(row["claim"] == "Russia | target | civilians" and row["source"] == "Russia"
               and row["stance"] == "denies" for row in found)


def test_most_cited_sources_counts_attributions(seed_build, queries):
    graph, _ = seed_build
    found = rows(graph.query(queries["most-cited-sources"]))
    counts = {row["source"]: int(row["attributions"]) for row in found}
    assert counts["Mykhailo Podolyak"] == max(counts.values())
    assert counts["Josep Borrell"] >= 2 and counts["NATO"] >= 1
    assert {row["type"] for row in found if row["source"] == "Josep Borrell"} == {"Person"}
    assert [int(row["attributions"]) for row in found] == sorted((int(row["attributions"]) for row in found),
                                                                  reverse=True)


def test_statements_per_article_add_up(two_articles, seed_build, queries):
    found = {row["article"]: row for row in rows(two_articles.query(queries["statements-per-article"]))}
    assert set(found) == {"later", "earlier"}
    columns = ("statements", "facts", "negatedStatements", "reported", "sentences")
    assert {article: tuple(int(row[c]) for c in columns) for article, row in found.items()} == {
        "later": (3, 2, 1, 1, 2), "earlier": (5, 2, 1, 2, 3)}
    assert [row["headline"] for row in rows(two_articles.query(queries["statements-per-article"]))] == [
        "Kremlin denies strike", "Strike on hospital"]  # most statements first
    total = sum(int(row["statements"]) for row in found.values())
    assert total == two_articles.summary.statements
    assert found["earlier"]["date"] == "2022-03-12" and int(found["earlier"]["negatedStatements"]) >= 1
    graph, _ = seed_build
    (seed,) = rows(graph.query(queries["statements-per-article"]))
    assert int(seed["statements"]) == graph.summary.statements
    assert int(seed["facts"]) + int(seed["reported"]) <= int(seed["statements"])


def test_entity_co_occurrence_pairs_entities_of_one_sentence(seed_build, queries):
    graph, _ = seed_build
    found = rows(graph.query(queries["entity-co-occurrence"]))
    pairs = {(row["first"], row["second"]) for row in found}
    assert ("Antony Blinken", "Dmytro Kuleba") in pairs  # "Blinken and his Ukrainian counterpart Kuleba"
    assert all(first < second for first, second in pairs) and len(pairs) == len(found)
    counts = [int(row["sentences"]) for row in found]
    assert counts == sorted(counts, reverse=True)


@pytest.mark.parametrize(("name", "variable"), [("what-did-entity", "name"), ("facts-about-place", "place"),
                                                ("sources-of-statement", "subject"), ("timeline-of-entity", "name"),
                                                ("who-said-what", "speaker")])
def test_documented_parameters_bind_as_values_not_as_substitutions(queries, name, variable):
    """A --param that Oxigraph applies after evaluation scans the whole corpus (seconds on BBC)."""
    import pyoxigraph as ox

    from kgbuild.query.binding import bind_values

    text, substitutions = bind_values(queries[name], {variable: ox.Literal("Russia")})
    assert not substitutions and 'VALUES (?' + variable + ') { ("Russia") }' in text
