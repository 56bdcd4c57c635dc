"""Extraction records written by hand: an article text and the mentions in it.

Resolution reads only records with character offsets, so its tests need no parse: a
mention is found by its words in the text, and its sentence by where it stands.
"""

from __future__ import annotations

import re

from kgbuild.types import (
    Article,
    Extraction,
    Mention,
    MentionKind,
    Relation,
    Sentence,
    Statement,
)

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def sentences_of(text: str) -> tuple[Sentence, ...]:
    """The sentences of `text`, split after ".", "!" or "?" and a space."""
    records = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        records.append(Sentence(len(records), start, match.start(), text[start:match.start()]))
        start = match.end()
    if start < len(text):
        records.append(Sentence(len(records), start, len(text), text[start:]))
    return tuple(records)


def find(text: str, words: str, occurrence: int = 0) -> int:
    """Offset of the `occurrence`-th appearance of `words` as whole words."""
    matches = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(words)}(?!\w)", text)]
    if len(matches) <= occurrence:
        raise LookupError(f"{words!r} occurs {len(matches)} times in {text!r}")
    return matches[occurrence]


class ArticleRecords:
    """Builds the mentions and statements of one hand-written article."""

    def __init__(self, text: str, article_id: str = "a1"):
        self.article = Article(id=article_id, text=text)
        self.sentences = sentences_of(text)
        self.mentions: list[Mention] = []
        self.statements: list[Statement] = []

    def sentence_at(self, offset: int) -> int:
        return next(s.index for s in self.sentences if s.start <= offset < s.end)

    def mention(self, words: str, label: str | None = None, *, occurrence: int = 0,
                kind: MentionKind = MentionKind.ENTITY, subject: bool = False,
                number: str = "sing", head: str | None = None, add: bool = True) -> Mention:
        """A mention of `words`; its head is `head` (a word of it) or the whole phrase.
        Only mentions made with `add` go into the extraction's mention list (names and
        pronouns do; phrases filling statement slots do not)."""
        start = find(self.article.text, words, occurrence)
        end = start + len(words)
        head_start = start + words.index(head) if head else start
        head_end = head_start + len(head) if head else end
        mention = Mention(start=start, end=end, text=words, kind=kind, head_start=head_start,
                          head_end=head_end, label=label, sentence=self.sentence_at(start),
                          grammatical_number=number, is_subject=subject)
        if add:
            self.mentions.append(mention)
        return mention

    def entity(self, words: str, label: str, *, occurrence: int = 0, subject: bool = False) -> Mention:
        return self.mention(words, label, occurrence=occurrence, subject=subject)

    def pronoun(self, words: str, *, occurrence: int = 0, subject: bool = True) -> Mention:
        number = "plur" if words.lower() in ("they", "them", "their") else "sing"
        return self.mention(words, None, occurrence=occurrence, kind=MentionKind.PRONOUN,
                            subject=subject, number=number)

    def statement(self, subject: Mention, key: str, obj: Mention | None, *,
                  rule: str = "kgbuild.clauses.v1#active") -> Statement:
        statement = Statement(
            index=len(self.statements), subject=subject,
            relation=Relation(key=key, label=key.replace("_", " "), surface=key), object=obj,
            sentence=self.sentences[subject.sentence], rule=rule)
        self.statements.append(statement)
        return statement

    def phrase(self, words: str, head: str, *, occurrence: int = 0) -> Mention:
        """A common-noun phrase filling a statement slot ("the port city", head "city")."""
        return self.mention(words, None, occurrence=occurrence, kind=MentionKind.PHRASE,
                            head=head, add=False)

    def extraction(self) -> Extraction:
        return Extraction(article=self.article, sentences=self.sentences,
                          statements=tuple(self.statements), entity_facts=(),
                          mentions=tuple(sorted(self.mentions, key=lambda m: (m.start, m.end))))
