"""Corpus speed and memory: bare `nlp.pipe` (the limit) versus `kgbuild build` end to end.

On the first 200, 1,000 and all 2,225 BBC articles, at 1 and 2 processes, each run in a
fresh subprocess (so its peak RSS is its own):

- `bare`: `nlp.pipe(texts, n_process=J)` of kgbuild's spaCy pipeline without kgbuild's
  components — what the parse alone costs;
- `build`: `kgbuild build FILE.jsonl --store DIR --jobs J --quiet` — reading, parse,
  extraction, resolution, RDF into the on-disk store, corpus merges;
- `dask`: the same build with `--dask local` (a LocalCluster of J worker processes).

Tokens and sentences are counted by the bare run and used for every run on the same
input. Peak RSS is the build process's own (`ru_maxrss`) and its largest worker's; CPU
seconds are those of the run's process and its workers together (on 2 cores, a run whose
CPU seconds exceed twice its wall time was waiting for cores). The machine's load average
is printed before and after: other work on it slows every row.
Run by hand:

    .venv/bin/python benchmarks/speed.py [--sizes 200,1000,2225] [--jobs 1,2] [--dask-size 2225]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BBC = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "bbc" / "articles.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200,1000,2225")
    parser.add_argument("--jobs", default="1,2")
    parser.add_argument("--dask-size", type=int, default=2225, help="articles for the Dask run (0: none)")
    parser.add_argument("--child", nargs=3, metavar=("KIND", "FILE", "JOBS"), help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        kind, file, jobs = options.child
        print(json.dumps(_child(kind, Path(file), int(jobs))))
        return

    sizes = [int(s) for s in options.sizes.split(",")]
    jobs_list = [int(j) for j in options.jobs.split(",")]
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores\n")
    header = (f"{'articles':>8} {'run':<6} {'procs':>5} {'seconds':>8} {'tokens/s':>9} {'sents/s':>8} "
              f"{'vs limit':>8} {'CPU s':>7} {'RSS MiB':>8} {'worker MiB':>10}")
    print(header)
    print("-" * len(header))
    with tempfile.TemporaryDirectory() as scratch:
        for size in sizes:
            subset = Path(scratch) / f"bbc-{size}.jsonl"
            with BBC.open(encoding="utf-8") as lines, subset.open("w", encoding="utf-8") as out:
                for _, line in zip(range(size), lines):
                    out.write(line)
            runs = [("bare", j) for j in jobs_list] + [("build", j) for j in jobs_list]
            if options.dask_size == size:
                runs.append(("dask", max(jobs_list)))
            limits, counts = {}, None
            for kind, jobs in runs:
                result = _run(kind, subset, jobs)
                if kind == "bare":
                    limits[jobs] = result["seconds"]
                    counts = result
                seconds = result["seconds"]
                ratio = limits.get(jobs, 0) / seconds if seconds else 0
                print(f"{size:>8} {kind:<6} {jobs:>5} {seconds:>8.1f} {counts['tokens'] / seconds:>9,.0f} "
                      f"{counts['sentences'] / seconds:>8,.0f} {ratio:>8.2f} {result['cpu_s']:>7.1f} {result['rss_mib']:>8.0f} "
                      f"{result['worker_rss_mib']:>10.0f}", flush=True)
    print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def _run(kind: str, file: Path, jobs: int) -> dict:
    completed = subprocess.run([sys.executable, __file__, "--child", kind, str(file), str(jobs)],
                               check=True, capture_output=True, text=True)
    return json.loads(completed.stdout.strip().splitlines()[-1])


def _child(kind: str, file: Path, jobs: int) -> dict:
    """One run in this process: seconds (after loading the pipeline), counts, CPU, peak RSS."""
    result = {"tokens": 0, "sentences": 0}
    if kind == "bare":
        from kgbuild.nlp import load_pipeline

        nlp = load_pipeline()
        if "kgbuild_paragraph_boundaries" in nlp.pipe_names:
            nlp.remove_pipe("kgbuild_paragraph_boundaries")
        texts = [json.loads(line)["text"] for line in file.open(encoding="utf-8")]
        list(nlp.pipe(texts[:2]))  # warm up
        cpu_before, started = _cpu_seconds(), time.perf_counter()
        for doc in nlp.pipe(texts, n_process=jobs, batch_size=16):
            result["tokens"] += len(doc)
            result["sentences"] += sum(1 for _ in doc.sents)
        result["seconds"] = time.perf_counter() - started
    else:
        from kgbuild.pipeline import statement_pipeline
        from kgbuild.cli import main as kgbuild_main

        statement_pipeline()  # loaded before the clock, as the bare run's
        with tempfile.TemporaryDirectory() as store:
            arguments = [str(file), "--store", store, "--jobs", str(jobs), "--quiet"]
            if kind == "dask":
                arguments += ["--dask", "local"]
            cpu_before, started = _cpu_seconds(), time.perf_counter()
            code = kgbuild_main(["build", *arguments])
            result["seconds"] = time.perf_counter() - started
            if code != 0:
                raise SystemExit(f"kgbuild build failed with exit code {code}")
    result["cpu_s"] = _cpu_seconds() - cpu_before
    # ru_maxrss is in KiB on Linux; the children's figure is that of the largest worker reaped.
    result["rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["worker_rss_mib"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return result


def _cpu_seconds() -> float:
    """User and system CPU time of this process and its reaped workers."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


if __name__ == "__main__":
    main()
