"""Clause rules (`kgbuild.clauses.v1`): heads, subjects, relations, objects, arguments,
coordination, passives, copulas and relative clauses, on hand-built parses."""

from __future__ import annotations

import pytest

from kgbuild.extract.clauses import EXTRACTOR, clause_heads, collect_clause, emit_statements
from kgbuild.extract.registry import ATTRIBUTION
from kgbuild.extract.statements import sentence_records
from kgbuild.types import MentionKind, Modality

from .docs import make_doc, statements_of, token, triples
from .sentences import ARRESTED, FIGURES_RELEASED, FORCED_TO_LEAVE, GOING_TO, RAISED_RATES, REPORT_WHICH, YET_TO


# The model tags only "Jones" as a PERSON here; the parse is its own.
LEFT = make_doc("Smith and Jones left the building.", """
    Smith        3 nsubj     PROPN NNP  Smith       O         Number=Sing
    and          0 cc        CCONJ CC   and         O         _
    Jones        0 conj      PROPN NNP  Jones       B-PERSON  Number=Sing
    left         3 ROOT      VERB  VBD  leave       O         _
    the          5 det       DET   DT   the         O         _
    building     3 dobj      NOUN  NN   building    O         Number=Sing
    .            3 punct     PUNCT .    .           O         _
""")

STORMS = make_doc("Storms killed at least 12 people and destroyed hundreds of homes in the region.", """
    Storms       1 nsubj     NOUN  NNS  storm       O         Number=Plur
    killed       1 ROOT      VERB  VBN  kill        O         _
    at           3 advmod    ADV   RB   at          B-CARDINAL _
    least        4 advmod    ADV   RBS  least       I-CARDINAL _
    12           5 nummod    NUM   CD   12          I-CARDINAL _
    people       1 dobj      NOUN  NNS  people      O         Number=Plur
    and          1 cc        CCONJ CC   and         O         _
    destroyed    1 conj      VERB  VBD  destroy     O         _
    hundreds     7 dobj      NOUN  NNS  hundred     B-CARDINAL Number=Plur
    of           8 prep      ADP   IN   of          O         _
    homes        9 pobj      NOUN  NNS  home        O         Number=Plur
    in           7 prep      ADP   IN   in          O         _
    the         13 det       DET   DT   the         O         _
    region      11 pobj      NOUN  NN   region      O         Number=Sing
    .            1 punct     PUNCT .    .           O         _
""")

DESTROYED_BY = make_doc("The bridge was destroyed by the storm.", """
    The          1 det       DET   DT   the         O         _
    bridge       3 nsubjpass NOUN  NN   bridge      O         Number=Sing
    was          3 auxpass   AUX   VBD  be          O         Number=Sing
    destroyed    3 ROOT      VERB  VBN  destroy     O         _
    by           3 agent     ADP   IN   by          O         _
    the          6 det       DET   DT   the         O         _
    storm        4 pobj      NOUN  NN   storm       O         Number=Sing
    .            3 punct     PUNCT .    .           O         _
""")

KILLED_IN = make_doc("Three soldiers were killed in an ambush.", """
    Three        1 nummod    NUM   CD   three       B-CARDINAL _
    soldiers     3 nsubjpass NOUN  NNS  soldier     O         Number=Plur
    were         3 auxpass   AUX   VBD  be          O         _
    killed       3 ROOT      VERB  VBN  kill        O         _
    in           3 prep      ADP   IN   in          O         _
    an           6 det       DET   DT   an          O         _
    ambush       4 pobj      NOUN  NN   ambush      O         Number=Sing
    .            3 punct     PUNCT .    .           O         _
""")

BELIEVED_DEAD = make_doc("The senator is believed to have died in the crash.", """
    The          1 det       DET   DT   the         O         _
    senator      3 nsubjpass NOUN  NN   senator     O         Number=Sing
    is           3 auxpass   AUX   VBZ  be          O         Number=Sing
    believed     3 ROOT      VERB  VBN  believe     O         _
    to           6 aux       PART  TO   to          O         _
    have         6 aux       AUX   VB   have        O         _
    died         3 xcomp     VERB  VBN  die         O         _
    in           6 prep      ADP   IN   in          O         _
    the          9 det       DET   DT   the         O         _
    crash        7 pobj      NOUN  NN   crash       O         Number=Sing
    .            3 punct     PUNCT .    .           O         _
""")


WANTS_TO_BUY = make_doc("The firm wants to buy the rival.", """
    The          1 det       DET   DT   the         O         _
    firm         2 nsubj     NOUN  NN   firm        O         Number=Sing
    wants        2 ROOT      VERB  VBZ  want        O         Number=Sing
    to           4 aux       PART  TO   to          O         _
    buy          2 xcomp     VERB  VB   buy         O         _
    the          6 det       DET   DT   the         O         _
    rival        4 dobj      NOUN  NN   rival       O         Number=Sing
    .            2 punct     PUNCT .    .           O         _
""")

IS_A_LAWYER = make_doc("The mayor is a lawyer.", """
    The          1 det       DET   DT   the         O         _
    mayor        2 nsubj     NOUN  NN   mayor       O         Number=Sing
    is           2 ROOT      AUX   VBZ  be          O         Number=Sing
    a            4 det       DET   DT   a           O         _
    lawyer       2 attr      NOUN  NN   lawyer      O         Number=Sing
    .            2 punct     PUNCT .    .           O         _
""")

WAS_SAFE = make_doc("The water supply was safe.", """
    The          2 det       DET   DT   the         O         _
    water        2 compound  NOUN  NN   water       O         Number=Sing
    supply       3 nsubj     NOUN  NN   supply      O         Number=Sing
    was          3 ROOT      AUX   VBD  be          O         Number=Sing
    safe         3 acomp     ADJ   JJ   safe        O         _
    .            3 punct     PUNCT .    .           O         _
""")

DOG_CARRYING = make_doc("Rescuers found a dog carrying a puppy.", """
    Rescuers     1 nsubj     NOUN  NNS  rescuer     O         Number=Plur
    found        1 ROOT      VERB  VBD  find        O         _
    a            3 det       DET   DT   a           O         _
    dog          1 dobj      NOUN  NN   dog         O         Number=Sing
    carrying     3 acl       VERB  VBG  carry       O         _
    a            6 det       DET   DT   a           O         _
    puppy        4 dobj      NOUN  NN   puppy       O         Number=Sing
    .            1 punct     PUNCT .    .           O         _
""")


JUDGE_WHO = make_doc("The judge, who was appointed in 2019, rejected the appeal.", """
    The          1 det       DET   DT   the         O         _
    judge        9 nsubj     NOUN  NN   judge       O         Number=Sing
    ,            1 punct     PUNCT ,    ,           O         _
    who          5 nsubjpass PRON  WP   who         O         _
    was          5 auxpass   AUX   VBD  be          O         Number=Sing
    appointed    1 relcl     VERB  VBN  appoint     O         _
    in           5 prep      ADP   IN   in          O         _
    2019         6 pobj      NUM   CD   2019        B-DATE    _
    ,            1 punct     PUNCT ,    ,           O         _
    rejected     9 ROOT      VERB  VBD  reject      O         _
    the         11 det       DET   DT   the         O         _
    appeal       9 dobj      NOUN  NN   appeal      O         Number=Sing
    .            9 punct     PUNCT .    .           O         _
""")


FIRE_STARTED = make_doc("The fire started in the kitchen on Sunday.", """
    The          1 det       DET   DT   the         O         _
    fire         2 nsubj     NOUN  NN   fire        O         Number=Sing
    started      2 ROOT      VERB  VBD  start       O         _
    in           2 prep      ADP   IN   in          O         _
    the          5 det       DET   DT   the         O         _
    kitchen      3 pobj      NOUN  NN   kitchen     O         Number=Sing
    on           2 prep      ADP   IN   on          O         _
    Sunday       6 pobj      PROPN NNP  Sunday      B-DATE    Number=Sing
    .            2 punct     PUNCT .    .           O         _
""")

NO_SIGN = make_doc("There was no sign of the missing hikers.", """
    There        1 expl      PRON  EX   there       O         _
    was          1 ROOT      VERB  VBD  be          O         Number=Sing
    no           3 det       DET   DT   no          O         _
    sign         1 attr      NOUN  NN   sign        O         Number=Sing
    of           3 prep      ADP   IN   of          O         _
    the          7 det       DET   DT   the         O         _
    missing      7 amod      VERB  VBG  miss        O         _
    hikers       4 pobj      NOUN  NNS  hiker       O         Number=Plur
    .            1 punct     PUNCT .    .           O         _
""")


IMPERATIVE = make_doc("Call the police.", """
    Call         0 ROOT      VERB  VB   call        O         _
    the          2 det       DET   DT   the         O         _
    police       0 dobj      NOUN  NN   police      O         Number=Sing
    .            0 punct     PUNCT .    .           O         _
""")


OPERATION_TO_CLEAR = make_doc("The army launched an operation to clear the mines.", """
    The          1 det       DET   DT   the         O         _
    army         2 nsubj     NOUN  NN   army        O         Number=Sing
    launched     2 ROOT      VERB  VBD  launch      O         _
    an           4 det       DET   DT   an          O         _
    operation    2 dobj      NOUN  NN   operation   O         Number=Sing
    to           6 aux       PART  TO   to          O         _
    clear        2 advcl     VERB  VB   clear       O         _
    the          8 det       DET   DT   the         O         _
    mines        6 dobj      NOUN  NNS  mine        O         Number=Plur
    .            2 punct     PUNCT .    .           O         _
""")


EXPECTED_TO_RESIGN = make_doc("The minister is expected to resign on Friday.", """
    The          1 det       DET   DT   the         O         _
    minister     3 nsubjpass NOUN  NN   minister    O         Number=Sing
    is           3 auxpass   AUX   VBZ  be          O         Number=Sing
    expected     3 ROOT      VERB  VBN  expect      O         _
    to           5 aux       PART  TO   to          O         _
    resign       3 xcomp     VERB  VB   resign      O         _
    on           5 prep      ADP   IN   on          O         _
    Friday       6 pobj      PROPN NNP  Friday      B-DATE    Number=Sing
    .            3 punct     PUNCT .    .           O         _
""")


SIGNED_BY_NAME = make_doc("Berg signed the deal.", """
    Berg         1 nsubj     PROPN NNP  Berg        B-PERSON  Number=Sing
    signed       1 ROOT      VERB  VBD  sign        O         _
    the          3 det       DET   DT   the         O         _
    deal         1 dobj      NOUN  NN   deal        O         Number=Sing
    .            1 punct     PUNCT .    .           O         _
""")

SIGNED_BY_PHRASE = make_doc("The clerk signed the deal.", """
    The          1 det       DET   DT   the         O         _
    clerk        2 nsubj     NOUN  NN   clerk       O         Number=Sing
    signed       2 ROOT      VERB  VBD  sign        O         _
    the          4 det       DET   DT   the         O         _
    deal         2 dobj      NOUN  NN   deal        O         Number=Sing
    .            2 punct     PUNCT .    .           O         _
""")

SIGNED_BY_PRONOUN = make_doc("She signed the deal.", """
    She          1 nsubj     PRON  PRP  she         O         Number=Sing
    signed       1 ROOT      VERB  VBD  sign        O         _
    the          3 det       DET   DT   the         O         _
    deal         1 dobj      NOUN  NN   deal        O         Number=Sing
    .            1 punct     PUNCT .    .           O         _
""")


def only(doc):
    """The one clause of a one-clause sentence, collected."""
    heads = clause_heads(doc[:])
    assert len(heads) == 1, heads
    return collect_clause(heads[0])


# --- clause heads ---------------------------------------------------------------------

@pytest.mark.parametrize(("doc", "expected"), [
    (ARRESTED, ["arrested"]),
    (WANTS_TO_BUY, ["wants"]),  # the xcomp "buy" joins its matrix verb's relation
    (IS_A_LAWYER, ["is"]),  # a copula with a complement heads its clause
    (STORMS, ["killed", "destroyed"]),  # a coordinated verb heads a clause of its own
    (REPORT_WHICH, ["published", "criticised"]),
    (DOG_CARRYING, ["found", "carrying"]),
])
def test_clause_heads(doc, expected):
    assert [t.text for t in clause_heads(doc[:])] == expected


def test_clause_without_subject_gives_nothing():
    assert collect_clause(token(IMPERATIVE, "Call")) is None
    assert statements_of(IMPERATIVE) == ()


# --- collect: subjects, objects, voice ------------------------------------------------

def test_collect_active_clause():
    parts = only(ARRESTED)
    assert parts.verb.text == "arrested"
    assert [t.text for t in parts.subjects] == ["Police"]
    assert [t.text for t in parts.objects] == ["Smith", "Jones"]
    assert parts.relation_words == ["arrest"]
    assert [t.text for t in parts.surface] == ["arrested"]
    assert (parts.rule, parts.passive, parts.negated, parts.modality) == ("active", False, False, Modality.ASSERTED)


def test_collect_passive_with_agent_swaps_subject_and_object():
    parts = only(DESTROYED_BY)
    assert [t.text for t in parts.subjects] == ["storm"]
    assert [t.text for t in parts.objects] == ["bridge"]
    assert parts.rule == "passive-agent"
    assert parts.passive is False  # the relation is the active verb: the storm destroyed
    assert parts.relation_words == ["destroy"]
    assert [t.text for t in parts.surface] == ["was", "destroyed"]


def test_collect_passive_without_agent():
    parts = only(KILLED_IN)
    assert [t.text for t in parts.subjects] == ["soldiers"]
    assert parts.objects == []
    assert parts.passive is True
    assert parts.rule == "passive"
    assert [(role, value.text, category) for role, value, category in parts.arguments] == [
        ("in", "ambush", "other")]


def test_collect_hedging_raising_verb_leaves_the_relation():
    parts = only(BELIEVED_DEAD)
    assert parts.head.text == "believed"
    assert parts.verb.text == "died"
    assert parts.relation_words == ["die"]
    assert parts.modality == Modality.HEDGED
    assert parts.passive is False  # "is believed" is passive; "died" is not
    assert [t.text for t in parts.surface] == ["is", "believed", "to", "have", "died"]


def test_collect_intention_verb_stays_in_the_relation():
    parts = only(WANTS_TO_BUY)
    assert parts.relation_words == ["want", "to", "buy"]
    assert [t.text for t in parts.objects] == ["rival"]
    assert [t.text for t in parts.surface] == ["wants", "to", "buy"]


# --- emit: whole statements -----------------------------------------------------------

def test_object_coordination_gives_one_statement_per_object():
    statements = statements_of(ARRESTED)
    assert triples(statements) == [("Police", "arrest", "Smith"), ("Police", "arrest", "Jones")]
    for statement in statements:
        assert statement.rule == f"{EXTRACTOR}#active"
        assert statement.object.kind == MentionKind.ENTITY
        assert statement.object.label == "PERSON"
        assert statement.subject.is_subject and not statement.object.is_subject
        assert statement.is_factual
    assert [s.index for s in statements] == [0, 1]


def test_subject_coordination_gives_one_statement_per_subject():
    statements = statements_of(LEFT)
    assert triples(statements) == [("Smith", "leave", "the building"), ("Jones", "leave", "the building")]
    assert [s.subject.kind for s in statements] == [MentionKind.PHRASE, MentionKind.ENTITY]


def test_coordinated_verbs_share_the_subject_but_not_the_arguments():
    killed, destroyed = statements_of(STORMS)
    assert (killed.subject.text, killed.relation.key, killed.object.text) == ("Storms", "kill", "at least 12 people")
    assert killed.arguments == ()
    assert (destroyed.subject.text, destroyed.relation.key, destroyed.object.text) == (
        "Storms", "destroy", "hundreds of homes")
    assert [(a.role, a.value.text, a.category) for a in destroyed.arguments] == [("in", "the region", "other")]


def test_passive_with_agent_statement():
    (statement,) = statements_of(DESTROYED_BY)
    assert triples([statement]) == [("the storm", "destroy", "The bridge")]
    assert statement.rule == f"{EXTRACTOR}#passive-agent"
    assert statement.relation.surface == "was destroyed"
    assert statement.is_factual


def test_passive_without_agent_promotes_the_preposition():
    (statement,) = statements_of(KILLED_IN)
    assert statement.subject.text == "Three soldiers"
    assert statement.object.text == "an ambush"
    assert statement.rule == f"{EXTRACTOR}#passive-prepositional"
    assert statement.relation.surface == "were killed in"
    assert statement.arguments == ()


def test_passive_relation_key_is_made_of_lemmas():
    (statement,) = statements_of(KILLED_IN)
    assert statement.relation.key == "be_kill_in"


def test_hedged_death_keeps_the_content_verb_and_its_preposition():
    (statement,) = statements_of(BELIEVED_DEAD)
    assert triples([statement]) == [("The senator", "die_in", "the crash")]
    assert statement.relation.label == "die in"
    assert statement.relation.surface == "is believed to have died in"
    assert statement.modality == Modality.HEDGED
    assert not statement.negated
    assert not statement.is_factual
    assert statement.rule == f"{EXTRACTOR}#active-prepositional"


def test_have_yet_to_negates_the_complement():
    (statement,) = statements_of(YET_TO)
    assert triples([statement]) == [("The army", "enter", "the town")]
    assert statement.negated
    assert statement.modality == Modality.ASSERTED
    assert not statement.is_factual


def test_have_yet_to_surface_keeps_yet():
    (statement,) = statements_of(YET_TO)
    assert statement.relation.surface == "has yet to enter"


def test_matrix_verb_joins_the_relation():
    (statement,) = statements_of(WANTS_TO_BUY)
    assert triples([statement]) == [("The firm", "want_to_buy", "the rival")]
    assert statement.relation.label == "want to buy"
    assert not statement.negated


def test_copula_with_noun_complement():
    (statement,) = statements_of(IS_A_LAWYER)
    assert triples([statement]) == [("The mayor", "be", "a lawyer")]
    assert statement.rule == f"{EXTRACTOR}#copula"
    assert statement.object.kind == MentionKind.PHRASE


def test_copula_with_adjective_complement():
    (statement,) = statements_of(WAS_SAFE)
    assert triples([statement]) == [("The water supply", "be", "safe")]
    assert statement.rule == f"{EXTRACTOR}#copula-complement"
    assert statement.object.kind == MentionKind.VALUE


def test_reduced_relative_clause_is_a_statement_about_the_noun():
    found, carrying = statements_of(DOG_CARRYING)
    assert triples([found, carrying]) == [
        ("Rescuers", "find", "a dog carrying a puppy"), ("a dog", "carry", "a puppy")]
    assert carrying.is_factual


def test_relative_pronoun_object_is_the_antecedent():
    statements = statements_of(REPORT_WHICH)
    assert triples(statements) == [("the agency", "publish", "The report"),
                                   ("The report", "criticize", "the police")]


def test_relative_pronoun_subject_is_the_antecedent():
    appointed, rejected = statements_of(JUDGE_WHO)
    assert (appointed.subject.text, appointed.object.text) == ("The judge", "2019")
    assert appointed.rule == f"{EXTRACTOR}#passive-prepositional"
    assert appointed.object.kind == MentionKind.VALUE
    assert triples([rejected]) == [("The judge", "reject", "the appeal")]


def test_passive_participle_modifier_with_agent():
    cited, released = statements_of(FIGURES_RELEASED)
    assert triples([cited]) == [("The minister", "cite", "figures released by the agency")]
    assert triples([released]) == [("the agency", "release", "figures")]
    assert released.rule == f"{EXTRACTOR}#passive-agent"


def test_time_argument_stays_an_argument_when_there_is_an_object():
    (statement,) = statements_of(RAISED_RATES)
    assert triples([statement]) == [("The central bank", "raise", "interest rates")]
    (argument,) = statement.arguments
    assert (argument.role, argument.value.text, argument.category) == ("on", "Thursday", "time")
    assert argument.value.kind == MentionKind.VALUE


def test_promoted_preposition_is_the_first_that_is_not_a_time():
    (statement,) = statements_of(FIRE_STARTED)
    assert triples([statement]) == [("The fire", "start_in", "the kitchen")]
    assert statement.relation.surface == "started in"
    assert [(a.role, a.value.text, a.category) for a in statement.arguments] == [("on", "Sunday", "time")]


def test_existential_there_names_what_exists():
    (statement,) = statements_of(NO_SIGN)
    assert (statement.subject.text, statement.relation.key, statement.object) == (
        "no sign of the missing hikers", "exist", None)
    assert statement.negated
    assert statement.rule == f"{EXTRACTOR}#active-intransitive"


def test_emit_with_open_object_leaves_the_object_for_attribution():
    parts = only(ARRESTED)
    (sentence,) = sentence_records(ARRESTED)
    (draft,) = emit_statements(parts, sentence, open_object=True)
    assert draft.object is None
    assert draft.rule == f"{ATTRIBUTION.id}#attribution"
    assert draft.head.text == "arrested"


def test_statement_records_offsets_into_the_text():
    (statement, _) = statements_of(ARRESTED)
    text = ARRESTED.text
    assert text[statement.subject.start:statement.subject.end] == "Police"
    assert text[statement.object.head_start:statement.object.head_end] == "Smith"
    assert statement.sentence.text == text
    assert (statement.sentence.start, statement.sentence.end) == (0, len(text))


def test_going_to_is_future_not_a_relation_word():
    (statement,) = statements_of(GOING_TO)
    assert statement.modality == Modality.FUTURE
    assert triples([statement]) == [("The bank", "cut", "jobs")]


def test_purpose_infinitive_is_not_asserted():
    statements = statements_of(OPERATION_TO_CLEAR)
    assert triples(statements[:1]) == [("The army", "launch", "an operation")]
    assert statements[0].is_factual
    clear = [s for s in statements if s.relation.key == "clear"]
    assert all(not s.is_factual for s in clear)


def test_object_control_keeps_who_was_forced():
    statements = statements_of(FORCED_TO_LEAVE)
    phrases = {s.object.text for s in statements if s.object is not None} | {
        s.subject.text for s in statements}
    assert "thousands of residents" in phrases


def test_is_expected_to_hedges_the_complement():
    (statement,) = statements_of(EXPECTED_TO_RESIGN)
    assert statement.relation.key == "resign_on"
    assert statement.modality != Modality.ASSERTED
