"""Corpus speed and memory: bare `nlp.pipe` (the limit) versus `kgbuild build` end to end.

On the first 200, 1,000 and all 2,225 BBC articles, at 1 and 2 processes, each run in a
fresh subprocess (so its peak RSS is its own):

- `bare`: `nlp.pipe(texts, n_process=J)` of kgbuild's spaCy pipeline without kgbuild's
  components — what the parse alone costs;
- `build`: `kgbuild build FILE.jsonl --store DIR --jobs J --quiet` — reading, parse,
  extraction, resolution, RDF into the on-disk store, corpus merges;
- `dask`: the same build with `--dask local` (a LocalCluster of J worker processes);
- `out`: `kgbuild build FILE.jsonl -o DIR --jobs J --quiet` — the default outputs (graph
  files and the view) instead of a store.

With `--baseline COMMIT` the `build` and `out` runs are repeated with the kgbuild of that
commit (its `kgbuild/` exported to a scratch directory and put first on `sys.path`), in
the same run and on the same input, so that a before/after table is one measurement.
On a loaded machine compare the CPU seconds rather than the wall time.

Tokens and sentences are counted by the bare run and used for every run on the same
input. Peak RSS is the build process's own (`ru_maxrss`) and its largest worker's; CPU
seconds are those of the run's process and its workers together, and "CPU vs limit" is the
bare parse's CPU seconds over the run's (the throughput ratio that other load on the machine
does not skew) (on 2 cores, a run whose
CPU seconds exceed twice its wall time was waiting for cores). The machine's load average
is printed before and after: other work on it slows every row.
Run by hand:

    .venv/bin/python benchmarks/speed.py [--sizes 200,1000,2225] [--jobs 1,2] [--dask-size 2225]
        [--runs build,out] [--baseline 3b6eecc]
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
    parser.add_argument("--runs", default="build", help="kgbuild runs besides `bare`: build (--store), out (-o)")
    parser.add_argument("--baseline", default=None, metavar="COMMIT", help="also run build/out with this commit")
    parser.add_argument("--child", nargs=3, metavar=("KIND", "FILE", "JOBS"), help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        kind, file, jobs = options.child
        print(json.dumps(_child(kind, Path(file), int(jobs))))
        return

    sizes = [int(s) for s in options.sizes.split(",")]
    jobs_list = [int(j) for j in options.jobs.split(",")]
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores\n")
    header = (f"{'articles':>8} {'run':<14} {'procs':>5} {'seconds':>8} {'tokens/s':>9} {'sents/s':>8} "
              f"{'vs limit':>8} {'CPU s':>7} {'CPU vs limit':>12} {'RSS MiB':>8} {'worker MiB':>10}")
    print(header)
    print("-" * len(header))
    with tempfile.TemporaryDirectory() as scratch:
        baseline = _export(options.baseline, Path(scratch)) if options.baseline else None
        kinds = options.runs.split(",")
        for size in sizes:
            subset = Path(scratch) / f"bbc-{size}.jsonl"
            with BBC.open(encoding="utf-8") as lines, subset.open("w", encoding="utf-8") as out:
                for _, line in zip(range(size), lines):
                    out.write(line)
            runs: list[tuple[str, int, Path | None]] = [("bare", j, None) for j in jobs_list]
            for jobs in jobs_list:
                for kind in kinds:
                    runs += [(kind, jobs, baseline)] * (baseline is not None) + [(kind, jobs, None)]
            if options.dask_size == size:
                runs.append(("dask", max(jobs_list), None))
            limits, cpu_limits, counts = {}, {}, None
            for kind, jobs, source in runs:
                result = _run(kind, subset, jobs, source)
                label = f"{kind}@{options.baseline}" if source is not None else kind
                if kind == "bare":
                    limits[jobs] = result["seconds"]
                    cpu_limits[jobs] = result["cpu_s"]
                    counts = result
                seconds = result["seconds"]
                ratio = limits.get(jobs, 0) / seconds if seconds else 0
                print(f"{size:>8} {label:<14} {jobs:>5} {seconds:>8.1f} {counts['tokens'] / seconds:>9,.0f} "
                      f"{counts['sentences'] / seconds:>8,.0f} {ratio:>8.2f} {result['cpu_s']:>7.1f} "
                      f"{cpu_limits.get(jobs, 0) / result['cpu_s']:>12.2f} {result['rss_mib']:>8.0f} "
                      f"{result['worker_rss_mib']:>10.0f}", flush=True)
    print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def _export(commit: str, scratch: Path) -> Path:
    """The `kgbuild/` package of `commit`, written under `scratch` (the repository is not touched)."""
    target = scratch / f"kgbuild-{commit}"
    target.mkdir()
    archive = subprocess.run(["git", "-C", str(Path(__file__).resolve().parents[1]), "archive", commit, "kgbuild"],
                             check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


def _run(kind: str, file: Path, jobs: int, source: Path | None = None) -> dict:
    environment = dict(os.environ)
    if source is not None:  # that commit's kgbuild first on the path (workers inherit it)
        environment["PYTHONPATH"] = os.pathsep.join(filter(None, [str(source), environment.get("PYTHONPATH")]))
    completed = subprocess.run([sys.executable, __file__, "--child", kind, str(file), str(jobs)],
                               check=True, capture_output=True, text=True, env=environment)
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    if source is not None and not result["kgbuild"].startswith(str(source)):
        raise SystemExit(f"the baseline run imported kgbuild from {result['kgbuild']}, not {source}")
    return result


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
        try:
            from kgbuild.pipeline.worker import statement_pipeline
        except ImportError:  # a baseline from before kgbuild.pipeline (issue 13)
            from kgbuild.builder import statement_pipeline  # type: ignore[no-redef]
        from kgbuild.cli import main as kgbuild_main

        statement_pipeline()  # loaded before the clock, as the bare run's
        with tempfile.TemporaryDirectory() as store:
            target = ["-o", str(Path(store) / "out")] if kind == "out" else ["--store", store]
            arguments = [str(file), *target, "--jobs", str(jobs), "--quiet"]
            if kind == "dask":
                arguments += ["--dask", "local"]
            cpu_before, started = _cpu_seconds(), time.perf_counter()
            code = kgbuild_main(["build", *arguments])
            result["seconds"] = time.perf_counter() - started
            if code != 0:
                raise SystemExit(f"kgbuild build failed with exit code {code}")
    result["kgbuild"] = str(Path(sys.modules["kgbuild"].__file__ or "").parent) if kind != "bare" else ""
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
