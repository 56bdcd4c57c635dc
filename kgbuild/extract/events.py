"""Nominal events (`kgbuild.events.v1`): "Russia's invasion of Ukraine", "an attack on a
base", "the withdrawal of troops from the region" as statements of their verbs.

The agent is the possessor ("Russia's"), a "by" phrase, or — for an event that says how
the governing clause happened ("Moscow widened its assault with an attack on a base") —
the subject of that clause. The patient is the noun's "of" / "on" / "against" phrase.
An event inherits negation, modality and attribution from the clause it sits in, so a
reported or denied attack is never asserted as fact.
"""

from __future__ import annotations

from typing import Iterator

from spacy.tokens import Span, Token

from kgbuild.extract import modality as modality_rules
from kgbuild.extract.clauses import DraftStatement, subjects_of
from kgbuild.lexicon import SPEECH_VERBS
from kgbuild.extract.phrases import mention_for
from kgbuild.extract.registry import EVENTS
from kgbuild.extract.relations import relation_key
from kgbuild.types import Argument, Modality, Relation, Sentence

RULES = EVENTS.id

#: Event nouns of news text → (verb lemma, prepositions that introduce the patient).
EVENT_NOUNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "attack": ("attack", ("on", "against")), "assault": ("assault", ("on", "against")),
    "strike": ("strike", ("on", "against")), "raid": ("raid", ("on",)),
    "bombing": ("bomb", ("of",)), "shelling": ("shell", ("of",)), "invasion": ("invade", ("of",)),
    "occupation": ("occupy", ("of",)), "annexation": ("annex", ("of",)), "capture": ("capture", ("of",)),
    "seizure": ("seize", ("of",)), "destruction": ("destroy", ("of",)), "killing": ("kill", ("of",)),
    "murder": ("murder", ("of",)), "arrest": ("arrest", ("of",)), "detention": ("detain", ("of",)),
    "release": ("release", ("of",)), "withdrawal": ("withdraw", ("of",)), "deployment": ("deploy", ("of",)),
    "evacuation": ("evacuate", ("of",)), "blockade": ("blockade", ("of",)), "siege": ("besiege", ("of",)),
    "acquisition": ("acquire", ("of",)), "purchase": ("purchase", ("of",)), "takeover": ("take_over", ("of",)),
    "sale": ("sell", ("of",)), "closure": ("close", ("of",)), "launch": ("launch", ("of",)),
    "appointment": ("appoint", ("of",)), "dismissal": ("dismiss", ("of",)), "sacking": ("sack", ("of",)),
    "election": ("elect", ("of",)), "defeat": ("defeat", ("of",)), "rejection": ("reject", ("of",)),
    "approval": ("approve", ("of",)), "ban": ("ban", ("on", "of")), "investigation": ("investigate", ("into", "of")),
    "inquiry": ("inquire", ("into",)), "criticism": ("criticise", ("of",)), "condemnation": ("condemn", ("of",)),
    "support": ("support", ("for", "of")), "funding": ("fund", ("of", "for")), "recognition": ("recognise", ("of",)),
    "visit": ("visit", ("to",)), "sanctions": ("sanction", ("on", "against")), "imposition": ("impose", ("of",)),
    "boycott": ("boycott", ("of",)), "rescue": ("rescue", ("of",)), "treatment": ("treat", ("of",)),
    "prosecution": ("prosecute", ("of",)), "conviction": ("convict", ("of",)), "extradition": ("extradite", ("of",)),
}

_CARRIER_PREPOSITIONS = frozenset({"with", "in", "through", "by", "after", "via"})


def nominal_events(sentence: Span, record: Sentence) -> Iterator[DraftStatement]:
    """Statements for the event nouns of a sentence that name both who and whom."""
    for noun in sentence:
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in EVENT_NOUNS:
            continue
        verb, patient_prepositions = EVENT_NOUNS[noun.lemma_.lower()]
        patients, arguments = _patients_and_arguments(noun, patient_prepositions, record.index)
        agent, governor = _agent(noun)
        if agent is None or not patients:
            continue
        negated = governor is not None and modality_rules.is_negated(governor)
        modality = modality_rules.clause_modality(governor) if governor is not None else None
        if governor is not None and governor.lemma_.lower() in SPEECH_VERBS:
            modality = Modality.HEDGED  # "the capture was denied / claimed": only said, not stated
        relation = Relation(key=relation_key([verb]), label=verb.replace("_", " "), surface=noun.text)
        subject = mention_for(agent, record.index, is_subject=True)
        for patient in patients:
            yield DraftStatement(
                subject=subject, relation=relation, object=patient, sentence=record,
                rule=f"{RULES}#nominal", head=governor if governor is not None else noun,
                arguments=tuple(arguments), negated=negated,
                modality=modality or Modality.ASSERTED)


def _patients_and_arguments(noun: Token, patient_prepositions: tuple[str, ...], sentence_index: int):
    patients, arguments = [], []
    for preposition in noun.children:
        if preposition.dep_ != "prep":
            continue
        objects = [c for c in preposition.children if c.dep_ == "pobj"]
        if not objects or objects[0].ent_type_ in ("DATE", "TIME"):
            continue  # "an assault on Sunday" says when, not on whom
        if preposition.lower_ in patient_prepositions and not patients:
            patients = [mention_for(o, sentence_index) for o in [objects[0], *objects[0].conjuncts]]
        elif preposition.lower_ != "by":
            arguments.append(Argument(role=preposition.lower_, value=mention_for(objects[0], sentence_index)))
    return patients, arguments


def _agent(noun: Token) -> tuple[Token | None, Token | None]:
    """Who does the event, and the verb of the clause the event noun sits in."""
    governor = _governing_verb(noun)
    for child in noun.children:
        if child.dep_ == "poss" and child.pos_ in ("PROPN", "NOUN", "PRON"):
            return child, governor
        if child.dep_ == "prep" and child.lower_ == "by":
            agent = next((c for c in child.children if c.dep_ == "pobj"), None)
            if agent is not None:
                return agent, governor
    carrier = noun.head
    if noun.dep_ == "pobj" and carrier.lower_ in _CARRIER_PREPOSITIONS and governor is not None and carrier.head == governor:
        subjects = subjects_of(governor)  # "Moscow widened its assault with an attack on ..."
        return (subjects[0] if subjects else None), governor
    return None, governor


def _governing_verb(token: Token) -> Token | None:
    node = token
    while node.head != node:
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node
    return None
