"""SPARQL speed: the packaged queries on rdflib's in-memory Graph and on Oxigraph, side by side.

    .venv/bin/python benchmarks/sparql.py                       # builds the BBC graph once, then measures
    .venv/bin/python benchmarks/sparql.py --graph out/graph.ttl # any kgbuild graph
    .venv/bin/python benchmarks/sparql.py --store news.db       # also the persistent store on disk
    .venv/bin/python benchmarks/sparql.py --graph /tmp/kgbuild-benchmark-bbc/graph.nt --store /tmp/sparql-store
    .venv/bin/python benchmarks/sparql.py --store /tmp/bbc-store --no-rdflib --no-memory  # the store alone

The graph of all 2,225 BBC articles (../shared/corpora/bbc/articles.jsonl) is built with
`kgbuild build` into a cache directory the first time (a few minutes) and reused after.
Both engines load the same triples (the union of the article graphs): Oxigraph from the
Turtle file, rdflib from an N-Triples copy of it (or both from the N-Triples file given).
Each query runs with the binding it is documented with (`--param name=...`), through
kgbuild's own query path (so a binding is a VALUES block, as for `kgbuild query`), several
times after one untimed warm-up run; the table gives the median and the 95th percentile.
rdflib runs each query in a forked child so a query that runs past `--rdflib-timeout`
can be stopped; it then shows as "> N s".

The store on disk is an Oxigraph (RocksDB) store: load one with `kgbuild build --store`,
or from the N-Triples file with pyoxigraph's `Store(path).bulk_load(...)`. It is slower
than the in-memory store for the same plan: every step of a nested-loop join is an index
seek in RocksDB (about 7-15 µs, against 1-2 µs in memory) and every long string or IRI an
answer or a sort needs is a further lookup, while plain scans cost about the same.
"""

from __future__ import annotations

import argparse
import gc
import multiprocessing
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpora" / "bbc" / "articles.jsonl"
CACHE = Path(tempfile.gettempdir()) / "kgbuild-benchmark-bbc"

#: The value each parameterized query is run with (BBC news of 2004-2005).
BINDINGS = {
    "what-did-entity": {"name": "Tony Blair"},
    "facts-about-place": {"place": "London"},
    "sources-of-statement": {"subject": "Microsoft"},
    "timeline-of-entity": {"name": "Tony Blair"},
    "who-said-what": {"speaker": "Tony Blair"},
}


def main() -> None:
    options = _options()
    if options.no_memory and not options.store:
        raise SystemExit("--no-memory needs --store: there would be nothing to measure.")
    graph_file = None
    if not (options.no_memory and options.no_rdflib):
        graph_file = Path(options.graph) if options.graph else _cached_graph(Path(options.corpus))
        print(f"graph: {graph_file} ({graph_file.stat().st_size / 1e6:.0f} MB)", flush=True)
    from kgbuild.query import packaged_queries

    queries = packaged_queries()
    if options.only:
        queries = {name: text for name, text in queries.items() if name in options.only}
    oxigraph_load, oxigraph_times, rows = (None, {}, {}) if options.no_memory else \
        _measure_oxigraph(graph_file, queries, options)
    store_times, store_rows = _measure_store(Path(options.store), queries, options) if options.store else ({}, {})
    rows = rows or store_rows
    rdflib_load, rdflib_times = (None, {}) if options.no_rdflib else _measure_rdflib(graph_file, queries, options)

    print()
    loads = [f"rdflib Graph {rdflib_load:.1f} s" if rdflib_load is not None else "",
             f"Oxigraph (memory) {oxigraph_load:.1f} s" if oxigraph_load is not None else ""]
    if any(loads):
        print("load: " + ", ".join(load for load in loads if load))
    print(f"bindings: {BINDINGS}")
    header = ["query", "rows", "rdflib median", "rdflib p95", "Oxigraph median", "Oxigraph p95", "speed-up",
              "store (disk) median", "store p95"]
    lines = [header]
    for name in queries:
        line = [name, str(rows[name])] + ["-"] * (len(header) - 2)
        if name in oxigraph_times:
            ox_median, ox_p95 = _summary(oxigraph_times[name])
            line[4:6] = [_ms(ox_median), _ms(ox_p95)]
        rd = rdflib_times.get(name)
        if isinstance(rd, str):  # timed out or failed
            line[2:4] = [rd, rd]
            if rd.startswith(">") and name in oxigraph_times:
                line[6] = f"> {float(rd.split()[1]) / ox_median:,.0f}×"
        elif rd:
            rd_median_s, rd_p95_s = _summary(rd)
            line[2:4] = [_ms(rd_median_s), _ms(rd_p95_s)]
            if name in oxigraph_times:
                line[6] = f"{rd_median_s / ox_median:,.0f}×"
        if name in store_times:
            line[7:9] = [_ms(value) for value in _summary(store_times[name])]
        lines.append(line)
    shown = [i for i in range(len(header)) if any(line[i] != "-" for line in lines[1:])]
    lines = [[line[i] for i in shown] for line in lines]
    header = lines[0]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    for position, line in enumerate(lines):
        print("| " + " | ".join(cell.ljust(width) if i == 0 else cell.rjust(width)
                                for i, (cell, width) in enumerate(zip(line, widths))) + " |")
        if position == 0:
            print("|" + "|".join("-" * (width + 2) for width in widths) + "|")


def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graph", help="a kgbuild Turtle file (default: build the BBC corpus once)")
    parser.add_argument("--corpus", default=str(CORPUS), help="JSONL corpus to build when --graph is not given")
    parser.add_argument("--store", help="also time a persistent store (kgbuild build --store DIR) on disk")
    parser.add_argument("--repeat", type=int, default=11, help="runs per query (default: 11)")
    parser.add_argument("--budget", type=float, default=20.0, help="seconds of runs per query at most (default: 20)")
    parser.add_argument("--rdflib-timeout", type=float, default=60.0,
                        help="stop an rdflib query after this many seconds (default: 60)")
    parser.add_argument("--only", nargs="*", help="run only these queries")
    parser.add_argument("--no-rdflib", action="store_true", help="skip rdflib (minutes on the BBC graph)")
    parser.add_argument("--no-memory", action="store_true", help="skip Oxigraph's in-memory store (needs --store)")
    return parser.parse_args()


def _cached_graph(corpus: Path) -> Path:
    graph = CACHE / "graph.ttl"
    if not graph.exists():
        print(f"building {corpus} into {CACHE} once (kgbuild build; several minutes) ...", flush=True)
        subprocess.run([sys.executable, "-m", "kgbuild", "build", str(corpus), "-o", str(CACHE), "--max-nodes", "50"],
                       check=True, cwd=REPO)
    return graph


def _timed_runs(run, options: argparse.Namespace) -> tuple[list[float], int]:
    """Seconds of each run (at least one, at most --repeat, while within --budget) and the row count."""
    times: list[float] = []
    rows = run()  # warm-up, untimed: the first run of a store pays for opening files and caches
    started = time.perf_counter()
    while len(times) < options.repeat and (not times or time.perf_counter() - started < options.budget):
        gc.collect()
        begin = time.perf_counter()
        rows = run()
        times.append(time.perf_counter() - begin)
    return times, rows


def _measure_oxigraph(graph_file: Path, queries: dict[str, str], options: argparse.Namespace):
    from kgbuild.knowledge_graph import KnowledgeGraph

    began = time.perf_counter()
    graph = KnowledgeGraph.load(graph_file)
    load = time.perf_counter() - began
    print(f"Oxigraph (memory): {len(graph):,} triples loaded in {load:.1f} s", flush=True)
    times, rows = {}, {}
    for name, text in queries.items():
        times[name], rows[name] = _timed_runs(lambda: len(graph.query(text, bindings=BINDINGS.get(name))), options)
        print(f"  {name}: {_ms(_summary(times[name])[0])} ({rows[name]} rows)", flush=True)
    graph.close()
    return load, times, rows


def _measure_store(path: Path, queries: dict[str, str], options: argparse.Namespace):
    from kgbuild.knowledge_graph import KnowledgeGraph

    times, rows = {}, {}
    with KnowledgeGraph.open_store(path) as graph:
        print(f"Oxigraph store on disk: {len(graph):,} triples", flush=True)
        for name, text in queries.items():
            times[name], rows[name] = _timed_runs(lambda: len(graph.query(text, bindings=BINDINGS.get(name))),
                                                  options)
            print(f"  {name}: {_ms(_summary(times[name])[0])} ({rows[name]} rows)", flush=True)
    return times, rows


def _measure_rdflib(graph_file: Path, queries: dict[str, str], options: argparse.Namespace):
    from rdflib import Graph, Literal

    from kgbuild.query import QUERY_PREFIXES

    # rdflib reads N-Triples: its Turtle parser rejects some escapes Oxigraph writes in
    # prefixed names (rel:r\%26b\.), which the Turtle grammar allows.
    triples_file = graph_file if graph_file.suffix == ".nt" else CACHE / (graph_file.stem + ".nt")
    if not triples_file.exists() or triples_file.stat().st_mtime < graph_file.stat().st_mtime:
        import pyoxigraph as ox

        CACHE.mkdir(parents=True, exist_ok=True)
        ox.serialize(ox.parse(path=str(graph_file)), str(triples_file), ox.RdfFormat.N_TRIPLES)
    began = time.perf_counter()
    graph = Graph()
    graph.parse(triples_file, format="nt")
    load = time.perf_counter() - began
    print(f"rdflib Graph: {len(graph):,} triples loaded in {load:.1f} s", flush=True)
    # Forked children share the loaded graph; a query past the timeout is stopped with its child.
    context = multiprocessing.get_context("fork")
    results: dict[str, list[float] | str] = {}
    for name, text in queries.items():
        bindings = {key: Literal(value) for key, value in BINDINGS.get(name, {}).items()}

        def run(connection, text=text, bindings=bindings) -> None:
            def once() -> int:
                return len(list(graph.query(text, initNs=QUERY_PREFIXES, initBindings=bindings)))

            try:
                connection.send(_timed_runs(once, options)[0])
            except Exception as error:  # report, do not hang the parent
                connection.send(f"failed: {type(error).__name__}")

        receiver, sender = context.Pipe(duplex=False)
        child = context.Process(target=run, args=(sender,))
        child.start()
        if receiver.poll(options.rdflib_timeout + options.budget):
            results[name] = receiver.recv()
        else:
            results[name] = f"> {options.rdflib_timeout:.0f} s"
        if child.is_alive():
            child.kill()
        child.join()
        shown = results[name] if isinstance(results[name], str) else _ms(_summary(results[name])[0])
        print(f"  rdflib {name}: {shown}", flush=True)
    return load, results


def _summary(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms" if seconds < 10 else f"{seconds:,.1f} s"


if __name__ == "__main__":
    main()
