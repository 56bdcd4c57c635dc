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
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Iterator

from kgbuild.errors import KgbuildError

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
    return tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{_writer()}.", suffix=SUFFIX)


@contextmanager
def replaced_atomically(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """Yield a binary file whose content replaces `path` whole once the block succeeds.

    The data is on disk before the rename (a power cut cannot leave an empty file); the
    file keeps the old file's permissions, or 0644 (not mkstemp's 0600). On any error,
    `path` is left as it was and the temporary file is removed.

    Raises:
        KgbuildError: The file cannot be written (folder missing, not writable, disk full).
    """
    path = Path(path)
    try:
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        handle, temporary = temporary_file(path)
    except OSError as e:
        raise KgbuildError(f"Cannot write {str(path)!r}: {e.strerror}. Check that the folder "
                           f"{str(path.parent)!r} exists and is writable.") from e
    try:
        with os.fdopen(handle, "wb") as output:
            yield output
            output.flush()
            os.fsync(output.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except OSError as e:
        Path(temporary).unlink(missing_ok=True)
        raise KgbuildError(f"Cannot write {str(path)!r}: {e.strerror}.") from e
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


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
