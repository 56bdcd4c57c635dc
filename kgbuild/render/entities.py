"""The entity graph: named entities linked by the statements that connect them.

The statement graph links entities mostly through noun phrases and reported claims
("Borrell —say→ [civilians be killed in Mariupol]"), so with those hidden almost no edge
is left. Here every statement is read for the entities it connects:

* an entity in the subject or object slot stands for itself;
* a noun phrase, quotation or argument stands for the entities of the same article whose
  names it contains ("a base near the border with NATO member Poland" → NATO, Poland);
* a reported claim stands for its own entities ("X said [Y attacked Z]" links X–Y; the
  claim's own statement links Y–Z).

The subject's entities are linked to the object's and the arguments' entities, one link
per pair of entities, with every statement behind it. A statement that links an entity only
to itself ("Ukraine say [Ukraine seek …]", "X be X") draws no loop: it is listed with the
entity, and a copula ("Zelensky be president") becomes one of its details.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import networkx as nx

from kgbuild.render.records import GraphContents, NodeRecord
from kgbuild.render.relations import relation_family
from kgbuild.render.view import ViewStatement

__all__ = ["ENTITY_KINDS", "EntityGraph", "EntityLink", "entity_graph", "select_connected"]

#: Node kinds that are named entities.
ENTITY_KINDS = frozenset({"person", "organization", "place", "event", "entity"})
#: Shortest name looked for inside a phrase (shorter ones, like "US", must match its case).
_SHORT_NAME = 3
#: Relations whose statements describe their subject ("be president"): details, not edges.
_COPULA_FAMILY = "being and becoming"


@dataclass
class EntityLink:
    """Two entities and the statements that connect them.

    Attributes:
        source, target: Entity ids, `source` the one that is more often the subject.
        statement_ids: The statements behind the link, in statement order.
        forward: How many of them have `source` on the subject side.
    """

    source: str
    target: str
    statement_ids: list[str] = field(default_factory=list)
    forward: int = 0

    @property
    def weight(self) -> int:
        return len(self.statement_ids)


@dataclass
class EntityGraph:
    """Entities, their links, and the statements that involve each entity.

    Attributes:
        entities: Entity id → record, for every named entity of the graph.
        links: (id, id) in sorted order → link.
        involved: Entity id → ids of the statements that mention it in any slot, ordered.
        copulas: Entity id → ("is", what it is) details from "X be Y" statements.
        articles: Entity id → the articles it appears in.
    """

    entities: dict[str, NodeRecord]
    links: dict[tuple[str, str], EntityLink]
    involved: dict[str, list[str]]
    copulas: dict[str, list[tuple[str, str]]]
    articles: dict[str, set[str]]

    def network(self, nodes: Iterable[str] | None = None) -> nx.Graph:
        """The links as an undirected networkx graph weighted by statements (of `nodes` only)."""
        keep = None if nodes is None else set(nodes)
        graph = nx.Graph()
        graph.add_nodes_from(sorted(self.entities if keep is None else keep))
        for (a, b), link in sorted(self.links.items()):
            if keep is None or (a in keep and b in keep):
                graph.add_edge(a, b, weight=link.weight)
        return graph

    def strength(self) -> dict[str, float]:
        """Entity id → weighted degree (statements on its links) plus articles it is in."""
        strength: Counter[str] = Counter()
        for (a, b), link in self.links.items():
            strength[a] += link.weight
            strength[b] += link.weight
        return {
            entity: strength.get(entity, 0) + 0.5 * len(self.articles.get(entity, ()))
            for entity in self.entities
        }


def entity_graph(contents: GraphContents) -> EntityGraph:
    """Fold phrases, quotations, arguments and claims into links between entities."""
    entities = {i: n for i, n in contents.nodes.items() if n.kind in ENTITY_KINDS}
    statements = contents.statements
    article_of = {
        s.id: (s.sources[0].article if s.sources else "") for s in statements.values()
    }
    matchers = _NameMatchers(entities, statements, article_of)

    def ends(term: str | None, label: str, article: str, depth: int = 0) -> set[str]:
        if term is None:
            return set()
        if term in entities:
            return {term}
        if term in statements and depth < 3:
            claim = statements[term]
            inner = ends(claim.subject, claim.subject_label, article, depth + 1)
            return inner or (
                ends(claim.object, claim.object_label, article, depth + 1)
                | matchers.find(" ".join(v for _, v in claim.arguments), article)
            )
        return matchers.find(label, article)

    links: dict[tuple[str, str], EntityLink] = {}
    involved: dict[str, dict[str, None]] = defaultdict(dict)
    copulas: dict[str, list[tuple[str, str]]] = defaultdict(list)
    articles: dict[str, set[str]] = defaultdict(set)
    for entity_id, entity in entities.items():
        articles[entity_id].update(entity.mentioned_in)
    for statement in statements.values():
        article = article_of[statement.id]
        left = ends(statement.subject, statement.subject_label, article)
        right = ends(statement.object, statement.object_label, article)
        right |= matchers.find(" ".join(value for _, value in statement.arguments), article)
        for entity_id in left | right:
            involved[entity_id][statement.id] = None
            articles[entity_id].update(s.article for s in statement.sources if s.article)
        if (
            relation_family(statement.relation) == _COPULA_FAMILY
            and statement.subject in entities
            and statement.object_label
            and statement.object not in statements
            and not statement.negated
        ):
            detail = ("is", statement.object_label)
            if statement.object != statement.subject and detail not in copulas[statement.subject]:
                copulas[statement.subject].append(detail)
            continue  # a description, not a connection
        for a in sorted(left):
            for b in sorted(right - {a}):
                key = (a, b) if a < b else (b, a)
                link = links.get(key)
                if link is None:
                    link = links[key] = EntityLink(key[0], key[1])
                if statement.id not in link.statement_ids:
                    link.statement_ids.append(statement.id)
                    link.forward += 1 if a == key[0] else 0
    for link in links.values():  # point the link the way most of its statements go
        if link.forward * 2 < link.weight:
            link.source, link.target = link.target, link.source
            link.forward = link.weight - link.forward
    return EntityGraph(
        entities=entities,
        links=links,
        involved={k: list(v) for k, v in involved.items()},
        copulas=dict(copulas),
        articles=dict(articles),
    )


def select_connected(
    graph: EntityGraph, limit: int, strength: Mapping[str, float]
) -> list[str]:
    """The strongest entities, at most `limit`, each linked to another one chosen.

    Entities are taken strongest first; one with no link to those already taken comes
    with its strongest neighbour (when there is room for both), so no chosen entity is
    left without a drawn edge. Entities without any link are never chosen.
    """
    neighbours: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for (a, b), link in graph.links.items():
        neighbours[a].append((link.weight, b))
        neighbours[b].append((link.weight, a))
    ranked = sorted(
        neighbours,
        key=lambda e: (-strength[e], graph.entities[e].label.casefold(), e),
    )
    chosen: dict[str, None] = {}
    for entity in ranked:
        if len(chosen) >= limit:
            break
        if entity in chosen:
            continue
        near = neighbours[entity]
        if any(other in chosen for _, other in near):
            chosen[entity] = None
        elif len(chosen) + 2 <= limit:
            _, partner = max(near, key=lambda pair: (pair[0], strength[pair[1]], pair[1]))
            chosen[entity] = None
            chosen[partner] = None
    return list(chosen)


class _NameMatchers:
    """Finds the names of an article's entities inside a phrase of that article."""

    def __init__(
        self,
        entities: Mapping[str, NodeRecord],
        statements: Mapping[str, ViewStatement],
        article_of: Mapping[str, str],
    ) -> None:
        by_article: dict[str, set[str]] = defaultdict(set)
        for entity_id, entity in entities.items():
            for article in entity.mentioned_in:
                by_article[article].add(entity_id)
        for statement in statements.values():  # graphs without kg:mentionedIn
            for end in (statement.subject, statement.object):
                if end is not None and end in entities:
                    by_article[article_of[statement.id]].add(end)
        self.entities = entities
        self.by_article = by_article
        self._patterns: dict[str, tuple[re.Pattern[str] | None, dict[str, str]]] = {}
        self._found: dict[tuple[str, str], set[str]] = {}

    def find(self, text: str, article: str) -> set[str]:
        if not text:
            return set()
        key = (text, article)
        if key not in self._found:
            pattern, names = self._pattern(article)
            found = set()
            if pattern is not None:
                for match in pattern.finditer(_plain(text)):
                    found.add(names[match.group(0)])
            self._found[key] = found
        return self._found[key]

    def _pattern(self, article: str) -> tuple[re.Pattern[str] | None, dict[str, str]]:
        if article not in self._patterns:
            names: dict[str, str] = {}
            for entity_id in sorted(self.by_article.get(article, ())):
                entity = self.entities[entity_id]
                for name in (entity.label, *entity.aliases):
                    plain = _plain(name)
                    if len(plain) >= 2 and (len(plain) >= _SHORT_NAME or plain.isupper()):
                        names.setdefault(plain, entity_id)
            if names:
                alternatives = "|".join(
                    re.escape(name) for name in sorted(names, key=lambda n: (-len(n), n))
                )
                pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
            else:
                pattern = None
            self._patterns[article] = (pattern, names)
        return self._patterns[article]


def _plain(text: str) -> str:
    """Text without accents, with single spaces and straight apostrophes; case kept."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())
