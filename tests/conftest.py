"""Shared fixtures: the repo's paths, the seed article built once per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = REPO / "seeds" / "ukraine-war-2022-03-14.txt"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared (gold facts and scorers). CI lays it beside the clone; it must be there."""
    if not SHARED.is_dir():
        message = f"{SHARED} is missing: the gold-fact tests read ../shared/gold and ../shared/tools."
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return SHARED


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """The seed article built once with the library, as `kgbuild build` does."""
    import kgbuild

    graph = kgbuild.build([Path(SEED)])
    out = tmp_path_factory.mktemp("seed-out")
    graph.save(out)
    return graph, out
