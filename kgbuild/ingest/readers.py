"""Read articles from files, directories and stdin: plain text, HTML, JSON lines, CSV, gzip.

Every input is read on its own: a bad file, JSONL line or CSV row is reported through
`on_error` as one `InputError` whose message names the file (and line) and what is wrong,
and the rest are still read, so one stray file does not stop a batch of a thousand.
Every input is read with bounds (`kgbuild.ingest.sources.ReadLimits`).

    kind        suffix            articles                                     module
    plain text  .txt              one; the first line is the headline          plain_text
                                  when it looks like one
    web page    .html .htm        one; body and metadata                       html
    JSON lines  .jsonl            one per line, fields named by `FieldNames`   records
    CSV         .csv              one per row after a header row, same fields  records
    gzip        any of these .gz  as the file inside; a cut-off archive        sources
                                  keeps its whole lines
"""

from __future__ import annotations

import dataclasses
import itertools
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TextIO

from kgbuild.errors import InputError
from kgbuild.ingest.cleanup import normalise_newlines
from kgbuild.ingest.dates import publication_date
from kgbuild.ingest.decoding import STDIN_ORIGIN, decode, refuse_binary
from kgbuild.ingest.plain_text import plain_text_article, text_article
from kgbuild.ingest.records import FieldNames, csv_articles, jsonl_articles, without_lone_surrogates
from kgbuild.ingest.sources import (GZIP_MAGIC, BrokenInput, ReadLimits, decompressed, files_below, kind, missing,
                                    open_regular_file, raw_chunks, read_bounded, stem, suffixes)
from kgbuild.types import Article

__all__ = ["FieldNames", "ReadLimits", "articles_from", "read_articles"]

ErrorHandler = Callable[[InputError], None]

STDIN = "-"
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<\s*(?:!doctype\s+html|html|head|body)\b",
                         re.IGNORECASE | re.DOTALL)
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
#: How much of stdin is looked at to tell a page, JSON lines and plain text apart.
_SNIFF = 65536


def read_articles(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    on_error: ErrorHandler | None = None,
    stdin: TextIO | None = None,
    fields: FieldNames | None = None,
    glob: str | None = None,
    limits: ReadLimits | None = None,
) -> Iterator[Article]:
    """Read articles from files, directories and stdin, with page furniture removed.

    Args:
        inputs: Files (`.txt`, `.html`/`.htm`, `.jsonl`, `.csv`, each also as `.gz`; see
            the module docstring), directories (every such file below them, in sorted path
            order) and `-` for stdin (a plain-text article, an HTML page or JSON lines,
            gzipped or not, told apart by their content).
        on_error: Called with an `InputError` for each input, line or row that cannot be
            read, after which reading goes on. When None, the first such error is raised.
        stdin: Stream read for `-`; defaults to `sys.stdin`.
        fields: The field names of JSON-lines records and CSV columns.
        glob: In directories, read only the files whose name matches this pattern
            (`*.html`, `2022-*.jsonl.gz`), at any depth.
        limits: The most one input, line or decompressed archive may hold.

    Yields:
        One `Article` per article, in input order.

    Raises:
        InputError: An input cannot be read and `on_error` is None.
    """
    report = on_error if on_error is not None else _raise
    fields = fields or FieldNames()
    limits = limits or ReadLimits()
    for item in inputs:
        if os.fspath(item) == STDIN:
            yield from _read_stdin(stdin if stdin is not None else sys.stdin, report, fields, limits)
            continue
        path = Path(item)
        if path.is_dir():
            files = files_below(path, glob)
            if not files:
                wanted = f"files matching '{glob}' of a kind kgbuild reads" if glob else "files kgbuild reads"
                report(InputError(f"{path}: directory holds no {wanted} "
                                  f"(.txt, .html, .jsonl, .csv, or these .gz)"))
            for file in files:
                yield from _read_file(file, report, fields, limits)
        elif not path.exists():
            report(InputError(f"{path}: {missing(path)}"))
        elif not path.is_file():  # a named pipe would block the build forever
            report(InputError(f"{path}: not a regular file (a named pipe, socket or device); "
                              f"save its content to a file, or pipe it to - for stdin"))
        elif kind(path) is None:
            report(InputError(
                f"{path}: unknown file type '{suffixes(path) or '(none)'}'; use .txt, .html, "
                f".jsonl or .csv (or any of these .gz), a directory, or - for stdin"
            ))
        else:
            yield from _read_file(path, report, fields, limits)


def articles_from(items: Iterable[Article | str], *, on_error: ErrorHandler | None = None) -> Iterator[Article]:
    """Turn strings into articles for library use; articles pass through.

    A string becomes an article with id `text-N` (its 1-based position) after the same
    clean-up as a `.txt` file, so a pasted page loses its furniture here too. Only what
    cannot be written is changed in an article: half a surrogate pair becomes U+FFFD and
    a date that is no day is read as `publication_date` reads it (or dropped).

    Args:
        items: Articles and texts.
        on_error: Called with the `InputError` of each unusable item; the others are
            still read. None raises the first error instead.

    Raises:
        InputError: An item is empty or neither an `Article` nor a `str` (without `on_error`).

    >>> [a.id for a in articles_from(["It rained.", "It snowed."])]
    ['text-1', 'text-2']
    """
    report = on_error or _raise
    for position, item in enumerate(items, start=1):
        try:
            if isinstance(item, Article):
                yield _well_formed(item)
            elif isinstance(item, str):
                yield plain_text_article(_LONE_SURROGATE.sub("\ufffd", item), f"text-{position}",
                                          f"text-{position}")
            else:
                raise InputError(
                    f"Item {position} is a {type(item).__name__}; expected an Article or a str."
                )
        except InputError as error:
            report(error)


def read_sentences(inputs: Iterable[str | os.PathLike[str]], *, on_error: ErrorHandler | None = None,
                   stdin: TextIO | None = None) -> Iterator[Article]:
    """One article per non-empty line of each input, its text exactly the line (no clean-up).

    For sentence-per-line evaluation sets (`kgbuild extract --sentences`): the article id
    is the file's stem and the line number, its origin `path:line`. `-` reads `stdin`.

    Raises:
        InputError: An input cannot be opened and `on_error` is None.
    """
    report = on_error if on_error is not None else _raise
    for item in inputs:
        name = os.fspath(item)
        try:
            stream = (stdin if stdin is not None else sys.stdin) if name == STDIN else open(name, encoding="utf-8")
        except OSError as error:
            report(InputError(f"{name}: cannot open ({error.strerror})"))
            continue
        with stream:
            for number, line in enumerate(stream, start=1):
                sentence = line.rstrip("\r\n")
                if sentence.strip():
                    yield Article(id=f"{Path(name).stem}-{number}", text=sentence, origin=f"{name}:{number}")


def count_articles(inputs: Iterable[str | os.PathLike[str]], *, glob: str | None = None) -> int | None:
    """About how many articles `read_articles` would read from `inputs`, cheaply (for an ETA).

    A text or page file is one article, a JSON-lines file one per non-blank line; None when
    that cannot be told without reading them (stdin, CSV, a missing or unreadable input).
    """
    import gzip

    count = 0
    for item in inputs:
        path = Path(item)
        if os.fspath(item) == STDIN or not path.exists():
            return None
        files = files_below(path, glob) if path.is_dir() else [path]
        for file in files:
            file_kind = kind(file)
            if file_kind is None or file_kind[0] == ".csv":
                return None
            suffix, compressed = file_kind
            if suffix != ".jsonl":
                count += 1
                continue
            try:
                with (gzip.open if compressed else open)(file, "rb") as lines:
                    count += sum(1 for line in lines if line.strip())
            except (OSError, EOFError):
                return None
    return count


def _raise(error: InputError) -> None:
    raise error


def _well_formed(article: Article) -> Article:
    """The article with what cannot be written made writable: any lone surrogate in its
    strings becomes U+FFFD (see `without_lone_surrogates`), and a date that is not a day
    (`2022-02-30`, `yesterday`) is read as `publication_date` reads it, or dropped, so the
    graph never holds an ill-typed `xsd:date`."""
    changes = {}
    for field in dataclasses.fields(article):
        value = getattr(article, field.name)
        fixed = (tuple(without_lone_surrogates(list(value))) if isinstance(value, tuple)
                 else without_lone_surrogates(value))
        if field.name == "date" and fixed is not None:
            fixed = publication_date(fixed)
        if fixed != value:
            changes[field.name] = fixed
    return dataclasses.replace(article, **changes) if changes else article


def _read_file(path: Path, report: ErrorHandler, fields: FieldNames, limits: ReadLimits) -> Iterator[Article]:
    """Read one file of any kind, reporting what cannot be read."""
    origin = str(path)
    suffix, compressed = kind(path) or (path.suffix.lower(), False)
    try:
        handle = open_regular_file(path)
    except InputError as error:
        report(error)
        return
    with handle:
        chunks: Iterator[bytes] = raw_chunks(handle)
        if compressed:
            chunks = decompressed(chunks, origin, limits)
        yield from _read_stream(chunks, suffix, stem(path), origin, report, fields, limits)


def _read_stream(chunks: Iterator[bytes], suffix: str, stem: str, origin: str, report: ErrorHandler,
                 fields: FieldNames, limits: ReadLimits) -> Iterator[Article]:
    """The articles of one input of a known type, read from a stream of byte chunks."""
    try:
        head = next(chunks, b"")
    except (InputError, OSError) as error:
        report(_unreadable(error, origin))
        return
    chunks = itertools.chain([head], chunks)
    if suffix in (".jsonl", ".csv"):
        try:
            refuse_binary(head[:4096], origin)
        except InputError as error:
            report(error)
            return
        read = jsonl_articles if suffix == ".jsonl" else csv_articles
        try:
            yield from read(chunks, stem, origin, report, fields, limits)
        except OSError as error:
            report(_unreadable(error, origin))
        return
    try:
        raw = read_bounded(chunks, origin, limits.file_bytes)
        if suffix in (".html", ".htm"):
            from kgbuild.ingest.html import html_article

            yield html_article(raw, stem, origin)
            return
        text = normalise_newlines(decode(raw, origin))
    except BrokenInput as broken:
        report(InputError(f"{broken}; skipped"))
        return
    except InputError as error:
        report(error)
        return
    except OSError as error:
        report(_unreadable(error, origin))
        return
    article = text_article(text, stem, origin, report)
    if article is not None:
        yield article


def _unreadable(error: Exception, origin: str) -> InputError:
    if isinstance(error, InputError):
        return InputError(f"{error}; skipped") if isinstance(error, BrokenInput) else error
    return InputError(f"{origin}: cannot be read ({getattr(error, 'strerror', None) or error})")


def _read_stdin(stream: TextIO, report: ErrorHandler, fields: FieldNames, limits: ReadLimits) -> Iterator[Article]:
    """Read stdin: gzip is unpacked, then it is an HTML page, JSON lines or one plain text."""
    buffer = getattr(stream, "buffer", None)
    # Read bytes so a non-UTF-8 pipe is reported, not mis-read, and gzip can be seen.
    chunks: Iterator[bytes] = (raw_chunks(buffer) if buffer is not None
                               else (text.encode("utf-8") for text in iter(lambda: stream.read(1 << 20), "")))
    try:
        head, chunks = _peek(chunks, _SNIFF)
        if head.startswith(GZIP_MAGIC):
            head, chunks = _peek(decompressed(chunks, STDIN_ORIGIN, limits), _SNIFF)
    except InputError as error:
        report(_unreadable(error, STDIN_ORIGIN))
        return
    except (OSError, UnicodeError) as error:
        report(InputError(f"{STDIN_ORIGIN}: cannot be read ({error})"))
        return
    if _HTML_START.match(head):
        suffix = ".html"
    elif head.lstrip().startswith(b"{") and all(
        line.lstrip().startswith(b"{") for line in head.splitlines()[:20] if line.strip()
    ):
        suffix = ".jsonl"
    else:
        suffix = ".txt"
    yield from _read_stream(chunks, suffix, "stdin", STDIN_ORIGIN, report, fields, limits)


def _peek(chunks: Iterator[bytes], size: int) -> tuple[bytes, Iterator[bytes]]:
    """The first `size` bytes (or fewer, at the end) of a stream, and the whole stream again."""
    head = b""
    taken = []
    for chunk in chunks:
        taken.append(chunk)
        head += chunk
        if len(head) >= size:
            break
    return head[:size], itertools.chain(taken, chunks)
