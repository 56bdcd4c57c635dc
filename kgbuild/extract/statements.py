"""From a parsed `Doc` to statement records: clauses, events, attribution links, embedding."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable

from spacy.tokens import Doc, Span, Token

from kgbuild.extract import attribution
from kgbuild.extract import modality as modality_rules
from kgbuild.extract.embedding import embedding_modality, is_question
from kgbuild.extract.clauses import DraftStatement, clause_heads, collect_clause, emit_statements
from kgbuild.extract.events import nominal_events
from kgbuild.extract.phrases import doc_text, find_datelines, in_dateline, mention_for
from kgbuild.extract.registry import ATTRIBUTION, CLAUSES, EMBEDDING, EVENTS, RuleFamily
from kgbuild.types import Mention, MentionKind, Modality, Relation, Sentence, Statement
from kgbuild.quotations import inside_quotation, paragraph_start

_SAY = Relation(key="say", label="say", surface="according to")


@dataclass
class _Attribution:
    """A speech clause's open statements and what they report."""

    drafts: list[DraftStatement]
    complements: list[Token]
    quotation: tuple[int, int] | None


def sentence_records(doc: Doc) -> tuple[Sentence, ...]:
    """The article's sentences, without the blank lines between paragraphs."""
    records = []
    for sent in doc.sents:
        tokens = [t for t in sent if not t.is_space]
        if not tokens:
            continue
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        records.append(Sentence(index=len(records), start=start, end=end, text=doc_text(doc)[start:end]))
    return tuple(records)


@dataclass
class _Run:
    """What the statement families share while they run over one article."""

    doc: Doc
    sentences: list[tuple[Span, Sentence]]
    drafts: list[DraftStatement] = field(default_factory=list)
    attributions: list[_Attribution] = field(default_factory=list)


def extract_statements(doc: Doc, sentences: tuple[Sentence, ...]) -> tuple[Statement, ...]:
    """Every statement of a parsed article, attribution linked, in sentence order.

    Runs the statement families of `STEPS` in registry order.
    """
    spans = [s for s in doc.sents if any(not t.is_space for t in s)]
    find_datelines(doc, spans)
    run = _Run(doc, list(zip(spans, sentences)))
    for _, step in STEPS:
        step(run)
    return _freeze(_saying_something(run.drafts))


def _saying_something(drafts: list[DraftStatement]) -> list[DraftStatement]:
    """Leave out statements that lost what they say: no object, reported statement or
    argument although the verb had a complement the rules could not read ("the yen |
    make" from "making exports less competitive", "Athletics Ireland | hint"), or a light
    verb alone ("it | be", "I | not do"). A true intransitive ("the ceasefire collapsed",
    "the mayor resigned") stays, and so does any statement another one points to."""
    referenced = {id(d.object_statement) for d in drafts if d.object_statement is not None}
    referenced |= {id(d.reported_by) for d in drafts if d.reported_by is not None}
    return [d for d in drafts if d.object is not None or d.object_statement is not None or d.arguments
            or id(d) in referenced or not _lost_its_complement(d.verb or d.head)]


#: Deps of a complement that, when the statement has no object, was there but not read.
_COMPLEMENT_DEPS = frozenset({"ccomp", "xcomp", "oprd", "dobj", "attr", "acomp", "dative", "csubj"})


def _lost_its_complement(verb: Token) -> bool:
    if any(c.dep_ == "expl" for c in verb.children):
        return False  # "there was no sign of the hikers": what exists is the subject
    return verb.lemma_ in ("be", "do", "have", "say") or any(c.dep_ in _COMPLEMENT_DEPS for c in verb.children)


def _clauses(run: _Run) -> None:
    for span, sentence in run.sentences:
        sentence_drafts, sentence_attributions = _sentence_drafts(span, sentence)
        run.drafts.extend(sentence_drafts)
        run.attributions.extend(sentence_attributions)


def _events(run: _Run) -> None:
    events = [event for span, sentence in run.sentences for event in nominal_events(span, sentence)]
    # stable: each sentence's events follow its clauses
    run.drafts = sorted(run.drafts + events, key=lambda draft: draft.sentence.index)


def _attribution(run: _Run) -> None:
    run.drafts = _link_attributions(run.drafts, run.attributions)
    run.drafts.extend(_according_to(run.drafts))
    _mark_quoted(doc_text(run.doc), run.drafts, run.attributions)


def _embedding(run: _Run) -> None:
    _mark_embedded(run.drafts, {sentence.index for span, sentence in run.sentences if is_question(span)})


def _sentence_drafts(span: Span, sentence: Sentence) -> tuple[list[DraftStatement], list[_Attribution]]:
    drafts: list[DraftStatement] = []
    attributions = []
    for head in clause_heads(span):
        parts = collect_clause(head)
        if parts is None:
            continue
        complements, quotation = _reported(head, parts, span)
        if quotation is not None:
            parts.subjects = attribution.speaker_outside(parts.subjects, quotation, span)
        if complements or quotation:
            opened = list(emit_statements(parts, sentence, open_object=True))
            attributions.append(_Attribution(opened, complements, quotation))
            drafts.extend(opened)
        else:
            drafts.extend(emit_statements(parts, sentence))
    return drafts, attributions


def _reported(head: Token, parts, span: Span) -> tuple[list[Token], tuple[int, int] | None]:
    """What a speech clause reports: clauses of its own sentence, or a quotation.

    A quotation opened in an earlier sentence wins over the clause the parser found in
    this one, which is only its last part.
    """
    speech = parts.verb  # "plans to allege that ...": the speech verb ends the chain
    if not attribution.is_attribution_head(speech) or speech != head and not _chain_reaches(head, speech):
        return [], None
    complements = attribution.complement_heads(speech)
    if parts.objects and not complements:
        return [], None  # "told the truth": an object, nothing reported
    parts.objects = []  # "told reporters that ...": the reporters heard it; the clause is the object
    spanning = attribution.quotation_spanning(speech, span)
    if spanning is not None:
        return [], spanning
    if complements:
        return complements, None
    return [], attribution.quotation_in(speech, span)


def _chain_reaches(head: Token, verb: Token) -> bool:
    """`verb` ends the xcomp chain of `head` ("plans to allege", "refused to say")."""
    node = verb
    while node.dep_ == "xcomp" and node.head != node:
        node = node.head
        if node == head:
            return True
    return False


def _link_attributions(drafts: list[DraftStatement], attributions: list[_Attribution]) -> list[DraftStatement]:
    """Give each speech statement its object (a reported statement or a quotation) and
    mark what it reports."""
    by_head: dict[int, list[DraftStatement]] = {}
    for draft in drafts:
        by_head.setdefault(draft.head.i, []).append(draft)
    expanded: dict[int, list[DraftStatement]] = {}
    reported_by_item: list[tuple[list[DraftStatement], _Attribution]] = []
    for item in attributions:
        reported = [d for head in item.complements for d in by_head.get(head.i, [])]
        reported_by_item.append((reported, item))
        if item.quotation is not None or not reported:
            quote = _quotation_mention(item.drafts[0], item.quotation)
            expanded.update({id(d): [replace(d, object=quote, rule=f"{ATTRIBUTION.id}#attribution-quote")]
                             for d in item.drafts})
        else:
            expanded.update({id(d): [replace(d, object_statement=r) for r in reported] for d in item.drafts})
        item.drafts = [expanded[id(d)][0] for d in item.drafts]
    linked = [new for draft in drafts for new in expanded.get(id(draft), [draft])]
    speech_by_head = {}
    for draft in linked:
        if "#attribution" in draft.rule:
            speech_by_head.setdefault(draft.head.i, draft)
            if draft.verb is not None:
                speech_by_head.setdefault(draft.verb.i, draft)
    for draft in linked:  # "accused the firm of hiding": the accusation reports the gerund
        if draft.verb is not None and attribution.is_speech_verb(draft.verb):
            speech_by_head.setdefault(draft.verb.i, draft)
    for draft in linked:
        verb = attribution.reporting_verb(draft.head)
        if verb is not None and verb.i in speech_by_head:
            draft.reported_by = speech_by_head[verb.i]
    for reported, item in reported_by_item:  # reported clauses the parse hangs elsewhere
        for draft in reported:
            if draft.reported_by is None:
                draft.reported_by = item.drafts[0]
    for draft in linked:  # a reported speech clause was itself expanded: point at its copy
        if draft.object_statement is not None:
            draft.object_statement = expanded.get(id(draft.object_statement), [draft.object_statement])[0]
    return linked


def _quotation_mention(speech: DraftStatement, span: tuple[int, int] | None) -> Mention | None:
    if span is None:
        return None
    text = doc_text(speech.head.doc)
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",."):
        end -= 1
    return Mention(start=start, end=end, text=text[start:end], kind=MentionKind.QUOTE,
                   head_start=start, head_end=end, sentence=speech.sentence.index)


def _according_to(drafts: list[DraftStatement]) -> list[DraftStatement]:
    """ "X happened, according to Y": Y says X."""
    made = []
    for draft in drafts:
        source = attribution.according_to(draft.head)
        if source is None or draft.reported_by is not None:
            continue
        speaker = mention_for(source, draft.sentence.index, is_subject=True)
        outer = DraftStatement(
            subject=speaker, relation=_SAY, object=None, sentence=draft.sentence,
            rule=f"{ATTRIBUTION.id}#attribution-according-to", head=source,
            object_statement=draft)
        draft.reported_by = outer
        made.append(outer)
    return made


def _mark_quoted(text: str, drafts: list[DraftStatement], attributions: list[_Attribution]) -> None:
    """Statements inside quotation marks are someone's words: link them to the speaker
    of the quotation when one is found, else flag them as quoted."""
    for draft in drafts:
        if draft.reported_by is not None:
            continue
        if not inside_quotation(text, draft.head.idx, draft.head.idx + 1):
            continue
        draft.quoted = True
        for item in attributions:
            if item.quotation and item.quotation[0] <= draft.head.idx < item.quotation[1]:
                draft.reported_by = item.drafts[0]
                break
        else:
            draft.reported_by = _continued_quotation(text, draft, attributions)


def _continued_quotation(text: str, draft: DraftStatement, attributions: list[_Attribution]) -> DraftStatement | None:
    """ '"We will win," she said. "The talks are going well."': a quotation with no speech
    verb of its own continues the last quoted speaker of its paragraph or the one before."""
    position = draft.head.idx
    paragraph = paragraph_start(text, position)
    earliest = paragraph_start(text, paragraph - 2) if paragraph >= 2 else paragraph
    speaker = None
    for item in attributions:
        if not item.drafts or not earliest <= item.drafts[0].head.idx < position:
            continue
        quoted = item.quotation is not None or any(
            inside_quotation(text, head.idx, head.idx + 1) for head in item.complements)
        if quoted:
            speaker = item.drafts[0]
    return speaker


def _mark_embedded(drafts: list[DraftStatement], questions: set[int]) -> None:
    """Clauses the article does not state in its own voice get the modality of what embeds
    them (see `kgbuild.extract.embedding`); a reported clause keeps its speaker's."""
    for draft in drafts:
        if draft.reported_by is not None:
            continue
        effect = embedding_modality(draft.head)
        if effect is None and draft.sentence.index in questions:
            effect = Modality.POSSIBLE  # "Did the minister lie?" asks; it does not state
        if effect is not None:
            draft.modality = modality_rules.combine(draft.modality, effect)


def _clause_span(draft: DraftStatement) -> tuple[int, int] | None:
    """The characters of a clause's own words: its head's subtree without a leading
    subordinator, punctuation or dateline, and without trailing punctuation."""
    head = draft.head
    if head.pos_ not in ("VERB", "AUX"):
        return None
    start, end = head.left_edge, head.right_edge
    while start.i < end.i and (start.dep_ in ("mark", "punct", "cc") or start.is_quote or start.is_space
                               or in_dateline(start)):
        start = start.nbor()
    while end.i > start.i and (end.dep_ in ("punct", "cc") or end.is_quote or end.is_space):
        end = end.nbor(-1)
    return start.idx, end.idx + len(end.text)


def _freeze(drafts: list[DraftStatement]) -> tuple[Statement, ...]:
    """Number the drafts in order and turn draft references into indexes."""
    position = {id(d): i for i, d in enumerate(drafts)}

    def index_of(draft: DraftStatement | None) -> int | None:
        return position.get(id(draft)) if draft is not None else None

    return tuple(
        Statement(
            index=i, subject=d.subject, relation=d.relation, object=d.object,
            sentence=d.sentence, rule=d.rule, object_statement=index_of(d.object_statement),
            arguments=d.arguments, negated=d.negated, modality=d.modality,
            reported_by=index_of(d.reported_by), quoted=d.quoted, clause=_clause_span(d),
        )
        for i, d in enumerate(drafts)
    )


#: The statement families in the order they run (the registry's order; entity facts and
#: confidence follow in the component).
STEPS: tuple[tuple[RuleFamily, Callable[[_Run], None]], ...] = (
    (CLAUSES, _clauses), (EVENTS, _events), (ATTRIBUTION, _attribution), (EMBEDDING, _embedding))
