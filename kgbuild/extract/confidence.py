"""Statement confidence: a linear model over rule family and parse features.

The weights were fitted by least squares on CaRB dev only (`benchmarks/fit_confidence.py`
prints them): the target of each extraction is its best CaRB pair precision against the
gold tuples of its sentence. The score ranks statements; it is not a calibrated
probability.

`PLAIN_TRIPLE_THRESHOLD` is the score below which a statement is not asserted as a plain
triple, whatever its flags. It was chosen on the judged precision dev set
(`benchmarks/fit_confidence.py --precision` prints precision and kept share per threshold
over the judged plain triples). On 184 judged triples (precision 0.761 at 0.50) the score
separates correct from wrong only from 0.70 up (80 kept, precision 0.787), where it keeps
45 % of the correct ones and would cost the recall list (whose facts must be asserted);
between 0.50 and 0.65 precision does not rise at all. 0.50 drops only statements the score
marks as nearly certainly wrong. The precision gains come from the rules (embedding,
attribution, fragments), not from the threshold; raise it when a refitted score separates
better.
"""

from __future__ import annotations

from kgbuild.extract.registry import ENTITY_FACTS, EVENTS, family_of
from kgbuild.types import MentionKind, Modality, Statement

FEATURES = (
    "rule:active", "rule:passive", "rule:copula", "rule:prepositional", "rule:intransitive",
    "rule:attribution", "rule:quote", "rule:entity-facts", "rule:event",
    "subject:pronoun", "subject:entity", "subject:long", "object:long", "object:none",
    "arguments", "negated", "not-asserted", "reported", "relation:long",
)

INTERCEPT = 0.561
WEIGHTS: dict[str, float] = {
    "rule:active": 0.094, "rule:passive": 0.062, "rule:copula": 0.113, "rule:prepositional": 0.065,
    "rule:intransitive": -0.135, "rule:attribution": 0.227, "rule:quote": -0.196,
    "rule:entity-facts": -0.071, "rule:event": 0.065, "subject:pronoun": 0.017,
    "subject:entity": 0.035, "subject:long": -0.114, "object:long": -0.074, "object:none": -0.332,
    "arguments": 0.009, "negated": 0.012, "not-asserted": -0.003, "reported": -0.165,
    "relation:long": 0.114,
}


def features(statement: Statement) -> list[float]:
    """The feature vector of a statement, in `FEATURES` order."""
    rule = statement.rule.split("#")[-1]
    family = family_of(statement.rule)
    obj = statement.object
    values = {
        "rule:active": rule.startswith("active"),
        "rule:passive": rule.startswith("passive"),
        "rule:copula": rule.startswith("copula") or rule in ("name-modifier", "apposition"),
        "rule:prepositional": rule.endswith("prepositional"),
        "rule:intransitive": rule.endswith("intransitive"),
        "rule:attribution": rule.startswith("attribution"),
        "rule:quote": rule == "attribution-quote",
        "rule:entity-facts": family == ENTITY_FACTS.name,
        "rule:event": family == EVENTS.name,
        "subject:pronoun": statement.subject.kind == MentionKind.PRONOUN,
        "subject:entity": statement.subject.kind == MentionKind.ENTITY,
        "subject:long": len(statement.subject.text.split()) > 6,
        "object:long": obj is not None and len(obj.text.split()) > 12,
        "object:none": obj is None and statement.object_statement is None,
        "arguments": min(len(statement.arguments), 3),
        "negated": statement.negated,
        "not-asserted": statement.modality != Modality.ASSERTED,
        "reported": statement.reported_by is not None,
        "relation:long": len(statement.relation.surface.split()) > 3,
    }
    return [float(values[name]) for name in FEATURES]


PLAIN_TRIPLE_THRESHOLD = 0.5


def is_trusted(score: float) -> bool:
    """A statement this sure may be a plain triple (when its flags allow)."""
    return score >= PLAIN_TRIPLE_THRESHOLD


def confidence(statement: Statement) -> float:
    """The fitted score of a statement, clipped to [0.01, 0.99] and rounded."""
    score = INTERCEPT + sum(WEIGHTS.get(name, 0.0) * value
                            for name, value in zip(FEATURES, features(statement)))
    return round(min(max(score, 0.01), 0.99), 3)
