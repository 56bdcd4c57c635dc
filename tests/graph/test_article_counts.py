"""Each article's node counts its statements (kg:statementCount ...), in the article's own
named graph: the counts equal what the graph holds and go when the article goes."""

from __future__ import annotations

import pytest

import kgbuild
from kgbuild import Article, KnowledgeGraph

pytestmark = pytest.mark.model

STRIKE = Article(id="a", title="Strike on hospital", date="2022-03-14",
                 text="Russia attacked the hospital on Sunday. NATO said it had no personnel in Ukraine.")
DENIAL = Article(id="b", title="Kremlin denies strike", date="2022-03-12",
                 text="Russia did not attack the hospital. The Kremlin denied that Russia attacked the hospital.")

COUNTED = """
SELECT ?article (COUNT(?statement) AS ?statements) (SUM(IF(?asserted, 1, 0)) AS ?facts)
       (SUM(IF(?negated, 1, 0)) AS ?negated) (SUM(IF(BOUND(?reporter), 1, 0)) AS ?reported)
       (COUNT(DISTINCT ?sentence) AS ?sentences)
WHERE {
  ?statement a rdf:Statement ; prov:wasDerivedFrom ?sentence ; kg:asserted ?asserted ; kg:negated ?negated .
  ?sentence schema:isPartOf/schema:identifier ?article .
  OPTIONAL { ?statement kg:reportedBy ?reporter }
}
GROUP BY ?article
"""

STORED = """
SELECT ?article ?statements ?facts ?negated ?reported ?sentences
WHERE {
  GRAPH ?graph {
    ?node schema:identifier ?article ; kg:statementCount ?statements ; kg:factCount ?facts ;
          kg:negatedCount ?negated ; kg:reportedCount ?reported ; kg:sentenceCount ?sentences .
  }
}
"""


def table(result) -> dict[str, tuple[int, ...]]:
    return {str(row[0]): tuple(int(value) for value in row[1:]) for row in result}


def test_the_counts_equal_the_statements_of_the_seed_article(seed_build):
    graph, _ = seed_build
    stored = table(graph.query(STORED.replace("GRAPH ?graph {", "{")))
    assert stored == table(graph.query(COUNTED))
    (counts,) = stored.values()
    assert counts[0] == graph.summary.statements


def test_counts_live_in_the_article_graph_and_go_with_it(tmp_path):
    store = tmp_path / "store"
    kgbuild.build([STRIKE, DENIAL], store=store).close()
    with KnowledgeGraph.open_store(store) as graph:
        stored = table(graph.query(STORED))
        assert stored == table(graph.query(COUNTED))
        assert stored == {"a": (3, 2, 1, 1, 2), "b": (3, 1, 1, 1, 2)}
        graphs = graph.query("SELECT DISTINCT ?g { GRAPH ?g { ?a kg:statementCount ?n ; schema:identifier 'a' } }")
        assert graphs.column("g") == ["https://w3id.org/kgbuild/id/article/a/graph"]
        assert graph.remove_article("a") == 1
        assert table(graph.query(STORED)) == {"b": stored["b"]}
