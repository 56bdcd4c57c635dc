"""Attribution: speech and attitude verbs, "according to", and quotations.

"Borrell said [X]" becomes a statement whose object is the statement of X; X is marked as
reported by it, so it is never asserted as the article's own fact. Words in quotation marks
that do not parse into a statement become a quotation node.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kgbuild.lexicon import SPEECH_VERBS
from kgbuild.extract.phrases import doc_text
from kgbuild.quotations import QUOTE_CLOSE, QUOTE_OPEN, paragraph_start



#: Verbs that say only that speech goes on ('"We are on track," Berg continued'): speech
#: verbs when they report a clause, not when they take an infinitive ("continued to rise").
CONTINUING_VERBS = frozenset({"continue"})


def is_speech_verb(verb: Token) -> bool:
    if verb.pos_ != "VERB":
        return False
    lemma = verb.lemma_.lower()
    return lemma in SPEECH_VERBS or lemma in CONTINUING_VERBS and is_continued_speech(verb)


def is_continued_speech(verb: Token) -> bool:
    """ '"We are on track," Berg continued': a continuing verb with a clause of its own and
    no infinitive or object reports that clause."""
    children = list(verb.children)
    return any(c.dep_ == "ccomp" for c in children) and not any(
        c.dep_ in ("xcomp", "dobj", "auxpass", "nsubjpass") for c in children)


def complement_heads(verb: Token) -> list[Token]:
    """The heads of the clauses a speech verb reports, with their coordinated verbs.

    "said [that A] and [B]" → A and B; "denies [targeting civilians]" → targeting; "X, Y
    said" parsed with the reported clause as the speech verb's head → that clause.
    """
    if not is_speech_verb(verb):
        return []
    heads = [c for c in verb.children if is_complement_of_speech(c)]
    if not heads and verb.dep_ == "parataxis" and verb.head.pos_ in ("VERB", "AUX"):
        heads = _clauses_before(verb)
    result = []
    for head in heads:
        result.append(head)
        result.extend(t for t in head.conjuncts if t.i > head.i and t.pos_ in ("VERB", "AUX"))
    return result


def _clauses_before(verb: Token) -> list[Token]:
    """ "A happened, X said": the reported clause is the one before the speech verb, even
    when the parser hangs both off a later clause ("..., X said, after B")."""
    head = verb.head
    if head.i < verb.i:
        return [head]
    return [c for c in head.children if c.i < verb.i and c.dep_ in ("ccomp", "conj") and c.pos_ in ("VERB", "AUX")]


def is_complement_of_speech(token: Token) -> bool:
    """`token` heads a clause reported by its head, a speech verb."""
    head = token.head
    if head == token or not is_speech_verb(head):
        return False
    if token.dep_ == "ccomp":
        return True
    return token.dep_ == "xcomp" and token.tag_ == "VBG"  # "denies targeting civilians"


def reporting_verb(clause_head: Token) -> Token | None:
    """The speech verb that reports the clause of `clause_head`, directly or from above.

    Walks up through the clauses that contain it. A speech clause with a speaker of its
    own hanging off a reported clause ("..., while Moscow said ...") is not reported by
    the outer speaker: it reports for itself.
    """
    node = clause_head
    while node.head != node:
        if is_complement_of_speech(node):
            return node.head
        if _is_charge_of_speech(node):
            return node.head.head
        if node.dep_ == "conj" and is_complement_of_speech(node.head):
            return node.head.head
        if node != clause_head and is_speech_verb(node) and node.dep_ == "advcl":
            return None
        if node == clause_head and is_speech_verb(node) and node.dep_ == "advcl" and any(
                c.dep_ == "nsubj" for c in node.children):
            return None
        node = node.head
    return None


def _is_charge_of_speech(token: Token) -> bool:
    """ "accused the firm of hiding losses", "warned of rising prices": a gerund under a
    preposition of a speech verb is what the speaker charges or says."""
    preposition = token.head
    return (token.dep_ == "pcomp" and preposition.dep_ == "prep" and preposition.lower_ in ("of", "about", "against", "for")
            and is_speech_verb(preposition.head))


def according_to(clause_head: Token) -> Token | None:
    """The source named by "according to X" on a clause, if any."""
    for child in clause_head.children:
        if child.dep_ == "prep" and child.lower_ == "according":
            for inner in child.children:
                if inner.lower_ == "to":
                    return next((c for c in inner.children if c.dep_ == "pobj"), None)
    return None


def is_attribution_head(verb: Token) -> bool:
    """A speech verb in the active voice: "X said ...", not "X is said to ..." (a hedge)."""
    return is_speech_verb(verb) and not any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def quotation_spanning(verb: Token, sentence: Span) -> tuple[int, int] | None:
    """A quotation that opened in an earlier sentence and closes before the speech verb.

    '"We must hold on. We must fight. And we will win," Zelensky said': the parser sees
    only the last sentence of the quote; the speaker said all of it.
    """
    text = doc_text(verb.doc)
    before_verb = text[sentence.start_char:verb.idx]
    paragraph = paragraph_start(text, sentence.start_char)
    closing = max(before_verb.rfind(c) for c in "”»")
    if closing >= 0 and not any(c in before_verb[:closing] for c in "“«"):
        opening = max(text.rfind(c, paragraph, sentence.start_char) for c in "“«")
    elif before_verb.count('"') % 2 == 1:  # straight quotes: an odd count closes one opened earlier
        closing = before_verb.rfind('"')
        opening = text.rfind('"', paragraph, sentence.start_char)
    else:
        return None
    if opening < 0:
        return None
    return opening + 1, sentence.start_char + closing


def quotation_in(verb: Token, sentence: Span, *, min_words: int = 4) -> tuple[int, int] | None:
    """Quoted words in the speech verb's own sentence, long enough to be speech rather than
    scare quotes ('“thousands”')."""
    text = doc_text(verb.doc)
    start, end = sentence.start_char, sentence.end_char
    opening = next((i for i in range(start, end) if text[i] in QUOTE_OPEN), None)
    if opening is None:
        return None
    closing = next((i for i in range(opening + 1, end) if text[i] in QUOTE_CLOSE), None)
    if closing is None or len(text[opening + 1:closing].split()) < min_words:
        return None
    return opening + 1, closing


def speaker_outside(subjects: list[Token], quotation: tuple[int, int], sentence: Span) -> list[Token]:
    """The speaker of a quotation is never inside it.

    When the parser takes words of the quote as the subject ('"... Hard discussion,"
    negotiator X said'), the named entity after the quote is the speaker.
    """
    start, end = quotation
    if not subjects or not all(start <= t.idx < end for t in subjects):
        return subjects
    for labels in (("PERSON", "ORG"), ("GPE", "NORP")):
        for token in sentence:
            if token.idx >= end and token.ent_type_ in labels and token.ent_iob_ == "B":
                entity_end = token.i
                while entity_end + 1 < sentence.end and token.doc[entity_end + 1].ent_iob_ == "I":
                    entity_end += 1
                return [token.doc[entity_end]]
    return subjects
