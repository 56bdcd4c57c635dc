"""A `Doc` from the `kgbuild_statements` component goes through spaCy's own serialisation.

DocBin with user data, `Doc.to_bytes`, `Doc.to_json(underscore=...)` and
`nlp.pipe(n_process=2)` all push `doc.user_data` through msgpack or JSON (issue #18.2).
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc, DocBin, Span

pytestmark = pytest.mark.model

TEXTS = [
    "Reuters could not verify the reports.",
    "Officials said Russia attacked a hospital in Mariupol on Sunday.",
    "The company denied that it had hidden the losses.",
]


@pytest.fixture(scope="module")
def nlp():
    from kgbuild.extract.component import COMPONENT
    from kgbuild.nlp import load_pipeline

    nlp = load_pipeline()
    nlp.add_pipe(COMPONENT)
    return nlp


@pytest.fixture(scope="module")
def docs(nlp):
    return list(nlp.pipe(TEXTS))


def _records(doc: Doc):
    return (doc._.statements, doc._.entity_facts, doc._.mentions, doc._.sentence_records)


def test_the_readme_example_reads_a_negated_statement(docs):
    statement = docs[0]._.statements[0]
    assert statement.negated is True
    assert statement.subject.text == "Reuters"


def test_docbin_with_user_data_round_trips_the_records(nlp, docs):
    restored = list(DocBin().from_bytes(DocBin(docs=docs, store_user_data=True).to_bytes()).get_docs(nlp.vocab))
    assert [_records(doc) for doc in restored] == [_records(doc) for doc in docs]
    assert restored[1]._.statements  # not vacuous: the sentences hold statements


def test_to_bytes_and_from_bytes_keep_the_records(nlp, docs):
    for doc in docs:
        restored = Doc(nlp.vocab).from_bytes(doc.to_bytes())
        assert _records(restored) == _records(doc)


def test_to_json_with_the_components_data_round_trips(nlp, docs):
    doc = docs[1]
    data = doc.to_json(underscore=["kgbuild_data"])
    import json

    json.dumps(data)  # plain JSON, not only srsly's
    said = [s for s in data["_"]["kgbuild_data"]["statements"] if s["relation"]["key"] == "say"]
    assert said and said[0]["subject"]["text"] == "Officials"
    restored = Doc(nlp.vocab).from_json(data)
    assert restored._.statements == doc._.statements


def test_n_process_2_gives_the_statements_of_n_process_1(nlp, docs):
    in_two = list(nlp.pipe(TEXTS, n_process=2, batch_size=1))
    assert [doc._.statements for doc in in_two] == [doc._.statements for doc in docs]
    assert [doc._.mentions for doc in in_two] == [doc._.mentions for doc in docs]


def test_statement_spans_are_spans_of_the_doc(docs):
    doc = docs[1]
    (say,) = [parts for parts in doc._.statement_spans if parts.statement.relation.key == "say"]
    assert isinstance(say.subject, Span) and say.subject.text == "Officials"
    assert say.sentence.text == doc.text
    assert say.subject.doc is doc
