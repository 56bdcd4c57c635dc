"""A speech clause whose speaker is left out (a generic 'Others') still reports its clause.

Seen on a saved politics page (corpora/html aec5deea…, not held out): "Others fear that …"
made a speech clause with no statement, and linking its reported clause to that missing
statement raised IndexError, so the whole page was skipped.
"""

from __future__ import annotations

import pytest

from kgbuild.errors import PipelineError

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def nlp():
    from kgbuild.pipeline import statement_pipeline

    try:
        return statement_pipeline()
    except PipelineError as error:
        pytest.skip(f"no spaCy pipeline installed: {error}")


@pytest.mark.parametrize("text", [
    "Others fear that impeachment could hurt their party’s more vulnerable candidates in down-ballot elections next year.",
    "Others said that the company hid the losses.",
])
def test_the_clause_of_a_speaker_left_out_is_read_but_not_a_fact(nlp, text):
    doc = nlp(text)
    reported = [s for s in doc._.statements if s.relation.key == "hurt" or s.relation.key == "hide"]
    assert reported, [(s.subject.text, s.relation.key) for s in doc._.statements]
    assert not any(s.is_factual for s in reported)
