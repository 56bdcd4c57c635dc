"""Records that pass between the pipeline's stages.

They hold character offsets into the article text, never live spaCy objects, so a
statement outlives its `Doc` and every stage after `extract` can be tested without a model.

    ingest ──Article──▶ nlp ──Doc──▶ extract ──Extraction──▶ resolve ──ResolvedArticle──▶ graph
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum


@dataclass(frozen=True)
class Article:
    """One news article as read from its input.

    Attributes:
        id: Stable identifier (the JSONL `id`, else derived from the file name).
        text: The article body, furniture removed; offsets below index into it.
        title: Headline, when known.
        url: Canonical URL, when known.
        date: Publication date as ISO `YYYY-MM-DD`, when known.
        source: Outlet or site name, when known.
        origin: Where it came from (`path` or `path:line`), for messages.
        authors: Who wrote it, as the byline names them (people, or a desk or agency).
        organisation_authors: Those of `authors` that are an outlet, desk or agency rather
            than a person; decided by ingest (`kgbuild.ingest.authors.with_author_kinds`).
    """

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    date: str | None = None
    source: str | None = None
    origin: str = ""
    authors: tuple[str, ...] = ()
    organisation_authors: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article: its position and exact text."""

    index: int
    start: int
    end: int
    text: str


class MentionKind(str, Enum):
    """What a phrase in a statement stands for."""

    ENTITY = "entity"  # a named entity (the phrase's head is inside an NER span)
    PHRASE = "phrase"  # any other noun phrase: "a base", "more than 2,400 civilians"
    PRONOUN = "pronoun"  # he, she, it, they ... (resolved to an antecedent later)
    QUOTE = "quote"  # reported words that did not parse into a statement
    VALUE = "value"  # a date, time, amount or adverb kept as text


@dataclass(frozen=True)
class Mention:
    """A phrase of the article that fills a statement slot or names an entity.

    Attributes:
        start, end: Character offsets of the whole phrase in the article text.
        text: The phrase as written.
        kind: What the phrase stands for.
        head_start, head_end: Character offsets of the phrase's head (the entity name for
            `ENTITY`), which is what resolution links to an entity.
        label: The NER label of the head entity (PERSON, ORG, GPE ...), when there is one.
        sentence: Index of the sentence holding the phrase.
        grammatical_number: "sing", "plur" or "" when unknown (for pronoun agreement).
        is_subject: The phrase is a clause subject (pronouns prefer such antecedents).
        is_modifier: The name only modifies another noun ("the UK's biggest producer",
            "NATO member Poland"): a weak antecedent.
    """

    start: int
    end: int
    text: str
    kind: MentionKind
    head_start: int
    head_end: int
    label: str | None = None
    sentence: int = 0
    grammatical_number: str = ""
    is_subject: bool = False
    is_modifier: bool = False

    @property
    def head_span(self) -> tuple[int, int]:
        return (self.head_start, self.head_end)


class Modality(str, Enum):
    """How the article puts a statement forward."""

    ASSERTED = "asserted"  # stated as fact
    HEDGED = "hedged"  # "is believed to", "reportedly", "appears to"
    POSSIBLE = "possible"  # "may", "could", "might"
    FUTURE = "future"  # "will", "would seek to", "plans to"
    INTENDED = "intended"  # "seek to", "want to", "aim to": an aim, not a fact


@dataclass(frozen=True)
class Relation:
    """A normalised, lemma-based relation.

    Attributes:
        key: Identifier used in IRIs: lemmas joined by "_" ("die_in", "say", "be_kill_in").
        label: Human-readable form of the key ("die in").
        surface: The words as written in the sentence ("is believed to have died in").
    """

    key: str
    label: str
    surface: str


@dataclass(frozen=True)
class Argument:
    """A further argument of a statement: a role and the phrase filling it.

    `role` is the preposition or adverbial marker as written lower-cased ("near", "on",
    "since"), or "time" / "place" / "manner" for bare adverbials. `category` says what kind
    of value it is: "time", "place" or "other".
    """

    role: str
    value: Mention
    category: str = "other"


@dataclass(frozen=True)
class Statement:
    """One subject-relation-object statement extracted from a sentence.

    Attributes:
        index: Position of the statement in its article (unique within the article).
        subject: Who or what the statement is about.
        relation: The normalised relation.
        object: The object phrase; None when the object is another statement
            (`object_statement`) or when the verb takes none.
        object_statement: Index of the statement that is the object, for speech and
            attitude verbs whose complement is a clause ("Borrell said [X]").
        arguments: Prepositional and adverbial arguments, in sentence order.
        negated: The statement is denied by the sentence ("not", "never", "have yet to").
        modality: How it is put forward (asserted, hedged, possible, future ...).
        reported_by: Index of the attribution statement that reports this one, if any.
        quoted: The statement stands inside quotation marks: someone's words, not the
            article's own, even when no speaker is found for them.
        sentence: The sentence the statement comes from.
        confidence: Score in [0, 1] that ranks statements by how likely they are right.
        rule: Versioned name of the rule that made it ("kgbuild.clauses.v2#active").
        clause: For a statement another one reports, the character span of its clause
            without its subordinator ("that", "whether"): the words it stands for.
        trusted: Its confidence reaches the plain-triple threshold of the extractor
            (`kgbuild.extract.confidence.PLAIN_TRIPLE_THRESHOLD`), and, for a speech
            statement, what it reports has an object.
    """

    index: int
    subject: Mention
    relation: Relation
    object: Mention | None
    sentence: Sentence
    rule: str
    object_statement: int | None = None
    arguments: tuple[Argument, ...] = ()
    negated: bool = False
    modality: Modality = Modality.ASSERTED
    reported_by: int | None = None
    quoted: bool = False
    confidence: float = 0.5
    clause: tuple[int, int] | None = None
    trusted: bool = True

    @property
    def is_factual(self) -> bool:
        """The article itself states this as true, as a plain triple: not negated, hedged,
        reported or quoted; with an object (a statement without one says too little to
        stand alone: "the yen | make"); and read surely enough (`trusted`)."""
        return (not self.negated and self.modality == Modality.ASSERTED
                and self.reported_by is None and not self.quoted and self.trusted
                and (self.object is not None or self.object_statement is not None))


@dataclass(frozen=True)
class EntityFact:
    """A fact about an entity read from its name's surroundings, not from a verb.

    `attribute` is one of "jobTitle", "age", "homeLocation", "affiliation".
    `value` is a phrase (an organisation, a place) or plain text (a title, an age).
    """

    subject: Mention
    attribute: str
    value: Mention | str
    sentence: Sentence
    rule: str


@dataclass(frozen=True)
class Extraction:
    """Everything `extract` reads from one article's parse."""

    article: Article
    sentences: tuple[Sentence, ...]
    statements: tuple[Statement, ...]
    entity_facts: tuple[EntityFact, ...]
    #: Every named-entity and pronoun mention in the article, for resolution.
    mentions: tuple[Mention, ...]
    pipeline: str = ""  # "en_core_web_sm 3.8.0 (spaCy 3.8.x)"
    #: The days each time argument names, by (statement index, argument position), counted
    #: from the article's date (`kgbuild.ingest.dates.argument_dates`); absent when none.
    argument_dates: dict[tuple[int, int], DateSpan] = field(default_factory=dict)


@dataclass(frozen=True)
class DateSpan:
    """The days a time phrase names, first and last inclusive.

    >>> DateSpan(date(2022, 3, 13), date(2022, 3, 13)).day
    datetime.date(2022, 3, 13)
    """

    start: date
    end: date

    @property
    def day(self) -> date | None:
        """The one day named, or None for a longer period."""
        return self.start if self.start == self.end else None


@dataclass(frozen=True)
class Entity:
    """A real-world thing mentioned in an article, with all the names used for it.

    Attributes:
        key: Stable identifier used to mint its IRI ("person/josep-borrell"); the same
            name and type give the same key in every article.
        label: Its fullest name in the article.
        label_type: The NER label that decides its schema.org class.
        aliases: Every other way the article names it.
        stands_for_government: A place used as an agent ("Moscow said").
        government_of: Key of the country whose government a capital stands for, when
            the article names that country too ("Moscow" → "place/russia").
    """

    key: str
    label: str
    label_type: str
    aliases: tuple[str, ...] = ()
    stands_for_government: bool = False
    government_of: str | None = None


@dataclass(frozen=True)
class ResolvedArticle:
    """An extraction with each entity and pronoun mention linked to an `Entity`.

    `entity_at` maps a mention's head span (start, end) to the key of its entity.
    """

    extraction: Extraction
    entities: tuple[Entity, ...]
    entity_at: dict[tuple[int, int], str] = field(default_factory=dict)
    #: How each pronoun and alias link was made, as (head span, entity key, rule name).
    links: tuple[tuple[tuple[int, int], str, str], ...] = ()
    #: Head spans of generic phrases ("the company", "the chief executive") that stand for
    #: something the article names, but not clearly which: like an unlinked pronoun, never
    #: a node shared by other statements, a plain triple's subject or object, or a speaker.
    generic: frozenset[tuple[int, int]] = frozenset()

    def entity_for(self, mention: Mention) -> str | None:
        """The key of the entity a mention stands for, if it stands for one."""
        return self.entity_at.get(mention.head_span)

    def is_unresolved(self, mention: Mention) -> bool:
        """A pronoun or generic phrase whose referent resolution could not make out."""
        return mention.head_span not in self.entity_at and (
            mention.kind == MentionKind.PRONOUN or mention.head_span in self.generic)
