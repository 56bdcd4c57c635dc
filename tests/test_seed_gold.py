"""The seed article against the facts a reader takes from it (../shared/gold), scored by
the shared scorer exactly as a reviewer runs it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.model


def test_seed_meets_the_gold_facts(seed_build, shared_dir):
    _, out = seed_build
    completed = subprocess.run(
        [sys.executable, str(shared_dir / "tools" / "kg_gold.py"), str(shared_dir / "gold" / "seed-article.json"),
         str(out / "graph.ttl"), "--json"], capture_output=True, text=True, check=True)
    score = json.loads(completed.stdout)
    assert score["recall"] >= 0.9, score["missed"]
    assert score["entity_ok"] == score["entity_checks"], score["entity_problems"]
    assert score["junk"] == []
    assert score["wrongly_asserted"] == []
