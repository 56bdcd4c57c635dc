"""graph stage: records → RDF in an Oxigraph store; vocabulary, IRIs, files.

No spaCy here: the graph is made from the spaCy-free records of `kgbuild.types`.
"""

from __future__ import annotations

from kgbuild.graph.iris import DEFAULT_BASE, IriMinter, check_base
from kgbuild.graph.store import FORMATS, KnowledgeStore
from kgbuild.graph.vocab import KG, NIF, PREFIXES, REL
from kgbuild.graph.writer import Provenance, article_triples, provenance_triples

__all__ = ["DEFAULT_BASE", "FORMATS", "KG", "NIF", "PREFIXES", "REL", "IriMinter",
           "KnowledgeStore", "Provenance", "article_triples", "check_base", "provenance_triples"]
