"""Run the `kgbuild` command as a user does: a real process, real files, bounded in time."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable

REPO = Path(__file__).resolve().parents[2]


def kgbuild(*args: str, stdin: bytes | None = None, timeout: float = 300, **popen: Any) -> subprocess.CompletedProcess:
    """`python -m kgbuild ARGS` with stdout and stderr captured as text (errors replaced)."""
    completed = subprocess.run([sys.executable, "-m", "kgbuild", *args], input=stdin, capture_output=True,
                               cwd=REPO, timeout=timeout, **popen)
    return subprocess.CompletedProcess(completed.args, completed.returncode,
                                       completed.stdout.decode("utf-8", "replace"),
                                       completed.stderr.decode("utf-8", "replace"))


def wait_until(condition: Callable[[], bool], seconds: float = 30) -> bool:
    """Whether `condition()` becomes true within `seconds` (generous, for a loaded machine)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True
