"""Builds killed with SIGKILL at random points lose nothing.

A build of 40 BBC articles into an output directory that holds a previous build, and into
a persistent store, is killed 20 times (in two lanes side by side): at random moments, and
at random moments after it starts writing its files. After each kill the previous files are there byte for byte, no
half-written file is visible, and the store opens; a rerun then writes the same Turtle as
a build never interrupted, and removes the temporary files the killed runs left.

A build whose outputs differ from the previous ones, killed while it writes them, leaves
the directory showing the old set or the new set, whole; a full disk leaves the old set.
"""

from __future__ import annotations

import hashlib
import json
import random
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from kgbuild.atomic import GENERATIONS

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
    """Until a temporary file or folder appears in `directory` or the generations folder
    inside it (where a new set of outputs is written), or the process ends."""
    while process.poll() is None and time.monotonic() < deadline:
        if _temporaries(directory):
            return
        time.sleep(0.002)


def _temporaries(directory: Path) -> list[Path]:
    folders = [directory, directory / GENERATIONS]
    return [path for folder in folders if folder.is_dir() for path in folder.iterdir() if path.name.endswith(".part")]


# ── The set of outputs switches as a whole ─────────────────────────────────────────────

SET_KILLS = 12


def test_a_build_killed_while_it_writes_shows_the_old_set_or_the_new_one_never_both(corpus, tmp_path):
    """Old and new outputs differ here (20 articles, then 40), so a mix would show."""
    smaller = tmp_path / "smaller.jsonl"
    smaller.write_text("".join(corpus.read_text(encoding="utf-8").splitlines(keepends=True)[:ARTICLES // 2]),
                       encoding="utf-8")
    old, new = tmp_path / "old", tmp_path / "new"
    for inputs, out in ((smaller, old), (corpus, new)):
        completed = kgbuild("build", str(inputs), "-o", str(out), "-q")
        assert completed.returncode == 0, completed.stderr
    old_set, new_set = _outputs(old), _outputs(new)
    assert all(old_set[name] != new_set[name] for name in OUTPUTS)
    rng = random.Random(SEED)
    seen, problems = [], []
    for kill in range(SET_KILLS):
        out = tmp_path / f"out-{kill}"
        shutil.copytree(old, out, symlinks=True)
        process = subprocess.Popen([sys.executable, "-m", "kgbuild", "build", str(corpus), "-o", str(out), "-q"],
                                   cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _wait_for_a_temporary_file(out, process, deadline=time.monotonic() + 300)
        if kill % 2:  # when the new set is complete, about to be switched to
            _wait_for(lambda: _complete_generations(out) > 1, process, deadline=time.monotonic() + 60)
        else:
            time.sleep(rng.uniform(0, 0.4))
        process.kill()
        process.wait(timeout=60)
        shown = _outputs(out)
        if shown == old_set:
            seen.append("old")
        elif shown == new_set:
            seen.append("new")
        else:
            mixed = {name: "old" if shown.get(name) == old_set[name] else
                     "new" if shown.get(name) == new_set[name] else "neither" for name in OUTPUTS}
            problems.append(f"kill {kill}: {mixed}")
    print(f"after {SET_KILLS} kills the directory showed: {seen.count('old')} old sets, {seen.count('new')} new")
    assert problems == []
    rerun = kgbuild("build", str(corpus), "-o", str(tmp_path / "out-0"), "-q")
    assert rerun.returncode == 0, rerun.stderr
    assert _outputs(tmp_path / "out-0") == new_set
    assert _temporaries(tmp_path / "out-0") == []
    assert _complete_generations(tmp_path / "out-0") == 1  # the killed runs' generations are gone


#: Run inside a mount namespace of its own: a tmpfs of SIZE bytes at DISK, the previous set
#: copied onto it, then the build; prints what a reader of the directory then sees.
_ON_A_SMALL_DISK = r"""
import hashlib, json, shutil, subprocess, sys
disk, size, previous, corpus = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "kgbuild-test", disk], check=True)
out = disk + "/out"
shutil.copytree(previous, out, symlinks=True)
build = subprocess.run([sys.executable, "-m", "kgbuild", "build", corpus, "-o", out, "-q"],
                       capture_output=True, text=True)
import pathlib
root = pathlib.Path(out)
shown = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in root.iterdir() if not p.name.startswith(".")}
left = [str(p) for p in root.rglob("*.part")]
print(json.dumps({"returncode": build.returncode, "stderr": build.stderr, "shown": shown, "left": left}))
"""


def test_a_full_disk_leaves_the_previous_set_whole_with_one_line(corpus, tmp_path):
    """A real full disk: a small tmpfs (in a mount namespace of the test's own) that holds
    the previous set but not the new one as well."""
    if shutil.which("unshare") is None or subprocess.run(
            ["unshare", "-Urm", "true"], capture_output=True).returncode != 0:
        pytest.skip("needs unshare(1) and user namespaces to mount a small tmpfs")
    smaller = tmp_path / "smaller.jsonl"
    smaller.write_text("".join(corpus.read_text(encoding="utf-8").splitlines(keepends=True)[:ARTICLES // 2]),
                       encoding="utf-8")
    old, new = tmp_path / "old", tmp_path / "new"
    assert kgbuild("build", str(smaller), "-o", str(old), "-q").returncode == 0
    assert kgbuild("build", str(corpus), "-o", str(new), "-q").returncode == 0
    old_size = sum(path.stat().st_size for path in old.iterdir() if not path.name.startswith("."))
    new_size = sum(path.stat().st_size for path in new.iterdir() if not path.name.startswith("."))
    size = old_size + new_size // 2  # room for the old set and half of the new one
    disk = tmp_path / "disk"
    disk.mkdir()
    driver = subprocess.run(["unshare", "-Urm", sys.executable, "-c", _ON_A_SMALL_DISK, str(disk), str(size),
                             str(old), str(corpus)], capture_output=True, text=True, cwd=REPO, timeout=600)
    assert driver.returncode == 0, driver.stderr
    seen = json.loads(driver.stdout)
    assert seen["returncode"] == 1, seen["stderr"]
    [line] = seen["stderr"].strip().splitlines()
    assert line.startswith("kgbuild: error: ") and "No space left on device" in line, line
    assert seen["shown"] == {name: hashlib.sha256((old / name).read_bytes()).hexdigest() for name in OUTPUTS}
    assert seen["left"] == []


def _outputs(directory: Path) -> dict[str, bytes]:
    """The visible outputs of a directory, by name, as a reader opening them gets them."""
    shown = {}
    for path in directory.iterdir():
        if not path.name.startswith("."):
            try:
                shown[path.name] = path.read_bytes()
            except FileNotFoundError:  # a link into a generation that is gone
                shown[path.name] = b"<dangling>"
    return shown


def _complete_generations(directory: Path) -> int:
    generations = directory / GENERATIONS
    if not generations.is_dir():
        return 0
    return sum(1 for path in generations.iterdir() if path.name.startswith("gen-") and not path.name.endswith(".part"))


def _wait_for(condition, process: subprocess.Popen, *, deadline: float) -> None:
    while process.poll() is None and time.monotonic() < deadline and not condition():
        time.sleep(0.0005)


def _store_graphs(store: Path) -> int:
    """How many named graphs (articles) a store holds, after reading every quad in it."""
    code = ("import sys, pyoxigraph as ox; s = ox.Store(sys.argv[1]); "
            "n = sum(1 for _ in s.quads_for_pattern(None, None, None)); print(len(list(s.named_graphs())))")
    completed = subprocess.run([sys.executable, "-c", code, str(store)], capture_output=True, text=True, timeout=120)
    if completed.returncode != 0:
        raise AssertionError(f"{store} does not open: {completed.stderr}")
    return int(completed.stdout)
