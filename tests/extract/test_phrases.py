"""Noun phrases and mentions: which tokens make an argument, and what it names."""

from __future__ import annotations

import pytest

from kgbuild.extract.phrases import entity_mentions, entity_of, mention_for, named_head, phrase_tokens
from kgbuild.types import MentionKind

from .docs import make_doc, token
from .sentences import ARRESTED, FIGURES_RELEASED, FORCED_TO_LEAVE, RAISED_RATES, REPORT_WHICH



WORKERS_AT = make_doc("Workers at the plant will strike.", """
    Workers      5 nsubj     NOUN  NNS  worker      O         Number=Plur
    at           0 prep      ADP   IN   at          O         _
    the          3 det       DET   DT   the         O         _
    plant        1 pobj      NOUN  NN   plant       O         Number=Sing
    will         5 aux       AUX   MD   will        O         _
    strike       5 ROOT      VERB  VB   strike      O         _
    .            5 punct     PUNCT .    .           O         _
""")

DEPUTY_BERG = make_doc("His deputy, Lars Berg, chaired the meeting.", """
    His          1 poss      PRON  PRP$ his         O         Number=Sing
    deputy       6 nsubj     NOUN  NN   deputy      O         Number=Sing
    ,            1 punct     PUNCT ,    ,           O         _
    Lars         4 compound  PROPN NNP  Lars        B-PERSON  Number=Sing
    Berg         1 appos     PROPN NNP  Berg        I-PERSON  Number=Sing
    ,            1 punct     PUNCT ,    ,           O         _
    chaired      6 ROOT      VERB  VBD  chair       O         _
    the          8 det       DET   DT   the         O         _
    meeting      6 dobj      NOUN  NN   meeting     O         Number=Sing
    .            6 punct     PUNCT .    .           O         _
""")


BERGS_DEPUTY = make_doc("Berg's deputy resigned.", """
    Berg         2 poss      PROPN NNP  Berg        B-PERSON  Number=Sing
    's           0 case      PART  POS  's          O         _
    deputy       3 nsubj     NOUN  NN   deputy      O         Number=Sing
    resigned     3 ROOT      VERB  VBD  resign      O         _
    .            3 punct     PUNCT .    .           O         _
""")

# The entity span of a possessive name can hold the "'s" (the model sometimes tags it so).
BERGS_DEPUTY_WIDE = make_doc("Berg's deputy resigned.", """
    Berg         2 poss      PROPN NNP  Berg        B-PERSON  Number=Sing
    's           0 case      PART  POS  's          I-PERSON  _
    deputy       3 nsubj     NOUN  NN   deputy      O         Number=Sing
    resigned     3 ROOT      VERB  VBD  resign      O         _
    .            3 punct     PUNCT .    .           O         _
""")



BERGS_MET = make_doc("Anna Berg met Lars Berg in Oslo. She later said he had agreed to the plan.", """
    Anna         1 compound  PROPN NNP  Anna        B-PERSON  Number=Sing
    Berg         2 nsubj     PROPN NNP  Berg        I-PERSON  Number=Sing
    met          2 ROOT      VERB  VBD  meet        O         _
    Lars         4 compound  PROPN NNP  Lars        B-PERSON  Number=Sing
    Berg         2 dobj      PROPN NNP  Berg        I-PERSON  Number=Sing
    in           4 prep      ADP   IN   in          O         _
    Oslo         5 pobj      PROPN NNP  Oslo        B-GPE     Number=Sing
    .            2 punct     PUNCT .    .           O         _
""", """
    She          2 nsubj     PRON  PRP  she         O         Number=Sing
    later        2 advmod    ADV   RB   later       O         _
    said         2 ROOT      VERB  VBD  say         O         _
    he           5 nsubj     PRON  PRP  he          O         Number=Sing
    had          5 aux       AUX   VBD  have        O         _
    agreed       2 ccomp     VERB  VBN  agree       O         _
    to           5 prep      ADP   IN   to          O         _
    the          8 det       DET   DT   the         O         _
    plan         6 pobj      NOUN  NN   plan        O         Number=Sing
    .            2 punct     PUNCT .    .           O         _
""")


GDYNIA = make_doc("The port city of Gdynia will host the summit in June.", """
    The          2 det       DET   DT   the         O         _
    port         2 compound  NOUN  NN   port        O         Number=Sing
    city         6 nsubj     NOUN  NN   city        O         Number=Sing
    of           2 prep      ADP   IN   of          O         _
    Gdynia       3 pobj      PROPN NNP  Gdynia      B-GPE     Number=Sing
    will         6 aux       AUX   MD   will        O         _
    host         6 ROOT      VERB  VB   host        O         _
    the          8 det       DET   DT   the         O         _
    summit       6 dobj      NOUN  NN   summit      O         Number=Sing
    in           6 prep      ADP   IN   in          O         _
    June         9 pobj      PROPN NNP  June        B-DATE    Number=Sing
    .            6 punct     PUNCT .    .           O         _
""")


def words(tokens) -> str:
    return " ".join(t.text for t in tokens)


# --- phrase_tokens --------------------------------------------------------------------

def test_phrase_leaves_out_a_relative_clause_and_its_commas():
    assert words(phrase_tokens(token(REPORT_WHICH, "report"))) == "The report"


def test_phrase_leaves_out_conjuncts_unless_asked():
    smith = token(ARRESTED, "Smith")
    assert words(phrase_tokens(smith)) == "Smith"
    assert words(phrase_tokens(smith, keep_conjuncts=True)) == "Smith and Jones"


def test_phrase_keeps_its_prepositional_modifier():
    assert words(phrase_tokens(token(WORKERS_AT, "Workers"))) == "Workers at the plant"


def test_phrase_leaves_out_an_apposition():
    assert words(phrase_tokens(token(DEPUTY_BERG, "deputy"))) == "His deputy"


def test_phrase_leaves_out_the_clause_it_is_asked_to():
    figures, released = token(FIGURES_RELEASED, "figures"), token(FIGURES_RELEASED, "released")
    assert words(phrase_tokens(figures)) == "figures released by the agency"
    assert words(phrase_tokens(figures, without=released)) == "figures"


# --- named_head / entity_of -----------------------------------------------------------

def test_named_head_of_a_role_with_an_apposed_name():
    assert named_head(token(DEPUTY_BERG, "deputy")).text == "Berg"
    assert named_head(token(DEPUTY_BERG, "meeting")).text == "meeting"


def test_named_head_of_the_city_of_a_place():
    city = token(GDYNIA, "city")
    assert named_head(city).text == "Gdynia"
    mention = mention_for(city, 0, is_subject=True)
    assert mention.text == "The port city of Gdynia"
    assert mention.kind == MentionKind.ENTITY
    assert GDYNIA.text[mention.head_start:mention.head_end] == "Gdynia"


def test_entity_of():
    span = entity_of(token(BERGS_MET, "Anna"))
    assert (span.text, span.label_) == ("Anna Berg", "PERSON")
    assert entity_of(token(BERGS_MET, "Berg", 1)).text == "Lars Berg"
    assert entity_of(token(BERGS_MET, "met")) is None


# --- mention_for ----------------------------------------------------------------------

def test_mention_of_a_named_entity():
    mention = mention_for(token(ARRESTED, "Jones"), 0)
    assert (mention.text, mention.kind, mention.label) == ("Jones", MentionKind.ENTITY, "PERSON")
    assert (mention.start, mention.end) == (ARRESTED.text.index("Jones"), len("Police arrested Smith and Jones"))
    assert mention.head_span == (mention.start, mention.end)
    assert mention.grammatical_number == "sing"
    assert not mention.is_subject


def test_mention_of_a_role_stands_for_the_apposed_name():
    mention = mention_for(token(DEPUTY_BERG, "deputy"), 3, is_subject=True)
    assert mention.text == "His deputy"
    assert mention.kind == MentionKind.ENTITY
    assert DEPUTY_BERG.text[mention.head_start:mention.head_end] == "Lars Berg"
    assert (mention.sentence, mention.is_subject) == (3, True)


@pytest.mark.parametrize("doc", [BERGS_DEPUTY, BERGS_DEPUTY_WIDE])
def test_mention_head_leaves_out_the_possessive(doc):
    mention = mention_for(token(doc, "Berg"), 0)
    assert mention.kind == MentionKind.ENTITY
    assert doc.text[mention.head_start:mention.head_end] == "Berg"


def test_mention_of_a_pronoun():
    mention = mention_for(token(BERGS_MET, "She"), 1, is_subject=True)
    assert (mention.text, mention.kind, mention.label) == ("She", MentionKind.PRONOUN, None)
    assert BERGS_MET.text[mention.head_start:mention.head_end] == "She"


def test_mention_of_a_date_is_a_value():
    mention = mention_for(token(RAISED_RATES, "Thursday"), 0)
    assert (mention.text, mention.kind, mention.label) == ("Thursday", MentionKind.VALUE, "DATE")


def test_counted_noun_is_a_phrase_not_a_number():
    mention = mention_for(token(FORCED_TO_LEAVE, "thousands"), 0)
    assert (mention.text, mention.kind) == ("thousands of residents", MentionKind.PHRASE)
    assert mention.grammatical_number == "plur"
    assert FORCED_TO_LEAVE.text[mention.head_start:mention.head_end] == "thousands"


def test_mention_of_a_common_noun_phrase():
    mention = mention_for(token(RAISED_RATES, "bank"), 0)
    assert (mention.text, mention.kind, mention.label) == ("The central bank", MentionKind.PHRASE, None)
    assert RAISED_RATES.text[mention.head_start:mention.head_end] == "bank"


# --- entity_mentions ------------------------------------------------------------------

def test_entity_mentions_lists_names_and_pronouns_in_text_order():
    sentence_of = {t.i: (0 if t.i < 8 else 1) for t in BERGS_MET}
    mentions = entity_mentions(BERGS_MET, sentence_of)
    assert [(m.text, m.kind, m.label, m.sentence, m.is_subject) for m in mentions] == [
        ("Anna Berg", MentionKind.ENTITY, "PERSON", 0, True),
        ("Lars Berg", MentionKind.ENTITY, "PERSON", 0, False),
        ("Oslo", MentionKind.ENTITY, "GPE", 0, False),
        ("She", MentionKind.PRONOUN, None, 1, True),
        ("he", MentionKind.PRONOUN, None, 1, True),
    ]
    assert all(m.head_span == (m.start, m.end) for m in mentions)


def test_entity_mentions_leave_out_values_and_relative_pronouns():
    assert entity_mentions(RAISED_RATES, {t.i: 0 for t in RAISED_RATES}) == []
    assert entity_mentions(REPORT_WHICH, {t.i: 0 for t in REPORT_WHICH}) == []


def test_entity_mentions_keep_possessive_pronouns_with_their_number():
    (their,) = entity_mentions(FORCED_TO_LEAVE, {t.i: 0 for t in FORCED_TO_LEAVE})
    assert (their.text, their.kind, their.grammatical_number) == ("their", MentionKind.PRONOUN, "plur")
