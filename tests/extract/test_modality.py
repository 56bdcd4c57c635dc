"""Negation and modality: whether, and how surely, a sentence states its clause."""

from __future__ import annotations

import pytest

from kgbuild.extract.modality import clause_modality, combine, has_yet_to, is_negated
from kgbuild.types import Modality

from .docs import make_doc, statements_of, token, triples
from .sentences import GOING_TO, YET_TO

DID_NOT_SIGN = make_doc("The minister did not sign the treaty.", """
    The          1 det       DET   DT   the         O         _
    minister     4 nsubj     NOUN  NN   minister    O         Number=Sing
    did          4 aux       AUX   VBD  do          O         _
    not          4 neg       PART  RB   not         O         _
    sign         4 ROOT      VERB  VB   sign        O         _
    the          6 det       DET   DT   the         O         _
    treaty       4 dobj      NOUN  NN   treaty      O         Number=Sing
    .            4 punct     PUNCT .    .           O         _
""")

SIGNED = make_doc("The minister signed the treaty.", """
    The          1 det       DET   DT   the         O         _
    minister     2 nsubj     NOUN  NN   minister    O         Number=Sing
    signed       2 ROOT      VERB  VBD  sign        O         _
    the          4 det       DET   DT   the         O         _
    treaty       2 dobj      NOUN  NN   treaty      O         Number=Sing
    .            2 punct     PUNCT .    .           O         _
""")

MAY_CLOSE = make_doc("The company may close the plant.", """
    The          1 det       DET   DT   the         O         _
    company      3 nsubj     NOUN  NN   company     O         Number=Sing
    may          3 aux       AUX   MD   may         O         _
    close        3 ROOT      VERB  VB   close       O         _
    the          5 det       DET   DT   the         O         _
    plant        3 dobj      NOUN  NN   plant       O         Number=Sing
    .            3 punct     PUNCT .    .           O         _
""")

NEVER_ENTERED = make_doc("Protesters never entered the parliament building.", """
    Protesters   2 nsubj     NOUN  NNS  protester   O         Number=Plur
    never        2 neg       ADV   RB   never       O         _
    entered      2 ROOT      VERB  VBD  enter       O         _
    the          5 det       DET   DT   the         O         _
    parliament   5 compound  NOUN  NN   parliament  O         Number=Sing
    building     2 dobj      NOUN  NN   building    O         Number=Sing
    .            2 punct     PUNCT .    .           O         _
""")

# The same sentence with "never" as an adverb (how other pipelines attach it).
NEVER_AS_ADVERB = make_doc("Protesters never entered the parliament building.", """
    Protesters   2 nsubj     NOUN  NNS  protester   O         Number=Plur
    never        2 advmod    ADV   RB   never       O         _
    entered      2 ROOT      VERB  VBD  enter       O         _
    the          5 det       DET   DT   the         O         _
    parliament   5 compound  NOUN  NN   parliament  O         Number=Sing
    building     2 dobj      NOUN  NN   building    O         Number=Sing
    .            2 punct     PUNCT .    .           O         _
""")

NO_DETAILS = make_doc("The ministry gave no details.", """
    The          1 det       DET   DT   the         O         _
    ministry     2 nsubj     NOUN  NN   ministry    O         Number=Sing
    gave         2 ROOT      VERB  VBD  give        O         _
    no           4 det       DET   DT   no          O         _
    details      2 dobj      NOUN  NNS  detail      O         Number=Plur
    .            2 punct     PUNCT .    .           O         _
""")

NOBODY_INJURED = make_doc("Nobody was injured in the blast.", """
    Nobody       2 nsubjpass PRON  NN   nobody      O         Number=Sing
    was          2 auxpass   AUX   VBD  be          O         Number=Sing
    injured      2 ROOT      VERB  VBN  injure      O         _
    in           2 prep      ADP   IN   in          O         _
    the          5 det       DET   DT   the         O         _
    blast        3 pobj      NOUN  NN   blast       O         Number=Sing
    .            2 punct     PUNCT .    .           O         _
""")

REPORTEDLY = make_doc("The airline reportedly cancelled 300 flights.", """
    The          1 det       DET   DT   the         O         _
    airline      3 nsubj     NOUN  NN   airline     O         Number=Sing
    reportedly   3 advmod    ADV   RB   reportedly  O         _
    cancelled    3 ROOT      VERB  VBD  cancel      O         _
    300          5 nummod    NUM   CD   300         B-CARDINAL _
    flights      3 dobj      NOUN  NNS  flight      O         Number=Plur
    .            3 punct     PUNCT .    .           O         _
""")

MUST_PAY = make_doc("Drivers must pay the toll.", """
    Drivers      2 nsubj     NOUN  NNS  driver      O         Number=Plur
    must         2 aux       AUX   MD   must        O         _
    pay          2 ROOT      VERB  VB   pay         O         _
    the          4 det       DET   DT   the         O         _
    toll         2 dobj      NOUN  NN   toll        O         Number=Sing
    .            2 punct     PUNCT .    .           O         _
""")

IF_FAIL = make_doc("If the talks fail, the union will strike.", """
    If           3 mark      SCONJ IN   if          O         _
    the          2 det       DET   DT   the         O         _
    talks        3 nsubj     NOUN  NNS  talk        O         Number=Plur
    fail         8 advcl     VERB  VBP  fail        O         _
    ,            8 punct     PUNCT ,    ,           O         _
    the          6 det       DET   DT   the         O         _
    union        8 nsubj     NOUN  NN   union       O         Number=Sing
    will         8 aux       AUX   MD   will        O         _
    strike       8 ROOT      VERB  VB   strike      O         _
    .            8 punct     PUNCT .    .           O         _
""")

COULD_NOT_REACH = make_doc("Firefighters could not reach the village.", """
    Firefighters 3 nsubj     NOUN  NNS  firefighter O         Number=Plur
    could        3 aux       AUX   MD   could       O         _
    not          3 neg       PART  RB   not         O         _
    reach        3 ROOT      VERB  VB   reach       O         _
    the          5 det       DET   DT   the         O         _
    village      3 dobj      NOUN  NN   village     O         Number=Sing
    .            3 punct     PUNCT .    .           O         _
""")

FAILED_TO_REACH = make_doc("The union failed to reach an agreement.", """
    The          1 det       DET   DT   the         O         _
    union        2 nsubj     NOUN  NN   union       O         Number=Sing
    failed       2 ROOT      VERB  VBD  fail        O         _
    to           4 aux       PART  TO   to          O         _
    reach        2 xcomp     VERB  VB   reach       O         _
    an           6 det       DET   DT   an          O         _
    agreement    4 dobj      NOUN  NN   agreement   O         Number=Sing
    .            2 punct     PUNCT .    .           O         _
""")

APPEARS_TO = make_doc("The ceasefire appears to have collapsed.", """
    The          1 det       DET   DT   the         O         _
    ceasefire    2 nsubj     NOUN  NN   ceasefire   O         Number=Sing
    appears      2 ROOT      VERB  VBZ  appear      O         Number=Sing
    to           5 aux       PART  TO   to          O         _
    have         5 aux       AUX   VB   have        O         _
    collapsed    2 xcomp     VERB  VBN  collapse    O         _
    .            2 punct     PUNCT .    .           O         _
""")

LIKELY_TO = make_doc("The company is likely to close the plant.", """
    The          1 det       DET   DT   the         O         _
    company      2 nsubj     NOUN  NN   company     O         Number=Sing
    is           2 ROOT      AUX   VBZ  be          O         Number=Sing
    likely       2 acomp     ADJ   JJ   likely      O         _
    to           5 aux       PART  TO   to          O         _
    close        3 xcomp     VERB  VB   close       O         _
    the          7 det       DET   DT   the         O         _
    plant        5 dobj      NOUN  NN   plant       O         Number=Sing
    .            2 punct     PUNCT .    .           O         _
""")

UNABLE_TO = make_doc("The rescuers were unable to reach the cave.", """
    The          1 det       DET   DT   the         O         _
    rescuers     2 nsubj     NOUN  NNS  rescuer     O         Number=Plur
    were         2 ROOT      AUX   VBD  be          O         _
    unable       2 acomp     ADJ   JJ   unable      O         _
    to           5 aux       PART  TO   to          O         _
    reach        3 xcomp     VERB  VB   reach       O         _
    the          7 det       DET   DT   the         O         _
    cave         5 dobj      NOUN  NN   cave        O         Number=Sing
    .            2 punct     PUNCT .    .           O         _
""")

ABLE_TO = make_doc("The firm was able to repay the loan.", """
    The          1 det       DET   DT   the         O         _
    firm         2 nsubj     NOUN  NN   firm        O         Number=Sing
    was          2 ROOT      AUX   VBD  be          O         Number=Sing
    able         2 acomp     ADJ   JJ   able        O         _
    to           5 aux       PART  TO   to          O         _
    repay        3 xcomp     VERB  VB   repay       O         _
    the          7 det       DET   DT   the         O         _
    loan         5 dobj      NOUN  NN   loan        O         Number=Sing
    .            2 punct     PUNCT .    .           O         _
""")




# --- is_negated -----------------------------------------------------------------------

@pytest.mark.parametrize(("doc", "verb", "negated"), [
    (DID_NOT_SIGN, "sign", True),  # "not" on the verb
    (NEVER_ENTERED, "entered", True),  # "never" parsed as neg
    (NEVER_AS_ADVERB, "entered", True),  # "never" parsed as advmod
    (NO_DETAILS, "gave", True),  # "no" on the object
    (NOBODY_INJURED, "injured", True),  # a negative pronoun as subject
    (COULD_NOT_REACH, "reach", True),
    (SIGNED, "signed", False),
    (MAY_CLOSE, "close", False),
    (YET_TO, "has", False),  # "yet" alone is not a negation: has_yet_to handles it
])
def test_is_negated(doc, verb, negated):
    assert is_negated(token(doc, verb)) is negated


def test_has_yet_to():
    assert has_yet_to(token(YET_TO, "has"))
    assert not has_yet_to(token(YET_TO, "enter"))
    assert not has_yet_to(token(FAILED_TO_REACH, "failed"))


# --- clause_modality ------------------------------------------------------------------

@pytest.mark.parametrize(("doc", "verb", "modality"), [
    (SIGNED, "signed", Modality.ASSERTED),
    (MAY_CLOSE, "close", Modality.POSSIBLE),
    (MUST_PAY, "pay", Modality.INTENDED),
    (IF_FAIL, "strike", Modality.FUTURE),
    (IF_FAIL, "fail", Modality.POSSIBLE),  # an "if" condition
    (REPORTEDLY, "cancelled", Modality.HEDGED),
    (GOING_TO, "cut", Modality.FUTURE),  # "is going to"
    (COULD_NOT_REACH, "reach", Modality.ASSERTED),  # past inability is a fact, not a possibility
])
def test_clause_modality(doc, verb, modality):
    assert clause_modality(token(doc, verb)) == modality


@pytest.mark.parametrize(("outer", "inner", "expected"), [
    (Modality.ASSERTED, Modality.ASSERTED, Modality.ASSERTED),
    (Modality.ASSERTED, Modality.FUTURE, Modality.FUTURE),
    (Modality.FUTURE, Modality.ASSERTED, Modality.FUTURE),
    (Modality.FUTURE, Modality.INTENDED, Modality.INTENDED),
    (Modality.HEDGED, Modality.INTENDED, Modality.HEDGED),
    (Modality.POSSIBLE, Modality.HEDGED, Modality.POSSIBLE),
    (Modality.HEDGED, Modality.POSSIBLE, Modality.POSSIBLE),
])
def test_combine_keeps_the_less_certain(outer, inner, expected):
    assert combine(outer, inner) == expected


# --- the flags on whole statements ----------------------------------------------------

@pytest.mark.parametrize(("doc", "triple", "negated", "modality"), [
    (DID_NOT_SIGN, ("The minister", "sign", "the treaty"), True, Modality.ASSERTED),
    (MAY_CLOSE, ("The company", "close", "the plant"), False, Modality.POSSIBLE),
    (NEVER_ENTERED, ("Protesters", "enter", "the parliament building"), True, Modality.ASSERTED),
    (REPORTEDLY, ("The airline", "cancel", "300 flights"), False, Modality.HEDGED),
    (MUST_PAY, ("Drivers", "pay", "the toll"), False, Modality.INTENDED),
    (COULD_NOT_REACH, ("Firefighters", "reach", "the village"), True, Modality.ASSERTED),
    (FAILED_TO_REACH, ("The union", "reach", "an agreement"), True, Modality.ASSERTED),
    (APPEARS_TO, ("The ceasefire", "collapse", None), False, Modality.HEDGED),
    (LIKELY_TO, ("The company", "close", "the plant"), False, Modality.POSSIBLE),
    (UNABLE_TO, ("The rescuers", "reach", "the cave"), True, Modality.ASSERTED),
    (ABLE_TO, ("The firm", "repay", "the loan"), False, Modality.ASSERTED),
    (YET_TO, ("The army", "enter", "the town"), True, Modality.ASSERTED),
])
def test_statement_flags(doc, triple, negated, modality):
    (statement,) = statements_of(doc)
    assert triples([statement]) == [triple]
    assert statement.negated is negated
    assert statement.modality == modality
    assert statement.is_factual is (not negated and modality == Modality.ASSERTED)


def test_condition_and_main_clause_get_their_own_modality():
    fail, strike = statements_of(IF_FAIL)
    assert triples([fail, strike]) == [("the talks", "fail", None), ("the union", "strike", None)]
    assert (fail.modality, strike.modality) == (Modality.POSSIBLE, Modality.FUTURE)


def test_relation_surface_keeps_the_negation_and_the_modal():
    assert statements_of(DID_NOT_SIGN)[0].relation.surface == "did not sign"
    assert statements_of(MAY_CLOSE)[0].relation.surface == "may close"
    assert statements_of(FAILED_TO_REACH)[0].relation.surface == "failed to reach"
    assert statements_of(UNABLE_TO)[0].relation.surface == "were unable to reach"
