"""Third-person pronouns → the nearest compatible antecedent.

A simplified Hobbs/Lappin-Leass scheme: candidates are named entities before the pronoun
in the same or the two previous sentences, filtered by person/thing, number and gender,
and ranked by sentence distance, then by being a subject, then by nearness.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from kgbuild.types import Mention

RULE = "kgbuild.resolve.v1#pronoun"
_WINDOW = 2  # sentences back

_PERSONAL = {"he": "masc", "him": "masc", "his": "masc", "himself": "masc",
             "she": "fem", "her": "fem", "hers": "fem", "herself": "fem"}
_THING = frozenset({"it", "its", "itself"})
_PLURAL = frozenset({"they", "them", "their", "theirs", "themselves"})
_THING_LABELS = frozenset({"ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"})
_GROUP_LABELS = frozenset({"ORG", "NORP"})


def link_pronouns(pronouns: Iterable[Mention], antecedents: list[tuple[Mention, str, str]],
                  genders: dict[str, str]) -> Iterator[tuple[Mention, str, str]]:
    """Yield (pronoun, entity key, rule) for each pronoun with a compatible antecedent.

    Args:
        pronouns: Pronoun mentions of one article.
        antecedents: (mention, entity key, NER label) of its named mentions.
        genders: Known gender of some entities, by key ("masc" / "fem").
    """
    for pronoun in pronouns:
        word = pronoun.text.lower()
        candidates = [
            (mention, key) for mention, key, label in antecedents
            if mention.end <= pronoun.start and pronoun.sentence - mention.sentence <= _WINDOW
            and _agrees(word, label, genders.get(key))
        ]
        if not candidates:
            continue
        best, key = min(candidates, key=lambda item: (
            pronoun.sentence - item[0].sentence, not item[0].is_subject, pronoun.start - item[0].end))
        yield pronoun, key, RULE


def _agrees(word: str, label: str, gender: str | None) -> bool:
    if word in _PERSONAL:
        return label == "PERSON" and gender in (None, _PERSONAL[word])
    if word in _THING:
        return label in _THING_LABELS
    if word in _PLURAL:
        return label in _GROUP_LABELS
    return False
