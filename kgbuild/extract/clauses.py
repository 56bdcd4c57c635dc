"""Clause-based statement extraction over a dependency parse (`kgbuild.clauses`).

Each clause head (a verb, or a copula with its complement) gives statements: its subject,
its normalised relation, its object and its prepositional and adverbial arguments. The
steps are separate functions: find clause heads (`clause_heads`), collect a clause's parts
(`collect_clause`), and emit one statement per combination of coordinated subjects and
objects (`emit_statements`). Attribution (speech verbs nesting the statements of their
complement) is added afterwards by `kgbuild.extract.attribution`.

The approach follows ClausIE (Del Corro & Gemulla, WWW 2013): clause types read off the
parse, then coordination split into separate propositions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

from spacy.tokens import Span, Token

from kgbuild.extract import modality as modality_rules
from kgbuild.extract.attribution import CONTINUING_VERBS, is_complement_of_speech, is_speech_verb
from kgbuild.lexicon import (
    ADJECTIVE_COMPLEMENT_MODALITY,
    FAILURE_VERBS,
    HEDGE_ADVERBS,
    HEDGING_RAISING_VERBS,
    INTENTION_VERBS,
    OBJECT_CONTROL_PREPOSITIONS,
    OBJECT_CONTROL_VERBS,
    SAYING_VERBS,
    SEEM_VERBS,
    TIME_PREPOSITIONS,
)
from kgbuild.extract.phrases import VALUE_LABELS, in_dateline, mention_for, phrase_tokens
from kgbuild.extract.registry import ATTRIBUTION, CLAUSES
from kgbuild.extract.relations import relation_key, verb_lemma
from kgbuild.types import Argument, Mention, Modality, Relation, Sentence

EXTRACTOR = CLAUSES.id

_CLAUSE_DEPS = frozenset({"ROOT", "conj", "ccomp", "advcl", "relcl", "acl", "parataxis",
                          "pcomp", "csubj", "xcomp", "dep"})
_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj", "csubjpass")
_OBJECT_DEPS = ("dobj", "attr", "oprd", "dative")
_RELATIVE_PRONOUNS = frozenset({"which", "who", "that", "whom", "whose"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_TIME_LABELS = frozenset({"DATE", "TIME"})


@dataclass
class ClauseParts:
    """What one clause says, before coordination is split into statements."""

    head: Token  # the clause head
    verb: Token  # the content verb, whose arguments are read
    relation_words: list[str]  # lemmas (and particles) making the relation key
    surface: list[Token]  # the relation's tokens as written
    subjects: list[Token]
    objects: list[Token] = field(default_factory=list)
    arguments: list[tuple[str, Token, str]] = field(default_factory=list)  # role, head, category
    passive: bool = False
    negated: bool = False
    modality: Modality = Modality.ASSERTED
    rule: str = "active"
    object_is_value: bool = False


@dataclass
class DraftStatement:
    """A statement under construction; frozen into `kgbuild.types.Statement` at the end."""

    subject: Mention
    relation: Relation
    object: Mention | None
    sentence: Sentence
    rule: str
    head: Token  # the clause head the statement was read from
    verb: Token | None = None  # the content verb, when an xcomp chain leads below the head
    arguments: tuple[Argument, ...] = ()
    negated: bool = False
    modality: Modality = Modality.ASSERTED
    object_statement: int | None = None  # position in the draft list
    reported_by: int | None = None
    quoted: bool = False


def clause_heads(sentence: Span) -> list[Token]:
    """Tokens that head a clause of their own, in sentence order.

    Verbs in clause positions, plus copulas ("is") that carry a complement. An `xcomp`
    verb is not a head: it joins its matrix verb's relation ("seek to discuss").
    """
    heads = []
    for token in sentence:
        if _inside_name(token):
            continue  # "It's A Wonderful Life", "Ask Jeeves": a title or name, not a clause
        if (token.dep_ == "xcomp" and token.head.pos_ in ("VERB", "AUX", "ADJ")
                and not is_complement_of_speech(token) and not _controls_object(token.head)):
            continue
        if token.pos_ == "VERB" and token.dep_ in _CLAUSE_DEPS:
            heads.append(token)
        elif token.pos_ == "AUX" and token.dep_ in ("ROOT", "conj", "ccomp", "relcl", "advcl") and any(
                child.dep_ in ("attr", "acomp", "nsubj", "expl") for child in token.children):
            heads.append(token)
    return heads


def _inside_name(token: Token) -> bool:
    """The token is part of a multi-word name (a title, a company) the NER found."""
    if not token.ent_type_ or token.ent_type_ in VALUE_LABELS:
        return False
    doc = token.doc
    before = token.i > 0 and doc[token.i - 1].ent_iob_ != "O" and token.ent_iob_ == "I"
    after = token.i + 1 < len(doc) and doc[token.i + 1].ent_iob_ == "I"
    return before or after


def _is_cleft(head: Token, subjects: list[Token]) -> bool:
    """ "It is the 17th year the gallery has invited ...": a cleft "it" introduces the
    relative clause; "it | be | the 17th year" says nothing."""
    if head.lemma_ != "be" or len(subjects) != 1 or subjects[0].lower_ != "it":
        return False
    return any(c.dep_ == "attr" and any(g.dep_ in ("relcl", "acl") for g in c.children) for c in head.children)


def collect_clause(head: Token) -> ClauseParts | None:
    """Read a clause's subject, relation, objects and arguments off the parse.

    Returns None when the clause has no recoverable subject (a headline fragment, an
    imperative) or is only a modifier ("an attack on a base", "occupied towns").
    """
    verb, chain, negated, modality = _follow_complements(head)
    subjects = subjects_of(head)
    passive = _is_passive(verb) if verb != head else _is_passive(head)
    if head.dep_ == "acl" and head.tag_ == "VBN" and not subjects:
        subjects, passive = [head.head], True  # "deaths estimated by Ukraine"
    if not subjects and head.dep_ == "ROOT" and is_speech_verb(head):
        subjects = _glued_speaker(head)
    if not subjects or _is_purpose_clause(head) or _is_cleft(head, subjects):
        return None
    agent = _agent(verb)
    parts = ClauseParts(head=head, verb=verb, relation_words=[], surface=[], subjects=subjects,
                        negated=negated, modality=modality)
    if passive and agent is not None:
        parts.objects = subjects
        parts.subjects = _with_conjuncts(agent)
        parts.rule = "passive-agent"
    elif passive:
        parts.passive = True
        parts.rule = "passive"
    _read_objects(verb, parts)
    if not parts.objects and not parts.passive:
        parts.objects = _shared_object(verb)
    if verb != head and verb.dep_ == "xcomp" and head.pos_ != "ADJ":
        _read_objects(head, parts, prepositions_only=True)
    _read_relative_object(head, parts)
    parts.relation_words, parts.surface = _relation(head, verb, chain, parts)
    parts.negated = (parts.negated or modality_rules.is_negated(head) or modality_rules.is_negated(verb)
                     or any(modality_rules.is_negative_phrase(s) for s in subjects))
    parts.modality = modality_rules.combine(
        parts.modality, modality_rules.combine(modality_rules.clause_modality(head),
                                               modality_rules.clause_modality(verb)))
    if _is_infinitive_aim(head):
        parts.modality = modality_rules.combine(parts.modality, Modality.INTENDED)
    if parts.negated and parts.modality == Modality.POSSIBLE and _has_could(head, verb):
        parts.modality = Modality.ASSERTED  # "could not verify": it was not verified
    return parts


def _is_purpose_clause(head: Token) -> bool:
    """ "an operation to demilitarise X": an infinitive modifying a noun states an aim of
    someone the clause does not name."""
    return head.dep_ in ("relcl", "acl") and not any(c.dep_ in _SUBJECT_DEPS for c in head.children) and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in head.children)


def _is_infinitive_aim(head: Token) -> bool:
    """ "launched an operation to clear the mines", "forced to ask X to leave": an
    infinitive without its own subject under another clause is an aim, not a fact."""
    if head.dep_ == "xcomp" and _controls_object(head.head):
        return head.head.lemma_ in INTENTION_VERBS or head.head.lemma_.lower() not in OBJECT_CONTROL_VERBS
    return head.dep_ in ("advcl", "xcomp") and any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children) and not any(
        c.dep_ in _SUBJECT_DEPS for c in head.children) and head.dep_ != "xcomp"


def _has_could(*verbs: Token) -> bool:
    return any(c.lower_ == "could" and c.dep_ == "aux" for v in verbs for c in v.children)


def _follow_complements(head: Token) -> tuple[Token, list[Token], bool, Modality]:
    """Walk down an xcomp chain to the content verb.

    Returns the content verb, the matrix verbs that stay in the relation ("seek" in "seek
    to discuss"), and the negation and modality the matrix verbs add. Hedging matrices
    ("is believed to", "seems to"), "have yet to", "fail to" and "able to" leave the
    relation and only set flags.
    """
    verb, chain = head, []
    negated, modality = False, Modality.ASSERTED
    while True:
        complement = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")
                           and not is_complement_of_speech(c)), None)
        adjective = next((c for c in verb.children if c.dep_ == "acomp" and c.lower_ in ADJECTIVE_COMPLEMENT_MODALITY), None)
        if complement is None and adjective is not None:
            complement = next((c for c in adjective.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
            if complement is not None:
                effect = ADJECTIVE_COMPLEMENT_MODALITY[adjective.lower_]
                negated = negated or effect == "negated" or modality_rules.is_negated(verb)
                if effect not in ("asserted", "negated"):
                    modality = modality_rules.combine(modality, Modality(effect))
                verb = complement
                continue
        if complement is None or _controls_object(verb):
            return verb, chain, negated, modality
        if verb.lemma_ == "go" and verb.tag_ == "VBG":
            modality = modality_rules.combine(modality, Modality.FUTURE)  # "is going to cut"
        elif modality_rules.has_yet_to(verb) or verb.lemma_ in FAILURE_VERBS:
            negated = True
        elif verb.lemma_ in HEDGING_RAISING_VERBS and _is_passive(verb) or verb.lemma_ in SEEM_VERBS:
            modality = modality_rules.combine(modality, Modality.HEDGED)
        elif verb.lemma_ == "be" and any(c.dep_ == "aux" and c.lower_ == "to" for c in complement.children):
            modality = modality_rules.combine(modality, Modality.FUTURE)  # "is to be turned": planned
        elif verb.lemma_ == "be" or verb.lemma_ == "have" and complement.dep_ == "xcomp":
            pass  # "has to leave": the complement carries the meaning
        else:
            chain.append(verb)
            if verb.lemma_ in INTENTION_VERBS:  # "agreed to end", "plans to sell": not done yet
                modality = modality_rules.combine(modality, Modality.INTENDED)
        negated = negated or modality_rules.is_negated(verb)
        modality = modality_rules.combine(modality, modality_rules.clause_modality(verb))
        verb = complement


def _shared_object(verb: Token) -> list[Token]:
    """ "Police arrested and charged the driver": the object of the last coordinated verb
    is the object of the first too, when the first has no complement of its own."""
    if any(c.dep_ in ("prep", "ccomp", "xcomp", "dobj", "attr", "acomp") for c in verb.children):
        return []
    for conjunct in verb.children:
        if conjunct.dep_ == "conj" and conjunct.pos_ == "VERB" and not any(
                c.dep_ in ("nsubj", "nsubjpass") for c in conjunct.children):
            objects = [c for c in conjunct.children if c.dep_ == "dobj"]
            if objects:
                return _with_conjuncts(objects[0])
    return []


def _controls_object(verb: Token) -> bool:
    """ "forced thousands of residents to leave": the object is who leaves, so the two
    verbs are two statements, not one relation."""
    return any(c.dep_ == "dobj" for c in verb.children)


def subjects_of(head: Token) -> list[Token]:
    """The subject heads of a clause, inherited from the governing clause when elided."""
    for child in head.children:
        if child.dep_ in _SUBJECT_DEPS and in_dateline(child):
            # "CHICAGO, March 3 - Acme said": the place is where the story was filed; the
            # parser may hang the real subject on it ("RIO, Feb 26 - Brazil's plan ...")
            real = [c for c in child.children if c.dep_ == "appos" and not in_dateline(c)]
            if real:
                return _with_conjuncts(real[0])
            continue
        if child.dep_ in _SUBJECT_DEPS:
            if child.lower_ in _RELATIVE_PRONOUNS and head.dep_ == "relcl":
                return _with_conjuncts(head.head)  # "the base, which hosted ..."
            return _with_conjuncts(child)
        if child.dep_ == "expl":
            attribute = next((c for c in head.children if c.dep_ == "attr"), None)
            return [attribute] if attribute is not None else []
    if head.dep_ == "conj" and head.head.pos_ in ("VERB", "AUX"):
        return subjects_of(head.head)
    if head.dep_ == "relcl":
        return [head.head]
    if head.dep_ == "acl" and head.tag_ == "VBG":
        return [head.head]  # "a drone carrying a bomb"
    if head.dep_ == "xcomp" and _controls_object(head.head) and head.head.lemma_.lower() in OBJECT_CONTROL_VERBS:
        return _with_conjuncts(next(c for c in head.head.children if c.dep_ == "dobj"))
    if head.dep_ == "xcomp" and _controls_object(head.head):
        return subjects_of(head.head)  # "set a new mark to win the title": she wins
    if (head.dep_ == "advcl" and head.tag_ == "VB" and _controls_object(head.head)
            and head.head.lemma_.lower() in OBJECT_CONTROL_VERBS):
        return _with_conjuncts(next(c for c in head.head.children if c.dep_ == "dobj"))  # "invited an artist to dress"
    controller = _object_controller(head)
    if controller is not None:
        return _with_conjuncts(controller)
    if head.dep_ in ("advcl", "pcomp", "xcomp") and head.tag_ in ("VBG", "VBN", "VB"):
        governor = _governing_verb(head)
        if governor is not None:
            if _is_passive(governor):  # "X was quoted as saying": X says
                passive_subject = [c for c in governor.children if c.dep_ == "nsubjpass"]
                if passive_subject:
                    return _with_conjuncts(passive_subject[0])
            return subjects_of(governor)
    return []


def _object_controller(head: Token) -> Token | None:
    """ "accused the firm of hiding losses", "stopped residents from leaving": after these
    prepositions the verb's object, not its subject, does what the gerund says."""
    preposition = head.head
    if head.dep_ != "pcomp" or preposition.dep_ != "prep" or preposition.lower_ not in OBJECT_CONTROL_PREPOSITIONS:
        return None
    return next((c for c in preposition.head.children if c.dep_ == "dobj"), None)


def _governing_verb(token: Token) -> Token | None:
    node = token.head
    while node != node.head and node.pos_ not in ("VERB", "AUX"):
        node = node.head
    return node if node.pos_ in ("VERB", "AUX") and node != token else None


def _with_conjuncts(token: Token) -> list[Token]:
    """A head and the heads coordinated with it ("Russia and Ukraine")."""
    return [token] + [t for t in token.conjuncts if t.i > token.i and t.pos_ != "VERB"]


def _glued_speaker(verb: Token) -> list[Token]:
    """ '"...," chairman and chief executive Anna Berg said': when the parser hangs the name
    before a speech verb onto the quote (as an apposition), the name that ends right before
    the verb, after the quote's closing mark, is its speaker."""
    if verb.i == 0:
        return []
    name = verb.doc[verb.i - 1]
    if name.ent_type_ not in ("PERSON", "ORG") or name.dep_ in ("nsubj", "nsubjpass"):
        return []
    closing = next((t for t in reversed(verb.doc[verb.sent.start:name.i]) if t.is_quote), None)
    if closing is None or name.head.i >= verb.i:
        return []  # no quote before the name, or the name is already the verb's
    return [name]


def _is_passive(verb: Token) -> bool:
    return any(child.dep_ in ("nsubjpass", "auxpass", "csubjpass") for child in verb.children)


def _agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _read_objects(verb: Token, parts: ClauseParts, *, prepositions_only: bool = False) -> None:
    """Collect direct objects and prepositional / adverbial arguments of `verb`."""
    for child in verb.children:
        dep = child.dep_
        if dep in _OBJECT_DEPS and not prepositions_only:
            if child.lower_ in _RELATIVE_PRONOUNS:
                continue
            if parts.subjects and child == parts.subjects[0]:
                continue  # existential "there was [no need]": the attribute is the subject
            parts.objects.extend(_with_conjuncts(child))
        elif dep == "acomp" and not prepositions_only and not parts.objects:
            parts.objects.append(child)
            parts.object_is_value = True
        elif dep == "prep":
            _read_preposition(child, parts)
        elif dep == "npadvmod" and child.ent_type_ in _TIME_LABELS:
            parts.arguments.append(("time", child, "time"))
        elif dep == "advmod" and child.ent_type_ in _TIME_LABELS:
            parts.arguments.append(("time", child, "time"))
        elif dep == "advmod" and _is_manner_adverb(child):
            parts.arguments.append(("manner", child, "other"))


#: Adverbs that only grade or link ("also", "still"): not an argument of their own.
_LINKING_ADVERBS = frozenset({
    "also", "still", "already", "just", "even", "only", "then", "now", "so", "too", "very",
    "however", "yet", "again", "further", "thus", "therefore", "meanwhile", "instead",
    "finally", "once", "ever", "never", "not", "n't", "how", "when", "where", "why", "there",
    "here", "as", "more", "most", "less", "least", "well", "rather", "quite", "almost",
})


def _is_manner_adverb(token: Token) -> bool:
    """ "talk constructively", "said online", "verify independently"."""
    word = token.lower_
    return token.pos_ == "ADV" and word not in _LINKING_ADVERBS and word not in HEDGE_ADVERBS and not any(
        True for _ in token.children) and not _is_particle_adverb(token)


def _read_preposition(preposition: Token, parts: ClauseParts) -> None:
    """One prepositional argument: "in the attack", "near the border", "according to X"."""
    if preposition.lower_ == "according":
        return  # attribution, read by kgbuild.extract.attribution
    role = preposition.lower_
    objects = [c for c in preposition.children if c.dep_ == "pobj"]
    if not objects:
        nested = [c for c in preposition.children if c.dep_ == "prep"]  # "out of", "up to"
        for inner in nested:
            role = f"{role} {inner.lower_}"
            objects = [c for c in inner.children if c.dep_ == "pobj"]
    if objects and objects[0].lemma_.lower() in _COMPLEX_PREPOSITION_NOUNS:
        inner = next((c for c in objects[0].children if c.dep_ == "prep"), None)
        inner_objects = [c for c in inner.children if c.dep_ == "pobj"] if inner is not None else []
        if inner is not None and inner_objects:  # "in addition to X", "in spite of X"
            role, objects = f"{role} {objects[0].lower_} {inner.lower_}", inner_objects
    for value in objects[:1]:
        for conjunct in _with_conjuncts(value):
            parts.arguments.append((role, conjunct, _category(role, conjunct)))
    if objects:  # "revised from 1,200 to 950": the parse hangs "to 950" on "from"
        for inner in preposition.children:
            inner_objects = [c for c in inner.children if c.dep_ == "pobj"]
            if inner.dep_ == "prep" and inner_objects:
                parts.arguments.append((inner.lower_, inner_objects[0], _category(inner.lower_, inner_objects[0])))


#: Nouns that with their prepositions make one preposition: "in addition to", "in spite
#: of", "in front of", "on behalf of", "in favour of".
_COMPLEX_PREPOSITION_NOUNS = frozenset({"addition", "spite", "front", "behalf", "favour", "favor",
                                        "lieu", "place", "terms", "view", "light", "wake", "face",
                                        "charge", "support", "response", "search", "danger"})


def _category(role: str, value: Token) -> str:
    if value.ent_type_ in _TIME_LABELS and role in TIME_PREPOSITIONS:
        return "time"
    if value.lemma_.lower() in ("time", "occasion"):
        return "time"  # "for the first time", "on one occasion"
    if value.ent_type_ in _PLACE_LABELS:
        return "place"
    return "other"


def _read_relative_object(head: Token, parts: ClauseParts) -> None:
    """ "the report that Reuters wrote": the antecedent is the object of the relative clause."""
    if head.dep_ != "relcl" or parts.objects:
        return
    if any(c.dep_ == "dobj" and c.lower_ in _RELATIVE_PRONOUNS for c in head.children):
        parts.objects.append(head.head)


def _relation(head: Token, verb: Token, chain: list[Token], parts: ClauseParts) -> tuple[list[str], list[Token]]:
    """The relation's words (for its key) and tokens (as written)."""
    words: list[str] = []
    for matrix in chain:
        if _is_passive(matrix):  # "is allowed to play": the passive stays in the relation
            words += ["be", verb_lemma(matrix)]
        else:
            words.append(verb_lemma(matrix))
        words += [*_particles(matrix), "to"]
    if parts.passive:
        words += ["be", verb_lemma(verb)]
    elif any(c.dep_ == "expl" for c in verb.children):
        words.append("exist")  # "there was no need": the need is what exists
    else:
        words.append(verb_lemma(verb))
    words += _particles(verb)
    surface = _surface(head, verb)
    return words, surface


#: Adverbs that complete a verb as a particle when nothing modifies them: "rolled back
#: the increase", "cut prices back", "shut the plant down".
PARTICLE_ADVERBS = frozenset({"back", "up", "down", "out", "off", "away", "over", "aside", "forward",
                              "lower", "higher"})


def _particles(verb: Token) -> list[str]:
    return [c.lower_ for c in verb.children if c.dep_ == "prt" or _is_particle_adverb(c)]


def _is_particle_adverb(token: Token) -> bool:
    return (token.dep_ == "advmod" and token.lower_ in PARTICLE_ADVERBS and token.i > token.head.i
            and not any(True for _ in token.children))


def _surface(head: Token, verb: Token) -> list[Token]:
    """Auxiliaries, negation, the verb chain and particles, in sentence order."""
    tokens = {verb}
    node = verb
    while node != head and node.head != node:
        tokens.add(node)
        node = node.head
    tokens.add(head)
    for token in list(tokens):
        tokens.update(c for c in token.children if c.dep_ in ("aux", "auxpass", "neg", "prt")
                      or _is_particle_adverb(c)
                      or c.dep_ == "acomp" and c.lower_ in ADJECTIVE_COMPLEMENT_MODALITY
                      or c.dep_ == "advmod" and c.lower_ in ("yet", "never"))
    return sorted(tokens, key=lambda t: t.i)


def emit_statements(parts: ClauseParts, sentence: Sentence, *, open_object: bool = False) -> Iterator[DraftStatement]:
    """One statement per coordinated subject and object.

    The first fitting preposition joins the relation when the verb has no object ("died
    in" + "the attack"), unless `open_object`: a speech verb's object is the statement it
    reports, filled in later.
    """
    arguments = [argument for role, value, category in parts.arguments
                 if _has_word((argument := _argument(role, value, category, sentence.index)).value.text)]
    words = list(parts.relation_words)
    surface_text = " ".join(t.text for t in parts.surface)
    objects: list[Mention | None] = [mention_for(o, sentence.index, without=parts.head) for o in parts.objects]
    rule = parts.rule
    if open_object:
        objects = [None]
        rule = "attribution"
        if parts.verb == parts.head and (verb_lemma(parts.verb) in SAYING_VERBS or verb_lemma(parts.verb) in CONTINUING_VERBS):
            words = ["say", *words[1:]]  # "told", "added", "insisted": all say; the cue stays as text
    elif not objects:
        promoted = _promoted_argument(arguments)
        if promoted is not None:
            arguments.remove(promoted)
            words.append(promoted.role.replace(" ", "_"))
            surface_text = f"{surface_text} {promoted.role}"
            objects = [promoted.value]
            rule = f"{rule}-prepositional"
        else:
            objects = [None]
            rule = f"{rule}-intransitive"
    if parts.object_is_value:
        rule = "copula-complement"
    elif parts.verb.lemma_ == "be" and parts.objects:
        rule = "copula"
    key = relation_key(words)
    label = " ".join(w for w in words if w)
    if parts.passive:  # "be kill in" reads as "be killed in"
        label = label.replace(f"be {verb_lemma(parts.verb)}", f"be {parts.verb.lower_}", 1)
    for matrix in _passive_matrices(parts):  # "be allow to play" reads as "be allowed to play"
        label = label.replace(f"be {verb_lemma(matrix)} ", f"be {matrix.lower_} ", 1)
    if not _has_word(label):
        return  # a punctuation mark the tagger took for a verb ("―", a stray "’") relates nothing
    relation = Relation(key=key, label=label, surface=surface_text)
    family = ATTRIBUTION.id if open_object else EXTRACTOR
    for subject_head in parts.subjects:
        if _is_empty_subject(subject_head):
            continue
        tokens = _speaker_tokens(subject_head, parts) if open_object else None
        subject = mention_for(subject_head, sentence.index, is_subject=True, without=parts.head, tokens=tokens)
        if not _has_word(subject.text):
            continue  # "[" or "+" as a subject names nothing
        for obj in objects:
            if obj is not None and obj.start >= subject.start and obj.end <= subject.end:
                continue  # "Viera d. Rockledge | defeat | Viera d. Rockledge" says nothing
            if obj is not None and not _has_word(obj.text):
                continue  # an object of punctuation alone ("<", "=") says nothing
            yield DraftStatement(
                subject=subject, relation=relation, object=obj, sentence=sentence,
                rule=f"{family}#{rule}", head=parts.head, verb=parts.verb, arguments=tuple(arguments),
                negated=parts.negated, modality=parts.modality,
            )


def _has_word(text: str) -> bool:
    """The text holds a letter or a digit: a reader can read it as a phrase.

    >>> _has_word("the base"), _has_word("―"), _has_word("[")
    (True, False, False)
    """
    return any(c.isalnum() for c in text)


#: Quantifiers and determiners that say nothing as a whole subject ("one was completed").
_EMPTY_SUBJECTS = frozenset({"one", "some", "all", "both", "each", "many", "most", "few",
                             "several", "others", "another", "any", "none"})


def _is_empty_subject(head: Token) -> bool:
    """A subject that names nothing: a lone number or quantifier ("one", "two", "some")."""
    return not any(True for _ in head.children) and (
        head.pos_ in ("NUM", "DET") or head.lower_ in _EMPTY_SUBJECTS)


#: Prepositions that say how or when a speaker spoke, not who the speaker is: "said the
#: chairman in an email", "said the minister on Monday".
_CHANNEL_PREPOSITIONS = frozenset({"in", "on", "during", "via", "through", "after", "before", "over"})


def _speaker_tokens(head: Token, parts: ClauseParts) -> list[Token] | None:
    """The speaker's words without a channel phrase the parser hung on the speaker
    when the speaker follows the speech verb."""
    if head.i < parts.verb.i:
        return None
    dropped = {t.i for c in head.children if c.dep_ == "prep" and c.lower_ in _CHANNEL_PREPOSITIONS for t in c.subtree}
    if not dropped:
        return None
    return [t for t in phrase_tokens(head, without=parts.head) if t.i not in dropped] or None


def _passive_matrices(parts: ClauseParts) -> list[Token]:
    node, matrices = parts.verb, []
    while node != parts.head and node.head != node:
        node = node.head
        if _is_passive(node):
            matrices.append(node)
    return matrices


def _argument(role: str, value: Token, category: str, sentence_index: int) -> Argument:
    return Argument(role=role, value=mention_for(value, sentence_index), category=category)


def _promoted_argument(arguments: list[Argument]) -> Argument | None:
    """The prepositional argument to promote to object: the first that is not a time,
    else the first time ("died on Monday"). Bare adverbs never become objects."""
    prepositional = [a for a in arguments if a.role not in ("time", "manner")]
    dates = [a for a in prepositional if a.value.label in _TIME_LABELS]  # not "for the first time"
    return next((a for a in prepositional if a.category != "time"), dates[0] if dates else None)


__all__ = ["EXTRACTOR", "ClauseParts", "DraftStatement", "clause_heads", "collect_clause",
           "emit_statements", "subjects_of", "VALUE_LABELS"]
