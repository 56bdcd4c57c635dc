"""Read articles from `.txt` and `.jsonl` files, directories and stdin.

Every input is read on its own: a bad file or JSONL line is reported through `on_error`
as one `InputError` whose message names the file (and line) and what is wrong, and the
rest are still read, so one stray file does not stop a batch of a thousand.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

from kgbuild.errors import InputError
from kgbuild.ingest.cleanup import clean_text, normalise_newlines
from kgbuild.types import Article

ErrorHandler = Callable[[InputError], None]

#: The file types read, by suffix (lower case).
SUFFIXES = (".jsonl", ".txt")
STDIN = "-"
_STDIN_ORIGIN = "<stdin>"


def read_articles(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    on_error: ErrorHandler | None = None,
    stdin: TextIO | None = None,
) -> Iterator[Article]:
    """Read articles from files, directories and stdin, with page furniture removed.

    Args:
        inputs: `.txt` files (one article each; the first line may be the headline),
            `.jsonl` files (one JSON object a line with `text` and optional `id`, `title`,
            `url`, `date`, `source`), directories (every `.txt` and `.jsonl` below them, in
            sorted path order) and `-` for stdin (one plain-text article, id `stdin`).
        on_error: Called with an `InputError` for each input or JSONL line that cannot be
            read, after which reading goes on. When None, the first such error is raised.
        stdin: Stream read for `-`; defaults to `sys.stdin`.

    Yields:
        One `Article` per article, in input order.

    Raises:
        InputError: An input cannot be read and `on_error` is None.
    """
    report = on_error if on_error is not None else _raise
    for item in inputs:
        if os.fspath(item) == STDIN:
            yield from _read_stdin(stdin if stdin is not None else sys.stdin, report)
            continue
        path = Path(item)
        if path.is_dir():
            files = _files_below(path)
            if not files:
                report(InputError(f"{path}: directory holds no .txt or .jsonl files"))
            for file in files:
                yield from _read_file(file, report)
        elif not path.exists():
            report(InputError(f"{path}: no such file or directory"))
        elif path.suffix.lower() not in SUFFIXES:
            report(InputError(
                f"{path}: unknown file type '{path.suffix or '(none)'}'; use .txt or .jsonl, "
                f"a directory, or - for stdin"
            ))
        else:
            yield from _read_file(path, report)


def articles_from(items: Iterable[Article | str], *, on_error: ErrorHandler | None = None) -> Iterator[Article]:
    """Turn strings into articles for library use; articles pass through unchanged.

    A string becomes an article with id `text-N` (its 1-based position) after the same
    clean-up as a `.txt` file, so a pasted page loses its furniture here too.

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
                yield item
            elif isinstance(item, str):
                yield _plain_text_article(item, f"text-{position}", f"text-{position}")
            else:
                raise InputError(
                    f"Item {position} is a {type(item).__name__}; expected an Article or a str."
                )
        except InputError as error:
            report(error)


def _raise(error: InputError) -> None:
    raise error


def _files_below(directory: Path) -> list[Path]:
    """Every `.txt` and `.jsonl` file below a directory, sorted by path.

    Hidden files and folders (`.git`, editor backups) are skipped: they are never articles.
    """
    found = (
        path
        for path in directory.rglob("*")
        if path.suffix.lower() in SUFFIXES
        and path.is_file()
        and not any(part.startswith(".") for part in path.relative_to(directory).parts)
    )
    return sorted(found)


def _read_stdin(stream: TextIO, report: ErrorHandler) -> Iterator[Article]:
    """Read stdin as one plain-text article with id `stdin`."""
    buffer = getattr(stream, "buffer", None)
    try:
        # Decode the bytes ourselves so a non-UTF-8 pipe is reported, not mis-read.
        text = _decode(buffer.read(), _STDIN_ORIGIN) if buffer is not None else stream.read()
    except InputError as error:
        report(error)
        return
    except (OSError, UnicodeDecodeError) as error:
        report(InputError(f"{_STDIN_ORIGIN}: cannot be read ({error})"))
        return
    article = _text_article(normalise_newlines(text), "stdin", _STDIN_ORIGIN, report)
    if article is not None:
        yield article


def _read_file(path: Path, report: ErrorHandler) -> Iterator[Article]:
    """Read one `.txt` or `.jsonl` file, reporting what cannot be read."""
    try:
        text = _decode(path.read_bytes(), str(path))
    except InputError as error:
        report(error)
        return
    except OSError as error:
        report(InputError(f"{path}: cannot be read ({error.strerror or error})"))
        return
    text = normalise_newlines(text)
    if path.suffix.lower() == ".jsonl":
        yield from _jsonl_articles(text, path, report)
    else:
        article = _text_article(text, path.stem, str(path), report)
        if article is not None:
            yield article


def _decode(raw: bytes, origin: str) -> str:
    """Decode UTF-8 bytes, refusing empty, binary and other encodings with a reason.

    No encoding is guessed: a wrong guess silently garbles names, which then end up in
    the graph; a clear error costs the user one re-save.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(
            f"{origin}: not UTF-8 (starts with a UTF-16 byte-order mark); save it as UTF-8"
        )
    if b"\x00" in raw:
        raise InputError(f"{origin}: binary file (contains NUL bytes); expected UTF-8 text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{origin}: not UTF-8 (byte 0x{raw[error.start]:02x} at offset {error.start}); "
            f"save it as UTF-8"
        ) from error
    if not text.removeprefix("\ufeff").strip():
        raise InputError(f"{origin}: empty {'input' if origin == _STDIN_ORIGIN else 'file'}")
    return text


def _text_article(text: str, article_id: str, origin: str, report: ErrorHandler) -> Article | None:
    """Make the article of a plain-text input, or report that nothing is left of it."""
    if not text.strip():
        report(InputError(f"{origin}: empty input"))
        return None
    article = _plain_text_article(text, article_id, origin)
    if not article.text:
        report(InputError(f"{origin}: no article text left after removing page furniture"))
        return None
    return article


def _plain_text_article(text: str, article_id: str, origin: str) -> Article:
    """Clean a plain text and wrap it as an article (no error handling)."""
    if not text.strip():
        raise InputError(f"{origin}: empty text; give the article's text")
    cleaned = clean_text(text)
    return Article(id=article_id, text=cleaned.text, title=cleaned.title, origin=origin)


def _jsonl_articles(text: str, path: Path, report: ErrorHandler) -> Iterator[Article]:
    """Read a JSONL file line by line; a bad line is reported and skipped."""
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        origin = f"{path}:{number}"
        try:
            yield _json_article(line, path.stem, number, origin)
        except InputError as error:
            report(error)


def _json_article(line: str, stem: str, number: int, origin: str) -> Article:
    """Build the article of one JSONL line, or raise an `InputError` saying what is wrong."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(
            f"{origin}: not valid JSON ({error.msg} at column {error.colno}); line skipped"
        ) from error
    if not isinstance(record, dict):
        raise InputError(
            f"{origin}: a JSON {_json_type(record)}, expected an object with a \"text\" field; "
            f"line skipped"
        )
    body = record.get("text")
    if not isinstance(body, str):
        what = "no \"text\" field" if body is None else f"\"text\" is a {_json_type(body)}"
        raise InputError(f"{origin}: {what}, expected a string; line skipped")
    if not body.strip():
        raise InputError(f"{origin}: empty \"text\"; line skipped")
    cleaned = clean_text(body)
    if not cleaned.text:
        raise InputError(f"{origin}: no article text left after removing page furniture; "
                         f"line skipped")
    title = _field(record, "title")
    text = cleaned.text
    if title and cleaned.title and _same_words(cleaned.title) != _same_words(title):
        # The record names its headline, so the line taken for one is the body's own.
        text = f"{cleaned.title}\n\n{text}"
    return Article(
        id=_article_id(record.get("id"), stem, number),
        text=text,
        title=title or cleaned.title,
        url=_field(record, "url"),
        date=iso_date(_field(record, "date")),
        source=_field(record, "source"),
        origin=origin,
    )


def _article_id(value: Any, stem: str, number: int) -> str:
    """The record's `id` as a string, or `<file stem>-<line number>` when it has none."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return f"{stem}-{number}"
    return str(value).strip()


def _field(record: dict[str, Any], name: str) -> str | None:
    """A string field of a record, stripped; None when missing, empty or not a string."""
    value = record.get(name)
    return (value.strip() or None) if isinstance(value, str) else None


def _same_words(text: str) -> str:
    return " ".join(text.casefold().split())


def _json_type(value: Any) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number")


def iso_date(value: str | None) -> str | None:
    """An ISO 8601 date or date-time as `YYYY-MM-DD`; None if it is not one.

    The date is kept as written, not moved to UTC: it is the publication day the
    source states.

    >>> iso_date("2022-03-14T22:10:00Z"), iso_date("14 March 2022")
    ('2022-03-14', None)
    """
    if not value:
        return None
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"  # Python 3.10 fromisoformat does not read "Z"
    for parse in (datetime.fromisoformat, date.fromisoformat):
        try:
            parsed = parse(text)
        except ValueError:
            continue
        return (parsed.date() if isinstance(parsed, datetime) else parsed).isoformat()
    return None
