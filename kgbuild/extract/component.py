"""The spaCy component `kgbuild_statements`: runs the extractors and stores their records.

    nlp.add_pipe("kgbuild_statements")
    doc = nlp(text)
    doc._.statements      # tuple[Statement, ...]
    doc._.entity_facts    # tuple[EntityFact, ...]
    doc._.mentions        # tuple[Mention, ...]: named entities and pronouns, for resolution
    doc._.sentence_records

It lives in `extract`, not `nlp`, so that stages import only the stages before them; the
factory is also registered as a `spacy_factories` entry point.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from kgbuild.extract.registry import CONFIDENCE, ENTITY_FACTS, EXTRACTOR
from kgbuild.extract.confidence import confidence, is_trusted
from kgbuild.extract.entity_facts import entity_facts
from kgbuild.extract.phrases import DATELINE_KEY, entity_mentions
from kgbuild.extract.statements import STEPS, extract_statements, sentence_records
from kgbuild.types import EntityFact, Sentence, Statement

COMPONENT = "kgbuild_statements"
#: Where the component notes an extraction failure on a `Doc`.
ERROR_KEY = "kgbuild_error"
_EXTENSIONS = ("statements", "entity_facts", "mentions", "sentence_records")


@Language.factory(
    COMPONENT,
    requires=["token.dep", "token.head", "token.pos", "token.tag", "token.lemma", "token.ent_iob",
              "token.ent_type", "token.is_sent_start"],
    assigns=[f"doc._.{extension}" for extension in _EXTENSIONS],
)
def make_statements_component(nlp: Language, name: str) -> "StatementsComponent":
    """Build the component; registers the `Doc._` extensions it writes."""
    for extension in _EXTENSIONS:
        if not Doc.has_extension(extension):
            Doc.set_extension(extension, default=())
    return StatementsComponent()


class StatementsComponent:
    """Extract statements, entity facts and mentions from a parsed `Doc`."""

    name = EXTRACTOR

    def __call__(self, doc: Doc) -> Doc:
        """Fill `doc._`; an extractor failure empties them and is noted in
        `doc.user_data["kgbuild_error"]`, so one odd text never stops `nlp.pipe`."""
        try:
            return self._extract(doc)
        except Exception as error:  # noqa: BLE001 - reported per article by the caller
            for extension in _EXTENSIONS:
                setattr(doc._, extension, ())
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
        doc._.statements = tuple(
            replace(s, confidence=score, trusted=is_trusted(score) and _reports_something(s, statements))
            for s, score in zip(statements, scores))
        doc._.entity_facts = tuple(facts)
        doc._.mentions = tuple(entity_mentions(doc, _sentence_of_token(doc, sentences)))
        doc._.sentence_records = sentences
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
