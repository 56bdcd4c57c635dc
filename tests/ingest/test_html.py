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


# ── teasers inside article text (issue #14, error kind 8) ──────────────────────────────────

PAGES = Path(__file__).resolve().parents[2].parent / "shared" / "corpora" / "html" / "pages"
#: Two pages (livescience.com, space.com) that end paragraphs with a list of links to other
#: stories; neither is held out.
RELATED_LIST_PAGES = {
    "3c5bf8db4272925bf1dd5713fc325e179fd0d1cc6fb8c77aa2d917cfd2518a32": (
        "what emergent trends show up in that data.\"",
        ("15 Amazing Images of Stars", "11 Fascinating Facts About Our Milky Way Galaxy")),
    "c50845a7158af12ee75acea301a3ea0dad1e848d6b9dbdb43ba7f2d825b2528b": (
        "NASA is expected to pick up to four finalists early next year.",
        ("Moon Rush: Private Lunar Lander Plans", "Here's Where Commercial Landers Will Land")),
}


@pytest.mark.parametrize("page_id", sorted(RELATED_LIST_PAGES))
def test_a_list_of_related_story_links_is_not_glued_to_the_paragraph(page_id):
    page = PAGES / f"{page_id}.html"
    if not page.is_file():
        pytest.skip(f"{page} is missing")
    [article] = list(read_articles([page]))
    paragraph_end, headlines = RELATED_LIST_PAGES[page_id]
    paragraphs = [" ".join(p.split()) for p in article.text.split("\n\n")]
    assert any(p.endswith(paragraph_end) for p in paragraphs)
    for headline in headlines:
        assert headline not in article.text


def page(body: str) -> bytes:
    return (f"<html><head><title>Vote in Leeds</title></head><body><article>{body}"
            "<p>The council will meet again in March, when the budget is due, its leader said.</p>"
            "<p>Residents can send their views to the council by the end of February.</p>"
            "</article></body></html>").encode()


@pytest.mark.parametrize("body", [
    # a hover card on a name: headline links and "MORE" inside the paragraph
    "<p>The councillor <span class='person'>Anna Berg<span class='card'><a href='/1'>Berg wins vote on "
    "library</a> | <a href='/2'>Berg calls for new bridge</a> <a class='more' href='/p'>MORE</a></span>"
    "</span> said on Monday that the library in Leeds would stay open for another ten years.</p>",
    # an inline teaser: a headline link, then "Read more", in the middle of the paragraph
    "<p>The councillor Anna Berg said on Monday <a href='/1'>Berg wins vote on library</a> "
    "<a href='/more'>Read more</a> that the library in Leeds would stay open for another ten years.</p>",
])
def test_teaser_links_inside_a_paragraph_are_removed(body):
    article = html_article(page(body), "vote", "vote.html")
    first = " ".join(article.text.split("\n\n")[0].split())
    assert "Berg wins vote" not in article.text and "MORE" not in article.text and "Read more" not in article.text
    assert "said on Monday" in first and "that the library in Leeds would stay open" in first


def test_a_more_link_that_is_part_of_the_sentence_stays():
    body = ("<p>The councillor Anna Berg said on Monday that residents can learn <a href='/m'>more</a> about the "
            "library in Leeds at its open day.</p>")
    article = html_article(page(body), "vote", "vote.html")
    assert "learn more about the library" in " ".join(article.text.split())
