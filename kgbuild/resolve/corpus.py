"""One node per real thing across articles: a compact index of every entity a build saw,
and the merges it implies once the whole corpus is in.

Merging waits for the end of the build so that the result does not depend on the order
of the articles. The index holds one short record per distinct entity key, not the
articles, so memory grows with the number of distinct names only.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Protocol

from kgbuild.resolve.entities import RULES, acronym_of
from kgbuild.resolve.names import middle_initials, variant_form
from kgbuild.types import ResolvedArticle

#: Types that name places and organisations, where NER often disagrees across articles.
_INTERCHANGEABLE = ("ORG", "GPE", "LOC", "FAC", "NORP")
_TYPE_PREFERENCE = ("GPE", "ORG", "LOC", "FAC", "NORP", "PERSON")
#: How many times more articles one reading needs to win over another outright
#: ("Labour" tagged as a party in 150 articles and as a person in 9).
_DOMINANCE = 3
_PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her"})


def _preference(label_type: str) -> int:
    return _TYPE_PREFERENCE.index(label_type) if label_type in _TYPE_PREFERENCE else len(_TYPE_PREFERENCE)


class EntityRecord(Protocol):
    """What the index needs of an entity: key, NER label, name, number of articles."""

    key: str
    label_type: str
    label: str
    articles: int


@dataclass(frozen=True)
class Merge:
    """`source` key is the same entity as `target` key, by `rule`."""

    source: str
    target: str
    rule: str


@dataclass
class CorpusIndex:
    """Entity keys seen in a build, with their type, label and how many articles used them."""

    labels: dict[str, tuple[str, str]] = field(default_factory=dict)  # key → (NER label, name)
    articles: Counter = field(default_factory=Counter)  # key → number of articles
    #: Articles in which the text treats the entity as a person ("he", "she") / as a thing ("it").
    called_person: Counter = field(default_factory=Counter)
    called_thing: Counter = field(default_factory=Counter)

    def add(self, resolved: ResolvedArticle) -> None:
        for entity in resolved.entities:
            self.labels.setdefault(entity.key, (entity.label_type, entity.label))
            self.articles[entity.key] += 1
        text = resolved.extraction.article.text
        pronouns = {(key, text[start:end].lower()) for (start, end), key, rule in resolved.links if rule.endswith("#pronoun")}
        for key in {key for key, word in pronouns if word in _PERSON_PRONOUNS}:
            self.called_person[key] += 1
        for key in {key for key, word in pronouns if word in ("it", "its")}:
            self.called_thing[key] += 1

    def add_record(self, record: EntityRecord) -> None:
        """An entity an earlier build stored (`kgbuild.graph.canonical.stored_entities`).

        Its article count covers the whole store, the articles of this build included, so
        it replaces a smaller count; a key this build saw keeps this build's label.
        """
        self.labels.setdefault(record.key, (record.label_type, record.label))
        self.articles[record.key] = max(self.articles[record.key], record.articles)

    def merges(self) -> list[Merge]:
        """Keys to fold into others, in a deterministic order; never two full names.

        - a one-word person name joins the only full name in the corpus that ends with it
          ("Borrell" → "Josep Borrell"); with two candidates ("Tony Blair", "Cherie
          Blair") it joins neither;
        - an acronym joins the only name in the corpus it abbreviates, or the one with
          three times the articles of any other ("EU" → "European Union", not "Edinburgh
          University");
        - the same name tagged as different kinds of place or organisation in different
          articles becomes the kind most articles gave it; across other kinds (a party
          tagged as a person) only when that kind has three times the articles;
        - a surname shared by several full names joins the one with three times the
          articles of any other ("Blair" → "Tony Blair", not "Cherie Blair");
        - what the articles call a thing decides between a person and an organisation of
          one name: a full name some articles call "he" or "she" and none "it" is a
          person; a one-word "person" no article calls "he" or "she", that no full name in
          the corpus ends with, is the place or organisation of that name when more
          articles read it so ("Chelsea"; fewer than a third of its articles calling it "he"
          or "she" count as none: pronoun links can be wrong).
        """
        merges = self._surnames() + self._acronyms()
        merged = {m.source for m in merges}
        merges += [m for m in self._variants() if m.source not in merged]
        merged = {m.source for m in merges}
        merges += [m for m in self._type_votes() if m.source not in merged]

        return sorted(_follow_chains(merges), key=lambda m: (m.source, m.target))

    def _surnames(self) -> list[Merge]:
        full_names: dict[str, list[str]] = defaultdict(list)
        for key, (label_type, name) in self.labels.items():
            words = name.split()
            if label_type == "PERSON" and len(words) > 1:
                full_names[words[-1].casefold()].append(key)
        merges = []
        for key, (label_type, name) in self.labels.items():
            if label_type == "PERSON" and len(name.split()) == 1:
                candidates = sorted(full_names.get(name.casefold(), []), key=lambda k: (-self.articles[k], k))
                if len(candidates) == 1:
                    merges.append(Merge(key, candidates[0], f"{RULES}#corpus-surname"))
                elif len(candidates) > 1 and self.articles[candidates[0]] >= _DOMINANCE * self.articles[candidates[1]]:
                    # "Blair" in 40 articles about Tony Blair and 2 about Cherie Blair
                    merges.append(Merge(key, candidates[0], f"{RULES}#corpus-surname-dominant"))
        return merges

    def _acronyms(self) -> list[Merge]:
        # acronym → the names it abbreviates → their keys: one name tagged as an organisation
        # in some articles and a place in others is still one expansion ("European Union")
        expansions: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for key, (label_type, name) in self.labels.items():
            if label_type != "PERSON" and acronym_of(name):
                expansions[acronym_of(name)][name.casefold()].append(key)
        merges = []
        for key, (label_type, name) in self.labels.items():
            if label_type == "PERSON" or not name.isupper() or name not in expansions:
                continue
            # by articles: "EU" is "European Union" (46 articles), not "Edinburgh University" (1)
            candidates = sorted(expansions[name].values(), key=lambda keys: (-self._articles_of(keys), keys))
            if len(candidates) == 1:
                rule = "corpus-acronym"
            elif self._articles_of(candidates[0]) >= _DOMINANCE * self._articles_of(candidates[1]):
                rule = "corpus-acronym-dominant"
            else:
                continue
            target = max(candidates[0], key=lambda k: (self.articles[k], -_preference(self.labels[k][0]), k))
            if target != key:
                merges.append(Merge(key, target, f"{RULES}#{rule}"))
        return merges

    def _variants(self) -> list[Merge]:
        """One name written several ways: punctuation and spacing ("US" / "U.S.", "TimeWarner"
        / "Time Warner", "George W. Bush" / "George W Bush"), a company suffix ("Acme Group
        Corp" / "Acme"), a person's "Jr." ("John Smith Jr." / "John Smith"; a middle initial
        only within an article: "George W Bush" and "George Bush" are two presidents), a national
        agency with its country in front ("US Securities and Exchange Commission" /
        "Securities and Exchange Commission"). Each group joins the key with the most
        articles; a person only ever joins a person and an organisation or place its own
        kinds, so two different full names never meet (the forms compared keep every other
        word)."""
        groups: dict[tuple[bool, str], list[str]] = defaultdict(list)
        for key, (label_type, name) in self.labels.items():
            person = label_type == "PERSON"
            form = variant_form(name, person=person)
            if form:
                groups[(person, form)].append(key)
        merges = []
        for (person, _), keys in groups.items():
            if len(keys) < 2:
                continue
            if person and len({middle_initials(self.labels[k][1]) for k in keys} - {()}) > 1:
                continue  # "John R. Smith" and "John Q. Smith": two people
            if not person and not all(self.labels[k][0] in _INTERCHANGEABLE for k in keys):
                continue
            target = max(keys, key=lambda k: (self.articles[k], -_preference(self.labels[k][0]), k))
            name = self.labels[target][1].casefold()
            # the same name read as two kinds is the type vote's to decide
            merges += [Merge(k, target, f"{RULES}#corpus-variant") for k in sorted(keys)
                       if k != target and self.labels[k][1].casefold() != name]
        return merges

    def _articles_of(self, keys: list[str]) -> int:
        return sum(self.articles[key] for key in keys)

    def _type_votes(self) -> list[Merge]:
        by_name: dict[str, list[str]] = defaultdict(list)
        for key, (_, name) in self.labels.items():
            by_name[name.casefold()].append(key)
        surnames = {name.split()[-1].casefold() for label_type, name in self.labels.values()
                    if label_type == "PERSON" and len(name.split()) > 1}
        merges = []
        for name, keys in by_name.items():
            if len(keys) < 2:
                continue
            by_context = self._by_context(name, keys, surnames)
            merges += by_context
            keys = [k for k in keys if k not in {m.source for m in by_context}]
            if len(keys) < 2:
                continue
            winner = max(keys, key=lambda k: (self.articles[k], -_preference(self.labels[k][0]), k))
            for key in keys:
                interchangeable = self.labels[key][0] in _INTERCHANGEABLE and self.labels[winner][0] in _INTERCHANGEABLE \
                    or self.labels[key][0] == "THING"  # the generic type gives way to a kind articles gave
                clear_majority = self.articles[winner] >= _DOMINANCE * self.articles[key]
                if key != winner and (interchangeable or clear_majority):
                    merges.append(Merge(key, winner, f"{RULES}#corpus-type-vote"))
        return merges


    def _by_context(self, name: str, keys: list[str], surnames: set[str]) -> list[Merge]:
        """Person or not, for one name read both ways, by what the articles call it."""
        persons = [k for k in keys if self.labels[k][0] == "PERSON"]
        others = sorted((k for k in keys if self.labels[k][0] != "PERSON"), key=lambda k: (-self.articles[k], k))
        if len(persons) != 1 or not others:
            return []
        person, rule = persons[0], f"{RULES}#corpus-type-context"
        if len(name.split()) > 1 and self.called_person[person] and not any(self.called_thing[k] for k in others):
            return [Merge(k, person, rule) for k in others]  # "Alexander Vindman ... he"
        rarely_he_or_she = _DOMINANCE * self.called_person[person] < self.articles[person]
        if (len(name.split()) == 1 and rarely_he_or_she and name not in surnames
                and self.articles[others[0]] > self.articles[person]):
            return [Merge(person, others[0], rule)]  # "Chelsea" the club, tagged a person at times
        if (len(name.split()) > 1 and rarely_he_or_she
                and sum(self.articles[k] for k in others) >= self.articles[person]):
            # "Manchester United": a person in 25 articles, an organisation or a place in 30
            return [Merge(person, others[0], rule)]
        return []


def _follow_chains(merges: list[Merge]) -> list[Merge]:
    """Point every source at its final target ("BBC" → "British Broadcasting Corporation"
    whose own key was merged by type)."""
    target_of = {m.source: m.target for m in merges}
    result = []
    for merge in merges:
        target, seen = merge.target, {merge.source}
        while target in target_of and target not in seen:
            seen.add(target)
            target = target_of[target]
        if target != merge.source:
            result.append(Merge(merge.source, target, merge.rule))
    return result
