"""Negation and modality of a clause: whether, and how surely, a sentence states it."""

from __future__ import annotations

from spacy.tokens import Token

from kgbuild.lexicon import (
    CONDITION_MARKERS,
    FUTURE_MODALS,
    NEGATING_PHRASE_NOUNS,
    HEDGE_ADVERBS,
    NEGATION_WORDS,
    OBLIGATION_MODALS,
    POSSIBILITY_MODALS,
)
from kgbuild.types import Modality


def is_negated(verb: Token) -> bool:
    """The clause of `verb` is denied.

    Covers "not"/"n't"/"never" on the verb or its auxiliaries, "no" on its subject or object
    ("gave no details", "no one came"), and "have yet to" (the clause has not happened).

    >>> # "Reuters could not verify the reports" -> True; see tests/extract/test_modality.py
    """
    for child in verb.children:
        if child.dep_ == "neg" or child.lower_ in ("never", "nowhere") and child.dep_ == "advmod":
            return True
        if child.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and _has_no_determiner(child):
            return True
        if child.dep_ in ("aux", "auxpass") and any(g.dep_ == "neg" for g in child.children):
            return True
        if child.dep_ == "prep" and _is_negating_phrase(child):
            return True
    return False


def _is_negating_phrase(preposition: Token) -> bool:
    """ "At no time did the ministry say ...", "in no way": "no" + a noun of time or manner.
    "in no time" (quickly) and "with no warning" (a manner) do not deny the clause."""
    if preposition.lower_ == "in" and any(c.lower_ == "time" for c in preposition.children):
        return False
    return any(c.dep_ == "pobj" and c.lemma_.lower() in NEGATING_PHRASE_NOUNS and _has_no_determiner(c)
               for c in preposition.children)


def is_negative_phrase(noun: Token) -> bool:
    """ "no one", "nothing", "neither X nor Y", "no barges": the phrase denies its clause,
    also where a coordinated verb inherits it as subject."""
    first = noun.head if noun.dep_ == "conj" else noun
    return _has_no_determiner(noun) or any(c.dep_ == "preconj" and c.lower_ == "neither" for c in first.children)


def _has_no_determiner(noun: Token) -> bool:
    if noun.lower_ in ("nobody", "nothing", "none", "no-one", "neither"):
        return True
    return any(child.dep_ == "det" and child.lower_ in ("no", "neither") for child in noun.children)


def has_yet_to(matrix: Token) -> bool:
    """`matrix` is "have/be yet to" ("troops have yet to enter"): its complement has not happened."""
    return matrix.lemma_ in ("have", "be") and any(
        child.lower_ == "yet" and child.dep_ == "advmod" for child in matrix.children)


def clause_modality(verb: Token) -> Modality:
    """How the clause of `verb` is put forward, from its modal auxiliaries and adverbs;
    a condition, or a clause stated as fact that depends on one, is possible ("the plant
    closes if ..."; "will close if ..." stays future: neither is asserted)."""
    own = _own_modality(verb)
    if own == Modality.ASSERTED and (_in_condition(verb) or _has_condition(verb)):
        return Modality.POSSIBLE
    return own


def _own_modality(verb: Token) -> Modality:
    modals = [child.lower_ for child in verb.children if child.dep_ == "aux" and child.tag_ == "MD"]
    adverbs = {child.lower_ for child in verb.children if child.dep_ == "advmod"}
    if any(word in POSSIBILITY_MODALS for word in modals) and not _is_past_inability(verb, modals):
        return Modality.POSSIBLE
    if any(word in OBLIGATION_MODALS for word in modals):
        return Modality.INTENDED
    if adverbs & HEDGE_ADVERBS:
        return Modality.HEDGED  # "will most likely form": hedged, more than future
    if any(word in FUTURE_MODALS for word in modals) or _is_going_to(verb):
        return Modality.FUTURE
    return Modality.ASSERTED


def _is_past_inability(verb: Token, modals: list[str]) -> bool:
    """ "could not verify" reports a fact (it was not verified), not a possibility."""
    return "could" in modals and is_negated(verb)


def _is_going_to(verb: Token) -> bool:
    head = verb.head
    return verb.dep_ == "xcomp" and head.lower_ == "going" and any(
        child.dep_ == "aux" and child.lemma_ == "be" for child in head.children)


def _in_condition(verb: Token) -> bool:
    """The clause is an "if"/"unless" condition."""
    return verb.dep_ == "advcl" and any(
        child.dep_ == "mark" and child.lower_ in CONDITION_MARKERS for child in verb.children)


def _has_condition(verb: Token) -> bool:
    """ "The plant will close if the deal fails": what depends on a condition is not asserted."""
    return any(child.dep_ == "advcl" and _in_condition(child) for child in verb.children)


def combine(outer: Modality, inner: Modality) -> Modality:
    """The modality of a clause under another: the less certain one wins."""
    order = [Modality.ASSERTED, Modality.FUTURE, Modality.INTENDED, Modality.HEDGED, Modality.POSSIBLE]
    return max(outer, inner, key=order.index)


__all__ = ["NEGATION_WORDS", "clause_modality", "combine", "has_yet_to", "is_negated", "is_negative_phrase"]
