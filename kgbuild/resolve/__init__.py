"""resolve stage: mentions → canonical entities, within an article (`kgbuild.resolve.v1`).

Rule-based and explainable (no coreference model can be fetched here): name aliases
("Josep Borrell" / "Borrell" / "Mr Borrell"), acronyms, pronouns by agreement and
distance, and types corrected by what the article says a thing is. Each link keeps the
name of the rule that made it.
"""

from __future__ import annotations

from kgbuild.resolve.corpus import CorpusIndex, Merge
from kgbuild.resolve.entities import entity_key, resolve_article

__all__ = ["CorpusIndex", "Merge", "entity_key", "resolve_article"]
