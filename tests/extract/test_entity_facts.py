"""Facts read from around a name (`kgbuild.entity-facts.v1`): titles, ages, homes, is-a."""

from __future__ import annotations

from kgbuild.extract.clauses import DraftStatement
from kgbuild.extract.entity_facts import RULES, entity_facts
from kgbuild.extract.statements import sentence_records
from kgbuild.types import EntityFact, MentionKind

from .docs import make_doc

BERG_SAID = make_doc("Foreign minister Anna Berg said the talks had failed.", """
    Foreign      1 amod      ADJ   JJ   foreign     O         _
    minister     3 compound  NOUN  NN   minister    O         Number=Sing
    Anna         3 compound  PROPN NNP  Anna        B-PERSON  Number=Sing
    Berg         4 nsubj     PROPN NNP  Berg        I-PERSON  Number=Sing
    said         4 ROOT      VERB  VBD  say         O         _
    the          6 det       DET   DT   the         O         _
    talks        8 nsubj     NOUN  NNS  talk        O         Number=Plur
    had          8 aux       AUX   VBD  have        O         _
    failed       4 ccomp     VERB  VBN  fail        O         _
    .            4 punct     PUNCT .    .           O         _
""")

HALE_RESCUED = make_doc("Tom Hale, 42, from Leeds, was rescued by the coastguard.", """
    Tom          1 compound  PROPN NNP  Tom         B-PERSON  Number=Sing
    Hale         9 nsubjpass PROPN NNP  Hale        I-PERSON  Number=Sing
    ,            1 punct     PUNCT ,    ,           O         _
    42           1 appos     NUM   CD   42          B-DATE    _
    ,            1 punct     PUNCT ,    ,           O         _
    from         1 prep      ADP   IN   from        O         _
    Leeds        5 pobj      PROPN NNPS Leeds       B-GPE     Number=Plur
    ,            1 punct     PUNCT ,    ,           O         _
    was          9 auxpass   AUX   VBD  be          O         Number=Sing
    rescued      9 ROOT      VERB  VBN  rescue      O         _
    by           9 agent     ADP   IN   by          O         _
    the         12 det       DET   DT   the         O         _
    coastguard  10 pobj      NOUN  NN   coastguard  O         Number=Sing
    .            9 punct     PUNCT .    .           O         _
""")

KIM_APPOSITION = make_doc("Sara Kim, chief executive of Nordbank, resigned.", """
    Sara         1 compound  PROPN NNP  Sara        B-PERSON  Number=Sing
    Kim          8 nsubj     PROPN NNP  Kim         I-PERSON  Number=Sing
    ,            1 punct     PUNCT ,    ,           O         _
    chief        4 amod      ADJ   JJ   chief       O         _
    executive    1 appos     NOUN  NN   executive   O         Number=Sing
    of           4 prep      ADP   IN   of          O         _
    Nordbank     5 pobj      PROPN NNP  Nordbank    B-ORG     Number=Sing
    ,            1 punct     PUNCT ,    ,           O         _
    resigned     8 ROOT      VERB  VBD  resign      O         _
    .            8 punct     PUNCT .    .           O         _
""")

# The model leaves "Nordbank" untagged here; tagged ORG by hand to exercise the affiliation.
KIM_TITLED = make_doc("Nordbank director Sara Kim resigned.", """
    Nordbank     1 compound  PROPN NNP  Nordbank    B-ORG     Number=Sing
    director     3 compound  NOUN  NN   director    O         Number=Sing
    Sara         3 compound  PROPN NNP  Sara        B-PERSON  Number=Sing
    Kim          4 nsubj     PROPN NNP  Kim         I-PERSON  Number=Sing
    resigned     4 ROOT      VERB  VBD  resign      O         _
    .            4 punct     PUNCT .    .           O         _
""")

NOVAK_DECLINED = make_doc("The airline's spokeswoman, Lena Novak, declined to comment.", """
    The          1 det       DET   DT   the         O         _
    airline      3 poss      NOUN  NN   airline     O         Number=Sing
    's           1 case      PART  POS  's          O         _
    spokeswoman  8 nsubj     NOUN  NN   spokeswoman O         Number=Sing
    ,            3 punct     PUNCT ,    ,           O         _
    Lena         6 compound  PROPN NNP  Lena        B-PERSON  Number=Sing
    Novak        3 appos     PROPN NNP  Novak       I-PERSON  Number=Sing
    ,            3 punct     PUNCT ,    ,           O         _
    declined     8 ROOT      VERB  VBD  decline     O         _
    to          10 aux       PART  TO   to          O         _
    comment      8 xcomp     VERB  VB   comment     O         _
    .            8 punct     PUNCT .    .           O         _
""")

MS_BERG = make_doc("Ms Anna Berg resigned.", """
    Ms           2 compound  PROPN NNP  Ms          B-PERSON  Number=Sing
    Anna         2 compound  PROPN NNP  Anna        I-PERSON  Number=Sing
    Berg         3 nsubj     PROPN NNP  Berg        I-PERSON  Number=Sing
    resigned     3 ROOT      VERB  VBD  resign      O         _
    .            3 punct     PUNCT .    .           O         _
""")

VARNA = make_doc("Ships left the port city of Varna on Monday.", """
    Ships        1 nsubj     NOUN  NNS  ship        O         Number=Plur
    left         1 ROOT      VERB  VBD  leave       O         _
    the          4 det       DET   DT   the         O         _
    port         4 compound  NOUN  NN   port        O         Number=Sing
    city         1 dobj      NOUN  NN   city        O         Number=Sing
    of           4 prep      ADP   IN   of          O         _
    Varna        5 pobj      PROPN NNP  Varna       B-GPE     Number=Sing
    on           1 prep      ADP   IN   on          O         _
    Monday       7 pobj      PROPN NNP  Monday      B-DATE    Number=Sing
    .            1 punct     PUNCT .    .           O         _
""")

BURGAS = make_doc("The Black Sea port of Burgas reopened.", """
    The          3 det       DET   DT   the         O         _
    Black        2 compound  PROPN NNP  Black       B-LOC     Number=Sing
    Sea          3 compound  PROPN NNP  Sea         I-LOC     Number=Sing
    port         6 nsubj     NOUN  NN   port        O         Number=Sing
    of           3 prep      ADP   IN   of          O         _
    Burgas       4 pobj      PROPN NNP  Burgas      B-GPE     Number=Sing
    reopened     6 ROOT      VERB  VBD  reopen      O         _
    .            6 punct     PUNCT .    .           O         _
""")

# "the Danube port town Ruse": the kind nouns are compounds of the name. The model tags
# "Danube" PERSON and misses "Ruse"; the tags are corrected by hand.
RUSE = make_doc("Barges reached the Danube port town Ruse.", """
    Barges       1 nsubj     NOUN  NNS  barge       O         Number=Plur
    reached      1 ROOT      VERB  VBD  reach       O         _
    the          6 det       DET   DT   the         O         _
    Danube       5 compound  PROPN NNP  Danube      B-LOC     Number=Sing
    port         5 compound  NOUN  NN   port        O         Number=Sing
    town         6 compound  NOUN  NN   town        O         Number=Sing
    Ruse         1 dobj      PROPN NNP  Ruse        B-GPE     Number=Sing
    .            1 punct     PUNCT .    .           O         _
""")


def facts_of(doc) -> list[EntityFact | DraftStatement]:
    return list(entity_facts(doc, sentence_records(doc)))


def described(facts) -> list[tuple[str, str, str, str]]:
    """(subject phrase, attribute, value, rule) of each fact."""
    rows = []
    for fact in facts:
        assert isinstance(fact, EntityFact), fact
        value = fact.value if isinstance(fact.value, str) else fact.value.text
        rows.append((fact.subject.text, fact.attribute, value, fact.rule.split("#")[1]))
    return rows


def test_title_before_a_name():
    (fact,) = facts_of(BERG_SAID)
    assert described([fact]) == [("Foreign minister Anna Berg", "jobTitle", "Foreign minister", "title")]
    assert fact.rule == f"{RULES}#title"
    # the subject links to the name, not to the title words
    text = BERG_SAID.text
    assert text[fact.subject.head_start:fact.subject.head_end] == "Anna Berg"
    assert fact.subject.kind == MentionKind.ENTITY and fact.subject.label == "PERSON"
    assert fact.sentence.index == 0


def test_organisation_in_a_title_is_an_affiliation():
    title, affiliation = facts_of(KIM_TITLED)
    assert described([title]) == [("Nordbank director Sara Kim", "jobTitle", "Nordbank director", "title")]
    assert affiliation.attribute == "affiliation"
    assert affiliation.rule == f"{RULES}#title-affiliation"
    assert affiliation.value.kind == MentionKind.ENTITY
    assert (affiliation.value.text, affiliation.value.label) == ("Nordbank", "ORG")


def test_honorific_is_not_a_job_title():
    assert facts_of(MS_BERG) == []


def test_age_and_home_after_a_name():
    age, home = facts_of(HALE_RESCUED)
    assert described([age, home]) == [("Tom Hale", "age", "42", "age"), ("Tom Hale", "homeLocation", "Leeds", "origin")]
    assert isinstance(age.value, str)
    assert home.value.kind == MentionKind.ENTITY and home.value.label == "GPE"


def test_apposed_role_after_a_name():
    (fact,) = facts_of(KIM_APPOSITION)
    assert described([fact]) == [("Sara Kim", "jobTitle", "chief executive of Nordbank", "apposition")]


def test_name_apposed_to_a_role():
    (fact,) = facts_of(NOVAK_DECLINED)
    assert described([fact]) == [("Lena Novak", "jobTitle", "spokeswoman", "apposed-role")]


def test_the_city_of_a_place_is_an_is_a_statement():
    (statement,) = facts_of(VARNA)
    assert isinstance(statement, DraftStatement)
    assert (statement.subject.text, statement.relation.key, statement.object.text) == ("Varna", "be", "port city")
    assert statement.subject.kind == MentionKind.ENTITY and statement.subject.label == "GPE"
    assert statement.object.kind == MentionKind.PHRASE
    assert VARNA.text[statement.object.head_start:statement.object.head_end] == "city"
    assert statement.rule == f"{RULES}#name-modifier"


def test_the_port_of_a_place_keeps_the_modifier():
    # "Black Sea" is itself a LOC with no kind noun: only Burgas gets a statement.
    (statement,) = facts_of(BURGAS)
    assert (statement.subject.text, statement.relation.key, statement.object.text) == (
        "Burgas", "be", "Black Sea port")


def test_kind_nouns_compounded_with_a_name():
    (statement,) = facts_of(RUSE)
    assert (statement.relation.key, statement.object.text) == ("be", "Danube port town")
    subject = statement.subject
    assert RUSE.text[subject.head_start:subject.head_end] == "Ruse"
    assert subject.kind == MentionKind.ENTITY and subject.label == "GPE"


def test_no_facts_without_titles_or_kinds():
    plain = make_doc("Anna Berg resigned.", """
    Anna         1 compound  PROPN NNP  Anna        B-PERSON  Number=Sing
    Berg         2 nsubj     PROPN NNP  Berg        I-PERSON  Number=Sing
    resigned     2 ROOT      VERB  VBD  resign      O         _
    .            2 punct     PUNCT .    .           O         _
    """)
    assert facts_of(plain) == []
