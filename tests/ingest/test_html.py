"""Saved web pages: the article body without furniture, and the page's metadata."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest

from kgbuild.errors import InputError
from kgbuild.ingest import read_articles
from kgbuild.ingest.authors import author_names, looks_like_organisation
from kgbuild.ingest.html import html_article

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"
ALJAZEERA = DATA / "aljazeera-moon-landers.html"
AP = DATA / "ap-sondland-hearing.html"


def read_all(inputs: list, **options):
    errors: list[InputError] = []
    articles = list(read_articles(inputs, on_error=errors.append, **options))
    return articles, [str(e) for e in errors]


def test_page_gives_body_and_metadata():
    [article] = list(read_articles([ALJAZEERA]))

    assert article.id == "aljazeera-moon-landers"
    assert article.title == "NASA’s commercial moon shot: Musk's and Bezos's firms to bid"
    assert article.authors == ("Laura Winter",)
    assert article.date == "2019-11-19"
    assert article.source == "Al Jazeera"
    assert article.url == ("https://www.aljazeera.com/ajimpact/"
                           "nasas-commercial-moon-shot-musk-bezos-firms-bid-191119041538885.html")
    assert article.origin == str(ALJAZEERA)
    assert article.text.startswith("Washington, DC, United States: Getting to the Moon")
    assert "NASA on Monday enlisted" in " ".join(article.text.split())


def test_page_furniture_stays_out_of_the_body():
    [article] = list(read_articles([ALJAZEERA]))

    for furniture in ("Skip to", "Share", "Follow Al Jazeera", "Related", "Cookie", "function("):
        assert furniture not in article.text
    assert "\n\n" in article.text  # paragraphs are kept apart


def test_byline_in_capitals_becomes_names_and_the_agency():
    [article] = list(read_articles([AP]))

    assert article.authors == ("Lisa Mascaro", "Mary Clare Jalonick", "Eric Tucker", "Associated Press")
    assert article.title == "Unpredictable Sondland faces questions about Trump, Ukraine"
    assert article.date == "2019-11-20"
    assert article.source == "hosted.ap.org"  # the page names no site: its host, not a guess
    assert article.text.startswith("WASHINGTON (AP) — Ambassador Gordon Sondland")


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("broken-download.html", "no article text found in the page"),
        ("script-only.html", "no article text found in the page"),
    ],
)
def test_pages_without_an_article_are_reported_and_the_rest_is_read(name, problem):
    articles, errors = read_all([DATA / name, ALJAZEERA])

    assert [a.id for a in articles] == ["aljazeera-moon-landers"]
    assert len(errors) == 1
    assert errors[0].startswith(f"{DATA / name}: {problem}")
    assert "\n" not in errors[0]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty file"),
        (b"Just a sentence someone saved as .html by mistake.", "not an HTML page"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
    ],
)
def test_files_that_are_not_pages_are_refused_with_a_reason(content, problem):
    with pytest.raises(InputError, match=problem):
        html_article(content, "x", "x.html")


def test_gzipped_page_reads_like_the_page(tmp_path):
    packed = tmp_path / "moon.html.gz"
    packed.write_bytes(gzip.compress(ALJAZEERA.read_bytes()))

    [article] = list(read_articles([packed]))

    assert article.id == "moon"
    assert article.text == next(read_articles([ALJAZEERA])).text


def test_truncated_gzipped_page_is_reported_and_skipped(tmp_path):
    whole = gzip.compress(ALJAZEERA.read_bytes())
    cut = tmp_path / "cut.html.gz"
    cut.write_bytes(whole[: len(whole) // 2])

    articles, errors = read_all([cut, AP])

    assert [a.id for a in articles] == ["ap-sondland-hearing"]
    assert errors == [f"{cut}: truncated gzip file (it ends before the end of its data); skipped"]


def test_directory_glob_picks_the_pages(tmp_path):
    articles, errors = read_all([DATA], glob="a*.html")

    assert [a.id for a in articles] == ["aljazeera-moon-landers", "ap-sondland-hearing"]
    assert errors == []


def test_stdin_page_is_recognised_by_its_markup():
    stdin = io.TextIOWrapper(io.BytesIO(ALJAZEERA.read_bytes()), encoding="utf-8")

    [article] = list(read_articles(["-"], stdin=stdin))

    assert (article.id, article.origin) == ("stdin", "<stdin>")
    assert article.authors == ("Laura Winter",)


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("Kevin Johnson; Kevin McCoy", ("Kevin Johnson", "Kevin McCoy")),
        ("By JANIE HAR", ("Janie Har",)),
        ("Analysis by Chris Cillizza; CNN Editor-at-large", ("Chris Cillizza",)),
        ("Tom Gillespie News reporter", ("Tom Gillespie",)),
        ("Tom Krisher; Ap Auto Writer", ("Tom Krisher",)),
        ("Phil Helsel is a reporter for NBC News", ("Phil Helsel",)),
        ("Staff writer", ()),
        ("https://twitter.com/someone", ()),
        (None, ()),
    ],
)
def test_bylines_keep_names_and_drop_job_titles(byline, names):
    assert author_names(byline) == names


def test_desks_and_agencies_are_organisations():
    assert looks_like_organisation("Associated Press")
    assert looks_like_organisation("Reuters")
    assert looks_like_organisation("HNN Staff")
    assert not looks_like_organisation("Mary Clare Jalonick")
