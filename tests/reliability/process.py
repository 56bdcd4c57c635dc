"""Run the `kgbuild` command as a user does: a real process, real files, bounded in time."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]


def kgbuild(*args: str, stdin: bytes | None = None, timeout: float = 300, **popen: Any) -> subprocess.CompletedProcess:
    """`python -m kgbuild ARGS` with stdout and stderr captured as text (errors replaced)."""
    completed = subprocess.run([sys.executable, "-m", "kgbuild", *args], input=stdin, capture_output=True,
                               cwd=REPO, timeout=timeout, **popen)
    return subprocess.CompletedProcess(completed.args, completed.returncode,
                                       completed.stdout.decode("utf-8", "replace"),
                                       completed.stderr.decode("utf-8", "replace"))
