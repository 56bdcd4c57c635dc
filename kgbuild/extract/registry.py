"""The rule families of `extract`, in the order they run, each with its version.

A family's version goes up whenever its behaviour changes, so a graph says which rules
made it: every statement's `kg:extractionRule` names its family (`kgbuild.clauses.v2#active`)
and the run's `kg:extractor` lists every family that ran (`EXTRACTOR`).

    clauses        clause heads, subjects, relations, objects, arguments, coordination
    events         nominal events ("Russia's invasion of Ukraine")
    attribution    speech verbs, "according to", quotations: who said what
    embedding      clauses under non-factive verbs, conditions, questions: not asserted
    entity-facts   titles, ages, origins and is-a read from around names
    confidence     a score per statement, and the plain-triple threshold
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RuleFamily:
    """One family of extraction rules and the version of its behaviour."""

    name: str
    version: int
    summary: str

    @property
    def id(self) -> str:
        """The versioned name, as written in provenance: ``kgbuild.clauses.v2``."""
        return f"{self.name}.v{self.version}"


CLAUSES = RuleFamily("kgbuild.clauses", 2, "clause heads, subjects, relations, objects, arguments")
EVENTS = RuleFamily("kgbuild.events", 2, "nominal events as statements of their verbs")
ATTRIBUTION = RuleFamily("kgbuild.attribution", 2, "speech verbs, according to, quotations")
EMBEDDING = RuleFamily("kgbuild.embedding", 1, "embedded, conditional and questioned clauses")
ENTITY_FACTS = RuleFamily("kgbuild.entity-facts", 2, "titles, ages, origins, appositions")
CONFIDENCE = RuleFamily("kgbuild.confidence", 2, "statement scores and the plain-triple threshold")

#: Every family, in the order the component runs them.
FAMILIES: tuple[RuleFamily, ...] = (CLAUSES, EVENTS, ATTRIBUTION, EMBEDDING, ENTITY_FACTS, CONFIDENCE)

#: What the run's provenance names as its extractor: every family that ran, in order.
EXTRACTOR = " ".join(family.id for family in FAMILIES)


def family_of(rule: str) -> str:
    """The unversioned family name of a statement's rule.

    >>> family_of("kgbuild.clauses.v2#active")
    'kgbuild.clauses'
    """
    versioned = rule.split("#", 1)[0]
    name, _, version = versioned.rpartition(".v")
    return name if version.isdigit() else versioned


__all__ = ["ATTRIBUTION", "CLAUSES", "CONFIDENCE", "EMBEDDING", "ENTITY_FACTS", "EVENTS", "EXTRACTOR",
           "FAMILIES", "RuleFamily", "family_of"]
