"""Noun phrases and their mentions: which tokens make up an argument, and what it names."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from kgbuild.lexicon import PLACE_NOUNS
from kgbuild.types import Mention, MentionKind

#: Children that are not part of an argument phrase: they are statements of their own
#: (relative clauses, appositions) or punctuation around them.
_DETACHED = frozenset({"appos", "cc", "conj", "parataxis", "advcl"})
_CLAUSE_PUNCT = frozenset({",", ";", ":", "-", "–", "—", "."})
_RELATIVE_WORDS = frozenset({"which", "who", "whom", "whose", "that", "where", "when"})

#: Entity labels that are values (dates, amounts), not things with a node of their own.
VALUE_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})

PRONOUNS = frozenset({"he", "she", "it", "they", "him", "her", "them", "his", "its", "their",
                      "we", "i", "you", "us", "me", "our", "my", "your", "this", "that",
                      "these", "those", "who", "which", "whom"})

_PLURAL_PRONOUNS = frozenset({"they", "them", "their", "we", "us", "our", "these", "those"})


def doc_text(doc: Doc) -> str:
    """The text of a `Doc`, cached: spaCy rebuilds `Doc.text` from its tokens on every call."""
    text = doc.user_data.get("kgbuild_text")
    if text is None:
        text = doc.user_data["kgbuild_text"] = doc.text
    return text


def phrase_tokens(head: Token, *, keep_conjuncts: bool = False, without: Token | None = None) -> list[Token]:
    """The tokens of the phrase headed by `head`, without detachable parts.

    Relative clauses, appositions and (unless `keep_conjuncts`) coordinated conjuncts are
    left out: each is a statement or a phrase of its own; so is `without`, the clause a
    noun heads when that clause's statement is about the noun ("deaths [estimated by
    Ukraine]"). Clause-level punctuation at the edges is trimmed; quotes and brackets
    inside are kept.
    """
    tokens = [head]
    for child in head.children:
        if child.dep_ in _DETACHED and not (keep_conjuncts and child.dep_ in ("cc", "conj")):
            continue
        if without is not None and child == without:
            continue
        if child.dep_ == "punct" and child.text in _CLAUSE_PUNCT:
            continue
        if child.dep_ == "relcl" and _is_relative_clause(child):
            continue
        if child.dep_ == "acl" and _is_detached_clause(child):
            continue
        tokens.extend(_whole_subtree(child))
    tokens.sort(key=lambda t: t.i)
    if in_dateline(tokens[0]) and not in_dateline(head):
        tokens = [t for t in tokens if not in_dateline(t)]  # "CHICAGO, Feb 26 - Prospects"
    return _trim(_contiguous(tokens, head))


def _is_relative_clause(verb: Token) -> bool:
    """ "the base, which hosted ..." is a statement of its own; "no reason for peacekeepers
    to be sent" is part of the noun phrase."""
    near = [c for c in verb.children] + [g for c in verb.children if c.dep_ == "prep" for g in c.children]
    return _is_detached_clause(verb) or any(
        t.lower_ in _RELATIVE_WORDS and t.tag_ in ("WDT", "WP", "WP$", "WRB") for t in near)


def _whole_subtree(token: Token) -> list[Token]:
    return [t for t in token.subtree if not t.is_space]


def _is_detached_clause(verb: Token) -> bool:
    """An `acl` set off by a comma ("the base, hosting ...") is a statement, not a modifier."""
    previous = verb.doc[verb.left_edge.i - 1] if verb.left_edge.i > 0 else None
    return previous is not None and previous.text == ","


def _contiguous(tokens: list[Token], head: Token) -> list[Token]:
    """Keep the run of consecutive tokens around the head (a parse may attach far tokens)."""
    positions = {t.i for t in tokens}
    start = end = head.i
    while start - 1 in positions:
        start -= 1
    while end + 1 in positions:
        end += 1
    return [t for t in tokens if start <= t.i <= end]


_EDGE_PUNCT = frozenset({",", ";", ":", "-", "–", "—", "(", ")", "...", "."})


def _trim(tokens: list[Token]) -> list[Token]:
    """Drop punctuation and spaces at either end, and a quote mark left without its partner."""
    while tokens and (tokens[0].is_space or tokens[0].text in _EDGE_PUNCT):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_space or tokens[-1].text in _EDGE_PUNCT):
        tokens = tokens[:-1]
    if tokens and tokens[0].is_quote and not any(t.is_quote for t in tokens[1:]):
        tokens = tokens[1:]
    if tokens and tokens[-1].is_quote and not any(t.is_quote for t in tokens[:-1]):
        tokens = tokens[:-1]
    return tokens


_DASHES = frozenset({"-", "–", "—", "--"})
_MONTHS = frozenset({"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct",
                     "nov", "dec", "january", "february", "march", "april", "june", "july",
                     "august", "september", "october", "november", "december"})


def in_dateline(token: Token) -> bool:
    """The token is part of a wire dateline opening its sentence: "CHICAGO, March 3 -",
    "RIO DE JANEIRO, Feb 26 (Reuters) -". A dateline says where and when the article was
    filed; it is never the subject or object of the sentence's verb.

    A dateline is one or more upper-case words, a comma, then only dates, numbers, a
    capitalised word after a comma ("HONOLULU, Hawaii"), bracketed names and punctuation
    up to a dash. Found once per `Doc` and cached.
    """
    doc = token.doc
    datelines = doc.user_data.get(DATELINE_KEY)
    if datelines is None:
        datelines = find_datelines(doc, doc.sents)
    return token.i in datelines


def find_datelines(doc: Doc, sentences: Iterable[Span]) -> frozenset[int]:
    """The dateline tokens of `doc`'s sentences, cached on the `Doc` for `in_dateline`."""
    found = doc.user_data[DATELINE_KEY] = frozenset(i for sentence in sentences for i in _dateline(sentence))
    return found


#: Where `in_dateline` caches the dateline tokens of a `Doc` (removed by the component).
DATELINE_KEY = "kgbuild_datelines"


def _dateline(sentence: Span) -> range:
    words = sentence[:16]
    if not words or not words[0].text.isupper():
        return range(0)
    position = 0
    while position < len(words) and words[position].is_alpha and words[position].text.isupper():
        position += 1
    if position == 0 or position >= len(words) or words[position].text != ",":
        return range(0)
    for follower in words[position + 1:]:
        if follower.text in _DASHES:
            return range(sentence.start, follower.i)
        previous = sentence.doc[follower.i - 1]
        if not (follower.ent_type_ in ("DATE", "TIME") or follower.like_num or follower.is_punct
                or follower.lower_.rstrip(".") in _MONTHS or follower.text[:1].isupper() and previous.text in "(,"):
            return range(0)
    return range(0)


def entity_of(token: Token) -> Span | None:
    """The named-entity span that holds a token, if any."""
    if not token.ent_type_:
        return None
    doc, start, end = token.doc, token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=token.ent_type_)


def named_head(head: Token) -> Token:
    """The token that names what a phrase stands for.

    "his Ukrainian counterpart, Dmytro Kuleba" names Kuleba: a common-noun head with an
    apposed name stands for the named thing. Otherwise the head itself.
    """
    if head.ent_type_ or head.pos_ == "PROPN":
        return head
    for child in head.children:
        if child.dep_ == "appos" and child.ent_type_ and child.ent_type_ not in VALUE_LABELS:
            return child
    if head.lemma_.lower() in PLACE_NOUNS:  # "the port city of Gdynia" names Gdynia
        for preposition in head.children:
            if preposition.dep_ == "prep" and preposition.lower_ == "of":
                place = next((c for c in preposition.children if c.dep_ == "pobj"), None)
                if place is not None and place.ent_type_ in ("GPE", "LOC", "FAC"):
                    return place
    return head


def mention_for(head: Token, sentence_index: int, *, is_subject: bool = False,
                tokens: list[Token] | None = None, without: Token | None = None,
                follow_name: bool = True) -> Mention:
    """Make the `Mention` for the phrase headed by `head`.

    Args:
        head: The syntactic head of the phrase.
        sentence_index: Index of the sentence the phrase is in.
        is_subject: The phrase is a clause subject.
        tokens: The phrase's tokens, when they are not `phrase_tokens(head)`.
        without: A clause to leave out of the phrase (see `phrase_tokens`).
        follow_name: Let a common noun stand for the name beside it ("the city of X" is X);
            off where the common noun itself is meant ("X is a port city").
    """
    tokens = tokens or phrase_tokens(head, without=without) or [head]
    doc = head.doc
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    text = doc_text(doc)[start:end]
    named = named_head(head) if follow_name else head
    entity = entity_of(named)
    if head.lower_ in PRONOUNS and head.pos_ == "PRON" and len(tokens) == 1:
        kind, head_span, label = MentionKind.PRONOUN, (head.idx, head.idx + len(head.text)), None
    elif entity is not None and entity.label_ not in VALUE_LABELS:
        kind, label = MentionKind.ENTITY, entity.label_
        head_span = (_entity_start_char(entity), _entity_end_char(entity))
    elif entity is not None and not _is_counted_noun(head) or head.pos_ in ("NUM", "ADV", "ADJ"):
        kind, head_span, label = MentionKind.VALUE, (start, end), (entity.label_ if entity else None)
    else:
        kind, head_span, label = MentionKind.PHRASE, (head.idx, head.idx + len(head.text)), None
    return Mention(
        start=start, end=end, text=text, kind=kind, head_start=head_span[0],
        head_end=head_span[1], label=label, sentence=sentence_index,
        grammatical_number=_number(head), is_subject=is_subject,
    )


def _is_counted_noun(head: Token) -> bool:
    """ "thousands of people" is people, not a number."""
    return head.pos_ == "NOUN" and any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children)


_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss", "npadvmod"})


def _is_subject(head: Token) -> bool:
    """A clause subject, or the name apposed to one ("His rival, Tom Hale, said")."""
    return head.dep_ in ("nsubj", "nsubjpass") or head.dep_ == "appos" and head.head.dep_ in ("nsubj", "nsubjpass")


def is_pleonastic(token: Token) -> bool:
    """ "It is likely that ...", "it was hoped the ...", "made it clear that": an "it" that
    refers to nothing (after Lappin & Leass 1994, section 2.1)."""
    if token.lower_ != "it":
        return False
    head = token.head
    if token.dep_ in ("nsubj", "nsubjpass", "expl"):
        clausal = any(c.dep_ in ("ccomp", "csubj", "xcomp") and c.i > head.i for c in head.children)
        complement = any(c.dep_ in ("acomp", "attr") for c in head.children)
        if head.lemma_ in ("be", "seem", "appear", "become") and clausal and (complement or head.pos_ == "AUX"):
            return True
        if token.dep_ == "nsubjpass" and clausal:
            return True  # "it is predicted that"
        if head.lemma_ in ("rain", "snow"):
            return True
    return token.dep_ == "dobj" and head.lemma_ in ("make", "find") and any(
        c.dep_ in ("ccomp", "oprd", "xcomp") for c in head.children)


def _entity_start_char(entity: Span) -> int:
    """Start of an entity without punctuation or a quote mark the NER took in with it."""
    tokens = [t for t in entity if not (t.is_punct or t.is_quote or t.is_space)]
    return tokens[0].idx if tokens else entity.end_char


def _entity_end_char(entity: Span) -> int:
    """End of an entity without a trailing possessive ("Putin's" names Putin)."""
    tokens = [t for t in entity if t.tag_ != "POS"]
    last = tokens[-1] if tokens else entity[-1]
    return last.idx + len(last.text)


def _number(token: Token) -> str:
    if token.lower_ in _PLURAL_PRONOUNS:
        return "plur"
    number = token.morph.get("Number")
    return {"Sing": "sing", "Plur": "plur"}.get(number[0], "") if number else ""


def entity_mentions(doc: Doc | Span, sentence_index_of: dict[int, int]) -> list[Mention]:
    """Every named entity (not dates or amounts) and pronoun in `doc`, for resolution."""
    mentions = []
    for ent in doc.ents:
        if ent.label_ in VALUE_LABELS or ent.label_ == "NORP" and ent.root.pos_ == "ADJ":
            continue  # "Russian troops" mentions troops, not the Russians
        start, end = _entity_start_char(ent), _entity_end_char(ent)
        if start >= end:
            continue
        head = ent.root
        mentions.append(Mention(
            start=start, end=end, text=doc_text(ent.doc)[start:end],
            kind=MentionKind.ENTITY, head_start=start, head_end=end, label=ent.label_,
            sentence=sentence_index_of[ent.start], grammatical_number=_number(head),
            is_subject=_is_subject(head), is_modifier=head.dep_ in _MODIFIER_DEPS,
        ))
    for token in doc:
        if token.pos_ == "PRON" and token.lower_ in PRONOUNS and token.lower_ not in (
                "who", "which", "whom", "that", "this", "these", "those") and not is_pleonastic(token):
            span = (token.idx, token.idx + len(token.text))
            mentions.append(Mention(
                start=span[0], end=span[1], text=token.text, kind=MentionKind.PRONOUN,
                head_start=span[0], head_end=span[1], sentence=sentence_index_of[token.i],
                grammatical_number=_number(token), is_subject=token.dep_ in ("nsubj", "nsubjpass"),
            ))
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions
