"""What extraction adds to the parse: bare `nlp.pipe` versus the same pipeline with
kgbuild's components, then resolution and RDF, on BBC articles; and the extractor alone in
CPU seconds against the parse's CPU seconds (the figure to hold under 10 %). Run by hand:

    .venv/bin/python benchmarks/extract_speed.py [--articles 300]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from kgbuild import __version__
from kgbuild.pipeline import statement_pipeline
from kgbuild.extract import COMPONENT, EXTRACTOR
from kgbuild.graph import IriMinter, KnowledgeStore, Provenance, article_triples
from kgbuild.nlp import load_pipeline
from kgbuild.resolve import resolve_article
from kgbuild.types import Article, Extraction

BBC = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "bbc" / "articles.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    options = parser.parse_args()
    with BBC.open() as lines:
        records = [json.loads(line) for _, line in zip(range(options.articles), lines)]
    texts = [record["text"] for record in records]

    bare = load_pipeline()
    bare.remove_pipe("kgbuild_paragraph_boundaries")
    list(bare.pipe(texts[:5]))  # warm up
    started, started_cpu = time.perf_counter(), time.process_time()
    tokens = sum(len(doc) for doc in bare.pipe(texts, batch_size=16))
    parse_seconds, parse_cpu = time.perf_counter() - started, time.process_time() - started_cpu

    full = statement_pipeline()
    list(full.pipe(texts[:5]))
    started = time.perf_counter()
    docs = list(full.pipe(texts, batch_size=16))
    extract_seconds = time.perf_counter() - started

    # The extractor alone, in CPU seconds, on documents parsed beforehand: the difference of
    # two wall-clock runs above is at the mercy of whatever else the machine does.
    parsed = list(load_pipeline().pipe(texts, batch_size=16))
    component = full.get_pipe(COMPONENT)
    started_cpu = time.process_time()
    for doc in parsed:
        component(doc)
    component_cpu = time.process_time() - started_cpu

    started = time.perf_counter()
    resolved = [resolve_article(Extraction(Article(id=r["id"], text=r["text"]), d._.sentence_records,
                                           d._.statements, d._.entity_facts, d._.mentions))
                for r, d in zip(records, docs)]
    resolve_seconds = time.perf_counter() - started

    started = time.perf_counter()
    store, minter = KnowledgeStore(), IriMinter()
    provenance = Provenance(__version__, "bench", EXTRACTOR)
    triples = sum(store.add_triples(article_triples(r, provenance, minter)) for r in resolved)
    graph_seconds = time.perf_counter() - started

    statements = sum(len(d._.statements) for d in docs)
    print(f"{len(texts)} BBC articles, {tokens:,} tokens, {statements:,} statements, {triples:,} triples\n")
    print(f"{'stage':34} {'seconds':>8} {'tokens/s':>10} {'vs parse':>9}")
    rows = [("parse (bare nlp.pipe)", parse_seconds), ("parse + kgbuild components", extract_seconds),
            ("  of which extraction", extract_seconds - parse_seconds), ("resolution", resolve_seconds),
            ("RDF into Oxigraph", graph_seconds)]
    for name, seconds in rows:
        print(f"{name:34} {seconds:8.2f} {tokens / max(seconds, 1e-9):10,.0f} {seconds / parse_seconds:9.1%}")
    print(f"\nCPU: parse {parse_cpu:.2f} s, extraction (kgbuild_statements on parsed docs) {component_cpu:.2f} s"
          f" = {component_cpu / parse_cpu:.1%} of the parse")


if __name__ == "__main__":
    main()
