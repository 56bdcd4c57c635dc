"""Whose voice a clause is in: the article's own, or only embedded under another verb.

Only the article's own main-clause claims are asserted. A clause embedded under a verb
("is examining whether the director broke the rules", "the court ruled that ..."), under
a noun ("claims that the firm lied"), under a preposition that does not state a fact
("arrested for stealing"), under a condition ("if the deal collapses, the plant will
close") or in a question is asserted only when every verb above it is factive in the
article's own voice ("discovered that"). Speech verbs are handled by attribution, which
links their clauses to a speaker; this rule catches every other embedding, so a clause
the attribution rules miss is still never asserted.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kgbuild.lexicon import (
    CONDITION_MARKERS,
    FACTIVE_VERBS,
    FACTUAL_PREPOSITIONS,
    HEDGING_RAISING_VERBS,
    INTENTION_VERBS,
    SPEECH_VERBS,
)
from kgbuild.types import Modality


#: Nouns whose "that" clause is presupposed true ("the fact that ...").
_FACTIVE_NOUNS = frozenset({"fact"})
#: Subordinators of a purpose: what follows is an aim.
_PURPOSE_MARKERS = frozenset({"so", "lest"})
#: Verbs of opinion that may follow the clause they govern ("prices will rise, traders
#: reckon"), besides the speech and raising verbs.
_OPINION_VERBS = frozenset({"reckon", "guess", "suppose", "gather", "assume", "imagine", "bet",
                            "figure", "hear", "wonder", "worry", "insist"})


def embedding_modality(clause_head: Token) -> Modality | None:
    """The modality an embedding gives the clause of `clause_head`, or None when the
    clause is the article's own claim.

    Walks from the clause up to the sentence root; the first non-factive embedding
    decides. "whether"/"if" complements and conditions are possible, complements of
    intention verbs ("decided that") intended, the rest hedged.
    """
    node = clause_head
    while node.head != node:
        effect = _edge_effect(node)
        if effect is not None:
            return effect
        node = node.head
    return None


def _edge_effect(node: Token) -> Modality | None:
    governor = node.head
    dep = node.dep_
    if dep == "ccomp" and (_is_misparsed_parataxis(node) or _is_small_clause(node)):
        return None  # the article's own clause, wrongly hung under another verb
    if dep == "xcomp" and governor.lemma_.lower() in INTENTION_VERBS and node.pos_ in ("VERB", "AUX"):
        return Modality.INTENDED  # "aims to help users find ...": what it aims at, not done
    if dep in ("ccomp", "csubj", "csubjpass"):
        if _marked(node, CONDITION_MARKERS):
            return Modality.POSSIBLE  # "examining whether ...", "asked if ..."
        if governor.lemma_.lower() in FACTIVE_VERBS and governor.pos_ in ("VERB", "AUX"):
            return None
        if governor.lemma_.lower() in INTENTION_VERBS:
            return Modality.INTENDED  # "decided that the plant should close"
        return Modality.HEDGED
    if dep == "advcl":
        if _marked(node, CONDITION_MARKERS):
            return Modality.POSSIBLE
        if _marked(node, _PURPOSE_MARKERS) or _marked(node, {"though", "if"}, after="as"):
            return Modality.INTENDED if _marked(node, _PURPOSE_MARKERS) else Modality.HEDGED
        return None
    if dep == "pcomp" and governor.dep_ == "prep" and governor.lower_ == "for" and governor.head.pos_ == "ADJ":
        return None  # "responsible for decorating", "known for singing": a reason, stated
    if dep == "pcomp" and governor.dep_ == "prep" and governor.lower_ not in FACTUAL_PREPOSITIONS:
        return Modality.HEDGED  # "accused of hiding", "arrested for stealing", "talks about selling"
    if dep == "acl" and _marked(node, {"that"}) and governor.lemma_.lower() not in _FACTIVE_NOUNS:
        return Modality.HEDGED  # "claims that the firm lied"
    if dep == "acl" and _marked(node, CONDITION_MARKERS):
        return Modality.POSSIBLE  # "the question whether ..."
    if dep in ("acl", "relcl") and _is_infinitive(node) and not _is_ranked(governor):
        return Modality.INTENDED  # "plans for sovereignty to be shared", "a deal to cut jobs"
    return None


def _is_misparsed_parataxis(clause: Token) -> bool:
    """ "Its bulbs are dimmed, ordinary ones joined with string": a clause the parser hangs
    as the complement of a LATER verb that takes no clause is two clauses side by side, not
    an embedding. A clause before a verb of saying or opinion ("the plan failed, officials
    said") stays embedded."""
    governor = clause.head
    lemma = governor.lemma_.lower()
    return clause.i < governor.i and not _marked(clause, CONDITION_MARKERS | {"that"}) and not (
        lemma in SPEECH_VERBS or lemma in HEDGING_RAISING_VERBS or lemma in _OPINION_VERBS)


def _is_small_clause(clause: Token) -> bool:
    """ "left the favourite trailing in sixth", "helped users find the files": a bare verb or
    gerund with its own subject after its governor says what the governor made happen; it
    is as true as the governor (unless a verb of saying or opinion governs it)."""
    governor = clause.head
    lemma = governor.lemma_.lower()
    return (clause.i > governor.i and clause.tag_ in ("VB", "VBG")
            and any(c.dep_ == "nsubj" for c in clause.children)
            and not any(c.dep_ in ("aux", "mark") for c in clause.children)
            and lemma not in SPEECH_VERBS and lemma not in HEDGING_RAISING_VERBS and lemma not in _OPINION_VERBS)


def _is_infinitive(clause: Token) -> bool:
    return clause.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


#: "the first firm to report", "the only team to win": a ranked noun's infinitive happened.
_RANKS = frozenset({"first", "second", "third", "last", "only", "latest", "fourth", "fifth"})


def _is_ranked(noun: Token) -> bool:
    return any(c.lower_ in _RANKS or c.ent_type_ == "ORDINAL" for c in noun.children)


def _marked(clause: Token, markers: frozenset[str] | set[str], *, after: str | None = None) -> bool:
    """The clause is introduced by one of `markers` ("as" before it when `after` is given)."""
    for child in clause.children:
        if child.dep_ != "mark" or child.lower_ not in markers:
            continue
        if after is None:
            return True
        previous = child.doc[child.i - 1] if child.i > 0 else None
        if previous is not None and previous.lower_ == after:
            return True
    return False


def is_question(sentence: Span) -> bool:
    """The sentence asks rather than states: it ends with a question mark (closing quotes
    and brackets aside)."""
    for token in reversed(sentence):
        if token.is_space or token.is_quote or token.text in (")", "]"):
            continue
        return token.text == "?"
    return False


__all__ = ["embedding_modality", "is_question"]
