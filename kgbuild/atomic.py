"""Output files are written whole or not at all, and what a killed run left is cleared.

Every output goes to a hidden temporary file beside it and is then renamed over it, so a
reader sees the old file or the new one, never half of one. A run killed with SIGKILL
cannot remove its temporary file; its name says which machine and process wrote it
(`.graph.ttl.myhost-4242.k3j9x2ab.part`), and the next write of the same file removes
it once that process is gone.
"""

from __future__ import annotations

import glob
import os
import re
import socket
import tempfile
from pathlib import Path

#: The suffix of every temporary output file.
SUFFIX = ".part"


def temporary_file(path: str | os.PathLike[str]) -> tuple[int, str]:
    """Open a new temporary file beside `path`, after clearing the ones killed runs left.

    Returns:
        An open file descriptor and the temporary file's path (as `tempfile.mkstemp`).

    Raises:
        OSError: The folder does not exist or is not writable.
    """
    path = Path(path)
    remove_stale_temporaries(path)
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{_writer()}.", suffix=SUFFIX)
    os.fchmod(handle, 0o666 & ~_umask())  # mkstemp makes 0600; an output is an ordinary file
    return handle, name


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def remove_stale_temporaries(path: str | os.PathLike[str]) -> list[Path]:
    """Remove the temporary files of `path` whose writer, on this machine, has ended.

    Temporary files of other machines (a shared folder) and of running processes stay.

    Returns:
        The files removed.
    """
    path = Path(path)
    pattern = re.compile(rf"\.{re.escape(path.name)}\.(?P<host>.+)-(?P<pid>\d+)\.[^.]+{re.escape(SUFFIX)}")
    removed = []
    for candidate in path.parent.glob(f".{glob.escape(path.name)}.*{SUFFIX}"):
        found = pattern.fullmatch(candidate.name)
        if found and found["host"] == socket.gethostname() and not _running(int(found["pid"])):
            try:
                candidate.unlink()
            except OSError:  # gone already, or not ours to remove: leave it
                continue
            removed.append(candidate)
    return removed


def _writer() -> str:
    return f"{socket.gethostname()}-{os.getpid()}"


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: it exists
        return True
    return True
