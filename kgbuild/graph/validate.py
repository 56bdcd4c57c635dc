"""Checking a graph against kgbuild's SHACL shapes (`ontologies/kgbuild-shapes.ttl`).

pyshacl does the checking (`pip install kgbuild[validate]`); this module turns its results
graph into a short report a person can read: one line per kind of problem, with how often
it occurs and a few of the nodes it occurs on.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from importlib import resources

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from kgbuild.errors import KgbuildError
from kgbuild.graph.sparql import graph_sparql
from kgbuild.graph.store import KnowledgeStore
from kgbuild.graph.vocab import PREFIXES

__all__ = ["ValidationReport", "Violation", "shapes_graph", "validate"]

SHAPES_FILE = "kgbuild-shapes.ttl"


@dataclass(frozen=True)
class Violation:
    """One SHACL result: which node broke which shape, on which property, and how."""

    shape: str
    focus: str
    path: str
    message: str
    severity: str
    constraint: str = ""
    value: str = ""


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of `validate`."""

    conforms: bool
    triples: int
    violations: tuple[Violation, ...]

    def to_text(self, *, examples: int = 3) -> str:
        """One line per (shape, property, constraint) with its count, then a few of its nodes."""
        if self.conforms:
            return f"conforms: {self.triples:,} triples, no violations of the kgbuild shapes"
        groups: dict[tuple[str, str, str, str], list[Violation]] = defaultdict(list)
        for violation in self.violations:
            groups[(violation.severity, violation.shape, violation.path, violation.constraint)].append(violation)
        lines = [f"does not conform: {len(self.violations):,} results in {self.triples:,} triples"]
        ranked = sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))
        for (severity, shape, path, constraint), found in ranked:
            where = f" {path}" if path else ""
            lines.append(f"  {severity}: {shape}{where} {constraint} ({len(found)}×)")
            for violation in found[:examples]:
                value = f" (value {violation.value})" if violation.value else ""
                lines.append(f"      {violation.focus}{value}: {violation.message}")
            if len(found) > examples:
                lines.append(f"      ... and {len(found) - examples} more")
        return "\n".join(lines)


def shapes_graph() -> Graph:
    """kgbuild's SHACL shapes, as shipped in the package (`kgbuild.ontologies`)."""
    text = resources.files("kgbuild.ontologies").joinpath(SHAPES_FILE).read_text(encoding="utf-8")
    return Graph().parse(data=text, format="turtle")


def validate(store: KnowledgeStore, *, shapes: Graph | None = None) -> ValidationReport:
    """Check the graph in `store` (the union of its article graphs) against the SHACL shapes.

    Args:
        store: The graph.
        shapes: Other shapes than kgbuild's own.

    Raises:
        KgbuildError: pyshacl is not installed.
    """
    try:
        from pyshacl import validate as shacl_validate
    except ImportError as error:
        raise KgbuildError("validate needs pyshacl: pip install 'kgbuild[validate]'") from error
    data = Graph()
    triples = store.oxigraph.query(graph_sparql("all-triples.rq"), **store.union_query_options())
    data.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    shapes = shapes if shapes is not None else shapes_graph()
    conforms, results, _ = shacl_validate(data, shacl_graph=shapes, inference="none", abort_on_first=False)
    return ValidationReport(bool(conforms), len(data), tuple(_violations(results, shapes)))


def _violations(results: Graph, shapes: Graph) -> list[Violation]:
    # A property shape is a blank node: name the node shape that holds it instead.
    parents = {prop: shape for shape, prop in shapes.subject_objects(SH.property)}
    found = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        source = results.value(result, SH.sourceShape)
        shape = parents.get(source, source)
        found.append(Violation(
            shape=_short(shape), focus=_short(results.value(result, SH.focusNode)),
            path=_short(results.value(result, SH.resultPath)),
            message=str(results.value(result, SH.resultMessage) or ""),
            severity=_short(results.value(result, SH.resultSeverity)).removeprefix("sh:"),
            constraint=_short(results.value(result, SH.sourceConstraintComponent)).removeprefix("sh:")
            .removesuffix("ConstraintComponent"),
            value=_short(results.value(result, SH.value))))
    return sorted(found, key=lambda v: (v.shape, v.path, v.message, v.focus))


def _short(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        text = str(term)
        for prefix, namespace in {**PREFIXES, "sh": str(SH)}.items():
            if text.startswith(namespace) and len(text) > len(namespace):
                return f"{prefix}:{text[len(namespace):]}"
        return f"<{text}>"
    return " ".join(str(term).split())[:80]
