"""Precision rules (issue #14), each on a parse built by hand (en_core_web_sm 3.8's parse
of the sentence, copied once): what the article does not state in its own voice is never
asserted, and relation words read as English."""

from __future__ import annotations

from kgbuild.extract.relations import american_spelling, relation_key
from kgbuild.types import Modality

from .docs import make_doc, statements_of, triples

EXAMINING_WHETHER = make_doc('The committee is examining whether the director broke the rules.', """
    The           1 det       DET   DT   the         O          Definite=Def|PronType=Art
    committee     3 nsubj     NOUN  NN   committee   O          Number=Sing
    is            3 aux       AUX   VBZ  be          O          Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    examining     3 ROOT      VERB  VBG  examine     O          Aspect=Prog|Tense=Pres|VerbForm=Part
    whether       7 mark      SCONJ IN   whether     O          _
    the           6 det       DET   DT   the         O          Definite=Def|PronType=Art
    director      7 nsubj     NOUN  NN   director    O          Number=Sing
    broke         3 ccomp     VERB  VBD  break       O          Tense=Past|VerbForm=Fin
    the           9 det       DET   DT   the         O          Definite=Def|PronType=Art
    rules         7 dobj      NOUN  NNS  rule        O          Number=Plur
    .             3 punct     PUNCT .    .           O          PunctType=Peri
""")

QUESTION = make_doc('Did the minister lie to parliament?', """
    Did           3 aux       AUX   VBD  do          O          Tense=Past|VerbForm=Fin
    the           2 det       DET   DT   the         O          Definite=Def|PronType=Art
    minister      3 nsubj     NOUN  NN   minister    O          Number=Sing
    lie           3 ROOT      VERB  VB   lie         O          VerbForm=Inf
    to            3 prep      ADP   IN   to          O          _
    parliament    4 pobj      NOUN  NN   parliament  O          Number=Sing
    ?             3 punct     PUNCT .    ?           O          PunctType=Peri
""")

ARRESTED_FOR = make_doc('The man was arrested for stealing a car.', """
    The           1 det       DET   DT   the         O          Definite=Def|PronType=Art
    man           3 nsubjpass NOUN  NN   man         O          Number=Sing
    was           3 auxpass   AUX   VBD  be          O          Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin
    arrested      3 ROOT      VERB  VBN  arrest      O          Aspect=Perf|Tense=Past|VerbForm=Part
    for           3 prep      ADP   IN   for         O          _
    stealing      4 pcomp     VERB  VBG  steal       O          Aspect=Prog|Tense=Pres|VerbForm=Part
    a             7 det       DET   DT   a           O          Definite=Ind|PronType=Art
    car           5 dobj      NOUN  NN   car         O          Number=Sing
    .             3 punct     PUNCT .    .           O          PunctType=Peri
""")

DISCOVERED_THAT = make_doc('Officials discovered that the bridge had collapsed.', """
    Officials     1 nsubj     NOUN  NNS  official    O          Number=Plur
    discovered    1 ROOT      VERB  VBD  discover    O          Tense=Past|VerbForm=Fin
    that          6 mark      SCONJ IN   that        O          _
    the           4 det       DET   DT   the         O          Definite=Def|PronType=Art
    bridge        6 nsubj     NOUN  NN   bridge      O          Number=Sing
    had           6 aux       AUX   VBD  have        O          Tense=Past|VerbForm=Fin
    collapsed     1 ccomp     VERB  VBN  collapse    O          Aspect=Perf|Tense=Past|VerbForm=Part
    .             1 punct     PUNCT .    .           O          PunctType=Peri
""")

PLANS_TO_ALLEGE = make_doc('The regulator plans to allege that the bank misled its customers.', """
    The           1 det       DET   DT   the         O          Definite=Def|PronType=Art
    regulator     2 nsubj     NOUN  NN   regulator   O          Number=Sing
    plans         2 ROOT      VERB  VBZ  plan        O          Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    to            4 aux       PART  TO   to          O          _
    allege        2 xcomp     VERB  VB   allege      O          VerbForm=Inf
    that          8 mark      SCONJ IN   that        O          _
    the           7 det       DET   DT   the         O          Definite=Def|PronType=Art
    bank          8 nsubj     NOUN  NN   bank        O          Number=Sing
    misled        4 ccomp     VERB  VBD  mislead     O          Tense=Past|VerbForm=Fin
    its          10 poss      PRON  PRP$ its         O          Gender=Neut|Number=Sing|Person=3|Poss=Yes|PronType=Prs
    customers     8 dobj      NOUN  NNS  customer    O          Number=Plur
    .             2 punct     PUNCT .    .           O          PunctType=Peri
""")

ACCUSED_OF = make_doc('The union accused the company of hiding the losses.', """
    The           1 det       DET   DT   the         O          Definite=Def|PronType=Art
    union         2 nsubj     NOUN  NN   union       O          Number=Sing
    accused       2 ROOT      VERB  VBD  accuse      O          Tense=Past|VerbForm=Fin
    the           4 det       DET   DT   the         O          Definite=Def|PronType=Art
    company       2 dobj      NOUN  NN   company     O          Number=Sing
    of            2 prep      ADP   IN   of          O          _
    hiding        5 pcomp     VERB  VBG  hide        O          Aspect=Prog|Tense=Pres|VerbForm=Part
    the           8 det       DET   DT   the         O          Definite=Def|PronType=Art
    losses        6 dobj      NOUN  NNS  loss        O          Number=Plur
    .             2 punct     PUNCT .    .           O          PunctType=Peri
""")

ROLLED_BACK = make_doc('The board rolled back the price increase.', """
    The           1 det       DET   DT   the         O          Definite=Def|PronType=Art
    board         2 nsubj     NOUN  NN   board       O          Number=Sing
    rolled        2 ROOT      VERB  VBD  roll        O          Tense=Past|VerbForm=Fin
    back          2 advmod    ADV   RB   back        O          _
    the           6 det       DET   DT   the         O          Definite=Def|PronType=Art
    price         6 compound  NOUN  NN   price       O          Number=Sing
    increase      2 dobj      NOUN  NN   increase    O          Number=Sing
    .             2 punct     PUNCT .    .           O          PunctType=Peri
""")

HATES = make_doc('Apple hates the new law.', """
    Apple         1 nsubj     PROPN NNP  Apple       B-ORG      Number=Sing
    hates         1 ROOT      VERB  VBZ  hat         O          Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    the           4 det       DET   DT   the         O          Definite=Def|PronType=Art
    new           4 amod      ADJ   JJ   new         O          Degree=Pos
    law           1 dobj      NOUN  NN   law         O          Number=Sing
    .             1 punct     PUNCT .    .           O          PunctType=Peri
""")

AGREED_TO = make_doc('The two sides agreed to end the strike.', """
    The           2 det       DET   DT   the         O          Definite=Def|PronType=Art
    two           2 nummod    NUM   CD   two         B-CARDINAL NumType=Card
    sides         3 nsubj     NOUN  NNS  side        O          Number=Plur
    agreed        3 ROOT      VERB  VBD  agree       O          Tense=Past|VerbForm=Fin
    to            5 aux       PART  TO   to          O          _
    end           3 xcomp     VERB  VB   end         O          VerbForm=Inf
    the           7 det       DET   DT   the         O          Definite=Def|PronType=Art
    strike        5 dobj      NOUN  NN   strike      O          Number=Sing
    .             3 punct     PUNCT .    .           O          PunctType=Peri
""")

AT_NO_TIME = make_doc('At no time did the ministry say the talks had failed.', """
    At            6 prep      ADP   IN   at          O          _
    no            2 det       DET   DT   no          O          _
    time          0 pobj      NOUN  NN   time        O          Number=Sing
    did           6 aux       AUX   VBD  do          O          Tense=Past|VerbForm=Fin
    the           5 det       DET   DT   the         O          Definite=Def|PronType=Art
    ministry      6 nsubj     NOUN  NN   ministry    O          Number=Sing
    say           6 ROOT      VERB  VB   say         O          VerbForm=Inf
    the           8 det       DET   DT   the         O          Definite=Def|PronType=Art
    talks        10 nsubj     NOUN  NNS  talk        O          Number=Plur
    had          10 aux       AUX   VBD  have        O          Tense=Past|VerbForm=Fin
    failed        6 ccomp     VERB  VBN  fail        O          Aspect=Perf|Tense=Past|VerbForm=Part
    .             6 punct     PUNCT .    .           O          PunctType=Peri
""")

CLOSE_IF = make_doc('The factory will close if the deal collapses.', """
    The           1 det       DET   DT   the         O          Definite=Def|PronType=Art
    factory       3 nsubj     NOUN  NN   factory     O          Number=Sing
    will          3 aux       AUX   MD   will        O          VerbForm=Fin
    close         3 ROOT      VERB  VB   close       O          VerbForm=Inf
    if            7 mark      SCONJ IN   if          O          _
    the           6 det       DET   DT   the         O          Definite=Def|PronType=Art
    deal          7 nsubj     NOUN  NN   deal        O          Number=Sing
    collapses     3 advcl     VERB  VBZ  collapse    O          Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    .             3 punct     PUNCT .    .           O          PunctType=Peri
""")


def one(statements, subject, relation):
    matches = [s for s in statements if s.subject.text == subject and s.relation.key == relation]
    assert len(matches) == 1, f"({subject!r}, {relation!r}) not once in {triples(statements)}"
    return matches[0]


# --- kind 1 and 7: embedded, conditional, questioned, planned content ------------------

def test_a_whether_clause_under_a_verb_is_only_possible():
    broke = one(statements_of(EXAMINING_WHETHER), "the director", "break")
    assert broke.modality == Modality.POSSIBLE and not broke.is_factual


def test_a_question_states_nothing():
    (lie,) = statements_of(QUESTION)
    assert lie.modality == Modality.POSSIBLE and not lie.is_factual


def test_what_someone_is_arrested_for_is_not_asserted():
    statements = statements_of(ARRESTED_FOR)
    steal = one(statements, "The man", "steal")
    assert not steal.is_factual and steal.modality == Modality.HEDGED


def test_a_factive_verb_in_the_articles_voice_keeps_its_clause_asserted():
    collapsed = one(statements_of(DISCOVERED_THAT), "the bridge", "collapse")
    assert collapsed.modality == Modality.ASSERTED and collapsed.reported_by is None


def test_a_speech_verb_at_the_end_of_a_plan_reports_its_clause():
    statements = statements_of(PLANS_TO_ALLEGE)
    allege = one(statements, "The regulator", "plan_to_allege")
    misled = one(statements, "the bank", "mislead")
    assert allege.modality == Modality.INTENDED
    assert allege.object_statement == misled.index and misled.reported_by == allege.index
    assert not misled.is_factual


def test_an_accusation_reports_the_gerund_with_the_accused_as_its_subject():
    statements = statements_of(ACCUSED_OF)
    accused = one(statements, "The union", "accuse")
    hiding = one(statements, "the company", "hide")
    assert accused.is_factual and accused.object.text == "the company"
    assert hiding.reported_by == accused.index and not hiding.is_factual


def test_an_agreement_to_act_is_an_intention():
    (end,) = statements_of(AGREED_TO)
    assert (end.relation.key, end.modality) == ("agree_to_end", Modality.INTENDED)


def test_at_no_time_negates_the_clause():
    statements = statements_of(AT_NO_TIME)
    say = one(statements, "the ministry", "say")
    failed = one(statements, "the talks", "fail")
    assert say.negated and not failed.negated and failed.reported_by == say.index


def test_what_depends_on_a_condition_is_not_asserted():
    statements = statements_of(CLOSE_IF)
    close = one(statements, "The factory", "close")
    collapses = one(statements, "the deal", "collapse")
    assert close.modality == Modality.FUTURE and collapses.modality == Modality.POSSIBLE
    assert not close.is_factual and not collapses.is_factual


# --- kind 4 and 9: relation words ----------------------------------------------------

def test_an_adverb_particle_stays_in_the_relation():
    (rolled,) = statements_of(ROLLED_BACK)
    assert (rolled.relation.key, rolled.relation.surface) == ("roll_back", "rolled back")
    assert rolled.arguments == ()


def test_a_lemma_that_breaks_english_morphology_is_undone():
    (hates,) = statements_of(HATES)  # the lemmatizer says "hat"
    assert hates.relation.key == "hate"


def test_spelling_variants_share_one_key():
    assert relation_key(["criticise"]) == relation_key(["criticize"]) == "criticize"
    assert american_spelling("organised") == "organized"
    assert american_spelling("promised") == "promised" and american_spelling("surprise") == "surprise"


# A clause hung as the complement of a later verb that takes no clause is two clauses side
# by side ("X are broken, Y joined with tape"); a bare verb with its own subject after its
# governor ("left the champion trailing") is what the governor made happen.
SIDE_BY_SIDE = make_doc('The lamps are broken, cheap ones joined with tape.', """
    The           1 det       DET   DT   the         O          Definite=Def|PronType=Art
    lamps         3 nsubjpass NOUN  NNS  lamp        O          Number=Plur
    are           3 auxpass   AUX   VBP  be          O          Mood=Ind|Tense=Pres|VerbForm=Fin
    broken        7 ccomp     VERB  VBN  break       O          Aspect=Perf|Tense=Past|VerbForm=Part
    ,             7 punct     PUNCT ,    ,           O          PunctType=Comm
    cheap         6 amod      ADJ   JJ   cheap       O          Degree=Pos
    ones          7 nsubj     NOUN  NNS  one         O          Number=Plur
    joined        7 ROOT      VERB  VBN  join        O          Aspect=Perf|Tense=Past|VerbForm=Part
    with          7 prep      ADP   IN   with        O          _
    tape          8 pobj      NOUN  NN   tape        O          Number=Sing
    .             7 punct     PUNCT .    .           O          PunctType=Peri
""")

BEFORE_SAID = make_doc('The lamps are broken, officials said.', """
    The           1 det       DET   DT   the         O          Definite=Def|PronType=Art
    lamps         3 nsubjpass NOUN  NNS  lamp        O          Number=Plur
    are           3 auxpass   AUX   VBP  be          O          Mood=Ind|Tense=Pres|VerbForm=Fin
    broken        6 ccomp     VERB  VBN  break       O          Aspect=Perf|Tense=Past|VerbForm=Part
    ,             6 punct     PUNCT ,    ,           O          PunctType=Comm
    officials     6 nsubj     NOUN  NNS  official    O          Number=Plur
    said          6 ROOT      VERB  VBD  say         O          Tense=Past|VerbForm=Fin
    .             6 punct     PUNCT .    .           O          PunctType=Peri
""")

LEFT_TRAILING = make_doc('Smith left Berg trailing in fifth.', """
    Smith         1 nsubj     PROPN NNP  Smith       B-PERSON   Number=Sing
    left          1 ROOT      VERB  VBD  leave       O          Tense=Past|VerbForm=Fin
    Berg          3 nsubj     PROPN NNP  Berg        B-PERSON   Number=Sing
    trailing      1 ccomp     VERB  VBG  trail       O          Aspect=Prog|Tense=Pres|VerbForm=Part
    in            3 prep      ADP   IN   in          O          _
    fifth         4 pobj      ADJ   JJ   fifth       O          Degree=Pos
    .             1 punct     PUNCT .    .           O          PunctType=Peri
""")

AIMS_TO_HELP = make_doc('The tool aims to help users remove viruses.', """
    The           1 det       DET   DT   the         O          Definite=Def|PronType=Art
    tool          2 nsubj     NOUN  NN   tool        O          Number=Sing
    aims          2 ROOT      VERB  VBZ  aim         O          Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    to            4 aux       PART  TO   to          O          _
    help          2 xcomp     VERB  VB   help        O          VerbForm=Inf
    users         6 nsubj     NOUN  NNS  user        O          Number=Plur
    remove        4 ccomp     VERB  VB   remove      O          VerbForm=Inf
    viruses       6 dobj      NOUN  NNS  virus       O          Number=Plur
    .             2 punct     PUNCT .    .           O          PunctType=Peri
""")


def test_a_clause_side_by_side_with_a_later_verb_is_the_articles_own():
    from kgbuild.extract.embedding import embedding_modality

    assert embedding_modality(SIDE_BY_SIDE[3]) is None  # "are broken": stated, not embedded


def test_a_clause_before_a_verb_of_saying_stays_embedded():
    from kgbuild.extract.embedding import embedding_modality

    assert embedding_modality(BEFORE_SAID[3]) == Modality.HEDGED


def test_a_small_clause_after_leave_is_as_true_as_its_governor():
    from kgbuild.extract.embedding import embedding_modality

    assert embedding_modality(LEFT_TRAILING[3]) is None  # "Berg trailing in fifth": it happened


def test_what_a_subject_aims_to_help_do_is_intended():
    from kgbuild.extract.embedding import embedding_modality

    assert embedding_modality(AIMS_TO_HELP[6]) == Modality.INTENDED


BERG_CONTINUED = make_doc('"We are on track," Berg continued.', """
    "             8 punct     PUNCT ``   "           O          PunctSide=Ini|PunctType=Quot
    We            2 nsubj     PRON  PRP  we          O          Case=Nom|Number=Plur|Person=1|PronType=Prs
    are           8 ccomp     AUX   VBP  be          O          Mood=Ind|Tense=Pres|VerbForm=Fin
    on            2 prep      ADP   IN   on          O          _
    track         3 pobj      NOUN  NN   track       O          Number=Sing
    ,             8 punct     PUNCT ,    ,           O          PunctType=Comm
    "             8 punct     PUNCT ''   "           O          PunctSide=Fin|PunctType=Quot
    Berg          8 nsubj     PROPN NNP  Berg        B-PERSON   Number=Sing
    continued     8 ROOT      VERB  VBD  continue    O          Tense=Past|VerbForm=Fin
    .             8 punct     PUNCT .    .           O          PunctType=Peri
""")


def test_a_quote_that_its_speaker_continued_is_reported_by_them():
    statements = statements_of(BERG_CONTINUED)
    said = next(s for s in statements if s.subject.text == "Berg")
    assert said.relation.key == "say" and said.relation.surface == "continued"
    reported = next(s for s in statements if s.subject.text == "We")
    assert reported.reported_by == said.index and not reported.is_factual


# The parser hangs the name before "said" onto the quote (here as an apposition of "weak").
GLUED_SPEAKER = make_doc('"Sales were weak," chief executive Anna Berg said.', """
    "             10 punct    PUNCT ``   "           O          PunctSide=Ini|PunctType=Quot
    Sales         2 nsubj     NOUN  NNS  sale        O          Number=Plur
    were          10 ccomp    AUX   VBD  be          O          Mood=Ind|Tense=Past|VerbForm=Fin
    weak          2 acomp     ADJ   JJ   weak        O          Degree=Pos
    ,             3 punct     PUNCT ,    ,           O          PunctType=Comm
    "             3 punct     PUNCT ''   "           O          PunctSide=Fin|PunctType=Quot
    chief         7 amod      ADJ   JJ   chief       O          Degree=Pos
    executive     9 compound  NOUN  NN   executive   O          Number=Sing
    Anna          9 compound  PROPN NNP  Anna        B-PERSON   Number=Sing
    Berg          3 appos     PROPN NNP  Berg        I-PERSON   Number=Sing
    said          10 ROOT     VERB  VBD  say         O          Tense=Past|VerbForm=Fin
    .             10 punct    PUNCT .    .           O          PunctType=Peri
""")


def test_a_name_glued_onto_the_quote_is_the_speaker_of_the_verb_after_it():
    statements = statements_of(GLUED_SPEAKER)
    said = next(s for s in statements if s.relation.key == "say")
    assert "Anna Berg" in said.subject.text
    weak = next(s for s in statements if s.subject.text == "Sales")
    assert weak.reported_by == said.index and not weak.is_factual
