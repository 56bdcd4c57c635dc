"""Would a careful reader sign it? Precision of kgbuild's output on a judged set of real news.

Run by hand (it parses the 24 development articles, about a minute):

    .venv/bin/python benchmarks/precision.py                      # figures over the dev set
    .venv/bin/python benchmarks/precision.py --articles bbc-business-006 reuters21578-12
    .venv/bin/python benchmarks/precision.py --todo /tmp/todo     # + to-do list of unjudged items
    .venv/bin/python benchmarks/precision.py --json               # figures as JSON
    .venv/bin/python benchmarks/precision.py --record /tmp/todo/bbc-business-006.json VERDICTS.txt

It builds each article of the development set (`benchmarks/precision/dev-set.jsonl`, chosen
by the rule in `benchmarks/precision/README.md`) on its own with the current kgbuild, takes
every item the protocol (`../shared/precision/PROTOCOL.md`) judges — every statement node
(an asserted one gets a triple verdict too, and counts as a plain triple when its triple is
in the default graph) and every entity node — and looks each up in the
stored judgments (`benchmarks/precision/judgments/<article>.jsonl`) by its key: what a reader
sees (article, sentence offsets, subject, relation, object with its arguments, flags; for an
entity its label, other names and types). An item whose key is unchanged keeps its verdict
when the rules change; a new one is unjudged until a judge records a verdict. Figures are
over judged items, with the share judged beside them.

Verdicts (one line per item in the judgments file):
    plain triple (asserted statement): C | W | S | J       precision = C / (C + W + S + J)
    statement node:                    ok | pronoun | wrong | junk
        an asserted statement's node verdict follows its triple verdict unless given
        (C, S → ok; W → wrong; J → junk); "reasonable" = ok, no flag error and not an S triple
    flag errors on a statement (any number): see FLAG_ERRORS
    entity: ok | wrong-type | split | merge | junk
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import textwrap
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DATA = HERE / "precision"
JUDGMENTS = DATA / "judgments"
RECALL = DATA / "recall"
DEV_SET = DATA / "dev-set.jsonl"
SHARED = HERE.parents[1] / "shared"
CORPORA = SHARED / "corpora"
HOLDOUT = SHARED / "precision" / "holdout.txt"

TRIPLE_VERDICTS = ("C", "W", "S", "J")
STATEMENT_VERDICTS = ("ok", "pronoun", "wrong", "junk")
ENTITY_VERDICTS = ("ok", "wrong-type", "split", "merge", "junk")
#: Flag errors of the protocol, by the code a judge writes, with what each means.
FLAG_ERRORS = {
    "no-speaker": "reported claim with no speaker",
    "generic-speaker": "speaker a pronoun or generic phrase though named nearby",
    "wrong-speaker": "wrong speaker",
    "missed-negation": "missed negation",
    "negation-wrong-clause": "negation on the wrong clause",
    "inverted-negation": "double or inverted negation (says the opposite of the sentence)",
    "modality": "modality missed or mislabelled (could, may, whether, if, agreed to, plans to)",
    "asserted-reported": "asserted though reported",
    # Not in the protocol's list; kept apart so recall losses are visible on the node too:
    "not-asserted": "the article's own plain fact left unasserted (no speaker, no hedge)",
    # Not a flag, but counted the same way for the pronoun work (issue "Who is who"):
    "wrong-antecedent": "a pronoun linked to the wrong entity",
}
#: A triple verdict's statement-node verdict, unless the judge gives another.
STATEMENT_OF_TRIPLE = {"C": "ok", "S": "ok", "W": "wrong", "J": "junk"}

# -- the development set -----------------------------------------------------------------

#: The selection rule (README of the data folder says it in words). Lengths are of the body
#: text in characters (for pages: of the corpus's ground-truth body).
BBC_CATEGORIES = ("business", "entertainment", "politics", "sport", "tech")
BBC_PER_CATEGORY = 2
BBC_LENGTH = (700, 1300)
REUTERS_COUNT = 8
REUTERS_LENGTH = (600, 1300)
HTML_COUNT = 6


def held_out(article_id: str, listed: set[str]) -> bool:
    """Whether an article is held out: listed, or a BBC/Reuters id whose number ends in 4."""
    if article_id in listed:
        return True
    if article_id == "bbc-politics-054":
        return False
    number = re.search(r"(?:bbc-[a-z]+-|reuters21578-)(\d+)$", article_id)
    return number is not None and number.group(1).endswith("4")


def holdout_ids(path: Path = HOLDOUT) -> set[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")}


def select_dev_set(corpora: Path = CORPORA, holdout: Path = HOLDOUT) -> list[dict[str, Any]]:
    """The development set by the written rule: ids in corpus order, never a held-out one."""
    listed = holdout_ids(holdout)
    chosen: list[dict[str, Any]] = []
    later_copies = {i for group in json.loads((corpora / "bbc" / "duplicates.json").read_text())["groups"]
                    for i in group[1:]}
    bbc = [json.loads(line) for line in (corpora / "bbc" / "articles.jsonl").open(encoding="utf-8")]
    for category in BBC_CATEGORIES:
        picked = [r for r in bbc if r["category"] == category and r["id"] not in later_copies
                  and not held_out(r["id"], listed) and BBC_LENGTH[0] <= len(r["text"]) <= BBC_LENGTH[1]]
        picked.sort(key=lambda r: int(r["id"].rsplit("-", 1)[1]))
        chosen += [{"id": r["id"], "source": "bbc", "chars": len(r["text"])} for r in picked[:BBC_PER_CATEGORY]]
    reuters = [json.loads(line) for line in (corpora / "reuters21578" / "articles.jsonl").open(encoding="utf-8")]
    picked = [r for r in reuters if not held_out(r["id"], listed)
              and REUTERS_LENGTH[0] <= len(r["text"]) <= REUTERS_LENGTH[1]]
    picked.sort(key=lambda r: int(r["id"].rsplit("-", 1)[1]))
    chosen += [{"id": r["id"], "source": "reuters21578", "chars": len(r["text"])} for r in picked[:REUTERS_COUNT]]
    pages = [json.loads(line) for line in (corpora / "html" / "manifest.jsonl").open(encoding="utf-8")]
    pages = sorted((p for p in pages if p["id"] not in listed), key=lambda p: (p["ground_truth_chars"], p["id"]))
    chosen += [{"id": p["id"], "source": "html", "chars": p["ground_truth_chars"], "file": p["file"],
                "domain": p["domain"]} for p in pages[:HTML_COUNT]]
    return chosen


def dev_set(path: Path = DEV_SET) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_articles(entries: Sequence[Mapping[str, Any]], corpora: Path = CORPORA) -> list[Any]:
    """The dev-set entries as `kgbuild.Article`s: corpus records as they are, pages through
    kgbuild's own HTML reader (furniture rules included), as `kgbuild build page.html` reads them."""
    from kgbuild.ingest import read_articles
    from kgbuild.types import Article

    wanted = {e["id"]: e for e in entries}
    records: dict[str, Any] = {}
    for source, name in (("bbc", "bbc"), ("reuters21578", "reuters21578")):
        if any(e["source"] == source for e in entries):
            with (corpora / name / "articles.jsonl").open(encoding="utf-8") as lines:
                for line in lines:
                    record = json.loads(line)
                    if record["id"] in wanted:
                        records[record["id"]] = Article(id=record["id"], text=record["text"],
                                                        title=record.get("title"), source=record.get("source"))
    for entry in entries:
        if entry["source"] == "html":
            (page,) = read_articles([corpora / "html" / entry["file"]])
            records[entry["id"]] = page
    return [records[e["id"]] for e in entries]


# -- items and their keys ----------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One judged thing as a reader sees it. `key` fields decide identity; the rest is context."""

    kind: str  # "statement" or "entity"
    article: str
    fields: Mapping[str, Any]  # the key fields (see statement_fields / entity_fields)
    rule: str = ""  # kg:extractionRule (statements)
    sentence: str = ""  # the sentence text (statements)
    plain: bool = False  # an asserted statement whose triple is in the default graph

    @property
    def key(self) -> str:
        return item_key(self.kind, self.article, self.fields)

    @property
    def asserted(self) -> bool:
        return bool(self.fields.get("asserted"))


def item_key(kind: str, article: str, fields: Mapping[str, Any]) -> str:
    """A short stable digest of what a reader sees; equal fields give an equal key."""
    canonical = json.dumps([kind, article, fields], sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:20]


def statement_fields(*, sentence: tuple[int, int], subject: str, relation: str, cue: str, object_text: str,
                     arguments: Iterable[str], negated: bool, modality: str, asserted: bool,
                     speaker: str | None, reported_by: str | None) -> dict[str, Any]:
    """The protocol's key of a statement: sentence offsets, subject, relation, object with its
    arguments, flags (negated, modality, asserted, speaker, who reports it)."""
    return {"sentence": list(sentence), "subject": subject, "relation": relation, "cue": cue,
            "object": object_text, "arguments": sorted(arguments), "negated": negated, "modality": modality,
            "asserted": asserted, "speaker": speaker, "reportedBy": reported_by}


def entity_fields(*, label: str, types: Iterable[str], other_names: Iterable[str]) -> dict[str, Any]:
    return {"label": label, "types": sorted(types), "otherNames": sorted(other_names)}


# -- reading items out of a graph --------------------------------------------------------

_STATEMENTS = """
SELECT ?st ?s ?p ?o ?plabel ?cue ?neg ?mod ?asserted ?speaker ?reporter ?rule ?begin ?end ?text WHERE {
  ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
      prov:wasDerivedFrom ?sentence .
  ?sentence schema:isPartOf ?article ; nif:beginIndex ?begin ; nif:endIndex ?end ; nif:anchorOf ?text .
  OPTIONAL { ?p rdfs:label ?plabel }
  OPTIONAL { ?st kg:relationText ?cue }
  OPTIONAL { ?st kg:negated ?neg }
  OPTIONAL { ?st kg:modality ?mod }
  OPTIONAL { ?st kg:asserted ?asserted }
  OPTIONAL { ?st kg:attributedTo ?speaker }
  OPTIONAL { ?st kg:reportedBy ?reporter }
  OPTIONAL { ?st kg:extractionRule ?rule }
}"""
_ARGUMENTS = "SELECT ?st ?role ?value WHERE { ?st a rdf:Statement ; kg:argument ?a . ?a kg:role ?role ; kg:value ?value }"
_LABELS = "SELECT ?n ?label WHERE { ?n rdfs:label ?label }"
_ENTITIES = """
SELECT ?e ?label ?class WHERE { ?e a kg:Entity ; rdfs:label ?label ; kg:mentionedIn ?article ; a ?class .
  FILTER (?class != kg:Entity) }"""
_OTHER_NAMES = "SELECT ?e ?name WHERE { ?e a kg:Entity ; skos:altLabel ?name }"
_SENTENCES = """SELECT ?begin ?end ?text WHERE {
  ?s a nif:Sentence ; nif:beginIndex ?begin ; nif:endIndex ?end ; nif:anchorOf ?text }"""
_PLAIN = "SELECT ?s ?p ?o WHERE { ?s ?p ?o . FILTER (STRSTARTS(STR(?p), STR(rel:))) }"


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def items_of_graph(query, article: str) -> tuple[list[Item], list[tuple[int, int, str]]]:
    """Every statement and entity item of one article's graph, and its sentences.

    `query` runs SPARQL with kgbuild's prefixes and returns rows of rdflib terms (a
    `KnowledgeGraph.query`), so the same code reads a fresh build or a stored graph.
    """
    labels = {str(n): str(label) for n, label in query(_LABELS)}
    rows = list(query(_STATEMENTS))
    by_statement = {str(r[0]): r for r in rows}
    arguments: dict[str, list[str]] = defaultdict(list)
    for st, role, value in query(_ARGUMENTS):
        arguments[str(st)].append(f"{role}={labels.get(str(value), str(value))}")
    plain = {(str(s), str(p), str(o)) for s, p, o in query(_PLAIN)}

    def text(node: str, depth: int = 0) -> str:
        if node in by_statement and depth < 3:
            row = by_statement[node]
            relation = str(row[4]) if row[4] is not None else _local(str(row[2]))
            # A reported clause shows its own flags, so that "X said [NOT ...]" and "X said
            # [...]" are different items to a reader (and get different keys).
            if row[6] is not None and row[6].toPython():
                relation = f"NOT {relation}"
            if row[7] is not None and _local(str(row[7])) != "Asserted":
                relation = f"{relation} ({_local(str(row[7]))})"
            return f"[{text(str(row[1]), depth + 1)} | {relation} | {text(str(row[3]), depth + 1)}]"
        if node.endswith("#NoObject"):
            return ""
        return labels.get(node, _local(node))

    items = []
    for st, s, p, o, plabel, cue, neg, mod, asserted, speaker, reporter, rule, begin, end, sentence in rows:
        reporting = by_statement.get(str(reporter)) if reporter is not None else None
        fields = statement_fields(
            sentence=(int(begin), int(end)), subject=text(str(s)),
            relation=str(plabel) if plabel is not None else _local(str(p)),
            cue=str(cue) if cue is not None else "", object_text=text(str(o)),
            arguments=arguments.get(str(st), ()), negated=bool(neg is not None and neg.toPython()),
            modality=_local(str(mod)) if mod is not None else "",
            asserted=bool(asserted is not None and asserted.toPython()),
            speaker=text(str(speaker)) if speaker is not None else None,
            reported_by=(f"{text(str(reporting[1]))} | {reporting[4] or _local(str(reporting[2]))}"
                         if reporting is not None else None))
        items.append(Item("statement", article, fields, rule=str(rule or ""), sentence=str(sentence),
                          plain=(str(s), str(p), str(o)) in plain and fields["asserted"]))
    types: dict[str, set[str]] = defaultdict(set)
    entity_labels: dict[str, str] = {}
    for e, label, kind in query(_ENTITIES):
        types[str(e)].add(_local(str(kind)))
        entity_labels[str(e)] = str(label)
    other: dict[str, set[str]] = defaultdict(set)
    for e, name in query(_OTHER_NAMES):
        other[str(e)].add(str(name))
    for e, label in entity_labels.items():
        items.append(Item("entity", article, entity_fields(label=label, types=types[e], other_names=other[e])))
    items.sort(key=_order)
    sentences = sorted((int(b), int(e), str(t)) for b, e, t in query(_SENTENCES))
    return _unique(items), sentences


def _order(item: Item) -> tuple:
    if item.kind == "entity":
        return (1, 0, item.fields["label"], item.key)
    return (0, item.fields["sentence"][0], item.key)


def _unique(items: list[Item]) -> list[Item]:
    """Two statement nodes a reader cannot tell apart are one item (judged once)."""
    seen: set[str] = set()
    kept = []
    for item in items:
        if item.key not in seen:
            seen.add(item.key)
            kept.append(item)
    return kept


def build_items(articles: Sequence[Any], *, progress=None) -> dict[str, tuple[list[Item], list]]:
    """Build each article alone (so its items do not depend on which others are in the run)."""
    import kgbuild

    out = {}
    for article in articles:
        graph = kgbuild.build([article])
        out[article.id] = items_of_graph(graph.query, article.id)
        if progress:
            progress(article.id, len(out[article.id][0]))
    return out


# -- judgments ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Judgment:
    key: str
    kind: str
    verdict: str  # C/W/S/J for an asserted statement, ok/pronoun/wrong/junk otherwise; entity verdicts
    statement: str | None = None  # node verdict of an asserted statement when not its triple's default
    errors: tuple[str, ...] = ()
    reason: str = ""

    @property
    def node_verdict(self) -> str:
        if self.statement:
            return self.statement
        return STATEMENT_OF_TRIPLE.get(self.verdict, self.verdict)


def check_judgment(judgment: Judgment, item: Item | None = None) -> None:
    """Raise ValueError naming the problem when a judgment is not one the protocol allows."""
    if judgment.kind == "entity":
        allowed: Sequence[str] = ENTITY_VERDICTS
    elif item is not None and item.kind == "statement":
        allowed = TRIPLE_VERDICTS if item.asserted else STATEMENT_VERDICTS
    else:
        allowed = TRIPLE_VERDICTS + STATEMENT_VERDICTS
    if judgment.verdict not in allowed:
        raise ValueError(f"verdict {judgment.verdict!r} for {judgment.key}; use one of: {', '.join(allowed)}")
    if judgment.statement is not None and judgment.statement not in STATEMENT_VERDICTS:
        raise ValueError(f"statement verdict {judgment.statement!r} for {judgment.key}; "
                         f"use one of: {', '.join(STATEMENT_VERDICTS)}")
    unknown = [e for e in judgment.errors if e not in FLAG_ERRORS]
    if unknown:
        raise ValueError(f"unknown flag error {unknown[0]!r} for {judgment.key}; use: {', '.join(FLAG_ERRORS)}")


def judgment_record(item: Item, judgment: Judgment) -> dict[str, Any]:
    record: dict[str, Any] = {"key": item.key, "kind": item.kind, "item": dict(item.fields), "verdict": judgment.verdict}
    if judgment.statement:
        record["statement"] = judgment.statement
    if judgment.errors:
        record["errors"] = list(judgment.errors)
    record["reason"] = judgment.reason
    if item.sentence:  # not part of the key: lets --carry-moved find the sentence again
        record["sentenceText"] = item.sentence
    return record


def moved_key(kind: str, article: str, fields: Mapping[str, Any], sentence: str) -> str:
    """The key of a statement with its sentence's offsets replaced by the sentence's text:
    the same for an item whose sentence only moved (text before it changed)."""
    unplaced = {name: value for name, value in fields.items() if name != "sentence"}
    return item_key(kind + "@text", article, {**unplaced, "sentenceText": sentence})


def read_moved(path: Path) -> dict[str, Judgment]:
    """An article's statement judgments by `moved_key` (records that carry their sentence)."""
    moved: dict[str, Judgment] = {}
    if not path.exists():
        return moved
    judgments = read_judgments(path)
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            if record["kind"] == "statement" and record.get("sentenceText"):
                moved[moved_key("statement", path.stem, record["item"], record["sentenceText"])] = judgments[record["key"]]
    return moved


def carry_moved(items: Iterable[Item], judgments: dict[str, Judgment], moved: Mapping[str, Judgment]) -> int:
    """Give an unjudged statement the verdict of one that reads the same in the same sentence
    text at other offsets; returns how many were carried (added to `judgments`)."""
    carried = 0
    for item in items:
        if item.kind == "statement" and item.key not in judgments:
            judgment = moved.get(moved_key(item.kind, item.article, item.fields, item.sentence))
            if judgment is not None:
                judgments[item.key] = judgment
                carried += 1
    return carried


def read_judgments(path: Path) -> dict[str, Judgment]:
    """One article's judgments by key; a bad line is an error naming the file and line."""
    judgments: dict[str, Judgment] = {}
    if not path.exists():
        return judgments
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            judgment = Judgment(key=record["key"], kind=record["kind"], verdict=record["verdict"],
                                statement=record.get("statement"), errors=tuple(record.get("errors", ())),
                                reason=record.get("reason", ""))
            check_judgment(judgment)
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(f"{path}:{number}: {error}") from error
        judgments[judgment.key] = judgment
    return judgments


def write_judgments(path: Path, records: Iterable[Mapping[str, Any]]) -> None:
    """Write records sorted by key, one JSON object a line (stable diffs)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in sorted(records, key=lambda r: r["key"])]
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def merge_judgments(existing: Iterable[Mapping[str, Any]], new: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Existing records with the new ones added; a new verdict for a key replaces the old one.
    Records of items no longer produced are kept: a rule change may bring them back."""
    merged = {r["key"]: dict(r) for r in existing}
    for record in new:
        merged[record["key"]] = dict(record)
    return list(merged.values())


# -- recall ------------------------------------------------------------------------------


@dataclass(frozen=True)
class RecallFact:
    """A fact the judge listed for an article: found when one statement matches every field.

    All word lists match case-insensitively as whole words (a word of the fact, or one of its
    regular inflections, must be a word of the statement's text). `subject`, `object` (a string or a list of alternatives): all
    words of one alternative must be in the statement's subject (object text, arguments
    included); `relation`: alternatives, one of which must have all its words in the
    relation's label (`rdfs:label` of the `rel:` IRI: what `?s rel:x ?o` finds, so a wrong
    lemma is a miss even when the cue as written is right); `speaker`: words that
    must all be in the speaker (kg:attributedTo); `asserted` must equal (default: true exactly
    when no speaker is given; a future or hedged fact of the article's own is listed with
    `"asserted": false`); `negated` must equal; `modality`, when given, must equal;
    `sentence`: words the statement's sentence must contain.
    """

    id: str
    subject: tuple[tuple[str, ...], ...]
    relation: tuple[tuple[str, ...], ...]
    object: tuple[tuple[str, ...], ...]
    speaker: tuple[str, ...] | None
    asserted: bool = True
    negated: bool = False
    modality: str | None = None
    sentence: str = ""
    note: str = ""


_WORD = re.compile(r"[\w%$£€.'-]+")


def _words(text: str) -> list[str]:
    return [w.strip(".'").lower() for w in _WORD.findall(text) if w.strip(".'")]


def _forms(word: str) -> set[str]:
    """A word and its regular inflections ("unveil" → unveiled, unveils, unveiling), so a
    fact's word finds the label's lemma or the cue as written; irregular forms ("hold",
    "held") are listed by the judge as alternatives."""
    forms = {word, word + "s", word + "es", word + "d", word + "ed", word + "ing"}
    if word.endswith("e"):
        forms.add(word[:-1] + "ing")
    if word.endswith("y"):
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    if len(word) > 2 and word[-1] not in "aeiouwy" and word[-2] in "aeiou":
        forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}  # stop → stopped
    return forms


def _contains(words: Iterable[str], text: str) -> bool:
    have = set(_words(text))
    return all(_forms(w) & have for wanted in words for w in _words(wanted))


def _alternatives(value: str | Sequence[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(_words(a)) for a in ([value] if isinstance(value, str) else value))


def recall_fact(record: Mapping[str, Any]) -> RecallFact:
    speaker = record.get("speaker")
    return RecallFact(id=record["id"], subject=_alternatives(record["subject"]),
                      relation=_alternatives(record["relation"]),
                      object=_alternatives(record.get("object", "")),
                      speaker=tuple(_words(speaker)) if speaker else None,
                      asserted=bool(record.get("asserted", not speaker)), negated=bool(record.get("negated", False)),
                      modality=record.get("modality"), sentence=record.get("sentence", ""),
                      note=record.get("note", ""))


def read_recall(path: Path) -> list[RecallFact]:
    if not path.exists():
        return []
    facts = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                facts.append(recall_fact(json.loads(line)))
            except (ValueError, KeyError, TypeError) as error:
                raise ValueError(f"{path}:{number}: {error}") from error
    return facts


def matches(fact: RecallFact, item: Item) -> bool:
    """Whether a statement carries the fact with the right flags (conservative: every field)."""
    if item.kind != "statement":
        return False
    f = item.fields
    if fact.sentence and not _contains(_words(fact.sentence), item.sentence):
        return False
    if not any(_contains(alternative, f["subject"]) for alternative in fact.subject):
        return False
    if not any(_contains(alternative, f["relation"]) for alternative in fact.relation):
        return False
    object_text = " ".join([f["object"], *f["arguments"]])
    if not any(_contains(alternative, object_text) for alternative in fact.object):
        return False
    if fact.speaker is not None and not (f["speaker"] and _contains(fact.speaker, f["speaker"])):
        return False
    if bool(f["asserted"]) != fact.asserted:
        return False
    if bool(f["negated"]) != fact.negated:
        return False
    return fact.modality is None or f["modality"] == fact.modality


# -- figures -----------------------------------------------------------------------------


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def rule_family(rule: str) -> str:
    """`kgbuild.clauses.v1#attribution` → `clauses#attribution` (the version left out)."""
    if not rule:
        return "(none)"
    base, _, fragment = rule.partition("#")
    name = base.removeprefix("kgbuild.")
    name = re.sub(r"\.v\d+$", "", name)
    return f"{name}#{fragment}" if fragment else name


def figures(items_by_article: Mapping[str, Sequence[Item]], judgments: Mapping[str, Judgment],
            recall: Mapping[str, Sequence[RecallFact]] | None = None) -> dict[str, Any]:
    """The benchmark's figures over judged items (see the module docstring for definitions)."""
    triples: Counter[str] = Counter()
    nodes: Counter[str] = Counter()
    flags: Counter[str] = Counter()
    entity: Counter[str] = Counter()
    by_rule: dict[str, Counter[str]] = defaultdict(Counter)
    counted: Counter[str] = Counter()
    reasonable = 0
    for items in items_by_article.values():
        for item in items:
            counted[item.kind] += 1
            judgment = judgments.get(item.key)
            if judgment is None:
                continue
            counted[item.kind + " judged"] += 1
            if item.kind == "entity":
                entity[judgment.verdict] += 1
                continue
            family = by_rule[rule_family(item.rule)]
            # Plain triples are what `?s ?p ?o` returns; an asserted statement without an
            # object (kg:NoObject) has no triple there and counts as a statement only.
            if item.plain:
                triples[judgment.verdict] += 1
                family[judgment.verdict] += 1
            node = judgment.node_verdict
            nodes[node] += 1
            family["statements"] += 1
            if node != "junk":
                flags.update(judgment.errors)
            # An S triple's node reads right, but the statement is asserted when it must not be.
            if node == "ok" and not judgment.errors and not (item.asserted and judgment.verdict == "S"):
                reasonable += 1
                family["reasonable"] += 1
    triple_total = sum(triples[v] for v in TRIPLE_VERDICTS)
    entity_total = sum(entity.values())
    statements_total = sum(nodes.values())
    result: dict[str, Any] = {
        "articles": len(items_by_article),
        "plain_triples": {"judged": triple_total, **{v: triples[v] for v in TRIPLE_VERDICTS},
                          "precision": _share(triples["C"], triple_total)},
        "statements": {"judged": statements_total, **{v: nodes[v] for v in STATEMENT_VERDICTS},
                       "reasonable": reasonable, "reasonable_share": _share(reasonable, statements_total)},
        "flag_errors": {kind: flags[kind] for kind in FLAG_ERRORS},
        "entities": {"judged": entity_total, **{v: entity[v] for v in ENTITY_VERDICTS},
                     **{f"{v}_share": _share(entity[v], entity_total) for v in ENTITY_VERDICTS if v != "ok"}},
        "by_rule": {name: {"triples": sum(c[v] for v in TRIPLE_VERDICTS), "C": c["C"],
                           "precision": _share(c["C"], sum(c[v] for v in TRIPLE_VERDICTS)),
                           "statements": c["statements"], "reasonable_share": _share(c["reasonable"], c["statements"])}
                    for name, c in sorted(by_rule.items())},
        "judged_share": {
            "statements": _share(counted["statement judged"], counted["statement"]),
            "entities": _share(counted["entity judged"], counted["entity"]),
            "all": _share(counted["statement judged"] + counted["entity judged"], counted["statement"] + counted["entity"]),
            "items": counted["statement"] + counted["entity"],
            "unjudged": counted["statement"] + counted["entity"] - counted["statement judged"] - counted["entity judged"],
        },
    }
    if recall is not None:
        listed = found = 0
        missed = []
        for article, facts in recall.items():
            # A statement the judge found wrong or junk does not carry a fact, whatever it matches.
            statements = [i for i in items_by_article.get(article, ()) if i.kind == "statement"
                          and (i.key not in judgments or judgments[i.key].node_verdict in ("ok", "pronoun"))]
            for fact in facts:
                listed += 1
                if any(matches(fact, s) for s in statements):
                    found += 1
                else:
                    missed.append(f"{article}/{fact.id}")
        result["recall"] = {"listed": listed, "found": found, "share": _share(found, listed), "missed": missed}
    return result


# -- to-do lists and recording verdicts --------------------------------------------------


def describe(item: Item) -> str:
    f = item.fields
    if item.kind == "entity":
        other = f"  (also: {'; '.join(f['otherNames'])})" if f["otherNames"] else ""
        return f"ENTITY {f['label']!r} : {', '.join(f['types'])}{other}"
    flags = [f"modality={f['modality']}", f"negated={str(f['negated']).lower()}"]
    if f["speaker"]:
        flags.append(f"speaker={f['speaker']!r}")
    if f["reportedBy"]:
        flags.append(f"reportedBy=({f['reportedBy']})")
    head = "TRIPLE" if item.asserted else "STATEMENT"
    arguments = "".join(f" + {a}" for a in f["arguments"])
    return (f"{head} {f['subject']} | {f['relation']} | {f['object']}{arguments}\n"
            f"      cue {f['cue']!r}; {'; '.join(flags)}; rule {rule_family(item.rule)}")


def context(sentences: Sequence[tuple[int, int, str]], span: Sequence[int]) -> str:
    index = next((i for i, (b, e, _) in enumerate(sentences) if (b, e) == tuple(span)), None)
    if index is None:
        return ""
    lines = []
    for i in range(max(0, index - 2), min(len(sentences), index + 2)):
        mark = ">>" if i == index else "  "
        lines.append(textwrap.fill(sentences[i][2], 110, initial_indent=f"  {mark} ", subsequent_indent="       "))
    return "\n".join(lines)


def write_todo(folder: Path, article: str, items: Sequence[Item], sentences: Sequence[tuple[int, int, str]],
               judgments: Mapping[str, Judgment]) -> int:
    """`<article>.md` to read (each unjudged item under its sentence and neighbours) and
    `<article>.json` (the same items, for --record). Returns how many are unjudged."""
    todo = [item for item in items if item.key not in judgments]
    folder.mkdir(parents=True, exist_ok=True)
    out = [f"# {article}: {len(todo)} unjudged of {len(items)}", "",
           "Verdict lines for --record: `N VERDICT[/NODE] [error,...] -- reason`",
           f"  asserted (TRIPLE): {' '.join(TRIPLE_VERDICTS)}; STATEMENT: {' '.join(STATEMENT_VERDICTS)}; "
           f"ENTITY: {' '.join(ENTITY_VERDICTS)}", f"  errors: {', '.join(FLAG_ERRORS)}", ""]
    last_sentence = None
    for number, item in enumerate(todo, start=1):
        if item.kind == "statement" and item.fields["sentence"] != last_sentence:
            last_sentence = item.fields["sentence"]
            out += ["", f"## sentence {last_sentence[0]}-{last_sentence[1]}", context(sentences, last_sentence)]
        elif item.kind == "entity" and last_sentence != "entities":
            last_sentence = "entities"
            out += ["", "## entities"]
        out.append(f"{number:3d}. {describe(item)}")
    (folder / f"{article}.md").write_text("\n".join(out) + "\n", encoding="utf-8")
    payload = {"article": article, "items": [{"number": n, "key": i.key, "kind": i.kind, "asserted": i.asserted,
                                              "item": dict(i.fields), "sentence": i.sentence}
                                             for n, i in enumerate(todo, start=1)]}
    (folder / f"{article}.json").write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    return len(todo)


_VERDICT_LINE = re.compile(r"^\s*(\d+)\s+([\w-]+)(?:/([\w-]+))?((?:\s+[a-z][a-z-]*(?:,[a-z][a-z-]*)*)*)\s*(?:--\s*(.*))?$")


def parse_verdicts(lines: Iterable[str]) -> Iterator[tuple[int, str, str | None, tuple[str, ...], str]]:
    """`12 S asserted-reported -- the minister only says so` → (12, "S", None, (...), reason)."""
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _VERDICT_LINE.match(line)
        if not match:
            raise ValueError(f"line {number}: cannot read {line.strip()!r}; write `N VERDICT[/NODE] [errors] -- reason`")
        item, verdict, node, errors, reason = match.groups()
        yield int(item), verdict, node, tuple(e for e in re.split(r"[\s,]+", errors.strip()) if e), (reason or "").strip()


def record(todo_json: Path, verdict_lines: Iterable[str], judgments_folder: Path = JUDGMENTS) -> int:
    """Add the verdicts written against a to-do list to the article's judgments file."""
    payload = json.loads(todo_json.read_text(encoding="utf-8"))
    by_number = {entry["number"]: entry for entry in payload["items"]}
    new = []
    for number, verdict, node, errors, reason in parse_verdicts(verdict_lines):
        if number not in by_number:
            raise ValueError(f"item {number} is not in {todo_json}")
        entry = by_number[number]
        item = Item(entry["kind"], payload["article"], entry["item"], sentence=entry.get("sentence", ""))
        judgment = Judgment(key=entry["key"], kind=entry["kind"], verdict=verdict, statement=node,
                            errors=errors, reason=reason)
        check_judgment(judgment, item)
        new.append(judgment_record(item, judgment))
    path = judgments_folder / f"{payload['article']}.jsonl"
    existing = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()] \
        if path.exists() else []
    write_judgments(path, merge_judgments(existing, new))
    return len(new)


# -- printing ----------------------------------------------------------------------------


def print_figures(result: Mapping[str, Any]) -> None:
    t, s, e = result["plain_triples"], result["statements"], result["entities"]
    share = result["judged_share"]
    print(f"articles {result['articles']}; items {share['items']}, judged {share['all']} "
          f"(statements {share['statements']}, entities {share['entities']}); unjudged {share['unjudged']}")
    if result.get("carried_from_moved_sentences"):
        print(f"  of the judged, {result['carried_from_moved_sentences']} carried from sentences that moved (--carry-moved)")
    print()
    print(f"plain-triple precision  {t['precision']}  (C {t['C']}, W {t['W']}, S {t['S']}, J {t['J']}; {t['judged']} judged)")
    print(f"statement nodes reasonable  {s['reasonable_share']}  ({s['reasonable']} of {s['judged']}; "
          + ", ".join(f"{v} {s[v]}" for v in STATEMENT_VERDICTS) + ")")
    print(f"reported, quoted, hedged, planned or asked content asserted (S triples)  {t['S']}")
    print("\nflag errors (non-junk statements)")
    for kind, count in result["flag_errors"].items():
        print(f"  {count:4d}  {FLAG_ERRORS[kind]}")
    print(f"\nentities ({e['judged']} judged): " + ", ".join(
        f"{v} {e[v]} ({e[v + '_share']})" for v in ENTITY_VERDICTS if v != "ok"))
    print(f"\n{'rule family':42} {'triples':>7} {'C':>4} {'prec':>6} {'stmts':>6} {'reasonable':>10}")
    for name, r in result["by_rule"].items():
        print(f"{name:42} {r['triples']:7d} {r['C']:4d} {str(r['precision']):>6} {r['statements']:6d} "
              f"{str(r['reasonable_share']):>10}")
    if result.get("by_source"):
        print(f"\n{'source':14} {'articles':>8} {'triples':>7} {'prec':>6} {'reasonable':>10} {'recall':>6} {'judged':>6}")
        for source, b in result["by_source"].items():
            print(f"{source:14} {b['articles']:8d} {b['triples']:7d} {str(b['precision']):>6} "
                  f"{str(b['reasonable_share']):>10} {str(b['recall']):>6} {str(b['judged_share']):>6}")
    if "recall" in result:
        r = result["recall"]
        print(f"\nrecall on the judge's list  {r['share']}  ({r['found']} of {r['listed']})")
        if r["missed"]:
            print("  missed: " + ", ".join(r["missed"]))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", nargs="+", metavar="ID", help="only these dev-set articles")
    parser.add_argument("--todo", type=Path, metavar="DIR", help="write each article's unjudged items to DIR/<id>.md + .json")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--carry-moved", action="store_true",
                        help="an unjudged statement takes the verdict of one that reads the same in the same sentence "
                             "text at other offsets (the text before it changed); the count is printed")
    parser.add_argument("--record", nargs=2, type=Path, metavar=("TODO_JSON", "VERDICTS"),
                        help="add verdicts written against a to-do list to the judgments; builds nothing")
    options = parser.parse_args(argv)
    if options.record:
        try:
            with options.record[1].open(encoding="utf-8") as lines:
                count = record(options.record[0], lines)
        except (OSError, ValueError) as error:
            print(f"precision: {error}", file=sys.stderr)
            return 1
        print(f"recorded {count} verdicts")
        return 0
    entries = dev_set()
    if options.articles:
        unknown = sorted(set(options.articles) - {e["id"] for e in entries})
        if unknown:
            print(f"precision: not in the dev set ({DEV_SET}): {', '.join(unknown)}", file=sys.stderr)
            return 1
        entries = [e for e in entries if e["id"] in set(options.articles)]
    articles = load_articles(entries)
    built = build_items(articles, progress=None if options.json else
                        lambda a, n: print(f"built {a}: {n} items", file=sys.stderr))
    judgments: dict[str, Judgment] = {}
    recall: dict[str, list[RecallFact]] = {}
    try:
        for article in built:
            judgments.update(read_judgments(JUDGMENTS / f"{article}.jsonl"))
            recall[article] = read_recall(RECALL / f"{article}.jsonl")
    except ValueError as error:
        print(f"precision: {error}", file=sys.stderr)
        return 1
    items_of = {a: items for a, (items, _) in built.items()}
    carried = 0
    if options.carry_moved:
        for article, items in items_of.items():
            carried += carry_moved(items, judgments, read_moved(JUDGMENTS / f"{article}.jsonl"))
    result = figures(items_of, judgments, recall)
    result["carried_from_moved_sentences"] = carried
    source_of = {e["id"]: e["source"] for e in entries}
    result["by_source"] = {}
    for source in sorted(set(source_of.values())):
        part = figures({a: i for a, i in items_of.items() if source_of[a] == source}, judgments,
                       {a: f for a, f in recall.items() if source_of[a] == source})
        result["by_source"][source] = {"articles": part["articles"], "precision": part["plain_triples"]["precision"],
                                       "triples": part["plain_triples"]["judged"],
                                       "reasonable_share": part["statements"]["reasonable_share"],
                                       "recall": part["recall"]["share"], "judged_share": part["judged_share"]["all"]}
    if options.todo:
        todo = {a: write_todo(options.todo, a, items, sentences, judgments) for a, (items, sentences) in built.items()}
        result["todo"] = {"folder": str(options.todo), "unjudged": todo}
    if options.json:
        print(json.dumps(result, indent=1))
    else:
        print_figures(result)
        if options.todo:
            left = ", ".join(f"{a} {n}" for a, n in result["todo"]["unjudged"].items() if n)
            print(f"\nto-do lists in {options.todo}: {left or 'nothing left to judge'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
