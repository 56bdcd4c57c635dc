"""The spaCy component `kgbuild_statements`: runs the extractors and stores their records.

    nlp.add_pipe("kgbuild_statements")
    doc = nlp(text)
    doc._.statements      # tuple[Statement, ...]
    doc._.entity_facts    # tuple[EntityFact, ...]
    doc._.mentions        # tuple[Mention, ...]: named entities and pronouns, for resolution
    doc._.sentence_records
    doc._.statement_spans # tuple[StatementSpans, ...]: subject, object, clause, sentence as Spans
    doc._.kgbuild_data    # what the component stores: plain data (kgbuild.extract.records)

The records are stored in `doc.user_data["kgbuild"]` as plain data (dicts, lists, strings,
numbers) and rebuilt by the getters, so `DocBin(store_user_data=True)`, `Doc.to_bytes()`,
`nlp.pipe(n_process=2)` and `Doc.to_json(underscore=["kgbuild_data"])` work on its docs.
(`to_json(underscore=["statements"])` still fails: spaCy only takes JSON values there.)

It lives in `extract`, not `nlp`, so that stages import only the stages before them; the
factory is also registered as a `spacy_factories` entry point.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from kgbuild.extract.registry import CONFIDENCE, ENTITY_FACTS, EXTRACTOR
from kgbuild.extract.confidence import confidence, is_trusted
from kgbuild.extract.entity_facts import entity_facts
from kgbuild.extract.phrases import DATELINE_KEY, entity_mentions
from kgbuild.extract.records import from_plain, to_plain
from kgbuild.extract.statements import STEPS, extract_statements, sentence_records
from kgbuild.types import EntityFact, Mention, Sentence, Statement

COMPONENT = "kgbuild_statements"
#: Where the component notes an extraction failure on a `Doc`.
ERROR_KEY = "kgbuild_error"
#: Where the component stores its records on a `Doc`, as plain data.
DATA_KEY = "kgbuild"
_RECORD_TYPES: dict[str, type] = {
    "statements": Statement, "entity_facts": EntityFact, "mentions": Mention, "sentence_records": Sentence}
_EXTENSIONS = (*_RECORD_TYPES, "statement_spans", "kgbuild_data")


@Language.factory(
    COMPONENT,
    requires=["token.dep", "token.head", "token.pos", "token.tag", "token.lemma", "token.ent_iob",
              "token.ent_type", "token.is_sent_start"],
    assigns=[f"doc._.{extension}" for extension in _EXTENSIONS],
)
def make_statements_component(nlp: Language, name: str) -> "StatementsComponent":
    """Build the component; registers the `Doc._` extensions it writes."""
    register_extensions()
    return StatementsComponent()


def register_extensions() -> None:
    """The `Doc._` getters over `doc.user_data["kgbuild"]` (idempotent)."""
    for extension, kind in _RECORD_TYPES.items():
        Doc.set_extension(extension, getter=_records_getter(extension, kind), force=True)
    Doc.set_extension("statement_spans", getter=statement_spans, force=True)
    Doc.set_extension("kgbuild_data", getter=lambda doc: doc.user_data.get(DATA_KEY),
                      setter=_set_data, force=True)


def _records_getter(extension: str, kind: type) -> Any:
    def records(doc: Doc) -> tuple[Any, ...]:
        return tuple(from_plain(kind, plain) for plain in (doc.user_data.get(DATA_KEY) or {}).get(extension, ()))
    return records


def _set_data(doc: Doc, data: dict[str, Any] | None) -> None:
    """`Doc.from_json` puts back what `to_json(underscore=["kgbuild_data"])` wrote."""
    if data is None:
        doc.user_data.pop(DATA_KEY, None)
    else:
        doc.user_data[DATA_KEY] = data


@dataclass(frozen=True)
class StatementSpans:
    """Where one statement's parts are in its `Doc`, as `Span`s (a `Statement` holds offsets)."""

    statement: Statement
    subject: Span
    object: Span | None
    clause: Span | None
    sentence: Span


def statement_spans(doc: Doc) -> tuple[StatementSpans, ...]:
    """`doc._.statement_spans`: each of `doc._.statements` with its parts as `Span`s."""
    def span(start: int, end: int) -> Span:
        found = doc.char_span(start, end, alignment_mode="expand")
        if found is None:  # offsets from another text: the records were not made from this Doc
            raise ValueError(f"Characters {start}-{end} are outside this Doc ({len(doc.text)} characters).")
        return found
    return tuple(
        StatementSpans(
            statement=statement,
            subject=span(statement.subject.start, statement.subject.end),
            object=span(statement.object.start, statement.object.end) if statement.object else None,
            clause=span(*statement.clause) if statement.clause else None,
            sentence=span(statement.sentence.start, statement.sentence.end))
        for statement in doc._.statements)


class StatementsComponent:
    """Extract statements, entity facts and mentions from a parsed `Doc`."""

    name = EXTRACTOR

    def __call__(self, doc: Doc) -> Doc:
        """Fill `doc._`; an extractor failure empties them and is noted in
        `doc.user_data["kgbuild_error"]`, so one odd text never stops `nlp.pipe`."""
        try:
            return self._extract(doc)
        except Exception as error:  # noqa: BLE001 - reported per article by the caller
            doc.user_data.pop(DATA_KEY, None)
            for cache in ("kgbuild_text", DATELINE_KEY):
                doc.user_data.pop(cache, None)
            doc.user_data[ERROR_KEY] = f"{type(error).__name__}: {error}"
            return doc

    def _extract(self, doc: Doc) -> Doc:
        sentences = sentence_records(doc)
        statements = list(extract_statements(doc, sentences))  # the families of statements.STEPS
        facts = []
        for item in entity_facts(doc, sentences):  # ENTITY_FACTS
            if isinstance(item, EntityFact):
                facts.append(item)
            else:
                statements.append(Statement(
                    index=len(statements), subject=item.subject, relation=item.relation,
                    object=item.object, sentence=item.sentence, rule=item.rule))
        scores = [confidence(s) for s in statements]  # CONFIDENCE
        statements = [replace(s, confidence=score, trusted=is_trusted(score) and _reports_something(s, statements))
                      for s, score in zip(statements, scores)]
        mentions = list(entity_mentions(doc, _sentence_of_token(doc, sentences)))
        doc.user_data[DATA_KEY] = {
            "statements": to_plain(statements), "entity_facts": to_plain(facts),
            "mentions": to_plain(mentions), "sentence_records": to_plain(sentences)}
        for cache in ("kgbuild_text", DATELINE_KEY):  # caches of the extractors; not worth shipping
            doc.user_data.pop(cache, None)
        return doc


#: The families the component runs, in order: the statement steps, then these two.
RUN_ORDER = (*(family for family, _ in STEPS), ENTITY_FACTS, CONFIDENCE)



def _reports_something(statement: Statement, statements: list[Statement]) -> bool:
    """A speech statement whose reported clause lost its object ("AM said [the backlog
    is ...]") says too little to be a plain fact; any other statement passes."""
    if statement.object_statement is None:
        return True
    inner = statements[statement.object_statement]
    return inner.object is not None or inner.object_statement is not None


def _sentence_of_token(doc: Doc, sentences: tuple[Sentence, ...]) -> dict[int, int]:
    """Token index → index of the sentence record holding it (one pass over both)."""
    position, mapping = 0, {}
    for token in doc:
        while position + 1 < len(sentences) and token.idx >= sentences[position + 1].start:
            position += 1
        mapping[token.i] = sentences[position].index if sentences else 0
    return mapping
