"""Reading files, directories and stdin into articles, and reporting bad inputs."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from kgbuild.errors import InputError
from kgbuild.ingest import read_articles
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
            {"text": "Headline taken from the text\n\n" + BODY, "date": "14 March 2022"},
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
    assert second.date is None  # not ISO: dropped without an error


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
        ("table.csv", "a,b\n1,2\n", "unknown file type '.csv'"),
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
    assert errors == [f"{tmp_path / 'nothing'}: directory holds no .txt or .jsonl files"]


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
