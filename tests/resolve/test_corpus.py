"""Across articles: one node per real thing, never a merge of two different full names."""

from __future__ import annotations

import pytest

from kgbuild.resolve import CorpusIndex
from kgbuild.types import Article, Entity, Extraction, ResolvedArticle


def article_with(*entities: Entity) -> ResolvedArticle:
    extraction = Extraction(article=Article(id="a", text=""), sentences=(), statements=(),
                            entity_facts=(), mentions=())
    return ResolvedArticle(extraction=extraction, entities=entities)


def person(name: str) -> Entity:
    return Entity(key=f"person/{name.lower().replace(' ', '-')}", label=name, label_type="PERSON")


def test_a_surname_joins_the_only_full_name_in_the_corpus():
    index = CorpusIndex()
    index.add(article_with(person("Borrell")))
    index.add(article_with(person("Josep Borrell")))
    [merge] = index.merges()
    assert (merge.source, merge.target) == ("person/borrell", "person/josep-borrell")
    assert merge.rule.endswith("#corpus-surname")


def test_two_full_names_with_one_surname_never_merge():
    index = CorpusIndex()
    for name in ("Tony Blair", "Cherie Blair", "Blair"):
        index.add(article_with(person(name)))
    assert index.merges() == []


def test_an_acronym_joins_its_expansion_and_types_follow_the_majority():
    index = CorpusIndex()
    index.add(article_with(Entity("organization/north-atlantic-treaty-organization",
                                  "North Atlantic Treaty Organization", "ORG")))
    index.add(article_with(Entity("organization/nato", "NATO", "ORG")))
    for _ in range(2):
        index.add(article_with(Entity("place/mariupol", "Mariupol", "GPE")))
    index.add(article_with(Entity("organization/mariupol", "Mariupol", "ORG")))
    merges = {(m.source, m.target) for m in index.merges()}
    assert merges == {("organization/nato", "organization/north-atlantic-treaty-organization"),
                      ("organization/mariupol", "place/mariupol")}


def test_an_acronym_joins_its_expansion_when_articles_disagree_on_the_expansion_type():
    index = CorpusIndex()
    for _ in range(3):
        index.add(article_with(Entity("organization/european-union", "European Union", "ORG")))
    index.add(article_with(Entity("place/european-union", "European Union", "GPE")))
    index.add(article_with(Entity("organization/eu", "EU", "ORG")))
    merges = {(m.source, m.target, m.rule.rsplit("#", 1)[1]) for m in index.merges()}
    assert merges == {("organization/eu", "organization/european-union", "corpus-acronym"),
                      ("place/european-union", "organization/european-union", "corpus-type-vote")}


def test_an_acronym_of_two_different_names_joins_neither():
    index = CorpusIndex()
    index.add(article_with(Entity("organization/european-union", "European Union", "ORG")))
    index.add(article_with(Entity("organization/electrical-union", "Electrical Union", "ORG")))
    index.add(article_with(Entity("organization/eu", "EU", "ORG")))
    assert index.merges() == []


def test_an_acronym_joins_the_expansion_with_three_times_the_articles_of_any_other():
    index = CorpusIndex()
    for _ in range(3):
        index.add(article_with(Entity("organization/european-union", "European Union", "ORG")))
    index.add(article_with(Entity("organization/edinburgh-university", "Edinburgh University", "ORG")))
    index.add(article_with(Entity("organization/eu", "EU", "ORG")))
    [merge] = index.merges()
    assert (merge.source, merge.target) == ("organization/eu", "organization/european-union")
    assert merge.rule.endswith("#corpus-acronym-dominant")


def test_a_full_name_read_as_a_thing_by_most_articles_pooled_is_that_thing():
    index = CorpusIndex()
    for key, label, articles in (("person/manchester-united", "PERSON", 5),
                                 ("organization/manchester-united", "ORG", 4),
                                 ("place/manchester-united", "GPE", 2)):
        for _ in range(articles):
            index.add(article_with(Entity(key, "Manchester United", label)))
    targets = {m.source: m.target for m in index.merges()}
    assert targets == {"person/manchester-united": "organization/manchester-united",
                       "place/manchester-united": "organization/manchester-united"}


@pytest.mark.model
def test_merged_node_keeps_names_articles_and_the_reason():
    import kgbuild

    graph = kgbuild.build(["EU foreign policy chief Josep Borrell said talks would resume.",
                           "Mr Borrell warned of new sanctions."])
    rows = graph.query("""
        SELECT ?alt ?rule (COUNT(DISTINCT ?article) AS ?articles) {
          ?e rdfs:label "Josep Borrell" ; skos:altLabel ?alt ; kg:mentionedIn ?article ;
             kg:resolution [ kg:resolutionRule ?rule ] . FILTER(CONTAINS(?rule, "corpus")) }
        GROUP BY ?alt ?rule""")
    assert [(str(r[0]), str(r[1]).split("#")[1], int(r[2])) for r in rows] == [("Borrell", "corpus-surname", 2)]
    assert len(graph.query('SELECT ?e { ?e rdfs:label "Borrell" }')) == 0


def test_a_surname_joins_a_full_name_that_dominates_the_corpus():
    index = CorpusIndex()
    for _ in range(6):
        index.add(article_with(person("Tony Blair")))
    index.add(article_with(person("Cherie Blair")))
    index.add(article_with(person("Blair")))
    merges = {(m.source, m.target, m.rule.split("#")[1]) for m in index.merges()}
    assert merges == {("person/blair", "person/tony-blair", "corpus-surname-dominant")}


def test_a_name_tagged_as_a_person_a_few_times_follows_the_clear_majority():
    index = CorpusIndex()
    for _ in range(9):
        index.add(article_with(Entity("organization/labour", "Labour", "ORG")))
    index.add(article_with(Entity("person/labour", "Labour", "PERSON")))
    index.add(article_with(Entity("person/jordan", "Jordan", "PERSON")))
    index.add(article_with(Entity("place/jordan", "Jordan", "GPE")))
    merges = {(m.source, m.target) for m in index.merges()}
    assert merges == {("person/labour", "organization/labour")}  # Jordan: no clear majority


# --- contextual type votes, organisation short names, stored records -----------------------

def spoken_of(text: str, entity: Entity, *pronouns: str) -> ResolvedArticle:
    """An article whose pronouns (each a word of `text`) were linked to `entity`."""
    extraction = Extraction(article=Article(id="a", text=text), sentences=(), statements=(),
                            entity_facts=(), mentions=())
    links = []
    for word in pronouns:
        start = text.index(word)
        links.append(((start, start + len(word)), entity.key, "kgbuild.resolve.v1#pronoun"))
    return ResolvedArticle(extraction=extraction, entities=(entity,), links=tuple(links))


def test_a_full_name_called_he_is_a_person_where_other_articles_tag_it_an_organisation():
    index = CorpusIndex()
    officer = person("Alexander Vindman")
    index.add(spoken_of("Lt Col Alexander Vindman said he was concerned by the call.", officer, "he"))
    for _ in range(2):
        index.add(article_with(Entity("organization/alexander-vindman", "Alexander Vindman", "ORG")))
    [merge] = index.merges()
    assert (merge.source, merge.target) == ("organization/alexander-vindman", "person/alexander-vindman")
    assert merge.rule.endswith("#corpus-type-context")


def test_a_one_word_person_never_called_he_or_she_is_the_club_most_articles_name():
    index = CorpusIndex()
    for _ in range(3):
        index.add(article_with(Entity("organization/chelsea", "Chelsea", "ORG")))
    for _ in range(2):
        index.add(article_with(person("Chelsea")))
    assert [(m.source, m.target) for m in index.merges()] == [("person/chelsea", "organization/chelsea")]


def test_a_one_word_person_called_she_stays_a_person():
    index = CorpusIndex()
    for _ in range(2):
        index.add(article_with(Entity("organization/chelsea", "Chelsea", "ORG")))
    index.add(spoken_of("Chelsea said she would run.", person("Chelsea"), "she"))
    assert index.merges() == []  # (without "she", the two articles of the club would win)


def test_records_of_a_store_count_with_the_articles_of_a_build():
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class Stored:
        key: str
        label_type: str
        label: str
        articles: int

    index = CorpusIndex()
    index.add(article_with(person("Borrell")))
    index.add_record(Stored("person/josep-borrell", "PERSON", "Josep Borrell", 2))
    index.add_record(Stored("person/borrell", "PERSON", "Borrell", 1))  # this build's article, stored
    assert index.articles["person/borrell"] == 1 and index.articles["person/josep-borrell"] == 2
    assert [(m.source, m.target) for m in index.merges()] == [("person/borrell", "person/josep-borrell")]


def test_after_the_context_vote_the_place_and_organisation_readings_still_join():
    index = CorpusIndex()
    for _ in range(3):
        index.add(article_with(Entity("organization/chelsea", "Chelsea", "ORG")))
    index.add(article_with(Entity("place/chelsea", "Chelsea", "GPE")))
    for _ in range(2):
        index.add(article_with(person("Chelsea")))
    assert sorted((m.source, m.target) for m in index.merges()) == [
        ("person/chelsea", "organization/chelsea"), ("place/chelsea", "organization/chelsea")]
