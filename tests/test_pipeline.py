"""The spaCy pipeline as kgbuild loads it: its tokenizer repairs words scraped text glued
together, without changing the text or its offsets."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def nlp():
    from kgbuild.nlp import load_pipeline

    return load_pipeline()


# The first is a line of the BBC corpus as distributed (bbc-politics-099): the source lost
# the space at a link's edge.
@pytest.mark.parametrize(("text", "name"), [
    ("Mr Blair said it was the central purpose ofNew Labour to reach out.", "New Labour"),
    ("The decision was announced atDowning Street on Monday.", "Downing Street"),
])
def test_a_preposition_glued_to_a_name_is_its_own_token_and_the_name_is_found(nlp, text, name):
    doc = nlp(text)
    assert doc.text == text
    name_start = text.index(name)
    preposition = next(token for token in doc if token.idx + len(token) == name_start)
    assert preposition.whitespace_ == "" and preposition.lower_ in ("of", "at")
    assert name in [entity.text for entity in doc.ents]


def test_words_that_only_start_like_a_preposition_stay_whole(nlp):
    words = [token.text for token in nlp("Often the Toronto office of Intel is inside Tokyo.")]
    assert words == ["Often", "the", "Toronto", "office", "of", "Intel", "is", "inside", "Tokyo", "."]
