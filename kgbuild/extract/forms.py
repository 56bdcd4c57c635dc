"""Flat forms of a statement for outputs that are not RDF: CaRB tuples, JSON, TSV.

One internal record, several outputs: RDF keeps arguments as role + value; CaRB wants
the preposition in the relation and every argument as text columns.
"""

from __future__ import annotations

from typing import Sequence

from kgbuild.types import EntityFact, Statement


def object_text(statement: Statement, statements: Sequence[Statement], text: str) -> str:
    """The object as text; for a reported statement, the words of that statement's clause."""
    if statement.object is not None:
        return statement.object.text
    if statement.object_statement is not None:
        inner = statements[statement.object_statement]
        if inner.clause is not None and not _reports_itself(inner, statement):
            return text[inner.clause[0]:inner.clause[1]]
        return text[_start(inner):_end(inner)]
    return ""


def _reports_itself(inner: Statement, speech: Statement) -> bool:
    """The reported clause's span holds its own speech verb ("A happened, X said", parsed
    with the speech clause inside the reported one): use the statement's own words."""
    start, end = inner.clause or (0, 0)
    return start <= speech.subject.start < end


def _start(statement: Statement) -> int:
    starts = [statement.subject.start] + [a.value.start for a in statement.arguments]
    if statement.object is not None:
        starts.append(statement.object.start)
    return min(starts)


def _end(statement: Statement) -> int:
    ends = [statement.subject.end] + [a.value.end for a in statement.arguments]
    if statement.object is not None:
        ends.append(statement.object.end)
    return max(ends)


def carb_columns(statement: Statement, statements: Sequence[Statement], text: str) -> list[str]:
    """relation, subject, object, then each further argument as "role value" text.

    The row reads as the sentence does: a passive with its agent is `patient | was hit by
    | agent` (the graph's statement is `agent | hit | patient`, with "was hit" as its
    text), and further arguments come in sentence order.
    """
    arguments = [a.value.text if a.role in ("time", "manner") else f"{_as_written(a.role, a.value.start, text)} {a.value.text}"
                 for a in sorted(statement.arguments, key=lambda a: a.value.start)]
    relation = statement.relation.surface or statement.relation.label
    subject, obj = statement.subject.text, object_text(statement, statements, text)
    if statement.rule.endswith("#passive-agent") and statement.object is not None:
        subject, obj, relation = obj, subject, f"{relation} {_as_written('by', statement.subject.start, text)}"
    return [relation, subject, obj, *arguments]


def _as_written(word: str, before: int, text: str) -> str:
    """`word` as the sentence spells it just before `before` ("By" at a sentence start)."""
    start = text.rfind(" ", 0, max(before - 1, 0)) + 1
    found = text[start:before].strip()
    return found if found.lower() == word.lower() else word


#: Confidence of an entity fact as a tuple: the mean CaRB dev precision of title/age/origin
#: tuples (benchmarks/fit_confidence.py reports it).
FACT_CONFIDENCE = 0.67

#: How an entity fact reads as an Open IE tuple: "Josep Borrell | is | EU foreign policy chief".
_FACT_RELATIONS = {"jobTitle": "is", "age": "is", "homeLocation": "is from"}


def fact_columns(fact: EntityFact, text: str) -> list[str] | None:
    """relation, name, value of an entity fact, or None for facts with no tuple form."""
    relation = _FACT_RELATIONS.get(fact.attribute)
    if relation is None:
        return None
    name = text[fact.subject.head_start:fact.subject.head_end]
    value = fact.value if isinstance(fact.value, str) else fact.value.text
    return [relation, name, value]


def statement_record(statement: Statement, statements: Sequence[Statement], text: str, article_id: str) -> dict:
    """A JSON-ready dict of a statement (for `kgbuild extract --format jsonl`)."""
    return {
        "article": article_id,
        "index": statement.index,
        "sentence": statement.sentence.text,
        "subject": statement.subject.text,
        "relation": statement.relation.key,
        "relation_text": statement.relation.surface,
        "object": object_text(statement, statements, text),
        "object_statement": statement.object_statement,
        "arguments": [{"role": a.role, "value": a.value.text, "category": a.category} for a in statement.arguments],
        "negated": statement.negated,
        "modality": statement.modality.value,
        "reported_by": statement.reported_by,
        "quoted": statement.quoted,
        "asserted": statement.is_factual,
        "confidence": statement.confidence,
        "rule": statement.rule,
    }
