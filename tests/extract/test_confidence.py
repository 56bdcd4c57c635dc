"""The fitted confidence model ranks what CaRB dev showed to be more often right higher."""

from __future__ import annotations

from dataclasses import replace

from kgbuild.extract.confidence import FEATURES, WEIGHTS, confidence, features
from kgbuild.types import Mention, MentionKind, Relation, Sentence, Statement

SENTENCE = Sentence(index=0, start=0, end=40, text="The council closed the beach on Sunday.")


def mention(text: str, kind: MentionKind = MentionKind.PHRASE) -> Mention:
    return Mention(start=0, end=len(text), text=text, kind=kind, head_start=0, head_end=len(text))


CLOSED = Statement(index=0, subject=mention("The council"), relation=Relation("close", "close", "closed"),
                   object=mention("the beach"), sentence=SENTENCE, rule="kgbuild.clauses.v1#active")


def test_every_feature_has_a_fitted_weight():
    assert set(WEIGHTS) == set(FEATURES)
    assert len(features(CLOSED)) == len(FEATURES)


def test_a_statement_without_object_ranks_below_one_with():
    intransitive = replace(CLOSED, object=None, rule="kgbuild.clauses.v1#active-intransitive")
    assert confidence(intransitive) < confidence(CLOSED)


def test_a_reported_clause_ranks_below_the_same_clause_stated():
    assert confidence(replace(CLOSED, reported_by=3)) < confidence(CLOSED)


def test_scores_stay_inside_zero_and_one():
    extreme = replace(CLOSED, object=None, reported_by=1, rule="kgbuild.clauses.v1#attribution-quote",
                      subject=mention("a very long subject phrase of many more words"))
    assert 0 < confidence(extreme) < confidence(CLOSED) < 1
