"""Output files are written whole or not at all, sets of them switch as a whole, and what
a killed run left is cleared.

One file: it goes to a hidden temporary file beside it and is then renamed over it, so a
reader sees the old file or the new one, never half of one. A run killed with SIGKILL
cannot remove its temporary file; its name says which machine and process wrote it
(`.graph.ttl.myhost-4242.k3j9x2ab.part`), and the next write of the same file removes
it once that process is gone.

A set of files (a build's `graph.ttl`, `.trig`, `.nq`, `.html` and exports): renaming
them one by one would leave new and old side by side after a kill or a full disk. So the
set is written into a new folder, a *generation*, and switched by one atomic rename of a
symbolic link (`replaced_together`):

    OUTDIR/graph.ttl    → .kgbuild/current/graph.ttl     (one link per output, made once)
    OUTDIR/.kgbuild/current → gen-myhost-4242-k3j9x2ab   (replaced by rename: the switch)
    OUTDIR/.kgbuild/gen-myhost-4242-k3j9x2ab/graph.ttl ...

A reader opening `OUTDIR/graph.ttl` gets the whole old set or the whole new one. Outputs
of an older kgbuild (plain files) are first taken into the current generation, unchanged,
so they too stay as they were until the switch. Where symbolic links cannot be made
(Windows without developer mode), the files are replaced one by one, each still atomically.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
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


# ── Sets of files that switch as a whole ───────────────────────────────────────────────

#: The hidden folder of an output directory that holds its generations.
GENERATIONS = ".kgbuild"
_CURRENT = "current"
_GENERATION = re.compile(r"gen-(?P<host>.+)-(?P<pid>\d+)-[^.]+(?P<part>\.part)?")


@contextmanager
def replaced_together(directory: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a new, empty folder; the files written into it replace `directory`'s outputs of
    the same names as one set once the block succeeds (see the module docstring).

    On any error, or a kill, `directory` shows its previous outputs, all of them; an
    output of the previous set that the new one lacks is removed at the switch.

    Raises:
        KgbuildError: The folder cannot be written (not writable, disk full).
    """
    directory = Path(directory)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        generations = directory / GENERATIONS
        generations.mkdir(exist_ok=True)
        _remove_stale_generations(generations)
        if not _can_link(generations):
            yield directory  # each file is still replaced atomically by its writer
            return
        staging = _new_generation(generations, suffix=SUFFIX)
    except OSError as e:
        raise KgbuildError(f"Cannot write into {str(directory)!r}: {e.strerror}. Check that it is a folder "
                           "you may write to.") from e
    try:
        yield staging
        _switch(directory, staging)
    except OSError as e:
        shutil.rmtree(staging, ignore_errors=True)
        raise KgbuildError(f"Cannot write the outputs into {str(directory)!r}: {e.strerror}; the previous "
                           "outputs are left as they were.") from e
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _switch(directory: Path, staging: Path) -> None:
    """Make the complete set in `staging` the current generation of `directory`, at once."""
    generations = staging.parent
    _fsync_folder(staging)
    generation = staging.with_name(staging.name.removesuffix(SUFFIX))
    os.rename(staging, generation)
    current = generations / _CURRENT
    if not current.is_symlink():  # a first switch: adopt the plain files below, unchanged
        if current.is_dir():  # a copy that followed the link (`cp -r`): the files below are plain now
            shutil.rmtree(current)
        _point(current, _new_generation(generations).name)
    names = sorted(path.name for path in generation.iterdir() if not path.name.startswith("."))
    for name in names:
        if (directory / name).exists():  # a file made private stays so
            os.chmod(generation / name, (directory / name).stat().st_mode & 0o777)
        _link_output(directory, name, current)
    _fsync_folder(directory)
    _point(current, generation.name)  # the switch: one rename
    _fsync_folder(generations)
    for link in directory.iterdir():  # outputs of the old set the new one lacks
        if _is_our_link(link) and not (generation / link.name).exists():
            link.unlink()
    _remove_stale_generations(generations)


def _link_output(directory: Path, name: str, current: Path) -> None:
    """Make `directory/name` the link into the current generation, keeping what it shows.

    A plain file there (written by an older kgbuild, or put there by hand) is first taken
    into the current generation, so that the link shows the same bytes until the switch.
    """
    output = directory / name
    if _is_our_link(output):
        return
    if output.is_dir() and not output.is_symlink():
        raise IsADirectoryError(21, "a folder has the name of an output", str(output))
    if output.exists():
        kept = current.resolve() / name
        kept.unlink(missing_ok=True)
        try:
            os.link(output, kept, follow_symlinks=True)
        except OSError:  # another file system (a link by hand), or links not allowed
            shutil.copy2(output, kept)
    _point(output, f"{GENERATIONS}/{_CURRENT}/{name}")


def _is_our_link(path: Path) -> bool:
    return path.is_symlink() and os.readlink(path) == f"{GENERATIONS}/{_CURRENT}/{path.name}"


def _point(link: Path, target: str) -> None:
    """Make `link` a symbolic link to `target`, replacing what was there in one rename."""
    temporary = link.with_name(f".{link.name}.{_writer()}.{os.urandom(4).hex()}{SUFFIX}")
    os.symlink(target, temporary)
    try:
        os.replace(temporary, link)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _new_generation(generations: Path, *, suffix: str = "") -> Path:
    """A new generation folder, readable by whoever may read the output directory."""
    folder = Path(tempfile.mkdtemp(dir=generations, prefix=f"gen-{_writer()}-", suffix=suffix))
    os.chmod(folder, 0o755)  # not mkdtemp's 0700: a web server serving the outputs reads them too
    return folder


def _remove_stale_generations(generations: Path) -> list[Path]:
    """Remove the generations that are not current and whose writer, on this machine, has
    ended (or is this process: its earlier sets), and the link temporaries of dead writers."""
    current = generations / _CURRENT
    in_use = os.readlink(current) if current.is_symlink() else None
    removed = []
    for candidate in generations.iterdir():
        found = _GENERATION.fullmatch(candidate.name)
        if found is None or candidate.name == in_use or found["host"] != socket.gethostname():
            continue
        pid = int(found["pid"])
        if pid != os.getpid() and _running(pid):
            continue  # a build writing beside this one; it clears its own
        if pid == os.getpid() and found["part"]:
            continue  # this process is writing it
        shutil.rmtree(candidate, ignore_errors=True)
        removed.append(candidate)
    ours = re.compile(rf"\.{re.escape(socket.gethostname())}-(?P<pid>\d+)\.[0-9a-f]{{8}}{re.escape(SUFFIX)}$")
    for parent in (generations, generations.parent):
        for link in parent.glob(f".*{SUFFIX}"):
            writer = ours.search(link.name)
            if link.is_symlink() and writer and not _running(int(writer["pid"])):
                link.unlink(missing_ok=True)
    return removed


def _can_link(folder: Path) -> bool:
    """Whether symbolic links can be made in `folder` (not on Windows without the right)."""
    if not hasattr(os, "symlink"):
        return False
    probe = folder / f".probe.{_writer()}.{os.urandom(4).hex()}{SUFFIX}"
    try:
        os.symlink(_CURRENT, probe)
    except (OSError, NotImplementedError):
        return False
    probe.unlink()
    return True


def _fsync_folder(folder: Path) -> None:
    """Put a folder's entries on disk (renames in it survive a power cut), where the OS can."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:  # not supported for folders here (Windows)
        pass
    finally:
        os.close(handle)
