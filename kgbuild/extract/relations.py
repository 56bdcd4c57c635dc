"""Relation words: a verb's lemma corrected where the tagger's guess breaks English
morphology, and one spelling per word, so one meaning gets one relation IRI.

spaCy's rule lemmatizer takes the first suffix rule for a word it does not know:
"hates" → "hat", "rebranded" → "rebrande". Both guesses contradict how English
inflects, so they can be undone without a dictionary. British and American spellings
("criticise" / "criticize", "analyse" / "analyze", "favour" / "favor") are keyed on the
American form; the relation text keeps the words as written.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

#: Word endings after which "-es" is the third-person ending ("pushes", "goes"); after any
#: other ending the "e" belongs to the stem ("hates" is "hate" + "s").
_ES_STEMS = ("s", "x", "z", "ch", "sh", "o")

#: Consonant clusters no English verb ends in when followed by a silent "e": "rebrande"
#: and "rebrandeing" are misread "rebrand". ("st" is left out: paste, taste, waste.)
_BARE_CLUSTERS = ("nd", "rd", "ld", "ct", "nt", "lt", "rt", "pt", "ft", "sh", "ck", "rm",
                  "rn", "wn", "ll", "mp", "sk", "xt", "lk", "rk", "lm", "ff", "rp", "lp",
                  "ght", "wl", "rl", "sp")

#: Verbs spelled "-ise" in both British and American English: never re-spelled "-ize".
_ISE_BOTH = ("advise", "apprise", "arise", "chastise", "circumcise", "comprise",
             "compromise", "despise", "devise", "disguise", "enterprise", "excise",
             "exercise", "franchise", "improvise", "incise", "merchandise", "premise",
             "promise", "raise", "praise", "revise", "rise", "supervise", "surmise",
             "surprise", "televise", "advertise", "cruise", "bruise", "poise", "noise",
             "expertise", "reprise", "treatise", "demise", "wise", "guise", "otherwise",
             "precise", "concise", "paradise")

#: British "-our" verbs and their American forms (a closed class: "pour", "tour" stay).
_OUR_VERBS = {"favour": "favor", "honour": "honor", "labour": "labor", "colour": "color",
              "endeavour": "endeavor", "harbour": "harbor", "rumour": "rumor",
              "savour": "savor", "armour": "armor", "flavour": "flavor", "humour": "humor",
              "neighbour": "neighbor", "behaviour": "behavior", "vapour": "vapor"}

_ISE = re.compile(r"^(?P<stem>\w{3,}?)(?P<suffix>is|ys)(?P<ending>e|es|ed|ing|ation|ations|er|ers)$")


def verb_lemma(token: Token) -> str:
    """The lemma of a verb, lower-cased, with the lemmatizer's morphology slips undone.

    The rules only fire on a lemma that cannot have made the word by regular English
    inflection, so a lemma the lemmatizer knew is never changed.
    """
    lemma, word, tag = token.lemma_.lower(), token.lower_, token.tag_
    if tag == "VBZ" and word == lemma + "es" and not lemma.endswith(_ES_STEMS):
        return lemma + "e"  # "hates": "hat" + "es" is not English, "hate" + "s" is
    if tag in ("VBD", "VBN") and word == lemma + "d" and _bare_stem(lemma):
        return lemma[:-1]  # "rebranded": "rebrande" + "d" → "rebrand" + "ed"
    if tag == "VBG" and word == lemma[:-1] + "ing" and _bare_stem(lemma):
        return lemma[:-1]
    return lemma


def _bare_stem(lemma: str) -> bool:
    return lemma.endswith("e") and lemma[:-1].endswith(_BARE_CLUSTERS)


def american_spelling(word: str) -> str:
    """One spelling for a relation word: "criticise" → "criticize", "analyse" → "analyze",
    "favour" → "favor"; words spelled alike in both stay.

    >>> american_spelling("criticise"), american_spelling("organisation"), american_spelling("advise")
    ('criticize', 'organization', 'advise')
    >>> american_spelling("analyse"), american_spelling("honour"), american_spelling("pour")
    ('analyze', 'honor', 'pour')
    """
    if word in _OUR_VERBS:
        return _OUR_VERBS[word]
    match = _ISE.match(word)
    if match is None:
        return word
    stem, suffix, ending = match.group("stem", "suffix", "ending")
    if suffix == "is" and (stem + "ise").endswith(_ISE_BOTH):
        return word
    return f"{stem}{'iz' if suffix == 'is' else 'yz'}{ending}"


def relation_key(words: list[str]) -> str:
    """The relation's key (its IRI's local name) from its words.

    Keys are ASCII letters, digits and "_" only, so a relation IRI is a plain prefixed name
    every Turtle reader takes ("R&B" or "Dr." as a lemma would need escapes).

    >>> relation_key(["criticise"]), relation_key(["be", "kill", "in"])
    ('criticize', 'be_kill_in')
    """
    cleaned = [re.sub(r"[^\w]+", "", american_spelling(w), flags=re.ASCII) for w in words]
    return "_".join(w for w in cleaned if w) or "relate"


__all__ = ["american_spelling", "relation_key", "verb_lemma"]
