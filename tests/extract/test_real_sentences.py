"""Integration: news-style sentences through the installed pipeline (parser, NER and
`kgbuild_statements`), checked for what a reader takes from them.

Each test names the statements a reader would expect: the subject as written, the
relation key, the object (another statement for reported speech), and whether the
article states it as fact.
"""

from __future__ import annotations

import pytest

from kgbuild.errors import PipelineError
from kgbuild.resolve import resolve_article
from kgbuild.extract.registry import ENTITY_FACTS
from kgbuild.types import Article, EntityFact, Extraction, MentionKind, Modality, Statement

from .docs import triples

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def nlp():
    from kgbuild.pipeline import statement_pipeline

    try:
        return statement_pipeline()
    except PipelineError as error:
        pytest.skip(f"no spaCy pipeline installed: {error}")


def extract(nlp, text: str) -> tuple[Statement, ...]:
    return nlp(text)._.statements


def find(statements, subject: str, relation: str, obj: str | None = None) -> Statement:
    """The one statement with this subject text, relation key and object text (None: an
    object that is another statement, or none)."""
    matches = [s for s in statements if s.subject.text == subject and s.relation.key == relation
               and (s.object.text if s.object is not None else None) == obj]
    assert len(matches) == 1, f"({subject!r}, {relation!r}, {obj!r}) not once in {triples(statements)}"
    return matches[0]


def facts(nlp, text: str) -> list[tuple[str, str, str]]:
    return [(f.subject.text, f.attribute, f.value if isinstance(f.value, str) else f.value.text)
            for f in nlp(text)._.entity_facts if isinstance(f, EntityFact)]


# --- plain clauses --------------------------------------------------------------------

def test_coordinated_verbs(nlp):
    statements = extract(nlp, "Storms killed at least 12 people and destroyed hundreds of homes in the region.")
    killed = find(statements, "Storms", "kill", "at least 12 people")
    destroyed = find(statements, "Storms", "destroy", "hundreds of homes")
    assert [(a.role, a.value.text) for a in destroyed.arguments] == [("in", "the region")]
    assert killed.is_factual and destroyed.is_factual


def test_named_companies_and_a_price(nlp):
    statements = extract(nlp, "Acme Corp acquired Beta Ltd for $2 billion.")
    deal = find(statements, "Acme Corp", "acquire", "Beta Ltd")
    assert (deal.subject.kind, deal.subject.label) == (MentionKind.ENTITY, "ORG")
    assert (deal.object.kind, deal.object.label) == (MentionKind.ENTITY, "ORG")
    assert [(a.role, a.value.text) for a in deal.arguments] == [("for", "$2 billion")]
    assert deal.is_factual


def test_relative_clause_about_the_subject(nlp):
    statements = extract(nlp, "The judge, who was appointed in 2019, rejected the appeal.")
    appointed = find(statements, "The judge", "be_appoint_in", "2019")
    rejected = find(statements, "The judge", "reject", "the appeal")
    assert appointed.is_factual and rejected.is_factual


def test_condition_and_future(nlp):
    statements = extract(nlp, "Workers at the plant will strike next week unless the company raises wages.")
    strike = find(statements, "Workers at the plant", "strike")
    assert strike.modality == Modality.FUTURE
    assert [(a.role, a.value.text, a.category) for a in strike.arguments] == [("time", "next week", "time")]
    raises = find(statements, "the company", "raise", "wages")
    assert raises.modality == Modality.POSSIBLE
    assert not strike.is_factual and not raises.is_factual


# --- negation and modality ------------------------------------------------------------

@pytest.mark.parametrize(("text", "triple", "negated", "modality"), [
    ("Firefighters could not reach the village because of the flooding.",
     ("Firefighters", "reach", "the village"), True, Modality.ASSERTED),
    ("Protesters never entered the parliament building.",
     ("Protesters", "enter", "the parliament building"), True, Modality.ASSERTED),
    ("The union failed to reach an agreement with the employers.",
     ("The union", "reach", "an agreement with the employers"), True, Modality.ASSERTED),
    ("The airline reportedly cancelled 300 flights.",
     ("The airline", "cancel", "300 flights"), False, Modality.HEDGED),
    ("The senator is believed to have died in the crash.",
     ("The senator", "die_in", "the crash"), False, Modality.HEDGED),
    ("The ceasefire appears to have collapsed.",
     ("The ceasefire", "collapse", None), False, Modality.HEDGED),
    ("The company may close the plant in Lyon.",
     ("The company", "close", "the plant in Lyon"), False, Modality.POSSIBLE),
    ("The army has yet to enter the town.",
     ("The army", "enter", "the town"), True, Modality.ASSERTED),
])
def test_statement_is_not_stated_as_plain_fact(nlp, text, triple, negated, modality):
    statement = find(extract(nlp, text), *triple)
    assert statement.negated is negated
    assert statement.modality == modality
    assert not statement.is_factual


# --- attribution ----------------------------------------------------------------------

def test_speaker_title_and_reported_negated_future(nlp):
    text = "Prime Minister Elena Marsh said the government would not raise taxes."
    statements = extract(nlp, text)
    said = find(statements, "Prime Minister Elena Marsh", "say")
    raise_taxes = find(statements, "the government", "raise", "taxes")
    assert said.object_statement == raise_taxes.index
    assert raise_taxes.reported_by == said.index
    assert raise_taxes.negated and raise_taxes.modality == Modality.FUTURE
    assert said.is_factual and not raise_taxes.is_factual
    assert text[said.subject.head_start:said.subject.head_end] == "Elena Marsh"
    assert facts(nlp, text) == [("Prime Minister Elena Marsh", "jobTitle", "Prime Minister")]


def test_time_of_speech_and_reported_passive(nlp):
    statements = extract(nlp, "The health ministry said on Tuesday that 40 patients had been "
                              "evacuated from the hospital.")
    said = find(statements, "The health ministry", "say")
    evacuated = find(statements, "40 patients", "be_evacuate_from", "the hospital")
    assert [(a.role, a.value.text, a.category) for a in said.arguments] == [("on", "Tuesday", "time")]
    assert (said.object_statement, evacuated.reported_by) == (evacuated.index, said.index)
    assert not evacuated.is_factual


def test_warning_of_a_possibility(nlp):
    statements = extract(nlp, "Oxfam warned that the drought could leave millions without food.")
    warned = find(statements, "Oxfam", "say")  # one relation for saying; the cue is its text
    assert warned.relation.surface == "warned"
    leave = find(statements, "the drought", "leave", "millions")
    assert warned.subject.kind == MentionKind.ENTITY and warned.subject.label == "ORG"
    assert leave.reported_by == warned.index and leave.modality == Modality.POSSIBLE
    assert [(a.role, a.value.text) for a in leave.arguments] == [("without", "food")]


def test_belief_is_attribution(nlp):
    statements = extract(nlp, "Investigators believe the fire started in the kitchen.")
    believe = find(statements, "Investigators", "believe")
    started = find(statements, "the fire", "start_in", "the kitchen")
    assert started.reported_by == believe.index and believe.object_statement == started.index
    assert not started.is_factual


def test_spokeswoman_reports_a_negated_passive(nlp):
    text = "Lena Novak, a spokeswoman for the airline, said the pilots had not been informed."
    statements = extract(nlp, text)
    said = find(statements, "Lena Novak", "say")
    informed = find(statements, "the pilots", "be_inform")
    assert informed.negated and informed.reported_by == said.index
    assert facts(nlp, text) == [("Lena Novak", "jobTitle", "spokeswoman for the airline")]


def test_denial_with_a_pronoun_subject(nlp):
    statements = extract(nlp, "The company denied that it had paid the hackers.")
    denied = find(statements, "The company", "deny")
    paid = find(statements, "it", "pay", "the hackers")
    assert paid.subject.kind == MentionKind.PRONOUN
    assert paid.reported_by == denied.index
    assert not paid.is_factual


def test_speaker_after_the_reported_clause(nlp):
    statements = extract(nlp, "The vaccine may reduce hospital admissions, researchers said.")
    said = find(statements, "researchers", "say")
    reduce = find(statements, "The vaccine", "reduce", "hospital admissions")
    assert reduce.reported_by == said.index and reduce.modality == Modality.POSSIBLE


def test_quoted_promise(nlp):
    statements = extract(nlp, "“We will rebuild every house in this valley,” the governor said.")
    said = find(statements, "the governor", "say")
    rebuild = find(statements, "We", "rebuild", "every house")
    assert rebuild.reported_by == said.index and said.object_statement == rebuild.index
    assert rebuild.modality == Modality.FUTURE


def test_according_to(nlp):
    statements = extract(nlp, "Nobody was injured in the blast, according to the fire service.")
    source = find(statements, "the fire service", "say")
    injured = find(statements, "Nobody", "be_injure_in", "the blast")
    assert injured.negated and injured.reported_by == source.index
    assert source.rule.endswith("#attribution-according-to")


def test_nested_attribution(nlp):
    statements = extract(nlp, "The ministry said the general had denied that troops fired on civilians.")
    said = find(statements, "The ministry", "say")
    denied = find(statements, "the general", "deny")
    fired = find(statements, "troops", "fire_on", "civilians")
    assert said.object_statement == denied.index and denied.object_statement == fired.index
    assert (denied.reported_by, fired.reported_by) == (said.index, denied.index)
    assert [s.is_factual for s in (said, denied, fired)] == [True, False, False]


def test_quotation_over_two_sentences(nlp):
    statements = extract(nlp, "“The situation is very serious. We need more ambulances,” Ivan Petrov said.")
    said = next(s for s in statements if s.subject.text == "Ivan Petrov" and s.relation.key == "say")
    assert said.object.kind == MentionKind.QUOTE
    assert said.object.text == "The situation is very serious. We need more ambulances"
    serious = find(statements, "The situation", "be", "very serious")
    assert serious.quoted and not serious.is_factual


def test_quotation_over_two_sentences_links_every_sentence_to_the_speaker(nlp):
    statements = extract(nlp, "“The situation is very serious. We need more ambulances,” Ivan Petrov said.")
    said = next(s for s in statements if s.subject.text == "Ivan Petrov" and s.relation.key == "say")
    serious = find(statements, "The situation", "be", "very serious")
    assert serious.reported_by == said.index


def test_told_reporters_that(nlp):
    statements = extract(nlp, "Mayor Tom Reed told reporters that the water supply was safe.")
    safe = find(statements, "the water supply", "be", "safe")
    assert safe.reported_by is not None
    assert statements[safe.reported_by].subject.text == "Mayor Tom Reed"


# --- entity facts ---------------------------------------------------------------------

def test_age_and_home_town(nlp):
    text = "Tom Hale, 42, from Leeds, was rescued by the coastguard."
    statements = extract(nlp, text)
    rescued = find(statements, "the coastguard", "rescue", "Tom Hale")
    assert rescued.rule.endswith("#passive-agent")
    assert facts(nlp, text) == [("Tom Hale", "age", "42"), ("Tom Hale", "homeLocation", "Leeds")]


def test_a_port_city_is_stated_as_such(nlp):
    statements = extract(nlp, "Ships left the port city of Varna on Monday.")
    left = find(statements, "Ships", "leave", "the port city of Varna")
    assert [(a.role, a.value.text, a.category) for a in left.arguments] == [("on", "Monday", "time")]
    kind = find(statements, "Varna", "be", "port city")
    assert kind.rule == f"{ENTITY_FACTS.id}#name-modifier"
    assert kind.subject.label == "GPE"
    assert [s.index for s in statements] == list(range(len(statements)))


def test_the_city_of_x_stands_for_x(nlp):
    text = "The port city of Gdynia will host the summit in June."
    statements = extract(nlp, text)
    host = find(statements, "The port city of Gdynia", "host", "the summit")
    assert host.subject.kind == MentionKind.ENTITY
    assert text[host.subject.head_start:host.subject.head_end] == "Gdynia"


def test_who_was_forced_to_leave(nlp):
    statements = extract(nlp, "Flooding has forced thousands of residents to leave their homes.")
    texts = {s.subject.text for s in statements} | {s.object.text for s in statements if s.object}
    assert "thousands of residents" in texts


# --- with resolution ------------------------------------------------------------------

def test_pronouns_and_surnames_resolve_across_sentences(nlp):
    text = ("Anna Berg, the foreign minister, arrived in Vienna on Monday. Berg said she expected "
            "a deal. The European Union said it welcomed the visit.")
    doc = nlp(text)
    resolved = resolve_article(Extraction(
        article=Article(id="vienna", text=text), sentences=doc._.sentence_records,
        statements=doc._.statements, entity_facts=doc._.entity_facts, mentions=doc._.mentions))
    entities = {e.key: e for e in resolved.entities}
    assert entities["person/anna-berg"].aliases == ("Berg",)
    assert "organization/european-union" in entities
    said = find(doc._.statements, "Berg", "say")
    assert resolved.entity_for(said.subject) == "person/anna-berg"
    expected = find(doc._.statements, "she", "expect", "a deal")
    assert resolved.entity_for(expected.subject) == "person/anna-berg"
    welcomed = find(doc._.statements, "it", "welcome", "the visit")
    assert resolved.entity_for(welcomed.subject) == "organization/european-union"
