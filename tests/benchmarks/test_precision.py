"""benchmarks/precision.py without a model: keys, verdict reuse, figures, recall matching,
the dev-set rule and the stored judgments. The full benchmark (24 parses) is run by hand."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest
from rdflib import Dataset

from kgbuild.graph.vocab import PREFIXES

REPO = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("precision_benchmark", REPO / "benchmarks" / "precision.py")
precision = importlib.util.module_from_spec(_spec)
sys.modules["precision_benchmark"] = precision
_spec.loader.exec_module(precision)

BASE = "https://w3id.org/kgbuild/id/article/A/"
#: A hand-made graph of one article, in the shape kgbuild writes: "The minister said the
#: report was wrong." (a reported statement and its attribution) and a stated fact.
GRAPH = """
@prefix kg: <https://w3id.org/kgbuild/ns#> . @prefix rel: <https://w3id.org/kgbuild/relation/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> . @prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix a: <https://w3id.org/kgbuild/id/article/A/> . @prefix e: <https://w3id.org/kgbuild/id/entity/> .
<https://w3id.org/kgbuild/id/article/A/graph> {
a:sentence\\/0 a nif:Sentence ; schema:isPartOf <https://w3id.org/kgbuild/id/article/A> ;
    nif:beginIndex 0 ; nif:endIndex 40 ; nif:anchorOf "Mr Smith said the report was wrong." .
a:sentence\\/1 a nif:Sentence ; schema:isPartOf <https://w3id.org/kgbuild/id/article/A> ;
    nif:beginIndex 41 ; nif:endIndex 80 ; nif:anchorOf "Acme bought Widget Ltd on Monday." .
e:smith a kg:Entity, schema:Person ; rdfs:label "John Smith" ; skos:altLabel "Smith" ;
    kg:mentionedIn <https://w3id.org/kgbuild/id/article/A> .
e:acme a kg:Entity, schema:Organization ; rdfs:label "Acme" ; kg:mentionedIn <https://w3id.org/kgbuild/id/article/A> .
e:widget a kg:Entity, schema:Organization ; rdfs:label "Widget Ltd" ; kg:mentionedIn <https://w3id.org/kgbuild/id/article/A> .
a:phrase\\/the-report a kg:NounPhrase ; rdfs:label "the report" .
a:phrase\\/wrong a kg:NounPhrase ; rdfs:label "wrong" .
rel:say rdfs:label "say" . rel:be rdfs:label "be" . rel:buy rdfs:label "buy" .
a:statement\\/1 a rdf:Statement ; rdf:subject a:phrase\\/the-report ; rdf:predicate rel:be ; rdf:object a:phrase\\/wrong ;
    kg:relationText "was" ; kg:negated false ; kg:modality kg:Asserted ; kg:asserted false ;
    kg:attributedTo e:smith ; kg:reportedBy a:statement\\/2 ; kg:confidence 0.5 ;
    kg:extractionRule "kgbuild.clauses.v1#copula" ; prov:wasDerivedFrom a:sentence\\/0 .
a:statement\\/2 a rdf:Statement ; rdf:subject e:smith ; rdf:predicate rel:say ; rdf:object a:statement\\/1 ;
    kg:relationText "said" ; kg:negated false ; kg:modality kg:Asserted ; kg:asserted true ; kg:confidence 0.8 ;
    kg:extractionRule "kgbuild.clauses.v1#attribution" ; prov:wasDerivedFrom a:sentence\\/0 .
e:smith rel:say a:statement\\/1 .
a:statement\\/3 a rdf:Statement ; rdf:subject e:acme ; rdf:predicate rel:buy ; rdf:object e:widget ;
    kg:relationText "bought" ; kg:negated NEGATED ; kg:modality kg:Asserted ; kg:asserted true ; kg:confidence CONFIDENCE ;
    kg:argument [ a kg:Argument ; kg:role "on" ; kg:value "Monday" ] ;
    kg:extractionRule "kgbuild.clauses.v1#active" ; prov:wasDerivedFrom a:sentence\\/1 .
e:acme rel:buy e:widget .
}
"""


def items(negated: str = "false", confidence: str = "0.9"):
    dataset = Dataset(default_union=True)
    dataset.parse(data=GRAPH.replace("NEGATED", negated).replace("CONFIDENCE", confidence), format="trig")

    def query(sparql: str):
        return dataset.query(sparql, initNs=dict(PREFIXES))

    return precision.items_of_graph(query, "A")


def by_subject(found, subject):
    (item,) = [i for i in found if i.kind == "statement" and i.fields["subject"] == subject]
    return item


def test_items_are_what_a_reader_sees():
    found, sentences = items()
    assert [s[2] for s in sentences] == ["Mr Smith said the report was wrong.", "Acme bought Widget Ltd on Monday."]
    said = by_subject(found, "John Smith")
    assert said.fields["object"] == "[the report | be | wrong]"
    assert said.asserted and said.plain and said.rule == "kgbuild.clauses.v1#attribution"
    reported = by_subject(found, "the report")
    assert not reported.asserted and not reported.plain
    assert reported.fields["speaker"] == "John Smith" and reported.fields["reportedBy"] == "John Smith | say"
    bought = by_subject(found, "Acme")
    assert bought.fields["arguments"] == ["on=Monday"] and bought.fields["sentence"] == [41, 80]
    entities = {i.fields["label"]: i.fields for i in found if i.kind == "entity"}
    assert entities["John Smith"] == {"label": "John Smith", "types": ["Person"], "otherNames": ["Smith"]}
    assert len(entities) == 3


def test_key_ignores_confidence_but_not_flags():
    before = {i.key for i in items()[0]}
    assert {i.key for i in items(confidence="0.2")[0]} == before
    negated = {i.key for i in items(negated="true")[0]}
    assert len(before - negated) == 1  # only "Acme bought Widget Ltd" changed
    assert by_subject(items(negated="true")[0], "Acme").key not in before


def test_recorded_verdicts_are_reused_and_changed_items_come_back_unjudged(tmp_path):
    found, sentences = items()
    todo = tmp_path / "todo"
    assert precision.write_todo(todo, "A", found, sentences, {}) == len(found)
    listing = (todo / "A.md").read_text()
    assert ">> Acme bought Widget Ltd on Monday." in listing and "TRIPLE Acme | buy | Widget Ltd + on=Monday" in listing
    numbers = {(entry["kind"], entry["item"].get("subject") or entry["item"].get("label")): entry["number"]
               for entry in json.loads((todo / "A.json").read_text())["items"]}
    numbers = {name: number for (kind, name), number in numbers.items() if kind == "statement"} | {
        name: number for (kind, name), number in numbers.items() if kind == "entity" and name == "Widget Ltd"}
    verdicts = [f"{numbers['John Smith']} C -- he said so", f"{numbers['the report']} ok",
                f"{numbers['Acme']} S asserted-reported -- only a plan",
                f"{numbers['Widget Ltd']} wrong-type -- a person here"]
    judged = tmp_path / "judgments"
    assert precision.record(todo / "A.json", verdicts, judged) == 4
    judgments = precision.read_judgments(judged / "A.jsonl")
    assert judgments[by_subject(found, "Acme").key].errors == ("asserted-reported",)
    # Same extraction: the verdicts hold; the two entities nobody judged are still to do.
    assert precision.write_todo(todo, "A", items()[0], sentences, judgments) == 2
    # The fact now negated: a new item, unjudged; the other verdicts still hold.
    assert precision.write_todo(todo, "A", items(negated="true")[0], sentences, judgments) == 3
    assert "negated=true" in (todo / "A.md").read_text()


def test_record_refuses_a_verdict_the_protocol_does_not_have(tmp_path):
    found, sentences = items()
    precision.write_todo(tmp_path, "A", found, sentences, {})
    number = next(e["number"] for e in json.loads((tmp_path / "A.json").read_text())["items"]
                  if e["item"].get("subject") == "the report")
    with pytest.raises(ValueError, match="'C'.*ok, pronoun, wrong, junk"):  # not asserted: no triple verdict
        precision.record(tmp_path / "A.json", [f"{number} C"], tmp_path / "j")
    with pytest.raises(ValueError, match="unknown flag error 'speakerless'"):
        precision.record(tmp_path / "A.json", [f"{number} ok speakerless"], tmp_path / "j")
    assert list(precision.parse_verdicts(["7 ok modality negation-wrong-clause -- a recommendation",
                                          "8 J/pronoun -- he", "# a comment", "9 wrong-type"])) == [
        (7, "ok", None, ("modality", "negation-wrong-clause"), "a recommendation"),
        (8, "J", "pronoun", (), "he"), (9, "wrong-type", None, (), "")]
    with pytest.raises(ValueError, match="line 1: cannot read"):
        list(precision.parse_verdicts(["C for the first one"]))


def statement(key, *, asserted, rule="kgbuild.clauses.v1#active", **fields):
    base = precision.statement_fields(sentence=(0, 10), subject=key, relation="r", cue="r", object_text="o",
                                      arguments=(), negated=False, modality="Asserted", asserted=asserted,
                                      speaker=None, reported_by=None)
    return precision.Item("statement", "A", {**base, **fields}, rule=rule, sentence="s", plain=asserted)


def judged(item, verdict, *errors, node=None):
    return precision.Judgment(key=item.key, kind=item.kind, verdict=verdict, statement=node, errors=errors)


def test_figures_of_a_tiny_judged_set():
    c1, c2 = statement("c1", asserted=True), statement("c2", asserted=True, rule="kgbuild.clauses.v1#attribution")
    w, s, j = statement("w", asserted=True), statement("s", asserted=True), statement("j", asserted=True)
    s_bare = statement("s2", asserted=True)  # S with no error named: still not reasonable
    he = statement("he", asserted=True, rule="kgbuild.clauses.v1#attribution")
    ok, bad_flag, junk = statement("ok", asserted=False), statement("nf", asserted=False), statement("junk", asserted=False)
    unjudged = statement("later", asserted=True)
    # Asserted but with no triple in the default graph (no object): a statement, not a triple.
    objectless = precision.Item("statement", "A", {**statement("none", asserted=True).fields}, sentence="s")
    person = precision.Item("entity", "A", precision.entity_fields(label="Acme", types=["Person"], other_names=()))
    place = precision.Item("entity", "A", precision.entity_fields(label="Leeds", types=["Place"], other_names=()))
    judgments = {x.key: x for x in [
        judged(c1, "C"), judged(c2, "C"), judged(w, "W"), judged(s, "S", "asserted-reported"), judged(s_bare, "S"),
        judged(j, "J"),
        judged(he, "J", node="pronoun"), judged(ok, "ok"), judged(bad_flag, "ok", "no-speaker", "modality"),
        judged(junk, "junk", "missed-negation"),  # flags on junk are not counted
        judged(objectless, "J"),
        judged(person, "wrong-type"), judged(place, "ok")]}
    result = precision.figures({"A": [c1, c2, w, s, s_bare, j, he, ok, bad_flag, junk, objectless, unjudged, person, place]},
                               judgments)
    assert result["plain_triples"] == {"judged": 7, "C": 2, "W": 1, "S": 2, "J": 2, "precision": 0.286}
    assert result["statements"]["judged"] == 11
    assert result["statements"]["reasonable"] == 3  # c1, c2, ok (s has a flag error, bad_flag two)
    assert (result["statements"]["ok"], result["statements"]["pronoun"], result["statements"]["junk"]) == (6, 1, 3)
    flags = result["flag_errors"]
    assert (flags["asserted-reported"], flags["no-speaker"], flags["modality"], flags["missed-negation"]) == (1, 1, 1, 0)
    assert result["entities"]["wrong-type_share"] == 0.5 and result["entities"]["junk_share"] == 0.0
    attribution = result["by_rule"]["clauses#attribution"]
    assert (attribution["triples"], attribution["C"], attribution["precision"]) == (2, 1, 0.5)
    assert result["judged_share"] == {"statements": 0.917, "entities": 1.0, "all": 0.929, "items": 14, "unjudged": 1}


def test_recall_needs_every_field_and_the_right_flags():
    fact = precision.recall_fact({"id": "r1", "subject": "the report", "relation": ["be"], "object": "wrong",
                                  "speaker": "Smith", "sentence": "report was wrong"})
    found, _ = items()
    assert precision.matches(fact, by_subject(found, "the report"))
    denied = by_subject(found, "the report")
    assert not precision.matches(fact, precision.Item("statement", "A", {**denied.fields, "negated": True},
                                                      sentence=denied.sentence))
    assert not precision.matches(fact, precision.Item("statement", "A", {**denied.fields, "asserted": True,
                                                                          "speaker": None}, sentence=denied.sentence))
    stated = precision.recall_fact({"id": "r2", "subject": "Acme", "relation": ["buy", "acquire"],
                                    "object": "Widget Monday", "speaker": None})
    assert precision.matches(stated, by_subject(found, "Acme"))
    assert not precision.matches(stated, by_subject(found, "John Smith"))
    # The relation is matched on its label, not the cue as written; inflections are allowed.
    bought = by_subject(found, "Acme")
    assert precision.matches(precision.recall_fact({"id": "r", "subject": "Acme", "relation": "buy",
                                                    "object": "", "speaker": None}), bought)
    assert not precision.matches(precision.recall_fact({"id": "r", "subject": "Acme", "relation": "bought",
                                                        "object": "", "speaker": None}), bought)
    # A statement judged wrong carries no fact.
    wrong = {bought.key: judged(bought, "W")}
    assert precision.figures({"A": found}, wrong, {"A": [stated]})["recall"]["found"] == 0
    result = precision.figures({"A": found}, {}, {"A": [fact, stated, precision.recall_fact(
        {"id": "r3", "subject": "Acme", "relation": "sell", "object": "Widget", "speaker": None})]})
    assert result["recall"] == {"listed": 3, "found": 2, "share": 0.667, "missed": ["A/r3"]}


def test_rule_families_drop_the_version():
    assert precision.rule_family("kgbuild.clauses.v1#attribution") == "clauses#attribution"
    assert precision.rule_family("kgbuild.entity-facts.v2#apposition") == "entity-facts#apposition"
    assert precision.rule_family("") == "(none)"


def test_held_out_ids_are_never_in_the_dev_set():
    # Made-up ids, built so that no held-out id is written in the repository.
    listed = {"reuters21578-99999"}
    ending_in_4 = [f"bbc-tech-00{4}", f"reuters21578-12{4}"]
    assert all(precision.held_out(article_id, listed) for article_id in ending_in_4)
    assert precision.held_out("reuters21578-99999", listed)
    assert not precision.held_out("bbc-politics-054", listed) and not precision.held_out("bbc-tech-040", listed)


def test_the_rule_gives_the_stored_dev_set(shared_dir):
    chosen = precision.select_dev_set(shared_dir / "corpora", shared_dir / "precision" / "holdout.txt")
    assert chosen == precision.dev_set()
    listed = precision.holdout_ids(shared_dir / "precision" / "holdout.txt")
    assert not any(precision.held_out(e["id"], listed) for e in chosen)
    assert [e["source"] for e in chosen].count("bbc") == 10 and len(chosen) == 24


def test_stored_judgments_and_recall_lists_are_well_formed():
    ids = {e["id"] for e in precision.dev_set()}
    for path in sorted(precision.JUDGMENTS.glob("*.jsonl")):
        assert path.stem in ids, f"{path.name} is not a dev-set article"
        for key in precision.read_judgments(path):
            record = next(json.loads(line) for line in path.read_text().splitlines() if key in line)
            assert precision.item_key(record["kind"], path.stem, record["item"]) == key, f"{path.name}: {key}"
    for path in sorted(precision.RECALL.glob("*.jsonl")):
        assert path.stem in ids and precision.read_recall(path)


def test_verdicts_follow_a_moved_sentence_only_when_asked(tmp_path):
    found, sentences = items()
    precision.write_todo(tmp_path, "A", found, sentences, {})
    entries = json.loads((tmp_path / "A.json").read_text())["items"]
    acme = next(e["number"] for e in entries if e["item"].get("subject") == "Acme")
    precision.record(tmp_path / "A.json", [f"{acme} C -- bought it"], tmp_path / "j")
    # Text was put before the second sentence: same sentence, same reading, other offsets.
    bought = by_subject(found, "Acme")
    moved = precision.Item("statement", "A", {**bought.fields, "sentence": [60, 99]}, sentence=bought.sentence, plain=True)
    reworded = precision.Item("statement", "A", {**bought.fields, "sentence": [60, 100]},
                              sentence="Acme bought Widget Ltd on Tuesday.", plain=True)
    judgments = precision.read_judgments(tmp_path / "j" / "A.jsonl")
    assert moved.key not in judgments
    carried = precision.carry_moved([moved, reworded], judgments, precision.read_moved(tmp_path / "j" / "A.jsonl"))
    assert carried == 1 and judgments[moved.key].verdict == "C" and reworded.key not in judgments
