"""extract stage: parsed `Doc` → statement records (one rule family per module).

    clauses        clause heads, subjects, relations, objects, arguments, coordination
    modality       negation, modality, hedging
    attribution    speech verbs, "according to", quotations
    entity_facts   titles, ages, origins and is-a read from around names
    statements     the order they run in and the links between their records
    component      the spaCy component `kgbuild_statements`
"""

from __future__ import annotations

from kgbuild.extract.clauses import EXTRACTOR
from kgbuild.extract.component import COMPONENT, ERROR_KEY, StatementsComponent, make_statements_component
from kgbuild.extract.statements import extract_statements, sentence_records

__all__ = ["COMPONENT", "ERROR_KEY", "EXTRACTOR", "StatementsComponent", "extract_statements",
           "make_statements_component", "sentence_records"]
