"""Stages import only the stages before them; graph, query and render never import spaCy."""

from __future__ import annotations

import subprocess
import sys

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
