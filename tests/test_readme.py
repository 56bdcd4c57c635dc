"""Every code block of README.md runs as written (issue #18.4).

Blocks run in README order in one shared workspace (a temporary directory holding `seeds/`,
`queries/` and the input files the examples name, made from the seed article):

- `python` blocks are run as a script by this Python; a line whose comment is `# True` or
  `# False` is checked to give that value.
- `sh` blocks: each `kgbuild ...` line is run through the real CLI (`python -m kgbuild`) and
  must exit 0.
- `turtle` blocks are parsed (with kgbuild's prefixes and a base for the `<...>` shorthand).

What cannot run here is named in the lists below, each with its reason; a line or block
that is in no list and is not one of the above fails the test, so nothing is skipped
silently.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, SEED

pytestmark = pytest.mark.model

README = REPO / "README.md"

#: Shell lines not run, by how they start (or a part they contain), and why.
SHELL_LINES_NOT_RUN = {
    "make demo": "builds a fresh .venv; CI runs `make demo` itself",
    "make test": "runs this whole test suite (this test among them)",
    "kgbuild serve": "starts a server that runs until stopped (tests/query cover serve)",
    "curl ": "needs a running SPARQL server or triplestore",
    "kgbuild push": "needs a running triplestore (tests/graph/test_push.py pushes to oxigraph serve)",
    "--dask-scheduler": "needs a Dask cluster",
    "--dask local": "starts a Dask LocalCluster (tests/test_parallel.py covers it)",
    "dask scheduler": "part of a Dask cluster's setup",
    "dask worker": "part of a Dask cluster's setup",
    "pip install": "installs packages",
    "| oxigraph load": "needs the oxigraph command-line tool (tests/graph/test_portability.py loads in Oxigraph)",
    "oxigraph ": "needs the oxigraph command-line tool",
    "tdb2.": "needs Apache Jena",
    "fuseki-server": "needs Apache Jena Fuseki",
}
#: Python blocks not run, by how their first line starts, and why.
PYTHON_BLOCKS_NOT_RUN = {
    "from SPARQLWrapper import SPARQLWrapper, JSON": "needs a running SPARQL endpoint (`kgbuild serve`)",
}
#: Python lines not run inside a block that otherwise runs, and why.
PYTHON_LINES_NOT_RUN = {
    'push(kg.store, "http://localhost:7878/store")': "needs a running triplestore",
}
#: Blocks without a language are drawings (the data flow, the package layout), not code.
LANGUAGES_NOT_RUN = {"": "a drawing, not code"}


def code_blocks(text: str) -> list[tuple[int, str, str]]:
    """(line number, language, code) of each fenced block; indented fences too."""
    blocks, fence, start, language, lines = [], None, 0, "", []
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if fence is None and stripped.startswith("```"):
            fence, start, language, lines = line[: len(line) - len(line.lstrip())], number, stripped[3:].strip(), []
        elif fence is not None and stripped == "```":
            blocks.append((start, language, "\n".join(lines)))
            fence = None
        elif fence is not None:
            lines.append(line[len(fence):] if line.startswith(fence) else line)
    return blocks


BLOCKS = code_blocks(README.read_text(encoding="utf-8"))


def _seed_paragraphs() -> list[str]:
    paragraphs = [p.strip() for p in SEED.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    return [p for p in paragraphs if len(p) > 120]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    """The files the README's examples name, made from the seed article."""
    root = tmp_path_factory.mktemp("readme")
    shutil.copytree(REPO / "seeds", root / "seeds")
    shutil.copytree(REPO / "queries", root / "queries")
    seed = _seed_paragraphs()
    # NATO first (the examples focus on it), then paragraphs about Russia; "today" and "more" differ.
    paragraphs = [seed[i] for i in (12, 3, 9, 5, 11, 1, 16, 17)]
    records = [{"id": "bbc-business-001" if i == 0 else f"seed-{i:03d}", "title": f"Part {i}", "text": text}
               for i, text in enumerate(paragraphs[:6])]
    lines = "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)
    (root / "archive.jsonl").write_text(lines, encoding="utf-8")
    (root / "archive.jsonl.gz").write_bytes(gzip.compress(lines.encode("utf-8")))
    today = {"id": "seed-today", "text": paragraphs[6]}
    (root / "today.jsonl").write_text(json.dumps(today, ensure_ascii=False) + "\n", encoding="utf-8")
    (root / "article.txt").write_text("\n\n".join(paragraphs[:3]) + "\n", encoding="utf-8")
    (root / "sentences.txt").write_text(
        "Russia attacked a base near Poland on Sunday.\nOfficials said Russia attacked a hospital.\n",
        encoding="utf-8")
    (root / "more").mkdir()
    (root / "more" / "later.txt").write_text(paragraphs[7] + "\n", encoding="utf-8")
    (root / "saved-pages").mkdir()
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs[:5])
    (root / "saved-pages" / "story.html").write_text(
        f"<!doctype html><html><head><title>Ukraine war</title></head><body><article>"
        f"<h1>Ukraine war</h1>\n{body}</article></body></html>\n", encoding="utf-8")
    rows = io.StringIO()
    writer = csv.writer(rows)
    writer.writerow(["guid", "body"])
    writer.writerows([f"row-{i}", text] for i, text in enumerate(paragraphs[:4]))
    (root / "dump.csv.gz").write_bytes(gzip.compress(rows.getvalue().encode("utf-8")))
    return root


def _not_run_reason(line: str) -> str | None:
    for marker, reason in SHELL_LINES_NOT_RUN.items():
        if line.startswith(marker) or (not marker.endswith(" ") and marker in line):
            return reason
    return None


def _shell_lines(code: str) -> list[str]:
    """Commands of a block: continuations joined, comment lines dropped."""
    commands, pending = [], ""
    for line in code.splitlines():
        line = pending + line.strip()
        pending = ""
        if line.endswith("\\"):
            pending = line[:-1] + " "
            continue
        if line and not line.startswith("#"):
            commands.append(line)
    return commands


def _run_shell_block(code: str, workspace: Path, where: str) -> int:
    ran = 0
    for command in _shell_lines(code):
        if _not_run_reason(command):
            continue
        words = shlex.split(command, comments=True)
        assert words[0] == "kgbuild", (
            f"{where}: `{command}` is neither a kgbuild command nor in SHELL_LINES_NOT_RUN")
        result = subprocess.run([sys.executable, "-m", "kgbuild", *words[1:]], cwd=workspace,
                                capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, f"{where}: `{command}` exited {result.returncode}:\n{result.stderr}"
        ran += 1
    return ran


def _python_script(code: str) -> str:
    lines = []
    for line in code.splitlines():
        if any(marker in line for marker in PYTHON_LINES_NOT_RUN):
            lines.append(line[: len(line) - len(line.lstrip())] + "pass  # not run: see PYTHON_LINES_NOT_RUN")
            continue
        checked = re.match(r"^(\s*)(.+?)\s+# (True|False)$", line)
        if checked:
            indent, expression, expected = checked.groups()
            lines.append(f"{indent}assert ({expression}) is {expected}, {expression!r}")
        else:
            lines.append(line)
    return "\n".join(lines) + "\n"


def _run_python_block(code: str, workspace: Path, where: str) -> None:
    script = workspace / "readme_block.py"
    script.write_text(_python_script(code), encoding="utf-8")
    result = subprocess.run([sys.executable, str(script)], cwd=workspace, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, f"{where} failed:\n{result.stderr[-3000:]}"


def _parse_turtle_block(code: str, where: str) -> None:
    import rdflib

    from kgbuild.graph import PREFIXES

    prefixes = "".join(f"@prefix {prefix}: <{iri}> .\n" for prefix, iri in PREFIXES.items())
    graph = rdflib.Graph().parse(data=prefixes + code, format="turtle", publicID="https://example.org/x/y/")
    assert len(graph) > 10, where


@pytest.mark.parametrize(("line", "language", "code"), BLOCKS, ids=[f"line-{b[0]}-{b[1] or 'text'}" for b in BLOCKS])
def test_readme_block_runs(line, language, code, workspace):
    where = f"README.md line {line}"
    if language in LANGUAGES_NOT_RUN:
        return
    if language == "sh":
        ran = _run_shell_block(code, workspace, where)
        skipped = [c for c in _shell_lines(code) if _not_run_reason(c)]
        assert ran or skipped, f"{where}: an empty sh block"
    elif language == "python":
        first = code.strip().splitlines()[0]
        if any(first.startswith(marker) for marker in PYTHON_BLOCKS_NOT_RUN):
            return
        _run_python_block(code, workspace, where)
    elif language == "turtle":
        _parse_turtle_block(code, where)
    else:
        pytest.fail(f"{where}: a ```{language} block this test does not know how to run")


def test_the_readme_has_the_blocks_this_test_expects():
    """The runner found the README's blocks (a parsing slip would make the tests above vacuous)."""
    languages = [language for _, language, _ in BLOCKS]
    assert languages.count("python") >= 3 and languages.count("sh") >= 5
    assert any("kgbuild_statements" in code for _, _, code in BLOCKS)
