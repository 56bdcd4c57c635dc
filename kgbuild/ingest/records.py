"""Articles from records: JSON lines and CSV rows, read line by line as they stream in.

Each line (JSON lines) or row (CSV) is its own article: one that cannot be read — not
UTF-8, not JSON, no text, longer than the line limit — is reported through `report` as
one `InputError` naming the file and line, and the others are still read.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from kgbuild.errors import InputError
from kgbuild.ingest.authors import author_names
from kgbuild.ingest.cleanup import clean_text
from kgbuild.ingest.dates import publication_date
from kgbuild.ingest.decoding import decode_line
from kgbuild.ingest.sources import BrokenInput, ReadLimits, bounded_lines
from kgbuild.types import Article

ErrorHandler = Callable[[InputError], None]

_CSV_DELIMITERS = ",;\t|"
#: A `\udXXX` escape: JSON may hold half of a surrogate pair, which no encoder can write.
_LONE_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class FieldNames:
    """Which field of a JSON-lines record or CSV row holds which part of an article.

    Only `text` is required in a record; the others are read when present. `author` may
    hold one byline or a list of names.
    """

    text: str = "text"
    title: str = "title"
    id: str = "id"
    date: str = "date"
    url: str = "url"
    source: str = "source"
    author: str = "author"


def jsonl_articles(chunks: Iterable[bytes], stem: str, origin: str, report: ErrorHandler,
                   fields: FieldNames, limits: ReadLimits) -> Iterator[Article]:
    """Read JSON lines as they stream in; a bad line is reported and skipped.

    A stream that breaks (a truncated gzip file, a bomb) keeps the whole lines before it.
    """
    lines = 0
    any_text = False
    try:
        for lines, raw in enumerate(bounded_lines(chunks, limits.line_bytes), start=1):
            where = f"{origin}:{lines}"
            if raw is None:
                report(InputError(f"{where}: a line longer than {limits.line_bytes:,} bytes, more than one "
                                  "article can be; line skipped"))
                continue
            try:
                line = decode_line(raw, where, unit="line")
                if lines == 1:
                    line = line.removeprefix("\ufeff")
                if not line.strip():
                    continue
                any_text = True
                record = _json_record(line, where, fields)
                yield _record_article(record, fields, f"{stem}-{lines}", where, "line")
            except InputError as error:
                report(error)
    except BrokenInput as broken:
        report(broken_after_lines(broken, origin, lines))
        return
    if not any_text:
        report(InputError(f"{origin}: empty file"))


def broken_after_lines(broken: BrokenInput, origin: str, lines: int) -> InputError:
    """The error of a stream that broke after `lines` whole lines were read."""
    if lines:
        return InputError(f"{origin}: {broken.problem}; the {lines} whole lines before the break were read, "
                          "the rest is lost")
    return InputError(f"{origin}: {broken.problem}; skipped")


def _json_record(line: str, where: str, fields: FieldNames) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(
            f"{where}: not valid JSON ({error.msg.removesuffix(' at')} at column {error.colno}); line skipped"
        ) from error
    except RecursionError as error:
        raise InputError(f"{where}: JSON nested too deeply to read; line skipped") from error
    except ValueError as error:  # e.g. a number of more digits than Python converts
        raise InputError(f"{where}: unreadable JSON ({error}); line skipped") from error
    if _LONE_SURROGATE_ESCAPE.search(line):
        record = without_lone_surrogates(record)
    if not isinstance(record, dict):
        raise InputError(
            f"{where}: a JSON {_json_type(record)}, expected an object with a \"{fields.text}\" "
            f"field; line skipped"
        )
    return record


def without_lone_surrogates(value: Any) -> Any:
    """A JSON value with each lone surrogate in its strings made U+FFFD, as a decoder would.

    `json.loads` joins escaped surrogate pairs into one character, so what is left is half
    a pair: text that cannot be encoded, so neither parsed nor written to a file.

    >>> without_lone_surrogates({"text": "a\\ud800b", "n": [1, "\\udfff"]})
    {'text': 'a\ufffdb', 'n': [1, '\ufffd']}
    """
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [without_lone_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {without_lone_surrogates(key): without_lone_surrogates(item) for key, item in value.items()}
    return value


def csv_articles(chunks: Iterable[bytes], stem: str, origin: str, report: ErrorHandler,
                 fields: FieldNames, limits: ReadLimits) -> Iterator[Article]:
    """Read a CSV file with a header row as it streams in; a bad row is reported and skipped.

    A field may hold line breaks, so a line that cannot be read (longer than the line
    limit, not UTF-8) ends the file there: the rows before it are kept.
    """
    state = {"lines": 0}
    problems: list[InputError] = []

    def text_lines() -> Iterator[str]:
        for raw in bounded_lines(chunks, limits.line_bytes):
            state["lines"] += 1
            where = f"{origin}:{state['lines']}"
            if raw is None:
                problems.append(InputError(f"{where}: a line longer than {limits.line_bytes:,} bytes; "
                                           "the rest of the file is skipped"))
                return
            try:
                line = decode_line(raw, where)
            except InputError as error:
                problems.append(InputError(f"{error}; the rest of the file is skipped"))
                return
            yield (line.removeprefix("\ufeff") if state["lines"] == 1 else line) + "\n"

    try:
        yield from _csv_rows(text_lines(), stem, origin, report, fields, limits)
    except BrokenInput as broken:
        problems.append(broken_after_lines(broken, origin, state["lines"]))
    for problem in problems:
        report(problem)


def _csv_rows(lines: Iterator[str], stem: str, origin: str, report: ErrorHandler, fields: FieldNames,
              limits: ReadLimits) -> Iterator[Article]:
    first = next(lines, None)
    while first is not None and not first.strip():
        first = next(lines, None)
    if first is None:
        report(InputError(f"{origin}: empty file"))
        return
    rows = csv.reader(_chain(first, lines), delimiter=_csv_delimiter(first), strict=True)
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, limits.line_bytes))  # an article is longer than csv's 128 kB default
    try:
        try:
            header = [name.strip() for name in next(rows)]
        except (StopIteration, csv.Error) as error:
            report(InputError(f"{origin}: no CSV header row ({error or 'empty'}); file skipped"))
            return
        if fields.text not in header:
            report(InputError(
                f"{origin}: no \"{fields.text}\" column (columns: {', '.join(header) or 'none'}); "
                f"name the column that holds the article text with --text-field"
            ))
            return
        end = rows.line_num
        while True:
            start = end + 1
            try:
                row = next(rows)
            except StopIteration:
                return
            except csv.Error as error:
                report(InputError(f"{origin}:{start}: malformed CSV ({error}); row skipped"))
                end = rows.line_num
                continue
            end = rows.line_num
            if not any(cell.strip() for cell in row):
                continue
            where = f"{origin}:{start}"
            try:
                if len(row) != len(header):
                    raise InputError(f"{where}: {len(row)} fields where the header has "
                                     f"{len(header)}; row skipped")
                record = {name: cell for name, cell in zip(header, row)}
                yield _record_article(record, fields, f"{stem}-{start}", where, "row")
            except InputError as error:
                report(error)
    finally:
        csv.field_size_limit(limit)


def _chain(first: str, rest: Iterator[str]) -> Iterator[str]:
    yield first
    yield from rest


def _csv_delimiter(text: str) -> str:
    """The delimiter the header row uses most: `,`, `;`, tab or `|`.

    >>> _csv_delimiter("id;title;text\\n1;a;b")
    ';'
    """
    header = text.split("\n", 1)[0]
    counts = {d: header.count(d) for d in _CSV_DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _record_article(record: dict[str, Any], fields: FieldNames, default_id: str, where: str,
                    unit: str) -> Article:
    """The article of one JSON record or CSV row, or an `InputError` saying what is wrong."""
    body = record.get(fields.text)
    if not isinstance(body, str):
        what = (f"no \"{fields.text}\" field" if body is None
                else f"\"{fields.text}\" is a {_json_type(body)}")
        raise InputError(f"{where}: {what}, expected a string; {unit} skipped")
    if not body.strip():
        raise InputError(f"{where}: empty \"{fields.text}\"; {unit} skipped")
    cleaned = clean_text(body)
    if not cleaned.text:
        raise InputError(f"{where}: no article text left after removing page furniture; "
                         f"{unit} skipped")
    title = _field(record, fields.title)
    text = cleaned.text
    if title and cleaned.title and _same_words(cleaned.title) != _same_words(title):
        # The record names its headline, so the line taken for one is the body's own.
        text = f"{cleaned.title}\n\n{text}"
    return Article(
        id=_article_id(record.get(fields.id), default_id),
        text=text,
        title=title or cleaned.title,
        url=_field(record, fields.url),
        date=publication_date(_field(record, fields.date)),
        source=_field(record, fields.source),
        origin=where,
        authors=_authors(record.get(fields.author)),
    )


def _article_id(value: Any, default: str) -> str:
    """The record's id as a string, or `<file stem>-<line number>` when it has none."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return default
    return str(value).strip()


def _field(record: dict[str, Any], name: str) -> str | None:
    """A string field of a record, stripped; None when missing, empty or not a string."""
    value = record.get(name)
    return (value.strip() or None) if isinstance(value, str) else None


def _authors(value: Any) -> tuple[str, ...]:
    """Author names from a byline string or a list of names."""
    if isinstance(value, str):
        return author_names(value)
    if isinstance(value, list):
        return tuple(name for item in value if isinstance(item, str) for name in author_names(item))
    return ()


def _same_words(text: str) -> str:
    return " ".join(text.casefold().split())


def _json_type(value: Any) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number")

