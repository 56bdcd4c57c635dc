"""kgbuild: news articles → a knowledge graph you can query with SPARQL and explore offline.

    >>> import kgbuild                                                # doctest: +SKIP
    >>> kg = kgbuild.build(["Russia attacked a base near Poland."])  # doctest: +SKIP
    >>> kg.query("SELECT ?o { ?s rel:attack ?o }")                   # doctest: +SKIP
    >>> kg.to_html("view.html")                                      # doctest: +SKIP

The stages, one subpackage each: ingest → nlp → extract → resolve → graph → render/query;
`kgbuild.pipeline` drives them. Importing kgbuild loads no model; the pipeline is loaded by
the first `build`. One call per command of the CLI:

    kgbuild build      kgbuild.build(...)                 → KnowledgeGraph
    kgbuild extract    kgbuild.extract_articles(...)      → ResolvedArticle records
    kgbuild query      kg.query(sparql)                   kgbuild render    kg.to_html(path)
    kgbuild serve      kg.serve()                         kgbuild push      kg.push(endpoint)
    kgbuild validate   kg.validate()                      kgbuild remove    kg.remove_article(id)

where `kg` is what `build` returns, `KnowledgeGraph.load(files)` or `KnowledgeGraph.open_store(dir)`.
"""

from __future__ import annotations

__version__ = "0.2.0"

from kgbuild.types import Article, Entity, EntityFact, Mention, Modality, Relation, Sentence, Statement  # noqa: E402

__all__ = ["Article", "BuildSummary", "Entity", "EntityFact", "KnowledgeGraph", "Mention", "Modality",
           "Relation", "Sentence", "Statement", "__version__", "build", "extract_articles"]


def __getattr__(name: str):
    # build() and KnowledgeGraph pull in spaCy and rdflib; import them on first use so
    # `import kgbuild` stays cheap and free of side effects.
    if name in ("build", "extract_articles"):
        from kgbuild import pipeline

        return getattr(pipeline, name)
    if name in ("KnowledgeGraph", "BuildSummary"):
        from kgbuild import knowledge_graph

        return getattr(knowledge_graph, name)
    raise AttributeError(f"module 'kgbuild' has no attribute {name!r}")
