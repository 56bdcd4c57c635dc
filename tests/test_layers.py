"""Stages import only the stages before them; graph, query and render never import spaCy."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.parametrize("module", ["kgbuild.graph", "kgbuild.query", "kgbuild.render", "kgbuild.ingest",
                                    "kgbuild.knowledge_graph", "kgbuild", "kgbuild.graph.persistent",
                                    "kgbuild.graph.push", "kgbuild.graph.validate", "kgbuild.query.endpoint"])
def test_module_does_not_import_spacy(module):
    code = f"import sys, {module}; print('spacy' in sys.modules)"
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert completed.stdout.strip() == "False"


def test_public_api_is_explicit_and_sorted():
    import kgbuild

    assert kgbuild.__all__ == sorted(kgbuild.__all__)
    for name in kgbuild.__all__:
        assert getattr(kgbuild, name) is not None


# ── The import matrix: read from the source, so that imports inside functions count too ──

PACKAGE = Path(__file__).resolve().parents[1] / "kgbuild"

#: spaCy-free modules every stage may import.
SHARED = {"kgbuild.types", "kgbuild.errors", "kgbuild.lexicon", "kgbuild.quotations", "kgbuild.processes",
          "kgbuild.escapes",
          "kgbuild.atomic"}
#: The stages in data-flow order; a stage imports only the stages before it (and SHARED).
#: query and render both follow graph and do not import each other.
STAGES = [
    ("ingest", 1), ("nlp", 2), ("extract", 3), ("resolve", 4), ("graph", 5), ("query", 6), ("render", 6),
    ("knowledge_graph", 7), ("pipeline", 8), ("cli", 9), ("__main__", 10),
]
RANKS = dict(STAGES)
#: Stages that must work without spaCy installed, let alone loaded.
SPACY_FREE = {"ingest", "resolve", "graph", "query", "render", "knowledge_graph"}


def _modules() -> dict[str, Path]:
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


MODULES = _modules()


def _imports(module: str) -> set[str]:
    """The modules `module` imports (kgbuild's own and others, top-level names for others),
    anywhere in its source: at the top, in functions, under TYPE_CHECKING."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            if base == "kgbuild" and all(alias.name == "__version__" for alias in node.names):
                continue  # a constant the façade defines before it imports anything
            names = [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            if name.split(".")[0] != "kgbuild":
                found.add(name.split(".")[0])
                continue
            while name not in MODULES:  # `from kgbuild.graph import KG` imports kgbuild.graph
                name = name.rpartition(".")[0]
            if name != module:
                found.add(name)
    return found


def _stage(module: str) -> str | None:
    """The stage a module belongs to (`kgbuild.graph.store` → graph); None for shared ones and the façade."""
    if module in SHARED or module == "kgbuild":
        return None
    return module.split(".")[1]


def test_every_module_belongs_to_a_stage_or_is_shared():
    unplaced = [m for m in MODULES if m not in SHARED and m != "kgbuild" and _stage(m) not in RANKS]
    assert unplaced == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_module_imports_only_earlier_stages_and_shared_modules(module):
    stage = _stage(module)
    wrong = []
    for imported in sorted(i for i in _imports(module) if i.startswith("kgbuild")):
        if imported in SHARED:
            continue
        if module in SHARED:
            wrong.append(imported)  # shared modules stand below every stage
        elif imported == "kgbuild":
            wrong.append(imported)  # the façade imports the stages, not the other way round
        elif stage is not None and _stage(imported) != stage and RANKS[_stage(imported)] >= RANKS[stage]:
            wrong.append(imported)
    assert wrong == [], f"{module} imports a later or parallel stage"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if _stage(m) in SPACY_FREE or m in SHARED))
def test_spacy_free_stages_never_import_spacy(module):
    assert not _imports(module) & {"spacy", "thinc"}, f"{module} imports spaCy"


def test_the_stages_after_extract_load_no_spacy_when_imported():
    code = ("import kgbuild.resolve, kgbuild.graph, kgbuild.query, kgbuild.render; import sys; "
            "assert 'spacy' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_no_module_of_the_spacy_free_stages_loads_spacy():
    modules = sorted(m for m in MODULES if _stage(m) in SPACY_FREE or m in SHARED)
    code = f"import sys, {', '.join(modules)}; print(sorted(m for m in ('spacy', 'thinc') if m in sys.modules))"
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert completed.stdout.strip() == "[]"


def test_no_import_circle_among_the_package_modules():
    graph = {module: {i for i in _imports(module) if i in MODULES} for module in MODULES}
    circles = _strongly_connected(graph)
    assert [sorted(circle) for circle in circles if len(circle) > 1] == []


def _strongly_connected(graph: dict[str, set[str]]) -> list[set[str]]:
    """Tarjan's strongly connected components: a component of more than one module is a circle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for successor in graph[node]:
            if successor not in index:
                visit(successor)
                low[node] = min(low[node], low[successor])
            elif successor in on_stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            components.append(component)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return components


def test_the_circle_finder_finds_a_circle():
    assert [sorted(c) for c in _strongly_connected({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}})
            if len(c) > 1] == [["a", "b", "c"]]
