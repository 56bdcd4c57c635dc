"""Third-person pronouns → an antecedent, only where the evidence leaves one reading.

After Lappin & Leass (1994), simplified: candidates are named entities (and descriptions
that stand for them) before the pronoun in the same or the three previous sentences,
filtered by person/thing, number and gender, and scored by recency, subjecthood, not being
a mere modifier, how often the article has named them so far, and clause hints ("X said it
..." favours X; a pronoun inside a quotation never means the person quoted).

Precision first: a wrong link puts a false fact in the graph, while an unresolved pronoun
is only a gap a reader can see (`kg:unresolved`). So the best candidate is taken only when
it clearly wins: it is the only compatible one, or the speaker the clause names, or its
salience is at least `_MARGIN` times that of the next. A pronoun inside a quotation is a
speaker's words about people the article may not have named: there, "it" and "they" are
left alone and "he" / "she" is linked only to the one compatible person in reach.

Pronouns are linked in text order, and each link becomes a mention of its entity for the
pronouns after it (Lappin & Leass's equivalence classes): an entity the text keeps
referring to as "it" stays salient past the three-sentence window of its last name, and a
person once called "she" is a woman for the rest of the article.

The cost is linear in the mentions: pronouns and antecedents are walked once in text order,
with only the mentions of the last `_WINDOW` sentences held as candidates.
"""

from __future__ import annotations

from collections import Counter, deque
from dataclasses import dataclass, field, replace
from typing import Iterable, Iterator

from kgbuild.types import Mention, MentionKind

RULE = "kgbuild.resolve.v1#pronoun"
RULE_SPEAKER = "kgbuild.resolve.v1#pronoun-speaker"  # "X said it ...": the clause names X
_WINDOW = 3  # sentences back
_DECAY = 0.5  # salience halves with each sentence back (Lappin & Leass)
#: How far the best candidate's salience must lead the next one's for a link.
_MARGIN = 1.55


@dataclass
class Hints:
    """Clause-level evidence for one article's pronouns, by pronoun head span."""

    excluded: dict[tuple[int, int], set[str]] = field(default_factory=dict)  # never these keys
    favoured: dict[tuple[int, int], str] = field(default_factory=dict)  # the speaker of "X said it"
    quoted: set[tuple[int, int]] = field(default_factory=set)  # inside quotation marks


_PERSONAL = {"he": "masc", "him": "masc", "his": "masc", "himself": "masc",
             "she": "fem", "her": "fem", "hers": "fem", "herself": "fem"}
_THING = frozenset({"it", "its", "itself"})
_PLURAL = frozenset({"they", "them", "their", "theirs", "themselves"})
_POSSESSIVES = frozenset({"his", "her", "its", "their"})
_THING_LABELS = frozenset({"ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"})
_GROUP_LABELS = frozenset({"ORG", "NORP"})


@dataclass(frozen=True)
class _Candidate:
    mention: Mention
    key: str
    label: str
    seen: int  # how many mentions of its entity the article has made up to this one
    linked: bool = False  # a pronoun already linked to the entity, not a name


def link_pronouns(pronouns: Iterable[Mention], antecedents: list[tuple[Mention, str, str]],
                  genders: dict[str, str], hints: Hints | None = None) -> Iterator[tuple[Mention, str, str]]:
    """Yield (pronoun, entity key, rule) for each pronoun whose antecedent is clear.

    Args:
        pronouns: Pronoun mentions of one article.
        antecedents: (mention, entity key, NER label) of its named mentions, in text order,
            and of the descriptions that stand for them ("the band": a `PHRASE` mention,
            which may also be "they").
        genders: Known gender of some entities, by key ("masc" / "fem").
        hints: Keys a pronoun cannot mean or should prefer; pronouns inside quotations.
    """
    hints = hints or Hints()
    genders = dict(genders)
    pending = deque(sorted(antecedents, key=lambda item: (item[0].end, item[0].start)))
    window: deque[_Candidate] = deque()
    seen: Counter = Counter()
    for pronoun in sorted(pronouns, key=lambda m: m.start):
        while pending and pending[0][0].end <= pronoun.start:
            mention, key, label = pending.popleft()
            seen[key] += 1
            window.append(_Candidate(mention, key, label, seen[key]))
        while window and pronoun.sentence - window[0].mention.sentence > _WINDOW:
            window.popleft()
        found = _best_antecedent(pronoun, window, genders, hints)
        if found is None:
            continue
        candidate, rule = found
        word = pronoun.text.lower()
        if word in _PERSONAL:
            genders.setdefault(candidate.key, _PERSONAL[word])
        # the pronoun now names its entity for the pronouns after it; a possessive only
        # modifies its noun ("its shares"), as a name would
        seen[candidate.key] += 1
        window.append(_Candidate(replace(pronoun, is_modifier=word in _POSSESSIVES), candidate.key,
                                 candidate.label, seen[candidate.key], linked=True))
        yield pronoun, candidate.key, rule


def _best_antecedent(pronoun: Mention, window: Iterable[_Candidate], genders: dict[str, str],
                     hints: Hints) -> tuple[_Candidate, str] | None:
    word = pronoun.text.lower()
    excluded = hints.excluded.get(pronoun.head_span, set())
    favoured = hints.favoured.get(pronoun.head_span)
    if word in _PLURAL:
        favoured = None  # "..., said Microsoft": "their PCs" are the users', not Microsoft's
    quoted = pronoun.head_span in hints.quoted
    best: dict[str, tuple[float, int, _Candidate | None]] = {}
    people_near: set[str] = set()
    for candidate in window:
        mention, key, label = candidate.mention, candidate.key, candidate.label
        distance = pronoun.sentence - mention.sentence
        if label == "PERSON" and distance <= 1 and not mention.is_modifier:
            people_near.add(key)
        if key in excluded or not _agrees(word, mention, label, genders.get(key)):
            continue
        if distance == 0 and mention.is_subject and not pronoun.is_subject and word not in _POSSESSIVES \
                and mention.kind != MentionKind.PRONOUN and key != favoured and _same_clause(mention, pronoun):
            continue  # "eBay stopped supporting it": an object pronoun is not its clause's subject
        if quoted and word not in _PERSONAL and (distance > 1 or mention.head_span not in hints.quoted):
            continue  # a speaker's "it" or "they" means what the quote itself named, if anything
        if word in _PLURAL and (" and " in mention.text or mention.is_modifier and mention.kind != MentionKind.PHRASE):
            continue  # "Real Madrid and Real Sociedad ... their match": two antecedents, not one
        collective = word in _PLURAL and mention.kind == MentionKind.PHRASE  # "the band's spokesman said they"
        if mention.is_modifier and distance == 0 and not collective:
            continue  # "the UK's biggest producer ... its mines": the producer's, not the UK's
        if word in _PLURAL and key != favoured and not _plural_name(mention) and not collective and (
                distance > 1 or not (mention.is_subject or label == "NORP")):
            continue  # "they" names a group only when the group was just the subject
        # candidates that compete but are never taken: a place named in passing is rarely
        # "it" ("in Melbourne, but it's Saturday"); a singular name is "they" only as the
        # speaker of "X said they" ("REM ... their ticket")
        eligible = not (word in _THING and label in ("GPE", "LOC") and not mention.is_subject) and not (
            word in _PLURAL and label == "ORG" and key != favoured and not _plural_name(mention) and not collective)
        salience = (100 + 60 * mention.is_subject - 30 * mention.is_modifier + 8 * min(candidate.seen, 4)
                    + 20 * (word in _THING and label == "ORG"))
        score = salience * _DECAY ** distance * (1 if eligible else 0.5)
        if key not in best or (score, mention.end) > best[key][:2]:
            best[key] = (score, mention.end, candidate if eligible else None)
    if not best or word in _PLURAL and len(people_near) >= 2 and favoured not in best:
        return None  # "Kenteris and Thanou ... they": the people, which no one name stands for
    ranked = sorted(best.values(), key=lambda item: (item[0], item[1]), reverse=True)
    top = ranked[0][2]
    speaker = best[favoured][2] if favoured in best else None
    if speaker is not None:
        return speaker, RULE_SPEAKER
    if top is None:
        return None
    if len(ranked) == 1:
        return top, RULE
    if quoted:
        return None  # two people the speaker may mean
    if ranked[0][0] >= _MARGIN * ranked[1][0]:
        return top, RULE
    return None


def _same_clause(subject: Mention, pronoun: Mention) -> bool:
    """Close enough to be one clause: resolution has no parse, so "same clause" is read as
    at most 60 characters between the subject and the pronoun (a long gap usually holds a
    clause boundary: "X said the report, which ..., proved it")."""
    return 0 < pronoun.start - subject.end < 60


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
