"""Pronouns → the nearest compatible antecedent (person/thing, number, gender, distance)."""

from __future__ import annotations


from kgbuild.resolve import resolve_article
from kgbuild.resolve.pronouns import RULE, link_pronouns
from kgbuild.types import MentionKind

from .records import ArticleRecords


def linked(records: ArticleRecords) -> dict[str, str | None]:
    """Each pronoun mention, as "word@offset", with the key of the entity it was linked to."""
    resolved = resolve_article(records.extraction())
    return {f"{m.text}@{m.start}": resolved.entity_for(m) for m in records.mentions if m.kind == MentionKind.PRONOUN}


def test_she_links_to_the_person_in_the_sentence_before():
    records = ArticleRecords("Anna Berg arrived in Oslo on Monday. She met the king.")
    records.entity("Anna Berg", "PERSON", subject=True)
    records.entity("Oslo", "GPE")
    she = records.pronoun("She")
    resolved = resolve_article(records.extraction())
    assert resolved.entity_for(she) == "person/anna-berg"
    assert (she.head_span, "person/anna-berg", RULE) in resolved.links


def test_it_links_to_an_organisation_not_to_a_person():
    records = ArticleRecords("Anna Berg joined Nordbank in May. It said profits had doubled.")
    records.entity("Anna Berg", "PERSON", subject=True)
    records.entity("Nordbank", "ORG")
    it = records.pronoun("It")
    assert linked(records) == {f"It@{it.start}": "organization/nordbank"}


def test_he_never_links_to_a_thing():
    records = ArticleRecords("Nordbank fired its chairman. He declined to comment.")
    records.entity("Nordbank", "ORG", subject=True)
    records.pronoun("its", subject=False)
    he = records.pronoun("He")
    result = linked(records)
    assert result[f"He@{he.start}"] is None
    assert result[f"its@{records.article.text.index('its')}"] == "organization/nordbank"


def test_they_links_to_a_plural_group_not_to_a_place():
    records = ArticleRecords("The Greens boarded a tanker off Varna. They said the ship leaked oil.")
    records.mention("The Greens", "ORG", subject=True, number="plur")
    records.entity("Varna", "GPE")
    they = records.pronoun("They")
    assert linked(records) == {f"They@{they.start}": "organization/greens"}


def test_they_is_left_unresolved_for_a_singular_name_that_is_not_the_speaker():
    records = ArticleRecords("Greenpeace boarded a tanker off Varna. They said the ship leaked oil.")
    records.entity("Greenpeace", "ORG", subject=True)
    records.entity("Varna", "GPE")
    they = records.pronoun("They")
    assert linked(records) == {f"They@{they.start}": None}


def test_they_after_two_people_is_left_unresolved():
    records = ArticleRecords("Greek sprinters Kostas Kenteris and Katerina Thanou met the IAAF. They were suspended.")
    records.entity("Kostas Kenteris", "PERSON", subject=True)
    records.entity("Katerina Thanou", "PERSON", subject=True)
    records.entity("IAAF", "ORG")
    they = records.pronoun("They")
    assert linked(records) == {f"They@{they.start}": None}


def test_an_honorific_decides_between_two_people():
    records = ArticleRecords("Mr Tom Hale met Anna Berg in Oslo. She said he was tired.")
    records.entity("Tom Hale", "PERSON", subject=True)
    records.entity("Anna Berg", "PERSON")
    records.entity("Oslo", "GPE")
    she, he = records.pronoun("She"), records.pronoun("he")
    assert linked(records) == {f"She@{she.start}": "person/anna-berg", f"he@{he.start}": "person/tom-hale"}


def test_an_honorific_inside_the_name_span_decides_too():
    records = ArticleRecords("Ms Anna Berg met Tom Hale in Oslo. He said she was tired.")
    records.entity("Ms Anna Berg", "PERSON", subject=True)
    records.entity("Tom Hale", "PERSON")
    records.entity("Oslo", "GPE")
    he = records.pronoun("He")
    assert linked(records)[f"He@{he.start}"] == "person/tom-hale"


def test_a_subject_is_preferred_to_an_object_of_its_sentence():
    records = ArticleRecords("Anna Berg thanked Maria Lopez. She then left.")
    records.entity("Anna Berg", "PERSON", subject=True)
    records.entity("Maria Lopez", "PERSON")
    she = records.pronoun("She")
    assert linked(records) == {f"She@{she.start}": "person/anna-berg"}


def test_two_women_equally_in_reach_leave_she_unresolved():
    records = ArticleRecords("Anna Berg spoke after Maria Lopez spoke. She then left.")
    records.entity("Anna Berg", "PERSON", subject=True)
    records.entity("Maria Lopez", "PERSON", subject=True)
    she = records.pronoun("She")
    assert linked(records) == {f"She@{she.start}": None}


def test_a_subject_in_the_same_sentence_clearly_leads_an_older_one():
    records = ArticleRecords("Anna Berg resigned. Later that day, Maria Lopez said she was leaving.")
    records.entity("Anna Berg", "PERSON", subject=True)
    records.entity("Maria Lopez", "PERSON", subject=True)
    she = records.pronoun("she")
    assert linked(records) == {f"she@{she.start}": "person/maria-lopez"}


def test_a_first_name_gives_the_gender():
    records = ArticleRecords("Anne Thompson met Clint Eastwood in Paris. He said the film was finished.")
    records.entity("Anne Thompson", "PERSON", subject=True)
    records.entity("Clint Eastwood", "PERSON")
    records.entity("Paris", "GPE")
    he = records.pronoun("He")
    assert linked(records) == {f"He@{he.start}": "person/clint-eastwood"}


def test_it_inside_a_quote_is_left_unresolved_unless_the_quote_names_it():
    records = ArticleRecords('Nordbank cut 200 jobs. "It is a sad day," said Tom Hale. '
                             '"Nordbank will survive and it will grow," he added.')
    records.entity("Nordbank", "ORG", subject=True)
    hale = records.entity("Tom Hale", "PERSON", subject=True)
    records.entity("Nordbank", "ORG", occurrence=1, subject=True)
    first, second = records.pronoun("It"), records.pronoun("it")
    records.pronoun("he")
    records.statement(hale, "say", None, rule="kgbuild.clauses.v1#attribution-quote")
    result = linked(records)
    assert result[f"It@{first.start}"] is None
    assert result[f"it@{second.start}"] == "organization/nordbank"


def test_the_antecedent_must_come_before_the_pronoun():
    records = ArticleRecords("She had warned them. Anna Berg said so on Monday.")
    she = records.pronoun("She")
    records.pronoun("them", subject=False)
    records.entity("Anna Berg", "PERSON", subject=True)
    assert linked(records)[f"She@{she.start}"] is None


def test_no_link_beyond_three_sentences():
    records = ArticleRecords("Anna Berg resigned. The ministry was silent. Rain fell. Roads shut. She left Oslo.")
    records.entity("Anna Berg", "PERSON", subject=True)
    records.entity("Oslo", "GPE")
    she = records.pronoun("She")
    assert linked(records) == {f"She@{she.start}": None}


def test_a_surname_alias_is_an_antecedent_of_its_entity():
    records = ArticleRecords("Anna Berg resigned. The ministry was silent. Berg left. She flew home.")
    records.entity("Anna Berg", "PERSON", subject=True)
    records.entity("Berg", "PERSON", occurrence=1, subject=True)
    she = records.pronoun("She")
    assert linked(records) == {f"She@{she.start}": "person/anna-berg"}


# --- link_pronouns on its own ---------------------------------------------------------

def test_link_pronouns_uses_the_given_genders():
    records = ArticleRecords("Tom Hale met Anna Berg. She smiled.")
    hale = records.entity("Tom Hale", "PERSON", subject=True)
    berg = records.entity("Anna Berg", "PERSON")
    she = records.pronoun("She")
    antecedents = [(hale, "person/tom-hale", "PERSON"), (berg, "person/anna-berg", "PERSON")]
    # without genders the subject wins; knowing Hale is a man leaves Berg
    assert [key for _, key, _ in link_pronouns([she], antecedents, {})] == ["person/tom-hale"]
    assert list(link_pronouns([she], antecedents, {"person/tom-hale": "masc"})) == [
        (she, "person/anna-berg", RULE)]
    assert list(link_pronouns([she], antecedents, {"person/tom-hale": "masc", "person/anna-berg": "masc"})) == []


def test_link_pronouns_skips_first_and_second_person():
    records = ArticleRecords("Anna Berg spoke. We must act, she said.")
    berg = records.entity("Anna Berg", "PERSON", subject=True)
    we = records.pronoun("We")
    she = records.pronoun("she")
    links = list(link_pronouns([we, she], [(berg, "person/anna-berg", "PERSON")], {}))
    assert links == [(she, "person/anna-berg", RULE)]


def test_they_does_not_reach_for_a_group_that_was_not_the_subject():
    records = ArticleRecords("Police stopped a coach hired by Greenpeace near Varna. They said it was unlawful.")
    records.entity("Greenpeace", "ORG")
    records.entity("Varna", "GPE")
    they = records.pronoun("They")
    assert linked(records)[f"They@{they.start}"] is None


# --- chains, descriptions, number and quotations (real BBC sentences) ---------------------

ELECTROLUX = ("Electrolux saw its shares rise 14% on Tuesday. "
              "The Swedish firm said it is to relocate about 10 of its 27 plants in western Europe and North America. "
              "It did not say which facilities would be affected, but intends moving them to Asia and Mexico. "
              "Its staff in County Durham were told on Tuesday. "
              "It makes lawn and garden products in Newton Aycliffe.")  # bbc-business-058, shortened


def test_a_linked_pronoun_keeps_its_entity_salient_past_the_window():
    records = ArticleRecords(ELECTROLUX)
    electrolux = records.entity("Electrolux", "ORG", subject=True)
    europe = records.entity("North America", "LOC")
    durham = records.entity("County Durham", "GPE")
    pronouns = [records.pronoun(word, subject=word == "It") for word in ("It", "Its")]
    last = records.pronoun("It", occurrence=1)
    antecedents = [(electrolux, "organization/electrolux", "ORG"), (europe, "place/north-america", "LOC"),
                   (durham, "place/county-durham", "GPE")]
    links = {p.start: key for p, key, _ in link_pronouns(pronouns + [last], antecedents, {})}
    assert links[last.start] == "organization/electrolux"  # named 4 sentences back, "it" since


def test_a_description_stands_for_the_entity_it_describes():
    records = ArticleRecords(ELECTROLUX)
    records.entity("Electrolux", "ORG", subject=True)
    records.entity("North America", "LOC")
    firm = records.phrase("The Swedish firm", "firm")
    it = records.pronoun("it", subject=True)
    records.statement(firm, "say", None, rule="kgbuild.clauses.v1#attribution")
    assert linked(records)[f"it@{it.start}"] == "organization/electrolux"


def test_they_for_a_band_called_the_band():
    # bbc-entertainment-251 (the last sentence from bbc-entertainment-118's wording pattern)
    records = ArticleRecords("Devon singer Joss Stone and rock band Muse won coveted Brit awards. "
                             "The band has sold about two million records worldwide. "
                             "The band's spokesman said that they would tour in May.")
    records.entity("Joss Stone", "PERSON", subject=True)
    records.entity("Muse", "ORG", subject=True)
    they = records.pronoun("they")
    assert linked(records)[f"they@{they.start}"] == "organization/muse"


def test_a_plural_name_is_they_not_it():
    # bbc-politics-272: "it" is the clause's, not the party's
    records = ArticleRecords("But the Liberal Democrats are entering the expected 2005 election campaign determined "
                             "to prove it is they, not the Tories, who are now the real threat to Labour.")
    records.mention("the Liberal Democrats", "ORG", subject=True, number="plur")
    it = records.pronoun("it")
    they = records.pronoun("they")
    result = linked(records)
    assert result[f"it@{it.start}"] is None
    assert result[f"they@{they.start}"] == "organization/liberal-democrats"


def test_a_pronoun_learns_the_gender_of_an_entity_from_an_earlier_link():
    # bbc-entertainment-043
    records = ArticleRecords("Friends and family, including actress Ruby Dee, gathered at the Riverside Church. "
                             "She was joined by Harry Belafonte, who gave the eulogy in his own words.")
    dee = records.entity("Ruby Dee", "PERSON", subject=True)
    belafonte = records.entity("Harry Belafonte", "PERSON")
    she, his = records.pronoun("She"), records.pronoun("his", subject=False)
    antecedents = [(dee, "person/ruby-dee", "PERSON"), (belafonte, "person/harry-belafonte", "PERSON")]
    assert {p.text: key for p, key, _ in link_pronouns([she, his], antecedents, {})} == {
        "She": "person/ruby-dee", "his": "person/harry-belafonte"}


def test_a_quote_that_goes_on_is_still_the_speakers():
    # bbc-entertainment-043
    records = ArticleRecords("Veteran star Ossie Davis died in Miami. "
                             "\"He would have been a very good president of the United States,\" said Bill Clinton. "
                             "\"Like most of you here, he gave more to me than I gave to him.\"")
    records.entity("Ossie Davis", "PERSON", subject=True)
    records.entity("Miami", "GPE")
    records.entity("the United States", "GPE")
    clinton = records.entity("Bill Clinton", "PERSON", subject=True)
    records.statement(clinton, "say", None, rule="kgbuild.clauses.v1#attribution-quote")
    he = records.pronoun("he")
    assert linked(records)[f"he@{he.start}"] == "person/ossie-davis"


def test_the_speaker_is_favoured_only_for_the_reported_clauses_own_subject():
    # bbc-sport-147 shape: "X said: Y has thrown his chest ..." - "his" is Y's
    records = ArticleRecords("Tom Hale said Peter Berg had thrown his chest at the referee.")
    hale = records.entity("Tom Hale", "PERSON", subject=True)
    berg = records.entity("Peter Berg", "PERSON", subject=True)
    his = records.pronoun("his", subject=False)
    speech = records.statement(hale, "say", None, rule="kgbuild.clauses.v1#attribution")
    from dataclasses import replace
    thrown = records.statement(berg, "throw", records.phrase("his chest", "chest"))
    records.statements[thrown.index] = replace(thrown, reported_by=speech.index)
    # two men equally salient: left unresolved, and above all not the speaker
    assert linked(records)[f"his@{his.start}"] is None
