"""extract stage: parsed `Doc` → statement records (one rule family per module).

    registry       the rule families, their order and versions (what provenance names)
    clauses        clause heads, subjects, relations, objects, arguments, coordination
    relations      relation words: lemma slips undone, one spelling per key
    modality       negation, modality, hedging
    events         nominal events
    attribution    speech verbs, "according to", quotations
    embedding      clauses the article does not state in its own voice
    entity_facts   titles, ages, origins and is-a read from around names
    confidence     statement scores and the plain-triple threshold
    statements     the statement families run in registry order, and their links
    component      the spaCy component `kgbuild_statements`
"""

from __future__ import annotations

from kgbuild.extract.component import COMPONENT, ERROR_KEY, StatementsComponent, make_statements_component
from kgbuild.extract.registry import EXTRACTOR, FAMILIES, RuleFamily
from kgbuild.extract.statements import extract_statements, sentence_records

__all__ = ["COMPONENT", "ERROR_KEY", "EXTRACTOR", "FAMILIES", "RuleFamily", "StatementsComponent",
           "extract_statements", "make_statements_component", "sentence_records"]
