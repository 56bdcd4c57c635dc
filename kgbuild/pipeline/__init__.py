"""The build orchestration: what one worker runs, where it runs, and the build that drives them.

    worker.py     articles → parsed, extracted, resolved, made into RDF (`built_or_skipped`)
    executors.py  where a build's batches run: this process, a process pool, or Dask
    builder.py    `build`: read, filter, build where told, store, merge across the corpus;
                  `extract_articles`: the same reading, records without a graph

Imports go one way, builder → executors → worker, and the pipeline imports the stages;
no stage imports it. Importing it loads spaCy (the stages do not, past `nlp`).
"""

from __future__ import annotations

from kgbuild.pipeline.builder import build, extract_articles
from kgbuild.pipeline.worker import BuiltArticle, resolved_articles, statement_pipeline

__all__ = ["BuiltArticle", "build", "extract_articles", "resolved_articles", "statement_pipeline"]
