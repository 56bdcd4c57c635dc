"""Relations as a reader says them: the verb as written, and the family it belongs to.

A corpus has well over a thousand relations ("die in", "seek to discuss", "be killed at"),
too many for a filter. Each is put in one of a few families by its first verb (speech,
conflict, business, …), from closed word lists of general English; anything else is
"other". The label drawn on an edge is the verb as the article wrote it ("has yet to
name", "is believed to have died in"), with a negation or a modal put in front when the
words as written do not already show it.
"""

from __future__ import annotations

import re

from kgbuild.lexicon import NEGATION_WORDS, POSSIBILITY_MODALS

__all__ = ["FAMILIES", "OTHER", "edge_label", "relation_family"]

#: Family name → the verbs (lemmas) that put a relation in it, in filter order.
FAMILIES: dict[str, frozenset[str]] = {
    "speech": frozenset({
        "say", "tell", "add", "state", "announce", "report", "claim", "insist", "confirm",
        "note", "argue", "suggest", "declare", "explain", "reply", "respond", "stress",
        "tweet", "write", "reveal", "disclose", "mention", "remark", "comment", "describe",
        "call", "ask", "quote", "speak", "testify", "admit", "acknowledge", "concede",
    }),
    "denial and dispute": frozenset({
        "deny", "dispute", "reject", "refute", "contradict", "criticise", "criticize",
        "condemn", "blame", "accuse", "attack_verbally", "question", "challenge", "oppose",
        "protest", "complain",
    }),
    "warning and threat": frozenset({"warn", "threaten", "fear", "urge", "caution"}),
    "belief and expectation": frozenset({
        "believe", "think", "expect", "hope", "know", "feel", "suspect", "doubt", "predict",
        "estimate", "assume", "understand", "see", "consider", "want", "wish",
    }),
    "conflict and violence": frozenset({
        "attack", "kill", "fight", "invade", "bomb", "strike", "target", "shell", "shoot",
        "destroy", "capture", "seize", "occupy", "besiege", "raid", "hit", "wound", "injure",
        "defeat", "battle", "clash", "fire", "launch", "storm", "assault", "surround",
    }),
    "death and harm": frozenset({"die", "suffer", "hurt", "damage", "harm", "lose", "flee"}),
    "meeting and talks": frozenset({
        "meet", "talk", "discuss", "negotiate", "visit", "host", "welcome", "greet",
        "interview", "contact", "phone",
    }),
    "agreement and deals": frozenset({
        "agree", "sign", "accept", "approve", "endorse", "ratify", "settle", "deal", "join",
        "ally", "partner", "cooperate", "merge",
    }),
    "business and money": frozenset({
        "buy", "sell", "pay", "invest", "earn", "raise", "cut", "acquire", "own", "profit",
        "cost", "spend", "fund", "finance", "borrow", "lend", "owe", "trade", "export",
        "import", "price", "value", "bid", "offer", "sell_off", "float", "list",
    }),
    "growth and decline": frozenset({
        "rise", "fall", "grow", "increase", "decrease", "drop", "climb", "jump", "slip",
        "surge", "slump", "decline", "gain", "boost", "double", "halve", "reach", "top",
    }),
    "law and justice": frozenset({
        "charge", "arrest", "sue", "convict", "sentence", "jail", "ban", "investigate",
        "prosecute", "fine", "rule", "try", "appeal", "detain", "release", "acquit",
        "indict", "probe", "order", "bar", "block",
    }),
    "politics and office": frozenset({
        "elect", "vote", "appoint", "resign", "lead", "govern", "nominate", "name",
        "campaign", "run", "succeed", "replace", "sack", "fire_from", "quit", "step",
        "head", "chair", "represent", "rule_over",
    }),
    "support and help": frozenset({
        "support", "back", "help", "aid", "defend", "protect", "save", "rescue", "praise",
        "thank", "supply", "provide", "give", "send", "donate", "grant", "award",
    }),
    "movement and travel": frozenset({
        "go", "travel", "leave", "arrive", "move", "return", "enter", "come", "fly",
        "head_to", "cross", "withdraw", "evacuate", "deploy", "transfer", "relocate",
    }),
    "sport and competition": frozenset({
        "beat", "win", "score", "play", "draw", "qualify", "lose_to", "face", "compete",
        "race", "finish", "captain", "coach", "tackle",
    }),
    "work and employment": frozenset({
        "work", "hire", "employ", "recruit", "serve", "manage", "staff", "retire",
    }),
    "making and releasing": frozenset({
        "make", "produce", "build", "create", "release", "develop", "design", "record",
        "film", "publish", "broadcast", "show", "perform", "star", "direct", "present",
        "unveil", "introduce", "open", "close",
    }),
    "having and holding": frozenset({"have", "hold", "keep", "get", "receive", "take", "contain", "include"}),
    "being and becoming": frozenset({"be", "become", "remain", "seem", "appear", "stay", "belong"}),
    "aims and plans": frozenset({
        "seek", "aim", "plan", "intend", "try_to", "attempt", "prepare", "decide", "promise",
        "vow", "pledge", "propose",
    }),
    "change and decision": frozenset({"change", "end", "stop", "start", "begin", "halt", "suspend", "resume", "delay", "cancel"}),
    "communication and media": frozenset({"post", "email", "message", "air", "print", "reportedly"}),
}
OTHER = "other"

_AUXILIARIES = frozenset({
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "do", "does", "did", "will",
    "would", "can", "could", "may", "might", "shall", "should", "must",
})
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_FAMILY_OF = {verb: family for family, verbs in FAMILIES.items() for verb in verbs}
_MODAL_WORDS = POSSIBILITY_MODALS | {"will", "would", "shall", "may", "might", "could"}
_HEDGE_WORDS = frozenset({"believed", "reportedly", "reported", "thought", "said", "seems",
                          "appears", "alleged", "allegedly", "apparently", "understood"})


def relation_family(relation: str) -> str:
    """The family of a relation, by its first word that names one (else "other").

    >>> relation_family("seek to discuss"), relation_family("die in"), relation_family("xyz")
    ('aims and plans', 'death and harm', 'other')
    """
    for word in _WORD.findall(relation.casefold()):
        family = _FAMILY_OF.get(word)
        if family is not None:
            return family
    return OTHER


def edge_label(relation: str, relation_text: str | None, *, negated: bool, modality: str) -> str:
    """The words drawn on an edge: the verb as written, with what changes its meaning.

    The words as written ("has yet to name") are used when known, else the relation's
    lemmas; "not" is put in front of a negated relation, and "may", "will", "reportedly"
    or "aims to" in front of a possible, future, hedged or intended one, unless the words
    already say so.

    >>> edge_label("name", "has yet to name", negated=True, modality="asserted")
    'has yet to name'
    >>> edge_label("attack", None, negated=False, modality="possible")
    'may attack'
    >>> edge_label("give", "has given", negated=True, modality="asserted")
    'has not given'
    """
    text = " ".join((relation_text or relation).split()) or relation
    words = set(_WORD.findall(text.casefold()))
    if negated and not words & (NEGATION_WORDS | {"yet", "without"}):
        first, _, rest = text.partition(" ")
        if first.casefold() in _AUXILIARIES and rest:
            text = f"{first} not {rest}"
        else:  # "had" → "not have": the lemma reads better after "not" than the past tense
            text = "not " + (relation if " " not in text else text)
    if modality == "possible" and not words & _MODAL_WORDS:
        text = "may " + text
    elif modality == "future" and not words & _MODAL_WORDS and "to" not in words:
        text = "will " + text
    elif modality == "hedged" and not words & _HEDGE_WORDS:
        text = "reportedly " + text
    elif modality == "intended" and not words & (FAMILIES["aims and plans"] | {"to", "want", "hope"}):
        text = "aims to " + text
    return text
