"""Parsed `Doc`s built by hand, so the extract rules can be tested without a model.

A sentence is a table with one token per line and these columns:

    word  head  dep  pos  tag  lemma  ent  morph

`head` is the index of the head token within the sentence (a root points at itself),
`ent` a BIO tag ("B-PERSON", "I-PERSON", "O") and `morph` a morphology string or "_".
The parses are what en_core_web_sm 3.8 gives for these sentences (copied from it once,
corrected by hand only where a test says so), so the rules see realistic trees.
"""

from __future__ import annotations

from spacy.lang.en import English
from spacy.tokens import Doc, Token

from kgbuild.extract.statements import extract_statements, sentence_records
from kgbuild.types import Statement

#: English lexical attributes (lower case, like_num, is_quote ...) without any model.
_VOCAB = English().vocab

_COLUMNS = ("word", "head", "dep", "pos", "tag", "lemma", "ent", "morph")


def make_doc(text: str, *sentences: str) -> Doc:
    """A parsed `Doc` of `text`, one table per sentence (see the module docstring).

    The words must appear in `text` in order, separated by at most one space; the
    `Doc`'s text is then exactly `text`.
    """
    rows = []
    sent_starts = []
    for table in sentences:
        offset = len(rows)
        lines = [line.split() for line in table.strip().splitlines() if line.strip()]
        for position, fields in enumerate(lines):
            if len(fields) == 7:
                fields.append("_")
            if len(fields) != len(_COLUMNS):
                raise ValueError(f"Expected {len(_COLUMNS)} columns {_COLUMNS}, got {fields}")
            row = dict(zip(_COLUMNS, fields))
            row["head"] = int(row["head"]) + offset
            rows.append(row)
            sent_starts.append(position == 0)
    words = [row["word"] for row in rows]
    doc = Doc(
        _VOCAB,
        words=words,
        spaces=_spaces(text, words),
        heads=[row["head"] for row in rows],
        deps=[row["dep"] for row in rows],
        pos=[row["pos"] for row in rows],
        tags=[row["tag"] for row in rows],
        lemmas=[row["lemma"] for row in rows],
        ents=[row["ent"] for row in rows],
        morphs=["" if row["morph"] == "_" else row["morph"] for row in rows],
        sent_starts=sent_starts,
    )
    if doc.text != text:
        raise ValueError(f"The words rebuild {doc.text!r}, not {text!r}")
    return doc


def _spaces(text: str, words: list[str]) -> list[bool]:
    spaces = []
    position = 0
    for word in words:
        if text.startswith(" ", position):
            position += 1
        if not text.startswith(word, position):
            raise ValueError(f"Word {word!r} not found at {position} in {text!r}")
        position += len(word)
        spaces.append(text.startswith(" ", position))
    return spaces


def statements_of(doc: Doc) -> tuple[Statement, ...]:
    """Run the whole extract chain (clauses, attribution, according-to, quotes) on `doc`."""
    return extract_statements(doc, sentence_records(doc))


def triples(statements: tuple[Statement, ...]) -> list[tuple[str, str, str | None]]:
    """(subject, relation key, object) of each statement; a reported statement's object
    is written "#<index>"."""
    result = []
    for statement in statements:
        if statement.object is not None:
            obj = statement.object.text
        elif statement.object_statement is not None:
            obj = f"#{statement.object_statement}"
        else:
            obj = None
        result.append((statement.subject.text, statement.relation.key, obj))
    return result


def token(doc: Doc, word: str, occurrence: int = 0) -> Token:
    """The `occurrence`-th token whose text is `word`."""
    matches = [t for t in doc if t.text == word]
    if len(matches) <= occurrence:
        raise LookupError(f"{word!r} occurs {len(matches)} times in {doc.text!r}")
    return matches[occurrence]
