"""Cluster an article's entity mentions, link its pronouns, and name the result."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from kgbuild.lexicon import HONORIFICS, PLACE_NOUNS
from kgbuild.resolve.capitals import CAPITAL_OF
from kgbuild.resolve.first_names import gender_of_first_name
from kgbuild.resolve.names import middle_initials, variant_form
from kgbuild.resolve.pronouns import Hints, link_pronouns
from kgbuild.resolve.spans import GrowingSpans, SentenceFinder, StaticSpans, name_occurrences, quoted_offsets
from kgbuild.types import Entity, Extraction, Mention, MentionKind, ResolvedArticle

RULES = "kgbuild.resolve.v1"

#: NER label → the word used in entity keys (and so in IRIs); one per schema.org class.
KEY_TYPES = {
    "PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "FAC": "place",
    "NORP": "group", "EVENT": "event", "WORK_OF_ART": "work", "LAW": "law",
    "PRODUCT": "product", "LANGUAGE": "language",
}
_LABEL_PREFERENCE = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT",
                     "WORK_OF_ART", "LAW", "LANGUAGE")
_ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "on", "in", "&"})
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


@dataclass
class _Cluster:
    mentions: list[Mention] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    order: int = 0  # position among the clusters, in the order they were made
    _counts: Counter = field(default_factory=Counter)
    _first_index: dict[str, int] = field(default_factory=dict)
    _label: str | None = None

    def add(self, mention: Mention, name: str, rule: str) -> None:
        self.mentions.append(mention)
        self.names.append(name)
        self.rules.append(rule)
        self._counts[name] += 1
        self._first_index.setdefault(name, len(self.names) - 1)
        self._label = None

    @property
    def label(self) -> str:
        """The full name the article uses most ("Tony Blair" over "Blair", and over a span
        the tagger ran long once, "Bookmaker William Hill")."""
        if self._label is None:
            full = [n for n in self._counts if len(n.split()) > 1] or list(self._counts)
            self._label = max(full, key=lambda name: (self._counts[name], -len(name.split()), len(name),
                                                      -self._first_index[name]))
        return self._label


def normalise_name(text: str) -> str:
    """A name as written, without possessive, leading "the", honorifics and extra spaces.

    >>> normalise_name("the EU’s")
    'EU'
    >>> normalise_name("Mr  Borrell")
    'Borrell'
    """
    words = _POSSESSIVE.sub("", unicodedata.normalize("NFC", text).strip().strip("<>")).split()
    while words and (words[0].lower() in ("the", "a", "an") or words[0].lower() in HONORIFICS):
        words = words[1:]
    return " ".join(words)


def entity_key(label_type: str, name: str) -> str:
    """The stable key of an entity: its type word and its name, lower-cased and hyphenated.

    >>> entity_key("PERSON", "Josep Borrell")
    'person/josep-borrell'
    """
    slug = re.sub(r"[\s_]+", "-", normalise_name(name).casefold()).strip("-")
    return f"{KEY_TYPES.get(label_type, 'entity')}/{slug or 'unnamed'}"


def resolve_article(extraction: Extraction) -> ResolvedArticle:
    """Link every entity and pronoun mention of an article to an `Entity`."""
    named = [m for m in extraction.mentions if m.kind == MentionKind.ENTITY and normalise_name(m.text)]
    named = sorted(named + _missed_surnames(extraction, named), key=lambda m: (m.start, m.end))
    named, absorbed = _recovered_names(extraction, named)
    honorifics = _honorifics(extraction, named)
    clusters = _cluster_names(named, set(honorifics))
    place_evidence = _place_evidence(extraction)
    organisation_evidence = _organisation_evidence(extraction, named)
    agents = _acting_places(extraction)
    entities: list[Entity] = []
    entity_at: dict[tuple[int, int], str] = {}
    links: list[tuple[tuple[int, int], str, str]] = []
    label_of: dict[str, str] = {}
    addressed = set(honorifics)
    text = extraction.article.text
    for cluster in clusters:
        if _is_junk(cluster, text):
            continue  # "marijuana", "sold--": not a name, so no entity node
        label_type = _evidenced_type(cluster, _label_type(cluster, place_evidence, addressed, organisation_evidence),
                                     addressed, organisation_evidence, text)
        name = cluster.label
        key = entity_key(label_type, name)
        aliases = tuple(sorted({n for n in cluster.names if n != name}))
        entities.append(Entity(key=key, label=name, label_type=label_type, aliases=aliases,
                               stands_for_government=label_type == "GPE" and bool(set(cluster.names) & agents)))
        label_of[key] = label_type
        for mention, rule in zip(cluster.mentions, cluster.rules):
            entity_at[mention.head_span] = key
            links.append((mention.head_span, key, rule))
            for part in absorbed.get(mention.head_span, ()):  # "UK" + "Coal" → "UK Coal"
                entity_at[part.head_span] = key
                links.append((part.head_span, key, f"{RULES}#name-repair"))
    pronouns = [m for m in extraction.mentions if m.kind == MentionKind.PRONOUN]
    antecedents = [(m, entity_at[m.head_span], label_of[entity_at[m.head_span]]) for m in named
                   if m.head_span in entity_at]
    descriptions = _descriptions(extraction, named, entity_at, label_of)
    for description, key, _, unique in descriptions:  # "the company" when only one is in reach
        if unique and description.head_span not in entity_at:
            entity_at[description.head_span] = key
            links.append((description.head_span, key, f"{RULES}#description"))
    titled = _titled(extraction, entity_at)
    for span, key in titled.items():
        entity_at.setdefault(span, key)
        links.append((span, key, f"{RULES}#title"))
    antecedents = sorted(antecedents + [(d, key, label) for d, key, label, _ in descriptions],
                         key=lambda item: (item[0].start, item[0].end))
    continued = _continued_speakers(extraction, antecedents, entity_at, label_of)
    for span, key in continued.items():  # '"...," the company added' after "EMI said ..."
        if span not in entity_at and key[1] == "description":
            entity_at[span] = key[0]
            links.append((span, key[0], f"{RULES}#continued-speaker"))
    hints = _pronoun_hints(extraction, pronouns, [m for m, _, _ in antecedents], entity_at)
    for span, key in continued.items():
        if key[1] == "pronoun":
            hints.favoured[span] = key[0]
    genders = {e.key: gender_of_first_name(e.label) for e in entities if e.label_type == "PERSON"}
    genders = {key: gender for key, gender in genders.items() if gender} | _genders(honorifics, entity_at)
    for pronoun, key, rule in link_pronouns(pronouns, antecedents, genders, hints):
        entity_at[pronoun.head_span] = key
        links.append((pronoun.head_span, key, rule))
    for span, key in _first_person(extraction, pronouns, entity_at).items():  # "I think ...," said X
        entity_at[span] = key
        links.append((span, key, f"{RULES}#first-person-speaker"))
    entities = _link_capitals(_merge_same_keys(entities))
    return ResolvedArticle(extraction=extraction, entities=tuple(entities), entity_at=entity_at,
                           links=tuple(sorted(links)), generic=_generic_phrases(extraction, entity_at))


_SPEAKER_PRONOUNS = {"he": frozenset({"PERSON"}), "she": frozenset({"PERSON"}), "it": frozenset({"ORG", "GPE"}),
                     "they": frozenset({"ORG", "NORP"})}


def _continued_speakers(extraction: Extraction, antecedents: list[tuple[Mention, str, str]],
                        entity_at: dict[tuple[int, int], str], label_of: dict[str, str]
                        ) -> dict[tuple[int, int], tuple[str, str]]:
    """Speakers written as a pronoun or description that go on from the speaker before:
    'Mr Levy said ... "...," he added' and 'EMI said ... "...," the company added' mean
    the named speaker, when the previous attribution (at most two sentences back) had a
    named speaker of a fitting kind and nothing of that kind is named in between.

    Returns head span → (entity key, "pronoun" or "description"): pronouns go to the
    linker as favoured (it still checks gender and number), descriptions are linked.
    """
    text = extraction.article.text
    inside = quoted_offsets(text, [m.start for m, _, _ in antecedents] + [s.subject.start for s in extraction.statements])
    # names inside quotation marks are what speakers talk about, never a new speaker
    ordered = sorted((item for item in antecedents if item[0].start not in inside), key=lambda item: item[0].start)
    starts = [m.start for m, _, _ in ordered]
    found: dict[tuple[int, int], tuple[str, str]] = {}
    previous: tuple[Mention, str] | None = None  # the last attribution's speaker and its key
    for statement in sorted(extraction.statements, key=lambda s: s.subject.start):
        if "#attribution" not in statement.rule:
            continue
        speaker = statement.subject
        key = entity_at.get(speaker.head_span) or found.get(speaker.head_span, (None,))[0]
        if key is None and previous is not None and statement.sentence.index - previous[0].sentence <= 2:
            word = speaker.text.lower()
            words = word.split()
            if speaker.kind == MentionKind.PRONOUN and word in _SPEAKER_PRONOUNS:
                kinds, kind = _SPEAKER_PRONOUNS[word], "pronoun"
            elif speaker.kind == MentionKind.PRONOUN and word == "i" and speaker.start in inside:
                kinds, kind = frozenset({"PERSON"}), "description"  # the quote goes on: "I believe ..."
            elif speaker.kind == MentionKind.PHRASE and 2 <= len(words) <= 4 and words[0] == "the" \
                    and words[-1] in _DESCRIPTION_KINDS:
                kinds, kind = _DESCRIPTION_KINDS[words[-1]], "description"
            else:
                kinds = frozenset()
            if label_of.get(previous[1]) in kinds:
                between = ordered[bisect_right(starts, previous[0].start):bisect_left(starts, speaker.start)]
                if not any(k != previous[1] and label in kinds for _, k, label in between):
                    found[speaker.head_span] = (previous[1], kind)
                    key = previous[1]
        if key is not None:
            previous = (speaker, key)
    return found


def _first_person(extraction: Extraction, pronouns: list[Mention], entity_at: dict[tuple[int, int], str]
                  ) -> dict[tuple[int, int], str]:
    """ "I" and "me" in a quotation are its speaker: '"I think rates are going up," Mr Jeffrey
    said' (the speaker of the quote, or of the attribution reporting the statement the
    pronoun is in, when that speaker is a named person)."""
    statements = extraction.statements
    first = sorted((p for p in pronouns if p.text.lower() in ("i", "me", "my")), key=lambda p: p.start)
    starts = [p.start for p in first]
    found: dict[tuple[int, int], str] = {}

    def person_of(mention: Mention) -> str | None:
        key = entity_at.get(mention.head_span)
        return key if key and key.startswith("person/") else None

    for statement in statements:
        spans: list[tuple[int, int]] = []
        speaker = None
        if statement.object is not None and statement.object.kind == MentionKind.QUOTE:
            speaker = person_of(statement.subject)
            spans.append((statement.object.start, statement.object.end))
        if statement.reported_by is not None and statement.quoted:
            speaker = speaker or person_of(statements[statement.reported_by].subject)
            spans = [(statement.subject.start, statement.subject.end)] + (
                [(statement.object.start, statement.object.end)] if statement.object is not None else []) + spans
        if speaker is None:
            continue
        for start, end in spans:
            for pronoun in first[bisect_left(starts, start):bisect_left(starts, end)]:
                found.setdefault(pronoun.head_span, speaker)
    return found


#: Head nouns of generic phrases that stand for someone or something named elsewhere:
#: "the company", "the chief executive", "the spokesman".
_GENERIC_HEADS = frozenset((
    "company", "firm", "group", "bank", "airline", "carrier", "retailer", "network", "giant", "maker",
    "operator", "broadcaster", "band", "party", "team", "side", "club", "squad", "organisation",
    "organization", "agency", "ministry", "department", "government", "executive", "spokesman",
    "spokeswoman", "spokesperson", "chairman", "chairwoman", "chief", "director", "minister", "president",
    "official", "officials", "source", "sources", "statement", "player", "singer", "star", "actor",
    "actress", "manager", "coach", "striker", "leader", "boss", "lawyer"))


def _generic_phrases(extraction: Extraction, entity_at: dict[tuple[int, int], str]) -> frozenset[tuple[int, int]]:
    """Head spans of statement slots that are a generic phrase left unlinked: "the company",
    "the chief executive", "the new firm" (the + up to three lower-case words + a generic
    head noun), which must not become one node shared by every statement using the words."""
    text = extraction.article.text
    found = set()
    for statement in extraction.statements:
        slots = [statement.subject, statement.object] + [a.value for a in statement.arguments]
        for mention in slots:
            if mention is None or mention.kind != MentionKind.PHRASE or mention.head_span in entity_at:
                continue
            words = mention.text.split()
            head = text[mention.head_start:mention.head_end].lower()
            if 2 <= len(words) <= 5 and words[0].lower() == "the" and head in _GENERIC_HEADS \
                    and words[-1].lower() == head and not any(w[:1].isupper() for w in words[1:]):
                # "the company", "the chief executive"; not "the Trafford Centre spokeswoman",
                # whose name says whose spokeswoman
                found.add(mention.head_span)
    return frozenset(found)


def _titled(extraction: Extraction, entity_at: dict[tuple[int, int], str]) -> dict[tuple[int, int], str]:
    """ "the chief executive" in a statement → the one person the article gives that title
    ("Maria Lindqvist, the chief executive of ...")."""
    holders: dict[str, set[str]] = defaultdict(set)
    for fact in extraction.entity_facts:
        key = entity_at.get(fact.subject.head_span)
        if fact.attribute == "jobTitle" and key and isinstance(fact.value, str):
            title = " ".join(fact.value.casefold().split())
            holders[title].add(key)
            holders[title.split(" of ")[0]].add(key)  # "chief executive of Nordbank" → "chief executive"
    found: dict[tuple[int, int], str] = {}
    for statement in extraction.statements:
        for mention in (statement.subject, statement.object):
            if mention is None or mention.kind != MentionKind.PHRASE or mention.head_span in entity_at:
                continue
            words = mention.text.casefold().split()
            if len(words) >= 2 and words[0] == "the":
                keys = holders.get(" ".join(words[1:]), set())
                if len(keys) == 1:
                    found[mention.head_span] = next(iter(keys))
    return found


def _missed_surnames(extraction: Extraction, named: list[Mention]) -> list[Mention]:
    """Later bare surnames of people the article has named in full, where NER missed them
    ("Leslie Grantham ... Grantham hit the headlines")."""
    text = extraction.article.text
    covered = StaticSpans((m.start, m.end) for m in extraction.mentions)
    sentences = SentenceFinder(extraction.sentences)
    first_full: dict[str, int] = {}
    for m in named:
        words = m.text.split()
        if m.label == "PERSON" and len(words) > 1 and words[-1][:1].isupper():
            first_full[words[-1]] = min(first_full.get(words[-1], m.start), m.start)
    found = []
    for surname, spans in sorted(name_occurrences(text, first_full).items()):
        for start, end in spans:
            if start <= first_full[surname] or covered.overlaps(start, end):
                continue
            sentence = sentences.index_at(start)
            if sentence is None:
                continue
            found.append(Mention(start=start, end=end, text=surname, kind=MentionKind.ENTITY,
                                 head_start=start, head_end=end, label="PERSON", sentence=sentence,
                                 grammatical_number="sing", is_subject=_starts_clause(text, start)))
    return found


def _starts_clause(text: str, start: int) -> bool:
    """A name at the start of a sentence or after a comma is most likely a subject."""
    before = text[max(0, start - 3):start].strip()
    return before in ("", ".", ",", "\"", "“") or before.endswith((".", "\n"))


#: Nouns that introduce the title of a work: "US film Lost in Translation".
_WORK_NOUNS = ("film", "films", "movie", "drama", "comedy", "documentary", "thriller", "musical",
               "song", "single", "album", "show", "programme", "program", "series", "sitcom", "soap",
               "novel", "book", "play", "opera", "cartoon", "video game")
#: A title: capitalised words, with the short function words titles keep inside them.
_TITLE = (r"(?:(?:The|A|An)\s+)?[A-Z][\w'’!?-]*(?:\s+(?:(?:of|in|the|a|an|and|to|for|on|at|with|from|by|it'?s)\s+)*"
          r"[A-Z][\w'’!?-]*)*")
_WORK_TITLE = re.compile(rf"\b(?:{'|'.join(_WORK_NOUNS)}),?\s+({_TITLE})")
#: Nouns that say a name is an organisation: "drinks firm Allied Domecq", "Glenmorangie, one
#: of Scotland's premier whisky firms".
_ORGANISATION_NOUNS = ("firm", "company", "group", "giant", "maker", "manufacturer", "retailer", "carrier",
                       "airline", "bank", "network", "operator", "chain", "producer", "supplier", "provider",
                       "conglomerate", "broadcaster", "publisher", "insurer", "brewer", "distiller",
                       "carmaker", "automaker", "telecom", "telecoms", "corporation", "multinational",
                       "subsidiary", "start-up", "startup", "business")
_ORGANISATION_WORD = rf"(?:{'|'.join(_ORGANISATION_NOUNS)})(?:s|es)?"
_ORGANISATION_BEFORE = re.compile(rf"\b{_ORGANISATION_WORD}\s+$")
_ORGANISATION_AFTER = re.compile(
    r"^(?:,?\s+(?:Ltd|Limited|plc|PLC|Plc|Inc|Incorporated|Corp|Corporation|LLC|AG|SA|NV|GmbH)\b"
    # the roles an organisation has ("Manchester United boss Sir Alex Ferguson", "Arsenal
    # striker Thierry Henry"); a person's are written with a possessive ("Blair's spokesman")
    r"|\s+(?:shares|shareholders|boss|chairman|chief executive|manager|striker|midfielder|defender"
    r"|goalkeeper|winger|captain|coach)\b)")
#: A capital inside a word after three lower-case letters: a brand ("SpaceX", "SoftBank",
#: "PlayStation"), never a person's name ("McDonald", "DiCaprio", "MacArthur", "LeBron").
_BRAND_SHAPE = re.compile(r"[a-z]{3}[A-Z]")
_ORGANISATION_APPOSITION = re.compile(
    rf"^['’]?s?,\s+(?:the|a|an|one of)\s+(?:(?!for\b|at\b|of\b|from\b|with\b|by\b|to\b)[^,.;:\s]+\s+){{0,6}}?"
    rf"{_ORGANISATION_WORD}\b")
#: Common nouns by which an article goes on to call what it has named, and the kinds of
#: name each can stand for: "the band" (REM), "the company" (UK Coal), "the comedy" (a film).
_DESCRIPTION_KINDS = {
    **dict.fromkeys(("band", "party", "team", "side", "club", "squad"), frozenset({"ORG", "NORP"})),
    **dict.fromkeys(("firm", "company", "group", "bank", "airline", "carrier", "retailer", "network", "giant",
                     "maker", "operator", "broadcaster"), frozenset({"ORG"})),
    **dict.fromkeys(("film", "movie", "comedy", "drama", "documentary", "thriller", "song", "single", "album",
                     "novel"), frozenset({"WORK_OF_ART"})),
}
_DESCRIPTION = re.compile(rf"\b[Tt]he\s+(?:[\w-]+\s+){{0,2}}?({'|'.join(_DESCRIPTION_KINDS)})(?![\w-])")


def _recovered_names(extraction: Extraction, named: list[Mention]) -> tuple[list[Mention], dict[tuple[int, int], list[Mention]]]:
    """Names the tagger missed or split, found again in the text.

    - a title after a noun that introduces a work ("boxing drama Million Dollar Baby");
    - another occurrence of a name the article has tagged elsewhere ("Orange added ..."
      after "mobile phone network Orange");
    - a name the tagger split into pieces ("UK" + "Coal" where "UK Coal" is tagged
      elsewhere): the pieces become one mention and are returned, by the span of that
      mention, so that they are linked to it too.

    Returns:
        The named mentions with these added, and the split pieces absorbed by each.
    """
    text = extraction.article.text
    mentions: dict[int, Mention] = {id(m): m for m in named}
    placed = GrowingSpans()
    for mention in named:
        placed.add(mention.start, mention.end, mention)
    absorbed: dict[tuple[int, int], list[Mention]] = {}
    others = StaticSpans((m.start, m.end) for m in extraction.mentions if m.kind != MentionKind.ENTITY)
    sentences = SentenceFinder(extraction.sentences)
    subject_ends = {s.subject.end for s in extraction.statements}

    def add(start: int, end: int, label: str) -> None:
        inside: list[Mention] = placed.overlapping(start, end)  # type: ignore[assignment]
        if any(not (start <= m.start and m.end <= end) or (m.start, m.end) == (start, end) for m in inside) or \
                others.overlaps(start, end):
            return  # tagged already, or crossing a name or pronoun
        sentence = sentences.index_at(start)
        if sentence is None:
            return
        mention = Mention(start=start, end=end, text=text[start:end], kind=MentionKind.ENTITY, head_start=start,
                          head_end=end, label=label, sentence=sentence, grammatical_number="sing",
                          is_subject=end in subject_ends or any(m.is_subject for m in inside),
                          is_modifier=text[end:end + 2] in ("'s", "’s"))
        for part in inside:
            del mentions[id(part)]
            placed.remove(part.start, part.end, part)
        if inside:
            absorbed[mention.head_span] = inside
        mentions[id(mention)] = mention
        placed.add(mention.start, mention.end, mention)

    for match in _WORK_TITLE.finditer(text):
        add(match.start(1), match.end(1), "WORK_OF_ART")
    labels: dict[str, Counter] = {}
    for mention in mentions.values():
        name = normalise_name(mention.text)
        if name[:1].isupper() or name[:1].isdigit():
            labels.setdefault(name, Counter())[mention.label] += 1
    occurrences = name_occurrences(text, labels)
    for name in sorted(labels, key=lambda n: (-len(n.split()), -len(n), n)):
        label = labels[name].most_common(1)[0][0]
        for start, end in occurrences[name]:
            add(start, end, label)
    return sorted(mentions.values(), key=lambda m: (m.start, m.end)), absorbed


def _organisation_evidence(extraction: Extraction, named: list[Mention]) -> dict[tuple[int, int], str]:
    """Mentions the text marks as organisations: "strong" when a noun or suffix says so
    ("drinks firm X", "X plc", "X shares", "X, one of ... firms") or the name is shaped like
    a brand ("SpaceX"), "it" when the name is
    the speaker of "X said it ..." (a thing, not a person)."""
    text = extraction.article.text
    evidence: dict[tuple[int, int], str] = {}
    for mention in named:
        before, after = text[max(0, mention.start - 40):mention.start], text[mention.end:mention.end + 120]
        if _ORGANISATION_BEFORE.search(before) or _ORGANISATION_AFTER.match(after) or \
                _ORGANISATION_APPOSITION.match(after) or _BRAND_SHAPE.search(mention.text):
            evidence[mention.head_span] = "strong"
    statements = extraction.statements
    for statement in statements:
        if statement.reported_by is None or statement.subject.kind != MentionKind.PRONOUN:
            continue
        speaker = statements[statement.reported_by].subject
        if statement.subject.text.lower() == "it" and speaker.kind == MentionKind.ENTITY:
            evidence.setdefault(speaker.head_span, "it")
    return evidence


def _descriptions(extraction: Extraction, named: list[Mention], entity_at: dict[tuple[int, int], str],
                  label_of: dict[str, str]) -> list[tuple[Mention, str, str, bool]]:
    """Definite descriptions ("the band", "The South Yorkshire company") as mentions of the
    entity of a fitting kind the article named (or so described) last, within three
    sentences: (description, entity key, NER label of the entity, whether that entity is
    the only one of a fitting kind in reach)."""
    text = extraction.article.text
    subject_ends = {s.subject.end for s in extraction.statements}
    sentences = SentenceFinder(extraction.sentences)
    earlier = sorted(((m, entity_at[m.head_span]) for m in named if m.head_span in entity_at),
                     key=lambda item: item[0].end)
    ends = [m.end for m, _ in earlier]
    name_starts = sorted(m.start for m, _ in earlier)
    described: list[tuple[Mention, str]] = []
    found: list[tuple[Mention, str, str, bool]] = []
    for match in _DESCRIPTION.finditer(text):
        start, end = match.span()
        sentence = sentences.index_at(start)
        kinds = _DESCRIPTION_KINDS[match.group(1)]
        inner = bisect_left(name_starts, start)
        if sentence is None or inner < len(name_starts) and name_starts[inner] < end:
            continue  # "the Labour party" is a name, not a description
        key = _last_fitting(described, kinds, label_of, sentence, start)
        fitting = {key[1]} if key else set()
        position = bisect_right(ends, start) - 1
        while position >= 0 and sentence - earlier[position][0].sentence <= 3:
            mention, candidate = earlier[position]
            if label_of[candidate] in kinds:
                if key is None or mention.end > key[0]:
                    key = (mention.end, candidate)
                fitting.add(candidate)
            position -= 1
        if key is None:
            continue
        description = Mention(start=start, end=end, text=match.group(0), kind=MentionKind.PHRASE,
                              head_start=match.start(1), head_end=end, sentence=sentence,
                              is_subject=end in subject_ends, is_modifier=text[end:end + 2] in ("'s", "’s"))
        found.append((description, key[1], label_of[key[1]], len(fitting) == 1))
        described.append((description, key[1]))
    return found


def _last_fitting(described: list[tuple[Mention, str]], kinds: frozenset[str], label_of: dict[str, str],
                  sentence: int, start: int) -> tuple[int, str] | None:
    """The latest earlier description of a fitting kind within three sentences, as (end, key)."""
    for mention, key in reversed(described):
        if sentence - mention.sentence > 3:
            return None
        if mention.end <= start and label_of[key] in kinds:
            return mention.end, key
    return None


def _cluster_names(mentions: list[Mention], addressed: set[tuple[int, int]] = frozenset()) -> list[_Cluster]:
    """Group mentions that name the same thing, fullest names first.

    A person's shorter name joins the full name it ends with ("Borrell" → "Josep
    Borrell"); an acronym joins the name it abbreviates; identical names join; a single
    word tagged as something else that is a person's surname joins the person (a common
    NER slip). A surname addressed as "Mr ..." joins the full name it ends even when NER
    took that full name for an organisation ("Vince Cable" / "Mr Cable"). A single word
    tagged as a person that begins exactly one longer name of a person joins it ("Clint"
    → "Clint Eastwood"); a single word tagged as an organisation that ends exactly one longer
    organisation name, named in full before it, joins it ("United" → "Manchester United").
    """
    ordered = sorted(mentions, key=lambda m: (-len(normalise_name(m.text).split()), m.start))
    longer_names = {normalise_name(m.text) for m in mentions if len(normalise_name(m.text).split()) > 1}
    first_words = Counter(name.split()[0] for name in longer_names)
    organisation_names = {normalise_name(m.text) for m in mentions
                          if m.label == "ORG" and len(normalise_name(m.text).split()) > 1}
    organisation_ends = Counter(name.split()[-1] for name in organisation_names)
    first_seen: dict[str, int] = {}
    for mention in mentions:
        name = normalise_name(mention.text)
        first_seen[name] = min(first_seen.get(name, mention.start), mention.start)
    index = _ClusterIndex()
    for mention in ordered:
        name = normalise_name(mention.text)
        match = index.find(mention, name, mention.head_span in addressed, first_words, organisation_ends, first_seen)
        if match is None:
            index.add_cluster(mention, name, f"{RULES}#name")
        else:
            cluster, rule = match
            index.add_to(cluster, mention, name, f"{RULES}#{rule}")
    clusters = index.clusters
    clusters.sort(key=lambda c: min(m.start for m in c.mentions))
    return clusters


class _ClusterIndex:
    """Clusters being built, indexed by the names and label words the rules compare, so
    that finding a mention's cluster does not read every cluster."""

    def __init__(self) -> None:
        self.clusters: list[_Cluster] = []
        self._by_name: dict[str, list[_Cluster]] = defaultdict(list)  # casefolded name
        self._by_label_end: dict[tuple[str, ...], list[_Cluster]] = defaultdict(list)  # proper suffixes
        self._by_first_word: dict[str, list[_Cluster]] = defaultdict(list)  # of multi-word labels
        self._by_last_word: dict[str, list[_Cluster]] = defaultdict(list)  # of multi-word labels
        self._by_acronym: dict[str, list[_Cluster]] = defaultdict(list)
        self._by_variant: dict[tuple[bool, str], list[_Cluster]] = defaultdict(list)
        self._labels: dict[int, str] = {}
        self._labels_of: dict[int, set[str | None]] = {}
        self._starts: dict[int, int] = {}

    def add_cluster(self, mention: Mention, name: str, rule: str) -> None:
        cluster = _Cluster(order=len(self.clusters))
        self.clusters.append(cluster)
        self._labels_of[cluster.order] = set()
        self.add_to(cluster, mention, name, rule)

    def add_to(self, cluster: _Cluster, mention: Mention, name: str, rule: str) -> None:
        folded = name.casefold()
        if name not in cluster._counts:
            _insert(self._by_name[folded], cluster)
            acronym = acronym_of(name)
            if acronym:
                _insert(self._by_acronym[acronym], cluster)
            variant = _variant_key(name, mention)
            if variant:
                _insert(self._by_variant[variant], cluster)
        cluster.add(mention, name, rule)
        self._labels_of[cluster.order].add(mention.label)
        self._starts[cluster.order] = min(self._starts.get(cluster.order, mention.start), mention.start)
        old = self._labels.get(cluster.order)
        if old != cluster.label:
            if old is not None:
                self._index_label(cluster, old, remove=True)
            self._index_label(cluster, cluster.label)
            self._labels[cluster.order] = cluster.label

    def _index_label(self, cluster: _Cluster, label: str, *, remove: bool = False) -> None:
        words = label.split()
        keys: list[tuple[dict, object]] = [(self._by_label_end, tuple(words[-n:])) for n in range(1, len(words))]
        if len(words) > 1:
            keys += [(self._by_first_word, words[0]), (self._by_last_word, words[-1])]
        for table, key in keys:
            if remove:
                table[key].remove(cluster)
            else:
                _insert(table[key], cluster)

    def find(self, mention: Mention, name: str, addressed: bool, first_words: Counter,
             organisation_ends: Counter, first_seen: dict[str, int]) -> tuple[_Cluster, str] | None:
        for cluster in self._by_name.get(name.casefold(), ()):
            if _compatible(self._labels_of[cluster.order], mention):
                return cluster, "name"
        variant = _variant_key(name, mention)
        # "John Smith Jr." / "John R. Smith" / "Jack Smith", "Acme Group Corp" / "Acme": when
        # only one cluster fits ("John Smith" beside "John Q." and "John R. Smith" joins neither)
        # ... and never a name written beside it in one sentence ("Presidents George W Bush, Bill
        # Clinton, George Bush"): one sentence does not name one person two ways
        fitting = [c for c in (self._by_variant.get(variant, ()) if variant else ())
                   if _compatible(self._labels_of[c.order], mention)
                   and not any(m.sentence == mention.sentence for m in c.mentions)
                   and len(({middle_initials(n) for n in c.names} | {middle_initials(name)}) - {()}) <= 1]
        if len(fitting) == 1:
            return fitting[0], "variant"
        words = name.split()
        if mention.label == "PERSON" or len(words) == 1:
            for cluster in self._by_label_end.get(tuple(words), ()):
                if addressed or "PERSON" in self._labels_of[cluster.order]:
                    return cluster, "surname"
        if len(words) == 1 and not name.isupper() and first_words[name] == 1 \
                and mention.label == "PERSON":  # "Serena", "Pernod" (not "Liverpool" for "Liverpool Echo")
            for cluster in self._by_first_word.get(name, ()):
                if "PERSON" in self._labels_of[cluster.order]:
                    return cluster, "short-name"
        if len(words) == 1 and not name.isupper() and mention.label == "ORG" and organisation_ends[name] == 1:
            # "United" after "Manchester United": the last word of the only organisation name it
            # ends, named in full before the short form's first use ("Labour" before "New Labour"
            # is the party, not a short form of the slogan)
            for cluster in self._by_last_word.get(name, ()):
                if self._labels_of[cluster.order] == {"ORG"} and self._starts[cluster.order] < first_seen[name]:
                    return cluster, "short-form"
        if name.isupper() and len(name) >= 2:
            for cluster in self._by_acronym.get(name, ()):
                return cluster, "acronym"
        return None


def _variant_key(name: str, mention: Mention) -> tuple[bool, str] | None:
    person = mention.label == "PERSON"
    form = variant_form(name, person=person, nicknames=True, initials=True)
    return (person, form) if form else None


def _insert(clusters: list[_Cluster], cluster: _Cluster) -> None:
    """Add a cluster to a list kept in the order the clusters were made."""
    if not clusters or clusters[-1].order < cluster.order:
        clusters.append(cluster)
        return
    position = bisect_left(clusters, cluster.order, key=lambda c: c.order)
    if position == len(clusters) or clusters[position] is not cluster:
        clusters.insert(position, cluster)


def _compatible(labels: set[str | None], mention: Mention) -> bool:
    """Same name, compatible kind: a person is never merged with a place of the same name."""
    return ("PERSON" in labels) == (mention.label == "PERSON") or len(labels | {mention.label}) == 1


def acronym_of(name: str) -> str:
    """The initials of a multi-word name, or "" for a single word.

    >>> acronym_of("North Atlantic Treaty Organization")
    'NATO'
    """
    words = [w for w in name.split() if w.lower() not in _ACRONYM_SKIP]
    return "".join(w[0] for w in words).upper() if len(words) >= 2 else ""


#: Platforms and services an article names: organisations, never people or places.
_PLATFORMS = frozenset({"Twitter", "Facebook", "Instagram", "YouTube", "TikTok", "Snapchat", "WhatsApp",
                        "LinkedIn", "Reddit", "Google", "Netflix", "Spotify", "Amazon", "eBay", "Skype",
                        "Wikipedia", "Telegram", "Weibo", "WeChat", "MySpace", "Yahoo", "Uber", "Airbnb"})
#: Words that end an organisation's name ("Acme Group Corp", "Big Machine Records").
_ORGANISATION_SUFFIXES = frozenset({"Ltd", "Limited", "plc", "PLC", "Plc", "Inc", "Incorporated", "Corp",
                                    "Corporation", "LLC", "AG", "SA", "NV", "GmbH", "Group", "Holdings",
                                    "Productions", "Records", "Pictures", "Studios", "Airlines",
                                    "Airways", "N.V", "Partners", "Associates", "Foundation", "Institute",
                                    "University", "College", "Council", "Commission", "Committee",
                                    "Agency", "Authority", "Association", "Federation", "Party",
                                    "Ministry", "Department", "Company", "Co", "Entertainment", "Media",
                                    "Motors", "Systems", "Technologies", "Telecom", "Communications"})


#: A score or a result glued to a name by the tagger: "Megan Cook 4", "Aiden Haig 1 goal",
#: "Melbourne 1-0", "Melbourne d. Cocoa" (d. = defeated).
_RESULT = re.compile(r"\s\d{1,3}\s+goals?$|\s\d{1,2}-\d{1,2}$|\s[a-z]\.\s")
_TRAILING_NUMBER = re.compile(r"\s\d{1,2}$")


_CALENDAR = ("January|February|March|April|May|June|July|August|September|October|November|December"
             "|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday")
_CALENDAR_WORDS = re.compile(rf"(?:{_CALENDAR})(?:[-–/ ](?:{_CALENDAR}))*")
#: Two name-like words and a small count: a box-score line ("Jaden Siemans 7").
_PERSON_WITH_COUNT = re.compile(r"[A-Z][a-z'’-]+ [A-Z][A-Za-z'’-]+ \d{1,2}")
#: What a results list counts after a player's name ("19 points", "3 goals", "7 saves").
_COUNT_NOUN = r"(?:points?|goals?|assists?|saves?|steals?|rebounds?|tries|try|runs?|wickets?)\b"
#: A name the tagger cut before its last part: a capitalised word follows at once.
_NAME_GOES_ON = re.compile(r" [A-Z][a-z]")


def _is_junk(cluster: _Cluster, text: str) -> bool:
    """Not a name at all: no capital letter or digit anywhere ("marijuana", "cts"), a
    fragment the tagger cut out of running text ("sold--"), a name with a score or result
    glued on ("Megan Cook 4", "Melbourne 1-0"), months or days ("January-December"), a lone
    initial ("L."), or a person's name the tagger cut short wherever it wrote it ("Neil" of
    "Neil Auguste")."""
    label = cluster.label
    if not any(c.isupper() or c.isdigit() for c in label) or re.search(r"--|[-–—]$|^[-–—]", label):
        return True
    person = any(m.label == "PERSON" for m in cluster.mentions)
    if _RESULT.search(label) or person and _TRAILING_NUMBER.search(label) or _CALENDAR_WORDS.fullmatch(label):
        return True
    works = {"WORK_OF_ART", "EVENT"} & {m.label for m in cluster.mentions}
    if _PERSON_WITH_COUNT.fullmatch(label) and not works:
        return True  # "Britton Carroll 5" from a box score, whatever the tagger called it
    if re.fullmatch(r"[A-Z]\.?", label):
        return True  # "L." of "L. Patikas"
    if _TRAILING_NUMBER.search(label) and cluster.mentions and all(re.match(rf"\s+{_COUNT_NOUN}", text[m.end:m.end + 12])
                                              for m in cluster.mentions):
        return True  # "Balmer 4" of "Balmer 4 points", whatever the tagger called it
    if cluster.mentions and all(text[m.start - 1:m.end + 2] == f"({m.text}):" for m in cluster.mentions):
        return True  # "NR" of "Astronaut (NR):", a record's mark
    return person and all(_NAME_GOES_ON.match(text, m.end) for m in cluster.mentions)  # "Neil" of "Neil Auguste"


#: Last words of the names of events and of natural places.
_EVENT_ENDINGS = frozenset({"Championships", "Championship", "Finals", "Final", "Olympics", "Games", "Marathon",
                            "Tournament", "Trophy", "Run", "Rally", "Festival", "Awards", "Summit",
                            "Indoors", "Nationals"})
_PLACE_ENDINGS = frozenset({"River", "Lake", "Mountains", "Mountain", "Island", "Islands", "Valley", "Sea",
                            "Ocean", "Moor", "Desert", "Peninsula", "Canal", "Forest", "Strait"})
_DATELINE_AFTER = re.compile(r"^(?:,\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)?(?:,?\s+[A-Z][a-z]{2}\w*\.?\s+\d{1,2})?"
                             r"(?:\s+\([A-Z][\w ]{1,30}\))?\s*[-–—]")


def _is_dateline(mention: Mention, text: str) -> bool:
    """A name in capitals at the start of a paragraph, before the wire's dash: "CLEVELAND,
    March 3 -", "RIO DE JANEIRO, Feb 26 (Reuters) -", "HONOLULU, Hawaii -"."""
    if not mention.text.isupper() or len(mention.text) < 4 or text[max(0, mention.start - 2):mention.start].strip():
        return False
    return bool(_DATELINE_AFTER.match(text[mention.end:mention.end + 60]))


#: A results list: "Melbourne (3-0): Osas Osaro 3 goals", "Astronaut (NR): ...", "Heritage
#: d. Titusville 53-9" (d. = defeated): the names in a record or a result line are teams.
_TEAM_RECORD_AFTER = re.compile(r"\s*\((?:\d{1,2}(?:-\d{1,2}){1,2}|NR)\):")
_RESULT_LINE = re.compile(r"([A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)*) d\. ([A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)*?)(?: \d{1,3}-\d{1,3})?$")
#: A player's line in a results list: "Armani Sheffield 19 points and 3 steals".
_PLAYER_COUNT_AFTER = re.compile(rf"\s+\d{{1,3}}\s+{_COUNT_NOUN}")
#: A word for an event after a name ("the Grand Slam tournaments"), or a name joined to an
#: event's name it shares the last word with ("the WTA and ATP Finals").
#: A place before an event's word ("the London marathon") stays a place: only a name of two
#: or more words before a plural event word counts.
_EVENT_NOUN_AFTER = re.compile(r"\s+(?:tournaments|championships)\b")
_EVENT_JOINED_AFTER = re.compile(r"\s+(?:and|or|&)\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*\s+(?:Finals|Championships|Games)\b")


def _paragraph_line(mention: Mention, text: str) -> str:
    """The line of text a mention stands in (a paragraph of one line in a results list)."""
    start = text.rfind("\n", 0, mention.start) + 1
    end = text.find("\n", mention.end)
    return text[start:end if end >= 0 else len(text)].strip()


def _is_team(mention: Mention, text: str) -> bool:
    """A team's name in a results list: before its record ("Melbourne (3-0):") at the start of
    a line, or either side of "d." in a result line of its own ("Heritage d. Titusville 53-9")."""
    at_line_start = not text[text.rfind("\n", 0, mention.start) + 1:mention.start].strip()
    if at_line_start and _TEAM_RECORD_AFTER.match(text, mention.end):
        return True
    result = _RESULT_LINE.fullmatch(_paragraph_line(mention, text))
    return bool(result) and mention.text in (result.group(1), result.group(2))


def _evidenced_type(cluster: _Cluster, label_type: str, addressed: set[tuple[int, int]],
                    organisation_evidence: dict[tuple[int, int], str], text: str) -> str:
    """The type the article's own words support, over the tagger's guess.

    - a platform ("Twitter") or a name ending as organisations do ("... Group", "... Corp",
      "... Records") is an organisation;
    - a full name starting with a given name of `first_names` ("Simon Cowell"), with no
      organisation suffix or clue, is a person;
    - a lone word the tagger called a person, never addressed ("Mr ..."), never written
      in full, and written after "the" ("the Moon") is not a person the article supports:
      the generic type.
    """
    label = cluster.label
    words = label.split()
    clues = {organisation_evidence.get(m.head_span) for m in cluster.mentions}
    if len(words) > 1 and words[-1] in _EVENT_ENDINGS or label.endswith("Grand Prix") or cluster.mentions and all(
            _EVENT_JOINED_AFTER.match(text, m.end) or len(words) > 1 and _EVENT_NOUN_AFTER.match(text, m.end)
            for m in cluster.mentions):
        return "EVENT"  # "European Indoor Championships", "ATP Finals", "Birmingham Grand Prix"
    if len(words) > 1 and words[-1] in _PLACE_ENDINGS:
        return "LOC"  # "Ohio River", "Lake Placid" is not caught, "Bodmin Moor" is
    if any(_is_dateline(m, text) for m in cluster.mentions):
        return "GPE"  # "HONOLULU, Hawaii -": a wire dateline names a place
    if label in _PLATFORMS or (len(words) > 1 and words[-1].rstrip(".") in _ORGANISATION_SUFFIXES):
        return "ORG"
    if any(_is_team(m, text) for m in cluster.mentions):
        return "ORG"
    if len(words) > 1 and any(_PLAYER_COUNT_AFTER.match(text, m.end) for m in cluster.mentions):
        return "PERSON"  # "Armani Sheffield 19 points"
    if label_type != "PERSON" and 2 <= len(words) <= 3 and gender_of_first_name(label) and "strong" not in clues \
            and "&" not in label and all(w[:1].isupper() for w in words):
        return "PERSON"
    if label_type == "PERSON" and len(words) == 1 and not any(m.head_span in addressed for m in cluster.mentions) \
            and all(len(n.split()) == 1 for n in cluster.names) \
            and any(text[max(0, m.start - 4):m.start].lower() == "the " for m in cluster.mentions):
        return "THING"
    return label_type


def _label_type(cluster: _Cluster, place_evidence: set[tuple[int, int]],
                addressed: set[tuple[int, int]],
                organisation_evidence: dict[tuple[int, int], str] | None = None) -> str:
    """The most frequent NER label, overridden by what the article says: a person when it
    is addressed as Mr / Ms ..., an organisation when the article calls it a firm, writes
    "plc" or "shares" after it, or gives two weaker clues (tagged an organisation once,
    the speaker of "X said it ..."); a place when the article calls it a city, a port ..."""
    if any(m.head_span in addressed for m in cluster.mentions):
        return "PERSON"
    clues = {organisation_evidence.get(m.head_span) for m in cluster.mentions} - {None} if organisation_evidence else set()
    labels = {m.label for m in cluster.mentions}
    weak = (clues - {"strong"}) | ({"tagged"} if "ORG" in labels else set())
    if "strong" in clues or "PERSON" in labels and len(weak) >= 2:
        return "ORG"
    if any(m.label == "PERSON" and len(m.text.split()) > 1 for m in cluster.mentions):
        return "PERSON"  # a full name tagged as a person once outweighs single-word slips
    if any(m.head_span in place_evidence for m in cluster.mentions) and not any(
            m.label == "PERSON" for m in cluster.mentions):
        return "GPE"
    counts = Counter(m.label for m in cluster.mentions)
    return max(counts, key=lambda label: (counts[label], -_LABEL_PREFERENCE.index(label)
                                          if label in _LABEL_PREFERENCE else -99))


def _pronoun_hints(extraction: Extraction, pronouns: list[Mention], named: list[Mention],
                   entity_at: dict[tuple[int, int], str]) -> Hints:
    """What the clauses say about pronouns: "X said it ..." favours X; a pronoun inside a
    quotation is never the speaker of that quotation."""
    text = extraction.article.text
    statements = extraction.statements
    hints = Hints()
    ordered = sorted(pronouns, key=lambda p: p.start)
    starts = [p.start for p in ordered]
    by_sentence: dict[int, list[Mention]] = defaultdict(list)
    for pronoun in ordered:
        by_sentence[pronoun.sentence].append(pronoun)
    inside = quoted_offsets(text, [m.start for m in pronouns] + [m.start for m in named])
    quoted = {p.head_span for p in pronouns if p.start in inside}
    hints.quoted = quoted | {m.head_span for m in named if m.start in inside}

    def within(start: int, end: int) -> list[Mention]:
        return ordered[bisect_left(starts, start):bisect_left(starts, end)]

    for statement in statements:
        if statement.reported_by is None:
            continue
        speaker = entity_at.get(statements[statement.reported_by].subject.head_span)
        if speaker is None:
            continue
        slots = [statement.subject] + ([statement.object] if statement.object is not None else [])
        in_slots = {id(p): p for slot in slots for p in within(slot.start, slot.end)}
        for pronoun in in_slots.values():
            # "X said it was ...": the reported clause's own subject; not "X said Y did
            # his ...", where the clause has a subject of its own for "his" to mean
            if pronoun.head_span not in quoted and statement.subject.head_span == pronoun.head_span:
                hints.favoured.setdefault(pronoun.head_span, speaker)
        for pronoun in [*by_sentence.get(statement.sentence.index, ()), *in_slots.values()]:
            if pronoun.head_span in quoted:
                hints.excluded.setdefault(pronoun.head_span, set()).add(speaker)
    for statement in statements:  # '"... he ...," Hewitt said': the quote's own speaker
        if statement.object is not None and statement.object.kind == MentionKind.QUOTE:
            speaker = entity_at.get(statement.subject.head_span)
            if speaker:
                for pronoun in within(statement.object.start, statement.object.end):
                    hints.excluded.setdefault(pronoun.head_span, set()).add(speaker)
    speakers_by_sentence: dict[int, str] = {}  # the last quoted speaker of each sentence
    for statement in statements:
        speaker = entity_at.get(statement.subject.head_span)
        if speaker and "#attribution" in statement.rule and any(q in statement.sentence.text for q in '"“”'):
            speakers_by_sentence[statement.sentence.index] = speaker
    for pronoun in pronouns:  # a quote going on after '..." O'Neil said.' is still O'Neil's
        if pronoun.head_span in quoted and pronoun.sentence not in speakers_by_sentence:
            previous = [i for i in (pronoun.sentence - 1, pronoun.sentence - 2) if i in speakers_by_sentence]
            if previous:
                hints.excluded.setdefault(pronoun.head_span, set()).add(speakers_by_sentence[previous[0]])
    all_speakers: dict[int, set[str]] = defaultdict(set)  # every named speaker of a quote, by sentence
    for statement in statements:
        speaker = entity_at.get(statement.subject.head_span)
        if speaker and "#attribution" in statement.rule and any(q in statement.sentence.text for q in '"“”'):
            all_speakers[statement.sentence.index].add(speaker)
    for pronoun in pronouns:  # '"... he loosened up ... I had to ..." ... Hewitt said': the quote's
        if pronoun.head_span in quoted:  # speaker may come sentences later; he/she is someone else
            near = range(pronoun.sentence - 2, pronoun.sentence + 3)
            hints.excluded.setdefault(pronoun.head_span, set()).update(
                key for i in near for key in all_speakers.get(i, ()))
    outside_by_sentence: dict[int, set[str]] = defaultdict(set)
    for m in named:
        if m.head_span in entity_at and m.sentence in by_sentence and m.start not in inside:
            outside_by_sentence[m.sentence].add(entity_at[m.head_span])
    for pronoun in pronouns:  # names outside the quote in the pronoun's sentence are speakers
        if pronoun.head_span in quoted:
            hints.excluded.setdefault(pronoun.head_span, set()).update(outside_by_sentence.get(pronoun.sentence, ()))
    return hints


def _place_evidence(extraction: Extraction) -> set[tuple[int, int]]:
    """Head spans of entities the article says are a city, port, country ..."""
    evidence = set()
    for statement in extraction.statements:
        obj = statement.object
        if statement.relation.key != "be" or obj is None or statement.subject.kind != MentionKind.ENTITY:
            continue
        head_word = extraction.article.text[obj.head_start:obj.head_end].lower()
        if head_word in PLACE_NOUNS:
            evidence.add(statement.subject.head_span)
    return evidence


def _acting_places(extraction: Extraction) -> set[str]:
    """Names of places that speak or act in the article ("Moscow said")."""
    return {normalise_name(s.subject.text) for s in extraction.statements
            if s.subject.kind == MentionKind.ENTITY and s.subject.label == "GPE" and "#attribution" in s.rule}


_HONORIFIC_GENDER = {"mr": "masc", "sir": "masc", "lord": "masc", "mrs": "fem", "ms": "fem",
                     "miss": "fem", "dame": "fem", "lady": "fem", "dr": "", "mx": "",
                     # ranks and offices written before a name ("Lt Col Alexander Vindman")
                     **dict.fromkeys(("col", "lt", "gen", "maj", "capt", "sgt", "cpl", "adm", "brig", "prof",
                                      "professor", "sen", "senator", "rep", "gov", "governor"), "")}


def _honorifics(extraction: Extraction, named: list[Mention] | None = None) -> dict[tuple[int, int], str]:
    """Mentions addressed with an honorific ("Mr Borrell"), with the gender it implies."""
    found = {}
    text = extraction.article.text
    for mention in named if named is not None else extraction.mentions:
        if mention.kind != MentionKind.ENTITY:
            continue
        before = text[max(0, mention.start - 12):mention.start].rstrip().rstrip(".").lower()
        word = before.split()[-1] if before.split() else ""
        first = mention.text.split()[0].rstrip(".").lower() if mention.text.split() else ""
        if first in _HONORIFIC_GENDER:  # "Ms Anna Berg" tagged as one name
            word = first
        if word in _HONORIFIC_GENDER:
            found[mention.head_span] = _HONORIFIC_GENDER[word]
    return found


def _genders(honorifics: dict[tuple[int, int], str], entity_at: dict[tuple[int, int], str]) -> dict[str, str]:
    """Gender of entities addressed as Mr / Mrs / Ms, by entity key."""
    return {entity_at[span]: gender for span, gender in honorifics.items() if gender and span in entity_at}


def _link_capitals(entities: list[Entity]) -> list[Entity]:
    """A capital acting as an agent stands for its country's government, when the article
    names that country too."""
    places = {e.label: e.key for e in entities if e.label_type in ("GPE", "LOC")}
    return [replace(e, government_of=places[CAPITAL_OF[e.label]])
            if e.stands_for_government and CAPITAL_OF.get(e.label) in places else e
            for e in entities]


def _merge_same_keys(entities: list[Entity]) -> list[Entity]:
    """Two clusters that normalise to the same key are one entity."""
    merged: dict[str, Entity] = {}
    for entity in entities:
        if entity.key in merged:
            previous = merged[entity.key]
            aliases = tuple(sorted(set(previous.aliases) | set(entity.aliases) | {entity.label} - {previous.label}))
            merged[entity.key] = Entity(previous.key, previous.label, previous.label_type, aliases,
                                        previous.stands_for_government or entity.stands_for_government)
        else:
            merged[entity.key] = entity
    return list(merged.values())
