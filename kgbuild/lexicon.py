"""Closed word classes the rules rely on: general English, not any one article's words.

spaCy-free, so every stage (extraction, resolution) may import it.
"""

from __future__ import annotations

#: Verbs of saying and of attitude whose clausal complement is a reported statement.
SPEECH_VERBS = frozenset({
    "say", "tell", "admit", "deny", "claim", "believe", "warn", "report", "announce", "state",
    "add", "insist", "confirm", "note", "argue", "suggest", "think", "allege", "acknowledge",
    "assert", "declare", "explain", "indicate", "maintain", "reply", "respond", "stress",
    "write", "tweet", "predict", "estimate", "fear", "hope", "reveal", "disclose", "agree",
    "accuse", "concede", "complain", "contend", "emphasise", "emphasize", "mention",
    "promise", "recall", "remark", "signal", "urge", "assure", "conclude", "doubt", "expect",
    "know", "feel", "suspect", "understand", "imply", "question", "show", "find",
    "hint", "reiterate", "caution", "forecast", "testify", "observe", "comment", "boast",
})

#: Speech verbs that only say how something was said: their attribution statements share
#: the relation `say` (the cue is kept as the statement's relation text), so one triple
#: pattern finds who said what. Verbs of attitude or denial ("believe", "fear", "deny")
#: keep their own relation: they mean something else than saying.
SAYING_VERBS = frozenset({
    "say", "tell", "add", "state", "note", "explain", "write", "tweet", "announce", "report",
    "reply", "respond", "declare", "remark", "mention", "stress", "emphasise", "emphasize",
    "insist", "argue", "claim", "assert", "maintain", "contend", "allege", "warn", "confirm",
    "admit", "acknowledge", "reveal", "disclose", "concede", "complain", "recall", "assure",
    "hint", "reiterate", "caution", "testify", "observe", "comment", "boast",
})

#: "X is believed / said / thought to have died": the passive matrix hedges its complement.
HEDGING_RAISING_VERBS = frozenset({
    "believe", "say", "think", "report", "understand", "allege", "rumour", "rumor", "know",
    "suppose", "presume", "estimate", "consider", "claim", "fear", "suspect", "expect",
})

#: "seem to", "appear to": the subject's own verb, hedged.
SEEM_VERBS = frozenset({"seem", "appear"})

#: Matrix verbs whose to-complement is an aim, not a fact ("seek to discuss").
INTENTION_VERBS = frozenset({
    "seek", "want", "aim", "plan", "try", "hope", "intend", "attempt", "wish", "promise",
    "threaten", "offer", "propose", "vow", "pledge", "prepare", "strive", "struggle",
    "decide", "agree", "ask", "urge", "call", "need", "expect", "mean",
    # "invited an artist to dress the tree", "allowed to play": asked or allowed, not done
    "invite", "encourage", "allow", "permit", "authorise", "authorize", "order", "instruct",
    "tell", "require", "advise", "commission",
})

#: Verbs whose object does what their to-infinitive says ("forced residents to leave",
#: "asked the firm to pay"); after any other verb the infinitive is the subject's purpose
#: ("set a new mark to win the title": she won, not the mark).
OBJECT_CONTROL_VERBS = frozenset({
    "force", "ask", "tell", "persuade", "allow", "permit", "order", "urge", "invite",
    "want", "expect", "help", "enable", "cause", "require", "encourage", "lead", "get",
    "instruct", "advise", "warn", "compel", "oblige", "pressure", "press", "authorise",
    "authorize", "commission", "leave", "need", "prompt", "drive", "inspire", "convince",
})

#: Matrix verbs whose to-complement did not happen ("failed to reach", "refused to sign").
FAILURE_VERBS = frozenset({"fail", "refuse", "decline", "neglect", "forget"})

#: Adjectives that take a to-complement: "was able to verify", "is likely to win".
ADJECTIVE_COMPLEMENT_MODALITY = {
    "able": "asserted", "unable": "negated", "likely": "possible", "unlikely": "possible",
    "certain": "hedged", "sure": "hedged", "set": "future", "due": "future",
    "about": "future", "ready": "intended", "willing": "intended", "eager": "intended",
    "keen": "intended", "determined": "intended", "prepared": "intended",
}

POSSIBILITY_MODALS = frozenset({"may", "might", "could", "can", "ca"})
FUTURE_MODALS = frozenset({"will", "would", "shall", "wo", "'ll", "'d"})
OBLIGATION_MODALS = frozenset({"must", "should", "ought"})

#: Sentence adverbs that mark a statement as hedged.
HEDGE_ADVERBS = frozenset({
    "reportedly", "allegedly", "apparently", "supposedly", "purportedly", "seemingly",
    "ostensibly", "possibly", "probably", "perhaps", "maybe", "likely",
})

#: "at no time", "in no way", "under no circumstances": a prepositional phrase that denies
#: the whole clause when its noun is one of these.
NEGATING_PHRASE_NOUNS = frozenset({"time", "point", "stage", "way", "circumstance",
                                   "circumstances", "account", "means", "moment", "case"})

NEGATION_WORDS = frozenset({"not", "n't", "never", "no", "neither", "nor", "nobody",
                            "nothing", "none", "nowhere"})

#: Common nouns that say the named thing beside them is a place: "the city of X", "the
#: port X".
PLACE_NOUNS = frozenset({
    "city", "town", "village", "port", "capital", "region", "province", "district", "state",
    "country", "island", "county", "municipality", "suburb", "neighbourhood", "neighborhood",
    "republic", "territory", "area", "settlement", "oblast", "prefecture", "harbour",
    "harbor", "valley", "peninsula", "border", "enclave", "commune", "borough",
})

#: Nouns that name a role or office, for titles before and beside names.
ROLE_NOUNS = frozenset({
    "president", "minister", "chief", "director", "secretary", "spokesman", "spokeswoman",
    "spokesperson", "negotiator", "delegate", "captain", "general", "colonel", "major",
    "lieutenant", "sergeant", "commander", "ambassador", "envoy", "chancellor", "governor",
    "mayor", "senator", "representative", "chairman", "chairwoman", "chair", "head",
    "leader", "official", "officer", "adviser", "advisor", "counterpart", "prime",
    "premier", "king", "queen", "prince", "princess", "pope", "bishop", "judge",
    "prosecutor", "lawyer", "attorney", "executive", "ceo", "founder", "manager", "coach",
    "analyst", "economist", "professor", "doctor", "dr", "editor", "correspondent",
    "reporter", "journalist", "member", "deputy", "vice", "foreign", "defence", "defense",
    "mp", "mep", "councillor", "speaker", "sheriff", "inspector", "superintendent",
    "admiral", "marshal", "commissioner", "president-elect", "candidate", "mr", "mrs", "ms",
    "miss", "sir", "dame", "lord", "lady", "father", "rev", "reverend",
})

#: Honorifics that are part of how a person is addressed, not a job.
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lord", "lady",
                        "rev", "reverend", "mr.", "mrs.", "ms.", "dr."})

#: Prepositions whose object is a time when it is a date or time expression.
TIME_PREPOSITIONS = frozenset({"on", "in", "at", "since", "until", "till", "before", "after",
                               "during", "by", "from", "to", "between", "within", "throughout"})

#: "accused X of hiding", "blamed X for causing", "stopped X from leaving": after these
#: prepositions a gerund's subject is the verb's object.
OBJECT_CONTROL_PREPOSITIONS = frozenset({"of", "for", "from", "into", "against", "with"})

#: Verbs that commit whoever uses them to the truth of their clause ("discovered that",
#: "regrets that"): a clause under them, in the article's own voice, is the article's claim.
#: Verbs of saying are not here even when factive ("revealed", "confirmed"): what they
#: carry stays attributed to their speaker.
FACTIVE_VERBS = frozenset({"discover", "learn", "realise", "realize", "notice", "regret",
                           "forget", "prove", "resent"})

#: Prepositions whose gerund states the article's own fact ("after leaving office", "by
#: cutting costs"); under any other ("accused of hiding", "arrested for stealing", "talks
#: about selling") the gerund's clause is only what someone charges, plans or discusses.
FACTUAL_PREPOSITIONS = frozenset({"after", "before", "since", "while", "despite", "following",
                                  "upon", "on", "by", "through", "in", "as", "besides"})

#: Subordinators of a condition: neither the condition nor what depends on it is asserted.
CONDITION_MARKERS = frozenset({"if", "unless", "whether", "lest"})
