"""Third-person pronouns → the most salient compatible antecedent.

After Lappin & Leass (1994), simplified: candidates are named entities before the pronoun
in the same or the three previous sentences, filtered by person/thing, number and
gender, and scored by recency, subjecthood, not being a mere modifier, how often the
article has named them so far, and clause hints ("X said it ..." favours X; a pronoun
inside a quotation never means the person quoted).

Pronouns are linked in text order, and each link becomes a mention of its entity for the
pronouns after it (Lappin & Leass's equivalence classes): an entity the text keeps
referring to as "it" stays salient past the three-sentence window of its last name, and a
person once called "she" is a woman for the rest of the article.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Iterable, Iterator

from kgbuild.types import Mention, MentionKind

RULE = "kgbuild.resolve.v1#pronoun"
_WINDOW = 3  # sentences back
_DECAY = 0.5  # salience halves with each sentence back (Lappin & Leass)


@dataclass
class Hints:
    """Clause-level evidence for one article's pronouns, by pronoun head span."""

    excluded: dict[tuple[int, int], set[str]] = field(default_factory=dict)  # never these keys
    favoured: dict[tuple[int, int], str] = field(default_factory=dict)  # the speaker of "X said it"

_PERSONAL = {"he": "masc", "him": "masc", "his": "masc", "himself": "masc",
             "she": "fem", "her": "fem", "hers": "fem", "herself": "fem"}
_THING = frozenset({"it", "its", "itself"})
_PLURAL = frozenset({"they", "them", "their", "theirs", "themselves"})
_POSSESSIVES = frozenset({"his", "her", "its", "their"})
_THING_LABELS = frozenset({"ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"})
_GROUP_LABELS = frozenset({"ORG", "NORP"})


def link_pronouns(pronouns: Iterable[Mention], antecedents: list[tuple[Mention, str, str]],
                  genders: dict[str, str], hints: Hints | None = None) -> Iterator[tuple[Mention, str, str]]:
    """Yield (pronoun, entity key, rule) for each pronoun with a compatible antecedent.

    Args:
        pronouns: Pronoun mentions of one article.
        antecedents: (mention, entity key, NER label) of its named mentions, in text order,
            and of the descriptions that stand for them ("the band": a `PHRASE` mention,
            which may also be "they").
        genders: Known gender of some entities, by key ("masc" / "fem").
        hints: Keys a pronoun cannot mean or should prefer.
    """
    hints = hints or Hints()
    genders = dict(genders)
    chain = sorted(antecedents, key=lambda item: (item[0].end, item[0].start))
    label_of = {key: label for _, key, label in antecedents}
    for pronoun in sorted(pronouns, key=lambda m: m.start):
        key = _best_antecedent(pronoun, chain, genders, hints)
        if key is None:
            continue
        word = pronoun.text.lower()
        if word in _PERSONAL:
            genders.setdefault(key, _PERSONAL[word])
        # the pronoun now names its entity for the pronouns after it; a possessive only
        # modifies its noun ("its shares"), as a name would
        as_mention = replace(pronoun, is_modifier=word in _POSSESSIVES)
        chain.append((as_mention, key, label_of[key]))
        chain.sort(key=lambda item: (item[0].end, item[0].start))
        yield pronoun, key, RULE


def _best_antecedent(pronoun: Mention, chain: list[tuple[Mention, str, str]], genders: dict[str, str],
                     hints: Hints) -> str | None:
    word = pronoun.text.lower()
    excluded = hints.excluded.get(pronoun.head_span, set())
    favoured = hints.favoured.get(pronoun.head_span)
    seen: dict[str, int] = {}
    scored = []
    for mention, key, label in chain:
        if mention.end > pronoun.start:
            break
        seen[key] = seen.get(key, 0) + 1
        distance = pronoun.sentence - mention.sentence
        if distance > _WINDOW or key in excluded or not _agrees(word, mention, label, genders.get(key)):
            continue
        collective = word in _PLURAL and mention.kind == MentionKind.PHRASE  # "the band's spokesman said they"
        if mention.is_modifier and distance == 0 and not collective:
            continue  # "the UK's biggest producer ... its mines": the producer's, not the UK's
        if word in _PLURAL and key != favoured and not _plural_name(mention) and not collective and (
                distance > 1 or not (mention.is_subject or label == "NORP")):
            continue  # "they" names a group only when the group was just the subject
        place_object = word in _THING and label in ("GPE", "LOC") and not mention.is_subject
        salience = (100 + 60 * mention.is_subject - 30 * mention.is_modifier + 8 * min(seen[key], 4)
                    + 20 * (word in _THING and label == "ORG") - 25 * place_object)
        score = salience * _DECAY ** distance + 100 * (key == favoured)
        scored.append((score, mention.end, key))
    return max(scored)[2] if scored else None


def _plural_name(mention: Mention) -> bool:
    """A name whose head is a plural noun: "the Liberal Democrats", "the Oscars" (not "US",
    which the tagger also calls plural)."""
    last = mention.text.split()[-1] if mention.text.split() else ""
    return mention.grammatical_number == "plur" and last.endswith("s") and not last.isupper()


def _agrees(word: str, mention: Mention, label: str, gender: str | None) -> bool:
    if word in _PERSONAL:
        return label == "PERSON" and gender in (None, _PERSONAL[word])
    if word in _THING:
        return label in _THING_LABELS and not _plural_name(mention)
    if word in _PLURAL:
        return label in _GROUP_LABELS
    return False
