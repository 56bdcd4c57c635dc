"""The RDF of each article and its store write: CPU per article, this tree against a baseline commit.

    .venv/bin/python benchmarks/rdf_write.py [--articles 150] [--baseline 3b6eecc]

The first N BBC articles are parsed, extracted and resolved once; then, with this tree's
kgbuild and with the baseline's (its `kgbuild/` exported to a scratch directory and imported
in place of this one, the records handed over as they are), each article is made into its
named graph (`article_graph`: the N-Quads a worker sends to the store) and stored with
`put_graph` into a fresh on-disk store. Times are CPU seconds of this process
(`time.process_time`, which includes Oxigraph's threads), so other load on the machine
does not count; whether both made the same quads is printed (a baseline from before a
change of the data model does not). The store's size on disk
is given per quad stored (the named graphs and their default-graph copy).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BBC = REPO.parent / "shared" / "corpora" / "bbc" / "articles.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=150)
    parser.add_argument("--baseline", default="3b6eecc", metavar="COMMIT")
    options = parser.parse_args()

    from kgbuild.graph import IriMinter
    from kgbuild.pipeline.worker import provenance_of, resolved_or_skipped, statement_pipeline
    from kgbuild.types import Article

    nlp = statement_pipeline()
    with BBC.open(encoding="utf-8") as lines:
        records = [json.loads(line) for _, line in zip(range(options.articles), lines)]
    articles = [Article(id=r["id"], text=r["text"], title=r.get("title"), date=r.get("date")) for r in records]
    resolved = [r for r in resolved_or_skipped(articles, nlp) if not isinstance(r, Exception)]
    provenance, minter = provenance_of(nlp), IriMinter()
    with tempfile.TemporaryDirectory() as scratch:
        current = _measure(resolved, provenance, minter, Path(scratch) / "current")
        _import_from(_export(options.baseline, Path(scratch)))
        baseline = _measure(resolved, provenance, minter, Path(scratch) / "baseline")
    same = current.pop("quads") == baseline.pop("quads")
    print(f"{len(resolved)} articles, {current['triples']:,} triples here, {baseline['triples']:,} in "
          f"{options.baseline}; the same quads: {'yes' if same else 'no (the data model changed since)'}")
    print(f"{'':<34} {options.baseline:>10} {'this tree':>10}")
    for key, label in [("graph_ms", "RDF per article (CPU ms)"), ("store_ms", "store write per article (CPU ms)"),
                       ("bytes_per_quad", "store bytes per quad")]:
        print(f"{label:<34} {baseline[key]:>10.2f} {current[key]:>10.2f}")


def _measure(resolved: list, provenance: object, minter: object, store_path: Path) -> dict:
    import pyoxigraph as ox

    from kgbuild.graph.persistent import article_graph, content_hash
    from kgbuild.graph.store import KnowledgeStore

    started = time.process_time()
    graphs = [article_graph(r, provenance, minter, content_hash(r.extraction.article, provenance, minter.base))
              for r in resolved]
    graph_seconds = time.process_time() - started
    store = KnowledgeStore(store_path)
    started = time.process_time()
    for graph in graphs:
        store.put_graph(graph.name, graph.nquads)
    store.oxigraph.flush()
    store_seconds = time.process_time() - started
    quads = len(store.oxigraph)
    store.oxigraph.optimize()
    size = sum(f.stat().st_size for f in store_path.rglob("*") if f.is_file())
    return {"graph_ms": 1000 * graph_seconds / len(graphs), "store_ms": 1000 * store_seconds / len(graphs),
            "bytes_per_quad": size / quads, "triples": sum(g.triples for g in graphs),
            "quads": {q for g in graphs for q in ox.parse(g.nquads, format=ox.RdfFormat.N_QUADS)}}


def _export(commit: str, scratch: Path) -> Path:
    target = scratch / f"kgbuild-{commit}"
    target.mkdir()
    archive = subprocess.run(["git", "-C", str(REPO), "archive", commit, "kgbuild"], check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


def _import_from(source: Path) -> None:
    """Make `import kgbuild...` load the copy under `source` from now on."""
    for name in [name for name in sys.modules if name == "kgbuild" or name.startswith("kgbuild.")]:
        del sys.modules[name]
    sys.path.insert(0, str(source))
    import kgbuild

    if not str(kgbuild.__file__).startswith(str(source)):
        raise SystemExit(f"the baseline kgbuild was not imported ({kgbuild.__file__})")


if __name__ == "__main__":
    main()
