"""Parsed sentences that several rule families are tested on (see docs.py for the format)."""

from __future__ import annotations

from .docs import make_doc

ARRESTED = make_doc("Police arrested Smith and Jones.", """
    Police       1 nsubj     NOUN  NNS  Police      O         Number=Plur
    arrested     1 ROOT      VERB  VBD  arrest      O         _
    Smith        1 dobj      PROPN NNP  Smith       B-PERSON  Number=Sing
    and          2 cc        CCONJ CC   and         O         _
    Jones        2 conj      PROPN NNP  Jones       B-PERSON  Number=Sing
    .            1 punct     PUNCT .    .           O         _
""")

FIGURES_RELEASED = make_doc("The minister cited figures released by the agency.", """
    The          1 det       DET   DT   the         O         _
    minister     2 nsubj     NOUN  NN   minister    O         Number=Sing
    cited        2 ROOT      VERB  VBD  cite        O         _
    figures      2 dobj      NOUN  NNS  figure      O         Number=Plur
    released     3 acl       VERB  VBN  release     O         _
    by           4 agent     ADP   IN   by          O         _
    the          7 det       DET   DT   the         O         _
    agency       5 pobj      NOUN  NN   agency      O         Number=Sing
    .            2 punct     PUNCT .    .           O         _
""")

FORCED_TO_LEAVE = make_doc("Flooding has forced thousands of residents to leave their homes.", """
    Flooding     2 nsubj     NOUN  NN   flooding    O         Number=Sing
    has          2 aux       AUX   VBZ  have        O         Number=Sing
    forced       2 ROOT      VERB  VBN  force       O         _
    thousands    2 dobj      NOUN  NNS  thousand    B-CARDINAL Number=Plur
    of           3 prep      ADP   IN   of          O         _
    residents    4 pobj      NOUN  NNS  resident    O         Number=Plur
    to           7 aux       PART  TO   to          O         _
    leave        2 xcomp     VERB  VB   leave       O         _
    their        9 poss      PRON  PRP$ their       O         Number=Plur
    homes        7 dobj      NOUN  NNS  home        O         Number=Plur
    .            2 punct     PUNCT .    .           O         _
""")

GOING_TO = make_doc("The bank is going to cut jobs.", """
    The          1 det       DET   DT   the         O         _
    bank         3 nsubj     NOUN  NN   bank        O         Number=Sing
    is           3 aux       AUX   VBZ  be          O         Number=Sing
    going        3 ROOT      VERB  VBG  go          O         _
    to           5 aux       PART  TO   to          O         _
    cut          3 xcomp     VERB  VB   cut         O         _
    jobs         5 dobj      NOUN  NNS  job         O         Number=Plur
    .            3 punct     PUNCT .    .           O         _
""")

RAISED_RATES = make_doc("The central bank raised interest rates on Thursday.", """
    The          2 det       DET   DT   the         O         _
    central      2 amod      ADJ   JJ   central     O         _
    bank         3 nsubj     NOUN  NN   bank        O         Number=Sing
    raised       3 ROOT      VERB  VBD  raise       O         _
    interest     5 compound  NOUN  NN   interest    O         Number=Sing
    rates        3 dobj      NOUN  NNS  rate        O         Number=Plur
    on           3 prep      ADP   IN   on          O         _
    Thursday     6 pobj      PROPN NNP  Thursday    B-DATE    Number=Sing
    .            3 punct     PUNCT .    .           O         _
""")

REPORT_WHICH = make_doc("The report, which the agency published, criticised the police.", """
    The          1 det       DET   DT   the         O         _
    report       8 nsubj     NOUN  NN   report      O         Number=Sing
    ,            1 punct     PUNCT ,    ,           O         _
    which        6 dobj      PRON  WDT  which       O         _
    the          5 det       DET   DT   the         O         _
    agency       6 nsubj     NOUN  NN   agency      O         Number=Sing
    published    1 relcl     VERB  VBD  publish     O         _
    ,            1 punct     PUNCT ,    ,           O         _
    criticised   8 ROOT      VERB  VBD  criticise   O         _
    the         10 det       DET   DT   the         O         _
    police       8 dobj      NOUN  NNS  police      O         Number=Plur
    .            8 punct     PUNCT .    .           O         _
""")

YET_TO = make_doc("The army has yet to enter the town.", """
    The          1 det       DET   DT   the         O         _
    army         2 nsubj     NOUN  NN   army        O         Number=Sing
    has          2 ROOT      VERB  VBZ  have        O         Number=Sing
    yet          2 advmod    ADV   RB   yet         O         _
    to           5 aux       PART  TO   to          O         _
    enter        2 xcomp     VERB  VB   enter       O         _
    the          7 det       DET   DT   the         O         _
    town         5 dobj      NOUN  NN   town        O         Number=Sing
    .            2 punct     PUNCT .    .           O         _
""")
