"""Attribution: speech verbs nest what they report, "according to", and quotations."""

from __future__ import annotations

import pytest

from kgbuild.extract.attribution import (
    according_to,
    complement_heads,
    is_attribution_head,
    is_speech_verb,
    quotation_in,
    quotation_spanning,
    reporting_verb,
    speaker_outside,
)
from kgbuild.extract.clauses import EXTRACTOR
from kgbuild.extract.registry import ATTRIBUTION
from kgbuild.quotations import inside_quotation
from kgbuild.types import MentionKind, Modality

from .docs import make_doc, statements_of, token, triples

OFFICIALS_SAID = make_doc("Officials said the bridge was destroyed.", """
    Officials    1 nsubj     NOUN  NNS  official    O         Number=Plur
    said         1 ROOT      VERB  VBD  say         O         _
    the          3 det       DET   DT   the         O         _
    bridge       5 nsubjpass NOUN  NN   bridge      O         Number=Sing
    was          5 auxpass   AUX   VBD  be          O         Number=Sing
    destroyed    1 ccomp     VERB  VBN  destroy     O         _
    .            1 punct     PUNCT .    .           O         _
""")

SAID_TWO_THINGS = make_doc("Officials said the bridge had collapsed and two cars had fallen into the river.", """
    Officials    1 nsubj     NOUN  NNS  official    O         Number=Plur
    said         1 ROOT      VERB  VBD  say         O         _
    the          3 det       DET   DT   the         O         _
    bridge       5 nsubj     NOUN  NN   bridge      O         Number=Sing
    had          5 aux       AUX   VBD  have        O         _
    collapsed    1 ccomp     VERB  VBN  collapse    O         _
    and          5 cc        CCONJ CC   and         O         _
    two          8 nummod    NUM   CD   two         B-CARDINAL _
    cars        10 nsubj     NOUN  NNS  car         O         Number=Plur
    had         10 aux       AUX   VBD  have        O         _
    fallen       5 conj      VERB  VBN  fall        O         _
    into        10 prep      ADP   IN   into        O         _
    the         13 det       DET   DT   the         O         _
    river       11 pobj      NOUN  NN   river       O         Number=Sing
    .            1 punct     PUNCT .    .           O         _
""")

DENIES_POLLUTING = make_doc("The company denies polluting the river.", """
    The          1 det       DET   DT   the         O         _
    company      2 nsubj     NOUN  NN   company     O         Number=Sing
    denies       2 ROOT      VERB  VBZ  deny        O         Number=Sing
    polluting    2 xcomp     VERB  VBG  pollute     O         _
    the          5 det       DET   DT   the         O         _
    river        3 dobj      NOUN  NN   river       O         Number=Sing
    .            2 punct     PUNCT .    .           O         _
""")

POLICE_SAID_AFTER = make_doc("Heavy rain flooded the main road, the police said.", """
    Heavy        1 amod      ADJ   JJ   heavy       O         _
    rain         2 nsubj     NOUN  NN   rain        O         Number=Sing
    flooded      9 ccomp     VERB  VBD  flood       O         _
    the          5 det       DET   DT   the         O         _
    main         5 amod      ADJ   JJ   main        O         _
    road         2 dobj      NOUN  NN   road        O         Number=Sing
    ,            9 punct     PUNCT ,    ,           O         _
    the          8 det       DET   DT   the         O         _
    police       9 nsubj     NOUN  NNS  police      O         Number=Plur
    said         9 ROOT      VERB  VBD  say         O         _
    .            9 punct     PUNCT .    .           O         _
""")

IS_SAID_TO = make_doc("The governor is said to have resigned.", """
    The          1 det       DET   DT   the         O         _
    governor     3 nsubjpass NOUN  NN   governor    O         Number=Sing
    is           3 auxpass   AUX   VBZ  be          O         Number=Sing
    said         3 ROOT      VERB  VBN  say         O         _
    to           6 aux       PART  TO   to          O         _
    have         6 aux       AUX   VB   have        O         _
    resigned     3 xcomp     VERB  VBN  resign      O         _
    .            3 punct     PUNCT .    .           O         _
""")

ACCORDING_TO = make_doc("Nobody was injured in the blast, according to the fire service.", """
    Nobody       2 nsubjpass PRON  NN   nobody      O         Number=Sing
    was          2 auxpass   AUX   VBD  be          O         Number=Sing
    injured      2 ROOT      VERB  VBN  injure      O         _
    in           2 prep      ADP   IN   in          O         _
    the          5 det       DET   DT   the         O         _
    blast        3 pobj      NOUN  NN   blast       O         Number=Sing
    ,            2 punct     PUNCT ,    ,           O         _
    according    2 prep      VERB  VBG  accord      O         _
    to           7 prep      ADP   IN   to          O         _
    the         11 det       DET   DT   the         O         _
    fire        11 compound  NOUN  NN   fire        O         Number=Sing
    service      8 pobj      NOUN  NN   service     O         Number=Sing
    .            2 punct     PUNCT .    .           O         _
""")

SAID_ON_TUESDAY = make_doc(
    "The health ministry said on Tuesday that 40 patients had been evacuated from the hospital.", """
    The          2 det       DET   DT   the         O         _
    health       2 compound  NOUN  NN   health      O         Number=Sing
    ministry     3 nsubj     NOUN  NN   ministry    O         Number=Sing
    said         3 ROOT      VERB  VBD  say         O         _
    on           3 prep      ADP   IN   on          O         _
    Tuesday      4 pobj      PROPN NNP  Tuesday     B-DATE    Number=Sing
    that        11 mark      SCONJ IN   that        O         _
    40           8 nummod    NUM   CD   40          B-CARDINAL _
    patients    11 nsubjpass NOUN  NNS  patient     O         Number=Plur
    had         11 aux       AUX   VBD  have        O         _
    been        11 auxpass   AUX   VBN  be          O         _
    evacuated    3 ccomp     VERB  VBN  evacuate    O         _
    from        11 prep      ADP   IN   from        O         _
    the         14 det       DET   DT   the         O         _
    hospital    12 pobj      NOUN  NN   hospital    O         Number=Sing
    .            3 punct     PUNCT .    .           O         _
""")

NESTED_DENIAL = make_doc("The ministry said the general had denied that troops fired on civilians.", """
    The          1 det       DET   DT   the         O         _
    ministry     2 nsubj     NOUN  NN   ministry    O         Number=Sing
    said         2 ROOT      VERB  VBD  say         O         _
    the          4 det       DET   DT   the         O         _
    general      6 nsubj     NOUN  NN   general     O         Number=Sing
    had          6 aux       AUX   VBD  have        O         _
    denied       2 ccomp     VERB  VBN  deny        O         _
    that         9 mark      SCONJ IN   that        O         _
    troops       9 nsubj     NOUN  NNS  troop       O         Number=Plur
    fired        6 ccomp     VERB  VBD  fire        O         _
    on           9 prep      ADP   IN   on          O         _
    civilians   10 pobj      NOUN  NNS  civilian    O         Number=Plur
    .            2 punct     PUNCT .    .           O         _
""")

TOLD_REPORTERS = make_doc("Mayor Tom Reed told reporters that the water supply was safe.", """
    Mayor        2 compound  PROPN NNP  Mayor       O         Number=Sing
    Tom          2 compound  PROPN NNP  Tom         B-PERSON  Number=Sing
    Reed         3 nsubj     PROPN NNP  Reed        I-PERSON  Number=Sing
    told         3 ROOT      VERB  VBD  tell        O         _
    reporters    3 dobj      NOUN  NNS  reporter    O         Number=Plur
    that         9 mark      SCONJ IN   that        O         _
    the          8 det       DET   DT   the         O         _
    water        8 compound  NOUN  NN   water       O         Number=Sing
    supply       9 nsubj     NOUN  NN   supply      O         Number=Sing
    was          3 ccomp     AUX   VBD  be          O         Number=Sing
    safe         9 acomp     ADJ   JJ   safe        O         _
    .            3 punct     PUNCT .    .           O         _
""")

QUOTE_ONE_SENTENCE = make_doc("“We will rebuild every house in this valley,” the governor said.", """
    “           13 punct     PUNCT ``   "           O         _
    We           3 nsubj     PRON  PRP  we          O         Number=Plur
    will         3 aux       AUX   MD   will        O         _
    rebuild     13 ccomp     VERB  VB   rebuild     O         _
    every        5 det       DET   DT   every       O         _
    house        3 dobj      NOUN  NN   house       O         Number=Sing
    in           3 prep      ADP   IN   in          O         _
    this         8 det       DET   DT   this        O         Number=Sing
    valley       6 pobj      NOUN  NN   valley      O         Number=Sing
    ,           13 punct     PUNCT ,    ,           O         _
    ”           13 punct     PUNCT ''   "           O         _
    the         12 det       DET   DT   the         O         _
    governor    13 nsubj     NOUN  NN   governor    O         Number=Sing
    said        13 ROOT      VERB  VBD  say         O         _
    .           13 punct     PUNCT .    .           O         _
""")

_SERIOUS = """
    {open}           3 punct     PUNCT ``   "           O         _
    The          2 det       DET   DT   the         O         _
    situation    3 nsubj     NOUN  NN   situation   O         Number=Sing
    is           3 ROOT      AUX   VBZ  be          O         Number=Sing
    very         5 advmod    ADV   RB   very        O         _
    serious      3 acomp     ADJ   JJ   serious     O         _
    .            3 punct     PUNCT .    .           O         _
"""

_AMBULANCES = """
    We           1 nsubj     PRON  PRP  we          O         Number=Plur
    need         8 ccomp     VERB  VBP  need        O         _
    more         3 amod      ADJ   JJR  more        O         _
    ambulances   1 dobj      NOUN  NNS  ambulance   O         Number=Plur
    ,            8 punct     PUNCT ,    ,           O         _
    {close}            8 punct     PUNCT ''   "           O         _
    Ivan         7 compound  PROPN NNP  Ivan        B-PERSON  Number=Sing
    Petrov       8 nsubj     PROPN NNP  Petrov      I-PERSON  Number=Sing
    said         8 ROOT      VERB  VBD  say         O         _
    .            8 punct     PUNCT .    .           O         _
"""

QUOTE_TWO_SENTENCES = make_doc(
    "“The situation is very serious. We need more ambulances,” Ivan Petrov said.",
    _SERIOUS.format(open="“"), _AMBULANCES.format(close="”"))

QUOTE_TWO_SENTENCES_STRAIGHT = make_doc(
    '"The situation is very serious. We need more ambulances," Ivan Petrov said.',
    _SERIOUS.format(open='"'), _AMBULANCES.format(close='"'))

QUOTE_BEFORE_SPEAKER = make_doc("“A long night for everyone,” negotiator Omar Haddad said.", """
    “           11 punct     PUNCT ``   "           O         _
    A            3 det       DET   DT   a           B-TIME    _
    long         3 amod      ADJ   JJ   long        I-TIME    _
    night       11 npadvmod  NOUN  NN   night       I-TIME    Number=Sing
    for          3 prep      ADP   IN   for         O         _
    everyone     4 pobj      PRON  NN   everyone    O         Number=Sing
    ,           11 punct     PUNCT ,    ,           O         _
    ”           11 punct     PUNCT ''   "           O         _
    negotiator  10 compound  NOUN  NN   negotiator  O         Number=Sing
    Omar        10 compound  PROPN NNP  Omar        B-PERSON  Number=Sing
    Haddad      11 nsubj     PROPN NNP  Haddad      I-PERSON  Number=Sing
    said        11 ROOT      VERB  VBD  say         O         _
    .           11 punct     PUNCT .    .           O         _
""")

SCARE_QUOTES = make_doc("The mayor called the plan “a disaster”.", """
    The          1 det       DET   DT   the         O         _
    mayor        2 nsubj     NOUN  NN   mayor       O         Number=Sing
    called       2 ROOT      VERB  VBD  call        O         _
    the          4 det       DET   DT   the         O         _
    plan         2 dobj      NOUN  NN   plan        O         Number=Sing
    “            4 punct     PUNCT ``   "           O         _
    a            7 det       DET   DT   a           O         _
    disaster     4 appos     NOUN  NN   disaster    O         Number=Sing
    ”            2 punct     PUNCT ''   "           O         _
    .            2 punct     PUNCT .    .           O         _
""")


# --- the word-level rules -------------------------------------------------------------

def test_is_speech_verb():
    assert is_speech_verb(token(OFFICIALS_SAID, "said"))
    assert is_speech_verb(token(DENIES_POLLUTING, "denies"))
    assert not is_speech_verb(token(OFFICIALS_SAID, "destroyed"))
    assert not is_speech_verb(token(SCARE_QUOTES, "called"))


def test_a_passive_speech_verb_is_a_hedge_not_an_attribution():
    assert is_attribution_head(token(OFFICIALS_SAID, "said"))
    assert not is_attribution_head(token(IS_SAID_TO, "said"))


@pytest.mark.parametrize(("doc", "verb", "expected"), [
    (OFFICIALS_SAID, "said", ["destroyed"]),
    (SAID_TWO_THINGS, "said", ["collapsed", "fallen"]),  # coordinated complements
    (DENIES_POLLUTING, "denies", ["polluting"]),  # a gerund complement
    (POLICE_SAID_AFTER, "said", ["flooded"]),  # "A happened, X said"
    (SAID_ON_TUESDAY, "said", ["evacuated"]),
    (OFFICIALS_SAID, "destroyed", []),  # not a speech verb
])
def test_complement_heads(doc, verb, expected):
    assert [t.text for t in complement_heads(token(doc, verb))] == expected


@pytest.mark.parametrize(("doc", "clause", "expected"), [
    (OFFICIALS_SAID, "destroyed", "said"),
    (SAID_TWO_THINGS, "fallen", "said"),  # a conjunct of the reported clause
    (NESTED_DENIAL, "fired", "denied"),  # the nearest speech verb reports it
    (NESTED_DENIAL, "denied", "said"),
    (OFFICIALS_SAID, "said", None),
])
def test_reporting_verb(doc, clause, expected):
    verb = reporting_verb(token(doc, clause))
    assert (verb.text if verb is not None else None) == expected


def test_according_to_names_the_source():
    source = according_to(token(ACCORDING_TO, "injured"))
    assert source is not None and source.text == "service"
    assert according_to(token(OFFICIALS_SAID, "said")) is None


def test_inside_quotation():
    text = 'He said “we will stay” and left. “Go home,” she said. Then "wait" here.'
    assert inside_quotation(text, text.index("will"), text.index("will") + 4)
    assert not inside_quotation(text, text.index("left"), text.index("left") + 4)
    assert inside_quotation(text, text.index("home"), text.index("home") + 4)
    assert inside_quotation(text, text.index("wait"), text.index("wait") + 4)  # straight quotes
    assert not inside_quotation(text, text.index("here"), text.index("here") + 4)


def test_inside_quotation_stops_at_a_paragraph():
    text = "“An unclosed quote runs on\n\nto the next paragraph."
    assert not inside_quotation(text, text.index("next"), text.index("next") + 4)


def test_quotation_in_needs_enough_words_to_be_speech():
    called = token(SCARE_QUOTES, "called")
    sentence = SCARE_QUOTES[:]
    assert quotation_in(called, sentence) is None  # "a disaster": scare quotes
    start, end = quotation_in(called, sentence, min_words=2)
    assert SCARE_QUOTES.text[start:end] == "a disaster"


def test_quotation_in_finds_the_quote_of_its_sentence():
    said = token(QUOTE_ONE_SENTENCE, "said")
    start, end = quotation_in(said, QUOTE_ONE_SENTENCE[:])
    assert QUOTE_ONE_SENTENCE.text[start:end] == "We will rebuild every house in this valley,"


def test_quotation_spanning_reaches_back_to_where_the_quote_opened():
    said = token(QUOTE_TWO_SENTENCES, "said")
    last_sentence = list(QUOTE_TWO_SENTENCES.sents)[1]
    start, end = quotation_spanning(said, last_sentence)
    assert QUOTE_TWO_SENTENCES.text[start:end] == "The situation is very serious. We need more ambulances,"


def test_quotation_spanning_needs_a_quote_closed_before_the_verb():
    said = token(QUOTE_ONE_SENTENCE, "said")
    assert quotation_spanning(said, QUOTE_ONE_SENTENCE[:]) is None  # opened in its own sentence
    assert quotation_spanning(token(OFFICIALS_SAID, "said"), OFFICIALS_SAID[:]) is None


def test_quotation_spanning_with_straight_quotes():
    doc = QUOTE_TWO_SENTENCES_STRAIGHT
    said = token(doc, "said")
    span = quotation_spanning(said, list(doc.sents)[1])
    assert span is not None
    assert doc.text[span[0]:span[1]] == "The situation is very serious. We need more ambulances,"


def test_speaker_outside_replaces_a_subject_taken_from_inside_the_quote():
    doc = QUOTE_BEFORE_SPEAKER
    quote = (doc.text.index("A long"), doc.text.index("”"))
    (speaker,) = speaker_outside([token(doc, "night")], quote, doc[:])
    assert speaker.text == "Haddad"
    # a subject outside the quote is kept
    assert speaker_outside([token(doc, "Haddad")], quote, doc[:]) == [token(doc, "Haddad")]


# --- whole statements -----------------------------------------------------------------

def test_said_nests_the_reported_statement():
    say, destroyed = statements_of(OFFICIALS_SAID)
    assert triples([say, destroyed]) == [("Officials", "say", "#1"), ("the bridge", "be_destroy", None)]
    assert say.object is None and say.object_statement == 1
    assert say.rule == f"{ATTRIBUTION.id}#attribution"
    assert say.is_factual  # the article asserts that officials said it
    assert destroyed.reported_by == 0
    assert destroyed.rule == f"{EXTRACTOR}#passive-intransitive"
    assert destroyed.modality == Modality.ASSERTED and not destroyed.negated
    assert not destroyed.is_factual  # ... but not that the bridge was destroyed


def test_coordinated_reported_clauses_each_get_a_speech_statement():
    statements = statements_of(SAID_TWO_THINGS)
    assert triples(statements) == [
        ("Officials", "say", "#2"), ("Officials", "say", "#3"),
        ("the bridge", "collapse", None), ("two cars", "fall_into", "the river")]
    assert [s.reported_by for s in statements] == [None, None, 0, 0]
    assert [s.is_factual for s in statements] == [True, True, False, False]


def test_denial_reports_the_denied_clause():
    deny, pollute = statements_of(DENIES_POLLUTING)
    assert triples([deny, pollute]) == [("The company", "deny", "#1"), ("The company", "pollute", "the river")]
    assert pollute.reported_by == 0
    assert not pollute.is_factual


def test_speaker_after_the_clause():
    flooded, said = statements_of(POLICE_SAID_AFTER)
    assert triples([flooded, said]) == [("Heavy rain", "flood", "the main road"), ("the police", "say", "#0")]
    assert flooded.reported_by == 1
    assert not flooded.is_factual and said.is_factual


def test_passive_say_hedges_instead_of_attributing():
    (statement,) = statements_of(IS_SAID_TO)
    assert triples([statement]) == [("The governor", "resign", None)]
    assert statement.modality == Modality.HEDGED
    assert statement.reported_by is None
    assert statement.relation.surface == "is said to have resigned"


def test_according_to_makes_a_say_statement():
    injured, say = statements_of(ACCORDING_TO)
    assert triples([injured, say]) == [("Nobody", "be_injure_in", "the blast"), ("the fire service", "say", "#0")]
    assert injured.negated
    assert injured.reported_by == 1
    assert say.rule == f"{ATTRIBUTION.id}#attribution-according-to"
    assert say.relation.surface == "according to"
    assert say.is_factual
    assert not any(a.role == "according" for a in injured.arguments)


def test_time_of_the_speech_stays_on_the_speech_statement():
    say, evacuated = statements_of(SAID_ON_TUESDAY)
    assert triples([say, evacuated]) == [
        ("The health ministry", "say", "#1"), ("40 patients", "be_evacuate_from", "the hospital")]
    assert [(a.role, a.value.text, a.category) for a in say.arguments] == [("on", "Tuesday", "time")]
    assert evacuated.arguments == ()
    assert evacuated.reported_by == 0


def test_nested_attribution():
    say, deny, fire = statements_of(NESTED_DENIAL)
    assert triples([say, deny, fire]) == [
        ("The ministry", "say", "#1"), ("the general", "deny", "#2"), ("troops", "fire_on", "civilians")]
    assert (say.reported_by, deny.reported_by, fire.reported_by) == (None, 0, 1)
    assert [s.is_factual for s in (say, deny, fire)] == [True, False, False]


def test_quoted_clause_in_the_speakers_sentence():
    rebuild, said = statements_of(QUOTE_ONE_SENTENCE)
    assert triples([rebuild, said]) == [("We", "rebuild", "every house"), ("the governor", "say", "#0")]
    assert rebuild.reported_by == 1
    assert rebuild.modality == Modality.FUTURE
    assert rebuild.subject.kind == MentionKind.PRONOUN
    assert [(a.role, a.value.text) for a in rebuild.arguments] == [("in", "this valley")]


def test_quotation_over_two_sentences_is_the_object_of_the_speech():
    statements = statements_of(QUOTE_TWO_SENTENCES)
    said = statements[-1]
    assert (said.subject.text, said.relation.key) == ("Ivan Petrov", "say")
    assert said.object.kind == MentionKind.QUOTE
    assert said.object.text == "The situation is very serious. We need more ambulances"
    assert said.rule == f"{ATTRIBUTION.id}#attribution-quote"
    serious = statements[0]
    assert triples([serious]) == [("The situation", "be", "very serious")]
    assert serious.quoted
    assert not serious.is_factual


def test_earlier_sentence_of_a_quotation_is_reported_by_the_speaker():
    statements = statements_of(QUOTE_TWO_SENTENCES)
    said = next(s for s in statements if s.relation.key == "say")
    serious = statements[0]
    assert serious.reported_by == said.index


def test_earlier_sentence_of_a_straight_quotation_is_reported_by_the_speaker():
    statements = statements_of(QUOTE_TWO_SENTENCES_STRAIGHT)
    said = next(s for s in statements if s.relation.key == "say")
    serious = statements[0]
    assert serious.quoted
    assert serious.reported_by == said.index


def test_told_reporters_that_reports_the_clause():
    statements = statements_of(TOLD_REPORTERS)
    safe = next(s for s in statements if s.relation.key == "be")
    assert (safe.subject.text, safe.object.text) == ("the water supply", "safe")
    assert safe.reported_by is not None
    assert statements[safe.reported_by].subject.text == "Mayor Tom Reed"
    assert not safe.is_factual
