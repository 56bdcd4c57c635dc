"""Worker processes that end with the process that started them.

A build's parse workers and a server's query workers must not outlive their parent: killed
with SIGKILL, it has no chance to stop them, and a worker left behind keeps a core busy and
holds the parent's pipes (and so a `| tee` or a CI step) open. Shared by `kgbuild.pipeline`
and `kgbuild.query`; no spaCy, no rdflib.
"""

from __future__ import annotations

import os
import threading
import time

__all__ = ["exit_with_parent"]


def exit_with_parent(parent: int, *, interval: float = 0.5) -> None:
    """End this process (`os._exit(1)`) once `parent` is no longer its parent.

    A daemon thread compares the parent process id every `interval` seconds; a process
    whose parent died before the call ends at once. Code that releases the GIL (spaCy,
    Oxigraph) lets the watch run while it works.

    Args:
        parent: The process id of the parent, taken in the parent (`os.getpid()`) before
            the child was started.
        interval: Seconds between two looks.
    """
    if os.getppid() != parent:
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(interval)
        os._exit(1)

    threading.Thread(target=watch, name="kgbuild-parent-watch", daemon=True).start()
