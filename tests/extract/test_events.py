"""Nominal events and shared objects of coordinated verbs, on hand-built parses."""

from __future__ import annotations

from kgbuild.extract.registry import EVENTS
from kgbuild.extract.statements import extract_statements, sentence_records

from .docs import make_doc

WITH_AN_ATTACK = make_doc("The army widened its offensive with an attack on the port.", """
The        1 det   DET   DT   the       O _
army       2 nsubj NOUN  NN   army      O Number=Sing
widened    2 ROOT  VERB  VBD  widen     O Tense=Past|VerbForm=Fin
its        4 poss  PRON  PRP$ its       O Gender=Neut|Number=Sing|Person=3|Poss=Yes|PronType=Prs
offensive  2 dobj  NOUN  NN   offensive O Number=Sing
with       2 prep  ADP   IN   with      O _
an         7 det   DET   DT   an        O _
attack     5 pobj  NOUN  NN   attack    O Number=Sing
on         7 prep  ADP   IN   on        O _
the       10 det   DET   DT   the       O _
port       8 pobj  NOUN  NN   port      O Number=Sing
.          2 punct PUNCT .    .         O _
""")

DENIED_CAPTURE = make_doc("Rebels' capture of the airport was denied by the army.", """
Rebels    2 poss      PROPN NNP  Rebels  O Number=Sing
'         0 case      PART  POS  '       O _
capture   7 nsubjpass NOUN  NN   capture O Number=Sing
of        2 prep      ADP   IN   of      O _
the       5 det       DET   DT   the     O _
airport   3 pobj      NOUN  NN   airport O Number=Sing
was       7 auxpass   AUX   VBD  be      O _
denied    7 ROOT      VERB  VBN  deny    O Aspect=Perf|Tense=Past|VerbForm=Part
by        7 agent     ADP   IN   by      O _
the      10 det       DET   DT   the     O _
army      8 pobj      NOUN  NN   army    O Number=Sing
.         7 punct     PUNCT .    .       O _
""")

ARRESTED_AND_CHARGED = make_doc("Police arrested and charged the driver.", """
Police    1 nsubj NOUN  NNS Police  O Number=Plur
arrested  1 ROOT  VERB  VBD arrest  O Tense=Past|VerbForm=Fin
and       1 cc    CCONJ CC  and     O _
charged   1 conj  VERB  VBD charge  O Tense=Past|VerbForm=Fin
the       5 det   DET   DT  the     O _
driver    3 dobj  NOUN  NN  driver  O Number=Sing
.         1 punct PUNCT .   .       O _
""")


def statements(doc):
    return extract_statements(doc, sentence_records(doc))


def test_an_event_noun_in_a_with_phrase_takes_the_clause_subject_as_agent():
    events = [s for s in statements(WITH_AN_ATTACK) if s.rule.startswith(EVENTS.id)]
    assert [(s.subject.text, s.relation.key, s.object.text) for s in events] == [("The army", "attack", "the port")]
    assert events[0].is_factual


def test_a_possessor_is_the_agent_and_the_clause_flags_carry_over():
    capture = next(s for s in statements(DENIED_CAPTURE) if s.relation.key == "capture")
    assert (capture.subject.text, capture.object.text) == ("Rebels", "the airport")
    # the capture is only mentioned as something the army denied: never a plain fact
    assert not capture.is_factual


def test_an_event_noun_without_agent_or_patient_gives_nothing():
    assert not any(s.rule.startswith(EVENTS.id) for s in statements(ARRESTED_AND_CHARGED))


def test_coordinated_verbs_share_the_object():
    triples = {(s.subject.text, s.relation.key, s.object.text) for s in statements(ARRESTED_AND_CHARGED)}
    assert triples == {("Police", "arrest", "the driver"), ("Police", "charge", "the driver")}
