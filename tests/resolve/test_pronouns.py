"""Pronouns → the nearest compatible antecedent (person/thing, number, gender, distance)."""

from __future__ import annotations

import pytest

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


def test_they_links_to_a_group_not_to_a_place():
    records = ArticleRecords("Greenpeace boarded a tanker off Varna. They said the ship leaked oil.")
    records.entity("Greenpeace", "ORG", subject=True)
    records.entity("Varna", "GPE")
    they = records.pronoun("They")
    assert linked(records) == {f"They@{they.start}": "organization/greenpeace"}


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


def test_a_subject_is_preferred_to_a_nearer_object():
    records = ArticleRecords("Anna Berg thanked Maria Lopez. She then left.")
    records.entity("Anna Berg", "PERSON", subject=True)
    records.entity("Maria Lopez", "PERSON")
    she = records.pronoun("She")
    assert linked(records) == {f"She@{she.start}": "person/anna-berg"}


def test_the_nearer_sentence_wins_over_subjecthood():
    records = ArticleRecords("Anna Berg resigned. Later that day, police questioned Maria Lopez. She was released.")
    records.entity("Anna Berg", "PERSON", subject=True)
    records.entity("Maria Lopez", "PERSON")
    she = records.pronoun("She")
    assert linked(records) == {f"She@{she.start}": "person/maria-lopez"}


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
