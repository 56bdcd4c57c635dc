"""Temporary output files: named after their writer, removed once it is gone, never before."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

from kgbuild.atomic import remove_stale_temporaries, temporary_file


def dead_pid() -> int:
    """The id of a process that has ended."""
    process = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(process.stdout)


def test_a_dead_writers_file_is_removed_and_the_others_stay(tmp_path):
    host = socket.gethostname()
    target = tmp_path / "graph.ttl"
    dead = tmp_path / f".graph.ttl.{host}-{dead_pid()}.abc123xy.part"
    running = tmp_path / f".graph.ttl.{host}-{os.getppid()}.abc123xy.part"
    elsewhere = tmp_path / f".graph.ttl.other-machine-{dead_pid()}.abc123xy.part"
    unrelated = [tmp_path / ".graph.html.x-1.abc.part", tmp_path / "graph.ttl.part", tmp_path / ".graph.ttl.old"]
    for path in (dead, running, elsewhere, *unrelated):
        path.write_text("half")
    assert remove_stale_temporaries(target) == [dead]
    assert all(path.exists() for path in (running, elsewhere, *unrelated))


def test_a_new_temporary_file_names_this_process_and_clears_stale_ones(tmp_path):
    stale = tmp_path / f".graph.ttl.{socket.gethostname()}-{dead_pid()}.abc123xy.part"
    stale.write_text("half")
    descriptor, temporary = temporary_file(tmp_path / "graph.ttl")
    os.close(descriptor)
    assert not stale.exists()
    assert os.path.basename(temporary).startswith(f".graph.ttl.{socket.gethostname()}-{os.getpid()}.")
    assert temporary.endswith(".part")


def test_a_replaced_file_is_whole_readable_and_an_error_keeps_the_old_one(tmp_path):
    import pytest

    from kgbuild.atomic import replaced_atomically

    target = tmp_path / "graph.ttl"
    with replaced_atomically(target) as output:
        output.write(b"new")
    assert target.read_bytes() == b"new" and (target.stat().st_mode & 0o777) == 0o644
    with pytest.raises(RuntimeError), replaced_atomically(target) as output:
        output.write(b"half")
        raise RuntimeError("killed mid-write")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]
