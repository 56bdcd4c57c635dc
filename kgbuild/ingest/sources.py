"""Where input bytes come from: the files of a directory, one file, stdin — read with bounds.

Every limit is checked while reading, before the bytes are kept or worked on, so no input
can take more memory than its limit (`ReadLimits`):

- a one-article input (`.txt`, `.html`, one text or page on stdin) is read up to
  `file_bytes` (after decompression); a larger one is skipped;
- JSON lines and CSV are read line by line, each line up to `line_bytes`: a longer line is
  skipped (JSON lines) without being held in memory;
- gzip is decompressed as it is read; data that grows more than `expansion` times its
  compressed size once past `expansion_floor` bytes is a decompression bomb and is cut off
  there, keeping (for JSON lines and CSV) the whole lines before;
- only regular files are read: a named pipe, socket or device, or a symbolic link to one
  (`/dev/zero`, `/dev/urandom`), is reported and skipped, and never opened for a blocking
  read, so a build cannot hang or fill its memory from one.
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import stat
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from kgbuild.errors import InputError

#: The file types read, by suffix (lower case); each may also come gzipped (`.jsonl.gz`).
SUFFIXES = (".csv", ".htm", ".html", ".jsonl", ".txt")
GZIP = ".gz"
GZIP_MAGIC = b"\x1f\x8b"
_MIB = 1024 * 1024
_CHUNK = _MIB
#: A line break in any of the conventions: `\r\n`, `\n` or a lone `\r`.
_LINE_BREAK = re.compile(rb"\r\n|\n|\r")


@dataclass(frozen=True)
class ReadLimits:
    """The most any one input may make kgbuild read (README "Security": input limits)."""

    #: A one-article file or stdin (text or page), after decompression.
    file_bytes: int = 64 * _MIB
    #: One JSON line or CSV line.
    line_bytes: int = 16 * _MIB
    #: Gzip data growing more than this many times its compressed size ...
    expansion: int = 200
    #: ... once past this many bytes is a decompression bomb.
    expansion_floor: int = 64 * _MIB


class BrokenInput(InputError):
    """An input ends in the middle of its data (a truncated or corrupt gzip file, a bomb);
    `problem` says how, without the origin."""

    def __init__(self, origin: str, problem: str) -> None:
        super().__init__(f"{origin}: {problem}")
        self.problem = problem


def kind(path: Path) -> tuple[str, bool] | None:
    """The file type a path names, and whether it is gzipped; None when not one we read.

    >>> kind(Path("feed.JSONL.gz")), kind(Path("page.htm")), kind(Path("notes.md"))
    (('.jsonl', True), ('.htm', False), None)
    """
    name = path.name.lower()
    compressed = name.endswith(GZIP)
    suffix = Path(name[: -len(GZIP)] if compressed else name).suffix
    return (suffix, compressed) if suffix in SUFFIXES else None


def suffixes(path: Path) -> str:
    return "".join(path.suffixes[-2:]) if path.name.lower().endswith(GZIP) else path.suffix


def stem(path: Path) -> str:
    """The file name less its type and `.gz`: the article id of a one-article file."""
    name = path.name[: -len(GZIP)] if path.name.lower().endswith(GZIP) else path.name
    return Path(name).stem


def files_below(directory: Path, glob: str | None = None) -> list[Path]:
    """Every entry below a directory whose name is of a kind we read and matches `glob`,
    sorted by path: files, and also links and pipes, so that those that cannot be read are
    reported rather than silently left out.

    Hidden files and folders (`.git`, editor backups) are skipped: they are never articles.
    """
    found = (
        path
        for path in directory.rglob(glob or "*")
        if kind(path) is not None
        and not path.is_dir()
        and not any(part.startswith(".") for part in path.relative_to(directory).parts)
    )
    return sorted(found)


def missing(path: Path) -> str:
    """Why a path names nothing readable: missing, a broken symbolic link, or a link loop."""
    if not path.is_symlink():
        return "no such file or directory"
    try:
        path.resolve(strict=True)
    except RuntimeError:  # Python before 3.13 reports a loop so
        return "symbolic link loop"
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "symbolic link loop"
    return f"broken symbolic link (to {os.readlink(path)}, which does not exist)"


def open_regular_file(path: Path) -> BinaryIO:
    """Open a path for reading only if it is (or links to) a regular file.

    The file is opened without blocking and checked on the open descriptor, so a named
    pipe with no writer cannot hang the build, and a link swapped between a check and the
    open cannot smuggle a device in.

    Raises:
        InputError: The path is missing, a broken link or a link loop, not a regular file,
            or unreadable.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        if error.errno in (errno.ENOENT, errno.ELOOP):
            raise InputError(f"{path}: {missing(path)}") from error
        raise InputError(f"{path}: cannot be read ({error.strerror or error})") from error
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            what = ("a named pipe" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
                    else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a file")
            link = f", through a symbolic link to {os.readlink(path)}" if path.is_symlink() else ""
            raise InputError(f"{path}: not a regular file ({what}{link}); skipped. Save its content to a "
                             "file, or pipe it to - for stdin")
        flags = fcntl.fcntl(descriptor, fcntl.F_GETFL)
        fcntl.fcntl(descriptor, fcntl.F_SETFL, flags & ~os.O_NONBLOCK)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def raw_chunks(handle: BinaryIO, size: int = _CHUNK) -> Iterator[bytes]:
    """The bytes of a stream, a chunk at a time."""
    while chunk := handle.read(size):
        yield chunk


def decompressed(chunks: Iterable[bytes], origin: str, limits: ReadLimits) -> Iterator[bytes]:
    """Gunzip a stream of chunks as it is read, in pieces of at most 1 MiB.

    Gzip members may follow each other, and zero padding may trail. Everything before a
    break is yielded first; then `BrokenInput` says what broke.

    Raises:
        InputError: The data is not gzip.
        BrokenInput: Corrupt, truncated, or growing like a decompression bomb.
    """
    member = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    read = written = 0
    started = in_member = False
    pending = b""
    for chunk in chunks:
        if not started:
            pending += chunk
            if len(pending) < 2:
                continue
            if not pending.startswith(GZIP_MAGIC):
                raise InputError(f"{origin}: not a gzip file (it does not start with the gzip signature); "
                                 "remove the .gz suffix or compress it with gzip")
            started, chunk, pending = True, pending, b""
        read += len(chunk)
        data = chunk
        while data:
            if not in_member:
                if not data.strip(b"\x00"):
                    break  # zero padding after the last member
                member, in_member = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS), True
            try:
                out = member.decompress(data, _CHUNK)
            except zlib.error as error:
                raise BrokenInput(origin, f"corrupt gzip data ({error})") from error
            data = member.unconsumed_tail
            if out:
                written += len(out)
                if written > limits.expansion_floor and written > limits.expansion * read:
                    raise BrokenInput(origin, f"decompresses to more than {limits.expansion} times its size "
                                      f"(a decompression bomb?); cut off after {written:,} bytes")
                yield out
            if member.eof:
                data, in_member = member.unused_data, False
    if not started:
        raise InputError(f"{origin}: not a gzip file (it does not start with the gzip signature); "
                         "remove the .gz suffix or compress it with gzip")
    if in_member:
        raise BrokenInput(origin, "truncated gzip file (it ends before the end of its data)")


def read_bounded(chunks: Iterable[bytes], origin: str, limit: int) -> bytes:
    """All the bytes of a one-article input, up to `limit`.

    Raises:
        InputError: The input holds more than `limit` bytes (nothing more is read).
    """
    data = bytearray()
    for chunk in chunks:
        data += chunk
        if len(data) > limit:
            raise InputError(f"{origin}: larger than {limit:,} bytes, more than one article can be; skipped "
                             "(split it, or give JSON lines)")
    return bytes(data)


def bounded_lines(chunks: Iterable[bytes], limit: int) -> Iterator[bytes | None]:
    """The lines of a stream (without their line break), each at most `limit` bytes long;
    None stands for a longer line, which is skipped without being kept in memory.

    Lines end at `\\n`, `\\r\\n` or a lone `\\r`, as `normalise_newlines` reads them.

    >>> list(bounded_lines([b"ab\\r", b"\\ncd\\rlong-line\\n", b"ef"], limit=4))
    [b'ab', b'cd', None, b'ef']
    """
    buffer = b""
    skipping = False
    for chunk in chunks:
        buffer += chunk
        start = 0
        for match in _LINE_BREAK.finditer(buffer):
            if match.group() == b"\r" and match.end() == len(buffer):
                break  # the `\n` of a `\r\n` may be in the next chunk
            line = buffer[start:match.start()]
            yield None if skipping or len(line) > limit else line
            skipping = False
            start = match.end()
        buffer = buffer[start:]
        if len(buffer) > limit:
            skipping, buffer = True, b""
    if buffer.endswith(b"\r"):
        buffer = buffer[:-1]
    if buffer or skipping:
        yield None if skipping or len(buffer) > limit else buffer
