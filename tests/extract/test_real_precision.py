"""Integration: the precision rules (issue #14) on plain English sentences through the
installed pipeline. Each says what a careful reader signs as the article's own fact and
what stays someone's claim, plan, question or condition."""

from __future__ import annotations

import pytest

from kgbuild.errors import PipelineError
from kgbuild.extract.forms import carb_columns
from kgbuild.types import Modality

from .docs import triples

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def nlp():
    from kgbuild.pipeline import statement_pipeline

    try:
        return statement_pipeline()
    except PipelineError as error:
        pytest.skip(f"no spaCy pipeline installed: {error}")


def find(statements, subject: str, relation: str):
    matches = [s for s in statements if s.subject.text == subject and s.relation.key == relation]
    assert len(matches) == 1, f"({subject!r}, {relation!r}) not once in {triples(statements)}"
    return matches[0]


def asserted(statements):
    """The plain triples: what the graph states as the article's own facts."""
    return {(s.subject.text, s.relation.key, s.object.text) for s in statements
            if s.is_factual and s.object is not None}


# --- kind 1 and 7: only the article's own main-clause claims are asserted ---------------

@pytest.mark.parametrize("text", [
    "The committee is examining whether the director broke the rules.",
    "The regulator plans to allege that the bank misled its customers.",
    "The court ruled that the law was unconstitutional.",
    "Did the minister lie to parliament?",
    "The two firms could face heavy fines.",
    "The two sides agreed to end the strike.",
    "The plant closes if the deal collapses.",
    "Reports that the firm lied to investors worried the markets.",
    "The man was arrested for stealing a car.",
])
def test_embedded_planned_asked_or_hedged_content_is_never_a_plain_triple(nlp, text):
    statements = nlp(text)._.statements
    claims = {("the director", "break", "the rules"), ("the bank", "mislead", "its customers"),
              ("the law", "be", "unconstitutional"), ("the minister", "lie_to", "parliament"),
              ("The two firms", "face", "heavy fines"), ("The two sides", "agree_to_end", "the strike"),
              ("the firm", "lie_to", "investors"), ("The man", "steal", "a car")}
    assert not asserted(statements) & claims, triples(statements)


def test_a_plan_to_allege_reports_its_clause_with_the_planner_as_speaker(nlp):
    statements = nlp("The regulator plans to allege that the bank misled its customers.")._.statements
    plan = find(statements, "The regulator", "plan_to_allege")
    misled = find(statements, "the bank", "mislead")
    assert misled.reported_by == plan.index and plan.modality == Modality.INTENDED


def test_an_accusation_is_asserted_but_not_what_it_accuses_of(nlp):
    statements = nlp("The union accused the company of hiding the losses.")._.statements
    accused = find(statements, "The union", "accuse")
    hiding = find(statements, "the company", "hide")
    assert accused.is_factual and hiding.reported_by == accused.index and not hiding.is_factual


def test_a_discovery_in_the_articles_voice_is_the_articles_claim(nlp):
    statements = nlp("Officials discovered that the firm had hidden the losses.")._.statements
    assert find(statements, "the firm", "hide").is_factual


def test_a_statement_without_an_object_is_not_a_plain_fact(nlp):
    (resigned,) = nlp("The mayor resigned.")._.statements
    assert resigned.modality == Modality.ASSERTED and not resigned.is_factual


def test_a_denial_at_no_time_is_negated(nlp):
    statements = nlp("At no time did the ministry say the talks had failed.")._.statements
    say = find(statements, "the ministry", "say")
    failed = find(statements, "the talks", "fail")
    assert say.negated and failed.reported_by == say.index and not failed.is_factual


def test_a_contracted_would_is_future(nlp):
    statements = nlp("The company said it'd cut prices.")._.statements
    assert find(statements, "it", "cut").modality == Modality.FUTURE


# --- kind 2 and 9: speakers, one relation for saying -------------------------------------

def test_every_cue_of_saying_is_one_relation_with_the_cue_as_text(nlp):
    for text, cue in (("The minister told a newspaper that the talks had collapsed.", "told"),
                      ("The chairman insisted that the new rules were fair.", "insisted"),
                      ("The police confirmed that the suspect had been released.", "confirmed")):
        statements = nlp(text)._.statements
        speech = next(s for s in statements if s.object_statement is not None)
        assert (speech.relation.key, speech.relation.surface) == ("say", cue)
        assert statements[speech.object_statement].reported_by == speech.index


def test_a_speaker_after_the_verb_leaves_the_channel_out(nlp):
    statements = nlp("The new rules are wrong, said the chairman in an email.")._.statements
    said = find(statements, "the chairman", "say")
    assert find(statements, "The new rules", "be").reported_by == said.index


def test_denial_keeps_its_own_relation(nlp):
    statements = nlp("The company denied that it had hidden the losses.")._.statements
    denied = find(statements, "The company", "deny")
    assert denied.relation.surface == "denied"


# --- kind 3 to 6: subjects, relation words, fragments, spans ----------------------------

def test_relation_words_read_as_english(nlp):
    cases = {"The board rolled back the price increase.": ("The board", "roll_back"),
             "The player is allowed to play in the final.": ("The player", "be_allow_to_play_in"),
             "Apple hates the new law.": ("Apple", "hate"),
             "The company rebranded its stores last year.": ("The company", "rebrand"),
             "She criticised the plan.": ("She", "criticize")}
    for text, (subject, key) in cases.items():
        find(nlp(text)._.statements, subject, key)
    allowed = find(nlp("The player is allowed to play in the final.")._.statements, "The player", "be_allow_to_play_in")
    assert allowed.relation.label == "be allowed to play in"


def test_a_dateline_a_party_tag_and_a_list_are_not_descriptions(nlp):
    for text in ("WASHINGTON, Feb 3 (Reuters) - The Senate passed the bill.",
                 "Rep. Adam Schiff (D-Cal.) criticised the decision.",
                 "The group includes Apple, Google, Microsoft and Amazon."):
        statements = nlp(text)._.statements
        assert not [s for s in statements if s.rule.endswith("#apposition")], triples(statements)


def test_an_apposition_that_describes_is_kept(nlp):
    statements = nlp("Mariupol, a port on the Sea of Azov, was shelled.")._.statements
    port = find(statements, "Mariupol", "be")
    assert port.object.text == "a port on the Sea of Azov"


def test_a_gerund_after_accused_belongs_to_the_accused(nlp):
    statements = nlp("The union accused the company of hiding the losses.")._.statements
    assert not [s for s in statements if s.subject.text == "The union" and s.relation.key == "hide"]


def test_a_reported_clause_is_the_object_text_and_a_passive_row_reads_as_written(nlp):
    doc = nlp("The police confirmed that the suspect had been released.")
    statements = doc._.statements
    speech = find(statements, "The police", "say")
    assert carb_columns(speech, statements, doc.text)[2] == "the suspect had been released"
    doc = nlp("The bridge was destroyed by a missile.")
    statements = doc._.statements
    (destroyed,) = [s for s in statements if s.rule.endswith("#passive-agent")]
    assert carb_columns(destroyed, statements, doc.text)[:3] == ["was destroyed by", "The bridge", "a missile"]


def test_hyphenated_words_stay_whole(nlp):
    statements = nlp("The 25-year-old was re-elected in March.")._.statements
    (elected,) = statements
    assert (elected.subject.text, elected.relation.label, elected.object.text) == (
        "The 25-year-old", "be re-elected in", "March")


def test_a_title_or_a_name_is_not_a_clause(nlp):
    statements = nlp("Shares in Ask Jeeves rose.")._.statements
    assert [s.relation.key for s in statements] == ["rise"]


def test_a_cleft_it_is_not_a_statement(nlp):
    statements = nlp("It is the 17th year the gallery has invited an artist to dress its tree.")._.statements
    assert not [s for s in statements if s.subject.text == "It"], triples(statements)
    assert find(statements, "an artist", "dress").modality == Modality.INTENDED


def test_neither_as_subject_negates(nlp):
    statements = nlp("Neither firm thrilled investors with its profit news.")._.statements
    assert all(s.negated and not s.is_factual for s in statements)


def test_a_purpose_infinitive_belongs_to_the_subject_and_an_invitation_to_the_invited(nlp):
    win = find(nlp("She set a new mark of 7.96 seconds to win the title.")._.statements, "She", "win")
    dress = find(nlp("The gallery invited an artist to dress its tree.")._.statements, "an artist", "dress")
    assert win.modality == dress.modality == Modality.INTENDED


def test_planned_and_likely_are_not_plain(nlp):
    turned = nlp("The film is to be turned into a musical.")._.statements[0]
    likely = nlp("The three women will most likely form part of the team.")._.statements[0]
    assert (turned.modality, likely.modality) == (Modality.FUTURE, Modality.HEDGED)


def test_the_first_time_is_a_time_not_an_object(nlp):
    (prepared,) = nlp("She has been preparing for the first time.")._.statements
    assert prepared.object is None and not prepared.is_factual


def test_a_dateline_is_neither_subject_nor_part_of_a_phrase(nlp):
    said = nlp("CHICAGO, March 3 - Acme Corp said it would close two plants.")._.statements[0]
    assert (said.subject.text, said.relation.key) == ("Acme Corp", "say")
    statements = nlp("RIO DE JANEIRO, Feb 26 - Brazil's plan, a bold move, collapsed.")._.statements
    assert {s.subject.text for s in statements} == {"Brazil's plan"}
    doc = nlp("CHICAGO, Feb 26 - Prospects remain good, the company said.")
    speech = find(doc._.statements, "the company", "say")
    assert carb_columns(speech, doc._.statements, doc.text)[2] == "Prospects remain good"


def test_complex_prepositions_resultatives_and_same_words(nlp):
    sent = nlp("Third-quarter earnings sent shares lower.")._.statements[0]
    assert (sent.relation.key, sent.object.text) == ("send_lower", "shares")
    (used,) = nlp("HONOLULU, Hawaii (HawaiiNewsNow) - NASA scientists used a telescope.")._.statements
    assert used.subject.text == "NASA scientists"


def test_an_apposition_is_a_common_noun_description(nlp):
    kept = {"Lucas Paganini, a NASA planetary scientist, led the study.": ("Lucas Paganini", "a NASA planetary scientist"),
            "Home Depot, a Dow component, rose.": ("Home Depot", "a Dow component")}
    for text, (subject, description) in kept.items():
        (apposition,) = [s for s in nlp(text)._.statements if s.rule.endswith("#apposition")]
        assert (apposition.subject.text, apposition.object.text) == (subject, description)
    for text in ("Houston, Tex., is hot.", "Baker, 6 points, and Moore scored.",
                 "Taylor Swift, her former record label, sued."):
        assert not [s for s in nlp(text)._.statements if s.rule.endswith("#apposition")], text


def test_a_quotation_continued_over_sentences_and_paragraphs_keeps_its_speaker(nlp):
    text = ('"We will win the title," the coach said. "The players are ready for the final."\n\n'
            '"They trained hard all week."\n\nThe club sold 5,000 tickets.')
    statements = nlp(text)._.statements
    said = find(statements, "the coach", "say")
    assert find(statements, "The players", "be").reported_by == said.index
    assert find(statements, "They", "train").reported_by == said.index
    assert find(statements, "The club", "sell").reported_by is None


def test_neither_nor_negates_every_coordinated_verb(nlp):
    statements = nlp("Neither the bank nor the insurer rose and thrilled investors.")._.statements
    assert statements and all(s.negated and not s.is_factual for s in statements), triples(statements)


def test_a_speech_that_reports_an_empty_clause_is_not_a_plain_fact(nlp):
    statements = nlp("The company said it was investigating.")._.statements
    said = find(statements, "The company", "say")
    assert said.object_statement is not None and not said.is_factual
    said = find(nlp("The company said it was investigating the leak.")._.statements, "The company", "say")
    assert said.is_factual


def test_both_numbers_of_a_range_are_kept(nlp):
    (revised,) = nlp("The figure was revised from 1,200 to 950.")._.statements
    assert revised.object.text == "1,200"
    assert [(a.role, a.value.text) for a in revised.arguments] == [("to", "950")]


def test_a_statement_that_lost_its_complement_is_left_out_but_a_true_intransitive_stays(nlp):
    assert nlp("The strengthening yen is making exports less competitive.")._.statements == ()
    (resigned,) = nlp("The mayor resigned.")._.statements
    assert resigned.relation.key == "resign"


def test_a_hint_is_attribution(nlp):
    statements = nlp("The federation has hinted that she may be included.")._.statements
    hinted = find(statements, "The federation", "say")
    assert find(statements, "she", "be_include").reported_by == hinted.index


def test_a_reason_after_an_adjective_is_stated(nlp):
    statements = nlp("The artist is responsible for decorating the tree.")._.statements
    assert find(statements, "The artist", "decorate").is_factual


# --- modality: the article's own clauses that the parse hangs under another verb --------

def test_a_clause_side_by_side_with_a_later_verb_is_stated(nlp):
    statements = nlp("Its light fittings are broken, plain kitchen ones joined together with tape.")._.statements
    assert find(statements, "Its light fittings", "be_break").modality == Modality.ASSERTED


def test_a_clause_before_said_is_still_reported(nlp):
    statements = nlp("The old bridge is unsafe, engineers said.")._.statements
    unsafe = find(statements, "The old bridge", "be")
    assert unsafe.reported_by is not None and not unsafe.is_factual


def test_whom_a_winner_leaves_trailing_is_stated(nlp):
    statements = nlp("At the Paris meeting, Smith left world champion Anna Berg trailing in fifth place.")._.statements
    assert find(statements, "world champion Anna Berg", "trail_in").modality == Modality.ASSERTED


def test_what_a_tool_aims_to_help_users_do_is_intended(nlp):
    text = ("The new browser being tested is currently only in trial form and aims to help people "
            "find and delete viruses - programs which steal passwords, cause crashes and slow a laptop's speed.")
    statements = nlp(text)._.statements
    assert find(statements, "people", "find").modality == Modality.INTENDED


def test_a_continued_quote_has_its_speaker_and_continuing_to_rise_is_no_speech(nlp):
    statements = nlp('Sales rose sharply in March. "We are on track with these plans," Berg continued.')._.statements
    said = find(statements, "Berg", "say")
    assert find(statements, "We", "be_on").reported_by == said.index
    rising = nlp("Prices continued to rise in March.")._.statements
    assert not any(s.relation.key == "say" for s in rising), triples(rising)


def test_a_speaker_after_a_long_quote_and_a_list_of_titles_is_found(nlp):
    text = ('"Our quarterly results reflected broad-based growth across our business, yet sales were below '
            'our expectations driven by the timing of certain benefits associated with our new strategic '
            'investments," chairman, CEO and president Anna Berg said in the earnings release.')
    statements = nlp(text)._.statements
    said = next(s for s in statements if s.relation.key == "say")
    assert said.subject.text.endswith("Anna Berg")
    assert find(statements, "Our quarterly results", "reflect").reported_by == said.index
