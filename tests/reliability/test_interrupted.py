"""Builds killed with SIGKILL at random points lose nothing.

A build of 40 BBC articles into an output directory that holds a previous build, and into
a persistent store, is killed 20 times (in two lanes side by side): at random moments, and
at random moments after it starts writing its files. After each kill the previous files are there byte for byte, no
half-written file is visible, and the store opens; a rerun then writes the same Turtle as
a build never interrupted, and removes the temporary files the killed runs left.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from .process import REPO, kgbuild

pytestmark = pytest.mark.model

KILLS = 20
LANES = 2
SEED = 20_240_521
ARTICLES = 40
#: Each article is cut to its first paragraphs: the test is about writing, not parsing.
ARTICLE_CHARACTERS = 500
OUTPUTS = ("graph.html", "graph.nq", "graph.trig", "graph.ttl")


@pytest.fixture(scope="module")
def corpus(shared_dir, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("interrupted") / "bbc.jsonl"
    with (shared_dir / "corpora" / "bbc" / "articles.jsonl").open(encoding="utf-8") as lines, \
            path.open("w", encoding="utf-8") as corpus:
        for _, line in zip(range(ARTICLES), lines):
            record = json.loads(line)
            cut = record["text"].rfind("\n\n", 0, ARTICLE_CHARACTERS)
            record["text"] = record["text"][: cut if cut > 0 else ARTICLE_CHARACTERS]
            corpus.write(json.dumps(record) + "\n")
    return path


def test_killed_builds_leave_the_previous_outputs_and_a_rerun_builds_the_same(corpus, tmp_path):
    # A build into a store writes the same triples as one in memory, in the store's order.
    reference = tmp_path / "reference"
    started = time.monotonic()
    completed = kgbuild("build", str(corpus), "-o", str(reference), "--store", str(tmp_path / "reference-store"), "-q")
    duration = time.monotonic() - started
    assert completed.returncode == 0, completed.stderr
    previous = {name: (reference / name).read_bytes() for name in OUTPUTS}
    # Two lanes of kills side by side (CI has two cores), each with its own outputs and store.
    with ThreadPoolExecutor(LANES) as lanes:
        problems = list(lanes.map(lambda lane: _killed_and_rerun(lane, corpus, tmp_path, reference, previous, duration),
                                  range(LANES)))
    assert problems == [[]] * LANES


def _killed_and_rerun(lane: int, corpus: Path, tmp_path: Path, reference: Path, previous: dict[str, bytes],
                      duration: float) -> list[str]:
    """Kill KILLS / LANES builds; what was lost or left behind, as messages (none when all is well)."""
    out, store = tmp_path / f"out-{lane}", tmp_path / f"store-{lane}"
    shutil.copytree(reference, out)
    rng = random.Random(SEED + lane)
    problems = []
    for kill in range(lane, KILLS, LANES):
        process = subprocess.Popen([sys.executable, "-m", "kgbuild", "build", str(corpus), "-o", str(out),
                                    "--store", str(store), "-q"], cwd=REPO,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if kill % 4 >= 2:  # while it writes: as soon as a temporary file appears, then a little later
            _wait_for_a_temporary_file(out, process, deadline=time.monotonic() + 4 * duration + 60)
            time.sleep(rng.uniform(0, 0.3))
        else:
            time.sleep(rng.uniform(0, duration))
        process.kill()
        process.wait(timeout=60)
        stderr = process.stderr.read().decode()
        process.stderr.close()
        if "Traceback" in stderr:
            problems.append(f"kill {kill}: {stderr}")
        visible = sorted(path.name for path in out.iterdir() if not path.name.startswith("."))
        if visible != sorted(OUTPUTS):
            problems.append(f"kill {kill}: {visible} in the output directory")
        problems += [f"kill {kill}: {name} changed" for name in OUTPUTS if (out / name).read_bytes() != previous[name]]
        if store.exists() and any(store.iterdir()):
            _store_graphs(store)  # a store a killed run left opens, and answers a query
    rerun = kgbuild("build", str(corpus), "-o", str(out), "--store", str(store), "-q")
    if rerun.returncode != 0:
        return [*problems, f"rerun: {rerun.stderr}"]
    if (out / "graph.ttl").read_bytes() != previous["graph.ttl"]:
        problems.append("the rerun's graph.ttl differs from an uninterrupted build's")
    problems += [f"left behind: {path.name}" for path in out.iterdir() if path.name.endswith(".part")]
    if _store_graphs(store) != ARTICLES:
        problems.append(f"the store holds {_store_graphs(store)} articles, not {ARTICLES}")
    return problems


def _wait_for_a_temporary_file(directory: Path, process: subprocess.Popen, *, deadline: float) -> None:
    while process.poll() is None and time.monotonic() < deadline:
        if any(path.name.endswith(".part") for path in directory.iterdir()):
            return
        time.sleep(0.002)


def _store_graphs(store: Path) -> int:
    """How many named graphs (articles) a store holds, after reading every quad in it."""
    code = ("import sys, pyoxigraph as ox; s = ox.Store(sys.argv[1]); "
            "n = sum(1 for _ in s.quads_for_pattern(None, None, None)); print(len(list(s.named_graphs())))")
    completed = subprocess.run([sys.executable, "-c", code, str(store)], capture_output=True, text=True, timeout=120)
    if completed.returncode != 0:
        raise AssertionError(f"{store} does not open: {completed.stderr}")
    return int(completed.stdout)
