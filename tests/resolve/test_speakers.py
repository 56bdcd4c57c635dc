"""Speakers written as a pronoun or a description get the named speaker when the evidence
is clear: the speaker goes on ("he said" after a named speaker), a description with one
referent in reach ("the company"), a title the article gave one person ("the chief
executive"), and "I" inside a named speaker's quotation."""

from __future__ import annotations

import pytest

from kgbuild.resolve import resolve_article
from kgbuild.types import EntityFact, MentionKind, Relation, Statement

from .records import ArticleRecords

ATTRIBUTION = "kgbuild.clauses.v1#attribution"
QUOTE = "kgbuild.clauses.v1#attribution-quote"


def quote(records: ArticleRecords, speaker, words: str) -> Statement:
    """A speech statement of `speaker` whose object is the quoted `words`."""
    obj = records.mention(words, None, kind=MentionKind.QUOTE, add=False)
    statement = Statement(index=len(records.statements), subject=speaker,
                          relation=Relation("say", "say", "said"), object=obj,
                          sentence=records.sentences[speaker.sentence], rule=QUOTE)
    records.statements.append(statement)
    return statement


def test_he_said_after_a_named_speaker_is_that_speaker():
    # bbc-business-252, shortened
    records = ArticleRecords('"The United Kingdom has the opportunity to create the most exciting telecoms '
                             'market," BT chief executive Ben Verwaayen said. "BT has a critical role to play," he said.')
    records.entity("The United Kingdom", "GPE")
    records.entity("BT", "ORG")
    verwaayen = records.entity("Ben Verwaayen", "PERSON", subject=True)
    records.entity("BT", "ORG", occurrence=1, subject=True)
    he = records.pronoun("he")
    quote(records, verwaayen, "The United Kingdom has the opportunity to create the most exciting telecoms market")
    quote(records, he, "BT has a critical role to play")
    resolved = resolve_article(records.extraction())
    assert resolved.entity_for(he) == "person/ben-verwaayen"


def test_he_said_is_not_the_speaker_before_when_another_man_was_named_in_between():
    # the speaker rule stands back; salience reads the man just named as the one speaking
    records = ArticleRecords("Tom Hale said the deal was done. Peter Berg disagreed. \"It is not,\" he said.")
    hale = records.entity("Tom Hale", "PERSON", subject=True)
    records.entity("Peter Berg", "PERSON", subject=True)
    he = records.pronoun("he")
    records.statement(hale, "say", None, rule=ATTRIBUTION)
    quote(records, he, "It is not")
    assert resolve_article(records.extraction()).entity_for(he) == "person/peter-berg"


def test_the_company_added_after_the_company_spoke_is_that_company():
    records = ArticleRecords("Nordbank said profits fell. \"Sales were weak,\" the company added.")
    nordbank = records.entity("Nordbank", "ORG", subject=True)
    company = records.phrase("the company", "company")
    records.statement(nordbank, "say", None, rule=ATTRIBUTION)
    quote(records, company, "Sales were weak")
    resolved = resolve_article(records.extraction())
    assert resolved.entity_for(company) == "organization/nordbank"


def test_the_company_with_two_companies_in_reach_stays_generic():
    records = ArticleRecords("Nordbank will buy Vestfirm. The company said the price was fair.")
    records.entity("Nordbank", "ORG", subject=True)
    records.entity("Vestfirm", "ORG")
    company = records.phrase("The company", "company")
    records.statement(company, "say", None, rule=ATTRIBUTION)
    resolved = resolve_article(records.extraction())
    assert resolved.entity_for(company) is None
    assert resolved.is_unresolved(company)


def test_the_chief_executive_is_the_one_person_with_that_title():
    records = ArticleRecords("Anna Berg, the chief executive of Nordbank, met investors. "
                             "The chief executive said profits would rise.")
    berg = records.entity("Anna Berg", "PERSON", subject=True)
    records.entity("Nordbank", "ORG")
    chief = records.phrase("The chief executive", "executive")
    records.statement(chief, "say", None, rule=ATTRIBUTION)
    extraction = records.extraction()
    fact = EntityFact(subject=berg, attribute="jobTitle", value="chief executive of Nordbank",
                      sentence=records.sentences[0], rule="kgbuild.facts.v1#apposition")
    from dataclasses import replace
    resolved = resolve_article(replace(extraction, entity_facts=(fact,)))
    assert resolved.entity_for(chief) == "person/anna-berg"


def test_i_inside_a_named_speakers_quote_is_the_speaker():
    # bbc-tech-268, shortened
    records = ArticleRecords('"I think other companies will follow suit," said Stuart Cohen.')
    i = records.pronoun("I")
    cohen = records.entity("Stuart Cohen", "PERSON", subject=True)
    quote(records, cohen, "I think other companies will follow suit")
    assert resolve_article(records.extraction()).entity_for(i) == "person/stuart-cohen"


@pytest.mark.model
def test_a_real_continued_quote_is_attributed_to_the_named_speaker():
    """bbc-business-252: the second quote's "he said" is BT's chief executive."""
    import kgbuild

    text = ('"The United Kingdom has the opportunity to create the most exciting and innovative telecoms '
            'market in the world," BT chief executive Ben Verwaayen said. "BT has a critical role to play, '
            'and today we are making a set of far-reaching proposals towards that framework," he said.')
    graph = kgbuild.build([text])
    speakers = {str(row[0]) for row in graph.query(
        "SELECT ?label { ?claim kg:attributedTo ?who . ?who rdfs:label ?label }")}
    assert speakers == {"Ben Verwaayen"}
    assert not len(graph.query('SELECT ?s { ?s kg:unresolved "he" }'))


def test_a_description_that_names_its_organisation_is_not_generic():
    # bbc-business-317: the spokeswoman is unnamed, but the phrase says for whom she speaks
    records = ArticleRecords("The Trafford Centre spokeswoman said about 8,500 vehicles had arrived.")
    spokeswoman = records.phrase("The Trafford Centre spokeswoman", "spokeswoman")
    records.statement(spokeswoman, "say", None, rule=ATTRIBUTION)
    resolved = resolve_article(records.extraction())
    assert not resolved.is_unresolved(spokeswoman)
