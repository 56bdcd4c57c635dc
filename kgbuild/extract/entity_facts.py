"""Facts read from around a name rather than from a verb (`kgbuild.entity-facts.v1`).

"EU foreign policy chief Josep Borrell" → job title; "Pyotr Ilyichev, director of the
ministry's department" → job title; "Alexey Glushchak, 31, from Tyumen" → age and home;
"the Ukrainian port Mariupol", "the city of Mariupol" → Mariupol is a port / a city.
"""

from __future__ import annotations

from typing import Iterator

from spacy.tokens import Doc, Span, Token

from kgbuild.extract.clauses import DraftStatement
from kgbuild.lexicon import HONORIFICS, PLACE_NOUNS, ROLE_NOUNS
from kgbuild.extract.phrases import VALUE_LABELS, doc_text, entity_of, in_dateline, mention_for, phrase_tokens
from kgbuild.extract.registry import ENTITY_FACTS
from kgbuild.types import EntityFact, Mention, Relation, Sentence

RULES = ENTITY_FACTS.id
_IS_A = Relation(key="be", label="be", surface="")
_PERSON = "PERSON"
_LEADING_DROPS = frozenset({"det", "poss", "case", "punct", "predet"})


def entity_facts(doc: Doc, sentences: tuple[Sentence, ...]) -> Iterator[EntityFact | DraftStatement]:
    """Job titles, ages, homes and is-a statements for the named entities of `doc`."""
    sentence_at = _sentence_lookup(sentences)
    for ent in doc.ents:
        if ent.label_ in VALUE_LABELS:
            continue
        sentence = sentence_at(ent.start_char)
        if sentence is None:
            continue
        subject = mention_for(ent.root, sentence.index)
        if ent.label_ == _PERSON:
            yield from _person_facts(ent, subject, sentence)
        else:
            yield from _kind_statements(ent, subject, sentence)
    yield from appositions(doc, sentences)


def appositions(doc: Doc, sentences: tuple[Sentence, ...]) -> Iterator[DraftStatement]:
    """ "Mariupol, a port of 400,000 people," → Mariupol is a port of 400,000 people.

    A person's role ("Pyotr Ilyichev, director of ...") is a job title instead, and a
    number beside a name is an age; neither is repeated here.
    """
    sentence_at = _sentence_lookup(sentences)
    for appos in doc:
        head = appos.head
        if appos.dep_ != "appos" or appos.pos_ not in ("NOUN", "PROPN") or head.pos_ not in ("NOUN", "PROPN"):
            continue
        if head.dep_ == "pobj" and any(c.dep_ == "relcl" for c in appos.children):
            continue  # "... sent to Ukraine, a prospect that ...": the appositive is about the clause
        if appos.ent_type_ == _PERSON or head.ent_type_ == _PERSON and _is_role(_drop_leading(phrase_tokens(appos))):
            continue  # "his counterpart, Dmytro Kuleba" and "X, director of Y" are titles
        if not _is_description(appos, head):
            continue
        sentence = sentence_at(appos.idx)
        if sentence is None:
            continue
        yield DraftStatement(
            subject=mention_for(head, sentence.index, is_subject=True),
            relation=_IS_A, object=mention_for(appos, sentence.index, follow_name=False),
            sentence=sentence, rule=f"{RULES}#apposition", head=appos)


def _is_description(appos: Token, head: Token) -> bool:
    """The appositive describes its head ("Mariupol, a port of 400,000 people"), rather than
    being a list item, an aside, a value or a misattached phrase.

    Not a description: two names side by side ("Apple, Google" in a list, "WASHINGTON,
    Feb 3 (Reuters)" in a dateline); an appositive in brackets (a party tag "(D-Cal.)", an
    abbreviation); one holding a date or time; a head that is itself a list item or the
    root of a verbless fragment; an appositive that is not headed by a common noun or holds
    a number ("Houston, Tex.", "Baker, 6 points"); a person described with a possessive
    pronoun ("Swift, her former record label": the parse took the label's name for hers).
    """
    common = appos.pos_ == "NOUN" or appos.pos_ == "PROPN" and appos.text.islower()  # "scientist" tagged PROPN
    if not common and head.pos_ == "PROPN" or appos.ent_type_ not in ("", *VALUE_LABELS) and head.ent_type_:
        return False  # two names side by side
    if any(c.dep_ == "nummod" for c in appos.children):
        return False  # "Storm Filsaime, 4 points": a count, not a description
    if any(t.text in "()[]" for t in appos.doc[max(appos.left_edge.i - 1, 0):appos.right_edge.i + 2]):
        return False
    if any(t.ent_type_ in ("DATE", "TIME") for t in appos.subtree) or appos.ent_type_ in VALUE_LABELS or appos.pos_ == "NUM":
        return False  # "WASHINGTON, Feb 3", "consumption up, just 0.2%": values, not descriptions
    if any(c.dep_ == "conj" for c in (*appos.children, *head.children)) or head.dep_ == "conj":
        return False
    if head.dep_ == "ROOT" and head.pos_ not in ("VERB", "AUX"):
        return False
    if in_dateline(head):
        return False
    if not common or any(t.like_num or any(ch.isdigit() for ch in t.text) for t in (appos, *appos.children)):
        return False  # "Houston, Tex.", "Baker, 6 points", "12cm by 7.4cm": a name, a count, a size
    # "Swift, her former record label": a person is not a thing described with her own "her"
    return not (head.ent_type_ == _PERSON and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in appos.children))


def _sentence_lookup(sentences: tuple[Sentence, ...]):
    def find(char: int) -> Sentence | None:
        return next((s for s in sentences if s.start <= char < s.end), None)
    return find


def _person_facts(ent: Span, subject: Mention, sentence: Sentence) -> Iterator[EntityFact]:
    root = ent.root
    title = _title_before(ent)
    if title is not None:
        yield _fact(subject, "jobTitle", _text(title), sentence, "title")
        for token in title:
            organisation = entity_of(token)
            if organisation is not None and organisation.label_ == "ORG":
                yield _fact(subject, "affiliation", mention_for(organisation.root, sentence.index),
                            sentence, "title-affiliation")
                break
    for child in root.children:
        if child.dep_ == "appos":
            yield from _apposition_facts(child, subject, sentence)
        elif child.dep_ == "prep" and child.lower_ == "from":
            place = next((c for c in child.children if c.dep_ == "pobj"), None)
            if place is not None and place.ent_type_ in ("GPE", "LOC"):
                yield _fact(subject, "homeLocation", mention_for(place, sentence.index), sentence, "origin")
    if root.dep_ == "appos" and root.head.pos_ == "NOUN" and not root.head.ent_type_:
        role = _drop_leading(phrase_tokens(root.head))
        if role and _is_role(role):
            yield _fact(subject, "jobTitle", _text(role), sentence, "apposed-role")


def _title_before(ent: Span) -> list[Token] | None:
    """The words before a person's name that give their role ("EU foreign policy chief")."""
    root = ent.root
    tokens = [t for child in root.lefts if child.i < ent.start and child.dep_ not in _LEADING_DROPS
              for t in child.subtree if t.i < ent.start]
    tokens = [t for t in sorted(tokens, key=lambda t: t.i) if not t.is_space]
    while tokens and (tokens[0].lower_ in HONORIFICS or tokens[0].dep_ in _LEADING_DROPS):
        tokens = tokens[1:]
    if not tokens or tokens[-1].pos_ not in ("NOUN", "PROPN") or tokens[-1].lower_ in HONORIFICS:
        return None
    if not any(t.lower_ in ROLE_NOUNS or t.pos_ == "NOUN" for t in tokens):
        return None
    return tokens


def _apposition_facts(appos: Token, subject: Mention, sentence: Sentence) -> Iterator[EntityFact]:
    if appos.like_num and appos.pos_ == "NUM":
        age = int(appos.text) if appos.text.isdigit() else 0
        if 0 < age < 125:
            yield _fact(subject, "age", appos.text, sentence, "age")
        return
    if appos.ent_type_ == _PERSON or appos.pos_ not in ("NOUN", "PROPN"):
        return
    role = _drop_leading(phrase_tokens(appos))
    if role and _is_role(role):
        yield _fact(subject, "jobTitle", _text(role), sentence, "apposition")


def _kind_statements(ent: Span, subject: Mention, sentence: Sentence) -> Iterator[DraftStatement]:
    """ "the Ukrainian port Mariupol", "the city of Mariupol": the entity is a port / city."""
    root = ent.root
    kind_tokens: list[Token] = []
    for child in root.lefts:
        if child.dep_ == "compound" and child.pos_ == "NOUN" and child.i < ent.start:
            kind_tokens = [t for t in root.doc[root.left_edge.i:ent.start]
                           if t.dep_ not in _LEADING_DROPS and not t.is_space]
    if not kind_tokens and root.dep_ == "pobj" and root.head.lower_ == "of":
        noun = root.head.head
        if noun.pos_ == "NOUN" and noun.lemma_.lower() in PLACE_NOUNS:
            kind_tokens = [t for t in noun.doc[noun.left_edge.i:noun.i + 1] if t.dep_ not in _LEADING_DROPS]
    if not kind_tokens or kind_tokens[-1].pos_ != "NOUN":
        return
    noun = kind_tokens[-1]
    kind = mention_for(noun, sentence.index, tokens=kind_tokens, follow_name=False)
    yield DraftStatement(subject=subject, relation=_IS_A, object=kind, sentence=sentence,
                         rule=f"{RULES}#name-modifier", head=noun)


def _drop_leading(tokens: list[Token]) -> list[Token]:
    while tokens and tokens[0].dep_ in _LEADING_DROPS:
        tokens = tokens[1:]
    return tokens


def _is_role(tokens: list[Token]) -> bool:
    if not tokens:
        return False
    head = next((t for t in tokens if t.head not in tokens or t.head == t), tokens[-1])
    return head.lemma_.lower() in ROLE_NOUNS or head.lower_ in ROLE_NOUNS


def _text(tokens: list[Token]) -> str:
    doc = tokens[0].doc
    return doc_text(doc)[tokens[0].idx:tokens[-1].idx + len(tokens[-1].text)]


def _fact(subject: Mention, attribute: str, value: Mention | str, sentence: Sentence, rule: str) -> EntityFact:
    return EntityFact(subject=subject, attribute=attribute, value=value, sentence=sentence,
                      rule=f"{RULES}#{rule}")
