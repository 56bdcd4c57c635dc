"""Apply corpus-level entity merges to a store: one node per real thing.

The merged node keeps every name as `skos:altLabel`, the articles that mention it, and a
`kg:Resolution` saying which rule folded the other key into it, so each merge explains
itself in the graph. No `owl:sameAs`: the source node is gone.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable
from urllib.parse import unquote

import pyoxigraph as ox

from kgbuild.graph.iris import IriMinter
from kgbuild.graph.sparql import graph_sparql
from kgbuild.graph.store import KnowledgeStore
from kgbuild.graph.vocab import KG, PREFIXES, RDF, RDFS, SKOS
from kgbuild.resolve.entities import KEY_TYPES

if TYPE_CHECKING:  # the graph stage takes resolve's records (and its naming table), not its code
    from kgbuild.resolve import Merge

_TYPE = ox.NamedNode(str(RDF.type))
_LABEL = ox.NamedNode(str(RDFS.label))
_ALT_LABEL = ox.NamedNode(str(SKOS.altLabel))


def apply_merges(store: KnowledgeStore, minter: IriMinter, merges: Iterable[Merge]) -> int:
    """Fold each merge's source entity into its target; returns how many were applied."""
    oxigraph = store.oxigraph
    applied = 0
    for merge in merges:
        source = ox.NamedNode(str(minter.entity(merge.source)))
        target = ox.NamedNode(str(minter.entity(merge.target)))
        target_labels = {q.object for q in oxigraph.quads_for_pattern(target, _LABEL, None)}
        removed, added = [], []
        for quad in oxigraph.quads_for_pattern(source, None, None):
            removed.append(quad)
            if quad.predicate == _TYPE:
                continue  # the target's type is the one the corpus settled on
            predicate = quad.predicate
            if predicate == _LABEL:
                if quad.object in target_labels:
                    continue
                predicate = _ALT_LABEL
            added.append(ox.Quad(target, predicate, quad.object, quad.graph_name))
        for quad in oxigraph.quads_for_pattern(None, None, source):
            removed.append(quad)
            added.append(ox.Quad(quad.subject, quad.predicate, target, quad.graph_name))
        if not removed:
            continue
        added.extend(_merge_record(target, merge, removed))
        for quad in removed:
            oxigraph.remove(quad)
        oxigraph.extend(added)
        applied += 1
    return applied


def _merge_record(target: ox.NamedNode, merge: Merge, removed: list[ox.Quad]) -> list[ox.Quad]:
    names = sorted(q.object.value for q in removed if q.predicate == _LABEL and isinstance(q.object, ox.Literal))
    digest = hashlib.sha1(f"{merge.source}\x1f{merge.target}\x1f{merge.rule}".encode()).hexdigest()[:20]
    node = ox.BlankNode(f"m{digest}")
    return [
        ox.Quad(target, ox.NamedNode(str(KG.resolution)), node),
        ox.Quad(node, _TYPE, ox.NamedNode(str(KG.Resolution))),
        ox.Quad(node, ox.NamedNode(str(KG.surfaceForm)), ox.Literal(names[0] if names else merge.source)),
        ox.Quad(node, ox.NamedNode(str(KG.resolutionRule)), ox.Literal(merge.rule)),
    ]


def canonical_labels(store: KnowledgeStore) -> int:
    """Leave each entity one `rdfs:label`: the name the articles used most; the others
    become `skos:altLabel`. Articles may name one entity differently ("Labour Party",
    "Labour party"); each writes its own label. Returns how many labels were demoted."""
    oxigraph = store.oxigraph
    choices: dict[ox.NamedNode, list[tuple[int, str, ox.Literal]]] = {}
    # The store's default graph is the union of the article graphs as a set (Oxigraph's own
    # union repeats a triple once per graph stating it, which would skew the counts).
    for row in oxigraph.query(graph_sparql("labels-per-entity.rq"), prefixes=PREFIXES, **store.union_query_options()):
        uses = int(row["uses"].value) if row["uses"] is not None else 0
        choices.setdefault(row["entity"], []).append((uses, row["label"].value, row["label"]))
    demoted = 0
    for entity, labels in choices.items():
        keep = max(labels, key=lambda item: (item[0], -len(item[1]), item[1]))[2]
        for _, _, label in labels:
            if label == keep:
                continue
            for quad in list(oxigraph.quads_for_pattern(entity, _LABEL, label)):
                oxigraph.remove(quad)
                oxigraph.add(ox.Quad(entity, _ALT_LABEL, label, quad.graph_name))
                demoted += 1
    return demoted


# ── What the corpus index needs from a store (incremental builds) ─────────────────────

#: The type word of an entity key → the NER label it is read back as: resolve's one table
#: (`KEY_TYPES`) turned round, the first label of a word winning ("place" reads as GPE,
#: though LOC and FAC share it).
_LABEL_TYPE_OF_KEY = {word: label for label, word in reversed(KEY_TYPES.items())}


@dataclass(frozen=True)
class StoredEntity:
    """An entity as a store holds it, in the terms of resolve's `CorpusIndex.add_record`.

    Attributes:
        key: Its entity key ("person/josep-borrell"), read back from its IRI.
        label_type: The NER label its key's type word stands for ("place" reads as GPE).
        label: Its name (of several `rdfs:label`s, the first in code-point order).
        articles: How many articles of the store mention it (`kg:mentionedIn`).
    """

    key: str
    label_type: str
    label: str
    articles: int


def stored_entities(store: KnowledgeStore, minter: IriMinter) -> list[StoredEntity]:
    """The entities a store already holds under `minter`'s base, so that corpus merges of a
    new build see the articles of earlier builds too ("Borrell" now, "Josep Borrell" then).

    The key is the entity IRI's path after `{base}entity/`, which `IriMinter.entity` made
    from it segment by segment. Entities under another base are left out.
    """
    prefix = f"{minter.base}entity/"
    records = []
    for row in store.oxigraph.query(graph_sparql("stored-entities.rq"), prefixes=PREFIXES, **store.union_query_options()):
        iri = row["entity"].value
        kind, _, name = iri[len(prefix):].partition("/")
        if not iri.startswith(prefix) or not name:
            continue
        key = f"{unquote(kind)}/{unquote(name)}"
        records.append(StoredEntity(key, _LABEL_TYPE_OF_KEY.get(unquote(kind), "ENTITY"), row["label"].value,
                                    int(row["articles"].value)))
    return records
