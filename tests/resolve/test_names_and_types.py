"""One name written several ways is one node (within an article and across a corpus); a
type the article's words support wins over the tagger's; words that are not names make no
entity."""

from __future__ import annotations

import pytest

from kgbuild.resolve import CorpusIndex, resolve_article
from kgbuild.resolve.names import variant_form
from kgbuild.types import Article, Entity, Extraction, ResolvedArticle

from .records import ArticleRecords


def article_with(*entities: Entity) -> ResolvedArticle:
    extraction = Extraction(article=Article(id="a", text=""), sentences=(), statements=(),
                            entity_facts=(), mentions=())
    return ResolvedArticle(extraction=extraction, entities=entities)


@pytest.mark.parametrize("one, other, person", [
    ("US", "U.S.", False), ("TimeWarner", "Time Warner", False), ("Acme Group Corp", "Acme", False),
    ("Vodafone plc", "Vodafone", False),
    ("U.S. Securities & Exchange Commission", "Securities and Exchange Commission", False),
    ("US Securities and Exchange Commission", "Securities and Exchange Commission", False),
    ("John Smith Jr.", "John Smith", True), ("George W. Bush", "George W Bush", True),
])
def test_variants_share_a_form(one, other, person):
    assert variant_form(one, person=person) == variant_form(other, person=person) != ""


def test_a_middle_initial_is_dropped_only_when_asked_within_an_article():
    assert variant_form("John R. Smith", person=True, initials=True) == variant_form("John Smith", person=True)
    assert variant_form("George W Bush", person=True) != variant_form("George Bush", person=True)


@pytest.mark.parametrize("one, other, person", [
    ("John Smith", "Jane Smith", True), ("UK Independence Party", "Independence Party", False),
    ("Tony Blair", "Cherie Blair", True), ("Jack Smith", "John Smith", True),
])
def test_different_names_keep_different_forms(one, other, person):
    assert variant_form(one, person=person) != variant_form(other, person=person)


def test_variants_across_articles_are_one_node_with_a_resolution_rule():
    index = CorpusIndex()
    for _ in range(3):
        index.add(article_with(Entity("place/us", "US", "GPE")))
    index.add(article_with(Entity("place/u.s.", "U.S.", "GPE")))
    index.add(article_with(Entity("organization/time-warner", "Time Warner", "ORG")))
    index.add(article_with(Entity("organization/timewarner", "TimeWarner", "ORG")))
    index.add(article_with(Entity("organization/time-warner", "Time Warner", "ORG")))
    index.add(article_with(Entity("organization/us-securities-and-exchange-commission",
                                  "US Securities and Exchange Commission", "ORG")))
    index.add(article_with(Entity("organization/securities-and-exchange-commission",
                                  "Securities and Exchange Commission", "ORG")))
    index.add(article_with(Entity("organization/sec", "SEC", "ORG")))
    merges = {(m.source, m.target) for m in index.merges()}
    assert ("place/u.s.", "place/us") in merges
    assert ("organization/timewarner", "organization/time-warner") in merges
    sec_targets = {target for source, target in merges if source in (
        "organization/sec", "organization/us-securities-and-exchange-commission",
        "organization/securities-and-exchange-commission")}
    assert len(sec_targets) == 1  # the acronym, the prefixed and the bare name: one node
    assert all(m.rule.rsplit("#", 1)[1].startswith("corpus-") for m in index.merges())


def test_two_people_with_different_middle_initials_never_merge_across_articles():
    index = CorpusIndex()
    index.add(article_with(Entity("person/john-r.-smith", "John R. Smith", "PERSON")))
    index.add(article_with(Entity("person/john-q.-smith", "John Q. Smith", "PERSON")))
    assert index.merges() == []


def test_one_person_named_with_initial_suffix_and_nickname_within_an_article_is_one_entity():
    records = ArticleRecords("John R. Smith resigned on Monday. John Smith Jr. had led Acme Group Corp since 1990. "
                             "Jack Smith said Acme would recover.")
    records.entity("John R. Smith", "PERSON", subject=True)
    records.entity("John Smith Jr.", "PERSON", subject=True)
    records.entity("Acme Group Corp", "ORG")
    records.entity("Jack Smith", "PERSON", subject=True)
    records.entity("Acme", "ORG", occurrence=1)
    resolved = resolve_article(records.extraction())
    people = [e for e in resolved.entities if e.label_type == "PERSON"]
    assert len(people) == 1 and set(people[0].aliases) | {people[0].label} == {
        "John R. Smith", "John Smith Jr.", "Jack Smith"}
    [acme] = [e for e in resolved.entities if e.label_type == "ORG"]
    assert acme.label == "Acme Group Corp" and "Acme" in acme.aliases
    rules = {rule.rsplit("#", 1)[1] for _, _, rule in resolved.links}
    assert "variant" in rules


def test_two_ways_of_a_name_in_one_sentence_are_two_people():
    # bbc-business-213
    records = ArticleRecords("He has served under Presidents George W Bush, Bill Clinton, George Bush, and Ronald Reagan.")
    for name in ("George W Bush", "Bill Clinton", "George Bush", "Ronald Reagan"):
        records.entity(name, "PERSON")
    labels = sorted(e.label for e in resolve_article(records.extraction()).entities)
    assert labels == ["Bill Clinton", "George Bush", "George W Bush", "Ronald Reagan"]


def test_two_different_full_names_in_an_article_stay_two():
    records = ArticleRecords("John Smith met Jane Smith. John Q. Smith and John R. Smith were not there.")
    for name in ("John Smith", "Jane Smith", "John Q. Smith", "John R. Smith"):
        records.entity(name, "PERSON", subject=True)
    resolved = resolve_article(records.extraction())
    labels = sorted(e.label for e in resolved.entities)
    assert "Jane Smith" in labels and "John Q. Smith" in labels and "John R. Smith" in labels


@pytest.mark.parametrize("sentence, name, tagged, expected", [
    # real shapes: bbc-entertainment-027 ("Simon Cowell" tagged an organisation)
    ("Simon Cowell said the book would sell.", "Simon Cowell", "ORG", "person"),
    ("He posted the video on Twitter last night.", "Twitter", "PERSON", "organization"),
    ("Big Machine Records signed the singer.", "Big Machine Records", "PERSON", "organization"),
    ("The probe landed on the Moon.", "Moon", "PERSON", "entity"),
    ("She won the European Indoor Championships in Madrid.", "European Indoor Championships", "ORG", "event"),
    ("Barges sank in the Ohio River on Sunday.", "Ohio River", "ORG", "place"),
    ("CLEVELAND, March 3 - Sealy Inc said it would buy a rival.", "CLEVELAND", "ORG", "place"),
])
def test_types_follow_the_articles_evidence(sentence, name, tagged, expected):
    records = ArticleRecords(sentence)
    records.entity(name, tagged, subject=sentence.startswith(name))
    [entity] = resolve_article(records.extraction()).entities
    assert entity.key.split("/")[0] == expected


@pytest.mark.parametrize("name, tagged", [
    ("Megan Cook 4", "PERSON"), ("Aiden Haig 1 goal", "PERSON"), ("Melbourne 1-0", "ORG"),
    ("Melbourne d. Cocoa", "ORG"), ("Jaden Siemans 7", "ORG"), ("January-December", "PERSON"), ("L.", "PERSON"),
])
def test_a_score_glued_to_a_name_makes_no_entity(name, tagged):
    # the shape of a high-school results list on a saved local-news page
    records = ArticleRecords(f"Scorers: {name}, and Oslo.")
    records.entity(name, tagged)
    records.entity("Oslo", "GPE")
    assert [e.label for e in resolve_article(records.extraction()).entities] == ["Oslo"]


def test_a_name_the_tagger_cut_short_makes_no_entity():
    records = ArticleRecords("Goals: Neil Auguste 2. Neil Auguste scored twice.")
    records.entity("Neil", "PERSON")
    records.entity("Neil", "PERSON", occurrence=1)
    assert resolve_article(records.extraction()).entities == ()


def test_reuters_markup_leaves_a_company_name():
    records = ArticleRecords("Woodco Inc> said it would buy the plant.")
    records.entity("Woodco Inc>", "PERSON", subject=True)
    [entity] = resolve_article(records.extraction()).entities
    assert (entity.label, entity.label_type) == ("Woodco Inc", "ORG")


def test_numbers_that_are_part_of_a_name_stay():
    records = ArticleRecords("Sony will release Spider-Man 2 on Channel 4.")
    records.entity("Spider-Man 2", "WORK_OF_ART")
    records.entity("Channel 4", "ORG")
    assert sorted(e.label for e in resolve_article(records.extraction()).entities) == ["Channel 4", "Spider-Man 2"]


def test_words_without_a_capital_or_cut_off_make_no_entity():
    records = ArticleRecords("Police seized marijuana worth millions and sold-- the rest. Oslo police said so.")
    records.entity("marijuana", "PERSON")
    records.entity("sold--", "ORG")
    records.entity("Oslo", "GPE")
    assert [e.label for e in resolve_article(records.extraction()).entities] == ["Oslo"]


@pytest.mark.parametrize("text, name, tagged, expected", [
    # a results list of a local-news page: a team before its record, either side of "d."
    ("Oakwood d. Riverside 21-7\n\nOakwood (2-0): Sam Ortiz 3 goals.", "Oakwood", "PERSON", "organization"),
    ("Oakwood d. Riverside 21-7\n\nOakwood (2-0): Sam Ortiz 3 goals.", "Riverside", "GPE", "organization"),
    ("Goals below.\n\nHillcrest (NR): Lee Park 4 saves.", "Hillcrest", "PERSON", "organization"),
    # a player's line: a two-word name before a count of points, goals, saves
    ("Hillcrest (1-1): Tavian Brooke 14 points and 2 steals.", "Tavian Brooke", "ORG", "person"),
    # a wire dateline with any outlet in brackets
    ("DENVER, Colorado (KDVR News) - Snow closed the schools.", "DENVER", "ORG", "place"),
])
def test_results_lists_and_datelines_type_their_names(text, name, tagged, expected):
    records = ArticleRecords(text)
    records.entity(name, tagged)
    entity = next(e for e in resolve_article(records.extraction()).entities if e.label == name)
    assert entity.key.split("/")[0] == expected


def test_a_town_in_running_text_is_not_a_team():
    records = ArticleRecords("She moved from Oakwood to the capital (2-0 up) last year.")
    records.entity("Oakwood", "GPE")
    [entity] = resolve_article(records.extraction()).entities
    assert entity.key.split("/")[0] == "place"


def test_results_list_teams_and_players_in_a_real_parse():
    import kgbuild

    # the small model reads the team as a place and the player as an organisation here
    text = ("Local results were posted on Friday.\n\n"
            "Brighton d. Hove 21-7\n\n"
            "Brighton (2-0): Tavian Brooke 14 points and 2 steals. Sam Ortiz 8 points.\n\n"
            "Hove (0-1): Lee Park 9 points.")
    graph = kgbuild.build([text])
    rows = graph.query("SELECT ?label ?type { ?e a kg:Entity ; rdfs:label ?label ; a ?type FILTER(?type != kg:Entity) }")
    types = {(str(label), str(kind).rsplit("/", 1)[-1]) for label, kind in rows}
    assert ("Brighton", "Organization") in types and ("Tavian Brooke", "Person") in types
    assert ("Brighton", "Place") not in types and ("Tavian Brooke", "Organization") not in types


@pytest.mark.parametrize("text, name, tagged, expected", [
    ("She has played in all the Grand Slam tournaments since 2010.", "Grand Slam", "GPE", "event"),
    ("He qualified for the WTA and ATP Finals in Turin.", "WTA", "ORG", "event"),
    ("She will defend her title at the World Indoors in March.", "World Indoors", "ORG", "event"),
    # a place before an event's word is still the place
    ("He is preparing for the London marathon in April.", "London", "GPE", "place"),
    ("He ran in the Boston and Paris races last year.", "Boston", "GPE", "place"),
])
def test_event_words_around_a_name_make_it_an_event(text, name, tagged, expected):
    records = ArticleRecords(text)
    records.entity(name, tagged)
    [entity] = resolve_article(records.extraction()).entities
    assert entity.key.split("/")[0] == expected


def test_a_count_or_a_record_mark_in_a_results_list_makes_no_entity():
    records = ArticleRecords("Hillcrest (NR): Fenwick 4 points. Lee Park 9 points. Oslo won.")
    records.entity("NR", "ORG")
    records.entity("Fenwick 4", "PRODUCT")
    records.entity("Oslo", "GPE")
    assert [e.label for e in resolve_article(records.extraction()).entities] == ["Oslo"]


def test_an_acronym_in_brackets_that_is_no_record_stays():
    records = ArticleRecords("The World Health Organization (WHO) said it was worried. Oslo agreed.")
    records.entity("WHO", "ORG")
    records.entity("Oslo", "GPE")
    assert sorted(e.label for e in resolve_article(records.extraction()).entities) == ["Oslo", "WHO"]


def test_event_words_in_a_real_parse():
    import kgbuild

    graph = kgbuild.build(["The champion has won matches at all the Grand Slam tournaments. "
                           "She qualified for the WTA and ATP Finals in Turin last week."])
    rows = graph.query("SELECT ?label ?type { ?e a kg:Entity ; rdfs:label ?label ; a ?type FILTER(?type != kg:Entity) }")
    types = {(str(label), str(kind).rsplit("/", 1)[-1]) for label, kind in rows}
    assert ("Grand Slam", "Event") in types and ("Grand Slam", "Place") not in types
    assert ("WTA", "Organization") not in types


def test_a_record_mark_and_a_dateline_in_a_real_parse():
    import kgbuild

    # the small model reads "NR" and the dateline's town as organisations here
    text = ("Local results were posted on Friday.\n\n"
            "Hove (NR): Lee Park 9 points.\n\n"
            "HAMPTON, Virginia (WAVY News) - Snow closed the schools.")
    graph = kgbuild.build([text])
    rows = graph.query("SELECT ?label ?type { ?e a kg:Entity ; rdfs:label ?label ; a ?type FILTER(?type != kg:Entity) }")
    types = {(str(label), str(kind).rsplit("/", 1)[-1]) for label, kind in rows}
    assert ("HAMPTON", "Place") in types and ("HAMPTON", "Organization") not in types
    assert not any(label == "NR" for label, _ in types)
