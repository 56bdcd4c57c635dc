"""One node per real thing? The 30 most mentioned people and organisations of a corpus,
how many nodes each became, and every merge of two different full names. Run by hand:

    .venv/bin/python benchmarks/entities.py [CORPUS ...] [--only bbc|html] [--limit N]

Without CORPUS it builds and reports two corpora in turn: the BBC articles
(../shared/corpora/bbc/articles.jsonl) and the same-story HTML pages of several outlets
(../shared/corpora/html/pages: WeWork, plague in China, NASA lunar landers, Ilhan Omar;
see its manifest.jsonl), read by `kgbuild.ingest` as any .html input is.
"""

from __future__ import annotations

import argparse
import itertools
import json
import time
from collections import defaultdict
from pathlib import Path

import kgbuild
from kgbuild.resolve.names import variant_form
from kgbuild.types import Article

SHARED = Path(__file__).resolve().parents[2] / "shared"
BBC = SHARED / "corpora" / "bbc" / "articles.jsonl"
HTML = SHARED / "corpora" / "html" / "pages"

#: Every person and organisation node with its articles; the top 30 are ranked by name
#: over all its nodes, so that a name split into several small nodes is not left out.
PEOPLE_AND_ORGANISATIONS = """
SELECT ?entity ?label ?kind (COUNT(DISTINCT ?article) AS ?articles) WHERE {
  ?entity a kg:Entity ; rdfs:label ?label ; a ?class ; kg:mentionedIn ?article .
  VALUES (?class ?kind) { (schema:Person "person") (schema:Organization "organization") }
} GROUP BY ?entity ?label ?kind"""

ALL_NAMES = """
SELECT ?entity ?name WHERE {
  ?entity a kg:Entity .
  { ?entity rdfs:label ?name } UNION { ?entity skos:altLabel ?name }
}"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="*", type=Path)
    parser.add_argument("--only", choices=("bbc", "html"), help="build only this one of the two default corpora")
    parser.add_argument("--limit", type=int, default=None, help="first N articles of the BBC corpus")
    options = parser.parse_args()
    if options.corpus:
        report(", ".join(map(str, options.corpus)), lambda: kgbuild.build(options.corpus, on_error=lambda e: None))
        return
    if options.only in (None, "bbc"):
        report(f"BBC News ({BBC})", lambda: _build_bbc(options.limit))
    if options.only in (None, "html"):
        report(f"same-story HTML pages ({HTML})", lambda: kgbuild.build([HTML], on_error=lambda e: None))


def _build_bbc(limit: int | None):
    with BBC.open() as lines:
        records = [json.loads(line) for line in itertools.islice(lines, limit)]
    return kgbuild.build([Article(id=r["id"], text=r["text"], title=r.get("title")) for r in records],
                         on_error=lambda error: print(f"skipped: {error}"))


def report(name: str, build) -> None:
    """Build a corpus and print its table of top entities and its wrong merges."""
    started = time.perf_counter()
    graph = build()
    print(f"== {name}\n{graph.summary} ({time.perf_counter() - started:.0f} s)\n")

    names_of: dict[str, set[str]] = defaultdict(set)
    label_of: dict[str, str] = {}
    for entity, name in graph.query(ALL_NAMES):
        names_of[str(entity)].add(str(name))
    for entity, name in graph.query("SELECT ?e ?n { ?e a kg:Entity ; rdfs:label ?n }"):
        label_of[str(entity)] = str(name)
    print(f"{'entity':32} {'kind':12} {'articles':>8} {'nodes':>5}  other nodes")
    splits = 0
    for entity, label, kind, articles in _top_names(graph.query(PEOPLE_AND_ORGANISATIONS)):
        others = sorted(f"{label_of[e]} ({e.rsplit('/', 2)[-2]})" for e in label_of if e != str(entity)
                        and refers_to_same(str(label), str(kind), label_of[e]))
        splits += bool(others)
        print(f"{str(label)[:32]:32} {str(kind):12} {int(articles):8} {1 + len(others):5}  {', '.join(others)[:60]}")
    merged = wrong_merges(graph, names_of)
    wrong = [(a, b) for a, b in merged if not one_name_two_ways(a, b)]
    print(f"\n{30 - splits}/30 top entities are one node; merges of two different full names: {len(wrong)}")
    for label, alias in wrong:
        print(f"  {label} <- {alias}")
    variants = [(a, b) for a, b in merged if one_name_two_ways(a, b)]
    print(f"one name written two ways (a middle initial, a nickname, punctuation) in one node: {len(variants)}")
    for label, alias in variants:
        print(f"  {label} <- {alias}")
    print()


def one_name_two_ways(one: str, other: str) -> bool:
    """ "George W. Bush" / "George W Bush", "Dave Collins" / "David Collins": the variants
    resolution may join (`kgbuild.resolve.names`), not two different full names."""
    return variant_form(one, person=True, nicknames=True, initials=True) == variant_form(
        other, person=True, nicknames=True, initials=True)


def _top_names(nodes, count: int = 30) -> list[tuple]:
    """The `count` names with the most articles over all their nodes, each as its largest
    node (entity, label, kind, articles of that name)."""
    by_name: dict[str, list[tuple]] = defaultdict(list)
    for entity, label, kind, articles in nodes:
        by_name[str(label).casefold()].append((entity, label, kind, int(articles)))
    ranked = sorted(by_name.values(), key=lambda group: (-sum(g[3] for g in group), str(group[0][1])))
    top = []
    for group in ranked[:count]:
        entity, label, kind, _ = max(group, key=lambda g: (g[3], str(g[0])))
        top.append((entity, label, kind, sum(g[3] for g in group)))
    return top


def refers_to_same(label: str, kind: str, other: str) -> bool:
    """Another node named the same (under another type), or (for a person) named by the
    bare surname of this one."""
    if other.casefold() == label.casefold():
        return True
    words = label.split()
    return kind == "person" and len(words) > 1 and other == words[-1]


def wrong_merges(graph, names_of: dict[str, set[str]]) -> list[tuple[str, str]]:
    """Person nodes holding two full names with one surname but different first names."""
    wrong = []
    for entity, names in names_of.items():
        if "/entity/person/" not in entity:
            continue
        full = [n for n in names if len(n.split()) > 1]
        for a, b in itertools.combinations(sorted(full), 2):
            short, long = sorted((a.casefold().split(), b.casefold().split()), key=len)
            if long[-len(short):] == short:
                continue  # "De Niro" and "Robert De Niro": one name within the other
            if a.split()[-1].casefold() == b.split()[-1].casefold():
                wrong.append((a, b))
    return wrong


if __name__ == "__main__":
    main()
