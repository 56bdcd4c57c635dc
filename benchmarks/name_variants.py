"""One name written several ways across articles: is it one node? Run by hand:

    .venv/bin/python benchmarks/name_variants.py [--per-form 8]

For each family of spellings below, the first `--per-form` articles of the BBC and
Reuters-21578 corpora (in corpus order, none held out: not in
`../shared/precision/holdout.txt`, no id ending in 4) whose text writes that spelling as
a whole word are built together into one graph; the script prints, per family, the entity
nodes whose label or other name is one of the spellings. One node per family is the aim.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import kgbuild
from kgbuild.types import Article

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPORA = [SHARED / "corpora" / "bbc" / "articles.jsonl", SHARED / "corpora" / "reuters21578" / "articles.jsonl"]

FAMILIES = {
    "United States": ["US", "U.S."],
    "United Kingdom": ["UK", "U.K."],
    "Time Warner": ["Time Warner", "TimeWarner"],
    "Securities and Exchange Commission": ["Securities and Exchange Commission",
                                           "U.S. Securities and Exchange Commission", "SEC"],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-form", type=int, default=8)
    options = parser.parse_args()
    held_out = {line.strip() for line in (SHARED / "precision" / "holdout.txt").open()
                if line.strip() and not line.startswith("#")}
    chosen: dict[str, Article] = {}
    for forms in FAMILIES.values():
        for form in forms:
            pattern = re.compile(rf"(?<![\w.]){re.escape(form)}(?![\w-])")
            for corpus in CORPORA:
                found = 0
                for line in corpus.open(encoding="utf-8"):
                    record = json.loads(line)
                    if record["id"] in held_out or record["id"][-1] == "4" or not pattern.search(record["text"]):
                        continue
                    chosen.setdefault(record["id"], Article(id=record["id"], text=record["text"],
                                                            title=record.get("title")))
                    found += 1
                    if found >= options.per_form:
                        break
    graph = kgbuild.build(list(chosen.values()), on_error=lambda error: print(f"skipped: {error}"))
    names: dict[str, set[str]] = {}
    for entity, name in graph.query("SELECT ?e ?n { ?e a kg:Entity . { ?e rdfs:label ?n } UNION { ?e skos:altLabel ?n } }"):
        names.setdefault(str(entity), set()).add(str(name))
    print(f"{len(chosen)} articles\n")
    print(f"{'family':38} {'nodes':>5}  nodes (label: other names)")
    for family, forms in FAMILIES.items():
        nodes = sorted(e for e, n in names.items() if n & set(forms))
        shown = "; ".join(f"{e.rsplit('/', 2)[-2]}/{e.rsplit('/', 1)[-1]}" for e in nodes)
        print(f"{family:38} {len(nodes):5}  {shown[:120]}")


if __name__ == "__main__":
    main()
