"""Read articles from files, directories and stdin: plain text, HTML, JSON lines, CSV, gzip.

Every input is read on its own: a bad file, JSONL line or CSV row is reported through
`on_error` as one `InputError` whose message names the file (and line) and what is wrong,
and the rest are still read, so one stray file does not stop a batch of a thousand.

    kind        suffix            articles
    plain text  .txt              one; the first line is the headline when it looks like one
    web page    .html .htm        one; body and metadata by `kgbuild.ingest.html`
    JSON lines  .jsonl            one per line, fields named by `FieldNames`
    CSV         .csv              one per row after a header row, fields named the same way
    gzip        any of these .gz  as the file inside; a cut-off archive keeps its whole lines
"""

from __future__ import annotations

import csv
import dataclasses
import errno
import io
import json
import os
import re
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from kgbuild.errors import InputError
from kgbuild.ingest.authors import author_names
from kgbuild.ingest.cleanup import clean_text, normalise_newlines
from kgbuild.ingest.dates import publication_date
from kgbuild.types import Article

ErrorHandler = Callable[[InputError], None]

#: The file types read, by suffix (lower case); each may also come gzipped (`.jsonl.gz`).
SUFFIXES = (".csv", ".htm", ".html", ".jsonl", ".txt")
GZIP = ".gz"
STDIN = "-"
_STDIN_ORIGIN = "<stdin>"
_GZIP_MAGIC = b"\x1f\x8b"
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<\s*(?:!doctype\s+html|html|head|body)\b",
                         re.IGNORECASE | re.DOTALL)
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


def read_articles(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    on_error: ErrorHandler | None = None,
    stdin: TextIO | None = None,
    fields: FieldNames | None = None,
    glob: str | None = None,
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

    Yields:
        One `Article` per article, in input order.

    Raises:
        InputError: An input cannot be read and `on_error` is None.
    """
    report = on_error if on_error is not None else _raise
    fields = fields or FieldNames()
    for item in inputs:
        if os.fspath(item) == STDIN:
            yield from _read_stdin(stdin if stdin is not None else sys.stdin, report, fields)
            continue
        path = Path(item)
        if path.is_dir():
            files = _files_below(path, glob)
            if not files:
                wanted = f"files matching '{glob}' of a kind kgbuild reads" if glob else "files kgbuild reads"
                report(InputError(f"{path}: directory holds no {wanted} "
                                  f"(.txt, .html, .jsonl, .csv, or these .gz)"))
            for file in files:
                yield from _read_file(file, report, fields)
        elif not path.exists():
            report(InputError(f"{path}: {_missing(path)}"))
        elif not path.is_file():  # a named pipe would block the build forever
            report(InputError(f"{path}: not a regular file (a named pipe, socket or device); "
                              f"save its content to a file, or pipe it to - for stdin"))
        elif _kind(path) is None:
            report(InputError(
                f"{path}: unknown file type '{_suffixes(path) or '(none)'}'; use .txt, .html, "
                f".jsonl or .csv (or any of these .gz), a directory, or - for stdin"
            ))
        else:
            yield from _read_file(path, report, fields)


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
                yield _plain_text_article(_LONE_SURROGATE.sub("\ufffd", item), f"text-{position}",
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
        files = _files_below(path, glob) if path.is_dir() else [path]
        for file in files:
            kind = _kind(file)
            if kind is None or kind[0] == ".csv":
                return None
            suffix, compressed = kind
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
    strings becomes U+FFFD (see `_without_lone_surrogates`), and a date that is not a day
    (`2022-02-30`, `yesterday`) is read as `publication_date` reads it, or dropped, so the
    graph never holds an ill-typed `xsd:date`."""
    changes = {}
    for field in dataclasses.fields(article):
        value = getattr(article, field.name)
        fixed = (tuple(_without_lone_surrogates(list(value))) if isinstance(value, tuple)
                 else _without_lone_surrogates(value))
        if field.name == "date" and fixed is not None:
            fixed = publication_date(fixed)
        if fixed != value:
            changes[field.name] = fixed
    return dataclasses.replace(article, **changes) if changes else article


def _missing(path: Path) -> str:
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


# ── Files and directories ──────────────────────────────────────────────────────────────


def _kind(path: Path) -> tuple[str, bool] | None:
    """The file type a path names, and whether it is gzipped; None when not one we read.

    >>> _kind(Path("feed.JSONL.gz")), _kind(Path("page.htm")), _kind(Path("notes.md"))
    (('.jsonl', True), ('.htm', False), None)
    """
    name = path.name.lower()
    compressed = name.endswith(GZIP)
    suffix = Path(name[: -len(GZIP)] if compressed else name).suffix
    return (suffix, compressed) if suffix in SUFFIXES else None


def _suffixes(path: Path) -> str:
    return "".join(path.suffixes[-2:]) if path.name.lower().endswith(GZIP) else path.suffix


def _stem(path: Path) -> str:
    """The file name less its type and `.gz`: the article id of a one-article file."""
    name = path.name[: -len(GZIP)] if path.name.lower().endswith(GZIP) else path.name
    return Path(name).stem


def _files_below(directory: Path, glob: str | None = None) -> list[Path]:
    """Every readable file below a directory whose name matches `glob`, sorted by path.

    Hidden files and folders (`.git`, editor backups) are skipped: they are never articles.
    """
    found = (
        path
        for path in directory.rglob(glob or "*")
        if _kind(path) is not None
        and (path.is_file() or path.is_symlink())  # a broken link is reported, not ignored
        and not any(part.startswith(".") for part in path.relative_to(directory).parts)
    )
    return sorted(found)


def _read_file(path: Path, report: ErrorHandler, fields: FieldNames) -> Iterator[Article]:
    """Read one file of any kind, reporting what cannot be read."""
    origin = str(path)
    suffix, compressed = _kind(path) or (path.suffix.lower(), False)
    try:
        raw = path.read_bytes()
    except OSError as error:
        missing = error.errno in (errno.ENOENT, errno.ELOOP) and path.is_symlink()
        report(InputError(f"{path}: {_missing(path)}" if missing
                          else f"{path}: cannot be read ({error.strerror or error})"))
        return
    broken = None
    if compressed:
        raw, broken = _gunzip(raw, origin, keep_lines=suffix in (".jsonl", ".csv"))
        if broken is not None and not raw:
            report(broken)
            return
    yield from _read_bytes(raw, suffix, _stem(path), origin, report, fields)
    if broken is not None:
        report(broken)


def _read_bytes(raw: bytes, suffix: str, stem: str, origin: str, report: ErrorHandler,
                fields: FieldNames) -> Iterator[Article]:
    """The articles in the bytes of one input of a known type."""
    try:
        if suffix in (".html", ".htm"):
            from kgbuild.ingest.html import html_article

            yield html_article(raw, stem, origin)
            return
        text = normalise_newlines(_decode(raw, origin))
    except InputError as error:
        report(error)
        return
    if suffix == ".jsonl":
        yield from _jsonl_articles(text, stem, origin, report, fields)
    elif suffix == ".csv":
        yield from _csv_articles(text, stem, origin, report, fields)
    else:
        article = _text_article(text, stem, origin, report)
        if article is not None:
            yield article


def _gunzip(raw: bytes, origin: str, *, keep_lines: bool) -> tuple[bytes, InputError | None]:
    """Decompress gzip data; what a cut-off or corrupt archive held before the break is kept.

    For line-based kinds (`keep_lines`) the whole lines read before the break are returned
    with the error, so a truncated archive of a million records still gives them; a page or
    text cut off part-way is not an article, so it returns nothing.
    """
    if not raw.startswith(_GZIP_MAGIC):
        return b"", InputError(f"{origin}: not a gzip file (it does not start with the gzip "
                               f"signature); remove the .gz suffix or compress it with gzip")
    data, problem = _inflate(raw)
    if problem is None:
        return bytes(data), None
    if keep_lines and b"\n" in data:
        whole = bytes(data[: data.rfind(b"\n") + 1])
        lines = whole.count(b"\n")
        return whole, InputError(f"{origin}: {problem}; the {lines} whole lines before the break "
                                 f"were read, the rest is lost")
    return b"", InputError(f"{origin}: {problem}; skipped")


def _inflate(raw: bytes) -> tuple[bytearray, str | None]:
    """Every byte the gzip members in `raw` decompress to, and what stopped it, if anything.

    zlib is fed the whole input at once, so it gives all it can decode before a break.
    """
    data, rest = bytearray(), raw
    while rest.strip(b"\x00"):  # members follow each other; zero padding may trail
        member = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        try:
            data += member.decompress(rest)
        except zlib.error as error:
            return data, f"corrupt gzip data ({error})"
        if not member.eof:
            return data, "truncated gzip file (it ends before the end of its data)"
        rest = member.unused_data
    return data, None


def _read_stdin(stream: TextIO, report: ErrorHandler, fields: FieldNames) -> Iterator[Article]:
    """Read stdin: gzip is unpacked, then it is an HTML page, JSON lines or one plain text."""
    buffer = getattr(stream, "buffer", None)
    try:
        # Read bytes so a non-UTF-8 pipe is reported, not mis-read, and gzip can be seen.
        raw = buffer.read() if buffer is not None else stream.read().encode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        report(InputError(f"{_STDIN_ORIGIN}: cannot be read ({error})"))
        return
    broken = None
    if raw.startswith(_GZIP_MAGIC):
        raw, broken = _gunzip(raw, _STDIN_ORIGIN, keep_lines=True)
    if _HTML_START.match(raw[:65536]):
        suffix = ".html"
    elif raw.lstrip().startswith(b"{") and all(
        line.lstrip().startswith(b"{") for line in raw[:65536].splitlines()[:20] if line.strip()
    ):
        suffix = ".jsonl"
    else:
        suffix = ".txt"
    if raw or broken is None:
        yield from _read_bytes(raw, suffix, "stdin", _STDIN_ORIGIN, report, fields)
    if broken is not None:
        report(broken)


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
        if _utf16_without_mark(raw):
            raise InputError(f"{origin}: not UTF-8 (looks like UTF-16 without a byte-order mark); "
                             f"save it as UTF-8")
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


def _utf16_without_mark(raw: bytes) -> bool:
    r"""Whether bytes look like UTF-16 text: a NUL in every other byte, mostly on one side.

    >>> _utf16_without_mark("Rain in Leeds".encode("utf-16-le")), _utf16_without_mark(b"\x89PNG\x00\x01")
    (True, False)
    """
    sample = raw[:4096]
    half = len(sample) // 2
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    return half >= 4 and max(even, odd) >= 0.4 * half and min(even, odd) <= 0.05 * half


# ── Plain text ─────────────────────────────────────────────────────────────────────────


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


# ── Records: JSON lines and CSV ────────────────────────────────────────────────────────


def _jsonl_articles(text: str, stem: str, origin: str, report: ErrorHandler,
                    fields: FieldNames) -> Iterator[Article]:
    """Read JSON lines line by line; a bad line is reported and skipped."""
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            record = _json_record(line, where, fields)
            yield _record_article(record, fields, f"{stem}-{number}", where, "line")
        except InputError as error:
            report(error)


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
        record = _without_lone_surrogates(record)
    if not isinstance(record, dict):
        raise InputError(
            f"{where}: a JSON {_json_type(record)}, expected an object with a \"{fields.text}\" "
            f"field; line skipped"
        )
    return record


def _without_lone_surrogates(value: Any) -> Any:
    """A JSON value with each lone surrogate in its strings made U+FFFD, as a decoder would.

    `json.loads` joins escaped surrogate pairs into one character, so what is left is half
    a pair: text that cannot be encoded, so neither parsed nor written to a file.

    >>> _without_lone_surrogates({"text": "a\\ud800b", "n": [1, "\\udfff"]})
    {'text': 'a\ufffdb', 'n': [1, '\ufffd']}
    """
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_without_lone_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {_without_lone_surrogates(key): _without_lone_surrogates(item) for key, item in value.items()}
    return value


def _csv_articles(text: str, stem: str, origin: str, report: ErrorHandler,
                  fields: FieldNames) -> Iterator[Article]:
    """Read a CSV file with a header row; a bad row is reported and skipped."""
    rows = csv.reader(io.StringIO(text), delimiter=_csv_delimiter(text), strict=True)
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, 1 << 30))  # an article is longer than csv's 128 kB default
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

