"""Articles left out of a build: other languages (named in one warning) and repeated texts."""

from __future__ import annotations

import logging
from pathlib import Path

from kgbuild.errors import InputError
from kgbuild.ingest import detect_language, in_language, normalised_text, read_articles, unique_articles
from kgbuild.types import Article

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"
GERMAN = DATA / "udhr-article-1-5.de.txt"
FRENCH = DATA / "udhr-article-1-5.fr.txt"
BBC = DATA / "bbc-sample.jsonl"


def test_languages_of_real_texts():
    german, french = read_articles([GERMAN, FRENCH])
    english = next(read_articles([BBC]))

    assert detect_language(german.text).code == "de"
    assert detect_language(french.text).code == "fr"
    assert detect_language(english.text).code == "en"


def test_short_text_is_not_judged():
    assert detect_language("Kyiv: talks resume.") is None


def test_other_languages_are_skipped_with_one_warning_naming_them():
    articles = list(read_articles([GERMAN, BBC, FRENCH]))
    skipped: list[InputError] = []

    kept = list(in_language(articles, "en", on_skip=skipped.append))

    assert [a.id for a in kept] == ["bbc-business-001", "bbc-business-007", "bbc-business-253"]
    [warning] = [str(e) for e in skipped]
    assert warning.startswith("2 articles not in the pipeline's language 'en' skipped: ")
    assert f"{GERMAN} (de)" in warning and f"{FRENCH} (fr)" in warning
    assert "--model" in warning and "\n" not in warning


def test_a_pipeline_for_the_language_keeps_its_articles():
    articles = list(read_articles([GERMAN, FRENCH]))
    skipped: list[InputError] = []

    assert [a.id for a in in_language(articles, "de", on_skip=skipped.append)] == ["udhr-article-1-5.de"]
    assert [str(e).split(": ", 1)[1] for e in skipped] == [f"{FRENCH} (fr); build them with --model "
                                                           f"naming a pipeline for their language"]
    assert len(list(in_language(articles, "xx", on_skip=skipped.append))) == 2  # multi-language
    assert len(skipped) == 1


def test_without_a_handler_the_skip_is_logged(caplog):
    articles = list(read_articles([GERMAN]))

    with caplog.at_level(logging.WARNING, logger="kgbuild"):
        assert list(in_language(articles, "en")) == []

    assert "1 article not in the pipeline's language 'en' skipped" in caplog.text


def test_duplicate_texts_are_passed_once_and_the_copy_reported():
    copies: list[tuple[str, str]] = []

    kept = list(unique_articles(read_articles([BBC]),
                                on_duplicate=lambda copy, first: copies.append((copy.id, first.id))))

    assert [a.id for a in kept] == ["bbc-business-001", "bbc-business-007"]
    assert copies == [("bbc-business-253", "bbc-business-007")]


def test_texts_differing_only_in_spacing_case_and_quotes_are_duplicates():
    first = Article(id="a", text="Russia said on “Monday” it would talk.\n\nTalks begin.")
    copy = Article(id="b", text="russia said on \"Monday\" it would talk. Talks   begin.")
    other = Article(id="c", text="Russia said on Monday it would not talk.")
    copies = []

    kept = list(unique_articles([first, copy, other], on_duplicate=lambda c, f: copies.append((c.id, f.id))))

    assert [a.id for a in kept] == ["a", "c"]
    assert copies == [("b", "a")]
    assert normalised_text(first.text) == normalised_text(copy.text)
