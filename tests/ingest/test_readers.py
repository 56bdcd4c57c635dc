"""Reading files, directories and stdin into articles, and reporting bad inputs."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from kgbuild.errors import InputError
from kgbuild.ingest import FieldNames, read_articles
from kgbuild.types import Article

SEED = Path(__file__).resolve().parents[2] / "seeds" / "ukraine-war-2022-03-14.txt"
BODY = "The river rose by a metre overnight, the council said.\n\nRoads were closed."


def read_all(inputs: list, **options) -> tuple[list[Article], list[str]]:
    """Read everything, collecting error messages instead of raising."""
    errors: list[InputError] = []
    articles = list(read_articles(inputs, on_error=errors.append, **options))
    return articles, [str(e) for e in errors]


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def jsonl(*records: dict | str) -> str:
    return "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n"


def test_txt_file_gives_one_article_with_title_id_and_origin(tmp_path: Path) -> None:
    path = write(tmp_path / "flood-report.txt", "River bursts its banks in town\n\n" + BODY)

    [article] = list(read_articles([path]))

    assert article.id == "flood-report"
    assert article.title == "River bursts its banks in town"
    assert article.text == BODY
    assert article.origin == str(path)


def test_seed_is_read_with_its_title_and_without_furniture() -> None:
    [article] = list(read_articles([SEED]))

    assert article.id == "ukraine-war-2022-03-14"
    assert article.title.startswith("Putin covering up 'thousands' of Russian deaths")
    assert "Kyrie Irving" not in article.text and "[VIDEO]" not in article.text


def test_jsonl_records_become_articles(tmp_path: Path) -> None:
    path = write(
        tmp_path / "feed.jsonl",
        jsonl(
            {"id": 7, "title": "Floods", "text": BODY, "url": "https://example.org/a",
             "date": "2022-03-14T22:10:00Z", "source": "Example News"},
            {"text": "Headline taken from the text\n\n" + BODY, "date": "03/04/2022"},
        ),
    )

    first, second = list(read_articles([path]))

    assert (first.id, first.title, first.text) == ("7", "Floods", BODY)
    assert (first.url, first.date, first.source) == ("https://example.org/a", "2022-03-14",
                                                     "Example News")
    assert first.origin == f"{path}:1"
    assert second.id == "feed-2"
    assert second.title == "Headline taken from the text"
    assert second.text == BODY
    assert second.date is None  # day or month first? dropped without an error


def test_jsonl_title_field_wins_and_first_line_stays_in_the_body(tmp_path: Path) -> None:
    text = "Brewers are making more money from beer-like drinks than beer itself\n\n" + BODY
    path = write(tmp_path / "feed.jsonl", jsonl({"title": "Beer-like drinks boom", "text": text}))

    [article] = list(read_articles([path]))

    assert article.title == "Beer-like drinks boom"
    assert article.text == text


def test_jsonl_text_is_cleaned_of_furniture(tmp_path: Path) -> None:
    text = BODY + "\n\nREAD MORE: Storm hits the coast\n\nPlease enter your comment!"
    path = write(tmp_path / "feed.jsonl", jsonl({"id": "a", "text": text}))

    [article] = list(read_articles([path]))

    assert article.text == BODY


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('{"id": "x", "text": "Broken" "json"}',
         "not valid JSON (Expecting ',' delimiter at column 30)"),
        ('["a list", "not an object"]', "a JSON array, expected an object"),
        ('{"id": "x", "title": "No text"}', 'no "text" field'),
        ('{"id": "x", "text": "   "}', 'empty "text"'),
        ('{"id": "x", "text": 42}', '"text" is a number'),
    ],
)
def test_bad_jsonl_line_is_reported_with_its_line_and_others_are_read(
    tmp_path: Path, line: str, problem: str
) -> None:
    path = write(tmp_path / "feed.jsonl",
                 jsonl({"id": "a", "text": BODY}, line, {"id": "c", "text": BODY}))

    articles, errors = read_all([path])

    assert [a.id for a in articles] == ["a", "c"]
    assert len(errors) == 1
    assert errors[0].startswith(f"{path}:2: {problem}")
    assert errors[0].endswith("line skipped")
    assert "\n" not in errors[0]


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("missing.txt", None, "no such file or directory"),
        ("empty.txt", "", "empty file"),
        ("blank.txt", " \n\t\n", "empty file"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("latin1.txt", "Café au lait in Zürich.".encode("latin-1"), "not UTF-8"),
        ("notes.md", "# Notes\n", "unknown file type '.md'"),
        ("data.gz", b"\x1f\x8b", "unknown file type '.gz'"),
    ],
)
def test_bad_file_is_reported_once_and_good_files_are_still_read(
    tmp_path: Path, name: str, content: str | bytes | None, problem: str
) -> None:
    good_before = write(tmp_path / "before.txt", BODY)
    bad = tmp_path / name if content is None else write(tmp_path / name, content)
    good_after = write(tmp_path / "after.jsonl", jsonl({"id": "j", "text": BODY}))

    articles, errors = read_all([good_before, bad, good_after])

    assert [a.id for a in articles] == ["before", "j"]
    assert len(errors) == 1
    assert errors[0].startswith(f"{bad}: ")
    assert problem in errors[0]
    assert "\n" not in errors[0]


def test_without_on_error_the_first_bad_input_raises(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="missing.txt: no such file"):
        list(read_articles([tmp_path / "missing.txt"]))


def test_directory_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", BODY)
    write(tmp_path / "a" / "z.txt", BODY)
    write(tmp_path / "a" / "y.jsonl", jsonl({"id": "y1", "text": BODY}, {"id": "y2", "text": BODY}))
    write(tmp_path / "a" / "notes.md", "# not an article")
    write(tmp_path / ".git" / "hidden.txt", BODY)
    write(tmp_path / "c" / "d" / "e.txt", BODY)

    articles, errors = read_all([tmp_path])

    assert [a.id for a in articles] == ["y1", "y2", "z", "b", "e"]
    assert errors == []


def test_empty_directory_is_reported(tmp_path: Path) -> None:
    (tmp_path / "nothing").mkdir()

    articles, errors = read_all([tmp_path / "nothing"])

    assert articles == []
    assert errors == [f"{tmp_path / 'nothing'}: directory holds no files kgbuild reads "
                      f"(.txt, .html, .jsonl, .csv, or these .gz)"]


def test_stdin_is_one_plain_text_article(tmp_path: Path) -> None:
    stdin = io.StringIO("River bursts its banks in town\r\n\r\n" + BODY)
    write(tmp_path / "x.txt", BODY)

    articles, errors = read_all(["-", tmp_path / "x.txt"], stdin=stdin)

    assert [a.id for a in articles] == ["stdin", "x"]
    assert articles[0].title == "River bursts its banks in town"
    assert articles[0].text == BODY
    assert errors == []


def test_stdin_bytes_that_are_not_utf8_are_reported() -> None:
    stdin = io.TextIOWrapper(io.BytesIO("Café in Zürich.".encode("latin-1")), encoding="utf-8")

    articles, errors = read_all(["-"], stdin=stdin)

    assert articles == []
    assert len(errors) == 1 and "not UTF-8" in errors[0] and "stdin" in errors[0]


def test_bom_and_crlf_are_normalised(tmp_path: Path) -> None:
    path = write(tmp_path / "win.txt", b"\xef\xbb\xbfFirst paragraph here.\r\n\r\nSecond one.\r\n")

    [article] = list(read_articles([path]))

    assert article.text == "First paragraph here.\n\nSecond one."


def test_file_of_nothing_but_furniture_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path / "chrome.txt", "Share this story\nSign up to our newsletter\n")

    articles, errors = read_all([path])

    assert articles == []
    assert errors == [f"{path}: no article text left after removing page furniture"]


# ── CSV, configurable fields, gzip, globs and stdin kinds (real files in tests/data/ingest) ──

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"
REUTERS_CSV = DATA / "reuters-sample.csv"
BBC_JSONL = DATA / "bbc-sample.jsonl"
REUTERS_FIELDS = FieldNames(id="newid", title="headline", text="body", date="published",
                            source="agency")


def test_csv_rows_become_articles_with_named_columns():
    articles, errors = read_all([REUTERS_CSV], fields=REUTERS_FIELDS)

    assert errors == []
    assert [a.id for a in articles] == ["63", "320", "645"]
    first = articles[0]
    assert first.title == "CANADA'S WILSON SEEKS TEMPORARY BORROWING"
    assert first.text.startswith("OTTAWA, Feb 26 - Canadian Finance Minister Michael Wilson said")
    assert (first.date, first.source) == ("1987-02-26", "Reuters")
    assert first.origin == f"{REUTERS_CSV}:2"


def test_csv_without_the_text_column_says_which_columns_it_has():
    articles, errors = read_all([REUTERS_CSV])

    assert articles == []
    assert errors == [f'{REUTERS_CSV}: no "text" column (columns: newid, headline, body, published, '
                      f'agency); name the column that holds the article text with --text-field']


@pytest.mark.parametrize(
    ("bad_row", "problem"),
    [
        ('999,ONE FIELD TOO MANY,"Some text here.",2-MAR-1987,Reuters,extra\n',
         "6 fields where the header has 5; row skipped"),
        ('999,BROKEN QUOTE,"Some "text" here.",2-MAR-1987,Reuters\n', "malformed CSV"),
        ('999,NO TEXT,,2-MAR-1987,Reuters\n', 'empty "body"; row skipped'),
    ],
)
def test_bad_csv_row_is_reported_with_its_line_and_the_rest_is_read(tmp_path, bad_row, problem):
    header, rest = REUTERS_CSV.read_text(encoding="utf-8").split("\n", 1)
    path = write(tmp_path / "wire.csv", header + "\n" + bad_row + rest)

    articles, errors = read_all([path], fields=REUTERS_FIELDS)

    assert [a.id for a in articles] == ["63", "320", "645"]
    assert len(errors) == 1 and "\n" not in errors[0]
    assert errors[0].startswith(f"{path}:2: {problem}")


def test_semicolon_csv_is_read(tmp_path):
    path = write(tmp_path / "feed.csv", 'id;title;text\nx1;Floods;"' + BODY + '"\n')

    [article] = list(read_articles([path]))

    assert (article.id, article.title, article.text) == ("x1", "Floods", BODY)


def test_jsonl_fields_can_be_renamed(tmp_path):
    path = write(tmp_path / "dump.jsonl", jsonl(
        {"guid": "n-1", "headline": "Floods", "content": BODY, "published": "2022-03-14",
         "link": "https://example.org/n-1", "outlet": "Example", "byline": ["Anna Field", "Staff writer"]}))
    fields = FieldNames(id="guid", title="headline", text="content", date="published", url="link",
                        source="outlet", author="byline")

    [article] = list(read_articles([path], fields=fields))

    assert (article.id, article.title, article.text) == ("n-1", "Floods", BODY)
    assert (article.date, article.url, article.source) == ("2022-03-14", "https://example.org/n-1", "Example")
    assert article.authors == ("Anna Field",)


def test_renamed_text_field_is_named_in_the_error(tmp_path):
    path = write(tmp_path / "dump.jsonl", jsonl({"text": BODY}))

    articles, errors = read_all([path], fields=FieldNames(text="content"))

    assert articles == []
    assert errors == [f'{path}:1: no "content" field, expected a string; line skipped']


def test_gzipped_jsonl_and_csv_read_like_the_files(tmp_path):
    packed_jsonl = write(tmp_path / "bbc.jsonl.gz", gzip.compress(BBC_JSONL.read_bytes()))
    packed_csv = write(tmp_path / "wire.csv.GZ", gzip.compress(REUTERS_CSV.read_bytes()))

    articles, errors = read_all([packed_jsonl, packed_csv], fields=FieldNames(id="newid", text="body"))
    bbc, errors_bbc = read_all([packed_jsonl])

    assert [a.id for a in bbc] == ["bbc-business-001", "bbc-business-007", "bbc-business-253"]
    assert bbc[0].text == next(read_articles([BBC_JSONL])).text
    assert [a.id for a in articles][-3:] == ["63", "320", "645"]


def test_truncated_gzip_keeps_the_whole_lines_before_the_break(tmp_path):
    whole = gzip.compress(BBC_JSONL.read_bytes())
    path = write(tmp_path / "bbc.jsonl.gz", whole[: int(len(whole) * 0.8)])

    articles, errors = read_all([path])

    assert 1 <= len(articles) < 3
    assert [a.id for a in articles] == ["bbc-business-001", "bbc-business-007"][: len(articles)]
    assert len(errors) == 1
    assert errors[0].startswith(f"{path}: truncated gzip file")
    assert "whole lines before the break were read" in errors[0]


def test_file_named_gz_that_is_not_gzip_is_reported(tmp_path):
    path = write(tmp_path / "feed.jsonl.gz", jsonl({"text": BODY}))

    articles, errors = read_all([path, BBC_JSONL])

    assert len(articles) == 3
    assert errors == [f"{path}: not a gzip file (it does not start with the gzip signature); "
                      f"remove the .gz suffix or compress it with gzip"]


def test_directory_glob_selects_files_at_any_depth(tmp_path):
    write(tmp_path / "2022" / "a.txt", BODY)
    write(tmp_path / "2022" / "b.jsonl", jsonl({"id": "b1", "text": BODY}))
    write(tmp_path / "2023" / "deep" / "c.txt", BODY)
    write(tmp_path / "c.md", "# not read")

    articles, errors = read_all([tmp_path], glob="*.txt")
    none, none_errors = read_all([tmp_path], glob="*.xml")

    assert [a.id for a in articles] == ["a", "c"]
    assert errors == []
    assert none == [] and none_errors == [
        f"{tmp_path}: directory holds no files matching '*.xml' of a kind kgbuild reads "
        f"(.txt, .html, .jsonl, .csv, or these .gz)"]


def test_stdin_json_lines_and_gzip_are_recognised():
    stdin = io.TextIOWrapper(io.BytesIO(gzip.compress(BBC_JSONL.read_bytes())), encoding="utf-8")

    articles, errors = read_all(["-"], stdin=stdin)

    assert [a.id for a in articles] == ["bbc-business-001", "bbc-business-007", "bbc-business-253"]
    assert articles[0].origin == "<stdin>:1"
    assert errors == []
